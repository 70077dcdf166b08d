//! The rules a hit is checked against: where it went, each parameter's name and value, the
//! click id, whose token it carries, and its goal.

use super::hit::{has_double_encoding, quote, Params, ParsedHit, VALUE_WIDTH};
use super::network::Network;
use super::report::{Code, Findings};
use crate::config::Scheme;
use crate::owner::Owner;
use crate::platform::{CLICK_ID, GOAL_ID, GOAL_VALUE, SECURITY_TOKEN};
use crate::registry::{Breach, Registry, Rule};
use crate::suggest::{closest, did_you_mean};

/// Every check of a parsed hit; returns whose postback it is.
pub fn check_url<'c>(
    network: &Network<'c>,
    hit: &ParsedHit,
    findings: &mut Findings,
) -> Option<Owner<'c>> {
    let url = &hit.url;
    let expected = &network.endpoint;
    let shown = format!(
        "{}://{}{}",
        expected.scheme().as_str(),
        expected.short_authority(),
        expected.path()
    );
    if url.scheme() == "http" && expected.scheme() == Scheme::Https {
        findings.warning(
            Code::InsecureScheme,
            "the hit uses http, the network https",
            format!("set the URL up as {shown}?...: the token then travels encrypted"),
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
                quote(&host, VALUE_WIDTH),
                expected.short_authority()
            ),
            format!("postbacks go to {shown}"),
        );
    }
    if url.path() != expected.path() {
        findings.error(
            Code::WrongPath,
            format!(
                "the path `{}` is not the postback path `{}`",
                quote(url.path(), VALUE_WIDTH),
                expected.path()
            ),
            format!("postbacks go to {shown}"),
        );
    }
    check_params(&Params::read(hit.query()), network, findings)
}

fn check_params<'c>(
    params: &Params<'_>,
    network: &Network<'c>,
    findings: &mut Findings,
) -> Option<Owner<'c>> {
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
                format!("`{}` is given {count} times", quote(name, VALUE_WIDTH)),
                "keep one: Trackier reads only one of them",
            );
        }
        let Some(info) = registry.lookup(name) else {
            let hint = did_you_mean(name, registry.names()).unwrap_or_else(|| {
                "Trackier ignores it; `postback params` lists the parameters".to_string()
            });
            findings.warning(
                Code::UnknownParam,
                format!("unknown parameter `{}`", quote(name, VALUE_WIDTH)),
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
        if !unreplaced(network, name, &pair.value, findings) {
            check_rule(name, info.rule, &pair.value, findings);
        }
    }
    click_id(params, network, findings);
    let owner = owner(params, network, findings);
    goal(params, network, owner, findings);
    owner
}

fn click_id(params: &Params<'_>, network: &Network<'_>, findings: &mut Findings) {
    match params.get(CLICK_ID) {
        None => findings.error(
            Code::InvalidClickId,
            format!("`{CLICK_ID}` is missing"),
            format!("Trackier attributes a conversion by its click id: add {CLICK_ID}=<the macro of the click id>"),
        ),
        Some(pair) if pair.value.is_empty() => findings.error(
            Code::InvalidClickId,
            format!("`{CLICK_ID}` is empty"),
            "the advertiser's system had no click id: check that the tracking link passes it on and that the macro is right",
        ),
        Some(pair) => {
            unreplaced(network, CLICK_ID, &pair.value, findings);
        }
    }
}

/// The token tells whose postback this is.
fn owner<'c>(
    params: &Params<'_>,
    network: &Network<'c>,
    findings: &mut Findings,
) -> Option<Owner<'c>> {
    let Some(pair) = params.get(SECURITY_TOKEN) else {
        if network.tokens_configured {
            findings.error(
                Code::InvalidSecurityToken,
                format!("`{SECURITY_TOKEN}` is missing"),
                "every postback of this network carries its advertiser's token: `postback urls` prints the right URL",
            );
        }
        return None;
    };
    if let Some(owner) = network.tokens.get(pair.value.as_ref()) {
        return Some(*owner);
    }
    if pair.value.is_empty() {
        findings.error(
            Code::InvalidSecurityToken,
            format!("`{SECURITY_TOKEN}` is empty"),
            "the URL must carry its advertiser's token: `postback urls` prints the right URL",
        );
    } else if !unreplaced(network, SECURITY_TOKEN, &pair.value, findings) {
        findings.error(
            Code::InvalidSecurityToken,
            "the security token matches no advertiser and is not the network's global token",
            "copy the URL again from `postback urls` (tokens are never printed here)",
        );
    }
    None
}

fn goal(
    params: &Params<'_>,
    network: &Network<'_>,
    owner: Option<Owner<'_>>,
    findings: &mut Findings,
) {
    let goals = network.goals_of(owner);
    let whose = match owner {
        Some(Owner::Advertiser(key)) => format!("advertiser `{key}`"),
        Some(Owner::Global) => "the global level".to_string(),
        None => "the file".to_string(),
    };
    let checks = [
        (GOAL_VALUE, &goals.values, Code::InvalidGoalValue),
        (GOAL_ID, &goals.ids, Code::InvalidGoalId),
    ];
    for (param, known, code) in checks {
        let Some(pair) = params.get(param) else {
            continue;
        };
        if pair.value.is_empty()
            || known.contains(pair.value.as_ref())
            || looks_like_macro(network, &pair.value)
        {
            continue;
        }
        let value = quote(&pair.value, VALUE_WIDTH);
        let hint = match known.iter().find(|k| k.eq_ignore_ascii_case(&pair.value)) {
            Some(exact) => format!("{param} is case-sensitive: write `{exact}`"),
            None => closest(&pair.value, known.iter())
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("`postback list` shows the goals of {whose}")),
        };
        findings.error(
            code,
            format!("no goal of {whose} has {param} `{value}`"),
            hint,
        );
    }
}

/// Reports a value that still looks like a macro; true when it does.
fn unreplaced(network: &Network<'_>, name: &str, value: &str, findings: &mut Findings) -> bool {
    if !looks_like_macro(network, value) {
        return false;
    }
    findings.error(
        Code::UnreplacedMacro,
        format!("`{name}` is still the macro `{}`", quote(value, VALUE_WIDTH)),
        "the advertiser's system did not replace it: check the macro against its documentation (`postback urls --sample` shows a fired URL)",
    );
    true
}

/// `{..}`, `${..}`, `[..]`, `%..%`, `#..#`, `(..)`, `$$..`, `REPLACE`, or a macro a known
/// system writes.
fn looks_like_macro(network: &Network<'_>, value: &str) -> bool {
    let wrapped = |open: char, close: char| {
        value.len() >= 2 && value.starts_with(open) && value.ends_with(close)
    };
    wrapped('{', '}')
        || (value.starts_with("${") && value.ends_with('}'))
        || wrapped('[', ']')
        || wrapped('%', '%')
        || wrapped('#', '#')
        || wrapped('(', ')')
        || value.starts_with("$$")
        || value.contains("REPLACE")
        || network.is_known_macro(value)
}

fn check_rule(name: &str, rule: Rule, value: &str, findings: &mut Findings) {
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
    let message = format!("`{name}`: {}", quote(&violation.message, VALUE_WIDTH * 2));
    let hint = violation.hint.unwrap_or_default();
    match violation.breach {
        Breach::Error => findings.error(code, message, hint),
        Breach::Warning => findings.warning(code, message, hint),
    }
}
