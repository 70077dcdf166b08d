//! Reading a hit: undoing JSON log escapes, the URL (or a path read against the network's
//! endpoint), a query percent-encoded as a whole, its raw query pairs; and masking every
//! token in what a report echoes.

use std::borrow::Cow;

use super::network::Network;
use super::report::{Code, Findings};
use crate::diagnostic::printable;
use crate::registry::STATUS;
use crate::secrets::find_ignore_case;
use crate::tracker::Tracker;

/// How much of a value a message quotes.
pub const VALUE_WIDTH: usize = 60;

/// `line` with the escapes of a JSON log undone (`\u0026` for `&`, `\/` for `/`...), so the
/// URL inside reads as it was fired.
pub fn unescape_json(line: &str) -> Cow<'_, str> {
    if !line.contains('\\') {
        return Cow::Borrowed(line);
    }
    let mut out = line.to_string();
    for (escaped, plain) in [
        ("\\u0026", "&"),
        ("\\u003d", "="),
        ("\\u003D", "="),
        ("\\u003f", "?"),
        ("\\u003F", "?"),
        ("\\u0025", "%"),
        ("\\/", "/"),
    ] {
        out = out.replace(escaped, plain);
    }
    Cow::Owned(out)
}

/// A hit that parsed as a URL: the `url` crate's reading, and its raw query pairs.
pub struct ParsedHit<'a> {
    /// The hit, `&amp;` undone.
    pub text: Cow<'a, str>,
    /// Scheme, host and path, as the `url` crate reads them (the network's own endpoint,
    /// already read, when the hit starts with exactly that).
    pub url: Cow<'a, url::Url>,
    /// Where the raw query starts in `text`, if it has one. It is read as written, not as
    /// `url` re-encodes it, and a `#` in it (an unreplaced `#macro#`) is part of a value
    /// rather than the start of a fragment.
    query_start: Option<usize>,
    /// The query decoded, when it was percent-encoded as a whole.
    decoded: Option<String>,
}

impl ParsedHit<'_> {
    pub fn query(&self) -> &str {
        match &self.decoded {
            Some(query) => query,
            None => self.query_start.map_or("", |start| &self.text[start..]),
        }
    }
}

/// A query (or its `?`) percent-encoded as a whole: `click_id%3Dabc%26security_token%3D...`.
/// Its pairs, decoded; `None` for an ordinary query.
fn encoded_query(head: &str, query: Option<&str>) -> Option<(usize, String)> {
    if let Some(at) = find_ignore_case(head, b"%3f") {
        // `/acquisition%3Fclick_id%3D...`: the `?` too.
        let rest = &head[at + 3..];
        return Some((at, decode(rest)));
    }
    let query = query?;
    let pairs_lack_equals = query.split('&').all(|pair| !pair.contains('='));
    (pairs_lack_equals && find_ignore_case(query, b"%3d").is_some())
        .then(|| (head.len(), decode(query)))
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Reads `text` (a URL, or a path on the network's own endpoint) as a URL.
pub fn parse<'a>(
    network: &'a Network<'_>,
    text: &'a str,
    findings: &mut Findings,
) -> Option<ParsedHit<'a>> {
    let bytes = text.as_bytes();
    let html_escaped = memchr::memchr_iter(b'&', bytes).any(|at| bytes[at..].starts_with(b"&amp;"));
    let text = if html_escaped {
        findings.error(
            Code::HtmlEscaped,
            "the URL contains `&amp;`: it was copied from an HTML page or an email",
            "replace every `&amp;` with `&` where the advertiser set the URL up",
        );
        Cow::Owned(text.replace("&amp;", "&"))
    } else {
        Cow::Borrowed(text)
    };
    let (mut head, query_start) = match memchr::memchr2(b'?', b'#', text.as_bytes()) {
        Some(at) if text.as_bytes()[at] == b'?' => (&text[..at], Some(at + 1)),
        Some(at) => (&text[..at], None),
        None => (&*text, None),
    };
    let encoded = encoded_query(head, query_start.map(|start| &text[start..]));
    if let Some((head_end, _)) = &encoded {
        findings.error(
            Code::EncodedQuery,
            "the query is percent-encoded as a whole (`%3D` for `=`, `%26` for `&`)",
            "the advertiser's system encodes the whole URL: it must encode each value only, or none",
        );
        head = &head[..*head_end];
    }
    let parsed = match network.endpoint_url(head) {
        Some(url) => Ok(Cow::Borrowed(url)),
        None if head.starts_with('/') => {
            url::Url::parse(&format!("{}{head}", network.endpoint.origin())).map(Cow::Owned)
        }
        None => url::Url::parse(head).map(Cow::Owned),
    };
    match parsed {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => {
            Some(ParsedHit {
                decoded: encoded.map(|(_, query)| query),
                text,
                url,
                query_start,
            })
        }
        Ok(url) => {
            findings.error(
                Code::InvalidUrl,
                format!("not an http(s) URL (scheme `{}`)", cut(url.scheme(), 20)),
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
        // One pass, with vector instructions, for both separators and for the `%` that
        // says a name or value has something to decode (or, rarely, a `+`).
        let bytes = query.as_bytes();
        let plus = memchr::memchr(b'+', bytes).is_some();
        let decode = |raw: &'q str, escaped: bool| match escaped || (plus && raw.contains('+')) {
            true => decode_form(raw),
            false => Cow::Borrowed(raw),
        };
        let mut pairs = Vec::with_capacity(16);
        let (mut start, mut equals) = (0, None);
        let (mut escaped_name, mut escaped_value) = (false, false);
        let stops = memchr::memchr3_iter(b'&', b'=', b'%', bytes);
        for at in stops.chain([bytes.len()]) {
            match bytes.get(at) {
                Some(b'=') if equals.is_none() => equals = Some(at),
                Some(b'%') if equals.is_none() => escaped_name = true,
                Some(b'%') => escaped_value = true,
                Some(b'&') | None => {
                    if at > start {
                        let (raw_name, raw_value) = match equals {
                            Some(equals) => (&query[start..equals], &query[equals + 1..at]),
                            None => (&query[start..at], ""),
                        };
                        pairs.push(Pair {
                            raw_value,
                            name: decode(raw_name, escaped_name),
                            value: decode(raw_value, escaped_value),
                        });
                    }
                    (start, equals) = (at + 1, None);
                    (escaped_name, escaped_value) = (false, false);
                }
                Some(_) => {}
            }
        }
        Params { pairs }
    }

    /// For each pair, how often its name occurs: at the name's first pair, 0 at the others
    /// (so a duplicate is reported once).
    pub fn counts(&self) -> Vec<usize> {
        const PAIRWISE: usize = 32;
        let pairs = &self.pairs;
        if pairs.len() > PAIRWISE {
            return self.sorted_counts();
        }
        // Pairwise: a query has a few pairs, and comparing them is cheaper than sorting.
        // Names are told apart by length and end bytes first, strings compared only when
        // those agree.
        let mut keys = [0u64; PAIRWISE];
        for (key, pair) in keys.iter_mut().zip(pairs) {
            let name = pair.name.as_bytes();
            let end = |b: Option<&u8>| u64::from(b.copied().unwrap_or_default());
            *key = (name.len() as u64) << 16 | end(name.first()) << 8 | end(name.last());
        }
        let same = |a: usize, b: usize| keys[a] == keys[b] && pairs[a].name == pairs[b].name;
        (0..pairs.len())
            .map(|at| {
                if (0..at).any(|earlier| same(earlier, at)) {
                    0
                } else {
                    1 + (at + 1..pairs.len())
                        .filter(|&later| same(at, later))
                        .count()
                }
            })
            .collect()
    }

    /// [`Self::counts`] by sorting: a hostile hit may have many thousands of pairs.
    fn sorted_counts(&self) -> Vec<usize> {
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

    /// The pairs named as the file names them (and a status in the file's words), read as
    /// `tracker` writes them; the rules of `check` speak only the file's names.
    pub fn in_file_names(mut self, tracker: &Tracker) -> Self {
        if tracker.speaks_file_names() {
            return self;
        }
        for pair in &mut self.pairs {
            let name = tracker.file_name(&pair.name);
            if name != pair.name {
                pair.name = Cow::Owned(name.into_owned());
            }
            if pair.name == STATUS {
                let status = tracker.file_status(&pair.value);
                if status != pair.value {
                    pair.value = Cow::Owned(status.to_string());
                }
            }
        }
        self
    }
}

/// A name or value of a query, as a form decodes it: `+` for a space, `%XX` escapes, and
/// invalid UTF-8 replaced. Most have nothing to decode and are borrowed as they are.
fn decode_form(raw: &str) -> Cow<'_, str> {
    if !raw.contains(['%', '+']) {
        return Cow::Borrowed(raw);
    }
    let spaced = raw.replace('+', " ");
    let decoded: Cow<'_, [u8]> = percent_encoding::percent_decode_str(&spaced).into();
    Cow::Owned(String::from_utf8_lossy(&decoded).into_owned())
}

/// `%25` followed by two hex digits: a `%XX` escape that was escaped again.
pub fn has_double_encoding(raw: &str) -> bool {
    // Most values have no escape at all.
    let escaped = memchr::memchr(b'%', raw.as_bytes()).is_some();
    escaped
        && raw.as_bytes().windows(5).any(|w| {
            w[0] == b'%'
                && w[1] == b'2'
                && w[2] == b'5'
                && w[3].is_ascii_hexdigit()
                && w[4].is_ascii_hexdigit()
        })
}

/// `text` with every token value masked (the configured tokens in any encoding, and the
/// value of any parameter whose name names a token): everything a report prints from a hit
/// goes through here.
pub fn mask<'t>(network: &Network<'_>, text: &'t str) -> Cow<'t, str> {
    network.masker.mask(text)
}

/// `text` made printable and cut to `width` characters with `…`.
pub fn cut(text: &str, width: usize) -> String {
    if text.len() <= width && text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.to_string();
    }
    let printable = printable(text);
    if printable.chars().count() <= width {
        return printable.into_owned();
    }
    let mut cut: String = printable.chars().take(width).collect();
    cut.push('…');
    cut
}

/// A value from a hit for a message: masked, printable, cut.
pub fn quote(network: &Network<'_>, text: &str, width: usize) -> String {
    cut(&mask(network, text), width)
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
    fn json_escapes_are_undone() {
        assert_eq!(
            unescape_json(r#"{"url":"https:\/\/a.test\/acquisition?click_id=1\u0026x=2"}"#),
            r#"{"url":"https://a.test/acquisition?click_id=1&x=2"}"#
        );
    }

    #[test]
    fn long_values_are_cut() {
        assert_eq!(cut(&"x".repeat(500), 10).chars().count(), 11);
    }

    /// The pairs as `url`'s form reading gives them, for comparison.
    fn form_pairs(query: &str) -> Vec<(String, String)> {
        let pieces = query.split('&').filter(|pair| !pair.is_empty());
        (pieces.flat_map(|pair| url::form_urlencoded::parse(pair.as_bytes())))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn pairs_read_as_a_form_reads_them(query in "([a-z%+=&]|%[0-9A-Fa-f]{2}|%E2%82|\\PC){0,40}") {
            let params = Params::read(&query);
            let read: Vec<(String, String)> = (params.pairs.iter())
                .map(|p| (p.name.to_string(), p.value.to_string()))
                .collect();
            proptest::prop_assert_eq!(read, form_pairs(&query));
        }

        #[test]
        fn counts_are_the_same_pairwise_and_sorted(names in proptest::collection::vec("[abc]{1,2}", 0..40)) {
            let query = names.iter().map(|n| format!("{n}=1")).collect::<Vec<_>>().join("&");
            let params = Params::read(&query);
            let counts = params.counts();
            proptest::prop_assert_eq!(&counts, &params.sorted_counts());
            for (at, name) in names.iter().enumerate() {
                let first = names.iter().position(|n| n == name) == Some(at);
                let expected = if first { names.iter().filter(|n| *n == name).count() } else { 0 };
                proptest::prop_assert_eq!(counts[at], expected);
            }
        }


    }
}
