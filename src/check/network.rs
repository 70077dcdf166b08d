//! What `check` knows of the network, built once from the file: where postbacks go, which
//! token belongs to whom, each owner's goals and every macro a known system writes.

use std::collections::{HashMap, HashSet};

use crate::config::{Config, Goal, GoalTarget, Scheme, Token};
use crate::macro_sets;

/// Whose postback a hit is, as its token tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner<'c> {
    Advertiser(&'c str),
    Global,
}

/// The goal values and ids a hit of one owner may carry.
#[derive(Debug, Default)]
pub struct Goals<'c> {
    pub values: HashSet<&'c str>,
    pub ids: HashSet<&'c str>,
}

impl<'c> Goals<'c> {
    fn add(&mut self, goals: &'c [Goal<'c>]) {
        for goal in goals {
            match &goal.target {
                GoalTarget::Value(v) => self.values.insert(v.as_str()),
                GoalTarget::Id(id) => self.ids.insert(id.as_str()),
            };
        }
    }
}

pub struct Network<'c> {
    pub config: &'c Config<'c>,
    pub scheme: Scheme,
    /// The postback host as `url` normalises it, and its port (the scheme's default if none).
    pub host: String,
    pub port: Option<u16>,
    pub path: String,
    /// `host[:port]` as the file writes it (the port only when not the scheme's default).
    pub host_port: String,
    /// `<scheme>://<host[:port]><path>`: where postbacks go.
    pub endpoint: String,
    /// The postback base, for hits given as a path.
    pub base: url::Url,
    /// Token value -> owner. Tokens from unset variables are absent.
    pub tokens: HashMap<String, Owner<'c>>,
    /// Whether any token is configured: then a hit without one is an error.
    pub tokens_configured: bool,
    pub goals: HashMap<Owner<'c>, Goals<'c>>,
    /// Every goal of the file, for a hit whose owner is unknown.
    pub all_goals: Goals<'c>,
    /// Every macro a built-in set, a set of the file or an override writes, sorted.
    macros: Vec<&'c str>,
}

impl<'c> Network<'c> {
    /// `None` when the file has no usable endpoint (a file with errors never gets here).
    pub fn new(config: &'c Config<'c>) -> Option<Self> {
        let base = url::Url::parse(&config.network.postback_base).ok()?;
        let mut tokens = HashMap::new();
        let mut tokens_configured = false;
        let owners = std::iter::once((Owner::Global, &config.network.token)).chain(
            config
                .advertisers()
                .iter()
                .map(|a| (Owner::Advertiser(a.key.as_str()), &a.token)),
        );
        for (owner, token) in owners {
            let value = match token {
                Token::Missing => continue,
                Token::Literal(value) => Some(value.value.to_string()),
                Token::Env(var) => std::env::var(var.as_str()).ok().filter(|v| !v.is_empty()),
            };
            tokens_configured = true;
            if let Some(value) = value {
                tokens.entry(value).or_insert(owner);
            }
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
        let host = base.host_str().unwrap_or("").to_string();
        let host_port = match base.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.clone(),
        };
        Some(Network {
            config,
            endpoint: format!("{}://{host_port}{}", base.scheme(), base.path()),
            host_port,
            scheme: config.network.scheme.value,
            host,
            port: base.port_or_known_default(),
            path: base.path().to_string(),
            base,
            tokens,
            tokens_configured,
            goals,
            all_goals,
            macros,
        })
    }

    /// Whether `value` is a macro some known system writes.
    pub fn is_known_macro(&self, value: &str) -> bool {
        self.macros.binary_search(&value).is_ok()
    }

    /// The goals a hit of `owner` may name (`None`: the owner is unknown).
    pub fn goals_of(&self, owner: Option<Owner<'c>>) -> Option<&Goals<'c>> {
        match owner {
            Some(owner) => self.goals.get(&owner),
            None => Some(&self.all_goals),
        }
    }
}
