//! `check`: why a postback hit (or a template an advertiser set up) would not be recorded.
//! Each hit gets findings with Trackier's own codes where it has one (SPEC section 5).
//!
//! A configured token's value is never printed: not in a message, a hint, nor the echo of
//! the hit.

mod extract;
pub mod network;

use std::borrow::Cow;

use serde::Serialize;

use crate::config::Scheme;
use crate::diagnostic::{printable, Severity};
use crate::registry::{Breach, Rule};
use crate::suggest::{closest, did_you_mean};
use extract::{extract, Hit};
pub use network::{Network, Owner};

/// The finding codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Code {
    InvalidUrl,
    HtmlEscaped,
    InsecureScheme,
    WrongHost,
    WrongPath,
    InvalidClickId,
    UnreplacedMacro,
    InvalidSecurityToken,
    UnknownParam,
    DuplicateParam,
    InvalidGoalValue,
    InvalidGoalId,
    InvalidAmount,
    InvalidCurrency,
    InvalidStatus,
    DoubleEncoded,
    EmptyValue,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidUrl => "INVALID_URL",
            Code::HtmlEscaped => "HTML_ESCAPED",
            Code::InsecureScheme => "INSECURE_SCHEME",
            Code::WrongHost => "WRONG_HOST",
            Code::WrongPath => "WRONG_PATH",
            Code::InvalidClickId => "INVALID_CLICK_ID",
            Code::UnreplacedMacro => "UNREPLACED_MACRO",
            Code::InvalidSecurityToken => "INVALID_SECURITY_TOKEN",
            Code::UnknownParam => "UNKNOWN_PARAM",
            Code::DuplicateParam => "DUPLICATE_PARAM",
            Code::InvalidGoalValue => "INVALID_GOAL_VALUE",
            Code::InvalidGoalId => "INVALID_GOAL_ID",
            Code::InvalidAmount => "INVALID_AMOUNT",
            Code::InvalidCurrency => "INVALID_CURRENCY",
            Code::InvalidStatus => "INVALID_STATUS",
            Code::DoubleEncoded => "DOUBLE_ENCODED",
            Code::EmptyValue => "EMPTY_VALUE",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

/// The verdict on one hit.
#[derive(Clone, Debug, Serialize)]
pub struct Report<'c> {
    /// The hit as given, its token masked, cut when long.
    pub hit: String,
    /// Whose postback it is, as its token tells: an advertiser's key (level `advertiser`),
    /// none at the `global` level, and neither when the token tells no one.
    pub advertiser: Option<&'c str>,
    pub level: Option<&'static str>,
    /// The first [`MAX_FINDINGS`] findings, in order.
    pub findings: Vec<Finding>,
    /// How many more there were: a hostile hit must not flood the terminal.
    pub more_findings: usize,
    #[serde(skip)]
    severities: [bool; 2],
}

fn severity_slot(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    }
}

/// How many findings a report lists.
pub const MAX_FINDINGS: usize = 20;

impl Report<'_> {
    /// Whether any finding, listed or not, has `severity`.
    pub fn has(&self, severity: Severity) -> bool {
        self.severities[severity_slot(severity)]
    }

    /// Whose postback it is, for people: the advertiser's key or `global`.
    pub fn owner(&self) -> Option<&str> {
        self.advertiser.or(self.level.filter(|l| *l == "global"))
    }

    /// `ok`, `warning` or `error`: the worst finding.
    pub fn verdict(&self) -> &'static str {
        if self.has(Severity::Error) {
            "error"
        } else if self.has(Severity::Warning) {
            "warning"
        } else {
            "ok"
        }
    }
}

/// How much of a hit, or of a value, a report quotes.
const HIT_WIDTH: usize = 200;
const VALUE_WIDTH: usize = 60;
const MASK: &str = "REDACTED";

/// Checks one line of input (a URL, a path and query, or a log line holding one).
pub fn check<'c>(network: &Network<'c>, line: &str) -> Report<'c> {
    let mut findings = Findings::default();
    let mut report = Report {
        hit: String::new(),
        advertiser: None,
        level: None,
        findings: Vec::new(),
        more_findings: 0,
        severities: [false; 2],
    };
    let parsed = match extract(line) {
        Hit::None => {
            findings.error(
                Code::InvalidUrl,
                "no URL in this line",
                "paste the whole URL the advertiser's system fired, starting with https://",
            );
            None
        }
        Hit::Url(text) | Hit::Path(text) => parse(network, text, &mut findings),
    };
    report.hit = match &parsed {
        Some(url) => quote(&url.text, HIT_WIDTH),
        None => quote(line.trim(), HIT_WIDTH),
    };
    if let Some(url) = parsed {
        let owner = check_url(network, &url, &mut findings);
        report.advertiser = match owner {
            Some(Owner::Advertiser(key)) => Some(key),
            _ => None,
        };
        report.level = owner.map(|o| match o {
            Owner::Advertiser(_) => "advertiser",
            Owner::Global => "global",
        });
    }
    let mut all = findings.0;
    for finding in &all {
        report.severities[severity_slot(finding.severity)] = true;
    }
    report.more_findings = all.len().saturating_sub(MAX_FINDINGS);
    all.truncate(MAX_FINDINGS);
    report.findings = all;
    report
}

/// A hit that parsed as a URL: the `url` crate's reading, and its raw query pairs.
struct ParsedHit {
    text: String,
    /// Scheme, host and path, as the `url` crate reads them.
    url: url::Url,
    /// Where the raw query starts in `text`, if it has one. It is read as written, not as
    /// `url` re-encodes it, and a `#` in it (an unreplaced `#macro#`) is part of a value
    /// rather than the start of a fragment.
    query_start: Option<usize>,
}

impl ParsedHit {
    fn query(&self) -> &str {
        self.query_start.map_or("", |start| &self.text[start..])
    }
}

fn parse(network: &Network<'_>, text: &str, findings: &mut Findings) -> Option<ParsedHit> {
    let text = if text.contains("&amp;") {
        findings.error(
            Code::HtmlEscaped,
            "the URL contains `&amp;`: it was copied from an HTML page or an email",
            "replace every `&amp;` with `&` where the advertiser set the URL up",
        );
        text.replace("&amp;", "&")
    } else {
        text.to_string()
    };
    let (head, query_start) = match text.find(['?', '#']) {
        Some(at) if text[at..].starts_with('?') => (&text[..at], Some(at + 1)),
        Some(at) => (&text[..at], None),
        None => (text.as_str(), None),
    };
    let parsed = if head.starts_with('/') {
        network.base.join(head)
    } else {
        url::Url::parse(head)
    };
    match parsed {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => {
            Some(ParsedHit {
                text,
                url,
                query_start,
            })
        }
        Ok(url) => {
            findings.error(
                Code::InvalidUrl,
                format!("not an http(s) URL (scheme `{}`)", quote(url.scheme(), 20)),
                "a postback URL starts with https://",
            );
            None
        }
        Err(error) => {
            findings.error(
                Code::InvalidUrl,
                format!("not a valid URL: {error}"),
                "paste the whole URL the advertiser's system fired, starting with https://",
            );
            None
        }
    }
}

/// Every check of a parsed hit; returns whose postback it is.
fn check_url<'c>(
    network: &Network<'c>,
    hit: &ParsedHit,
    findings: &mut Findings,
) -> Option<Owner<'c>> {
    let url = &hit.url;
    let expected = &network.endpoint;
    if url.scheme() == "http" && network.scheme == Scheme::Https {
        findings.warning(
            Code::InsecureScheme,
            "the hit uses http, the network https",
            format!("set the URL up as {expected}?...: the token then travels encrypted"),
        );
    }
    // A hit without a port means the network's own: a wrong scheme is INSECURE_SCHEME's.
    let port = url.port().or(network.port);
    if url.host_str() != Some(network.host.as_str()) || port != network.port {
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
                network.host_port
            ),
            format!("postbacks go to {expected}"),
        );
    }
    if url.path() != network.path {
        findings.error(
            Code::WrongPath,
            format!(
                "the path `{}` is not the postback path `{}`",
                quote(url.path(), VALUE_WIDTH),
                network.path
            ),
            format!("postbacks go to {expected}"),
        );
    }
    Params::read(hit.query()).check(network, findings)
}

/// One `name=value` pair of the query: raw and decoded.
struct Pair<'q> {
    raw_value: &'q str,
    name: Cow<'q, str>,
    value: Cow<'q, str>,
}

/// The query's pairs in order.
struct Params<'q> {
    pairs: Vec<Pair<'q>>,
}

impl<'q> Params<'q> {
    fn read(query: &'q str) -> Self {
        let pairs = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
                // Most pairs have nothing to decode: borrow them as they are.
                let (name, value) = if pair.contains(['%', '+']) {
                    url::form_urlencoded::parse(pair.as_bytes())
                        .next()
                        .unwrap_or_default()
                } else {
                    (Cow::Borrowed(raw_name), Cow::Borrowed(raw_value))
                };
                Pair {
                    raw_value,
                    name,
                    value,
                }
            })
            .collect();
        Params { pairs }
    }

    /// For each pair, how often its name occurs: at the name's first pair, 0 at the others
    /// (so a duplicate is reported once). Sorting, not hashing: most queries are short.
    fn counts(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.pairs.len()).collect();
        order.sort_by(|&a, &b| self.pairs[a].name.cmp(&self.pairs[b].name).then(a.cmp(&b)));
        let mut counts = vec![0; self.pairs.len()];
        for run in order.chunk_by(|&a, &b| self.pairs[a].name == self.pairs[b].name) {
            counts[run[0]] = run.len();
        }
        counts
    }

    fn get(&self, name: &str) -> Option<&Pair<'q>> {
        self.pairs.iter().find(|p| p.name == name)
    }

    fn check<'c>(&self, network: &Network<'c>, findings: &mut Findings) -> Option<Owner<'c>> {
        let registry = crate::registry::Registry::new(&network.config.network.params);
        let counts = self.counts();
        for (pair, &count) in self.pairs.iter().zip(&counts) {
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
            if name == "click_id" || name == "security_token" {
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
            if !self.unreplaced(network, name, &pair.value, findings) {
                check_rule(name, info.rule, &pair.value, findings);
            }
        }
        self.click_id(network, findings);
        let owner = self.owner(network, findings);
        self.goal(network, owner, findings);
        owner
    }

    fn click_id(&self, network: &Network<'_>, findings: &mut Findings) {
        match self.get("click_id") {
            None => findings.error(
                Code::InvalidClickId,
                "`click_id` is missing",
                "Trackier attributes a conversion by its click id: add click_id=<the macro of the click id>",
            ),
            Some(pair) if pair.value.is_empty() => findings.error(
                Code::InvalidClickId,
                "`click_id` is empty",
                "the advertiser's system had no click id: check that the tracking link passes it on and that the macro is right",
            ),
            Some(pair) => {
                self.unreplaced(network, "click_id", &pair.value, findings);
            }
        }
    }

    /// The token tells whose postback this is.
    fn owner<'c>(&self, network: &Network<'c>, findings: &mut Findings) -> Option<Owner<'c>> {
        let Some(pair) = self.get("security_token") else {
            if network.tokens_configured {
                findings.error(
                    Code::InvalidSecurityToken,
                    "`security_token` is missing",
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
                "`security_token` is empty",
                "the URL must carry its advertiser's token: `postback urls` prints the right URL",
            );
        } else if !self.unreplaced(network, "security_token", &pair.value, findings) {
            findings.error(
                Code::InvalidSecurityToken,
                "the security token matches no advertiser and is not the network's global token",
                "copy the URL again from `postback urls` (tokens are never printed here)",
            );
        }
        None
    }

    fn goal(&self, network: &Network<'_>, owner: Option<Owner<'_>>, findings: &mut Findings) {
        let empty = network::Goals::default();
        let goals = network.goals_of(owner).unwrap_or(&empty);
        let whose = match owner {
            Some(Owner::Advertiser(key)) => format!("advertiser `{key}`"),
            Some(Owner::Global) => "the global level".to_string(),
            None => "the file".to_string(),
        };
        let checks = [
            ("goal_value", &goals.values, Code::InvalidGoalValue),
            ("goal_id", &goals.ids, Code::InvalidGoalId),
        ];
        for (param, known, code) in checks {
            let Some(pair) = self.get(param) else {
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
    fn unreplaced(
        &self,
        network: &Network<'_>,
        name: &str,
        value: &str,
        findings: &mut Findings,
    ) -> bool {
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

/// `%25` followed by two hex digits: a `%XX` escape that was escaped again.
fn has_double_encoding(raw: &str) -> bool {
    raw.as_bytes().windows(5).any(|w| {
        w[0] == b'%'
            && w[1] == b'2'
            && w[2] == b'5'
            && w[3].is_ascii_hexdigit()
            && w[4].is_ascii_hexdigit()
    })
}

/// `text` with the value after every `security_token=` replaced: a correct token must not be
/// printed, even where a mangled separator hid the pair inside another value.
fn mask_token(text: &str) -> Cow<'_, str> {
    const KEY: &str = "security_token=";
    if !text.contains(KEY) {
        return Cow::Borrowed(text);
    }
    let mut masked = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let value_start = at + KEY.len();
        masked.push_str(&rest[..value_start]);
        let value_end = rest[value_start..]
            .find(|c: char| matches!(c, '&' | '#' | '"' | '\'') || c.is_whitespace())
            .map_or(rest.len(), |end| value_start + end);
        if value_end > value_start {
            masked.push_str(MASK);
        }
        rest = &rest[value_end..];
    }
    masked.push_str(rest);
    Cow::Owned(masked)
}

/// `text` with any token masked, made printable and cut to `width` characters with `…`:
/// everything a report quotes from a hit goes through here.
fn quote(text: &str, width: usize) -> String {
    let text = mask_token(text);
    if text.len() <= width && text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.into_owned();
    }
    let printable = printable(&text);
    if printable.chars().count() <= width {
        return printable;
    }
    let mut cut: String = printable.chars().take(width).collect();
    cut.push('…');
    cut
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, code: Code, severity: Severity, message: String, hint: String) {
        self.0.push(Finding {
            code,
            severity,
            message,
            hint: (!hint.is_empty()).then_some(hint),
        });
    }

    fn error(&mut self, code: Code, message: impl Into<String>, hint: impl Into<String>) {
        self.push(code, Severity::Error, message.into(), hint.into());
    }

    fn warning(&mut self, code: Code, message: impl Into<String>, hint: impl Into<String>) {
        self.push(code, Severity::Warning, message.into(), hint.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_encoding_needs_a_full_escape() {
        assert!(has_double_encoding("a%2520b"));
        assert!(has_double_encoding("%253D"));
        assert!(!has_double_encoding("%25"));
        assert!(!has_double_encoding("%20"));
    }

    #[test]
    fn the_token_is_masked_in_the_echo() {
        assert_eq!(
            mask_token("https://a.test/x?click_id=1&security_token=abc&sub1=2"),
            "https://a.test/x?click_id=1&security_token=REDACTED&sub1=2"
        );
        assert_eq!(
            mask_token("https://a.test/x?click_id=1"),
            "https://a.test/x?click_id=1"
        );
    }

    #[test]
    fn long_values_are_cut() {
        let cut = quote(&"x".repeat(500), 10);
        assert_eq!(cut.chars().count(), 11);
    }
}
