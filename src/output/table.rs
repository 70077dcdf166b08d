//! Tables for people: no borders (so cells copy cleanly), a rule under the header, a URL
//! never wrapped or cut.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::{Record, Sink};
use crate::diagnostic::{cut_text, printable};
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
/// are replaced so they never drive the terminal, and free text (a name, a message) is cut
/// around a `…` as every message is, so that any file lays out in milliseconds (a table of
/// a 65,535-character name took a minute). A URL or link column, whose header says so, is
/// whole.
///
/// When the table is wider than the terminal (`COLUMNS`, else the terminal's own width),
/// each row becomes a block instead: `Header: value` lines, a URL alone on its line, so a
/// URL is never cut, wrapped inside a cell or pushed across lines by padding.
pub fn grid<I>(header: &[&str], rows: I, color: bool, out: &mut dyn Write) -> Result<(), Error>
where
    I: IntoIterator<Item = Vec<String>>,
{
    let whole = |column: usize| {
        header
            .get(column)
            .is_some_and(|title| title.contains("URL") || title.contains("link"))
    };
    let rows: Vec<Vec<String>> = (rows.into_iter())
        .map(|row| {
            (row.iter().enumerate())
                .map(|(column, cell)| match whole(column) {
                    true => printable(cell).into_owned(),
                    false => cut_text(printable(cell)),
                })
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

/// The table's lines, without colour and without trailing blanks: each cell left-aligned
/// with a blank on either side, columns one blank apart, a rule under the header. Laid out
/// in one pass over the cells (comfy-table, which wrote the same lines, took a minute on a
/// cell of 65,535 characters with blanks in it, even with wrapping disabled).
fn lay_out(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    let columns = (rows.iter().map(Vec::len)).fold(header.len(), usize::max);
    // A column is at least one character wide, even when all its cells are empty.
    let mut widths = vec![1; columns];
    let cells = std::iter::once(header.iter().map(|h| h.width()).collect::<Vec<_>>()).chain(
        rows.iter()
            .map(|row| row.iter().map(|c| c.width()).collect()),
    );
    for row in cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell);
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut line = String::new();
        for (column, &width) in widths.iter().enumerate() {
            let cell = cells.next().unwrap_or("");
            if column > 0 {
                line.push(' ');
            }
            line.push(' ');
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', width - cell.width() + 1));
        }
        line.truncate(line.trim_end().len());
        line
    };
    let rule_width = widths.iter().map(|w| w + 2).sum::<usize>() + columns.saturating_sub(1);
    let mut lines = vec![line(&mut header.iter().copied()), "─".repeat(rule_width)];
    lines.extend(
        rows.iter()
            .map(|row| line(&mut row.iter().map(String::as_str))),
    );
    lines
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines comfy-table writes for the same cells, which tables were laid out with
    /// before: every table keeps its bytes.
    fn comfy(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
        use comfy_table::{presets, ContentArrangement, TableComponent};
        let mut table = comfy_table::Table::new();
        table
            .load_preset(presets::NOTHING)
            .set_style(TableComponent::HeaderLines, '─')
            .set_style(TableComponent::MiddleHeaderIntersections, '─')
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty()
            .set_header(header);
        for row in rows {
            table.add_row(row);
        }
        (table.lines())
            .map(|line| line.trim_end().to_string())
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn tables_are_laid_out_as_comfy_table_did(
            header in proptest::collection::vec("[A-Za-z ]{1,8}", 1..5),
            rows in proptest::collection::vec(
                proptest::collection::vec("([a-z0-9 ?{}=&:/.]|é|漢|🙂){0,12}", 0..6),
                1..6,
            ),
        ) {
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            // comfy-table trims a cell's own trailing blanks only where it pads; give it
            // the cells postback gives it: printable, one line.
            proptest::prop_assert_eq!(lay_out(&header, &rows), comfy(&header, &rows));
        }
    }

    #[test]
    fn a_long_cell_with_blanks_is_one_line_whole() {
        // 80,000 characters with blanks (comfy-table took seconds on one; the end-to-end
        // test in tests/suite/tables.rs guards the time with a timeout).
        let long = "w ".repeat(40_000);
        let lines = lay_out(&["Postback URL"], &[vec![long.clone()]]);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2], format!(" {}", long.trim_end()));
    }
}
