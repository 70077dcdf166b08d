//! `json`: one pretty-printed array of row objects; missing values are `null`.

use super::Renderer;
use crate::error::Error;
use crate::output::JsonArray;
use crate::rows::Row;

#[derive(Default)]
pub struct Json(JsonArray);

impl<'c> Renderer<'c> for Json {
    fn row(&mut self, row: Row<'c>, out: &mut Vec<u8>) -> Result<(), Error> {
        self.0.element(&row, out)
    }

    fn finish(self: Box<Self>, out: &mut Vec<u8>) -> Result<(), Error> {
        self.0.finish(out);
        Ok(())
    }
}
