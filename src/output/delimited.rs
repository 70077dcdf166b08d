//! `tsv` and `csv`: a header and one line per record row. Free text from the file never
//! breaks a line or carries a control character into a field.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use super::{Record, Sink};
use crate::diagnostic::one_line;
use crate::error::Error;

/// Tab-separated; tabs and line breaks inside values become spaces.
pub struct Tsv;

impl<R: Record> Sink<R> for Tsv {
    fn begin(&mut self, out: &mut dyn Write) -> Result<(), Error> {
        out.write_all(R::delimited_header().join("\t").as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    }

    fn record(&mut self, record: R, out: &mut dyn Write) -> Result<(), Error> {
        for row in record.delimited_rows() {
            let mut line = Vec::with_capacity(256);
            for (index, field) in row.iter().enumerate() {
                if index > 0 {
                    line.push(b'\t');
                }
                line.extend_from_slice(one_line(field).as_bytes());
            }
            line.push(b'\n');
            out.write_all(&line)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _out: &mut dyn Write) -> Result<(), Error> {
        Ok(())
    }
}

/// RFC 4180 quoting, by the csv crate. It writes into a buffer shared with the sink, which
/// hands the bytes on after every record.
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

    fn write<F: AsRef<[u8]>>(
        &mut self,
        fields: impl IntoIterator<Item = F>,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        self.writer.write_record(fields).map_err(failed)?;
        self.writer.flush()?;
        let mut bytes = self.buffer.0.borrow_mut();
        out.write_all(&bytes)?;
        bytes.clear();
        Ok(())
    }
}

fn failed(e: csv::Error) -> Error {
    Error::new(crate::error::Kind::Io, format!("cannot write CSV: {e}"))
}

impl<R: Record> Sink<R> for Csv {
    fn begin(&mut self, out: &mut dyn Write) -> Result<(), Error> {
        self.write(R::delimited_header(), out)
    }

    fn record(&mut self, record: R, out: &mut dyn Write) -> Result<(), Error> {
        for row in record.delimited_rows() {
            let fields: Vec<_> = row.iter().map(|f| one_line(f)).collect();
            self.write(fields.iter().map(|f| f.as_bytes()), out)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _out: &mut dyn Write) -> Result<(), Error> {
        Ok(())
    }
}
