//! `json`: one pretty-printed array of row objects; missing values are `null`.

use crate::error::Error;
use crate::rows::Row;

pub fn render(rows: &[Row<'_>], out: &mut Vec<u8>) -> Result<(), Error> {
    out.extend_from_slice(&crate::output::json(rows)?);
    Ok(())
}
