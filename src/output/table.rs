//! Tables for people: no borders (so cells copy cleanly), a rule under the header, nothing
//! ever wrapped or cut.

use std::io::Write;

use comfy_table::{presets, Attribute, Cell, ContentArrangement, TableComponent};

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
pub fn grid<I>(header: &[&str], rows: I, color: bool, out: &mut dyn Write) -> Result<(), Error>
where
    I: IntoIterator<Item = Vec<String>>,
{
    let mut table = comfy_table::Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_style(TableComponent::HeaderLines, '─')
        .set_style(TableComponent::MiddleHeaderIntersections, '─')
        // Disabled is the only arrangement that never wraps a cell.
        .set_content_arrangement(ContentArrangement::Disabled);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(header.iter().map(|title| {
        let cell = Cell::new(title);
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for row in rows {
        table.add_row(row.iter().map(|cell| printable(cell)));
    }
    // comfy-table pads the last column to its widest cell: trailing blanks only get in the
    // way of copying a URL.
    for line in table.lines() {
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
