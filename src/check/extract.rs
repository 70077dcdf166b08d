//! Finding the postback in what support pastes: a whole URL, a path and query as access logs
//! show it (`/acquisition?click_id=...`), or a log line with the request somewhere inside.
//!
//! In a log line the request is read, not the first URL: an nginx "combined" line carries
//! the referer and user agent after the request line, and a JSON log may hold a URL in a
//! field before `url`. So, in order: a JSON field that names the request (`url`, `request`,
//! `request_uri`, `uri`, `path`), the request line (`"GET /acquisition?... HTTP/1.1"`), and
//! only then the first URL (or `/...?...` path) of the line.

/// What a line holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit<'a> {
    /// `http(s)://...`: the whole hit.
    Url(&'a str),
    /// `/path?query`, to be read against the network's own host.
    Path(&'a str),
    /// Nothing that looks like a URL.
    None,
}

/// Which part of a log line the hit was read from; `None` when the line was the hit.
pub type Part = Option<&'static str>;

/// JSON fields that hold the request, most specific first.
const REQUEST_FIELDS: &[(&str, &str)] = &[
    ("\"url\"", "the JSON field `url`"),
    ("\"request_uri\"", "the JSON field `request_uri`"),
    ("\"request\"", "the JSON field `request`"),
    ("\"uri\"", "the JSON field `uri`"),
    ("\"path\"", "the JSON field `path`"),
];

/// The hit in `line`, and which part of it that is. A line that starts with a scheme or `/`
/// is one hit, spaces and all (a template may hold `{cl?Network Name}`).
pub fn extract(line: &str) -> (Hit<'_>, Part) {
    let line = line.trim();
    if starts_with_scheme(line) {
        return (Hit::Url(line), None);
    }
    if line.starts_with('/') {
        return (Hit::Path(line), None);
    }
    if line.starts_with('{') {
        for (field, part) in REQUEST_FIELDS {
            if let Some(hit) = json_field(line, field)
                .map(hit_in)
                .filter(|h| *h != Hit::None)
            {
                return (hit, Some(part));
            }
        }
    }
    if let Some(target) = request_target(line) {
        return (hit_in(target), Some("the request line"));
    }
    match first_hit(line) {
        Hit::None => (Hit::None, None),
        hit => (hit, Some("the first URL")),
    }
}

/// A field's text: a URL, a path, or a request line (`GET /x?y HTTP/1.1`).
fn hit_in(text: &str) -> Hit<'_> {
    let text = text.trim();
    if starts_with_scheme(text) {
        return Hit::Url(text);
    }
    if text.starts_with('/') {
        return Hit::Path(text);
    }
    request_target(&format!("\"{text}\""))
        .and_then(|target| text.find(target).map(|at| &text[at..at + target.len()]))
        .map_or(Hit::None, hit_in)
}

/// The string value of `field` in a JSON line (escapes were undone before): up to the next
/// unescaped quote.
fn json_field<'a>(line: &'a str, field: &str) -> Option<&'a str> {
    let at = line.find(field)? + field.len();
    let rest = line[at..].trim_start().strip_prefix(':')?.trim_start();
    let body = rest.strip_prefix('"')?;
    let mut escaped = false;
    for (end, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(&body[..end]),
            _ => escaped = false,
        }
    }
    None
}

/// The target of an access log's request line: `"GET <target> HTTP/1.1"`.
fn request_target(line: &str) -> Option<&str> {
    const METHODS: &[&str] = &["GET ", "POST ", "HEAD ", "PUT "];
    for (quote, _) in line.match_indices('"') {
        let rest = &line[quote + 1..];
        let Some(method) = METHODS.iter().find(|m| rest.starts_with(*m)) else {
            continue;
        };
        let target = rest[method.len()..].split([' ', '"']).next()?;
        if !target.is_empty() {
            return Some(target);
        }
    }
    None
}

/// The first `http(s)://...` token of `line`, or else its first `/...?...` token; a token
/// ends at a blank or a quote.
fn first_hit(line: &str) -> Hit<'_> {
    let tokens = line
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
        .filter(|t| !t.is_empty());
    let mut path = None;
    for token in tokens {
        if starts_with_scheme(token) {
            return Hit::Url(token);
        }
        if path.is_none() && token.starts_with('/') && token.contains('?') {
            path = Some(token);
        }
    }
    path.map_or(Hit::None, Hit::Path)
}

fn starts_with_scheme(text: &str) -> bool {
    let starts = |scheme: &[u8]| {
        (text.as_bytes().get(..scheme.len())).is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    };
    starts(b"http://") || starts(b"https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_paths_and_log_lines() {
        assert_eq!(
            extract("  https://a.test/acquisition?click_id={cl?Network Name}  "),
            (
                Hit::Url("https://a.test/acquisition?click_id={cl?Network Name}"),
                None
            )
        );
        assert_eq!(extract("HTTP://A.test/x").0, Hit::Url("HTTP://A.test/x"));
        assert_eq!(
            extract("/acquisition?click_id=1").0,
            Hit::Path("/acquisition?click_id=1")
        );
        assert_eq!(
            extract("2026-11-24 postback fired: url=<https://a.test/acquisition?click_id=1> ok"),
            (
                Hit::Url("https://a.test/acquisition?click_id=1"),
                Some("the first URL")
            )
        );
        assert_eq!(extract("no url here"), (Hit::None, None));
        assert_eq!(extract("https").0, Hit::None);
    }

    #[test]
    fn the_request_is_read_not_the_referer() {
        let combined = r#"1.2.3.4 - - [24/Nov/2026:10:00:00 +0000] "GET /acquisition?click_id=1&x=2 HTTP/1.1" 200 5 "https://shop.test/thanks?order=9" "Mozilla/5.0""#;
        assert_eq!(
            extract(combined),
            (
                Hit::Path("/acquisition?click_id=1&x=2"),
                Some("the request line")
            )
        );
        let json = r#"{"referer":"https://shop.test/p?q=1","url":"https://a.test/acquisition?click_id=1","status":200}"#;
        assert_eq!(
            extract(json),
            (
                Hit::Url("https://a.test/acquisition?click_id=1"),
                Some("the JSON field `url`")
            )
        );
        let request =
            r#"{"ref":"https://x.test/","request":"GET /acquisition?click_id=2 HTTP/1.1"}"#;
        assert_eq!(
            extract(request),
            (
                Hit::Path("/acquisition?click_id=2"),
                Some("the JSON field `request`")
            )
        );
    }
}
