//! Tables for people: no borders (so cells copy cleanly), a rule under the header, nothing
//! ever wrapped or cut.

use std::io::Write;

use comfy_table::{presets, ContentArrangement, TableComponent};

use super::{Record, Sink};
use crate::diagnostic::printable;
use crate::error::Error;

/// How many rows a table holds before it is written: a table's column widths need its rows,
/// so a long output is written in pages of this many, each under its own header, and memory
/// stays bounded (`check` of a large log on a terminal).
pub const PAGE: usize = 1000;

/// A table of records, written a page at a time.
pub struct Table {
    color: bool,
    rows: Vec<Vec<String>>,
    /// Whether a page was written: then an empty last page is not.
    paged: bool,
}

impl Table {
    pub fn new(color: bool) -> Self {
        Table {
            color,
            rows: Vec::new(),
            paged: false,
        }
    }
}

impl<R: Record> Sink<R> for Table {
    fn record(&mut self, record: R, out: &mut dyn Write) -> Result<(), Error> {
        self.rows.extend(record.table_rows());
        if self.rows.len() >= PAGE {
            grid(
                R::table_header(),
                std::mem::take(&mut self.rows),
                self.color,
                out,
            )?;
            out.write_all(b"\n")?;
            self.paged = true;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error> {
        if self.paged && self.rows.is_empty() {
            return Ok(());
        }
        grid(R::table_header(), self.rows, self.color, out)
    }
}

/// Writes a table of `rows` under `header`. Cells come from the file: control characters
/// are replaced so they never drive the terminal.
///
/// When the table is wider than the terminal (`COLUMNS`, else the terminal's own width),
/// each row becomes a block instead: `Header: value` lines, a URL alone on its line, so a
/// URL is never cut, wrapped inside a cell or pushed across lines by padding.
pub fn grid<I>(header: &[&str], rows: I, color: bool, out: &mut dyn Write) -> Result<(), Error>
where
    I: IntoIterator<Item = Vec<String>>,
{
    let rows: Vec<Vec<String>> = (rows.into_iter())
        .map(|row| {
            row.iter()
                .map(|cell| printable(cell).into_owned())
                .collect()
        })
        .collect();
    let lines = lay_out(header, &rows);
    let too_wide = |width: &usize| lines.iter().any(|line| line.chars().count() > *width);
    if let Some(width) = terminal_width().filter(too_wide) {
        return blocks(header, &rows, width, color, out);
    }
    for (at, line) in lines.iter().enumerate() {
        // The header is styled here, after trimming: comfy-table would style its padding.
        if at == 0 && color {
            write!(out, "{BOLD}{line}{RESET}")?;
        } else {
            out.write_all(line.as_bytes())?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The table's lines, without colour and without trailing blanks.
fn lay_out(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_style(TableComponent::HeaderLines, '─')
        .set_style(TableComponent::MiddleHeaderIntersections, '─')
        // Disabled is the only arrangement that never wraps a cell.
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty()
        .set_header(header);
    for row in rows {
        table.add_row(row);
    }
    // comfy-table pads the last column to its widest cell: trailing blanks only get in the
    // way of copying a URL.
    (table.lines())
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// Each row as a block: `Header: value` for each filled cell, a URL column's value alone
/// on its line, a blank line between blocks.
fn blocks(
    header: &[&str],
    rows: &[Vec<String>],
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    for (at, row) in rows.iter().enumerate() {
        if at > 0 {
            out.write_all(b"\n")?;
        }
        for (title, cell) in header.iter().zip(row) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            if title.contains("URL") {
                writeln!(out, "{cell}")?;
                continue;
            }
            if color {
                write!(out, "{BOLD}{title}:{RESET}")?;
            } else {
                write!(out, "{title}:")?;
            }
            // Text wraps under itself; a word wider than the room (a hit's URL) takes a
            // line of its own, whole.
            let indent = title.chars().count() + 2;
            let room = width.saturating_sub(indent);
            for (n, line) in wrap(cell, room).iter().enumerate() {
                match (n, line.chars().count() > room) {
                    (0, false) => writeln!(out, " {line}")?,
                    (0, true) => writeln!(out, "\n{line}")?,
                    (_, false) => writeln!(out, "{:indent$}{line}", "")?,
                    (_, true) => writeln!(out, "{line}")?,
                }
            }
        }
    }
    Ok(())
}

/// `text` in lines of at most `width` characters, broken between words; a longer word is a
/// line by itself.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let grown = line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && grown > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// The width tables must fit: `COLUMNS` when set (so scripts and tests can pin it), else the
/// terminal's when standard output is one, else none (a pipe takes any width).
fn terminal_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS").ok();
    if let Some(columns) = columns.and_then(|c| c.trim().parse::<usize>().ok()) {
        return Some(columns).filter(|&c| c > 0);
    }
    let (terminal_size::Width(width), _) = terminal_size::terminal_size_of(std::io::stdout())?;
    Some(usize::from(width))
}
