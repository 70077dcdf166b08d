//! Reads `[publishers.<key>]`: who the publisher is, which tracker they run and where it
//! takes postbacks, which campaigns and events their postback is for.

use toml::de::DeValue;

use super::endpoint::endpoint;
use super::reader::{expect_integer, positive, string_entries, type_error, Table, Value};
use super::{At, Events, Publisher, Receiver, Scheme, Str};
use crate::diagnostic::Diagnostics;
use crate::suggest::did_you_mean;
use crate::tracker::PUBLISHER_TRACKERS;

const PUBLISHER_KEYS: &[&str] = &[
    "name",
    "id",
    "tracker",
    "domain",
    "scheme",
    "postback_key",
    "template",
    "campaigns",
    "events",
    "fire_on_pending",
    "macro",
];

/// The tracker name of a publisher's own template.
const CUSTOM: &str = crate::tracker::CUSTOM.key;

pub(super) fn publisher<'s>(
    key: At<Str<'s>>,
    value: Value<'s>,
    d: &mut Diagnostics,
) -> Option<Publisher<'s>> {
    let owner = format!("publishers.{}", key.value);
    let mut t = Table::from_value(value, format!("[{owner}]"), d)?;
    let span = t.span.clone();
    let name = t.required_string("name", d);
    let id = match (t.has("id"), t.integer("id", d)) {
        (_, Some(n)) => At::new(positive(&n, "a publisher `id`", d).unwrap_or(0), n.span),
        (false, None) => {
            d.error(span.clone(), format!("[{owner}] is missing `id`"))
                .with_hint(
                    "give the publisher's id in the network's tracker (its pub_id): `id = 12`",
                );
            At::new(0, span.clone())
        }
        (true, None) => At::new(0, span.clone()),
    };
    let receiver = receiver(&mut t, &owner, d);
    let campaigns = t
        .take("campaigns")
        .map(|(_, value)| campaign_ids(value, &owner, d));
    let events = match t.string("events", d) {
        None => Events::Conversions,
        Some(At { value, span }) => Events::named(&value).unwrap_or_else(|| {
            let hint = did_you_mean(&value, Events::NAMES)
                .unwrap_or_else(|| format!("use one of {}", Events::NAMES.join(", ")));
            d.error(span, format!("unknown events `{value}`"))
                .with_hint(hint);
            Events::Conversions
        }),
    };
    let fire_on_pending = t.boolean("fire_on_pending", d).is_some_and(|b| b.value);
    let macro_name = format!("[{owner}.macro]");
    let overrides = match t.table("macro", macro_name.clone(), d) {
        Some(table) => string_entries(table, &macro_name, d),
        None => Vec::new(),
    };
    t.finish(
        PUBLISHER_KEYS,
        &[("pub_id", "id"), ("campaign", "campaigns")],
        d,
    );
    Some(Publisher {
        key,
        span,
        name: name.map(|n| n.value).unwrap_or_default(),
        id,
        receiver,
        campaigns,
        events,
        fire_on_pending,
        overrides,
    })
}

/// The tracker and where it takes postbacks: a domain (and, for a tracker whose path holds
/// a key, `postback_key`), or a custom template.
fn receiver<'s>(t: &mut Table<'s>, owner: &str, d: &mut Diagnostics) -> Receiver<'s> {
    let span = t.span.clone();
    let tracker = t.required_string("tracker", d);
    let scheme = match t.string("scheme", d) {
        Some(At { value, span }) if value == "http" => {
            d.warning(
                span,
                "the publisher's postbacks would go over plain http: payouts travel unencrypted",
            )
            .with_hint("use scheme = \"https\" unless the publisher's tracker cannot");
            Scheme::Http
        }
        Some(At { value, span }) if value != "https" => {
            d.error(span, format!("unknown scheme `{value}`"))
                .with_hint("use \"https\" (the default) or \"http\"");
            Scheme::Https
        }
        _ => Scheme::Https,
    };
    let domain = t.string("domain", d);
    let key = t.string("postback_key", d);
    let template = t.string("template", d);
    let Some(tracker) = tracker else {
        return Receiver::Custom {
            template: template.unwrap_or_else(|| At::new("".into(), span)),
        };
    };
    if tracker.value == CUSTOM {
        let Some(template) = template else {
            d.error(span, format!("[{owner}] has tracker = \"custom\" but no `template`"))
                .with_hint("add `template = \"<the postback URL the publisher gave, with {p1} for their click id>\"`");
            return Receiver::Custom {
                template: At::new("".into(), tracker.span),
            };
        };
        for (name, place) in [("domain", &domain), ("postback_key", &key)] {
            if let Some(place) = place {
                d.error(
                    place.span.clone(),
                    format!("`{name}` does nothing with a custom template"),
                )
                .with_hint("the template is the whole URL: remove this key");
            }
        }
        custom_template(&template, d);
        return Receiver::Custom { template };
    }
    let Some(receiver) = PUBLISHER_TRACKERS.iter().find(|r| r.key == tracker.value) else {
        let names = PUBLISHER_TRACKERS.iter().map(|r| r.key).chain([CUSTOM]);
        let hint = did_you_mean(&tracker.value, names.clone())
            .unwrap_or_else(|| format!("use one of {}", names.collect::<Vec<_>>().join(", ")));
        d.error(
            tracker.span.clone(),
            format!("unknown tracker `{}`", tracker.value),
        )
        .with_hint(hint);
        return Receiver::Custom {
            template: At::new("".into(), tracker.span),
        };
    };
    if let Some(template) = &template {
        d.error(
            template.span.clone(),
            format!(
                "`template` is only for tracker = \"custom\", not {}",
                receiver.name
            ),
        )
        .with_hint("remove it: the URL is built from `domain`");
    }
    let postback_key = key.as_ref().map(|k| k.value.clone());
    let path = match (receiver.postback_path.contains("{key}"), key) {
        (true, Some(key)) if valid_path_key(&key.value) => {
            receiver.postback_path.replace("{key}", &key.value)
        }
        (true, Some(key)) => {
            d.error(
                key.span.clone(),
                format!("`{}` is not a postback key", key.value),
            )
            .with_hint(
                "copy the key from the tracker's postback URL: letters, digits, `-` and `_`",
            );
            String::new()
        }
        (true, None) => {
            d.error(span.clone(), format!("[{owner}] has no `postback_key`"))
                .with_hint(format!("{} postback URLs carry a key in their path (https://<domain>/<key>/postback): add `postback_key = \"<key>\"`", receiver.name));
            String::new()
        }
        (false, Some(key)) => {
            d.error(
                key.span.clone(),
                format!("{} postback URLs have no key", receiver.name),
            )
            .with_hint("remove `postback_key`");
            receiver.postback_path.to_string()
        }
        (false, None) => receiver.postback_path.to_string(),
    };
    let Some(domain) = domain else {
        d.error(span, format!("[{owner}] is missing `domain`"))
            .with_hint(format!(
                "add the publisher's {} tracking domain: `domain = \"track.example.com\"`",
                receiver.name
            ));
        return Receiver::Tracker {
            tracker: receiver,
            endpoint: Default::default(),
            postback_key,
        };
    };
    let endpoint = endpoint(receiver, scheme, &domain, None, &path, d);
    Receiver::Tracker {
        tracker: receiver,
        endpoint,
        postback_key,
    }
}

/// A custom template is a URL with the publisher's click id macro, `{p1}`, exactly once.
fn custom_template(template: &At<Str<'_>>, d: &mut Diagnostics) {
    let text = template.value.as_ref();
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        d.error(template.span.clone(), "the template is not an http(s) URL")
            .with_hint("paste the whole postback URL the publisher gave, starting with https://");
    } else if text.starts_with("http://") {
        d.warning(
            template.span.clone(),
            "the publisher's postbacks would go over plain http: payouts travel unencrypted",
        )
        .with_hint("ask the publisher for their https URL");
    }
    match text.matches("{p1}").count() {
        1 => {}
        0 => {
            d.error(template.span.clone(), "the template has no `{p1}`")
                .with_hint("put {p1} where the publisher's click id goes (their click id comes in as p1 on the tracking link)");
        }
        n => {
            d.error(
                template.span.clone(),
                format!("the template has `{{p1}}` {n} times"),
            )
            .with_hint("keep one: the click id goes in one parameter");
        }
    }
}

fn valid_path_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `campaigns = [5509, 6102]`: positive campaign ids.
fn campaign_ids(value: Value<'_>, owner: &str, d: &mut Diagnostics) -> Vec<At<u64>> {
    let span = value.span();
    let what = || format!("`campaigns` in [{owner}]");
    match value.into_inner() {
        DeValue::Array(items) => items
            .into_iter()
            .filter_map(|item| {
                let n = expect_integer(item, &|| format!("a campaign id in [{owner}]"), d)?;
                let id = positive(&n, "a campaign id", d)?;
                Some(At::new(id, n.span))
            })
            .collect(),
        other => {
            type_error(d, span, &what, "a list of campaign ids", &other);
            Vec::new()
        }
    }
}
