//! Reads `[network]`: the name, the tracker, the endpoints, the test publisher, the global token and the
//! custom parameters.

use super::endpoint::endpoint;
use super::reader::{expect_string, positive, Table};
use super::{At, Network, Scheme, Token};
use crate::diagnostic::Diagnostics;
use crate::registry::CustomParam;
use crate::registry::{SECURITY_TOKEN, SECURITY_TOKEN_ENV};
use crate::suggest::did_you_mean;
use crate::tracker::{Tracker, TRACKERS, TRACKIER};

const NETWORK_KEYS: &[&str] = &[
    "name",
    "tracker",
    "domain",
    "scheme",
    "path",
    "click_domain",
    "click_path",
    "test_publisher",
    SECURITY_TOKEN,
    SECURITY_TOKEN_ENV,
    "params",
];
/// Names people carry over for the token keys.
pub const TOKEN_ALIASES: &[(&str, &str)] =
    &[("token", SECURITY_TOKEN), ("token_env", SECURITY_TOKEN_ENV)];

pub(super) fn network<'s>(mut t: Table<'s>, d: &mut Diagnostics) -> Network<'s> {
    let span = t.span.clone();
    let name = t.string("name", d).map(|n| n.value);
    let tracker = tracker(&mut t, d);
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

    let (postback, click) = match &domain {
        Some(domain) => {
            let click_domain = click_domain.as_ref().unwrap_or(domain);
            let scheme = scheme.value;
            (
                endpoint(
                    tracker,
                    scheme,
                    domain,
                    path.as_ref(),
                    tracker.postback_path,
                    d,
                ),
                endpoint(
                    tracker,
                    scheme,
                    click_domain,
                    click_path.as_ref(),
                    tracker.test_link.map_or("/", |link| link.path),
                    d,
                ),
            )
        }
        None => Default::default(),
    };
    Network {
        span,
        name,
        tracker,
        scheme,
        postback,
        click,
        test_publisher,
        token,
        params,
    }
}

/// `tracker = "<key>"`: the platform the network runs (Trackier when absent).
fn tracker(t: &mut Table<'_>, d: &mut Diagnostics) -> &'static Tracker {
    let Some(key) = t.string("tracker", d) else {
        return &TRACKIER;
    };
    if let Some(tracker) = Tracker::named(&key.value) {
        return tracker;
    }
    let keys = TRACKERS.iter().map(|t| t.key);
    let hint = match did_you_mean(&key.value, keys.clone()) {
        Some(hint) => hint,
        None => format!("use one of {}", keys.collect::<Vec<_>>().join(", ")),
    };
    d.error(key.span, format!("unknown tracker `{}`", key.value))
        .with_hint(hint);
    &TRACKIER
}

pub(super) fn token<'s>(t: &mut Table<'s>, d: &mut Diagnostics) -> Token<'s> {
    let literal = t.string(SECURITY_TOKEN, d);
    let env = t.string(SECURITY_TOKEN_ENV, d);
    match (literal, env) {
        (Some(literal), Some(env)) => {
            d.error(
                env.span,
                format!(
                    "{} has both `{SECURITY_TOKEN}` and `{SECURITY_TOKEN_ENV}`",
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
