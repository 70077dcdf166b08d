//! Building the URLs of one level (a campaign, or the global level): its parameters, the
//! advertiser's macros (or samples), the token, and each goal's additions.

use std::borrow::Cow;

use super::{Fill, Kind, MacroUse, Options, Row, GLOBAL_EVENT};
use crate::config::{At, Config, CustomMacroSet, Goal, GoalTarget, MacroChoice, Str};
use crate::macro_sets::{self, MacroSet};
use crate::postback::{self, Param, Value};
use crate::registry::Registry;

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

    /// `macro[p]`, else the set's entry for `p`, else the placeholder `{p}`.
    fn get(&self, param: &'c str) -> MacroUse<'c> {
        let lookup = |entries: &'c [(At<Str<'c>>, At<Str<'c>>)]| {
            entries
                .iter()
                .find(|(name, _)| name.value == param)
                .map(|(_, value)| Cow::Borrowed(value.as_str()))
        };
        let known = lookup(&self.choice.overrides)
            .or_else(|| self.custom.and_then(|set| lookup(&set.entries)))
            .or_else(|| {
                self.builtin
                    .and_then(|set| set.get(param))
                    .map(Cow::Borrowed)
            });
        MacroUse {
            param,
            placeholder: known.is_none(),
            text: known.unwrap_or_else(|| macro_sets::placeholder(param)),
        }
    }
}

/// The fields every row of one campaign (or of the global level) shares.
#[derive(Clone, Copy)]
pub struct Owner<'c> {
    pub level: super::Level,
    pub advertiser: Option<&'c str>,
    pub campaign_id: Option<u64>,
    pub campaign: &'c str,
}

/// What one level shares across its URLs: macros, token, parameters.
pub struct Shared<'c> {
    pub macros: Macros<'c>,
    pub token: Option<Cow<'c, str>>,
    pub fills: Vec<(&'c str, Fill<'c>)>,
}

/// The value of a row's goal parameter.
#[derive(Clone, Copy)]
enum GoalParam<'c> {
    /// A goal's value or id.
    Literal(&'c str),
    /// The global event URL: the partner's event-name macro.
    EventMacro,
}

pub struct Builder<'c> {
    pub config: &'c Config<'c>,
    pub registry: Registry<'c>,
    pub options: &'c Options,
    /// `--goal`: which rows of each level to build (all when empty).
    pub goals: &'c [String],
}

impl<'c> Builder<'c> {
    fn wants(&self, label: &str, target: Option<&str>, is_default: bool) -> bool {
        self.goals.is_empty()
            || self
                .goals
                .iter()
                .any(|g| super::goal_selects(g, label, target, is_default))
    }

    /// The selected rows of one level, in order: the default, the event (global only),
    /// then the goals.
    pub fn rows<E>(
        &self,
        owner: Owner<'c>,
        shared: &Shared<'c>,
        default_label: &'c str,
        event: bool,
        goals: &'c [Goal<'c>],
        emit: &mut impl FnMut(Row<'c>) -> Result<(), E>,
    ) -> Result<(), E> {
        let row = |kind, goal, goal_value, goal_id, (url, macros)| Row {
            kind,
            level: owner.level,
            advertiser: owner.advertiser,
            campaign_id: owner.campaign_id,
            campaign: owner.campaign,
            goal,
            goal_value,
            goal_id,
            url,
            macros,
        };
        if self.wants(default_label, None, true) {
            let url = self.url(shared, None, None);
            emit(row(Kind::Default, default_label, None, None, url))?;
        }
        if event && self.wants(GLOBAL_EVENT, None, false) {
            let url = self.url(shared, None, Some(("goal_value", GoalParam::EventMacro)));
            emit(row(Kind::Event, GLOBAL_EVENT, None, None, url))?;
        }
        for goal in goals {
            let (value, id) = goal_fields(goal);
            if !self.wants(goal.name.as_str(), value.or(id), false) {
                continue;
            }
            let target = goal.target.text().as_str();
            let param = (goal.target.param(), GoalParam::Literal(target));
            let url = self.url(shared, Some(goal), Some(param));
            emit(row(Kind::Goal, goal.name.as_str(), value, id, url))?;
        }
        Ok(())
    }

    /// The URL of one row: the level's parameters, the goal's additions, the token and the
    /// goal parameter, each a macro or a literal (or a sample in place of a macro); and the
    /// macros written, when the options ask for them.
    fn url(
        &self,
        shared: &Shared<'c>,
        goal: Option<&'c Goal<'c>>,
        goal_param: Option<(&'c str, GoalParam<'c>)>,
    ) -> (String, Vec<MacroUse<'c>>) {
        let mut fills = shared.fills.clone();
        if let Some(goal) = goal {
            super::merge(&mut fills, &goal.params, &goal.fixed);
        }
        let goal_fill = goal_param.map(|(name, value)| match value {
            GoalParam::Literal(text) => (name, Fill::Literal(text)),
            GoalParam::EventMacro => (name, Fill::Advertiser),
        });
        let mut params: Vec<Param<'_>> = Vec::with_capacity(fills.len() + 2);
        let mut macros = Vec::new();
        for (name, fill) in fills.into_iter().chain(goal_fill) {
            let value = match (fill, &self.options.samples) {
                (Fill::Literal(text), _) => Value::Literal(Cow::Borrowed(text)),
                (Fill::Advertiser, Some(samples)) => {
                    Value::Literal(Cow::Borrowed(samples.value(name)))
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
            params.push(self.param("security_token", Value::Literal(token.clone())));
        }
        let url = postback::build(&self.config.network.postback_base, &mut params);
        macros.sort_by_key(|m| self.param_order(m.param));
        (url, macros)
    }

    fn param(&self, name: &'c str, value: Value<'c>) -> Param<'c> {
        let order = self.param_order(name);
        Param { order, name, value }
    }

    fn param_order(&self, name: &str) -> u32 {
        // A validated file names only registry parameters; anything else would sort last.
        self.registry.lookup(name).map_or(u32::MAX, |p| p.order)
    }
}

pub fn goal_fields<'c>(goal: &'c Goal<'c>) -> (Option<&'c str>, Option<&'c str>) {
    match &goal.target {
        GoalTarget::Value(v) => (Some(v.as_str()), None),
        GoalTarget::Id(id) => (None, Some(id.as_str())),
    }
}
