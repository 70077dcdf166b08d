//! The one masker: every place that prints text which may hold a token (a diagnostic, a
//! `check` report, a `fire` answer, an error) writes it `REDACTED` through here.
//!
//! What is masked is a *value that is a token*, not every substring that happens to match
//! one: with the token `zp-77`, `click_id=zp-778899` is data and stays as it is. A value is a
//! token when
//! 1. the token stands in the text whole (as written or percent-encoded, in either case),
//!    with no letter, digit, `_` or `-` touching it on either side;
//! 2. a piece of the text between separators (`&`, `=`, `?`, quotes, blanks... and their
//!    escaped forms `%26`, `%3D`, `%2526`...) percent-decodes, once or several times, to a
//!    token in any case (`%61%31...`, `%2561...`);
//! 3. it is the value after a name that names a token (`security_token=`, `SECURITY-TOKEN=`,
//!    `%73ecurity_token%3D`, `token=`): a mistyped or rotated token is still a secret.

use std::borrow::Cow;
use std::ops::Range;

use foldhash::HashSet;

use super::{names_a_token, MASK};
use crate::encoding::encode_into;

/// How many times a piece is percent-decoded before it is compared: enough for a value
/// escaped by every hop of a redirect chain.
const DECODE_ROUNDS: usize = 4;

/// Token values, and how to find them in text.
#[derive(Clone, Debug, Default)]
pub struct Masker {
    /// Each token as written and percent-encoded (both hex cases), for rule 1.
    whole: Option<aho_corasick::AhoCorasick>,
    /// Each token lower-cased, for rule 2.
    lowered: HashSet<String>,
}

impl Masker {
    /// A masker for `tokens` (empty ones are ignored).
    pub fn new<S: AsRef<str>>(tokens: impl IntoIterator<Item = S>) -> Self {
        let mut patterns = Vec::new();
        let mut lowered = HashSet::default();
        for token in tokens {
            let token = token.as_ref();
            if token.is_empty() {
                continue;
            }
            let mut encoded = String::new();
            encode_into(&mut encoded, token);
            patterns.push(token.to_string());
            patterns.push(encoded);
            lowered.insert(token.to_lowercase());
        }
        patterns.sort();
        patterns.dedup();
        // Leftmost-longest: a token containing another is masked whole.
        let whole = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .ok()
            .filter(|_| !patterns.is_empty());
        Masker { whole, lowered }
    }

    /// `text` with every token value written `REDACTED`.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut ranges = Vec::new();
        self.ranges(text, &mut ranges);
        replace(text, ranges)
    }

    /// Adds where `text` holds a token value to `ranges`, by the three rules.
    pub fn ranges(&self, text: &str, ranges: &mut Vec<Range<usize>>) {
        let bytes = text.as_bytes();
        if let Some(whole) = &self.whole {
            ranges.extend(
                (whole.find_iter(text))
                    .filter(|found| stands_alone(bytes, found.start(), found.end()))
                    .map(|found| found.range()),
            );
            // Most text has no escape at all: nothing can decode to a token.
            if memchr::memchr(b'%', bytes).is_some() {
                self.decoded_pieces(text, ranges);
            }
        }
        token_named_values(text, ranges);
    }

    /// Rule 2: the escaped pieces of `text` that decode to a token.
    fn decoded_pieces(&self, text: &str, ranges: &mut Vec<Range<usize>>) {
        for piece in escaped_pieces(text) {
            let raw = &text[piece.clone()];
            let mut decoded = Cow::Borrowed(raw);
            for _ in 0..DECODE_ROUNDS {
                let next: Cow<'_, [u8]> = percent_encoding::percent_decode_str(&decoded).into();
                let next = String::from_utf8_lossy(&next).into_owned();
                if next == *decoded {
                    break;
                }
                decoded = Cow::Owned(next);
                if self.lowered.contains(&decoded.to_lowercase()) {
                    ranges.push(piece.clone());
                    break;
                }
            }
        }
    }
}

/// `text` with each of `ranges` (in any order, overlapping or not) written `REDACTED`.
pub fn replace(text: &str, mut ranges: Vec<Range<usize>>) -> Cow<'_, str> {
    ranges.retain(|r| r.start < r.end && &text[r.clone()] != MASK);
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut masked = String::with_capacity(text.len());
    let mut copied = 0;
    for range in ranges {
        if range.start < copied {
            // Inside a range already masked.
            copied = copied.max(range.end);
            continue;
        }
        masked.push_str(&text[copied..range.start]);
        masked.push_str(MASK);
        copied = range.end;
    }
    masked.push_str(&text[copied..]);
    Cow::Owned(masked)
}

/// A byte that continues a value: an occurrence touching one is part of something longer.
fn continues_a_value(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-')
}

/// Whether `bytes[start..end]` stands alone: nothing that continues a value right before or
/// after it, an escape (`%3D`) before it counting as a separator.
fn stands_alone(bytes: &[u8], start: usize, end: usize) -> bool {
    let escape_before = start >= 3
        && bytes[start - 3] == b'%'
        && bytes[start - 2].is_ascii_hexdigit()
        && bytes[start - 1].is_ascii_hexdigit();
    let before = start == 0 || escape_before || !continues_a_value(bytes[start - 1]);
    let after = end == bytes.len() || !continues_a_value(bytes[end]);
    before && after
}

/// The pieces of `text` that hold a `%` (only those can decode to a token), as [`pieces`]
/// cuts them. A hit is mostly pieces without one: each `%` is taken back to the raw
/// separator before it (no other `%` lies between, so no escaped separator does either) and
/// cut from there, and the bytes of the other pieces are not read one by one.
fn escaped_pieces(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut done = 0;
    memchr::memchr_iter(b'%', bytes).filter_map(move |percent| {
        if percent < done {
            return None;
        }
        let before = bytes[done..percent]
            .iter()
            .rposition(|&b| separator_width(&[b], 0) == 1);
        let start = before.map_or(done, |at| done + at + 1);
        for piece in pieces_from(text, start) {
            done = piece.end;
            // The first piece past this `%`: it holds it, or (when the `%` began an escaped
            // separator) follows it and may hold the next one.
            if piece.end > percent {
                return text[piece.clone()].contains('%').then_some(piece);
            }
        }
        done = bytes.len();
        None
    })
}

/// The pieces of `text` between separators: raw ones (`&`, `=`, `?`, `#`, `/`, `;`, `,`,
/// `:`, quotes, brackets, blanks) and escaped ones (`%26`, `%3D`, `%3F`, `%2F`, `%20`,
/// `%22`..., escaped again any number of times: `%2526`).
#[cfg(test)]
fn pieces(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    pieces_from(text, 0)
}

/// [`pieces`] from byte `at` on, which must not be inside a separator.
fn pieces_from(text: &str, mut at: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let width = separator_width(bytes, at);
            if width == 0 {
                break;
            }
            at += width;
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && separator_width(bytes, at) == 0 {
            at += 1;
        }
        Some(start..at)
    })
}

/// How many bytes the separator at `at` takes (0: none there). Multi-byte characters are
/// never separators, so a piece always starts and ends on a character boundary.
fn separator_width(bytes: &[u8], at: usize) -> usize {
    let byte = bytes[at];
    if matches!(
        byte,
        b'&' | b'='
            | b'?'
            | b'#'
            | b'/'
            | b';'
            | b','
            | b':'
            | b'"'
            | b'\''
            | b'\\'
            | b'<'
            | b'>'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'|'
            | b'`'
    ) || byte.is_ascii_whitespace()
    {
        return 1;
    }
    if byte != b'%' {
        return 0;
    }
    // `%`, then any number of `25` (each a `%` escaped once more), then the escaped byte.
    let mut end = at + 1;
    while bytes.get(end..end + 2) == Some(b"25") {
        end += 2;
    }
    let escaped = bytes
        .get(end..end + 2)
        .and_then(|hex| std::str::from_utf8(hex).ok())
        .and_then(|hex| u8::from_str_radix(hex, 16).ok());
    match escaped {
        Some(b) if b != b'%' && (b.is_ascii_whitespace() || separator_width(&[b], 0) == 1) => {
            end + 2 - at
        }
        _ => 0,
    }
}

/// Rule 3: the value after every `<name>=` (or `<name>%3D`) whose decoded name names a
/// token, to the next `&` (or `%26`), quote or blank.
fn token_named_values(text: &str, ranges: &mut Vec<Range<usize>>) {
    for (equals, width) in separators(text.as_bytes()) {
        let raw = &text[key_start(text, equals)..equals];
        // In a query encoded as a whole, the key starts after the last `%26`.
        let raw = match raw
            .as_bytes()
            .windows(3)
            .rposition(|w| w.eq_ignore_ascii_case(b"%26"))
        {
            Some(at) => &raw[at + 3..],
            None => raw,
        };
        let named = if raw.contains('%') {
            names_a_token(&percent_encoding::percent_decode_str(raw).decode_utf8_lossy())
        } else {
            names_a_token(raw)
        };
        if !named {
            continue;
        }
        let start = equals + width;
        let end = text[start..]
            .find(|c: char| matches!(c, '&' | '#' | '"' | '\'') || c.is_whitespace())
            .map_or(text.len(), |e| start + e);
        let end = find_ignore_case(&text[start..end], b"%26").map_or(end, |e| start + e);
        // `VAR=<token>` in a hint is a placeholder written for a person, not a value.
        let value = text[start..end].trim_end_matches([',', '.']);
        if value.starts_with('<') && value.ends_with('>') {
            continue;
        }
        ranges.push(start..end);
    }
}

/// Where `needle` (lower case) first occurs in `haystack`, ignoring ASCII case.
pub fn find_ignore_case(haystack: &str, needle: &[u8]) -> Option<usize> {
    (haystack.as_bytes().windows(needle.len())).position(|w| w.eq_ignore_ascii_case(needle))
}

/// Where `=` or `%3D` (either case) is in `bytes`, in order, and its width. Both are found
/// with vector instructions: a `%` is far more often the start of an escaped value.
fn separators(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    static ENCODED: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"%3"));
    let mut equals = memchr::memchr_iter(b'=', bytes).peekable();
    // Bytes, not a string slice: what follows a `%` may be any character.
    let mut encoded = (ENCODED.find_iter(bytes))
        .filter(|&at| {
            bytes
                .get(at + 2)
                .is_some_and(|b| b.eq_ignore_ascii_case(&b'd'))
        })
        .peekable();
    std::iter::from_fn(move || match (equals.peek(), encoded.peek()) {
        (Some(&e), Some(&p)) if p < e => encoded.next().map(|at| (at, 3)),
        (Some(_), _) => equals.next().map(|at| (at, 1)),
        (None, _) => encoded.next().map(|at| (at, 3)),
    })
}

/// How far back a key is looked for: no parameter name is longer, and a bounded look keeps
/// a line of 20,000 `{a=` linear. A longer key is read by its end, which is where a token's
/// name stands (`..._token`).
const KEY_SCAN: usize = 256;

/// Where the key before the `=` at `equals` starts: after the last separator, at most
/// [`KEY_SCAN`] bytes back. A whitespace separator may be multi-byte (U+0085, U+3000), so
/// its whole width is stepped over.
fn key_start(text: &str, equals: usize) -> usize {
    let mut floor = equals.saturating_sub(KEY_SCAN);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let before = &text[floor..equals];
    for (at, &byte) in before.as_bytes().iter().enumerate().rev() {
        let at = floor + at;
        if byte.is_ascii() {
            if matches!(
                byte,
                b'&' | b'?' | b'"' | b'\'' | b';' | b'/' | b'=' | b'{' | b'}' | b'[' | b']' | b','
            ) || byte.is_ascii_whitespace()
                || byte == 0x0b
            {
                return at + 1;
            }
        } else if byte & 0xC0 != 0x80 {
            // The first byte of a multi-byte character.
            let c = text[at..].chars().next().unwrap_or_default();
            if c.is_whitespace() {
                return at + c.len_utf8();
            }
        }
    }
    floor
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Finding the escaped pieces from each `%` gives the pieces a full cut gives.
        #[test]
        fn escaped_pieces_are_the_pieces_holding_a_percent(
            text in "([a-z%=&/]|%2[0-9A-F]|%25|%3[0-9A-F]|%4[0-9A-F]|\\PC){0,40}"
        ) {
            let full: Vec<_> = pieces(&text).filter(|p| text[p.clone()].contains('%')).collect();
            let found: Vec<_> = escaped_pieces(&text).collect();
            proptest::prop_assert_eq!(found, full);
        }
    }

    #[test]
    fn a_piece_after_an_escaped_separator_is_found_from_its_own_percent() {
        let found: Vec<Range<usize>> = escaped_pieces("x%26a%41b").collect();
        assert_eq!(found, vec![Range { start: 4, end: 9 }]);
    }

    fn masked(tokens: &[&str], text: &str) -> String {
        Masker::new(tokens).mask(text).into_owned()
    }

    #[test]
    fn a_value_that_is_the_token_is_masked_a_longer_value_is_not() {
        let t = ["zp-77"];
        assert_eq!(masked(&t, "/a?click_id=zp-778899"), "/a?click_id=zp-778899");
        assert_eq!(masked(&t, "/a?click_id=xzp-77"), "/a?click_id=xzp-77");
        assert_eq!(masked(&t, "/a?sub1=zp-77&x=1"), "/a?sub1=REDACTED&x=1");
        assert_eq!(masked(&t, "/a?sub1=ZP-77"), "/a?sub1=REDACTED");
        assert_eq!(masked(&t, "token is zp-77."), "token is REDACTED.");
    }

    #[test]
    fn every_encoded_form_of_the_token_is_masked() {
        let t = ["a1b2c3d4"];
        for text in [
            "/a?sub1=%61%31b2c3d4",
            "/a?sub1=%2561%2531b2c3d4",
            "/a?sub1=%41%31B2C3D4",
            "/a?click_id%3D1%26sub1%3Da1b2c3d4",
            "/a?click_id%253D1%2526sub1%253D%2561%2531b2c3d4",
            "/a?sub1=a1b2c3d4",
        ] {
            let shown = masked(&t, text);
            assert!(shown.contains(MASK), "{text} -> {shown}");
            assert!(!shown.to_lowercase().contains("b2c3"), "{text} -> {shown}");
        }
        // The click id beside it is kept.
        assert_eq!(
            masked(&t, "/a?click_id=abc&sub1=%61%31b2c3d4"),
            "/a?click_id=abc&sub1=REDACTED"
        );
    }

    #[test]
    fn a_token_with_separators_in_it_is_masked_whole() {
        assert_eq!(
            masked(&["ab&cd"], "/a?security=ab%26cd"),
            "/a?security=REDACTED"
        );
        assert_eq!(masked(&["ab&cd"], "said ab&cd"), "said REDACTED");
    }

    #[test]
    fn the_value_of_any_token_name_is_masked() {
        for (text, expected) in [
            (
                "/x?click_id=1&security_token=abc&sub1=2",
                "/x?click_id=1&security_token=REDACTED&sub1=2",
            ),
            ("/x?SECURITY-TOKEN=abc", "/x?SECURITY-TOKEN=REDACTED"),
            (
                "/x?%73ecurity_token=abc&a=1",
                "/x?%73ecurity_token=REDACTED&a=1",
            ),
            (
                "/x?click_id%3D1%26security_token%3Dabc%26a%3D1",
                "/x?click_id%3D1%26security_token%3DREDACTED%26a%3D1",
            ),
            ("/x?click_id=1", "/x?click_id=1"),
            (
                "export ACME_TOKEN=<token>, then",
                "export ACME_TOKEN=<token>, then",
            ),
        ] {
            assert_eq!(masked(&[], text), expected, "{text}");
        }
    }

    #[test]
    fn a_percent_before_any_character_is_read_safely() {
        // Found by the fuzzer: a `%` followed by a multi-byte character.
        let text = "/x?sub1=a%\u{fffd}\u{fffd}&security_token=abc%é";
        assert_eq!(
            masked(&["abc%é"], text),
            "/x?sub1=a%\u{fffd}\u{fffd}&security_token=REDACTED"
        );
    }

    #[test]
    fn a_value_already_masked_is_left_as_it_is() {
        let text = "/x?security_token=REDACTED&token=abc";
        assert_eq!(
            masked(&[], text),
            "/x?security_token=REDACTED&token=REDACTED"
        );
        assert!(matches!(
            Masker::default().mask("/x?security_token=REDACTED&a=1"),
            Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn no_encoding_of_a_token_value_survives(
            token in "[A-Za-z0-9._~-]{4,16}",
            encode in proptest::collection::vec(0u8..3, 16),
            upper in proptest::prelude::any::<bool>(),
            twice in proptest::prelude::any::<bool>(),
            name in "(sub1|click_id|x|security_token)",
        ) {
            // Each character as it is, escaped, or escaped twice.
            let mut value = String::new();
            for (at, c) in token.chars().enumerate() {
                let c = if upper { c.to_ascii_uppercase() } else { c };
                match encode[at % encode.len()] {
                    0 => value.push(c),
                    1 => value.push_str(&format!("%{:02X}", c as u32)),
                    _ => value.push_str(&format!("%25{:02x}", c as u32)),
                }
            }
            let query = format!("click_id=qq&{name}={value}&z=1");
            let query = if twice { query.replace('&', "%26").replace('=', "%3D") } else { query };
            let text = format!("https://a.test/acquisition?{query}");
            let shown = Masker::new([&token]).mask(&text).into_owned();
            proptest::prop_assert!(shown.contains(MASK), "{} -> {}", text, shown);
            proptest::prop_assert!(!shown.contains(&value), "{} -> {}", text, shown);
        }

        #[test]
        fn separators_are_every_equals_and_encoded_equals(text in "(=|%3[dD]|%|3|a|é|\\PC){0,30}") {
            let bytes = text.as_bytes();
            let expected: Vec<(usize, usize)> = (0..bytes.len())
                .filter_map(|at| match bytes[at] {
                    b'=' => Some((at, 1)),
                    b'%' if bytes.get(at + 1..at + 3).is_some_and(|w| w.eq_ignore_ascii_case(b"3d")) => Some((at, 3)),
                    _ => None,
                })
                .collect();
            proptest::prop_assert_eq!(separators(bytes).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn a_key_starts_after_its_last_separator(text in "([a&?;/'\" \t\u{0b}\u{85}\u{3000}é={}\\[\\],]|\\PC){0,30}") {
            let text = format!("{text}=");
            let equals = text.len() - 1;
            let expected = (text[..equals].char_indices().rev())
                .find(|&(_, c)| matches!(c, '&' | '?' | '"' | '\'' | ';' | '/' | '=' | '{' | '}' | '[' | ']' | ',') || c.is_whitespace())
                .map_or(0, |(at, c)| at + c.len_utf8());
            proptest::prop_assert_eq!(key_start(&text, equals), expected);
        }

        #[test]
        fn masking_never_panics(text in "\\PC{0,40}", token in "\\PC{1,8}") {
            let _ = Masker::new([&token]).mask(&text);
        }
    }
}
