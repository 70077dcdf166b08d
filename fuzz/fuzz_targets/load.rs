//! Any bytes as `campaigns.toml`: loading and validating never panic, reading by campaign
//! blocks gives exactly what reading the whole document gives, and a file that loads gives
//! URLs in every format, the same bytes twice. No rendered problem shows a token written as
//! `security_token = "<token>"`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postback::config;
use postback::render::{self, Context, Format};
use postback::rows::{self, Levels, Options, Selection};
use postback::source::Source;

const FORMATS: [Format; 7] = [
    Format::Plain,
    Format::Table,
    Format::Tsv,
    Format::Csv,
    Format::Json,
    Format::Markdown,
    Format::Email,
];

fn syntax_error(loaded: &config::Loaded<'_>) -> bool {
    loaded.config.is_none()
        && loaded.diagnostics.len() == 1
        && loaded.diagnostics[0].message.starts_with("invalid TOML")
}

/// The values of plain `security_token = "<value>"` lines (four characters or more, no
/// quote or backslash inside): found without the code under test.
fn plain_tokens(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("security_token = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .filter(|value| value.chars().count() >= 4 && !value.contains(['"', '\\']))
        .map(str::to_string)
        .collect()
}

fuzz_target!(|bytes: &[u8]| {
    let source = Source::from_bytes("fuzz.toml", bytes.to_vec());
    let loaded = config::load(&source);
    let whole = config::load_whole(&source);
    if syntax_error(&loaded) || syntax_error(&whole) {
        // With several syntax errors the parser may name a different one first; both
        // readings must still see that the TOML is broken.
        assert!(
            syntax_error(&loaded) && syntax_error(&whole),
            "{:?}\n{:?}",
            loaded.diagnostics,
            whole.diagnostics
        );
    } else {
        assert_eq!(
            loaded.fingerprint(),
            whole.fingerprint(),
            "block reading differs from whole-document reading"
        );
    }
    let tokens = plain_tokens(&source.text);
    for diagnostic in &loaded.diagnostics {
        // Rendering a problem (snippet, column, cut line) must not panic either.
        let shown = postback::diagnostic::render(diagnostic, &source, Default::default());
        for token in &tokens {
            assert!(!shown.contains(token.as_str()), "token {token:?} shown: {shown}");
        }
    }
    let Some(config) = loaded.config else { return };
    let selection = Selection {
        levels: Levels::All,
        ..Selection::default()
    };
    for options in [
        Options::default(),
        Options {
            samples: Some(Default::default()),
            redact: true,
            collect_macros: true,
        },
    ] {
        // An unset token variable is an error, not a panic.
        let Ok(rows) = rows::rows(&config, &selection, &options) else {
            return;
        };
        for format in FORMATS {
            let context = Context {
                config: Some(&config),
                color: false,
                template: None,
            };
            let first = render::render(format, &rows, context).expect("renders");
            let second = render::render(format, &rows, context).expect("renders");
            assert_eq!(first, second, "{format:?} is deterministic");
        }
        if options.samples.is_some() {
            for row in &rows {
                url::Url::parse(&row.url).expect("a sample URL parses");
            }
        }
    }
});
