//! Reads the TOML document into the model, reporting every structural problem: TOML syntax
//! (which stops at the first), wrong types, missing required keys and unknown keys. The
//! network's own table is read in [`super::parse_network`].

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};

use super::parse_network::{network, token, TOKEN_ALIASES};
use super::parse_publishers::publisher;
use super::reader::{integer, positive, string_entries, type_error, Table, Value, What};
use super::{
    Advertiser, At, Campaign, Config, CustomMacroSet, Fixed, Global, Goal, GoalTarget, MacroChoice,
    Parameters, Str,
};
use crate::diagnostic::Diagnostics;
use crate::registry::{GOAL_ID, GOAL_VALUE, SECURITY_TOKEN, SECURITY_TOKEN_ENV};

const TOP_KEYS: &[&str] = &[
    "network",
    "global",
    "advertisers",
    "campaigns",
    "macro_sets",
    "publishers",
];
const GLOBAL_KEYS: &[&str] = &["macros", "params", "event", "fixed", "macro", "goals"];
const ADVERTISER_KEYS: &[&str] = &[
    "name",
    "id",
    SECURITY_TOKEN,
    SECURITY_TOKEN_ENV,
    "macros",
    "macro",
];
const CAMPAIGN_KEYS: &[&str] = &[
    "id",
    "name",
    "advertiser",
    "default",
    "params",
    "fixed",
    "goals",
];
const GOAL_KEYS: &[&str] = &["name", "value", "id", "params", "fixed"];
/// Names people carry over from Trackier's URLs for keys of this file.
const GOAL_ALIASES: &[(&str, &str)] = &[(GOAL_VALUE, "value"), (GOAL_ID, "id")];

pub const DEFAULT_LABEL: &str = "Default";

/// Parses `text` as one document, the reference for the block reading of [`parse`].
pub fn parse_whole<'s>(text: &'s str, d: &mut Diagnostics) -> Option<Config<'s>> {
    Some(parse_head(document(text, d)?, d))
}

/// The top table of a TOML document, or `None` after reporting its syntax error.
pub(super) fn document<'s>(text: &'s str, d: &mut Diagnostics) -> Option<Table<'s>> {
    match DeTable::parse(text) {
        Ok(document) => {
            let span = document.span();
            Some(Table::new(document.into_inner(), span, "the file"))
        }
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            d.error(
                span,
                format!("invalid TOML: {}", error.message().trim_end()),
            );
            None
        }
    }
}

/// Everything of the file's top table: the whole file, or its head when campaign blocks
/// are parsed on their own.
pub(super) fn parse_head<'s>(mut top: Table<'s>, d: &mut Diagnostics) -> Config<'s> {
    let network = match top.table("network", "[network]", d) {
        Some(table) => network(table, d),
        None => {
            d.error(0..0, "the file has no [network] table")
                .with_hint("add [network] with at least `domain = \"<your tracking domain>\"`");
            // Read an empty table into a throw-away sink: its own "missing" errors would
            // only repeat this one.
            network(
                Table::new(DeTable::new(), 0..0, "[network]"),
                &mut Diagnostics::default(),
            )
        }
    };
    let global = top
        .table("global", "[global]", d)
        .map(|table| global(table, d));
    let advertisers = match top.table("advertisers", "[advertisers]", d) {
        Some(table) => table
            .into_entries()
            .filter_map(|(key, value)| advertiser(key, value, d))
            .collect(),
        None => Vec::new(),
    };
    let campaigns = top
        .tables("campaigns", "[[campaigns]]", d)
        .into_iter()
        .map(|table| campaign(table, d))
        .collect();
    let macro_sets = match top.table("macro_sets", "[macro_sets]", d) {
        Some(table) => table
            .into_entries()
            .filter_map(|(name, value)| {
                let table_name = format!("[macro_sets.{}]", name.value);
                let table = Table::from_value(value, table_name.clone(), d)?;
                Some(CustomMacroSet {
                    name,
                    entries: string_entries(table, &table_name, d),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    let publishers = match top.table("publishers", "[publishers]", d) {
        Some(table) => table
            .into_entries()
            .filter_map(|(key, value)| publisher(key, value, d))
            .collect(),
        None => Vec::new(),
    };
    top.finish(
        TOP_KEYS,
        &[
            ("advertiser", "advertisers"),
            ("campaign", "campaigns"),
            ("publisher", "publishers"),
            ("affiliates", "publishers"),
        ],
        d,
    );
    Config::new(
        network,
        global,
        advertisers,
        campaigns,
        macro_sets,
        publishers,
    )
}

fn macro_choice<'s>(t: &mut Table<'s>, owner: &str, d: &mut Diagnostics) -> MacroChoice<'s> {
    let set = t.string("macros", d).unwrap_or_else(|| {
        At::new(
            Cow::Borrowed(crate::macro_sets::PLACEHOLDER),
            t.span.clone(),
        )
    });
    let name = format!("[{owner}.macro]");
    let overrides = match t.table("macro", name.clone(), d) {
        Some(table) => string_entries(table, &name, d),
        None => Vec::new(),
    };
    MacroChoice { set, overrides }
}

fn global<'s>(mut t: Table<'s>, d: &mut Diagnostics) -> Global<'s> {
    let span = t.span.clone();
    let macros = macro_choice(&mut t, "global", d);
    let params = t.strings("params", d);
    let event = t.boolean("event", d).is_some_and(|b| b.value);
    let parameters = parameters(params, &mut t, "[global]", d);
    let goals = goals(&mut t, "[[global.goals]]", d);
    t.finish(GLOBAL_KEYS, &[("goal", "goals")], d);
    Global {
        span,
        macros,
        parameters,
        event,
        goals,
    }
}

fn advertiser<'s>(
    key: At<Str<'s>>,
    value: Value<'s>,
    d: &mut Diagnostics,
) -> Option<Advertiser<'s>> {
    let owner = format!("advertisers.{}", key.value);
    let mut t = Table::from_value(value, format!("[{owner}]"), d)?;
    let name = t.required_string("name", d);
    let tracker_id = t.integer("id", d).and_then(|n| {
        let id = positive(&n, "an advertiser `id`", d)?;
        Some(At::new(id, n.span))
    });
    let token = token(&mut t, d);
    let macros = macro_choice(&mut t, &owner, d);
    t.finish(ADVERTISER_KEYS, TOKEN_ALIASES, d);
    Some(Advertiser {
        key,
        name: name.map(|n| n.value).unwrap_or_default(),
        tracker_id,
        token,
        macros,
    })
}

pub(super) fn campaign<'s>(mut t: Table<'s>, d: &mut Diagnostics) -> Campaign<'s> {
    let span = t.span.clone();
    if !t.has("id") {
        d.error(span.clone(), "[[campaigns]] is missing `id`")
            .with_hint("give every campaign its Trackier campaign id: `id = 1234`");
    }
    let id = match t.integer("id", d) {
        Some(n) => At::new(positive(&n, "a campaign `id`", d).unwrap_or(0), n.span),
        None => At::new(0, span.clone()),
    };
    let name = t.required_string("name", d);
    let advertiser = t.required_string("advertiser", d);
    let default_label = t
        .string("default", d)
        .map(|l| l.value)
        .unwrap_or(Cow::Borrowed(DEFAULT_LABEL));
    let params = t.strings("params", d);
    let parameters = parameters(params, &mut t, "[[campaigns]]", d);
    let goals = goals(&mut t, "[[campaigns.goals]]", d);
    t.finish(CAMPAIGN_KEYS, &[("goal", "goals")], d);
    Campaign {
        span: span.clone(),
        id,
        name: name.map(|n| n.value).unwrap_or_default(),
        advertiser: advertiser.unwrap_or_else(|| At::new(Cow::Borrowed(""), span)),
        default_label,
        parameters,
        goals,
    }
}

/// The `[[...goals]]` of a table, `name` naming them in messages.
fn goals<'s>(t: &mut Table<'s>, name: &'static str, d: &mut Diagnostics) -> Vec<Goal<'s>> {
    t.tables("goals", name, d)
        .into_iter()
        .map(|table| goal(table, d))
        .collect()
}

fn goal<'s>(mut t: Table<'s>, d: &mut Diagnostics) -> Goal<'s> {
    let span = t.span.clone();
    let name = t
        .required_string("name", d)
        .unwrap_or_else(|| At::new(Cow::Borrowed(""), span.clone()));
    let value = literal_entry(&mut t, "value", d);
    let id = literal_entry(&mut t, "id", d);
    let target = match (value, id) {
        (Some(value), Some(id)) => {
            d.error(
                id.span.clone(),
                format!("goal `{}` has both `value` and `id`", name.value),
            )
            .with_hint(format!(
                "a goal is named by exactly one: keep `value` ({GOAL_VALUE}) or `id` ({GOAL_ID})"
            ));
            GoalTarget::Value(value)
        }
        (Some(value), None) => GoalTarget::Value(value),
        (None, Some(id)) => GoalTarget::Id(id),
        (None, None) => {
            d.error(
                name.span.clone(),
                format!("goal `{}` has neither `value` nor `id`", name.value),
            )
            .with_hint(
                "add `value = \"<goal value>\"` or `id = \"<goal id>\"` as set up in Trackier",
            );
            GoalTarget::Value(At::new(Cow::Borrowed(""), span.clone()))
        }
    };
    let params = t.strings("params", d);
    let parameters = parameters(params, &mut t, "[[campaigns.goals]]", d);
    t.finish(GOAL_KEYS, GOAL_ALIASES, d);
    Goal {
        name,
        target,
        parameters,
    }
}

fn literal_entry<'s>(t: &mut Table<'s>, key: &str, d: &mut Diagnostics) -> Option<At<Str<'s>>> {
    let (_, value) = t.take(key)?;
    let name = &t.name;
    literal(value, &|| format!("`{key}` in {name}"), d)
}

/// `params` (already read) and `fixed = { name = "literal" | integer }` of one place.
fn parameters<'s>(
    params: Vec<At<Str<'s>>>,
    t: &mut Table<'s>,
    owner: &str,
    d: &mut Diagnostics,
) -> Parameters<'s> {
    let fixed = match t.table("fixed", format!("`fixed` in {owner}"), d) {
        Some(table) => fixed(table, d),
        None => Vec::new(),
    };
    Parameters { params, fixed }
}

fn fixed<'s>(table: Table<'s>, d: &mut Diagnostics) -> Vec<Fixed<'s>> {
    let mut fixed: Vec<_> = (table.into_entries())
        .filter_map(|(name, value)| {
            let what = || format!("the fixed value of `{}`", name.value);
            let value = literal(value, &what, d)?;
            Some(Fixed { value, name })
        })
        .collect();
    // A list of one or two grows to four: kept for every campaign of a large file.
    fixed.shrink_to_fit();
    fixed
}

/// A string, or an integer written as its decimal digits.
fn literal<'s>(value: Value<'s>, what: What<'_>, d: &mut Diagnostics) -> Option<At<Str<'s>>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::String(s) => Some(At::new(s, span)),
        DeValue::Integer(i) => {
            let n: i128 = integer(&i, span.clone(), what, d)?;
            Some(At::new(Cow::Owned(n.to_string()), span))
        }
        other => {
            type_error(d, span, what, "a string or an integer", &other);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{load, load_whole};
    use crate::source::Source;

    fn both(text: &str) -> (String, String) {
        let source = Source::new("p.toml", text.to_string());
        (
            load(&source).fingerprint(),
            load_whole(&source).fingerprint(),
        )
    }

    #[test]
    fn campaign_blocks_read_exactly_like_the_whole_document() {
        let files = [
            include_str!("../../campaigns.toml"),
            include_str!("../../examples/ecommerce-cps.toml"),
            include_str!("../../tests/fixtures/broken.toml"),
            include_str!("../../tests/fixtures/typos.toml"),
            include_str!("../../tests/fixtures/edit/after.toml"),
        ];
        for text in files {
            assert!(super::super::blocks::campaign_blocks(text).is_some());
            let (split, whole) = both(text);
            assert_eq!(split, whole);
        }
        // Problems inside blocks, at their positions in the file.
        let broken = "[network]\ndomain = \"a.test\"\n[advertisers.a]\nname = \"A\"\n\
                      [[campaigns]]\nid = 1\nname = \"x\"\nadvertiser = \"a\"\nbogus = 1\n\
                      [[campaigns.goals]]\nname = \"g\"\n\
                      [[campaigns]]\nid = 1\nname = \"y\"\nadvertiser = \"b\"\nparams = [\"sale_ammount\"]\n";
        let (split, whole) = both(broken);
        assert_eq!(split, whole);
        assert!(split.contains("bogus") && split.contains("used twice"));
        let syntax =
            "[network]\ndomain = \"a.test\"\n[[campaigns]]\nid = 1\n[[campaigns]]\nid = = 2\n";
        let (split, whole) = both(syntax);
        assert_eq!(split, whole);
    }
}
