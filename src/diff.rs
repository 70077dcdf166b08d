//! `diff`: which postback URLs changed between an older file and the current one, so that
//! each advertiser can be sent exactly what to update. Rows are matched by level, campaign
//! id and goal name (the default row by being the default). How a difference is written is
//! in `render` (plain lines, JSON, an email per advertiser).

use std::collections::HashMap;

use serde::Serialize;

use crate::rows::publishers::PublisherRow;
use crate::rows::{Kind, Level, Row};

/// What happened to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One row that differs.
#[derive(Clone, Debug, Serialize)]
pub struct Difference<'c> {
    pub change: Change,
    pub level: Level,
    pub advertiser: Option<&'c str>,
    /// The publisher, for a publisher postback.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<&'c str>,
    pub campaign_id: Option<u64>,
    pub campaign: &'c str,
    pub goal: &'c str,
    pub old_url: Option<String>,
    pub new_url: Option<String>,
}

/// How rows are matched across the two files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key<'c> {
    Default(Level, Option<u64>),
    Event,
    Goal(Level, Option<u64>, &'c str),
}

fn key<'c>(row: &Row<'c>) -> Key<'c> {
    match row.kind {
        Kind::Default => Key::Default(row.level, row.campaign_id),
        Kind::Event => Key::Event,
        Kind::Goal => Key::Goal(row.level, row.campaign_id, row.goal),
    }
}

/// A row and its URL as shown (with `--redact`, the tokens masked): rows are compared by
/// their real URLs, so a rotated token is a change even when it is not shown.
pub type Shown<'c> = (Row<'c>, String);

/// The differences from `old` rows to `new` rows: changed and added rows in the new file's
/// order, then removed rows in the old file's.
pub fn differences<'c>(old: Vec<Shown<'c>>, new: Vec<Shown<'c>>) -> Vec<Difference<'c>> {
    let mut old_urls: HashMap<Key<'c>, usize> = HashMap::new();
    for (index, (row, _)) in old.iter().enumerate() {
        old_urls.entry(key(row)).or_insert(index);
    }
    let mut matched = vec![false; old.len()];
    let mut out = Vec::new();
    for (row, shown) in new {
        let before = old_urls.get(&key(&row)).copied();
        if let Some(index) = before {
            matched[index] = true;
            if old[index].0.url == row.url {
                continue;
            }
        }
        out.push(Difference {
            change: if before.is_some() {
                Change::Changed
            } else {
                Change::Added
            },
            old_url: before.map(|index| old[index].1.clone()),
            new_url: Some(shown),
            level: row.level,
            advertiser: row.advertiser,
            publisher: None,
            campaign_id: row.campaign_id,
            campaign: row.campaign,
            goal: row.goal,
        });
    }
    for ((row, shown), _) in old.into_iter().zip(matched).filter(|(_, seen)| !seen) {
        out.push(Difference {
            change: Change::Removed,
            level: row.level,
            advertiser: row.advertiser,
            publisher: None,
            campaign_id: row.campaign_id,
            campaign: row.campaign,
            goal: row.goal,
            old_url: Some(shown),
            new_url: None,
        });
    }
    out
}

/// The differences from `old` publisher postbacks to `new` ones, matched by publisher and
/// scope, in the order of [`differences`].
pub fn publisher_differences<'c>(
    old: Vec<PublisherRow<'c>>,
    new: Vec<PublisherRow<'c>>,
) -> Vec<Difference<'c>> {
    let key = |row: &PublisherRow<'c>| (row.publisher, row.campaign_id);
    let difference = |change, row: &PublisherRow<'c>, old_url, new_url| Difference {
        change,
        level: Level::Publisher,
        advertiser: None,
        publisher: Some(row.publisher),
        campaign_id: row.campaign_id,
        campaign: row.campaign,
        goal: row.events.label(),
        old_url,
        new_url,
    };
    let mut matched = vec![false; old.len()];
    let mut out = Vec::new();
    for row in &new {
        let before = old.iter().position(|o| key(o) == key(row));
        if let Some(index) = before {
            matched[index] = true;
            // The events and pending setting are the form's, beside the URL: a change to
            // them is a change to make in the tracker too.
            let same = |o: &PublisherRow<'_>| {
                o.url == row.url
                    && o.events == row.events
                    && o.fire_on_pending == row.fire_on_pending
            };
            if same(&old[index]) {
                continue;
            }
        }
        let change = if before.is_some() {
            Change::Changed
        } else {
            Change::Added
        };
        let old_url = before.map(|index| old[index].url.clone());
        out.push(difference(change, row, old_url, Some(row.url.clone())));
    }
    for (row, _) in old.iter().zip(matched).filter(|(_, seen)| !seen) {
        out.push(difference(
            Change::Removed,
            row,
            Some(row.url.clone()),
            None,
        ));
    }
    out
}

impl Difference<'_> {
    /// Whose postback it is, as a line names it: the advertiser's key, or a publisher's.
    pub fn owner(&self) -> std::borrow::Cow<'_, str> {
        match (self.publisher, self.advertiser) {
            (Some(publisher), _) => format!("{publisher} (publisher)").into(),
            (None, advertiser) => advertiser.unwrap_or("").into(),
        }
    }

    /// The URL a line shows: the new one, or the old one of a removed row.
    pub fn url(&self) -> &str {
        self.new_url
            .as_deref()
            .or(self.old_url.as_deref())
            .unwrap_or("")
    }
}
