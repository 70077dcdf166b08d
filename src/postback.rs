//! Building one postback URL: parameters in canonical order, names and literals
//! percent-encoded, macros written verbatim.

use std::borrow::Cow;

use crate::config::Endpoint;
use crate::encoding::encode_into;

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

/// `<endpoint>?name=value&...` with `params` sorted into canonical order (stable for equal
/// order).
pub fn build(endpoint: &Endpoint, params: &mut [Param<'_>]) -> String {
    params.sort_by_key(|p| p.order);
    let base = endpoint.as_str();
    let mut url = String::with_capacity(base.len() + params.len() * 24);
    url.push_str(base);
    for (index, param) in params.iter().enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        encode_into(&mut url, param.name);
        url.push('=');
        match &param.value {
            Value::Literal(text) => encode_into(&mut url, text),
            Value::Macro(text) => url.push_str(text),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

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
            build(&endpoint("/acquisition"), &mut params),
            "https://x.test/acquisition?click_id={cl?Network Name}&sub1=a%20b%26c%3Dd%2Be%2F%7Bf%7D%C3%A9~"
        );
    }

    #[test]
    fn no_params_no_question_mark() {
        assert_eq!(build(&endpoint("/a"), &mut []), "https://x.test/a");
    }
}
