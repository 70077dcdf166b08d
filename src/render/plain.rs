//! `plain`: the URLs, one per line, nothing else.

use super::Renderer;
use crate::error::Error;
use crate::rows::Row;

pub struct Plain;

impl<'c> Renderer<'c> for Plain {
    fn row(&mut self, row: Row<'c>, out: &mut Vec<u8>) -> Result<(), Error> {
        out.extend_from_slice(row.url.as_bytes());
        out.push(b'\n');
        Ok(())
    }

    fn finish(self: Box<Self>, _out: &mut Vec<u8>) -> Result<(), Error> {
        Ok(())
    }
}
