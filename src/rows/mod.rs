//! The URL rows for a selection: which postbacks to print, in which order, each built from
//! the level's plan ([`plan`]), the owner's macros (or samples) and the right token.
//!
//! Everything the file or the selection can get wrong is checked before the first row is
//! built, so rows can be written as they come ([`each_row`]) without ever leaving a partial
//! output behind.

mod builder;
mod levels;
mod plan;
pub mod publishers;
mod selection;

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::config::{Campaign, Config};
use crate::error::Error;
pub use crate::owner::{Level, Levels, Owner};
use crate::sample::Samples;
pub use builder::Macros;
use builder::{Builder, Head, Shared};
pub use levels::{levels, LevelRows};
pub use plan::{Fill, Fills, Planned};
pub use selection::Selection;

/// Which postback of its level a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The default conversion (global: the install).
    Default,
    /// The global event URL, whose goal_value is the partner's event-name macro.
    Event,
    Goal,
}

/// One printed URL and what it is for.
#[derive(Clone, Debug, Serialize)]
pub struct Row<'c> {
    #[serde(skip)]
    pub kind: Kind,
    pub level: Level,
    pub advertiser: Option<&'c str>,
    pub campaign_id: Option<u64>,
    pub campaign: &'c str,
    pub goal: &'c str,
    pub goal_value: Option<&'c str>,
    pub goal_id: Option<&'c str>,
    pub url: String,
    /// The macros written in `url`, in URL order (none with `--sample`): what the
    /// advertiser's system fills, and the placeholders they must replace by hand.
    #[serde(skip)]
    pub macros: Vec<MacroUse<'c>>,
}

/// One macro written in a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MacroUse<'c> {
    pub param: &'c str,
    pub text: Cow<'c, str>,
    pub origin: Origin,
}

/// Where a macro of a URL comes from: what the email and `list` tell the advertiser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The owner's macro set (built in, or `[macro_sets.<name>]`).
    Set,
    /// The owner's `[...macro]` table.
    Override,
    /// `{param}`: nothing knows the advertiser's macro; they replace it by hand.
    Placeholder,
}

/// How to write the values: `--sample` and `--redact`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub samples: Option<Samples>,
    pub redact: bool,
    /// Fill [`Row::macros`] (the email lists them); off, rows carry none.
    pub collect_macros: bool,
}

pub const GLOBAL_CAMPAIGN: &str = "(global)";
pub const GLOBAL_DEFAULT: &str = "Install";
pub const GLOBAL_EVENT: &str = "Event";
/// `--goal default` selects every default row.
pub const DEFAULT_GOAL: &str = "default";
pub const REDACTED: &str = "REDACTED";

/// The rows for `selection`, global rows first, then campaigns in file order.
pub fn rows<'c>(
    config: &'c Config<'c>,
    selection: &'c Selection,
    options: &'c Options,
) -> Result<Vec<Row<'c>>, Error> {
    let mut rows = Vec::new();
    each_row(config, selection, options, |row| {
        rows.push(row);
        Ok(())
    })?;
    Ok(rows)
}

/// Checks the selection against the file (unknown keys, ids and goals, unset token
/// variables), then hands each row to `emit`, in the order of [`rows`]. An error of `emit`
/// stops the rows and is returned.
pub fn each_row<'c>(
    config: &'c Config<'c>,
    selection: &'c Selection,
    options: &'c Options,
    mut emit: impl FnMut(Row<'c>) -> Result<(), Error>,
) -> Result<(), Error> {
    selection.check_campaigns(config)?;
    if let Some(samples) = &options.samples {
        selection::check_samples(config, samples)?;
    }
    let global = match (&config.global, selection.levels) {
        (_, Levels::Advertiser | Levels::Publisher) => None,
        (Some(global), _) => Some(global),
        (None, Levels::Global) => {
            return Err(Error::conflict(
                "the file has no [global] section, so there are no global postbacks",
            )
            .with_hint("add one with `postback add global --macros <SET>` (`postback macros` lists the sets), or use --level advertiser"))
        }
        (None, Levels::All) => None,
    };
    let campaigns: Vec<&Campaign<'_>> =
        if matches!(selection.levels, Levels::Global | Levels::Publisher) {
            Vec::new()
        } else {
            selection.campaigns(config).collect()
        };
    selection.check_goals(global, &campaigns)?;
    let tokens = Tokens::resolve(config, global.is_some(), &campaigns, options.redact)?;

    let builder = Builder::new(config, selection, options);
    for level in levels(global, campaigns) {
        let (macros, token, campaign, advertiser_id) = match (level.owner, level.campaign) {
            (Owner::Advertiser(key), Some(campaign)) => {
                let Some(advertiser) = config.advertiser(key) else {
                    // A validated file has no dangling reference.
                    continue;
                };
                let token = tokens.advertisers.get(key).cloned().flatten();
                let id = advertiser.tracker_id.as_ref().map(|id| id.value);
                (&advertiser.macros, token, &*campaign.name, id)
            }
            _ => match global {
                Some(global) => (
                    &global.macros,
                    tokens.network.clone(),
                    GLOBAL_CAMPAIGN,
                    None,
                ),
                None => continue,
            },
        };
        let head = Head {
            owner: level.owner,
            campaign_id: level.campaign.map(|c| c.id.value),
            campaign,
        };
        let planned = level.rows();
        let shared = Shared {
            macros: Macros::new(config, macros),
            token,
            advertiser_id,
            fills: level.fills,
        };
        builder.rows(head, &shared, planned, &mut emit)?;
    }
    Ok(())
}

/// The token of each owner whose URLs are printed, read once (a variable may be unset).
struct Tokens<'c> {
    network: Option<Cow<'c, str>>,
    advertisers: HashMap<&'c str, Option<Cow<'c, str>>>,
}

impl<'c> Tokens<'c> {
    fn resolve(
        config: &'c Config<'c>,
        global: bool,
        campaigns: &[&'c Campaign<'c>],
        redact: bool,
    ) -> Result<Self, Error> {
        let shown = |token: Option<Cow<'c, str>>| {
            token.map(|t| if redact { Cow::Borrowed(REDACTED) } else { t })
        };
        // A tracker that takes no token needs none read (an unset variable is no error).
        if config.network.tracker.token == crate::tracker::TokenPlace::None {
            return Ok(Tokens {
                network: None,
                advertisers: HashMap::new(),
            });
        }
        let network = if global {
            shown(
                config
                    .network
                    .token
                    .require(&|| "the network".to_string())?,
            )
        } else {
            None
        };
        let mut advertisers = HashMap::new();
        for campaign in campaigns {
            let key = campaign.advertiser.as_str();
            if advertisers.contains_key(key) {
                continue;
            }
            if let Some(advertiser) = config.advertiser(key) {
                let token = advertiser
                    .token
                    .require(&|| format!("advertiser `{key}`"))?;
                advertisers.insert(key, shown(token));
            }
        }
        Ok(Tokens {
            network,
            advertisers,
        })
    }
}
