//! Output formats for URL rows: one module per format, each a [`Renderer`].
//!
//! Rows go in one at a time: a format that can write a row at once (plain, TSV, CSV, JSON,
//! Markdown) does, so `urls` streams; a table or an email needs every row first and writes
//! at [`Renderer::finish`].

mod delimited;
pub mod email;
mod json;
mod markdown;
mod plain;
pub mod table;

use crate::config::Config;
use crate::error::Error;
use crate::rows::Row;

/// `--format` of `urls`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Columns Campaign, Goal, Postback URL (the default on a terminal)
    Table,
    /// The URLs, one per line (the default when piped)
    Plain,
    /// Tab-separated rows with a header
    Tsv,
    /// Comma-separated rows with a header (RFC 4180)
    Csv,
    /// A pretty-printed JSON array of objects
    Json,
    /// Per campaign a heading and a bullet per URL, ready to paste
    Markdown,
    /// One ready-to-send plain-text message per advertiser
    Email,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

/// What a renderer may need besides the rows.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub config: &'a Config<'a>,
    /// Whether to color (tables only).
    pub color: bool,
    /// `--template`: the user's email template; `None` for the built-in one.
    pub template: Option<&'a email::Template>,
}

/// The columns of `tsv` and `csv`, in order.
pub const COLUMNS: [&str; 6] = [
    "level",
    "advertiser",
    "campaign_id",
    "campaign",
    "goal",
    "url",
];

/// One output format.
pub trait Renderer<'c> {
    /// What comes before the first row (a header, an opening bracket).
    fn begin(&mut self, _out: &mut Vec<u8>) -> Result<(), Error> {
        Ok(())
    }

    /// Takes one row, writing what it can of it to `out`.
    fn row(&mut self, row: Row<'c>, out: &mut Vec<u8>) -> Result<(), Error>;

    /// Writes the rest.
    fn finish(self: Box<Self>, out: &mut Vec<u8>) -> Result<(), Error>;
}

/// The renderer of `format`; an email template that does not compile is an error here,
/// before any row.
pub fn renderer<'c>(
    format: Format,
    context: Context<'c>,
) -> Result<Box<dyn Renderer<'c> + 'c>, Error> {
    Ok(match format {
        Format::Table => Box::new(table::UrlTable::new(context.color)),
        Format::Plain => Box::new(plain::Plain),
        Format::Tsv => Box::new(delimited::Tsv),
        Format::Csv => Box::new(delimited::Csv::new()),
        Format::Json => Box::new(json::Json::default()),
        Format::Markdown => Box::new(markdown::Markdown::default()),
        Format::Email => Box::new(email::Email::new(context)?),
    })
}

/// Renders `rows` as `format` into one buffer.
pub fn render(format: Format, rows: &[Row<'_>], context: Context<'_>) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(rows.iter().map(|r| r.url.len() + 1).sum());
    let mut renderer = renderer(format, context)?;
    renderer.begin(&mut out)?;
    for row in rows {
        renderer.row(row.clone(), &mut out)?;
    }
    renderer.finish(&mut out)?;
    Ok(out)
}

/// The field values of a row in [`COLUMNS`] order; missing values are empty.
fn fields<'r>(row: &'r Row<'_>) -> [std::borrow::Cow<'r, str>; 6] {
    let level = match row.level {
        crate::rows::Level::Advertiser => "advertiser",
        crate::rows::Level::Global => "global",
    };
    [
        level.into(),
        row.advertiser.unwrap_or("").into(),
        row.campaign_id
            .map(|id| id.to_string())
            .unwrap_or_default()
            .into(),
        row.campaign.into(),
        row.goal.into(),
        row.url.as_str().into(),
    ]
}
