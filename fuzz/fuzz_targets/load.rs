//! Any bytes as `campaigns.toml`: loading and validating never panic, reading by campaign
//! blocks gives exactly what reading the whole document gives, and a file that loads gives
//! URLs in every format, the same bytes twice.
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
    for diagnostic in &loaded.diagnostics {
        // Rendering a problem (snippet, column, cut line) must not panic either.
        let _ = postback::diagnostic::render(diagnostic, &source, Default::default());
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
