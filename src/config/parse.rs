//! Reads the TOML document into the model, reporting every structural problem: TOML syntax
//! (which stops at the first), wrong types, missing required keys and unknown keys.

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};

use super::reader::{expect_string, type_error, Table, Value, What};
use super::{
    endpoint, Advertiser, At, Campaign, Config, CustomMacroSet, CustomParam, Fixed, Global, Goal,
    GoalTarget, MacroChoice, Network, Scheme, Str, Token,
};
use crate::diagnostic::Diagnostics;

const TOP_KEYS: &[&str] = &[
    "network",
    "global",
    "advertisers",
    "campaigns",
    "macro_sets",
];
const NETWORK_KEYS: &[&str] = &[
    "name",
    "domain",
    "scheme",
    "path",
    "click_domain",
    "click_path",
    "test_publisher",
    "security_token",
    "security_token_env",
    "params",
];
const GLOBAL_KEYS: &[&str] = &["macros", "params", "event", "fixed", "macro", "goals"];
const ADVERTISER_KEYS: &[&str] = &[
    "name",
    "security_token",
    "security_token_env",
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
const GOAL_ALIASES: &[(&str, &str)] = &[("goal_value", "value"), ("goal_id", "id")];
const TOKEN_ALIASES: &[(&str, &str)] = &[
    ("token", "security_token"),
    ("token_env", "security_token_env"),
];

pub const DEFAULT_PATH: &str = "/acquisition";
pub const DEFAULT_CLICK_PATH: &str = "/click";
pub const DEFAULT_LABEL: &str = "Default";

/// Parses `text`; `None` only when the TOML itself is malformed.
///
/// On the usual layout each `[[campaigns]]` block is parsed on its own after the head (see
/// [`super::blocks`]): the same values and problems, at a fraction of the memory.
pub fn parse<'s>(text: &'s str, d: &mut Diagnostics) -> Option<Config<'s>> {
    let blocks = super::blocks::campaign_blocks(text).unwrap_or_default();
    let head_end = blocks.first().copied().unwrap_or(text.len());
    let mut config = parse_head(document(&text[..head_end], d)?, d);
    let ends = blocks
        .iter()
        .skip(1)
        .copied()
        .chain(std::iter::once(text.len()));
    for (start, end) in blocks.iter().copied().zip(ends) {
        let mut local = Diagnostics::default();
        let parsed = document(&text[start..end], &mut local).map(|mut top| {
            let campaigns = top.tables("campaigns", "[[campaigns]]", &mut local);
            let campaigns: Vec<Campaign<'s>> = campaigns
                .into_iter()
                .map(|table| campaign(table, &mut local))
                .collect();
            top.finish(&["campaigns"], &[], &mut local);
            campaigns
        });
        let Some(parsed) = parsed else {
            // A syntax error stops the reading, and is all there is to say, as when the
            // whole document is parsed in one go.
            *d = Diagnostics::default();
            d.append_shifted(local, start);
            return None;
        };
        d.append_shifted(local, start);
        for mut campaign in parsed {
            campaign.shift(start);
            config.campaigns.push(campaign);
        }
    }
    Some(config)
}

/// Parses `text` as one document, the reference for the block reading of [`parse`].
pub fn parse_whole<'s>(text: &'s str, d: &mut Diagnostics) -> Option<Config<'s>> {
    Some(parse_head(document(text, d)?, d))
}

/// The top table of a TOML document, or `None` after reporting its syntax error.
fn document<'s>(text: &'s str, d: &mut Diagnostics) -> Option<Table<'s>> {
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
fn parse_head<'s>(mut top: Table<'s>, d: &mut Diagnostics) -> Config<'s> {
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
    top.finish(
        TOP_KEYS,
        &[("advertiser", "advertisers"), ("campaign", "campaigns")],
        d,
    );
    Config::new(network, global, advertisers, campaigns, macro_sets)
}

fn network<'s>(mut t: Table<'s>, d: &mut Diagnostics) -> Network<'s> {
    let span = t.span.clone();
    let name = t.string("name", d).map(|n| n.value);
    let domain = t.required_string("domain", d);
    let scheme = match t.string("scheme", d) {
        Some(At { value, span }) => match value.as_ref() {
            "https" => At::new(Scheme::Https, span),
            "http" => At::new(Scheme::Http, span),
            other => {
                d.error(span.clone(), format!("unknown scheme `{other}`"))
                    .with_hint("use \"https\" (the default) or \"http\"");
                At::new(Scheme::Https, span)
            }
        },
        None => At::new(Scheme::Https, span.clone()),
    };
    let path = t.string("path", d);
    let click_domain = t.string("click_domain", d);
    let click_path = t.string("click_path", d);
    let test_publisher = t.integer("test_publisher", d).and_then(|n| {
        let id = positive(&n, "`test_publisher`", d)?;
        Some(At::new(id, n.span))
    });
    let token = token(&mut t, d);
    let params = match t.table("params", "[network.params]", d) {
        Some(table) => table
            .into_entries()
            .filter_map(|(name, value)| {
                let what = || format!("the description of `{}` in [network.params]", name.value);
                let description = expect_string(value, &what, d)?;
                Some(CustomParam {
                    name: name.value,
                    span: name.span,
                    description: description.value,
                })
            })
            .collect(),
        None => Vec::new(),
    };
    t.finish(NETWORK_KEYS, TOKEN_ALIASES, d);

    let (postback_base, click_base) = match &domain {
        Some(domain) => {
            let click_domain = click_domain.as_ref().unwrap_or(domain);
            (
                endpoint::base(scheme.value, domain, path.as_ref(), DEFAULT_PATH, d),
                endpoint::base(
                    scheme.value,
                    click_domain,
                    click_path.as_ref(),
                    DEFAULT_CLICK_PATH,
                    d,
                ),
            )
        }
        None => (String::new(), String::new()),
    };
    Network {
        span,
        name,
        scheme,
        postback_base,
        click_base,
        test_publisher,
        token,
        params,
    }
}

fn token<'s>(t: &mut Table<'s>, d: &mut Diagnostics) -> Token<'s> {
    let literal = t.string("security_token", d);
    let env = t.string("security_token_env", d);
    match (literal, env) {
        (Some(literal), Some(env)) => {
            d.error(
                env.span,
                format!(
                    "{} has both `security_token` and `security_token_env`",
                    t.name
                ),
            )
            .with_hint("keep one: the token itself, or the variable that holds it");
            Token::Literal(literal)
        }
        (Some(literal), None) => Token::Literal(literal),
        (None, Some(env)) => Token::Env(env),
        (None, None) => Token::Missing,
    }
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

/// A table whose keys are parameter names and values strings (`[... .macro]`, macro sets).
fn string_entries<'s>(
    table: Table<'s>,
    name: &str,
    d: &mut Diagnostics,
) -> Vec<(At<Str<'s>>, At<Str<'s>>)> {
    table
        .into_entries()
        .filter_map(|(key, value)| {
            let what = || format!("`{}` in {name}", key.value);
            let value = expect_string(value, &what, d)?;
            Some((key, value))
        })
        .collect()
}

fn global<'s>(mut t: Table<'s>, d: &mut Diagnostics) -> Global<'s> {
    let span = t.span.clone();
    let macros = macro_choice(&mut t, "global", d);
    let params = t.strings("params", d);
    let event = t.boolean("event", d).is_some_and(|b| b.value);
    let fixed = fixed(&mut t, "[global]", d);
    let goals = t
        .tables("goals", "[[global.goals]]", d)
        .into_iter()
        .map(|table| goal(table, d))
        .collect();
    t.finish(GLOBAL_KEYS, &[("goal", "goals")], d);
    Global {
        span,
        macros,
        params,
        event,
        fixed,
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
    let token = token(&mut t, d);
    let macros = macro_choice(&mut t, &owner, d);
    t.finish(ADVERTISER_KEYS, TOKEN_ALIASES, d);
    Some(Advertiser {
        key,
        name: name.map(|n| n.value).unwrap_or_default(),
        token,
        macros,
    })
}

fn campaign<'s>(mut t: Table<'s>, d: &mut Diagnostics) -> Campaign<'s> {
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
    let fixed = fixed(&mut t, "[[campaigns]]", d);
    let goals = t
        .tables("goals", "[[campaigns.goals]]", d)
        .into_iter()
        .map(|table| goal(table, d))
        .collect();
    t.finish(CAMPAIGN_KEYS, &[("goal", "goals")], d);
    Campaign {
        span: span.clone(),
        id,
        name: name.map(|n| n.value).unwrap_or_default(),
        advertiser: advertiser.unwrap_or_else(|| At::new(Cow::Borrowed(""), span)),
        default_label,
        params,
        fixed,
        goals,
    }
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
            .with_hint(
                "a goal is named by exactly one: keep `value` (goal_value) or `id` (goal_id)",
            );
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
    let fixed = fixed(&mut t, "[[campaigns.goals]]", d);
    t.finish(GOAL_KEYS, GOAL_ALIASES, d);
    Goal {
        span,
        name,
        target,
        params,
        fixed,
    }
}

fn literal_entry<'s>(t: &mut Table<'s>, key: &str, d: &mut Diagnostics) -> Option<At<Str<'s>>> {
    let (_, value) = t.take(key)?;
    let name = &t.name;
    literal(value, &|| format!("`{key}` in {name}"), d)
}

/// `fixed = { name = "literal" | integer }`.
fn fixed<'s>(t: &mut Table<'s>, owner: &str, d: &mut Diagnostics) -> Vec<Fixed<'s>> {
    let Some(table) = t.table("fixed", format!("`fixed` in {owner}"), d) else {
        return Vec::new();
    };
    table
        .into_entries()
        .filter_map(|(name, value)| {
            let what = || format!("the fixed value of `{}`", name.value);
            let value = literal(value, &what, d)?;
            Some(Fixed { value, name })
        })
        .collect()
}

/// A string, or an integer written as its decimal digits.
fn literal<'s>(value: Value<'s>, what: What<'_>, d: &mut Diagnostics) -> Option<At<Str<'s>>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::String(s) => Some(At::new(s, span)),
        DeValue::Integer(i) => match i128::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Some(At::new(Cow::Owned(n.to_string()), span)),
            Err(_) => {
                d.error(span, format!("{} is too large", what()));
                None
            }
        },
        other => {
            type_error(d, span, what, "a string or an integer", &other);
            None
        }
    }
}

fn positive(n: &At<i64>, what: &str, d: &mut Diagnostics) -> Option<u64> {
    match u64::try_from(n.value) {
        Ok(id) if id > 0 => Some(id),
        _ => {
            d.error(
                n.span.clone(),
                format!("{what} must be a positive integer, found {}", n.value),
            );
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
