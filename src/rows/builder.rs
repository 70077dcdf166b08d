//! Writing the URLs of one level (a campaign, or the global level) from its plan: the
//! parameters, the owner's macros (or samples), the token, and each goal's value or id.

use std::borrow::Cow;

use super::plan::{Fill, Fills, Planned};
use super::{MacroUse, Options, Origin, Owner, Row, Selection};
use crate::config::{At, Config, CustomMacroSet, MacroChoice, Str};
use crate::macro_sets::{self, MacroSet};
use crate::postback::{self, Param, Value};
use crate::registry::Registry;
use crate::registry::{ADVERTISER_ID, CAMPAIGN_ID, SECURITY_TOKEN};
use crate::sample::Place;

/// The macros of one advertiser (or of the global level).
pub struct Macros<'c> {
    choice: &'c MacroChoice<'c>,
    builtin: Option<&'static MacroSet>,
    custom: Option<&'c CustomMacroSet<'c>>,
}

impl<'c> Macros<'c> {
    pub fn new(config: &'c Config<'c>, choice: &'c MacroChoice<'c>) -> Self {
        let name = choice.set.as_str();
        Macros {
            choice,
            builtin: macro_sets::find_builtin(name),
            custom: config.macro_sets.iter().find(|s| s.name.value == name),
        }
    }

    /// `macro[p]`, else the set's entry for `p`, else the placeholder `{p}`. The name may
    /// live shorter than the file (a hit's).
    pub fn get<'p>(&self, param: &'p str) -> MacroUse<'p>
    where
        'c: 'p,
    {
        let lookup = |entries: &'c [(At<Str<'c>>, At<Str<'c>>)]| {
            entries
                .iter()
                .find(|(name, _)| name.value == param)
                .map(|(_, value)| Cow::<'p, str>::Borrowed(value.as_str()))
        };
        let from_set = || {
            (self.custom.and_then(|set| lookup(&set.entries))).or_else(|| {
                self.builtin
                    .and_then(|set| set.get(param))
                    .map(Cow::Borrowed)
            })
        };
        let (text, origin) = match lookup(&self.choice.overrides) {
            Some(text) => (text, Origin::Override),
            None => match from_set() {
                Some(text) => (text, Origin::Set),
                None => (macro_sets::placeholder(param), Origin::Placeholder),
            },
        };
        MacroUse {
            param,
            text,
            origin,
        }
    }
}

/// The fields every row of one campaign (or of the global level) shares.
#[derive(Clone, Copy)]
pub struct Head<'c> {
    pub owner: Owner<'c>,
    pub campaign_id: Option<u64>,
    pub campaign: &'c str,
}

/// What one level shares across its URLs: macros, token, parameters.
pub struct Shared<'c> {
    pub macros: Macros<'c>,
    pub token: Option<Cow<'c, str>>,
    /// The advertiser's id in the network's tracker, for a tracker that names it.
    pub advertiser_id: Option<u64>,
    pub fills: Fills<'c>,
}

pub struct Builder<'c> {
    config: &'c Config<'c>,
    registry: Registry<'c>,
    options: &'c Options,
    /// `--goal`: which rows of each level to build.
    selection: &'c Selection,
    /// The sample event name of the global event row.
    event_goal: Option<&'c str>,
}

impl<'c> Builder<'c> {
    pub fn new(config: &'c Config<'c>, selection: &'c Selection, options: &'c Options) -> Self {
        Builder {
            config,
            registry: Registry::new(&config.network.params),
            options,
            selection,
            event_goal: config.event_example(),
        }
    }

    /// The selected rows of one level, in the plan's order.
    pub fn rows<E>(
        &self,
        head: Head<'c>,
        shared: &Shared<'c>,
        planned: impl Iterator<Item = Planned<'c>>,
        emit: &mut impl FnMut(Row<'c>) -> Result<(), E>,
    ) -> Result<(), E> {
        let rows = planned.enumerate();
        for (at, row) in rows.filter(|(_, row)| self.selection.wants(row)) {
            let place = Place {
                campaign_id: head.campaign_id,
                row: at,
            };
            let (url, macros) = self.url(shared, &row, place);
            let target = row.target();
            emit(Row {
                kind: row.kind,
                level: head.owner.level(),
                advertiser: head.owner.advertiser(),
                campaign_id: head.campaign_id,
                campaign: head.campaign,
                goal: row.label,
                goal_value: target.and_then(|t| t.value()),
                goal_id: target.and_then(|t| t.id()),
                url,
                macros,
            })?;
        }
        Ok(())
    }

    /// The URL of one row: its parameters, each a macro or a literal (or a sample in place of
    /// a macro), the token and the goal's value or id; and the macros written, when the
    /// options ask for them.
    fn url(
        &self,
        shared: &Shared<'c>,
        row: &Planned<'c>,
        place: Place,
    ) -> (String, Vec<MacroUse<'c>>) {
        let fills = row.fills(&shared.fills);
        let target = row.target().map(|t| (t.param(), Fill::Literal(t.as_str())));
        let mut params: Vec<Param<'_>> = Vec::with_capacity(16);
        let mut macros = Vec::new();
        for (name, fill) in fills.iter().chain(target) {
            let value = match (fill, &self.options.samples) {
                (Fill::Literal(text), _) => Value::Literal(Cow::Borrowed(text)),
                (Fill::Advertiser, Some(samples)) => {
                    Value::Literal(samples.value(name, place, self.event_goal))
                }
                (Fill::Advertiser, None) => {
                    let used = shared.macros.get(name);
                    let value = Value::Macro(used.text.clone());
                    if self.options.collect_macros {
                        macros.push(used);
                    }
                    value
                }
            };
            params.push(self.param(name, value));
        }
        if let Some(token) = &shared.token {
            params.push(self.param(SECURITY_TOKEN, Value::Literal(token.clone())));
        }
        let network = &self.config.network;
        if let (Some(_), Some(id)) = (network.tracker.campaign_param, place.campaign_id) {
            let id = Value::Literal(Cow::Owned(id.to_string()));
            params.push(self.param(CAMPAIGN_ID, id));
        }
        if let (Some(_), Some(id)) = (network.tracker.advertiser_param, shared.advertiser_id) {
            let id = Value::Literal(Cow::Owned(id.to_string()));
            params.push(self.param(ADVERTISER_ID, id));
        }
        let url = postback::build(network.tracker, &network.postback, &mut params);
        macros.sort_by_key(|m| self.param_order(m.param));
        (url, macros)
    }

    fn param(&self, name: &'c str, value: Value<'c>) -> Param<'c> {
        let order = self.param_order(name);
        Param { order, name, value }
    }

    /// Where `name` goes in a URL: first the tracker's own order of the names it lists
    /// (as its documentation's example writes them), then the registry's.
    fn param_order(&self, name: &str) -> u32 {
        let tracker = self.config.network.tracker;
        if let Some(at) = tracker.order.iter().position(|n| *n == name) {
            return at as u32;
        }
        // A validated file names only registry parameters; anything else would sort last.
        let after = tracker.order.len() as u32;
        (self.registry.lookup(name)).map_or(u32::MAX, |p| after.saturating_add(p.order))
    }
}
