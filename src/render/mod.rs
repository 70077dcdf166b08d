//! Output formats for URL rows: one module per format, all behind [`render`].

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

/// Renders `rows` as `format` into a buffer, so nothing is printed unless everything rendered.
pub fn render(format: Format, rows: &[Row<'_>], context: Context<'_>) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(rows.iter().map(|r| r.url.len() + 1).sum());
    match format {
        Format::Table => table::render(rows, context.color, &mut out),
        Format::Plain => plain::render(rows, &mut out),
        Format::Tsv => delimited::render_tsv(rows, &mut out),
        Format::Csv => delimited::render_csv(rows, &mut out)?,
        Format::Json => json::render(rows, &mut out)?,
        Format::Markdown => markdown::render(rows, &mut out),
        Format::Email => email::render(rows, context, &mut out)?,
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
