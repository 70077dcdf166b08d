//! The network's hosts and paths: `domain` and `path` become a typed [`Endpoint`] (lower-case
//! host, punycode, port kept as written) that every URL, `check`, the email and the test
//! links read.

use std::fmt;

use super::value::{At, Scheme, Str};
use crate::diagnostic::Diagnostics;
use crate::tracker::Tracker;

/// Where requests go: `<scheme>://<host[:port]><path>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Endpoint {
    scheme: Scheme,
    /// Lower-case, punycode; an IPv6 address in brackets.
    host: String,
    /// The port as the file writes it, even the scheme's default.
    port: Option<u16>,
    path: String,
    /// `<scheme>://<host[:port]><path>`, written once: every URL starts with it.
    base: String,
}

impl Endpoint {
    pub fn new(scheme: Scheme, host: String, port: Option<u16>, path: String) -> Self {
        let mut endpoint = Endpoint {
            scheme,
            host,
            port,
            path,
            base: String::new(),
        };
        endpoint.base = format!("{}{}", endpoint.origin(), endpoint.path);
        endpoint
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// `host[:port]`, the port as written.
    pub fn authority(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// The port requests use: the written one or the scheme's default.
    pub fn effective_port(&self) -> u16 {
        self.port.unwrap_or(self.scheme.default_port())
    }

    /// `host[:port]` with the port only when it is not the scheme's default, as a browser
    /// shows it.
    pub fn short_authority(&self) -> String {
        match self.port {
            Some(port) if port != self.scheme.default_port() => format!("{}:{port}", self.host),
            _ => self.host.clone(),
        }
    }

    /// `<scheme>://<host[:port]>`, the origin of a path.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme.as_str(), self.authority())
    }

    /// `<scheme>://<host[:port]><path>`, the start of every URL to this endpoint.
    pub fn as_str(&self) -> &str {
        &self.base
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

/// The endpoint of `domain` and `path`, or an empty one after reporting why either is
/// unusable (a file with errors yields no model).
pub fn endpoint(
    tracker: &Tracker,
    scheme: Scheme,
    domain: &At<Str<'_>>,
    path: Option<&At<Str<'_>>>,
    default_path: &str,
    d: &mut Diagnostics,
) -> Endpoint {
    if let Some(script) = mixed_script_label(&domain.value) {
        d.warning(
            domain.span.clone(),
            format!("a label of the domain mixes {script} with another script"),
        )
        .with_hint(
            "a look-alike host sends postbacks elsewhere: type the domain again in one script",
        );
    }
    let (host, port) = match host(&domain.value) {
        Ok(host) => host,
        Err((message, hint)) => {
            d.error(domain.span.clone(), message).with_maybe_hint(hint);
            return Endpoint::default();
        }
    };
    let path_text = path.map_or(default_path, |p| p.value.as_ref());
    if let Err(message) = check_path(path_text) {
        if let Some(path) = path {
            d.error(path.span.clone(), message).with_hint(format!(
                "write only the path, such as \"{}\"",
                tracker.postback_path
            ));
        }
        return Endpoint::default();
    }
    Endpoint::new(scheme, host, port, path_text.to_string())
}

type Problem = (String, Option<String>);

/// Normalises a `domain` value (host or host:port) into the host and its port, or says what
/// is wrong with it.
pub fn host(domain: &str) -> Result<(String, Option<u16>), Problem> {
    let problem = |message: &str, hint: &str| Err((message.to_string(), Some(hint.to_string())));
    if domain.is_empty() {
        return problem(
            "the domain is empty",
            "write the network's tracking domain, such as \"demo.gotrackier.com\"",
        );
    }
    if let Some((scheme, rest)) = domain.split_once("://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        return problem(
            &format!("the domain `{domain}` contains a scheme (`{scheme}://`)"),
            &format!("write only the host, `{host}`, and set `scheme` if it is not https"),
        );
    }
    if domain.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return problem(
            &format!("the domain `{}` contains whitespace", domain.escape_debug()),
            "remove the spaces: a host name never contains any",
        );
    }
    if domain.contains('@') {
        return problem(
            &format!("the domain `{domain}` contains user information (`@`)"),
            "write only the host; postback URLs never carry a user name or password",
        );
    }
    if let Some(index) = domain.find(['/', '?', '#']) {
        return problem(
            &format!("the domain `{domain}` contains a path or query"),
            &format!(
                "write only the host, `{}`, and set `path` for the endpoint",
                &domain[..index]
            ),
        );
    }
    if let Some(c) = domain.chars().find(|c| matches!(c, '*' | '%')) {
        return problem(
            &format!("the domain `{domain}` contains `{c}`"),
            "write the host itself: a wildcard or a percent-escape is not a host name",
        );
    }
    let (name, port) = split_port(domain);
    if name.ends_with('.') {
        return problem(
            &format!("the domain `{domain}` ends with a dot"),
            "remove the final dot",
        );
    }
    let host = url::Host::parse(name).map_err(|error| {
        (
            format!("`{domain}` is not a valid host name: {error}"),
            None::<String>,
        )
    })?;
    let port = match port.map(str::parse::<u16>) {
        None => None,
        Some(Ok(n)) if n > 0 => Some(n),
        Some(_) => {
            return problem(
                &format!("`{}` in `{domain}` is not a valid port", port.unwrap_or("")),
                "a port is a number from 1 to 65535",
            )
        }
    };
    if let url::Host::Domain(name) = &host {
        check_dns_name(name)?;
    }
    Ok((host.to_string(), port))
}

/// DNS rules on a host name after punycode: at most 253 bytes, labels of 1 to 63 letters,
/// digits and inner hyphens.
fn check_dns_name(name: &str) -> Result<(), Problem> {
    let hint = || {
        Some(
            "a host name is labels of letters, digits and inner hyphens, separated by dots"
                .to_string(),
        )
    };
    if name.len() > 253 {
        return Err((
            format!(
                "the domain is {} bytes long; a host name has at most 253",
                name.len()
            ),
            hint(),
        ));
    }
    for label in name.split('.') {
        let problem = if label.is_empty() {
            "has an empty label (two dots in a row, or a dot at the start)".to_string()
        } else if label.len() > 63 {
            format!(
                "has a label of {} bytes; a label has at most 63",
                label.len()
            )
        } else if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            format!("has a label `{label}` with characters a host name cannot have")
        } else if label.starts_with('-') || label.ends_with('-') {
            format!("has a label `{label}` that starts or ends with a hyphen")
        } else {
            continue;
        };
        return Err((format!("the domain `{name}` {problem}"), hint()));
    }
    Ok(())
}

/// The script a label of `domain` mixes with another one (Latin with Cyrillic, say), if
/// any: the mark of a look-alike host. Digits and hyphens belong to every script.
fn mixed_script_label(domain: &str) -> Option<&'static str> {
    domain.split('.').find_map(|label| {
        let mut scripts = label.chars().filter_map(script);
        let first = scripts.next()?;
        scripts.any(|other| other != first).then_some(first)
    })
}

/// A letter's script, by Unicode block; `None` for digits, hyphens and the like.
fn script(c: char) -> Option<&'static str> {
    Some(match c as u32 {
        0x41..=0x5a | 0x61..=0x7a | 0xc0..=0x24f | 0x1e00..=0x1eff => "Latin",
        0x370..=0x3ff | 0x1f00..=0x1fff => "Greek",
        0x400..=0x52f => "Cyrillic",
        0x530..=0x58f => "Armenian",
        0x590..=0x5ff => "Hebrew",
        0x600..=0x6ff => "Arabic",
        0x900..=0x97f => "Devanagari",
        0xe00..=0xe7f => "Thai",
        // Han, kana and Hangul are written together.
        0x3040..=0x30ff | 0x3400..=0x9fff | 0xac00..=0xd7af => "CJK",
        _ if c.is_alphabetic() => "another script",
        _ => return None,
    })
}

/// `("host", Some("8080"))` for `host:8080`; IPv6 literals keep their inner colons.
fn split_port(domain: &str) -> (&str, Option<&str>) {
    match domain.rsplit_once(':') {
        Some((name, port))
            if !port.contains(']') && (!name.contains(':') || name.ends_with(']')) =>
        {
            (name, Some(port))
        }
        _ => (domain, None),
    }
}

fn check_path(path: &str) -> Result<(), String> {
    if !path.starts_with('/') {
        return Err(format!("the path `{path}` does not start with `/`"));
    }
    if path.contains(['?', '#']) {
        return Err(format!("the path `{path}` contains `?` or `#`"));
    }
    if !path.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!(
            "the path `{}` contains spaces or non-ASCII characters",
            path.escape_debug()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_lower_case_punycode_with_port_kept() {
        let authority = |domain: &str| {
            let (host, port) = host(domain).unwrap();
            Endpoint::new(Scheme::Https, host, port, String::new()).authority()
        };
        assert_eq!(authority("Demo.GoTrackier.com"), "demo.gotrackier.com");
        assert_eq!(authority("bücher.example"), "xn--bcher-kva.example");
        assert_eq!(authority("track.example:8443"), "track.example:8443");
        assert_eq!(authority("track.example:443"), "track.example:443");
        assert_eq!(authority("[::1]:8080"), "[::1]:8080");
        assert_eq!(authority("[::1]"), "[::1]");
    }

    #[test]
    fn an_endpoint_prints_as_the_start_of_its_urls() {
        let endpoint = Endpoint::new(
            Scheme::Https,
            "a.test".into(),
            Some(443),
            "/acquisition".into(),
        );
        assert_eq!(endpoint.to_string(), "https://a.test:443/acquisition");
        assert_eq!(endpoint.short_authority(), "a.test");
        assert_eq!(endpoint.effective_port(), 443);
        assert_eq!(endpoint.origin(), "https://a.test:443");
    }

    #[test]
    fn bad_domains_say_why() {
        for (domain, words) in [
            ("https://demo.gotrackier.com", "scheme"),
            ("demo.gotrackier.com/acquisition", "path"),
            ("user:pw@demo.gotrackier.com", "user information"),
            ("demo .gotrackier.com", "whitespace"),
            ("demo.gotrackier.com:99999", "port"),
            ("", "empty"),
            ("*.demo.com", "`*`"),
            ("demo%2ecom", "`%`"),
            ("demo.com.", "ends with a dot"),
            ("a..com", "empty label"),
            ("...", "ends with a dot"),
            (".demo.com", "empty label"),
            ("-demo.com", "hyphen"),
            ("de_mo.com", "characters a host name cannot have"),
        ] {
            let (message, _) = host(domain).unwrap_err();
            assert!(message.contains(words), "{domain}: {message}");
        }
    }

    #[test]
    fn names_follow_dns_lengths() {
        let label = "a".repeat(63);
        assert!(host(&format!("{label}.com")).is_ok());
        assert!(host(&format!("a{label}.com"))
            .unwrap_err()
            .0
            .contains("at most 63"));
        let long = vec!["abcdefghi"; 26].join(".");
        assert!(host(&long).unwrap_err().0.contains("at most 253"));
    }

    #[test]
    fn a_label_mixing_scripts_is_found() {
        assert_eq!(mixed_script_label("ex\u{430}mple.com"), Some("Latin"));
        assert_eq!(mixed_script_label("bücher.example"), None);
        assert_eq!(mixed_script_label("пример.рф"), None);
        assert_eq!(mixed_script_label("track-2.example"), None);
    }

    #[test]
    fn paths_start_with_a_slash() {
        assert!(check_path("/acquisition").is_ok());
        assert!(check_path("acquisition").is_err());
        assert!(check_path("/a?b").is_err());
        assert!(check_path("/a b").is_err());
    }
}
