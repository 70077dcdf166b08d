//! What the user asked for (`--level`, `--advertiser`, `--campaign`, `--goal`) and the checks
//! that make an unknown key, id or goal an error before any output.

use super::plan::{plan, Planned};
use super::{DEFAULT_GOAL, GLOBAL_DEFAULT};
use crate::config::{Campaign, Config, Global};
use crate::error::Error;
use crate::owner::Levels;
use crate::registry::Registry;
use crate::sample::Samples;
use crate::suggest::did_you_mean;

/// What the user asked for: `--level`, `--advertiser`, `--campaign`, `--goal`.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub levels: Levels,
    pub advertisers: Vec<String>,
    pub campaigns: Vec<u64>,
    pub goals: Vec<String>,
}

impl Selection {
    /// The campaigns `--advertiser` and `--campaign` select, in file order.
    pub fn campaigns<'c>(
        &'c self,
        config: &'c Config<'c>,
    ) -> impl Iterator<Item = &'c Campaign<'c>> {
        config.campaigns.iter().filter(|campaign| {
            (self.advertisers.is_empty()
                || self
                    .advertisers
                    .iter()
                    .any(|a| *a == campaign.advertiser.value))
                && (self.campaigns.is_empty() || self.campaigns.contains(&campaign.id.value))
        })
    }

    /// Whether `--goal` selects a planned row (every row without `--goal`).
    pub fn wants(&self, row: &Planned<'_>) -> bool {
        self.goals.is_empty() || self.goals.iter().any(|filter| goal_selects(filter, row))
    }

    /// An `--advertiser` key or `--campaign` id the file does not have is an error (65).
    pub fn check_campaigns(&self, config: &Config<'_>) -> Result<(), Error> {
        if self.levels == Levels::Global
            && !(self.advertisers.is_empty() && self.campaigns.is_empty())
        {
            let flag = if self.advertisers.is_empty() {
                "--campaign"
            } else {
                "--advertiser"
            };
            return Err(Error::usage(format!(
                "{flag} selects campaigns, and the global level has none: its URLs are the network's, for every advertiser"
            ))
            .with_hint(format!("use --level all for the global URLs and those campaigns, or drop {flag}")));
        }
        for key in &self.advertisers {
            if config.advertiser(key).is_none() {
                let keys = config.advertisers().iter().map(|a| a.key.as_str());
                let hint = did_you_mean(key, keys)
                    .unwrap_or_else(|| "`postback list` shows the advertisers".into());
                return Err(
                    Error::conflict(format!("no advertiser `{key}` in the file")).with_hint(hint),
                );
            }
        }
        for id in &self.campaigns {
            if config.campaign(*id).is_none() {
                return Err(
                    Error::conflict(format!("no campaign with id {id} in the file"))
                        .with_hint("`postback list` shows the campaigns"),
                );
            }
        }
        Ok(())
    }

    /// Every `--goal` must select a row of the selected levels and campaigns.
    pub fn check_goals(
        &self,
        global: Option<&Global<'_>>,
        campaigns: &[&Campaign<'_>],
    ) -> Result<(), Error> {
        for filter in &self.goals {
            let in_global = global.is_some_and(|g| {
                plan(GLOBAL_DEFAULT, g.event, &g.goals).any(|row| goal_selects(filter, &row))
            });
            let in_campaigns = campaigns.iter().any(|c| {
                plan(&c.default_label, false, &c.goals).any(|row| goal_selects(filter, &row))
            });
            if !in_global && !in_campaigns {
                return Err(Error::conflict(format!(
                    "no goal `{filter}` in the selected campaigns"
                ))
                .with_hint(
                    "--goal takes a goal's name, value or id, or `default`; `postback list` shows them",
                ));
            }
        }
        Ok(())
    }
}

/// `--set` may only name a registry parameter (exit 2).
pub fn check_samples(config: &Config<'_>, samples: &Samples) -> Result<(), Error> {
    let registry = Registry::new(&config.network.params);
    match samples
        .override_names()
        .find(|n| registry.lookup(n).is_none())
    {
        Some(name) => {
            let hint = did_you_mean(name, registry.names())
                .unwrap_or_else(|| "`postback params` lists the parameters".into());
            Err(Error::usage(format!("--set names an unknown parameter `{name}`")).with_hint(hint))
        }
        None => Ok(()),
    }
}

/// Whether `--goal <filter>` selects a row: by its label (goal name or default label), by its
/// goal value or id, or `default` for a default row.
fn goal_selects(filter: &str, row: &Planned<'_>) -> bool {
    filter == row.label
        || row.target().is_some_and(|t| t.as_str() == filter)
        || (row.kind == super::Kind::Default && filter == DEFAULT_GOAL)
}
