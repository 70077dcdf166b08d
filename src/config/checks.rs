//! Checks across the parsed file: references, duplicates, parameter names, macros, value rules
//! and tokens. Every problem is reported; none stops the others.

use std::collections::{HashMap, HashSet};

use super::names::{check_macro, valid_key};
use super::{
    Advertiser, At, Campaign, Config, Goal, MacroChoice, Parameters, Resolved, Scheme, Str,
};
use crate::diagnostic::Diagnostics;
use crate::macro_sets;
use crate::registry::{self, Breach, Registry};
use crate::registry::{CLICK_ID, GOAL_ID, SECURITY_TOKEN, SECURITY_TOKEN_ENV};
use crate::suggest::did_you_mean;

pub fn check(config: &Config<'_>, d: &mut Diagnostics) {
    let registry = Registry::new(&config.network.params);
    let names = registry.names();
    let cx = Context {
        config,
        tracker: config.network.tracker,
        registry,
        names: &names,
    };
    cx.network(d);
    cx.macro_sets(d);
    if let Some(global) = &config.global {
        cx.macro_choice(&global.macros, "[global]", d);
        cx.parameters(&global.parameters, d);
        cx.goals(&global.goals, &|| "the global goals".to_string(), d);
        let tracker = config.network.tracker;
        if global.event && tracker.name_of(registry::GOAL_VALUE).is_none() {
            d.error(
                global.span.clone(),
                format!(
                    "{} has no goal parameter for the global event URL",
                    tracker.name
                ),
            )
            .with_hint("remove `event = true`");
        }
    }
    let with_campaigns: HashSet<&str> = config
        .campaigns
        .iter()
        .map(|c| c.advertiser.as_str())
        .collect();
    for advertiser in config.advertisers() {
        cx.advertiser(
            advertiser,
            with_campaigns.contains(advertiser.key.as_str()),
            d,
        );
    }
    cx.campaigns(d);
    cx.publishers(d);
    cx.shared_tokens(d);
    super::names::free_text(config, d);
    super::names::starter_values(config, d);
}

struct Context<'a, 's> {
    config: &'a Config<'s>,
    tracker: &'static crate::tracker::Tracker,
    registry: Registry<'a>,
    names: &'a [Str<'a>],
}

impl Context<'_, '_> {
    fn network(&self, d: &mut Diagnostics) {
        let network = &self.config.network;
        if network.scheme.value == Scheme::Http {
            d.warning(
                network.scheme.span.clone(),
                "postbacks are sent over plain http: tokens and amounts travel unencrypted",
            )
            .with_hint("use scheme = \"https\" unless the advertiser's system cannot");
        }
        for param in &network.params {
            if registry::is_builtin(&param.name) {
                d.error(
                    param.span.clone(),
                    format!("`{}` is a built-in parameter", param.name),
                )
                .with_hint("remove it from [network.params]: it is always available");
            } else if param.name.is_empty() {
                d.error(param.span.clone(), "a parameter name is empty");
            }
        }
        // The network's token is only used by the global postback.
        let missing_at = self.config.global.as_ref().map(|g| g.span.clone());
        network.token.check("the network", missing_at, d);
    }

    fn macro_sets(&self, d: &mut Diagnostics) {
        for set in &self.config.macro_sets {
            if macro_sets::find_builtin(&set.name.value).is_some() {
                d.error(
                    set.name.span.clone(),
                    format!("`{}` is the name of a built-in macro set", set.name.value),
                )
                .with_hint("give your set another name");
            }
            let owner = format!("[macro_sets.{}]", set.name.value);
            self.macro_entries(&set.entries, &owner, d);
        }
    }

    fn macro_choice(&self, choice: &MacroChoice<'_>, owner: &str, d: &mut Diagnostics) {
        let name = choice.set.as_str();
        let custom = self.config.macro_sets.iter().any(|s| s.name.value == name);
        if !custom && macro_sets::find_builtin(name).is_none() {
            let candidates = macro_sets::builtin()
                .iter()
                .map(|s| s.name.as_str())
                .chain(self.config.macro_sets.iter().map(|s| s.name.as_str()));
            let hint = did_you_mean(name, candidates).unwrap_or_else(|| {
                "`postback macros` lists the sets; define your own under [macro_sets.<name>]"
                    .to_string()
            });
            d.error(
                choice.set.span.clone(),
                format!("unknown macro set `{name}` in {owner}"),
            )
            .with_hint(hint);
        }
        if let Some(set) = macro_sets::find_builtin(name).filter(|_| !custom) {
            self.macros_to_complete(set, choice, owner, d);
        }
        self.macro_entries(&choice.overrides, owner, d);
    }

    /// A set's macro that must be completed (Singular's `{cl?Network Name}`) and that `owner`
    /// does not override: as written, the partner sends it empty.
    fn macros_to_complete(
        &self,
        set: &macro_sets::MacroSet,
        choice: &MacroChoice<'_>,
        owner: &str,
        d: &mut Diagnostics,
    ) {
        for (param, what) in &set.to_complete {
            let overridden = choice
                .overrides
                .iter()
                .any(|(p, _)| p.value == param.as_str());
            let Some(written) = set.get(param).filter(|_| !overridden) else {
                continue;
            };
            let network = self
                .config
                .network
                .name
                .as_deref()
                .unwrap_or("Your Network");
            // The hint is a TOML line to paste: the name goes inside a basic string.
            let escaped = network.replace('\\', "\\\\").replace('"', "\\\"");
            let completed = written.replace(&what.replace, &escaped);
            d.warning(
                choice.set.span.clone(),
                format!(
                    "`{written}`, the {} macro for `{param}`, needs `{}` replaced by {}: as written it comes back empty",
                    set.name, what.replace, what.with
                ),
            )
            .with_hint(format!(
                "add under {}.macro]: {param} = \"{completed}\" (with that name)",
                owner.trim_end_matches(']')
            ));
        }
    }

    fn macro_entries(
        &self,
        entries: &[(At<Str<'_>>, At<Str<'_>>)],
        owner: &str,
        d: &mut Diagnostics,
    ) {
        for (param, value) in entries {
            if param.value == SECURITY_TOKEN || param.value == GOAL_ID {
                d.error(
                    param.span.clone(),
                    format!("`{}` is never a macro", param.value),
                )
                .with_hint("it is a literal the network sets; remove this entry");
            } else {
                self.known_param(param, owner, d);
            }
            if let Err(message) = check_macro(&value.value) {
                d.error(
                    value.span.clone(),
                    format!("bad macro for `{}`: {message}", param.value),
                );
            }
        }
    }

    fn advertiser(&self, advertiser: &Advertiser<'_>, has_campaigns: bool, d: &mut Diagnostics) {
        let key = &advertiser.key;
        if !valid_key(&key.value) {
            let lower = key.value.to_ascii_lowercase();
            let hint = if valid_key(&lower) {
                format!("keys are lower case: use `{lower}`")
            } else {
                "use 1 to 64 of a-z, 0-9, `_` and `-`, such as \"acme\"".to_string()
            };
            d.error(
                key.span.clone(),
                format!(
                    "`{}` is not a valid advertiser key",
                    key.value.escape_debug()
                ),
            )
            .with_hint(hint);
        }
        let owner = format!("[advertisers.{}]", key.value);
        self.macro_choice(&advertiser.macros, &owner, d);
        let owner = format!("advertiser `{}`", key.value);
        let tracker = self.tracker;
        match (tracker.advertiser_param, &advertiser.tracker_id) {
            (Some(param), None) => {
                d.error(
                    key.span.clone(),
                    format!(
                        "advertiser `{}` has no `id`: {} postbacks name the advertiser (`{param}`)",
                        key.value, tracker.name
                    ),
                )
                .with_hint(format!(
                    "add `id = <its {} advertiser id>` to [advertisers.{}]",
                    tracker.name, key.value
                ));
            }
            (None, Some(id)) => {
                d.warning(
                    id.span.clone(),
                    format!(
                        "{} postbacks do not name the advertiser: `id` is not used",
                        tracker.name
                    ),
                )
                .with_hint("remove it, or set the tracker that uses it in [network]");
            }
            _ => {}
        }
        if tracker.token == crate::tracker::TokenPlace::None {
            if let Some(span) = advertiser.token.span() {
                d.warning(
                    span,
                    format!("{} postbacks carry no token: it is not used", tracker.name),
                )
                .with_hint("remove it; the tracker tells advertisers apart by their id");
            }
            return self.advertiser_without_campaigns(advertiser, has_campaigns, d);
        }
        advertiser.token.check(&owner, Some(key.span.clone()), d);
        self.advertiser_without_campaigns(advertiser, has_campaigns, d);
    }

    fn advertiser_without_campaigns(
        &self,
        advertiser: &Advertiser<'_>,
        has_campaigns: bool,
        d: &mut Diagnostics,
    ) {
        if !has_campaigns {
            let key = &advertiser.key;
            d.warning(
                key.span.clone(),
                format!("advertiser `{}` has no campaigns", key.value),
            )
            .with_hint("add one with `postback add campaign`, or remove the advertiser");
        }
    }

    fn campaigns(&self, d: &mut Diagnostics) {
        let mut ids: HashMap<u64, &Campaign<'_>> = HashMap::new();
        for campaign in &self.config.campaigns {
            let id = campaign.id.value;
            if id != 0 {
                if let Some(first) = ids.get(&id) {
                    d.error(
                        campaign.id.span.clone(),
                        format!("campaign id {id} is used twice"),
                    )
                    .with_hint(format!(
                        "it is already the id of `{}`; each campaign has its own {} id",
                        first.name, self.config.network.tracker.name
                    ));
                } else {
                    ids.insert(id, campaign);
                }
            }
            self.advertiser_reference(&campaign.advertiser, d);
            self.parameters(&campaign.parameters, d);
            self.goals(&campaign.goals, &|| format!("campaign {id}"), d);
        }
    }

    /// Keys, pub ids that two publishers share, campaigns the file does not have, and
    /// macros for parameters a publisher postback does not carry.
    fn publishers(&self, d: &mut Diagnostics) {
        let mut ids: HashMap<u64, &str> = HashMap::new();
        let campaigns: HashSet<u64> = self.config.campaigns.iter().map(|c| c.id.value).collect();
        for publisher in &self.config.publishers {
            let key = &publisher.key;
            if !valid_key(&key.value) {
                d.error(
                    key.span.clone(),
                    format!(
                        "`{}` is not a valid publisher key",
                        key.value.escape_debug()
                    ),
                )
                .with_hint("use 1 to 64 of a-z, 0-9, `_` and `-`, such as \"adsmedia\"");
            }
            let id = publisher.id.value;
            if id != 0 {
                if let Some(first) = ids.get(&id) {
                    d.error(
                        publisher.id.span.clone(),
                        format!("publisher id {id} is used twice"),
                    )
                    .with_hint(format!(
                        "it is already the id of `{first}`; each publisher has its own {} id",
                        self.config.network.tracker.name
                    ));
                } else {
                    ids.insert(id, &key.value);
                }
            }
            for campaign in publisher.campaigns.iter().flatten() {
                if campaign.value != 0 && !campaigns.contains(&campaign.value) {
                    d.error(
                        campaign.span.clone(),
                        format!("the file has no campaign {}", campaign.value),
                    )
                    .with_hint("use an id of a [[campaigns]] entry, or leave `campaigns` out for all campaigns");
                }
            }
            if publisher.campaigns.as_ref().is_some_and(Vec::is_empty) {
                d.error(
                    publisher.span.clone(),
                    format!("[publishers.{}] has an empty `campaigns`", key.value),
                )
                .with_hint("list campaign ids, or leave `campaigns` out for all campaigns");
            }
            // The network's tracker must fill the publisher's click id, or the file say how.
            let network_tracker = self.config.network.tracker;
            let known = |name: &str| {
                network_tracker
                    .publisher_macros
                    .iter()
                    .any(|(p, _)| *p == name)
                    || publisher.overrides.iter().any(|(p, _)| p.value == name)
            };
            if matches!(publisher.receiver, super::Receiver::Tracker { .. }) && !known(CLICK_ID) {
                d.error(
                    key.span.clone(),
                    format!("no macro of {} is known for publisher `{}`'s click id", network_tracker.name, key.value),
                )
                .with_hint(format!("add [publishers.{}.macro] with `click_id = \"<{}'s macro of the publisher's click id>\"`", key.value, network_tracker.name));
            }
            for (param, value) in &publisher.overrides {
                if !registry::PUBLISHER_PARAMS.contains(&param.as_str()) {
                    let hint = did_you_mean(&param.value, registry::PUBLISHER_PARAMS)
                        .unwrap_or_else(|| {
                            format!(
                                "a publisher postback carries {}",
                                registry::PUBLISHER_PARAMS.join(", ")
                            )
                        });
                    d.error(
                        param.span.clone(),
                        format!("`{}` is not a publisher postback parameter", param.value),
                    )
                    .with_hint(hint);
                } else if let Err(problem) = check_macro(&value.value) {
                    d.error(
                        value.span.clone(),
                        format!("the macro of `{}` is not usable: {problem}", param.value),
                    );
                }
            }
        }
    }

    fn advertiser_reference(&self, reference: &At<Str<'_>>, d: &mut Diagnostics) {
        if reference.value.is_empty() || self.config.advertiser(&reference.value).is_some() {
            return;
        }
        let keys = self.config.advertisers().iter().map(|a| a.key.as_str());
        let hint = did_you_mean(&reference.value, keys).unwrap_or_else(|| {
            "declare it under [advertisers.<key>], or `postback add advertiser`".to_string()
        });
        d.error(
            reference.span.clone(),
            format!("unknown advertiser `{}`", reference.value),
        )
        .with_hint(hint);
    }

    /// Duplicate goal names and targets; `owner` names the goals' campaign in messages.
    fn goals(&self, goals: &[Goal<'_>], owner: &dyn Fn() -> String, d: &mut Diagnostics) {
        let mut names: HashMap<&str, ()> = HashMap::new();
        let mut targets: HashMap<(&str, &str), ()> = HashMap::new();
        for goal in goals {
            if names.insert(goal.name.as_str(), ()).is_some() {
                d.error(
                    goal.name.span.clone(),
                    format!(
                        "goal name `{}` is used twice in {}",
                        goal.name.value,
                        owner()
                    ),
                );
            }
            let target = goal.target.text();
            if !target.value.is_empty()
                && targets
                    .insert((goal.target.param(), goal.target.as_str()), ())
                    .is_some()
            {
                d.error(
                    target.span.clone(),
                    format!(
                        "{} `{}` is used by two goals of {}",
                        goal.target.param(),
                        target.value,
                        owner()
                    ),
                )
                .with_hint(format!(
                    "{} could not tell the goals apart",
                    self.config.network.tracker.name
                ));
            }
            let target_name = goal.target.param();
            if !target.value.is_empty() && self.tracker.name_of(target_name).is_none() {
                let tracker = self.tracker;
                d.error(
                    target.span.clone(),
                    format!(
                        "{} has no parameter for `{target_name}`: its URLs cannot name the goal",
                        tracker.name
                    ),
                )
                .with_hint(match target_name {
                    GOAL_ID if tracker.name_of(registry::GOAL_VALUE).is_some() => {
                        format!(
                            "name the goal by its value (`value = \"...\"`), which {} reads",
                            tracker.name
                        )
                    }
                    _ => format!(
                        "{} postbacks here are for the default conversion only: remove the goal",
                        tracker.name
                    ),
                });
            }
            self.parameters(&goal.parameters, d);
        }
    }

    /// The `params` and `fixed` of one place (global, campaign or goal).
    fn parameters(&self, parameters: &Parameters<'_>, d: &mut Diagnostics) {
        let params = &parameters.params;
        for param in params {
            if self.not_managed(param, d) {
                self.known_param(param, "params", d);
            }
        }
        for entry in &parameters.fixed {
            let name = &entry.name;
            if !self.not_managed(name, d) {
                continue;
            }
            if name.value == CLICK_ID {
                d.error(name.span.clone(), format!("`{CLICK_ID}` may not be fixed"))
                    .with_hint("the advertiser's system fills it with the click id of each conversion; list it in `params` if you must");
                continue;
            }
            if params.iter().any(|p| p.value == name.value) {
                d.error(
                    name.span.clone(),
                    format!("`{}` is both in `params` and in `fixed`", name.value),
                )
                .with_hint(
                    "keep it in `params` (the advertiser fills it) or in `fixed` (a literal)",
                );
            }
            match self.registry.lookup(&name.value) {
                Some(_) if !self.tracker_has(name, d) => {}
                Some(info) => {
                    self.tracker_status(entry, d);
                    if let Err(violation) = info.rule.check(&entry.value.value) {
                        let message = format!("fixed `{}`: {}", name.value, violation.message);
                        let diagnostic = match violation.breach {
                            Breach::Error => d.error(entry.value.span.clone(), message),
                            Breach::Warning => d.warning(entry.value.span.clone(), message),
                        };
                        diagnostic.with_maybe_hint(violation.hint);
                    }
                }
                None => self.unknown_param(name, "fixed", d),
            }
        }
    }

    /// Reports a managed name; true when the name is not managed.
    fn not_managed(&self, name: &At<Str<'_>>, d: &mut Diagnostics) -> bool {
        if !registry::MANAGED.contains(&name.as_str()) {
            return true;
        }
        let hint = if name.value == SECURITY_TOKEN {
            format!("set `{SECURITY_TOKEN}` (or `{SECURITY_TOKEN_ENV}`) on the advertiser or the network")
        } else {
            "set the goal's `value` or `id` instead".to_string()
        };
        d.error(
            name.span.clone(),
            format!(
                "`{}` is written by postback and may not be listed",
                name.value
            ),
        )
        .with_hint(hint);
        false
    }

    fn known_param(&self, name: &At<Str<'_>>, place: &str, d: &mut Diagnostics) {
        if self.registry.lookup(&name.value).is_none() {
            self.unknown_param(name, place, d);
        } else {
            self.tracker_has(name, d);
        }
    }

    /// A parameter of the file the network's tracker has no name for: its URLs could not
    /// carry it.
    fn tracker_has(&self, name: &At<Str<'_>>, d: &mut Diagnostics) -> bool {
        let tracker = self.config.network.tracker;
        if tracker.name_of(&name.value).is_some() {
            return true;
        }
        d.error(
            name.span.clone(),
            format!("{} has no parameter for `{}`", tracker.name, name.value),
        )
        .with_hint(format!(
            "remove it: {}'s postback URLs cannot carry it (`postback params` shows what they can)",
            tracker.name
        ));
        false
    }

    /// A fixed status the network's tracker has no word for.
    fn tracker_status(&self, entry: &super::Fixed<'_>, d: &mut Diagnostics) {
        let tracker = self.config.network.tracker;
        let value = entry.value.as_str();
        if entry.name.value != registry::STATUS
            || tracker.statuses.is_empty()
            || tracker.statuses.iter().any(|(file, _)| *file == value)
        {
            return;
        }
        let known: Vec<&str> = tracker.statuses.iter().map(|(file, _)| *file).collect();
        d.error(
            entry.value.span.clone(),
            format!("{} has no status `{value}`", tracker.name),
        )
        .with_hint(format!("use one of {}", known.join(", ")));
    }

    fn unknown_param(&self, name: &At<Str<'_>>, place: &str, d: &mut Diagnostics) {
        let hint = did_you_mean(&name.value, self.names).unwrap_or_else(|| {
            "`postback params` lists the parameters; declare your own in [network.params]"
                .to_string()
        });
        d.error(
            name.span.clone(),
            format!("unknown parameter `{}` in {place}", name.value),
        )
        .with_hint(hint);
    }

    /// Two advertisers (or an advertiser and the network) with one token: `check` could not
    /// tell which one a hit belongs to.
    fn shared_tokens(&self, d: &mut Diagnostics) {
        let mut seen: HashMap<String, String> = HashMap::new();
        let network = std::iter::once(("the network".to_string(), &self.config.network.token));
        let advertisers = self
            .config
            .advertisers()
            .iter()
            .map(|a| (format!("advertiser `{}`", a.key.value), &a.token));
        for (owner, token) in network.chain(advertisers) {
            let (Resolved::Value(value), Some(span)) = (token.resolve(), token.span()) else {
                continue;
            };
            let value = value.into_owned();
            if let Some(first) = seen.get(&value) {
                d.warning(
                    span,
                    format!("{owner} has the same security token as {first}"),
                )
                .with_hint(
                    "`postback check` cannot tell their postbacks apart; give each its own token",
                );
            } else {
                seen.insert(value, owner);
            }
        }
    }
}
