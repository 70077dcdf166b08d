//! Where the `[[campaigns]]` blocks of a file start, so each can be parsed on its own.
//!
//! Parsing a large file in one go costs memory in proportion to the whole document (the
//! `toml` crate holds every token and value at once), and that memory, not the parsing, is
//! most of the time. Parsing the head (network, advertisers...) and then each campaign block
//! separately keeps only one block's tree alive at a time and reads the same values.
//!
//! The split is only used on the usual layout: everything that is not a campaign comes before
//! the first `[[campaigns]]`, and every header after it is `[[campaigns]]` or a
//! `campaigns.*` sub-table. Anything else (advertisers after campaigns, a root key named
//! `campaigns`, a header this scanner cannot read) returns `None`, and the caller parses the
//! whole document as one: the split is an optimisation, never a second dialect.
//!
//! The scanner reads just enough TOML to find header lines: strings (all four kinds, with
//! escapes), comments, and brackets and braces of multi-line values.

use super::model::{At, Campaign, Config, Parameters, Span};
use super::parse::{campaign, document, parse_head};
use crate::diagnostic::Diagnostics;

/// Parses `text`: the head, then each campaign block on its own, the problems of every block
/// at their places in the file. `None` only when the TOML itself is malformed.
pub fn parse<'s>(text: &'s str, d: &mut Diagnostics) -> Option<Config<'s>> {
    let blocks = campaign_blocks(text).unwrap_or_default();
    let head_end = blocks.first().copied().unwrap_or(text.len());
    let mut config = parse_head(document(&text[..head_end], d)?, d);
    config.campaigns.reserve_exact(blocks.len());
    let ends = blocks
        .iter()
        .skip(1)
        .copied()
        .chain(std::iter::once(text.len()));
    for (start, end) in blocks.iter().copied().zip(ends) {
        let mut local = Diagnostics::default();
        let parsed = document(&text[start..end], &mut local).map(|mut top| {
            let campaigns = top.tables("campaigns", "[[campaigns]]", &mut local);
            let campaigns: Vec<Campaign<'s>> = campaigns
                .into_iter()
                .map(|table| campaign(table, &mut local))
                .collect();
            top.finish(&["campaigns"], &[], &mut local);
            campaigns
        });
        let Some(parsed) = parsed else {
            // A syntax error stops the reading, and is all there is to say, as when the
            // whole document is parsed in one go.
            *d = Diagnostics::default();
            d.append_shifted(local, start);
            return None;
        };
        d.append_shifted(local, start);
        for mut campaign in parsed {
            campaign.shift(start);
            config.campaigns.push(campaign);
        }
    }
    Some(config)
}

/// Moving spans by `by` bytes: for values read from a block that starts there.
trait Shift {
    fn shift(&mut self, by: usize);
}

impl Shift for Span {
    fn shift(&mut self, by: usize) {
        *self = self.start + by..self.end + by;
    }
}

impl<T> Shift for At<T> {
    fn shift(&mut self, by: usize) {
        self.span.shift(by);
    }
}

impl Shift for Parameters<'_> {
    fn shift(&mut self, by: usize) {
        self.params.iter_mut().for_each(|p| p.shift(by));
        for entry in &mut self.fixed {
            entry.name.shift(by);
            entry.value.shift(by);
        }
    }
}

impl Shift for Campaign<'_> {
    fn shift(&mut self, by: usize) {
        self.span.shift(by);
        self.id.shift(by);
        self.advertiser.shift(by);
        self.parameters.shift(by);
        for goal in &mut self.goals {
            goal.name.shift(by);
            match &mut goal.target {
                super::GoalTarget::Value(v) | super::GoalTarget::Id(v) => v.shift(by),
            }
            goal.parameters.shift(by);
        }
    }
}

/// The byte offsets at which each `[[campaigns]]` header line starts, in file order, or
/// `None` when the file should be parsed as a whole.
pub fn campaign_blocks(text: &str) -> Option<Vec<usize>> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut seen_header = false;
    let mut depth = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        // At the start of a line, outside any value.
        let line_start = at;
        at = skip_blanks(bytes, at);
        match bytes.get(at) {
            Some(b'[') if depth == 0 => {
                let header = read_header(bytes, at)?;
                let is_campaign = header.first_key == b"campaigns";
                match (is_campaign, header.is_array && header.keys == 1) {
                    (true, true) => starts.push(line_start),
                    // A campaign sub-table continues the current block, if there is one.
                    (true, false) if !starts.is_empty() => {}
                    // Anything else after the first campaign: not the usual layout.
                    _ if !starts.is_empty() => return None,
                    (true, false) => return None,
                    _ => {}
                }
                seen_header = true;
                at = next_line(bytes, header.end);
            }
            Some(b'#' | b'\r' | b'\n') => at = scan_line(bytes, at, &mut depth)?,
            Some(_) if depth == 0 && !seen_header && root_key_is_campaigns(bytes, at) => {
                return None;
            }
            _ => at = scan_line(bytes, at, &mut depth)?,
        }
    }
    (!starts.is_empty() && depth == 0).then_some(starts)
}

fn skip_blanks(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// The offset after the next line break (or the end).
fn next_line(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| at + p + 1)
}

struct Header<'a> {
    is_array: bool,
    first_key: &'a [u8],
    keys: usize,
    end: usize,
}

/// Reads `[a.b]` or `[[a.b]]` at `at`.
fn read_header(bytes: &[u8], mut at: usize) -> Option<Header<'_>> {
    at += 1;
    let is_array = bytes.get(at) == Some(&b'[');
    if is_array {
        at += 1;
    }
    let mut first_key = None;
    let mut keys = 0;
    loop {
        at = skip_blanks(bytes, at);
        let (key, after) = read_key(bytes, at)?;
        first_key.get_or_insert(key);
        keys += 1;
        at = skip_blanks(bytes, after);
        match bytes.get(at)? {
            b'.' => at += 1,
            b']' => break,
            _ => return None,
        }
    }
    at += 1;
    if is_array {
        if bytes.get(at) != Some(&b']') {
            return None;
        }
        at += 1;
    }
    Some(Header {
        is_array,
        first_key: first_key?,
        keys,
        end: at,
    })
}

/// One key: bare, `"basic"` (without escapes, else unreadable here) or `'literal'`.
fn read_key(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    match bytes.get(at)? {
        quote @ (b'"' | b'\'') => {
            let length = bytes[at + 1..].iter().position(|b| b == quote)?;
            let key = &bytes[at + 1..at + 1 + length];
            if key.contains(&b'\\') || key.contains(&b'\n') {
                return None;
            }
            Some((key, at + length + 2))
        }
        _ => {
            let length = bytes[at..]
                .iter()
                .position(|b| matches!(b, b' ' | b'\t' | b'.' | b']' | b'=' | b'\n' | b'\r' | b'#'))
                .unwrap_or(bytes.len() - at);
            (length > 0).then(|| (&bytes[at..at + length], at + length))
        }
    }
}

/// Whether a root key-value line sets `campaigns` (or `campaigns.x`).
fn root_key_is_campaigns(bytes: &[u8], at: usize) -> bool {
    read_key(bytes, at).is_none_or(|(key, _)| key == b"campaigns")
}

/// Scans from `at` to the start of the next line that is outside any value, following
/// strings, comments and brackets; `None` on what looks like broken TOML.
fn scan_line(bytes: &[u8], mut at: usize, depth: &mut usize) -> Option<usize> {
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\n' => {
                at += 1;
                if *depth == 0 {
                    return Some(at);
                }
            }
            // A comment runs to the line break, which the next turn handles.
            b'#' => {
                at = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| at + p)
            }
            b'"' | b'\'' => at = skip_string(bytes, at)?,
            b'[' | b'{' => {
                *depth += 1;
                at += 1;
            }
            b']' | b'}' => {
                *depth = depth.checked_sub(1)?;
                at += 1;
            }
            _ => at += 1,
        }
    }
    Some(at.min(bytes.len()))
}

/// The offset after the string starting at `at`.
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    let quote = bytes[at];
    let escapes = quote == b'"';
    let multi_line = bytes.get(at..at + 3) == Some(&[quote, quote, quote][..]);
    let mut i = at + if multi_line { 3 } else { 1 };
    while let Some(&byte) = bytes.get(i) {
        if escapes && byte == b'\\' {
            i += 2;
            continue;
        }
        if byte == b'\n' && !multi_line {
            return None;
        }
        if byte == quote {
            if !multi_line {
                return Some(i + 1);
            }
            if bytes.get(i..i + 3) == Some(&[quote, quote, quote][..]) {
                // Up to two more quotes may end the string's content: `""""` is `"` + end.
                let mut end = i + 3;
                while end < i + 5 && bytes.get(end) == Some(&quote) {
                    end += 1;
                }
                return Some(end);
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_campaign_block_but_not_headers_inside_values() {
        let cases: [(&str, &[&str]); 2] = [
            (
                "[network]\ndomain = \"x\"\n\n[[campaigns]]\nid = 1\n[[campaigns.goals]]\nname = \"a\"\n\n[[ campaigns ]]\nid = 2\n",
                &["[[campaigns]]\nid = 1", "[[ campaigns ]]\nid = 2"],
            ),
            (
                "[network]\nx = \"\"\"\n[[campaigns]]\n\"\"\"\ny = [\n[1],\n]\nz = '''\n[[campaigns]]'''\nw = \"a\\\"[[\" # [[campaigns]]\n[[campaigns]]\nid = 1\n",
                &["[[campaigns]]\nid = 1"],
            ),
        ];
        for (text, blocks) in cases {
            let starts = campaign_blocks(text).unwrap();
            assert_eq!(starts.len(), blocks.len(), "{text}");
            for (start, block) in starts.iter().zip(blocks) {
                assert!(text[*start..].starts_with(block), "{text}");
            }
        }
    }

    #[test]
    fn unusual_layouts_are_parsed_whole() {
        for text in [
            // Something other than campaigns after the first campaign.
            "[[campaigns]]\nid = 1\n[advertisers.a]\nname = \"A\"\n",
            // A campaign sub-table before any campaign.
            "[campaigns.goals]\n[[campaigns]]\n",
            // Campaigns as a root key.
            "campaigns = []\n[[campaigns]]\n",
            "\"campaigns\".x = 1\n[[campaigns]]\n",
            // No campaign at all.
            "[network]\n",
            // Broken TOML: the whole parse reports it.
            "[network]\nx = \"unterminated\n[[campaigns]]\n",
            "[[campaigns]\n",
            "[\"camp\\u0061igns\"]\n[[campaigns]]\n",
        ] {
            assert_eq!(campaign_blocks(text), None, "{text}");
        }
    }
}
