//! What `check` knows of the network, built once from the file: where postbacks go, which
//! token belongs to whom, each owner's goals and every macro a known system writes.

use std::collections::{HashMap, HashSet};

use crate::config::{Config, Endpoint, Goal, Resolved};
use crate::macro_sets;
use crate::owner::Owner;

/// The goal values and ids a hit of one owner may carry.
#[derive(Debug, Default)]
pub struct Goals<'c> {
    pub values: HashSet<&'c str>,
    pub ids: HashSet<&'c str>,
}

impl<'c> Goals<'c> {
    fn add(&mut self, goals: &'c [Goal<'c>]) {
        for goal in goals {
            let target = &goal.target;
            match (target.value(), target.id()) {
                (Some(value), _) => self.values.insert(value),
                (_, Some(id)) => self.ids.insert(id),
                (None, None) => false,
            };
        }
    }
}

pub struct Network<'c> {
    pub config: &'c Config<'c>,
    /// Where postbacks go.
    pub endpoint: &'c Endpoint,
    /// Token value -> owner. Tokens from unset variables are absent.
    pub tokens: HashMap<String, Owner<'c>>,
    /// Whether any token is configured: then a hit without one is an error.
    pub tokens_configured: bool,
    pub goals: HashMap<Owner<'c>, Goals<'c>>,
    /// Every goal of the file, for a hit whose owner is unknown.
    pub all_goals: Goals<'c>,
    /// For an owner without goals.
    no_goals: Goals<'c>,
    /// Every macro a built-in set, a set of the file or an override writes, sorted.
    macros: Vec<&'c str>,
}

impl<'c> Network<'c> {
    pub fn new(config: &'c Config<'c>) -> Self {
        let mut tokens = HashMap::new();
        let mut tokens_configured = false;
        let owners = std::iter::once((Owner::Global, &config.network.token)).chain(
            config
                .advertisers()
                .iter()
                .map(|a| (Owner::Advertiser(a.key.as_str()), &a.token)),
        );
        for (owner, token) in owners {
            match token.resolve() {
                Resolved::Missing => continue,
                Resolved::Value(value) => {
                    tokens.entry(value.into_owned()).or_insert(owner);
                }
                Resolved::Unset { .. } | Resolved::Invalid { .. } => {}
            }
            tokens_configured = true;
        }

        let mut goals: HashMap<Owner<'c>, Goals<'c>> = HashMap::new();
        let mut all_goals = Goals::default();
        for campaign in &config.campaigns {
            let owner = Owner::Advertiser(campaign.advertiser.as_str());
            goals.entry(owner).or_default().add(&campaign.goals);
            all_goals.add(&campaign.goals);
        }
        if let Some(global) = &config.global {
            let entry = goals.entry(Owner::Global).or_default();
            entry.add(&global.goals);
            all_goals.add(&global.goals);
            if global.event {
                // The event URL's goal_value is the partner's event name, which Trackier
                // matches against the goals of the clicked campaign: any goal of the file.
                for campaign in &config.campaigns {
                    entry.add(&campaign.goals);
                }
            }
        }

        let mut macros: Vec<&'c str> = macro_sets::builtin()
            .iter()
            .flat_map(|set| set.entries().map(|(_, m)| m))
            .collect();
        let choices = config
            .advertisers()
            .iter()
            .map(|a| &a.macros)
            .chain(config.global.as_ref().map(|g| &g.macros));
        for choice in choices {
            macros.extend(choice.overrides.iter().map(|(_, m)| m.as_str()));
        }
        for set in &config.macro_sets {
            macros.extend(set.entries.iter().map(|(_, m)| m.as_str()));
        }

        macros.sort_unstable();
        macros.dedup();
        Network {
            config,
            endpoint: &config.network.postback,
            tokens,
            tokens_configured,
            goals,
            all_goals,
            no_goals: Goals::default(),
            macros,
        }
    }

    /// Whether `value` is a macro some known system writes.
    pub fn is_known_macro(&self, value: &str) -> bool {
        self.macros.binary_search(&value).is_ok()
    }

    /// The goals a hit of `owner` may name (`None`: the owner is unknown, any goal).
    pub fn goals_of(&self, owner: Option<Owner<'c>>) -> &Goals<'c> {
        match owner {
            Some(owner) => self.goals.get(&owner).unwrap_or(&self.no_goals),
            None => &self.all_goals,
        }
    }
}
