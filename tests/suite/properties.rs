//! Properties of the URL builder over random input: any literal survives encoding, and a
//! `--sample` URL parses with the `url` crate and decodes back to exactly what went in.

use std::borrow::Cow;

use postback::config;
use postback::encoding::encode_into;
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

mod check_masking {
    use postback::check::{Labeled, Mode, Network, Run};
    use postback::encoding::encode_into;
    use postback::output::Record;
    use postback::source::Source;
    use proptest::prelude::*;

    /// Where a token can sit in a hit.
    fn hit(form: usize, name: &str, token: &str) -> String {
        let mut encoded = String::new();
        encode_into(&mut encoded, token);
        let base = "https://a.test/acquisition";
        match form {
            0 => format!("{base}?click_id=1&{name}={token}&txn_id=T"),
            1 => format!("{base}?click_id=1&{name}={encoded}&txn_id=T"),
            2 => format!("{base}?click_id%3D1%26{name}%3D{encoded}%26txn_id%3DT"),
            3 => format!("https://{encoded}@a.test/acquisition?click_id=1"),
            4 => format!(
                "{{\"url\":\"https:\\/\\/a.test\\/acquisition?click_id=1\\u0026{name}={token}\"}}"
            ),
            _ => format!("log line: GET /acquisition?note={token}&click_id=1 200"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_configured_token_is_never_printed(
            token in "[A-Za-z0-9][A-Za-z0-9/+~=&%.-]{5,20}",
            form in 0usize..6,
            name in prop::sample::select(vec!["security_token", "SECURITY_TOKEN", "token", "security_toke", "security-token", "%73ecurity_token", "sub3", "x"]),
            template in any::<bool>(),
        ) {
            let quoted = toml::Value::String(token.clone()).to_string();
            let text = format!(
                "[network]\ndomain = \"a.test\"\nsecurity_token = \"global-token\"\n\n\
                 [advertisers.a]\nname = \"A\"\nsecurity_token = {quoted}\n\n\
                 [[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"a\"\nparams = [\"txn_id\"]\n"
            );
            let source = Source::new("p.toml", text);
            let loaded = postback::config::load(&source);
            let config = loaded.config.expect("valid");
            let network = Network::new(&config);
            let mode = if template { Mode::Template } else { Mode::Hit };
            let report = Run::new(&network, mode).check(&hit(form, name, &token));
            let labeled = Labeled::new("hit 1".into(), report, false);
            let mut printed = Vec::new();
            labeled.plain(&mut printed).expect("writes");
            let mut printed = String::from_utf8(printed).expect("UTF-8");
            printed.push_str(&serde_json::to_string(&labeled).expect("JSON"));
            printed.push_str(&format!("{:?}", labeled.table_rows()));
            let mut encoded = String::new();
            encode_into(&mut encoded, &token);
            prop_assert!(!printed.contains(&token), "{printed}");
            prop_assert!(!printed.contains(&encoded), "{printed}");
        }
    }
}

mod samples_pass_check {
    use postback::check::{Mode, Network, Run};
    use postback::diagnostic::Severity;
    use postback::rows::{self, Levels, Options, Selection};
    use postback::sample::Samples;
    use postback::source::Source;
    use proptest::prelude::*;

    const SETS: [&str; 5] = ["placeholder", "appsflyer", "singular", "branch", "adjust"];
    const PARAMS: [&str; 8] = [
        "txn_id",
        "sale_amount",
        "revenue",
        "currency",
        "status",
        "idfa",
        "gaid",
        "sub3",
    ];

    /// A valid file: campaigns with random params, fixed literals and goals (by value or
    /// id), and a global level with or without an event URL.
    fn file() -> impl Strategy<Value = String> {
        let campaign = (
            prop::sample::subsequence(PARAMS.to_vec(), 0..4),
            prop::option::of("[a-z ]{1,8}"),
            prop::collection::vec(
                (
                    any::<bool>(),
                    prop::sample::subsequence(PARAMS.to_vec(), 0..2),
                ),
                0..4,
            ),
        );
        (
            prop::sample::select(SETS.to_vec()),
            any::<bool>(),
            prop::collection::vec(campaign, 1..4),
            prop::collection::vec("[a-z_]{1,8}", 0..3),
        )
            .prop_map(|(set, event, campaigns, global_goals)| {
                let mut text = format!(
                    "[network]\ndomain = \"x.example\"\nsecurity_token = \"g-tok\"\n\n\
                     [global]\nmacros = \"{set}\"\nparams = [\"idfa\"]\nevent = {event}\n"
                );
                for (n, goal) in global_goals.iter().enumerate() {
                    text.push_str(&format!("[[global.goals]]\nname = \"G{n}\"\nvalue = \"g_{goal}{n}\"\n"));
                }
                text.push_str(&format!(
                    "\n[advertisers.a]\nname = \"A\"\nsecurity_token = \"a-tok\"\nmacros = \"{set}\"\n"
                ));
                for (id, (params, sub1, goals)) in campaigns.iter().enumerate() {
                    let list = |p: &Vec<&str>| p.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ");
                    text.push_str(&format!(
                        "\n[[campaigns]]\nid = {}\nname = \"C{id}\"\nadvertiser = \"a\"\nparams = [{}]\n",
                        id + 1,
                        list(params)
                    ));
                    if let Some(sub1) = sub1 {
                        text.push_str(&format!("fixed = {{ sub1 = \"{sub1}\" }}\n"));
                    }
                    for (n, (by_id, extra)) in goals.iter().enumerate() {
                        let target = if *by_id { format!("id = \"{id}x{n}\"") } else { format!("value = \"v{id}_{n}\"") };
                        text.push_str(&format!(
                            "[[campaigns.goals]]\nname = \"Goal {n}\"\n{target}\nparams = [{}]\n",
                            list(extra)
                        ));
                    }
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn every_sample_passes(text in file()) {
            let source = Source::new("p.toml", text.clone());
            let loaded = postback::config::load(&source);
            let config = loaded.config.unwrap_or_else(|| panic!("valid: {:?}\n{text}", loaded.diagnostics));
            let selection = Selection { levels: Levels::All, ..Selection::default() };
            let options = Options { samples: Some(Samples::default()), ..Options::default() };
            let rows = rows::rows(&config, &selection, &options).expect("rows");
            let network = Network::new(&config);
            let mut run = Run::new(&network, Mode::Hit);
            for row in &rows {
                let report = run.check(&row.url);
                prop_assert!(!report.has(Severity::Error), "{}: {:?}\n{text}", row.url, report.findings);
            }
        }
    }
}
