//! Output formats for URL rows: one module per format, all behind [`render`].

mod delimited;
mod json;
mod plain;
pub mod table;

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

/// Renders `rows` as `format` into a buffer, so nothing is printed unless everything rendered.
pub fn render(format: Format, rows: &[Row<'_>], color: bool) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(rows.iter().map(|r| r.url.len() + 1).sum());
    match format {
        Format::Table => table::render(rows, color, &mut out),
        Format::Plain => plain::render(rows, &mut out),
        Format::Tsv => delimited::render_tsv(rows, &mut out),
        Format::Csv => delimited::render_csv(rows, &mut out)?,
        Format::Json => json::render(rows, &mut out)?,
    }
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
