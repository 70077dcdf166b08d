//! The URL builder on any literals and macros: literals always decode back exactly, macros
//! are written verbatim, parameters come in canonical order.
#![no_main]

use std::borrow::Cow;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use postback::config::{Endpoint, Scheme};
use postback::postback::{build, Param, Value};

const NAMES: [&str; 6] = [
    "click_id",
    "txn_id",
    "sale_amount",
    "currency",
    "sub1",
    "sub15",
];

#[derive(Arbitrary, Debug)]
struct Input {
    values: Vec<(u8, String, bool)>,
}

fuzz_target!(|input: Input| {
    let mut params: Vec<Param<'_>> = Vec::new();
    for (index, (name, text, is_macro)) in input.values.iter().enumerate().take(12) {
        let name = NAMES[*name as usize % NAMES.len()];
        // A macro may not hold a line break or control character (the file check refuses
        // them), nor `&` or `#`, which would end the parameter.
        let is_macro = *is_macro && !text.chars().any(|c| c.is_control() || c == '&' || c == '#');
        let value = if is_macro {
            Value::Macro(Cow::Borrowed(text.as_str()))
        } else {
            Value::Literal(Cow::Borrowed(text.as_str()))
        };
        params.push(Param {
            order: (name.len() * 100 + index) as u32,
            name,
            value,
        });
    }
    let endpoint = Endpoint::new(Scheme::Https, "x.test".into(), None, "/acquisition".into());
    let url = build(&endpoint, &mut params);
    let mut expected = params.clone();
    expected.sort_by_key(|p| p.order);
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let pairs: Vec<&str> = if query.is_empty() {
        Vec::new()
    } else {
        query.split('&').collect()
    };
    assert_eq!(pairs.len(), expected.len(), "{url}");
    for (pair, param) in pairs.iter().zip(&expected) {
        let (name, value) = pair.split_once('=').expect("name=value");
        assert_eq!(name, param.name);
        match &param.value {
            Value::Macro(text) => assert_eq!(value, text.as_ref(), "macros are verbatim"),
            Value::Literal(text) => {
                assert!(value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
                let decoded = url::form_urlencoded::parse(format!("x={value}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default();
                assert_eq!(&decoded, text.as_ref(), "literals decode back");
            }
        }
    }
});
