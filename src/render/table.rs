//! `table`: Campaign, Goal, Postback URL for people; URLs are never wrapped or cut.

use comfy_table::{presets, Attribute, Cell, ContentArrangement, Table, TableComponent};

use crate::diagnostic::printable;

use crate::rows::Row;

pub fn render(rows: &[Row<'_>], color: bool, out: &mut Vec<u8>) {
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
    let header = ["Campaign", "Goal", "Postback URL"].map(|title| {
        let cell = Cell::new(title);
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    });
    table.set_header(header);
    for row in rows {
        // Names come from the file: never let them drive the terminal.
        let campaign = match row.campaign_id {
            Some(id) => format!("{id} {}", printable(row.campaign)),
            None => row.campaign.to_string(),
        };
        table.add_row([campaign, printable(row.goal), row.url.clone()]);
    }
    // comfy-table pads the last column to its widest cell: trailing blanks only get in the
    // way of copying a URL.
    for line in table.lines() {
        out.extend_from_slice(line.trim_end().as_bytes());
        out.push(b'\n');
    }
}
