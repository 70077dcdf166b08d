//! What `check` knows of the network, built once from the file: where postbacks go, which
//! token belongs to whom, every macro a known system writes, and the token values to mask.
//! Two parts are built on first need, from any thread: what each owner's rows expect (the
//! file's own templates, [`super::owner_rows`]) and each owner's goals for hints (in file
//! order, so hints are the same every run).

use std::sync::OnceLock;

use foldhash::{HashMap, HashMapExt, HashSet};

use crate::config::{Config, Endpoint, Goal, GoalTarget, Resolved};
use crate::macro_sets;
use crate::owner::Owner;
use crate::rows::{Macros, Origin};
use crate::secrets::Masker;
use crate::tracker::Tracker;

pub use super::owner_rows::{Expected, RowKey};
use super::owner_rows::{OwnerRows, Rows};

/// Names in file order, with a set for lookups.
#[derive(Debug, Default)]
pub struct Names<'c> {
    pub ordered: Vec<&'c str>,
    set: HashSet<&'c str>,
}

impl<'c> Names<'c> {
    fn add(&mut self, name: &'c str) {
        if self.set.insert(name) {
            self.ordered.push(name);
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.set.contains(name)
    }

    /// The file's own spelling of `name`, if it is there.
    pub fn get(&self, name: &str) -> Option<&'c str> {
        self.set.get(name).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.ordered.is_empty()
    }
}

/// The goal values and ids a hit of one owner may carry.
#[derive(Debug, Default)]
pub struct Goals<'c> {
    pub values: Names<'c>,
    pub ids: Names<'c>,
}

impl<'c> Goals<'c> {
    fn add(&mut self, goals: &'c [Goal<'c>]) {
        for goal in goals {
            match &goal.target {
                GoalTarget::Value(v) => self.values.add(v.as_str()),
                GoalTarget::Id(id) => self.ids.add(id.as_str()),
            }
        }
    }
}

/// The goals of the file by owner, and whose each goal is first: what hints name. Built
/// on first need, as most runs have no hit with a wrong goal.
#[derive(Default)]
struct GoalIndex<'c> {
    by_owner: HashMap<Owner<'c>, Goals<'c>>,
    /// Every goal of the file, for a hit whose owner is unknown.
    all: Goals<'c>,
    none: Goals<'c>,
    /// Whose goal a value or id is first, for "it is advertiser X's goal".
    owner_of: HashMap<&'c str, &'c str>,
}

impl<'c> GoalIndex<'c> {
    fn new(config: &'c Config<'c>) -> Self {
        let mut index = GoalIndex::default();
        if let Some(global) = &config.global {
            let goals = index.by_owner.entry(Owner::Global).or_default();
            goals.add(&global.goals);
            index.all.add(&global.goals);
        }
        for campaign in &config.campaigns {
            let key = campaign.advertiser.as_str();
            let goals = index.by_owner.entry(Owner::Advertiser(key)).or_default();
            goals.add(&campaign.goals);
            index.all.add(&campaign.goals);
            for goal in &campaign.goals {
                index.owner_of.entry(goal.target.as_str()).or_insert(key);
            }
        }
        index
    }
}

pub struct Network<'c> {
    pub config: &'c Config<'c>,
    /// Where postbacks go.
    pub endpoint: &'c Endpoint,
    /// Token value -> owner. Tokens from unset variables are absent.
    pub tokens: HashMap<String, Owner<'c>>,
    /// Whether any token is configured: then a hit without one is an error, unless an
    /// owner has none.
    pub tokens_configured: bool,
    /// The owners whose file gives no token (their URLs carry none), in file order.
    pub tokenless: Vec<Owner<'c>>,
    /// The variables of tokens that could not be read here (unset, or holding whitespace),
    /// with their owners: a token matching no one may be one of theirs.
    pub unread: Vec<(Owner<'c>, &'c str)>,
    /// Every configured token: masked in all `check` prints.
    pub masker: Masker,
    owners: HashMap<Owner<'c>, OwnerRows<'c>>,
    /// Every goal of the file, for a hit whose owner is unknown.
    goals: OnceLock<GoalIndex<'c>>,
    known_macros: KnownMacros<'c>,
    /// The endpoint as the `url` crate reads it, when that reading writes it back as the
    /// file does: a hit that starts with exactly that needs no parse of its own.
    endpoint_url: Option<url::Url>,
}

impl Network<'_> {
    /// The platform the network runs.
    pub fn tracker(&self) -> &'static Tracker {
        self.config.network.tracker
    }

    /// How the network's tracker spells the file's parameter `name`, for a message.
    pub fn own_name<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        (self.tracker().name_of(name)).unwrap_or(std::borrow::Cow::Borrowed(name))
    }
}

/// Every macro a built-in set, a set of the file or an override writes: sorted, with the
/// bytes they start with, so that most values (sample values, real ids) are turned away
/// without a search.
struct KnownMacros<'c> {
    sorted: Vec<&'c str>,
    first_bytes: [bool; 256],
}

impl<'c> KnownMacros<'c> {
    fn new(mut sorted: Vec<&'c str>) -> Self {
        sorted.sort_unstable();
        sorted.dedup();
        let mut first_bytes = [false; 256];
        for first in sorted.iter().filter_map(|m| m.bytes().next()) {
            first_bytes[usize::from(first)] = true;
        }
        KnownMacros {
            sorted,
            first_bytes,
        }
    }

    fn contains(&self, value: &str) -> bool {
        let starts = value
            .bytes()
            .next()
            .is_some_and(|b| self.first_bytes[usize::from(b)]);
        starts && self.sorted.binary_search(&value).is_ok()
    }
}

impl<'c> Network<'c> {
    pub fn new(config: &'c Config<'c>) -> Self {
        let mut network = Network {
            config,
            endpoint: &config.network.postback,
            tokens: HashMap::new(),
            tokens_configured: false,
            tokenless: Vec::new(),
            unread: Vec::new(),
            masker: Masker::default(),
            owners: HashMap::new(),
            goals: OnceLock::new(),
            known_macros: KnownMacros::new(known_macros(config)),
            endpoint_url: url::Url::parse(config.network.postback.as_str())
                .ok()
                .filter(|url| url.as_str() == config.network.postback.as_str()),
        };
        network.read_tokens();
        network.read_owners();
        network
    }

    fn read_tokens(&mut self) {
        let config = self.config;
        for (owner, token) in config.tokens() {
            match token.resolve() {
                // The network's token is used only at the global level.
                Resolved::Missing if owner == Owner::Global && config.global.is_none() => continue,
                Resolved::Missing => {
                    self.tokenless.push(owner);
                    continue;
                }
                Resolved::Value(value) => {
                    self.tokens.entry(value.into_owned()).or_insert(owner);
                }
                Resolved::Unset { variable } | Resolved::Invalid { variable } => {
                    self.unread.push((owner, variable));
                }
            }
            self.tokens_configured = true;
        }
        self.masker = config.masker();
    }

    /// Each owner's macros and campaigns; what their rows expect is worked out on the
    /// owner's first hit.
    fn read_owners(&mut self) {
        let config = self.config;
        if let Some(global) = &config.global {
            let owner = self.owners.entry(Owner::Global).or_default();
            owner.macros = Some(Macros::new(config, &global.macros));
        }
        for advertiser in config.advertisers() {
            let owner = Owner::Advertiser(advertiser.key.as_str());
            self.owners.entry(owner).or_default().macros =
                Some(Macros::new(config, &advertiser.macros));
        }
        for campaign in &config.campaigns {
            let owner = Owner::Advertiser(campaign.advertiser.as_str());
            self.owners
                .entry(owner)
                .or_default()
                .campaigns
                .push(campaign);
        }
    }

    /// The endpoint, already read, when `head` (a hit's scheme, host and path, or its path
    /// alone) is exactly the endpoint's.
    pub fn endpoint_url(&self, head: &str) -> Option<&url::Url> {
        let url = self.endpoint_url.as_ref()?;
        (head == url.as_str() || head == self.endpoint.path()).then_some(url)
    }

    /// Whether `value` is a macro some known system writes.
    pub fn is_known_macro(&self, value: &str) -> bool {
        self.known_macros.contains(value)
    }

    fn goal_index(&self) -> &GoalIndex<'c> {
        self.goals.get_or_init(|| GoalIndex::new(self.config))
    }

    /// The goals a hit of `owner` may name (`None`: the owner is unknown, any goal).
    pub fn goals_of(&self, owner: Option<Owner<'c>>) -> &Goals<'c> {
        let index = self.goal_index();
        match owner {
            Some(owner) => index.by_owner.get(&owner).unwrap_or(&index.none),
            None => &index.all,
        }
    }

    /// The advertiser whose goal `target` is, first in file order.
    pub fn goal_owner(&self, target: &str) -> Option<&'c str> {
        self.goal_index().owner_of.get(target).copied()
    }

    /// The row a hit of `owner` (any owner: `None`) with this goal value (or id) is for,
    /// as the file spells it, if the file has that goal.
    pub fn goal_row(&self, owner: Option<Owner<'c>>, id: bool, value: &str) -> Option<RowKey<'c>> {
        let Some(owner) = owner else {
            let goals = &self.goal_index().all;
            return Some(match id {
                false => RowKey::Value(goals.values.get(value)?),
                true => RowKey::Id(goals.ids.get(value)?),
            });
        };
        let key = if id {
            RowKey::Id(value)
        } else {
            RowKey::Value(value)
        };
        self.owner_rows(owner)?
            .get(key)
            .map(|expected| expected.key)
    }

    fn owner_rows(&self, owner: Owner<'c>) -> Option<&Rows<'c>> {
        let global = self.config.global.as_ref();
        Some(self.owners.get(&owner)?.rows(owner, global))
    }

    /// What the file's rows say a hit of `owner` for `row` carries.
    pub fn expected(&self, owner: Owner<'c>, row: RowKey<'_>) -> Option<&Expected<'c>> {
        self.owner_rows(owner)?.get(row)
    }

    /// The macro `owner`'s system writes for `param` (its set, or an override), or `None`
    /// when a placeholder stands there.
    pub fn macro_of(&self, owner: Owner<'_>, param: &str) -> Option<String> {
        let used = self.owners.get(&owner)?.macros.as_ref()?.get(param);
        (used.origin != Origin::Placeholder).then(|| used.text.into_owned())
    }
}

/// Every macro a built-in set, a set of the file or an override writes.
fn known_macros<'c>(config: &'c Config<'c>) -> Vec<&'c str> {
    let mut macros: Vec<&'c str> = macro_sets::builtin()
        .iter()
        .flat_map(|set| set.entries().map(|(_, m)| m))
        .collect();
    let choices = (config.advertisers().iter())
        .map(|a| &a.macros)
        .chain(config.global.as_ref().map(|g| &g.macros));
    for choice in choices {
        macros.extend(choice.overrides.iter().map(|(_, m)| m.as_str()));
    }
    for set in &config.macro_sets {
        macros.extend(set.entries.iter().map(|(_, m)| m.as_str()));
    }
    macros
}

#[cfg(test)]
mod tests {
    use super::KnownMacros;

    #[test]
    fn known_macros_are_found_and_other_values_turned_away() {
        let known = KnownMacros::new(vec![
            "{clickid}",
            "[aff_click_id]",
            "${currency}",
            "{clickid}",
        ]);
        for value in ["{clickid}", "[aff_click_id]", "${currency}"] {
            assert!(known.contains(value), "{value}");
        }
        // Same first byte, not a known macro; another first byte; empty.
        for value in ["{click_id}", "test-click", "", "[aff"] {
            assert!(!known.contains(value), "{value}");
        }
    }
}
