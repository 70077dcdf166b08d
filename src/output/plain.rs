//! `plain`: each record as its own lines, nothing else.

use std::io::Write;

use super::{Record, Sink};
use crate::error::Error;

pub struct Plain;

impl<R: Record> Sink<R> for Plain {
    fn record(&mut self, record: R, out: &mut dyn Write) -> Result<(), Error> {
        record.plain(out)
    }

    fn finish(self: Box<Self>, _out: &mut dyn Write) -> Result<(), Error> {
        Ok(())
    }
}
