//! The rules a hit is checked against: where it went, each parameter's name and value, the
//! click id and whose token it carries; then its goal ([`super::goal`]) and what the file's
//! own templates say it carries ([`super::expect`]).

use std::borrow::Cow;

use super::hit::{has_double_encoding, quote, Params, ParsedHit, VALUE_WIDTH};
use super::macro_text::{is_placeholder, looks_like_macro};
use super::network::{Network, RowKey};
use super::report::{Code, Findings};
use super::Mode;
use crate::config::Scheme;
use crate::owner::Owner;
use crate::registry::{Breach, Registry, Rule, ADVERTISER_ID, CAMPAIGN_ID};
use crate::registry::{CLICK_ID, SECURITY_TOKEN};
use crate::suggest::did_you_mean;

/// What a checked hit tells beyond its findings: whose it is, which row of the file it is
/// for, and what the batch checks need.
#[derive(Default)]
pub struct Outcome<'c, 'q> {
    pub owner: Option<Owner<'c>>,
    pub row: Option<RowKey<'c>>,
    pub campaigns: Vec<u64>,
    pub goal: Option<&'c str>,
    pub click_id: Option<Cow<'q, str>>,
    pub txn_id: Option<Cow<'q, str>>,
}

/// Every check of a parsed hit.
pub fn check_url<'c, 'q>(
    network: &Network<'c>,
    hit: &'q ParsedHit<'_>,
    mode: Mode,
    findings: &mut Findings,
) -> Outcome<'c, 'q> {
    let url = &hit.url;
    let expected = network.endpoint;
    // Only a finding needs it.
    let shown = || {
        format!(
            "{}://{}{}",
            expected.scheme().as_str(),
            expected.short_authority(),
            expected.path()
        )
    };
    if url.scheme() == "http" && expected.scheme() == Scheme::Https {
        findings.warning(
            Code::InsecureScheme,
            "the hit uses http, the network https",
            format!(
                "set the URL up as {}?...: the token then travels encrypted",
                shown()
            ),
        );
    }
    // A hit without a port means the network's own: a wrong scheme is INSECURE_SCHEME's.
    let port = url.port().unwrap_or(expected.effective_port());
    if url.host_str() != Some(expected.host()) || port != expected.effective_port() {
        let host = url.host_str().unwrap_or("");
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        findings.error(
            Code::WrongHost,
            format!(
                "the host `{}` is not the network's `{}`",
                quote(network, &host, VALUE_WIDTH),
                expected.short_authority()
            ),
            format!("postbacks go to {}", shown()),
        );
    }
    if url.path() != expected.path() {
        findings.error(
            Code::WrongPath,
            format!(
                "the path `{}` is not the postback path `{}`",
                quote(network, url.path(), VALUE_WIDTH),
                expected.path()
            ),
            format!("postbacks go to {}", shown()),
        );
    }
    let params = Params::read(hit.query()).in_file_names(network.tracker());
    let owner = owner_of(&params, network);
    check_pairs(&params, network, owner, mode, findings);
    click_id(&params, network, owner, mode, findings);
    token(&params, network, findings);
    let mut outcome = Outcome {
        owner,
        click_id: params.get(CLICK_ID).map(|p| p.value.clone()),
        txn_id: params.get("txn_id").map(|p| p.value.clone()),
        ..Outcome::default()
    };
    outcome.row = super::goal::check(&params, network, owner, mode, findings);
    if let (Some(owner), Some(row)) = (owner, outcome.row) {
        if let Some(expected) = network.expected(owner, row) {
            outcome.campaigns = expected.campaigns.clone();
            outcome.goal = expected.goal;
            super::expect::compare(&params, network, owner, expected, mode, findings);
        }
    }
    outcome
}

/// Whose postback this is, as its token tells; without a token, the one owner the file
/// gives none.
fn owner_of<'c>(params: &Params<'_>, network: &Network<'c>) -> Option<Owner<'c>> {
    // A tracker that names the advertiser (Offer18's `mid`) tells the owner by its id.
    if network.tracker().advertiser_param.is_some() {
        let id = params.get(ADVERTISER_ID)?.value.parse::<u64>().ok()?;
        let advertisers = network.config.advertisers().iter();
        let found = advertisers
            .into_iter()
            .find(|a| a.tracker_id.as_ref().is_some_and(|t| t.value == id))?;
        return Some(Owner::Advertiser(found.key.as_str()));
    }
    match params.get(SECURITY_TOKEN) {
        Some(pair) => network.tokens.get(pair.value.as_ref()).copied(),
        None => match network.tokenless.as_slice() {
            [only] => Some(*only),
            _ => None,
        },
    }
}

fn check_pairs(
    params: &Params<'_>,
    network: &Network<'_>,
    owner: Option<Owner<'_>>,
    mode: Mode,
    findings: &mut Findings,
) {
    let registry = Registry::new(&network.config.network.params);
    let counts = params.counts();
    for (pair, &count) in params.pairs.iter().zip(&counts) {
        let name = pair.name.as_ref();
        if count == 0 {
            continue;
        }
        if count > 1 {
            findings.error(
                Code::DuplicateParam,
                format!(
                    "`{}` is given {count} times",
                    quote(network, name, VALUE_WIDTH)
                ),
                format!(
                    "keep one: {} reads only one of them",
                    network.tracker().name
                ),
            );
        }
        // The campaign a tracker wants named in each postback (TUNE's `offer_id`): the file
        // writes it, and the goal and owner tell the campaign already.
        if name == CAMPAIGN_ID && network.tracker().campaign_param.is_some()
            || name == ADVERTISER_ID && network.tracker().advertiser_param.is_some()
        {
            continue;
        }
        let Some(info) = registry.lookup(name) else {
            if findings.full() {
                // Past what a report lists, only the code counts: no closest name to find.
                findings.warning(Code::UnknownParam, "", "");
                continue;
            }
            let hint = did_you_mean(name, registry.names()).unwrap_or_else(|| {
                format!(
                    "{} ignores it; `postback params` lists the parameters",
                    network.tracker().name
                )
            });
            findings.warning(
                Code::UnknownParam,
                format!("unknown parameter `{}`", quote(network, name, VALUE_WIDTH)),
                hint,
            );
            continue;
        };
        if has_double_encoding(pair.raw_value) {
            findings.warning(
                Code::DoubleEncoded,
                format!("`{name}` is percent-encoded twice (`%25..`)"),
                "the value was encoded twice: the advertiser's system must encode it once",
            );
        }
        if name == CLICK_ID || name == SECURITY_TOKEN {
            continue;
        }
        if pair.value.is_empty() {
            findings.warning(
                Code::EmptyValue,
                format!("`{name}` is empty"),
                "the advertiser's system sent no value: check its macro for this parameter",
            );
            continue;
        }
        let is_macro = looks_like_macro(network, &pair.value);
        match mode {
            Mode::Hit if is_macro => unreplaced(network, owner, name, &pair.value, findings),
            Mode::Template if placeholder_left_in(network, owner, name, &pair.value) => {
                placeholder_left(network, owner, name, findings)
            }
            // A template's macros are compared with the file's in `expect`.
            Mode::Template if is_macro => {}
            _ => check_rule(network, name, info.rule, &pair.value, findings),
        }
    }
}

fn click_id(
    params: &Params<'_>,
    network: &Network<'_>,
    owner: Option<Owner<'_>>,
    mode: Mode,
    findings: &mut Findings,
) {
    match params.get(CLICK_ID) {
        None => findings.error(
            Code::InvalidClickId,
            format!("`{}` is missing", network.own_name(CLICK_ID)),
            format!("{} attributes a conversion by its click id: add {}=<the macro of the click id>", network.tracker().name, network.own_name(CLICK_ID)),
        ),
        Some(pair) if pair.value.is_empty() => findings.error(
            Code::InvalidClickId,
            format!("`{}` is empty", network.own_name(CLICK_ID)),
            "the advertiser's system had no click id: check that the tracking link passes it on and that the macro is right",
        ),
        Some(pair) => {
            match mode {
                Mode::Hit if looks_like_macro(network, &pair.value) => {
                    unreplaced(network, owner, CLICK_ID, &pair.value, findings)
                }
                Mode::Template if placeholder_left_in(network, owner, CLICK_ID, &pair.value) => {
                    placeholder_left(network, owner, CLICK_ID, findings)
                }
                _ => {}
            }
        }
    }
}

/// The token's findings: missing, empty, or matching no one. A hit without a token is what
/// the file gives an owner that has none; a token matching no one may be one the file
/// names a variable for that is not set here, which the verdict says instead of blaming
/// the hit.
fn token(params: &Params<'_>, network: &Network<'_>, findings: &mut Findings) {
    if network.tracker().advertiser_param.is_some() {
        advertiser_id(params, network, findings);
    }
    if network.tracker().token == crate::tracker::TokenPlace::None {
        // Its URLs carry no token; a hit's owner is told by its advertiser id.
        return;
    }
    let Some(pair) = params.get(SECURITY_TOKEN) else {
        if network.tokens_configured && network.tokenless.is_empty() {
            findings.error(
                Code::InvalidSecurityToken,
                format!("`{}` is missing", network.own_name(SECURITY_TOKEN)),
                "every postback of this network carries its advertiser's token: `postback urls` prints the right URL",
            );
        }
        return;
    };
    if network.tokens.contains_key(pair.value.as_ref()) {
        return;
    }
    if pair.value.is_empty() {
        findings.error(
            Code::InvalidSecurityToken,
            format!("`{}` is empty", network.own_name(SECURITY_TOKEN)),
            "the URL must carry its advertiser's token: `postback urls` prints the right URL",
        );
    } else if looks_like_macro(network, &pair.value) {
        unreplaced(network, None, SECURITY_TOKEN, &pair.value, findings);
    } else if let Some(&(owner, variable)) = network.unread.first() {
        let more = match network.unread.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        findings.warning(
            Code::InvalidSecurityToken,
            format!("the token matches no token this run knows: {variable} ({}'s token){more} is not set here, so the hit could not be told apart", owner_words(owner)),
            format!("set {variable} to the token and check again"),
        );
    } else {
        findings.error(
            Code::InvalidSecurityToken,
            "the security token matches no advertiser and is not the network's global token",
            "copy the URL again from `postback urls` (tokens are never printed here)",
        );
    }
}

/// The advertiser id of a tracker whose postbacks name the advertiser: missing, or no
/// advertiser's of the file.
fn advertiser_id(params: &Params<'_>, network: &Network<'_>, findings: &mut Findings) {
    let name = network.own_name(ADVERTISER_ID);
    let Some(pair) = params.get(ADVERTISER_ID) else {
        findings.error(
            Code::InvalidAdvertiserId,
            format!("`{name}` is missing"),
            format!(
                "{} tells the advertiser by it: `postback urls` prints the right URL",
                network.tracker().name
            ),
        );
        return;
    };
    let known = (pair.value.parse::<u64>().ok()).is_some_and(|id| {
        (network.config.advertisers().iter())
            .any(|a| a.tracker_id.as_ref().is_some_and(|t| t.value == id))
    });
    if !known {
        findings.error(
            Code::InvalidAdvertiserId,
            format!(
                "`{name}` is `{}`, the id of no advertiser of the file",
                quote(network, &pair.value, VALUE_WIDTH)
            ),
            "copy the URL again from `postback urls`, or give the advertiser its `id` in the file",
        );
    }
}

fn owner_words(owner: Owner<'_>) -> String {
    match owner {
        Owner::Advertiser(key) => format!("advertiser `{key}`"),
        Owner::Global => "the network".to_string(),
    }
}

/// A `{<name>}` placeholder the advertiser had to replace: not when it is the very macro
/// their system writes (AppsFlyer's `{idfa}`).
fn placeholder_left_in(
    network: &Network<'_>,
    owner: Option<Owner<'_>>,
    name: &str,
    value: &str,
) -> bool {
    if !is_placeholder(name, value) {
        return false;
    }
    // Whose macro it could be: the owner's, or (a hit without a token) any owner's the file
    // gives no token.
    let owners = match owner {
        Some(owner) => vec![owner],
        None => network.tokenless.clone(),
    };
    !(owners.iter()).any(|&owner| network.macro_of(owner, name).as_deref() == Some(value))
}

/// Where the advertiser's own macro for `name` goes: their set's, when the file knows it.
fn own_macro_hint(network: &Network<'_>, owner: Option<Owner<'_>>, name: &str) -> String {
    let known = owner.and_then(|owner| network.macro_of(owner, name));
    match known {
        Some(known) => format!("their system writes `{known}` for {name}: put that there"),
        None => format!("put the macro the advertiser's system uses for {name} there"),
    }
}

fn placeholder_left(
    network: &Network<'_>,
    owner: Option<Owner<'_>>,
    name: &str,
    findings: &mut Findings,
) {
    findings.error(
        Code::PlaceholderLeft,
        format!("`{name}` is still the placeholder `{{{name}}}`"),
        own_macro_hint(network, owner, name),
    );
}

/// Reports a fired hit whose value still looks like a macro.
fn unreplaced(
    network: &Network<'_>,
    owner: Option<Owner<'_>>,
    name: &str,
    value: &str,
    findings: &mut Findings,
) {
    let theirs = owner.and_then(|owner| network.macro_of(owner, name));
    let hint = match theirs {
        _ if is_placeholder(name, value) => format!(
            "the placeholder was set up as it is: {}",
            own_macro_hint(network, owner, name)
        ),
        // Another system's macro (AppsFlyer's `{clickid}` where the file gives
        // `{aff_click_id}`): the setup copied the wrong one.
        Some(theirs) if theirs != value => format!(
            "the file gives this advertiser `{theirs}` for {name}: their system fills that one, so set {name}={theirs} where the postback is set up"
        ),
        _ => "the advertiser's system did not replace it: check the macro against its documentation (`postback urls --sample` shows a fired URL)".to_string(),
    };
    findings.error(
        Code::UnreplacedMacro,
        format!(
            "`{name}` is still the macro `{}`",
            quote(network, value, VALUE_WIDTH)
        ),
        hint,
    );
}

fn check_rule(network: &Network<'_>, name: &str, rule: Rule, value: &str, findings: &mut Findings) {
    let Err(violation) = rule.check(value) else {
        return;
    };
    let code = match rule {
        Rule::Decimal => Code::InvalidAmount,
        Rule::Currency => Code::InvalidCurrency,
        Rule::Status => Code::InvalidStatus,
        // Non-empty rules: empty values are reported as EMPTY_VALUE already.
        Rule::NonEmpty | Rule::Token | Rule::Any => return,
    };
    let message = format!(
        "`{name}`: {}",
        quote(network, &violation.message, VALUE_WIDTH * 2)
    );
    let hint = violation.hint.unwrap_or_default();
    match violation.breach {
        Breach::Error => findings.error(code, message, hint),
        Breach::Warning => findings.warning(code, message, hint),
    }
}
