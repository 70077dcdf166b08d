//! The URL rows for a selection: which postbacks to print, in which order, each built from
//! the campaign's (or global) parameters, the advertiser's macros and the right token.

use std::borrow::Cow;

use serde::Serialize;

use crate::config::{
    Advertiser, At, Campaign, Config, CustomMacroSet, Fixed, Global, Goal, GoalTarget, MacroChoice,
    Str, Token,
};
use crate::error::Error;
use crate::macro_sets::{self, MacroSet};
use crate::postback::{self, Param, Value};
use crate::registry::Registry;
use crate::sample::Samples;
use crate::suggest::did_you_mean;

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
    check_selection(config, selection, options)?;
    let builder = Builder {
        config,
        registry: Registry::new(&config.network.params),
        options,
        goals: &selection.goals,
    };
    let mut rows = Vec::new();
    if selection.levels != Levels::Advertiser {
        if let Some(global) = &config.global {
            builder.global_rows(global, &mut rows)?;
        } else if selection.levels == Levels::Global {
            return Err(Error::Conflict(
                "the file has no [global] section, so there are no global postbacks\n  \
                 hint: add [global] (see examples/mmp-global.toml), or use --level advertiser"
                    .into(),
            ));
        }
    }
    if selection.levels != Levels::Global {
        for campaign in selected_campaigns(config, selection) {
            builder.campaign_rows(campaign, &mut rows)?;
        }
    }
    check_goals_matched(selection, &rows)?;
    Ok(rows)
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

fn check_goals_matched(selection: &Selection, rows: &[Row<'_>]) -> Result<(), Error> {
    for goal in &selection.goals {
        let matched = rows.iter().any(|row| {
            let target = row.goal_value.or(row.goal_id);
            goal_selects(goal, row.goal, target, row.kind == Kind::Default)
        });
        if !matched {
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

/// A built URL and the macros written in it.
type Built<'c> = (String, Vec<MacroUse<'c>>);

/// The value of a row's goal parameter.
#[derive(Clone, Copy)]
enum GoalParam<'c> {
    /// A goal's value or id.
    Literal(&'c str),
    /// The global event URL: the partner's event-name macro.
    EventMacro,
}

/// How a parameter gets its value at one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill<'c> {
    Advertiser,
    Literal(&'c str),
}

struct Builder<'c> {
    config: &'c Config<'c>,
    registry: Registry<'c>,
    options: &'c Options,
    goals: &'c [String],
}

/// The macros of one advertiser (or of the global level).
struct Macros<'c> {
    choice: &'c MacroChoice<'c>,
    builtin: Option<&'static MacroSet>,
    custom: Option<&'c CustomMacroSet<'c>>,
}

impl<'c> Macros<'c> {
    fn new(config: &'c Config<'c>, choice: &'c MacroChoice<'c>) -> Self {
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

/// Whose rows these are: the fields every row of one campaign (or of the global level) shares.
#[derive(Clone, Copy)]
struct Owner<'c> {
    level: Level,
    advertiser: Option<&'c str>,
    campaign_id: Option<u64>,
    campaign: &'c str,
}

/// What one level shares across its rows: base URL, token, macros, parameters.
struct Shared<'c> {
    macros: Macros<'c>,
    token: Option<Cow<'c, str>>,
    fills: Vec<(&'c str, Fill<'c>)>,
}

impl<'c> Builder<'c> {
    fn token(&self, token: &'c Token<'c>, owner: &str) -> Result<Option<Cow<'c, str>>, Error> {
        let value = match token {
            Token::Missing => return Ok(None),
            Token::Literal(value) => Cow::Borrowed(value.as_str()),
            Token::Env(var) => match std::env::var(var.as_str()) {
                Ok(value) if !value.is_empty() => Cow::Owned(value),
                _ => {
                    return Err(Error::TokenUnset {
                        variable: var.value.to_string(),
                        owner: owner.to_string(),
                    })
                }
            },
        };
        Ok(Some(if self.options.redact {
            Cow::Borrowed(REDACTED)
        } else {
            value
        }))
    }

    fn wants(&self, label: &str, target: Option<&str>, is_default: bool) -> bool {
        self.goals.is_empty()
            || self
                .goals
                .iter()
                .any(|g| goal_selects(g, label, target, is_default))
    }

    fn global_rows(&self, global: &'c Global<'c>, rows: &mut Vec<Row<'c>>) -> Result<(), Error> {
        let shared = Shared {
            macros: Macros::new(self.config, &global.macros),
            token: self.token(&self.config.network.token, "the network")?,
            fills: fills(&global.params, &global.fixed),
        };
        let owner = Owner {
            level: Level::Global,
            advertiser: None,
            campaign_id: None,
            campaign: GLOBAL_CAMPAIGN,
        };
        self.push_rows(
            owner,
            &shared,
            GLOBAL_DEFAULT,
            global.event,
            &global.goals,
            rows,
        );
        Ok(())
    }

    fn campaign_rows(
        &self,
        campaign: &'c Campaign<'c>,
        rows: &mut Vec<Row<'c>>,
    ) -> Result<(), Error> {
        let Some(advertiser) = self.config.advertiser(&campaign.advertiser.value) else {
            // A validated file has no dangling reference.
            return Ok(());
        };
        let shared = self.advertiser_shared(advertiser, campaign)?;
        let owner = Owner {
            level: Level::Advertiser,
            advertiser: Some(advertiser.key.as_str()),
            campaign_id: Some(campaign.id.value),
            campaign: &campaign.name,
        };
        let label = &campaign.default_label;
        self.push_rows(owner, &shared, label, false, &campaign.goals, rows);
        Ok(())
    }

    /// The selected rows of one level: the default, the event (global only), then the goals.
    fn push_rows(
        &self,
        owner: Owner<'c>,
        shared: &Shared<'c>,
        default_label: &'c str,
        event: bool,
        goals: &'c [Goal<'c>],
        rows: &mut Vec<Row<'c>>,
    ) {
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
            rows.push(row(Kind::Default, default_label, None, None, url));
        }
        if event && self.wants(GLOBAL_EVENT, None, false) {
            let url = self.url(shared, None, Some(("goal_value", GoalParam::EventMacro)));
            rows.push(row(Kind::Event, GLOBAL_EVENT, None, None, url));
        }
        for goal in goals {
            if let Some(url) = self.goal_url(shared, goal) {
                let (value, id) = goal_fields(goal);
                rows.push(row(Kind::Goal, goal.name.as_str(), value, id, url));
            }
        }
    }

    fn advertiser_shared(
        &self,
        advertiser: &'c Advertiser<'c>,
        campaign: &'c Campaign<'c>,
    ) -> Result<Shared<'c>, Error> {
        let owner = format!("advertiser `{}`", advertiser.key.value);
        Ok(Shared {
            macros: Macros::new(self.config, &advertiser.macros),
            token: self.token(&advertiser.token, &owner)?,
            fills: fills(&campaign.params, &campaign.fixed),
        })
    }

    fn goal_url(&self, shared: &Shared<'c>, goal: &'c Goal<'c>) -> Option<Built<'c>> {
        let (value, id) = goal_fields(goal);
        if !self.wants(goal.name.as_str(), value.or(id), false) {
            return None;
        }
        let target = goal.target.text().as_str();
        Some(self.url(
            shared,
            Some(goal),
            Some((goal.target.param(), GoalParam::Literal(target))),
        ))
    }

    /// The URL of one row: the level's parameters, the goal's additions, the token and the
    /// goal parameter, each a macro or a literal (or a sample in place of a macro).
    fn url(
        &self,
        shared: &Shared<'c>,
        goal: Option<&'c Goal<'c>>,
        goal_param: Option<(&'c str, GoalParam<'c>)>,
    ) -> Built<'c> {
        let mut fills = shared.fills.clone();
        if let Some(goal) = goal {
            merge(&mut fills, &goal.params, &goal.fixed);
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
                    macros.push(used);
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

fn goal_fields<'c>(goal: &'c Goal<'c>) -> (Option<&'c str>, Option<&'c str>) {
    match &goal.target {
        GoalTarget::Value(v) => (Some(v.as_str()), None),
        GoalTarget::Id(id) => (None, Some(id.as_str())),
    }
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
