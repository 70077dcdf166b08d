//! Building one postback URL: parameters in canonical order, written in the tracker's
//! names (the token where the tracker reads it, a fixed status in its words), names and
//! literals percent-encoded, macros written verbatim.

use std::borrow::Cow;

use crate::config::Endpoint;
use crate::encoding::encode_into;
use crate::registry::{SECURITY_TOKEN, STATUS};
use crate::tracker::{TokenPlace, Tracker};

/// A parameter's value in a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Decided by the network (or a sample): percent-encoded.
    Literal(Cow<'a, str>),
    /// Filled by the advertiser's system: written verbatim.
    Macro(Cow<'a, str>),
}

/// One `name=value` pair and its canonical position.
#[derive(Clone, Debug)]
pub struct Param<'a> {
    pub order: u32,
    pub name: &'a str,
    pub value: Value<'a>,
}

/// `<endpoint>?name=value&...` with `params` (named as the file names them) sorted into
/// canonical order (stable for equal order) and written as `tracker` reads them. A
/// parameter the tracker has no name for is left out (`validate` reports it).
pub fn build(tracker: &Tracker, endpoint: &Endpoint, params: &mut [Param<'_>]) -> String {
    params.sort_by_key(|p| p.order);
    let base = endpoint.as_str();
    let mut url = String::with_capacity(base.len() + params.len() * 24);
    url.push_str(base);
    if tracker.token == TokenPlace::PathSegment {
        let token = params.iter().find(|p| p.name == SECURITY_TOKEN);
        if let Some(Value::Literal(token) | Value::Macro(token)) = token.map(|p| &p.value) {
            if !url.ends_with('/') {
                url.push('/');
            }
            encode_into(&mut url, token);
        }
    }
    let mut first = true;
    for param in params.iter() {
        let Some(name) = tracker.name_of(param.name) else {
            continue;
        };
        url.push(if first { '?' } else { '&' });
        first = false;
        encode_into(&mut url, &name);
        url.push('=');
        match &param.value {
            Value::Literal(text) if param.name == STATUS => {
                encode_into(&mut url, tracker.status(text))
            }
            Value::Literal(text) => encode_into(&mut url, text),
            Value::Macro(text) => url.push_str(text),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracker::TRACKIER;

    fn endpoint(path: &str) -> Endpoint {
        let https = crate::config::Scheme::Https;
        Endpoint::new(https, "x.test".into(), None, path.into())
    }

    fn literal(order: u32, name: &'static str, value: &'static str) -> Param<'static> {
        Param {
            order,
            name,
            value: Value::Literal(value.into()),
        }
    }

    #[test]
    fn literals_are_encoded_and_macros_are_not() {
        let mut params = vec![
            literal(2, "sub1", "a b&c=d+e/{f}é~"),
            Param {
                order: 0,
                name: "click_id",
                value: Value::Macro("{cl?Network Name}".into()),
            },
        ];
        assert_eq!(
            build(&TRACKIER, &endpoint("/acquisition"), &mut params),
            "https://x.test/acquisition?click_id={cl?Network Name}&sub1=a%20b%26c%3Dd%2Be%2F%7Bf%7D%C3%A9~"
        );
    }

    #[test]
    fn a_tracker_reading_the_token_from_the_path_gets_it_there() {
        let in_path = Tracker {
            token: TokenPlace::PathSegment,
            ..TRACKIER
        };
        let none = Tracker {
            token: TokenPlace::None,
            ..TRACKIER
        };
        let params = || {
            vec![
                literal(1, SECURITY_TOKEN, "t/1"),
                Param {
                    order: 0,
                    name: "click_id",
                    value: Value::Macro("{c}".into()),
                },
            ]
        };
        assert_eq!(
            build(&in_path, &endpoint("/pb"), &mut params()),
            "https://x.test/pb/t%2F1?click_id={c}"
        );
        assert_eq!(
            build(&none, &endpoint("/pb"), &mut params()),
            "https://x.test/pb?click_id={c}"
        );
    }

    #[test]
    fn no_params_no_question_mark() {
        assert_eq!(
            build(&TRACKIER, &endpoint("/a"), &mut []),
            "https://x.test/a"
        );
    }
}
