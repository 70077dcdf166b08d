//! The URL rows for a selection: which postbacks to print, in which order, each built from
//! the campaign's (or global) parameters, the advertiser's macros and the right token.
//!
//! Everything the file or the selection can get wrong is checked before the first row is
//! built, so rows can be written as they come ([`each_row`]) without ever leaving a partial
//! output behind.

mod builder;

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::config::{At, Campaign, Config, Fixed, Str, Token};
use crate::error::Error;
use crate::registry::Registry;
use crate::sample::Samples;
use crate::suggest::did_you_mean;
use builder::{Builder, Macros, Owner, Shared};

/// Where a postback is set up in Trackier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Advertiser,
    Global,
}

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
    /// A `{param}` placeholder: no macro set or override knows the advertiser's macro.
    pub placeholder: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Levels {
    #[default]
    Advertiser,
    Global,
    All,
}

/// What the user asked for: `--level`, `--advertiser`, `--campaign`, `--goal`.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub levels: Levels,
    pub advertisers: Vec<String>,
    pub campaigns: Vec<u64>,
    pub goals: Vec<String>,
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
const REDACTED: &str = "REDACTED";

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
    check_selection(config, selection, options)?;
    let global = match (&config.global, selection.levels) {
        (_, Levels::Advertiser) => None,
        (Some(global), _) => Some(global),
        (None, Levels::Global) => {
            return Err(Error::Conflict(
                "the file has no [global] section, so there are no global postbacks\n  \
                 hint: add [global] (see examples/mmp-global.toml), or use --level advertiser"
                    .into(),
            ))
        }
        (None, Levels::All) => None,
    };
    let campaigns: Vec<&Campaign<'_>> = if selection.levels == Levels::Global {
        Vec::new()
    } else {
        selected_campaigns(config, selection).collect()
    };
    check_goals_matched(selection, global, &campaigns)?;
    let tokens = Tokens::resolve(config, global.is_some(), &campaigns, options.redact)?;

    let builder = Builder {
        config,
        registry: Registry::new(&config.network.params),
        options,
        goals: &selection.goals,
    };
    if let Some(global) = global {
        let shared = Shared {
            macros: Macros::new(config, &global.macros),
            token: tokens.network.clone(),
            fills: fills(&global.params, &global.fixed),
        };
        let owner = Owner {
            level: Level::Global,
            advertiser: None,
            campaign_id: None,
            campaign: GLOBAL_CAMPAIGN,
        };
        builder.rows(
            owner,
            &shared,
            GLOBAL_DEFAULT,
            global.event,
            &global.goals,
            &mut emit,
        )?;
    }
    for campaign in campaigns {
        let Some(advertiser) = config.advertiser(&campaign.advertiser.value) else {
            // A validated file has no dangling reference.
            continue;
        };
        let shared = Shared {
            macros: Macros::new(config, &advertiser.macros),
            token: tokens
                .advertisers
                .get(advertiser.key.as_str())
                .cloned()
                .flatten(),
            fills: fills(&campaign.params, &campaign.fixed),
        };
        let owner = Owner {
            level: Level::Advertiser,
            advertiser: Some(advertiser.key.as_str()),
            campaign_id: Some(campaign.id.value),
            campaign: &campaign.name,
        };
        let label = &campaign.default_label;
        builder.rows(owner, &shared, label, false, &campaign.goals, &mut emit)?;
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
        let read = |token: &'c Token<'c>, owner: &dyn Fn() -> String| {
            let value = match token {
                Token::Missing => return Ok(None),
                Token::Literal(value) => Cow::Borrowed(value.as_str()),
                Token::Env(var) => match std::env::var(var.as_str()) {
                    Ok(value) if !value.is_empty() => Cow::Owned(value),
                    _ => {
                        return Err(Error::TokenUnset {
                            variable: var.value.to_string(),
                            owner: owner(),
                        })
                    }
                },
            };
            Ok(Some(if redact {
                Cow::Borrowed(REDACTED)
            } else {
                value
            }))
        };
        let network = if global {
            read(&config.network.token, &|| "the network".to_string())?
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
                let token = read(&advertiser.token, &|| format!("advertiser `{key}`"))?;
                advertisers.insert(key, token);
            }
        }
        Ok(Tokens {
            network,
            advertisers,
        })
    }
}

/// The campaigns `--advertiser` and `--campaign` select, in file order.
pub fn selected_campaigns<'c>(
    config: &'c Config<'c>,
    selection: &'c Selection,
) -> impl Iterator<Item = &'c Campaign<'c>> {
    config.campaigns.iter().filter(|campaign| {
        (selection.advertisers.is_empty()
            || selection
                .advertisers
                .iter()
                .any(|a| *a == campaign.advertiser.value))
            && (selection.campaigns.is_empty() || selection.campaigns.contains(&campaign.id.value))
    })
}

/// Unknown advertiser keys, campaign ids and `--set` parameters are errors before any output.
fn check_selection(
    config: &Config<'_>,
    selection: &Selection,
    options: &Options,
) -> Result<(), Error> {
    check_campaign_selection(config, selection)?;
    if let Some(samples) = &options.samples {
        let registry = Registry::new(&config.network.params);
        if let Some(name) = samples
            .override_names()
            .find(|n| registry.lookup(n).is_none())
        {
            let hint = did_you_mean(name, registry.names())
                .unwrap_or_else(|| "`postback params` lists the parameters".into());
            return Err(Error::Usage(format!(
                "--set names an unknown parameter `{name}`\n  hint: {hint}"
            )));
        }
    }
    Ok(())
}

/// An `--advertiser` key or `--campaign` id the file does not have is an error (65).
pub fn check_campaign_selection(config: &Config<'_>, selection: &Selection) -> Result<(), Error> {
    for key in &selection.advertisers {
        if config.advertiser(key).is_none() {
            let keys = config.advertisers().iter().map(|a| a.key.as_str());
            let hint = did_you_mean(key, keys)
                .unwrap_or_else(|| "`postback list` shows the advertisers".into());
            return Err(Error::Conflict(format!(
                "no advertiser `{key}` in the file\n  hint: {hint}"
            )));
        }
    }
    for id in &selection.campaigns {
        if !config.campaigns.iter().any(|c| c.id.value == *id) {
            return Err(Error::Conflict(format!(
                "no campaign with id {id} in the file\n  hint: `postback list` shows the campaigns"
            )));
        }
    }
    Ok(())
}

/// Every `--goal` must select a row of the selected levels and campaigns.
fn check_goals_matched(
    selection: &Selection,
    global: Option<&crate::config::Global<'_>>,
    campaigns: &[&Campaign<'_>],
) -> Result<(), Error> {
    for goal in &selection.goals {
        let in_goals = |goals: &[crate::config::Goal<'_>]| {
            goals.iter().any(|g| {
                let (value, id) = builder::goal_fields(g);
                goal_selects(goal, g.name.as_str(), value.or(id), false)
            })
        };
        let in_global = global.is_some_and(|global| {
            goal_selects(goal, GLOBAL_DEFAULT, None, true)
                || (global.event && goal == GLOBAL_EVENT)
                || in_goals(&global.goals)
        });
        let in_campaigns = campaigns.iter().any(|campaign| {
            goal_selects(goal, &campaign.default_label, None, true) || in_goals(&campaign.goals)
        });
        if !in_global && !in_campaigns {
            return Err(Error::Conflict(format!(
                "no goal `{goal}` in the selected campaigns\n  \
                 hint: --goal takes a goal's name or value, or `default`; `postback list` shows them"
            )));
        }
    }
    Ok(())
}

/// Whether `--goal <filter>` selects a row: by its label (goal name or default label), by its
/// goal value or id, or `default` for a default row.
fn goal_selects(filter: &str, label: &str, target: Option<&str>, is_default: bool) -> bool {
    filter == label || Some(filter) == target || (is_default && filter == DEFAULT_GOAL)
}

/// How a parameter gets its value at one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill<'c> {
    Advertiser,
    Literal(&'c str),
}

/// The parameters of one place: `click_id` always, then `params` and `fixed`.
pub fn fills<'c>(params: &'c [At<Str<'c>>], fixed: &'c [Fixed<'c>]) -> Vec<(&'c str, Fill<'c>)> {
    let mut fills = vec![("click_id", Fill::Advertiser)];
    merge(&mut fills, params, fixed);
    fills
}

/// Adds a more specific place's parameters: a name already present takes the new fill.
pub fn merge<'c>(
    fills: &mut Vec<(&'c str, Fill<'c>)>,
    params: &'c [At<Str<'c>>],
    fixed: &'c [Fixed<'c>],
) {
    let entries = params.iter().map(|p| (p.as_str(), Fill::Advertiser)).chain(
        fixed
            .iter()
            .map(|f| (f.name.as_str(), Fill::Literal(f.value.as_str()))),
    );
    for (name, fill) in entries {
        match fills.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = fill,
            None => fills.push((name, fill)),
        }
    }
}
