//! Tables for people: no borders (so cells copy cleanly), a rule under the header, nothing
//! ever wrapped or cut. `urls --format table` and the listing commands use it.

use comfy_table::{presets, Attribute, Cell, ContentArrangement, Table, TableComponent};

use super::Renderer;
use crate::diagnostic::printable;
use crate::error::Error;
use crate::rows::Row;

/// `urls --format table`: Campaign, Goal, Postback URL; the column widths need every row.
pub struct UrlTable {
    color: bool,
    cells: Vec<Vec<String>>,
}

impl UrlTable {
    pub fn new(color: bool) -> Self {
        UrlTable {
            color,
            cells: Vec::new(),
        }
    }
}

impl<'c> Renderer<'c> for UrlTable {
    fn row(&mut self, row: Row<'c>, _out: &mut Vec<u8>) -> Result<(), Error> {
        let campaign = match row.campaign_id {
            Some(id) => format!("{id} {}", row.campaign),
            None => row.campaign.to_string(),
        };
        self.cells
            .push(vec![campaign, row.goal.to_string(), row.url]);
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut Vec<u8>) -> Result<(), Error> {
        let header = ["Campaign", "Goal", "Postback URL"];
        grid(&header, self.cells, self.color, out);
        Ok(())
    }
}

/// Writes a table of `rows` under `header`. Cells come from the file: control characters
/// are replaced so they never drive the terminal.
pub fn grid<I>(header: &[&str], rows: I, color: bool, out: &mut Vec<u8>)
where
    I: IntoIterator<Item = Vec<String>>,
{
    let mut table = Table::new();
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
        out.extend_from_slice(line.trim_end().as_bytes());
        out.push(b'\n');
    }
}
