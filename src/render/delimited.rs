//! `tsv` and `csv`: a header and one row per URL.

use super::{fields, COLUMNS};
use crate::error::Error;
use crate::rows::Row;

/// Tab-separated; tabs and line breaks inside values become spaces.
pub fn render_tsv(rows: &[Row<'_>], out: &mut Vec<u8>) {
    out.extend_from_slice(COLUMNS.join("\t").as_bytes());
    out.push(b'\n');
    for row in rows {
        for (index, field) in fields(row).iter().enumerate() {
            if index > 0 {
                out.push(b'\t');
            }
            out.extend(field.bytes().map(|b| {
                if matches!(b, b'\t' | b'\n' | b'\r') {
                    b' '
                } else {
                    b
                }
            }));
        }
        out.push(b'\n');
    }
}

/// RFC 4180 quoting, by the csv crate.
pub fn render_csv(rows: &[Row<'_>], out: &mut Vec<u8>) -> Result<(), Error> {
    let mut writer = csv::Writer::from_writer(out);
    let failed = |e: csv::Error| Error::Io(format!("cannot write CSV: {e}"));
    writer.write_record(COLUMNS).map_err(failed)?;
    for row in rows {
        writer
            .write_record(fields(row).iter().map(|f| f.as_bytes()))
            .map_err(failed)?;
    }
    writer
        .flush()
        .map_err(|e| Error::Io(format!("cannot write CSV: {e}")))
}
