//! URL rows as output: how a [`Row`] fills the shared formats (table, plain, TSV, CSV,
//! JSON), and the formats only URLs have: `markdown`, `email` and `adjust`.

mod adjust;
pub use adjust::goal_token;
mod diff_email;
pub mod email;
mod markdown;

use std::borrow::Cow;
use std::io::Write;

use crate::error::Error;
use crate::output::{self, OwnWriter, Record, Sink};
pub use crate::output::{Context, Format, Template};
use crate::rows::Row;

/// The columns of `tsv` and `csv`, in order.
pub const COLUMNS: &[&str] = &[
    "level",
    "advertiser",
    "campaign_id",
    "campaign",
    "goal",
    "url",
];

impl Record for Row<'_> {
    fn table_header() -> &'static [&'static str] {
        &["Campaign", "Goal", "Postback URL"]
    }

    fn table_rows(&self) -> Vec<Vec<String>> {
        let campaign = match self.campaign_id {
            Some(id) => format!("{id} {}", self.campaign),
            None => self.campaign.to_string(),
        };
        vec![vec![campaign, self.goal.to_string(), self.url.clone()]]
    }

    fn plain(&self, out: &mut dyn Write) -> Result<(), Error> {
        out.write_all(self.url.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    }

    fn delimited_header() -> &'static [&'static str] {
        COLUMNS
    }

    /// The fields in [`COLUMNS`] order; missing values are empty.
    fn delimited_rows(&self) -> Vec<Vec<Cow<'_, str>>> {
        vec![vec![
            self.level.as_str().into(),
            self.advertiser.unwrap_or("").into(),
            self.campaign_id
                .map(|id| id.to_string())
                .unwrap_or_default()
                .into(),
            self.campaign.into(),
            self.goal.into(),
            self.url.as_str().into(),
        ]]
    }

    fn own_writer<'a>(format: Format, context: Context<'a>) -> OwnWriter<'a, Self>
    where
        Self: 'a,
    {
        match format {
            Format::Markdown => Some(Ok(Box::new(markdown::Markdown::default()))),
            Format::Email => {
                Some(email::Email::new(context).map(|email| Box::new(email) as Box<dyn Sink<Self>>))
            }
            Format::Adjust => Some(Ok(Box::new(adjust::Adjust::new(context.adjust_tokens)))),
            _ => None,
        }
    }
}

impl Record for crate::diff::Difference<'_> {
    fn table_header() -> &'static [&'static str] {
        &["Change", "Advertiser", "Campaign", "Goal", "URL"]
    }

    fn table_rows(&self) -> Vec<Vec<String>> {
        let id = self
            .campaign_id
            .map(|id| id.to_string())
            .unwrap_or_default();
        let advertiser = self.advertiser.unwrap_or("").to_string();
        let change = self.change.as_str().to_string();
        vec![vec![
            change,
            advertiser,
            id,
            self.goal.to_string(),
            self.url().to_string(),
        ]]
    }

    /// `<change>\t<advertiser>\t<campaign_id>\t<goal>\t<url>`.
    fn plain(&self, out: &mut dyn Write) -> Result<(), Error> {
        let id = self
            .campaign_id
            .map(|id| id.to_string())
            .unwrap_or_default();
        let goal = crate::diagnostic::one_line(self.goal);
        let (change, advertiser) = (self.change.as_str(), self.advertiser.unwrap_or(""));
        writeln!(out, "{change}\t{advertiser}\t{id}\t{goal}\t{}", self.url())?;
        Ok(())
    }

    fn own_writer<'a>(format: Format, context: Context<'a>) -> OwnWriter<'a, Self>
    where
        Self: 'a,
    {
        let config = context.config?;
        (format == Format::Email)
            .then(|| Ok(Box::new(diff_email::DiffEmail::new(config)) as Box<dyn Sink<Self>>))
    }
}

/// Renders `rows` as `format` into one buffer.
pub fn render(format: Format, rows: &[Row<'_>], context: Context<'_>) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(rows.iter().map(|r| r.url.len() + 1).sum());
    output::write_all(format, context, rows.iter().cloned(), &mut out)?;
    Ok(out)
}
