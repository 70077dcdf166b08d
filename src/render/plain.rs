//! `plain`: the URLs, one per line, nothing else.

use crate::rows::Row;

pub fn render(rows: &[Row<'_>], out: &mut Vec<u8>) {
    for row in rows {
        out.extend_from_slice(row.url.as_bytes());
        out.push(b'\n');
    }
}
