//! Properties of the URL builder over random input: any literal survives encoding, and a
//! `--sample` URL parses with the `url` crate and decodes back to exactly what went in.

use std::borrow::Cow;

use postback::config;
use postback::postback::encode_into;
use postback::rows::{self, Options, Selection};
use postback::sample::Samples;
use postback::source::Source;
use proptest::prelude::*;

/// Any text, with the characters that break hand-made query strings made likely.
fn literal() -> impl Strategy<Value = String> {
    "(\\PC|[&=#+%{}?/ ]){0,24}"
}

/// A macro: non-empty, no control character.
fn macro_text() -> impl Strategy<Value = String> {
    "(\\PC|[&=#+%{}?/ ]){1,16}"
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn network_file(sub1: &str, sub2: &str, click_macro: &str, txn_macro: &str) -> String {
    format!(
        "[network]\ndomain = \"x.example\"\n\
         [advertisers.a]\nname = \"A\"\nsecurity_token = \"tok\"\n\
         [advertisers.a.macro]\nclick_id = {}\ntxn_id = {}\n\
         [[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"a\"\n\
         params = [\"txn_id\", \"sale_amount\"]\nfixed = {{ sub1 = {}, sub2 = {} }}\n",
        quoted(click_macro),
        quoted(txn_macro),
        quoted(sub1),
        quoted(sub2),
    )
}

fn urls(text: &str, options: &Options) -> Vec<String> {
    let source = Source::new("p.toml", text.to_string());
    let loaded = config::load(&source);
    let config = loaded
        .config
        .unwrap_or_else(|| panic!("valid file: {:?}", loaded.diagnostics));
    let selection = Selection::default();
    rows::rows(&config, &selection, options)
        .expect("rows")
        .into_iter()
        .map(|row| row.url)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sample_urls_decode_back_exactly(
        sub1 in literal(),
        sub2 in literal(),
        click_macro in macro_text(),
        txn_macro in macro_text(),
        click_id in literal(),
        txn_sample in literal(),
    ) {
        let text = network_file(&sub1, &sub2, &click_macro, &txn_macro);
        let options = Options {
            samples: Some(Samples::new(Some(click_id.clone()), vec![("txn_id".into(), txn_sample.clone())])),
            redact: false,
            collect_macros: false,
        };
        let url = &urls(&text, &options)[0];
        let parsed = url::Url::parse(url).expect("a sample URL parses");
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let expected: Vec<(String, String)> = [
            ("click_id", click_id.as_str()),
            ("security_token", "tok"),
            ("txn_id", txn_sample.as_str()),
            ("sale_amount", "1.00"),
            ("sub1", sub1.as_str()),
            ("sub2", sub2.as_str()),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        prop_assert_eq!(pairs, expected);
    }

    #[test]
    fn macros_are_written_verbatim(click_macro in macro_text(), txn_macro in macro_text()) {
        let text = network_file("s", "t", &click_macro, &txn_macro);
        let url = &urls(&text, &Options::default())[0];
        let expected = format!(
            "https://x.example/acquisition?click_id={click_macro}&security_token=tok&txn_id={txn_macro}&sale_amount={{sale_amount}}&sub1=s&sub2=t"
        );
        prop_assert_eq!(url, &expected);
    }

    #[test]
    fn encoding_keeps_only_unreserved_bytes_and_round_trips(text in "\\PC{0,32}") {
        let mut encoded = String::new();
        encode_into(&mut encoded, &text);
        let bytes = encoded.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                prop_assert!(bytes[i + 1..i + 3].iter().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b)));
                i += 3;
            } else {
                prop_assert!(bytes[i].is_ascii_alphanumeric() || b"-._~".contains(&bytes[i]), "{}", encoded);
                i += 1;
            }
        }
        let decoded: Cow<str> = percent_encoding::percent_decode_str(&encoded).decode_utf8().unwrap();
        prop_assert_eq!(decoded.as_ref(), text.as_str());
    }
}
