//! The model of a network's file: what `campaigns.toml` says, each value with its place in
//! the file.

use std::collections::HashMap;

use super::endpoint::Endpoint;
use super::token::{Resolved, Token};
pub use super::value::{At, Scheme, Span, Str};
use crate::owner::Owner;
use crate::registry::CustomParam;
use crate::registry::{GOAL_ID, GOAL_VALUE};
use crate::secrets::Masker;
use crate::tracker::Tracker;

/// A whole, structurally valid file.
#[derive(Debug)]
pub struct Config<'s> {
    pub network: Network<'s>,
    pub global: Option<Global<'s>>,
    /// Read through [`Config::advertisers`]: private so it cannot drift from the index.
    advertisers: Vec<Advertiser<'s>>,
    pub campaigns: Vec<Campaign<'s>>,
    pub macro_sets: Vec<CustomMacroSet<'s>>,
    pub publishers: Vec<Publisher<'s>>,
    /// Advertiser key -> index in `advertisers`: campaigns look their advertiser up by key,
    /// and a linear search would make large files quadratic.
    advertiser_index: HashMap<String, usize>,
}

#[derive(Debug)]
pub struct Network<'s> {
    pub span: Span,
    pub name: Option<Str<'s>>,
    /// The platform the network runs: how its URLs spell the file's names.
    pub tracker: &'static Tracker,
    pub scheme: At<Scheme>,
    /// Where postbacks go (empty when the domain is invalid, which is an error).
    pub postback: Endpoint,
    /// Where tracking links point.
    pub click: Endpoint,
    pub test_publisher: Option<At<u64>>,
    pub token: Token<'s>,
    pub params: Vec<CustomParam<'s>>,
}

/// A macro set choice plus per-parameter overrides (`macros = ...` and `[...macro]`).
#[derive(Clone, Debug)]
pub struct MacroChoice<'s> {
    pub set: At<Str<'s>>,
    pub overrides: Vec<(At<Str<'s>>, At<Str<'s>>)>,
}

/// What one place (the global level, a campaign or a goal) puts on its URLs: the parameters
/// the advertiser's system fills, and the literals the network fixes.
#[derive(Clone, Debug, Default)]
pub struct Parameters<'s> {
    pub params: Vec<At<Str<'s>>>,
    pub fixed: Vec<Fixed<'s>>,
}

#[derive(Debug)]
pub struct Global<'s> {
    pub span: Span,
    pub macros: MacroChoice<'s>,
    pub parameters: Parameters<'s>,
    pub event: bool,
    pub goals: Vec<Goal<'s>>,
}

#[derive(Debug)]
pub struct Advertiser<'s> {
    pub key: At<Str<'s>>,
    pub name: Str<'s>,
    /// Its id in the network's tracker (`id = 7`), for a tracker whose postbacks name the
    /// advertiser (Offer18's `mid`).
    pub tracker_id: Option<At<u64>>,
    pub token: Token<'s>,
    pub macros: MacroChoice<'s>,
}

/// A publisher (an affiliate) and the postback the network's tracker calls on their side.
#[derive(Debug)]
pub struct Publisher<'s> {
    pub key: At<Str<'s>>,
    pub span: Span,
    pub name: Str<'s>,
    /// Their id in the network's tracker (Trackier's `pub_id`).
    pub id: At<u64>,
    pub receiver: Receiver<'s>,
    /// The campaigns the postback is for; `None`: all campaigns (a global publisher
    /// postback).
    pub campaigns: Option<Vec<At<u64>>>,
    pub events: Events,
    /// Whether the postback fires on pending conversions too.
    pub fire_on_pending: bool,
    /// `[publishers.<key>.macro]`: a macro of the network's tracker per postback parameter.
    pub overrides: Vec<(At<Str<'s>>, At<Str<'s>>)>,
}

/// Where a publisher's postback goes and how it is spelt.
#[derive(Debug)]
pub enum Receiver<'s> {
    /// A tracker of the table, at the publisher's domain.
    Tracker {
        tracker: &'static Tracker,
        endpoint: Endpoint,
        /// The key its path carries (Keitaro's), which authenticates postbacks: a secret.
        postback_key: Option<Str<'s>>,
    },
    /// `tracker = "custom"`: the template the publisher gave, as they gave it.
    Custom { template: At<Str<'s>> },
}

/// Which conversions fire a publisher's postback (Trackier's three choices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Events {
    Conversions,
    Goals,
    #[serde(rename = "all")]
    ConversionsAndGoals,
}

impl Events {
    pub const NAMES: [&'static str; 3] = ["conversions", "goals", "all"];

    pub fn named(name: &str) -> Option<Self> {
        match name {
            "conversions" => Some(Events::Conversions),
            "goals" => Some(Events::Goals),
            "all" => Some(Events::ConversionsAndGoals),
            _ => None,
        }
    }

    /// As the tracker's form words it.
    pub fn label(self) -> &'static str {
        match self {
            Events::Conversions => "Conversions",
            Events::Goals => "Goals",
            Events::ConversionsAndGoals => "Conversions + all goals",
        }
    }

    pub fn has_goals(self) -> bool {
        self != Events::Conversions
    }
}

#[derive(Debug)]
pub struct Campaign<'s> {
    pub span: Span,
    pub id: At<u64>,
    pub name: Str<'s>,
    pub advertiser: At<Str<'s>>,
    /// Label of the default conversion ("Default" unless the file says otherwise).
    pub default_label: Str<'s>,
    pub parameters: Parameters<'s>,
    pub goals: Vec<Goal<'s>>,
}

#[derive(Debug)]
pub struct Goal<'s> {
    pub name: At<Str<'s>>,
    pub target: GoalTarget<'s>,
    pub parameters: Parameters<'s>,
}

/// What names a goal in its URL: `goal_value=<value>` or `goal_id=<id>`.
#[derive(Clone, Debug)]
pub enum GoalTarget<'s> {
    Value(At<Str<'s>>),
    Id(At<Str<'s>>),
}

impl GoalTarget<'_> {
    /// The URL parameter that carries it.
    pub fn param(&self) -> &'static str {
        match self {
            GoalTarget::Value(_) => GOAL_VALUE,
            GoalTarget::Id(_) => GOAL_ID,
        }
    }

    /// The value or id, with its place in the file.
    pub fn text(&self) -> &At<Str<'_>> {
        match self {
            GoalTarget::Value(v) | GoalTarget::Id(v) => v,
        }
    }

    pub fn as_str(&self) -> &str {
        self.text().as_str()
    }

    /// The goal value, when the goal is named by one.
    pub fn value(&self) -> Option<&str> {
        match self {
            GoalTarget::Value(v) => Some(v.as_str()),
            GoalTarget::Id(_) => None,
        }
    }

    /// The goal id, when the goal is named by one.
    pub fn id(&self) -> Option<&str> {
        match self {
            GoalTarget::Id(id) => Some(id.as_str()),
            GoalTarget::Value(_) => None,
        }
    }
}

/// A literal parameter: `fixed = { sub1 = "summer" }`.
#[derive(Clone, Debug)]
pub struct Fixed<'s> {
    pub name: At<Str<'s>>,
    pub value: At<Str<'s>>,
}

/// A `[macro_sets.<name>]` table.
#[derive(Debug)]
pub struct CustomMacroSet<'s> {
    pub name: At<Str<'s>>,
    pub entries: Vec<(At<Str<'s>>, At<Str<'s>>)>,
}

impl<'s> Config<'s> {
    pub fn new(
        network: Network<'s>,
        global: Option<Global<'s>>,
        advertisers: Vec<Advertiser<'s>>,
        campaigns: Vec<Campaign<'s>>,
        macro_sets: Vec<CustomMacroSet<'s>>,
        publishers: Vec<Publisher<'s>>,
    ) -> Self {
        let advertiser_index = advertisers
            .iter()
            .enumerate()
            .map(|(index, a)| (a.key.value.to_string(), index))
            .collect();
        Config {
            network,
            global,
            advertisers,
            campaigns,
            macro_sets,
            publishers,
            advertiser_index,
        }
    }

    /// The publisher `key` names.
    pub fn publisher(&self, key: &str) -> Option<&Publisher<'s>> {
        self.publishers.iter().find(|p| p.key.value == key)
    }

    /// The advertisers in file order.
    pub fn advertisers(&self) -> &[Advertiser<'s>] {
        &self.advertisers
    }

    pub fn advertiser(&self, key: &str) -> Option<&Advertiser<'s>> {
        self.advertiser_index
            .get(key)
            .map(|&index| &self.advertisers[index])
    }

    /// Each owner's token, the network's (the global level) first, then the advertisers' in
    /// file order.
    pub fn tokens(&self) -> impl Iterator<Item = (Owner<'_>, &Token<'s>)> {
        std::iter::once((Owner::Global, &self.network.token))
            .chain((self.advertisers.iter()).map(|a| (Owner::Advertiser(a.key.as_str()), &a.token)))
    }

    /// Every token value the file configures (its variables read now).
    pub fn token_values(&self) -> Vec<String> {
        let keys = self.publishers.iter().filter_map(|p| match &p.receiver {
            Receiver::Tracker { postback_key, .. } => postback_key.as_deref().map(str::to_string),
            Receiver::Custom { .. } => None,
        });
        (self.tokens())
            .filter_map(|(_, token)| match token.resolve() {
                Resolved::Value(value) => Some(value.into_owned()),
                _ => None,
            })
            .chain(keys)
            .collect()
    }

    /// The masker of every token the file configures: what shows a person anything built
    /// from the file hides them with it.
    pub fn masker(&self) -> Masker {
        Masker::new(self.token_values())
    }

    /// An event name the global event URL could carry and no global goal has: the first
    /// campaign goal value of the file that is not a global goal's. The global event row's
    /// sample, so that a run of samples converts each goal once.
    pub fn event_example(&self) -> Option<&str> {
        let global: Vec<&str> = (self.global.iter().flat_map(|g| &g.goals))
            .filter_map(|goal| goal.target.value())
            .collect();
        (self.campaigns.iter().flat_map(|c| &c.goals))
            .filter_map(|goal| goal.target.value())
            .find(|value| !global.contains(value))
    }

    pub fn campaign(&self, id: u64) -> Option<&Campaign<'s>> {
        self.campaigns.iter().find(|c| c.id.value == id)
    }

    /// Everything read, as text, to compare two readings of one file (the advertiser
    /// index, a hash map without order, is left out).
    pub(super) fn describe(&self) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            self.network, self.global, self.advertisers, self.campaigns, self.macro_sets
        )
    }
}
