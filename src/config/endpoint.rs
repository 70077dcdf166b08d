//! The network's hosts and paths: `domain` and `path` become the normalised start of every
//! URL, `<scheme>://<host[:port]><path>` (lower-case, punycode, port kept as written).

use super::{At, Scheme, Str};
use crate::diagnostic::Diagnostics;

/// The base of a URL, or an empty string after reporting why `domain` or `path` is unusable.
pub fn base(
    scheme: Scheme,
    domain: &At<Str<'_>>,
    path: Option<&At<Str<'_>>>,
    default_path: &str,
    d: &mut Diagnostics,
) -> String {
    let host = match host(&domain.value) {
        Ok(host) => host,
        Err((message, hint)) => {
            d.error(domain.span.clone(), message).with_maybe_hint(hint);
            return String::new();
        }
    };
    let path_text = path.map_or(default_path, |p| p.value.as_ref());
    if let Err(message) = check_path(path_text) {
        if let Some(path) = path {
            d.error(path.span.clone(), message)
                .with_hint("write only the path, such as \"/acquisition\"");
        }
        return String::new();
    }
    format!("{}://{host}{path_text}", scheme.as_str())
}

type Problem = (String, Option<String>);

/// Normalises a `domain` value (host or host:port) or says what is wrong with it.
pub fn host(domain: &str) -> Result<String, Problem> {
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
    let (name, port) = split_port(domain);
    let host = url::Host::parse(name).map_err(|error| {
        (
            format!("`{domain}` is not a valid host name: {error}"),
            None::<String>,
        )
    })?;
    let mut normalised = host.to_string();
    if let Some(port) = port {
        match port.parse::<u16>() {
            Ok(n) if n > 0 => {
                normalised.push(':');
                normalised.push_str(&n.to_string());
            }
            _ => {
                return problem(
                    &format!("`{port}` in `{domain}` is not a valid port"),
                    "a port is a number from 1 to 65535",
                )
            }
        }
    }
    Ok(normalised)
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
        assert_eq!(host("Demo.GoTrackier.com").unwrap(), "demo.gotrackier.com");
        assert_eq!(host("bücher.example").unwrap(), "xn--bcher-kva.example");
        assert_eq!(host("track.example:8443").unwrap(), "track.example:8443");
        assert_eq!(host("track.example:443").unwrap(), "track.example:443");
        assert_eq!(host("[::1]:8080").unwrap(), "[::1]:8080");
        assert_eq!(host("[::1]").unwrap(), "[::1]");
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
        ] {
            let (message, _) = host(domain).unwrap_err();
            assert!(message.contains(words), "{domain}: {message}");
        }
    }

    #[test]
    fn paths_start_with_a_slash() {
        assert!(check_path("/acquisition").is_ok());
        assert!(check_path("acquisition").is_err());
        assert!(check_path("/a?b").is_err());
        assert!(check_path("/a b").is_err());
    }
}
