//! Tables for people: no borders (so cells copy cleanly), a rule under the header, nothing
//! ever wrapped or cut.

use std::io::Write;

use comfy_table::{presets, Attribute, Cell, ContentArrangement, TableComponent};

use super::{Record, Sink};
use crate::diagnostic::printable;
use crate::error::Error;

/// A table of records; the column widths need every row, so rows are kept until the end.
pub struct Table {
    color: bool,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(color: bool) -> Self {
        Table {
            color,
            rows: Vec::new(),
        }
    }
}

impl<R: Record> Sink<R> for Table {
    fn record(&mut self, record: R, _out: &mut dyn Write) -> Result<(), Error> {
        self.rows.extend(record.table_rows());
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error> {
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
