//! URL rows as output: how a [`Row`] fills the shared formats (table, plain, TSV, CSV,
//! JSON), and the formats only URLs have: `markdown`, `email` and `adjust`.

mod adjust;
pub use adjust::goal_token;
mod diff_email;
pub mod email;
mod markdown;
mod publishers;

use std::borrow::Cow;
use std::io::Write;

use crate::config::Config;
use crate::error::Error;
pub use crate::output::Format;
use crate::output::{self, Record, Sink};
use crate::rows::publishers::PublisherRow;
use crate::rows::Row;

/// A user's template file (`urls --template`): its name as given, for errors, and its text.
#[derive(Clone, Debug)]
pub struct Template {
    pub name: String,
    pub text: String,
}

/// What the formats only URL rows have need besides the rows: the file (the email says
/// more than the rows), the user's email template and the Adjust event tokens.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub config: &'a Config<'a>,
    /// Whether to color (tables only).
    pub color: bool,
    /// `--template`: the user's email template; `None` for the built-in one.
    pub template: Option<&'a Template>,
    /// `--adjust-token`: each goal's Adjust event token(s), for `--format adjust`.
    pub adjust_tokens: &'a [(String, String)],
}

impl<'a> Context<'a> {
    /// A context without the options only `urls` has (`--template`, `--adjust-token`).
    pub fn new(config: &'a Config<'a>, color: bool) -> Self {
        Context {
            config,
            color,
            template: None,
            adjust_tokens: &[],
        }
    }
}

/// The writer of URL rows in `format`: the URL-only formats here, the shared ones from
/// [`output::writer`].
pub fn writer<'a>(
    format: Format,
    context: Context<'a>,
) -> Result<Box<dyn Sink<Row<'a>> + 'a>, Error> {
    Ok(match format {
        Format::Markdown => Box::new(markdown::Markdown::default()),
        Format::Email => Box::new(email::Email::new(context)?),
        Format::Adjust => Box::new(adjust::Adjust::new(
            context.config.network.tracker,
            context.adjust_tokens,
        )),
        _ => return output::writer(format, context.color),
    })
}

/// The writer of `diff`'s differences: its email here, the shared formats from
/// [`output::writer`].
pub fn diff_writer<'a>(
    format: Format,
    config: &'a Config<'a>,
) -> Result<Box<dyn Sink<crate::diff::Difference<'a>> + 'a>, Error> {
    match format {
        Format::Email => Ok(Box::new(diff_email::DiffEmail::new(config))),
        _ => output::writer(format, false),
    }
}

/// The writer of publisher postbacks: Markdown and the publishers' emails here, the shared
/// formats from [`output::writer`]; `adjust` is for an app's own postbacks only.
pub fn publisher_writer<'a>(
    format: Format,
    config: &'a Config<'a>,
    color: bool,
) -> Result<Box<dyn Sink<PublisherRow<'a>> + 'a>, Error> {
    Ok(match format {
        Format::Markdown => Box::new(publishers::PublisherMarkdown::default()),
        Format::Email => Box::new(publishers::PublisherEmail::new(config)),
        Format::Adjust => {
            return Err(Error::usage(
                "--format adjust is for the postbacks of an app's Adjust link, not publishers'",
            )
            .with_hint("use another --format with --level publisher"))
        }
        _ => return output::writer(format, color),
    })
}

/// A campaign as a table shows it: `<id> <name>`, or the name alone (the global level, all
/// campaigns).
fn campaign_cell(id: Option<u64>, name: &str) -> String {
    match id {
        Some(id) => format!("{id} {name}"),
        None => name.to_string(),
    }
}

/// A URL record's plain line: the URL.
fn url_line(url: &str, out: &mut dyn Write) -> Result<(), Error> {
    out.write_all(url.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}

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
        let campaign = campaign_cell(self.campaign_id, self.campaign);
        vec![vec![campaign, self.goal.to_string(), self.url.clone()]]
    }

    fn plain(&self, out: &mut dyn Write) -> Result<(), Error> {
        url_line(&self.url, out)
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
        let advertiser = self.owner().into_owned();
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
        let (change, advertiser) = (self.change.as_str(), self.owner());
        writeln!(out, "{change}\t{advertiser}\t{id}\t{goal}\t{}", self.url())?;
        Ok(())
    }
}

/// Renders `rows` as `format` into one buffer.
pub fn render<'a>(
    format: Format,
    rows: &[Row<'a>],
    context: Context<'a>,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(rows.iter().map(|r| r.url.len() + 1).sum());
    let mut sink = writer(format, context)?;
    sink.begin(&mut out)?;
    for row in rows {
        sink.record(row.clone(), &mut out)?;
    }
    sink.finish(&mut out)?;
    Ok(out)
}
