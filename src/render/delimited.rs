//! `tsv` and `csv`: a header and one row per URL.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use super::{fields, Renderer, COLUMNS};
use crate::error::Error;
use crate::rows::Row;

/// Tab-separated; tabs and line breaks inside values become spaces.
pub struct Tsv;

impl<'c> Renderer<'c> for Tsv {
    fn begin(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        out.extend_from_slice(COLUMNS.join("\t").as_bytes());
        out.push(b'\n');
        Ok(())
    }

    fn row(&mut self, row: Row<'c>, out: &mut Vec<u8>) -> Result<(), Error> {
        for (index, field) in fields(&row).iter().enumerate() {
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
        Ok(())
    }

    fn finish(self: Box<Self>, _out: &mut Vec<u8>) -> Result<(), Error> {
        Ok(())
    }
}

/// RFC 4180 quoting, by the csv crate. It writes into a buffer shared with the renderer,
/// which hands the bytes on after every record.
pub struct Csv {
    writer: csv::Writer<SharedBuffer>,
    buffer: SharedBuffer,
}

#[derive(Clone, Default)]
struct SharedBuffer(Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Csv {
    pub fn new() -> Self {
        let buffer = SharedBuffer::default();
        Csv {
            writer: csv::Writer::from_writer(buffer.clone()),
            buffer,
        }
    }

    fn drain(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        self.writer
            .flush()
            .map_err(|e| Error::Io(format!("cannot write CSV: {e}")))?;
        out.append(&mut self.buffer.0.borrow_mut());
        Ok(())
    }
}

fn failed(e: csv::Error) -> Error {
    Error::Io(format!("cannot write CSV: {e}"))
}

impl<'c> Renderer<'c> for Csv {
    fn begin(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        self.writer.write_record(COLUMNS).map_err(failed)?;
        self.drain(out)
    }

    fn row(&mut self, row: Row<'c>, out: &mut Vec<u8>) -> Result<(), Error> {
        self.writer
            .write_record(fields(&row).iter().map(|f| f.as_bytes()))
            .map_err(failed)?;
        self.drain(out)
    }

    fn finish(mut self: Box<Self>, out: &mut Vec<u8>) -> Result<(), Error> {
        self.drain(out)
    }
}
