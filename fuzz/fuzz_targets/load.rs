//! Any bytes as `campaigns.toml`: loading and validating never panic, and a file that loads
//! gives URLs in every format, the same bytes twice.
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

fuzz_target!(|bytes: &[u8]| {
    let source = Source::from_bytes("fuzz.toml", bytes.to_vec());
    let loaded = config::load(&source);
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
                config: &config,
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
