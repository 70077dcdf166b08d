//! `json`: one pretty-printed array of records, written one record at a time (the same
//! bytes as serializing the whole array, without holding it).

use std::io::Write;

use serde::Serialize;

use super::{Record, Sink};
use crate::error::Error;

#[derive(Default)]
pub struct JsonArray {
    started: bool,
}

impl<R: Record> Sink<R> for JsonArray {
    fn record(&mut self, record: R, out: &mut dyn Write) -> Result<(), Error> {
        out.write_all(if self.started { b",\n  " } else { b"[\n  " })?;
        self.started = true;
        let mut element = Vec::new();
        write_pretty(&record, &mut element)?;
        // Indent the element one level; JSON strings hold no raw line break.
        for (index, line) in element.split(|&b| b == b'\n').enumerate() {
            if index > 0 {
                out.write_all(b"\n  ")?;
            }
            out.write_all(line)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error> {
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })?;
        Ok(())
    }
}

/// `value` as pretty-printed JSON, the one serializer of every JSON output.
pub fn write_pretty<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> Result<(), Error> {
    serde_json::to_writer_pretty(out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => Error::from(std::io::Error::new(kind, e)),
        None => Error::new(crate::error::Kind::Io, format!("cannot write JSON: {e}")),
    })
}
