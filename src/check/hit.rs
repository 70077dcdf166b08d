//! Reading a hit: the URL (or a path read against the network's endpoint), its raw query
//! pairs, and quoting what a report echoes with every token masked.

use std::borrow::Cow;

use super::network::Network;
use super::report::{Code, Findings};
use crate::diagnostic::printable;
use crate::platform::SECURITY_TOKEN;

/// How much of a hit, or of a value, a report quotes.
pub const HIT_WIDTH: usize = 200;
pub const VALUE_WIDTH: usize = 60;
const MASK: &str = "REDACTED";

/// A hit that parsed as a URL: the `url` crate's reading, and its raw query pairs.
pub struct ParsedHit {
    pub text: String,
    /// Scheme, host and path, as the `url` crate reads them.
    pub url: url::Url,
    /// Where the raw query starts in `text`, if it has one. It is read as written, not as
    /// `url` re-encodes it, and a `#` in it (an unreplaced `#macro#`) is part of a value
    /// rather than the start of a fragment.
    query_start: Option<usize>,
}

impl ParsedHit {
    pub fn query(&self) -> &str {
        self.query_start.map_or("", |start| &self.text[start..])
    }
}

/// Reads `text` (a URL, or a path on the network's own endpoint) as a URL.
pub fn parse(network: &Network<'_>, text: &str, findings: &mut Findings) -> Option<ParsedHit> {
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
        url::Url::parse(&format!("{}{head}", network.endpoint.origin()))
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

/// One `name=value` pair of the query: raw and decoded.
pub struct Pair<'q> {
    pub raw_value: &'q str,
    pub name: Cow<'q, str>,
    pub value: Cow<'q, str>,
}

/// The query's pairs in order.
pub struct Params<'q> {
    pub pairs: Vec<Pair<'q>>,
}

impl<'q> Params<'q> {
    pub fn read(query: &'q str) -> Self {
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
    pub fn counts(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.pairs.len()).collect();
        order.sort_by(|&a, &b| self.pairs[a].name.cmp(&self.pairs[b].name).then(a.cmp(&b)));
        let mut counts = vec![0; self.pairs.len()];
        for run in order.chunk_by(|&a, &b| self.pairs[a].name == self.pairs[b].name) {
            counts[run[0]] = run.len();
        }
        counts
    }

    pub fn get(&self, name: &str) -> Option<&Pair<'q>> {
        self.pairs.iter().find(|p| p.name == name)
    }
}

/// `%25` followed by two hex digits: a `%XX` escape that was escaped again.
pub fn has_double_encoding(raw: &str) -> bool {
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
    // Where each `security_token=` ends, in order.
    let value_starts = text
        .match_indices(SECURITY_TOKEN)
        .map(|(at, key)| at + key.len())
        .filter(|&end| text[end..].starts_with('='))
        .map(|end| end + 1);
    let mut masked = String::new();
    let mut copied = 0;
    for start in value_starts {
        if start < copied {
            continue;
        }
        let end = text[start..]
            .find(|c: char| matches!(c, '&' | '#' | '"' | '\'') || c.is_whitespace())
            .map_or(text.len(), |end| start + end);
        masked.push_str(&text[copied..start]);
        if end > start {
            masked.push_str(MASK);
        }
        copied = end;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    masked.push_str(&text[copied..]);
    Cow::Owned(masked)
}

/// `text` with any token masked, made printable and cut to `width` characters with `…`:
/// everything a report quotes from a hit goes through here.
pub fn quote(text: &str, width: usize) -> String {
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
