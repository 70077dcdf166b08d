//! `json`: one pretty-printed array of row objects; missing values are `null`.

use crate::error::Error;
use crate::rows::Row;

pub fn render(rows: &[Row<'_>], out: &mut Vec<u8>) -> Result<(), Error> {
    serde_json::to_writer_pretty(&mut *out, rows)
        .map_err(|e| Error::Io(format!("cannot write JSON: {e}")))?;
    out.push(b'\n');
    Ok(())
}
