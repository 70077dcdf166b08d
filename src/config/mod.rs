//! `campaigns.toml`: the model of a network's file and how it is loaded and checked.
//!
//! Loading has three steps, each reporting every problem it finds with its position:
//! [`parse`] reads the TOML and its structure (types, unknown keys, required keys; large
//! files campaign block by campaign block, see [`blocks`]), [`endpoint`] normalises hosts
//! and paths, and [`checks`] looks across the file (references, duplicates, parameter names,
//! value rules, tokens).

/// The file every command reads when neither `-c` nor `POSTBACK_CONFIG` names one.
pub const DEFAULT_CONFIG: &str = "campaigns.toml";

mod blocks;
mod checks;
pub mod endpoint;
mod model;
pub mod names;
mod parse;
mod parse_network;
pub mod parse_publishers;
mod reader;
mod token;
mod value;

pub use blocks::campaign_blocks;
pub use endpoint::Endpoint;
pub use model::{
    Advertiser, At, Campaign, Config, CustomMacroSet, Events, Fixed, Global, Goal, GoalTarget,
    MacroChoice, Network, Parameters, Publisher, Receiver, Scheme, Span, Str,
};
pub use token::{Resolved, Token};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::source::Source;

/// A loaded file: the model when it has no error, and every problem found.
#[derive(Debug)]
pub struct Loaded<'s> {
    pub config: Option<Config<'s>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded<'_> {
    /// Everything read from the file and every problem, as text, to compare two readings.
    #[doc(hidden)]
    pub fn fingerprint(&self) -> String {
        let model = self.config.as_ref().map(Config::describe);
        format!("{model:?}\n{:?}", self.diagnostics)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Parses and checks `source`. The model is returned only when there is no error; the
/// diagnostics (errors and warnings, in file order) are always returned.
pub fn load(source: &Source) -> Loaded<'_> {
    load_with(source, blocks::parse)
}

/// [`load`] reading the file as one TOML document, never by campaign blocks: the reference
/// the block reading is checked against (tests and the `load` fuzz target).
#[doc(hidden)]
pub fn load_whole(source: &Source) -> Loaded<'_> {
    load_with(source, parse::parse_whole)
}

type Parser = for<'s> fn(&'s str, &mut Diagnostics) -> Option<Config<'s>>;

fn load_with(source: &Source, parse: Parser) -> Loaded<'_> {
    let mut diagnostics = Diagnostics::default();
    if let Some(offset) = source.invalid_utf8_at {
        diagnostics
            .error(offset..offset + 1, "the file is not valid UTF-8")
            .with_hint("save the file as UTF-8");
        return Loaded {
            config: None,
            diagnostics: diagnostics.into_sorted(),
        };
    }
    let config = parse(&source.text, &mut diagnostics);
    if let Some(config) = &config {
        checks::check(config, &mut diagnostics);
    }
    let config = config.filter(|_| !diagnostics.has_errors());
    Loaded {
        config,
        diagnostics: diagnostics.into_sorted(),
    }
}
