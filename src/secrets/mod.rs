//! Token values never shown: every configured token is found in the file's own text (even
//! when the file does not parse) and written `REDACTED` in what a diagnostic quotes.
//!
//! Two rules, so that neither a typo'd key nor a token quoted elsewhere slips through: the
//! value on any line whose key names a token (`security_token`, `token`, `security_tokn`,
//! `SECURITY-TOKEN`, `"\u0073ecurity_token"`, ... but not a `..._env` variable name) is
//! masked, and each token value found that way is masked wherever else it stands as a value
//! (a hint that echoes it, say), by the one [`Masker`].

mod masker;

use std::borrow::Cow;
use std::ops::Range;

pub use masker::{find_ignore_case, Masker};

pub const MASK: &str = "REDACTED";
/// Shorter values are masked on their own lines only: masking a two-letter token in every
/// message would hide the message, not the token.
const MIN_ELSEWHERE: usize = 4;

/// The token values of one file.
#[derive(Clone, Debug, Default)]
pub struct Secrets {
    masker: Masker,
}

impl Secrets {
    /// The token values written in `text`.
    pub fn of(text: &str) -> Self {
        let mut values = Vec::new();
        for line in text.lines() {
            for range in token_values(line) {
                let raw = line[range].trim_matches(['"', '\'']);
                // As written, and as TOML reads it (`"\u0061bc"` is `abc`).
                let unescaped = unescape(raw);
                for value in [raw, raw.trim(), &unescaped, unescaped.trim()] {
                    if value.chars().count() >= MIN_ELSEWHERE {
                        values.push(value.to_string());
                    }
                }
            }
        }
        Secrets {
            masker: Masker::new(values),
        }
    }

    /// A message or hint with every known token value written `REDACTED`.
    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.masker.mask(text)
    }

    /// A line of the file with token values masked (the value of a token key, and every
    /// known value), and where the 1-based character `column` moved to.
    pub fn mask_line<'a>(&self, line: &'a str, column: usize) -> (Cow<'a, str>, usize) {
        self.masked(line, token_values(line).collect(), column)
    }

    fn masked<'a>(
        &self,
        line: &'a str,
        mut ranges: Vec<Range<usize>>,
        column: usize,
    ) -> (Cow<'a, str>, usize) {
        self.masker.ranges(line, &mut ranges);
        ranges.retain(|r| r.start < r.end);
        if ranges.is_empty() {
            return (Cow::Borrowed(line), column);
        }
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let byte_column = line
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line.len(), |(at, _)| at);
        let mut masked = String::with_capacity(line.len());
        let mut copied = 0;
        let mut new_column = None;
        for range in ranges {
            if range.start < copied {
                // Inside a range already masked: extend it if it reaches further.
                copied = copied.max(range.end);
                continue;
            }
            if new_column.is_none() && byte_column < copied {
                // The column was inside the last mask, extended past it.
                new_column = Some(masked.chars().count() - MASK.len() + 1);
            }
            if new_column.is_none() && byte_column < range.start {
                new_column =
                    Some(masked.chars().count() + line[copied..byte_column].chars().count() + 1);
            }
            masked.push_str(&line[copied..range.start]);
            if new_column.is_none() && byte_column < range.end {
                new_column = Some(masked.chars().count() + 1);
            }
            masked.push_str(MASK);
            copied = range.end;
        }
        if new_column.is_none() && byte_column < copied {
            new_column = Some(masked.chars().count() - MASK.len() + 1);
        }
        if new_column.is_none() {
            new_column = Some(
                masked.chars().count() + line[copied..byte_column.max(copied)].chars().count() + 1,
            );
        }
        masked.push_str(&line[copied..]);
        (Cow::Owned(masked), new_column.unwrap_or(column))
    }
}

/// Where the values of token keys stand in `line`: after `<key> =` where the key names a
/// token and is not a variable name (`..._env`). A quoted value is masked between its
/// quotes (to the end of the line when unterminated), an array to its `]`, anything else to
/// the next `,`, `}`, `#` or blank.
fn token_values(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    line.match_indices('=').filter_map(move |(equals, _)| {
        let key = key_before(&line[..equals])?;
        // A quoted key is decided on as TOML reads it: `"\u0073ecurity_token"` names a token.
        let key = unescape(key.trim_matches(['"', '\'']));
        if !names_a_token(&key) {
            return None;
        }
        let start = equals + 1 + (line[equals + 1..].len() - line[equals + 1..].trim_start().len());
        let rest = &line[start..];
        let end = match rest.chars().next()? {
            quote @ ('"' | '\'') => {
                let body = &rest[1..];
                let close = find_close(body, quote).map_or(rest.len(), |at| at + 1);
                return Some(start + 1..start + close.max(1));
            }
            '[' => rest.find(']').map_or(rest.len(), |at| at + 1),
            _ => rest
                .find(|c: char| matches!(c, ',' | '}' | '#') || c.is_whitespace())
                .unwrap_or(rest.len()),
        };
        (end > 0).then_some(start..start + end)
    })
}

/// A key that holds a token, misspelt or not (`token`, `security_tokn`, `SECURITY-TOKEN`),
/// or another secret (a publisher's `postback_key`), and not the name of its variable
/// (`security_token_env`).
pub fn names_a_token(key: &str) -> bool {
    let key = key.as_bytes();
    let key = key
        .iter()
        .rposition(|&b| b == b'.')
        .map_or(key, |dot| &key[dot + 1..]);
    // `tok` or `tkn`, either case: one pass (`| 0x20` lowers an ASCII letter).
    let tok = key.windows(3).any(|w| {
        w[0] | 0x20 == b't' && matches!([w[1] | 0x20, w[2] | 0x20], [b'o', b'k'] | [b'k', b'n'])
    });
    let ends = |tail: &[u8]| {
        key.len() >= tail.len() && key[key.len() - tail.len()..].eq_ignore_ascii_case(tail)
    };
    let env = ends(b"env");
    // Misspellings keep most of the word: `security_tokn`, `securty_token`, `secure_tkn`.
    let starts = key.len() >= 5 && key[..5].eq_ignore_ascii_case(b"secur");
    !env && (tok || starts || ends(b"key"))
}

/// The key just before an `=`: the last run of key characters (quotes and the escapes of a
/// quoted key included).
fn key_before(text: &str) -> Option<&str> {
    let text = text.trim_end();
    let start = text
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | '\\')))
        .map_or(0, |at| {
            at + text[at..].chars().next().map_or(1, char::len_utf8)
        });
    let key = &text[start..];
    (!key.is_empty()).then_some(key)
}

/// `text` with the escapes of a TOML basic string undone (`\u0073` is `s`, `\t` a tab); an
/// escape TOML would refuse is kept as written.
fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at + 1..];
        let (plain, width) = match escape.chars().next() {
            Some('u') => (hex_char(escape.get(1..5)), 5),
            Some('U') => (hex_char(escape.get(1..9)), 9),
            Some('t') => (Some('\t'), 1),
            Some('n') => (Some('\n'), 1),
            Some('r') => (Some('\r'), 1),
            Some('"') => (Some('"'), 1),
            Some('\\') => (Some('\\'), 1),
            _ => (None, 0),
        };
        match plain {
            Some(c) => {
                out.push(c);
                rest = &escape[width..];
            }
            None => {
                out.push('\\');
                rest = escape;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn hex_char(hex: Option<&str>) -> Option<char> {
    u32::from_str_radix(hex?, 16).ok().and_then(char::from_u32)
}

/// The offset of the closing `quote` in `body`, skipping `\"` escapes in basic strings.
fn find_close(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in body.char_indices() {
        match c {
            '\\' if quote == '"' && !escaped => escaped = true,
            c if c == quote && !escaped => return Some(at),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(line: &str) -> String {
        Secrets::default().mask_line(line, 1).0.into_owned()
    }

    #[test]
    fn the_value_of_any_token_key_is_masked() {
        for (line, expected) in [
            (
                "security_token = \"S3CR3T\"",
                "security_token = \"REDACTED\"",
            ),
            ("security_token = \"S3CR3T", "security_token = \"REDACTED"),
            ("security_token = S3CR3T", "security_token = REDACTED"),
            ("security_token = [\"S3CR3T\"]", "security_token = REDACTED"),
            (
                "security_tokn = \"S3CR3T\"  # old",
                "security_tokn = \"REDACTED\"  # old",
            ),
            ("token='S3CR3T'", "token='REDACTED'"),
            (
                "a = { name = \"x\", security_token = \"S3CR3T\" }",
                "a = { name = \"x\", security_token = \"REDACTED\" }",
            ),
            (
                "\"security_token\" = \"S3CR3T\"",
                "\"security_token\" = \"REDACTED\"",
            ),
            ("postback_key = \"k7x2p9\"", "postback_key = \"REDACTED\""),
        ] {
            assert_eq!(masked(line), expected, "{line}");
        }
        assert_eq!(
            masked("security_token_env = \"ACME\""),
            "security_token_env = \"ACME\""
        );
        assert_eq!(masked("name = \"token\""), "name = \"token\"");
    }

    #[test]
    fn a_known_value_is_masked_anywhere_and_the_column_follows() {
        let secrets = Secrets::of("[advertisers.a]\nsecurity_token = \" a1b2c3d4e5f6 \"\n");
        assert_eq!(
            secrets.mask("remove the whitespace: \"a1b2c3d4e5f6\""),
            "remove the whitespace: \"REDACTED\""
        );
        let line = "x = \"a1b2c3d4e5f6\", y = 1";
        let y = line.find('y').unwrap() + 1;
        let (text, column) = secrets.mask_line(line, y);
        assert_eq!(text, "x = \"REDACTED\", y = 1");
        assert_eq!(text.chars().nth(column - 1), Some('y'));
        // A column inside the token moves to the start of its mask.
        let (_, inside) = secrets.mask_line(line, 9);
        assert_eq!(inside, 6);
        // Overlapping masks that extend past the column (found by the fuzzer).
        let secrets = Secrets::of("token = \"abcdefgh\"\nx = \"cdefghijkl\"\n");
        let line = "token = \"abcdefghijkl\" and more = \"abcdefgh\"";
        let (text, column) = secrets.mask_line(line, 19);
        assert!(
            !text.contains("abcdefgh") && !text.contains("ijkl"),
            "{text}"
        );
        assert_eq!(text.chars().nth(column - 1), Some('R'), "{text} {column}");
    }
}
