//! Finding the postback in what support pastes: a whole URL, a path and query as access logs
//! show it (`/acquisition?click_id=...`), or a log line with the URL somewhere inside.

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

/// The hit in `line`. A line that starts with a scheme or `/` is one hit, spaces and all (a
/// template may hold `{cl?Network Name}`); otherwise the first `http(s)://...` token, or the
/// first `/...?...` token (the request of an access-log line), ends at a space or quote.
pub fn extract(line: &str) -> Hit<'_> {
    let line = line.trim();
    if starts_with_scheme(line) {
        return Hit::Url(line);
    }
    if line.starts_with('/') {
        return Hit::Path(line);
    }
    let mut tokens = line
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
        .filter(|t| !t.is_empty());
    let mut path = None;
    for token in tokens.by_ref() {
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
            Hit::Url("https://a.test/acquisition?click_id={cl?Network Name}")
        );
        assert_eq!(extract("HTTP://A.test/x"), Hit::Url("HTTP://A.test/x"));
        assert_eq!(
            extract("/acquisition?click_id=1"),
            Hit::Path("/acquisition?click_id=1")
        );
        assert_eq!(
            extract(
                r#"1.2.3.4 - - [24/Nov/2026:10:00:00 +0000] "GET /acquisition?click_id=1&x=2 HTTP/1.1" 200 5"#
            ),
            Hit::Path("/acquisition?click_id=1&x=2")
        );
        assert_eq!(
            extract("2026-11-24 postback fired: url=<https://a.test/acquisition?click_id=1> ok"),
            Hit::Url("https://a.test/acquisition?click_id=1")
        );
        assert_eq!(extract("no url here"), Hit::None);
        assert_eq!(extract("https"), Hit::None);
    }
}
