//! Publisher postbacks as records (table, plain, TSV, CSV, JSON), as Markdown, and as the
//! email to each publisher: their tracking links, with their tracker's click token in `p1`,
//! and the postback the network's tracker will call.

use std::borrow::Cow;
use std::io::Write;

use super::markdown::{code_span, escape};
use crate::config::{Config, Publisher, Receiver};
use crate::error::Error;
use crate::output::{Record, Sink};
use crate::rows::publishers::PublisherRow;
use crate::test_link;

/// The columns of `tsv` and `csv`, in order.
pub const COLUMNS: &[&str] = &[
    "publisher",
    "publisher_id",
    "tracker",
    "campaign_id",
    "campaign",
    "events",
    "fire_on_pending",
    "url",
];

fn yes_no(on: bool) -> &'static str {
    if on {
        "yes"
    } else {
        "no"
    }
}

fn scope(row: &PublisherRow<'_>) -> String {
    super::campaign_cell(row.campaign_id, row.campaign)
}

impl Record for PublisherRow<'_> {
    fn table_header() -> &'static [&'static str] {
        &["Publisher", "Campaign", "Events", "Pending", "Postback URL"]
    }

    fn table_rows(&self) -> Vec<Vec<String>> {
        vec![vec![
            format!("{} ({})", self.publisher, self.publisher_id),
            scope(self),
            self.events.label().to_string(),
            yes_no(self.fire_on_pending).to_string(),
            self.url.clone(),
        ]]
    }

    fn plain(&self, out: &mut dyn Write) -> Result<(), Error> {
        super::url_line(&self.url, out)
    }

    fn delimited_header() -> &'static [&'static str] {
        COLUMNS
    }

    fn delimited_rows(&self) -> Vec<Vec<Cow<'_, str>>> {
        vec![vec![
            self.publisher.into(),
            self.publisher_id.to_string().into(),
            self.tracker.into(),
            self.campaign_id
                .map(|id| id.to_string())
                .unwrap_or_default()
                .into(),
            self.campaign.into(),
            self.events.label().into(),
            yes_no(self.fire_on_pending).into(),
            self.url.as_str().into(),
        ]]
    }
}

/// `markdown`: a heading per publisher, a bullet per postback.
#[derive(Default)]
pub struct PublisherMarkdown {
    current: Option<String>,
}

impl<'c> Sink<PublisherRow<'c>> for PublisherMarkdown {
    fn record(&mut self, row: PublisherRow<'c>, out: &mut dyn Write) -> Result<(), Error> {
        if self.current.as_deref() != Some(row.publisher) {
            if self.current.is_some() {
                out.write_all(b"\n")?;
            }
            let heading = format!(
                "## {} (publisher {})\n\n",
                escape(row.publisher),
                row.publisher_id
            );
            out.write_all(heading.as_bytes())?;
            self.current = Some(row.publisher.to_string());
        }
        let bullet = format!(
            "- **{}**, {} (on pending: {}): {}\n",
            escape(&scope(&row)),
            row.events.label(),
            yes_no(row.fire_on_pending),
            code_span(&row.url)
        );
        out.write_all(bullet.as_bytes())?;
        Ok(())
    }

    fn finish(self: Box<Self>, _out: &mut dyn Write) -> Result<(), Error> {
        Ok(())
    }
}

/// `email`: one email per publisher, written once every row is in.
pub struct PublisherEmail<'a> {
    config: &'a Config<'a>,
    rows: Vec<PublisherRow<'a>>,
}

impl<'a> PublisherEmail<'a> {
    pub fn new(config: &'a Config<'a>) -> Self {
        PublisherEmail {
            config,
            rows: Vec::new(),
        }
    }

    fn email(&self, publisher: &Publisher<'_>, rows: &[&PublisherRow<'_>]) -> String {
        let config = self.config;
        let network = config.network.name.as_deref().unwrap_or("our network");
        let tracker = config.network.tracker.name;
        let mut text = format!(
            "Subject: Tracking links and postback for {} ({network})\n\nHello {},\n\n",
            publisher.name, publisher.name
        );
        let click = test_link::click_token(publisher);
        text.push_str("Your tracking links");
        match &publisher.receiver {
            Receiver::Tracker { tracker, .. } => text.push_str(&format!(
                " carry your {} click id in p1 ({click}, which {} fills):\n\n",
                tracker.name, tracker.name
            )),
            Receiver::Custom { .. } => text.push_str(&format!(
                " carry your click id in p1: put your tracker's click id macro in place of {click}:\n\n"
            )),
        }
        let campaigns: Vec<_> = match &publisher.campaigns {
            Some(ids) => (config.campaigns.iter())
                .filter(|c| ids.iter().any(|id| id.value == c.id.value))
                .collect(),
            None => config.campaigns.iter().collect(),
        };
        for campaign in campaigns {
            let link = test_link::publisher_link(
                &config.network,
                campaign.id.value,
                publisher.id.value,
                click,
            )
            .unwrap_or_else(|| format!("(copy it from {tracker})"));
            text.push_str(&format!(
                "  {} {}\n    {link}\n",
                campaign.id.value, campaign.name
            ));
        }
        text.push_str(&format!(
            "\nWhen a conversion is recorded, {tracker} calls your postback:\n\n"
        ));
        for row in rows {
            text.push_str(&format!(
                "  {}, {}{}\n    {}\n",
                scope(row),
                row.events.label(),
                if row.fire_on_pending {
                    ", pending conversions too"
                } else {
                    ""
                },
                row.url
            ));
        }
        text.push_str(&format!(
            "\n{tracker} fills every macro in braces when it calls you; {{p1}} is the click id you passed in.\n"
        ));
        text
    }
}

impl<'a> Sink<PublisherRow<'a>> for PublisherEmail<'a> {
    fn record(&mut self, row: PublisherRow<'a>, _out: &mut dyn Write) -> Result<(), Error> {
        self.rows.push(row);
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error> {
        let mut first = true;
        for publisher in &self.config.publishers {
            let rows: Vec<&PublisherRow<'_>> = self
                .rows
                .iter()
                .filter(|r| r.publisher == publisher.key.value)
                .collect();
            if rows.is_empty() {
                continue;
            }
            if !first {
                out.write_all(b"\n---\n\n")?;
            }
            first = false;
            out.write_all(self.email(publisher, &rows).as_bytes())?;
        }
        Ok(())
    }
}
