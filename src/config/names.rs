//! The shape of names in the file: advertiser keys, macros, and free text (names and
//! labels) that reaches email headers, TSV and terminals.

use super::{Config, Token};
use crate::diagnostic::{is_hidden, Diagnostics};

/// Values the starter file of `init` holds until they are replaced: `validate` warns about
/// each one left (a URL with them goes nowhere, or carries no real token).
pub const PLACEHOLDER_NAME: &str = "My Network";
pub const PLACEHOLDER_DOMAIN: &str = "your-network.gotrackier.example";
pub const PLACEHOLDER_TOKEN: &str = "change-me";
pub const EXAMPLE_ADVERTISER: &str = "Example Advertiser";
pub const EXAMPLE_CAMPAIGN: &str = "Example Campaign";

/// Warns about every starter placeholder still in the file.
pub fn starter_values(config: &Config<'_>, d: &mut Diagnostics) {
    let network = &config.network;
    let hint = "replace it with your own value (`postback init` wrote it as an example)";
    if network.name.as_deref() == Some(PLACEHOLDER_NAME) {
        d.warning(
            network.span.clone(),
            "the network's name is still the starter's placeholder",
        )
        .with_hint(hint);
    }
    if network.postback.host() == PLACEHOLDER_DOMAIN {
        d.warning(
            network.span.clone(),
            "the domain is still the starter's placeholder",
        )
        .with_hint("set `domain` to your Trackier tracking domain");
    }
    let tokens = std::iter::once(("the network".to_string(), &network.token)).chain(
        (config.advertisers().iter()).map(|a| (format!("advertiser `{}`", a.key.value), &a.token)),
    );
    for (owner, token) in tokens {
        if let Token::Literal(value) = token {
            if value.value == PLACEHOLDER_TOKEN {
                d.warning(
                    value.span.clone(),
                    format!("the security token of {owner} is still the starter's placeholder"),
                )
                .with_hint("set the token Trackier shows for it");
            }
        }
    }
    for advertiser in config.advertisers() {
        if advertiser.name == EXAMPLE_ADVERTISER {
            d.warning(
                advertiser.key.span.clone(),
                format!(
                    "advertiser `{}` is the starter's example",
                    advertiser.key.value
                ),
            )
            .with_hint("replace it with a real advertiser, or delete it");
        }
    }
    for campaign in &config.campaigns {
        if campaign.name == EXAMPLE_CAMPAIGN {
            d.warning(
                campaign.span.clone(),
                format!("campaign {} is the starter's example", campaign.id.value),
            )
            .with_hint("replace it with a real campaign, or delete it");
        }
    }
}

/// Names and labels reach email headers, TSV and CSV fields and terminals: a control or
/// text-direction character in one is warned about (the output neutralises it).
pub fn free_text(config: &Config<'_>, d: &mut Diagnostics) {
    let network = config
        .network
        .name
        .iter()
        .map(|n| (n.as_ref(), &config.network.span, "the network".to_string()));
    let advertisers = config.advertisers().iter().map(|a| {
        (
            a.name.as_ref(),
            &a.key.span,
            format!("advertiser `{}`", a.key.value),
        )
    });
    let campaigns = config.campaigns.iter().flat_map(|c| {
        let owner = format!("campaign {}", c.id.value);
        let goals = c.goals.iter().map(move |g| {
            (
                g.name.as_str(),
                &g.name.span,
                format!("a goal of campaign {}", c.id.value),
            )
        });
        [
            (c.name.as_ref(), &c.span, owner.clone()),
            (
                c.default_label.as_ref(),
                &c.span,
                format!("the default label of {owner}"),
            ),
        ]
        .into_iter()
        .chain(goals)
    });
    let global = config
        .global
        .iter()
        .flat_map(|g| g.goals.iter())
        .map(|g| (g.name.as_str(), &g.name.span, "a global goal".to_string()));
    for (name, span, whose) in network.chain(advertisers).chain(campaigns).chain(global) {
        if name.chars().any(is_hidden) {
            d.warning(span.clone(), format!("the name of {whose} contains a control or text-direction character"))
                .with_hint("remove it: names reach email headers, TSV and terminals, where it would break lines or reorder text");
        }
    }
}

/// An advertiser key: 1 to 64 of `a-z 0-9 _ -`.
pub fn valid_key(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// A macro is written verbatim: non-empty, no control character, no line break.
pub fn check_macro(value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        Err("it is empty")
    } else if value.chars().any(char::is_control) {
        Err("it contains a control character or line break")
    } else {
        Ok(())
    }
}
