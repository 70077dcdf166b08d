//! `campaigns.toml`: the model of a network's file and how it is loaded and checked.
//!
//! Loading has three steps, each reporting every problem it finds with its position:
//! [`parse`] reads the TOML and its structure (types, unknown keys, required keys),
//! [`endpoint`] normalises hosts and paths, and [`checks`] looks across the file
//! (references, duplicates, parameter names, value rules, tokens).

mod blocks;
mod checks;
pub mod endpoint;
mod parse;
mod reader;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Source;

pub type Span = Range<usize>;
/// Text from the file: borrowed where TOML needed no unescaping.
pub type Str<'s> = Cow<'s, str>;

/// A value and where it stands in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

impl<T> At<T> {
    pub fn new(value: T, span: Span) -> Self {
        At { value, span }
    }
}

impl<T> At<T> {
    /// Moves the span `by` bytes: for values read from a part of the file.
    fn shift(&mut self, by: usize) {
        self.span = self.span.start + by..self.span.end + by;
    }
}

fn shift_span(span: &mut Span, by: usize) {
    *span = span.start + by..span.end + by;
}

impl Campaign<'_> {
    /// Moves every span `by` bytes: a campaign parsed from its own block.
    fn shift(&mut self, by: usize) {
        shift_span(&mut self.span, by);
        self.id.shift(by);
        self.advertiser.shift(by);
        shift_parameters(&mut self.params, &mut self.fixed, by);
        for goal in &mut self.goals {
            shift_span(&mut goal.span, by);
            goal.name.shift(by);
            match &mut goal.target {
                GoalTarget::Value(v) | GoalTarget::Id(v) => v.shift(by),
            }
            shift_parameters(&mut goal.params, &mut goal.fixed, by);
        }
    }
}

fn shift_parameters(params: &mut [At<Str<'_>>], fixed: &mut [Fixed<'_>], by: usize) {
    params.iter_mut().for_each(|p| p.shift(by));
    for entry in fixed {
        entry.name.shift(by);
        entry.value.shift(by);
    }
}

impl At<Str<'_>> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// A whole, structurally valid file.
#[derive(Debug)]
pub struct Config<'s> {
    pub network: Network<'s>,
    pub global: Option<Global<'s>>,
    /// Read through [`Config::advertisers`]: private so it cannot drift from the index.
    advertisers: Vec<Advertiser<'s>>,
    pub campaigns: Vec<Campaign<'s>>,
    pub macro_sets: Vec<CustomMacroSet<'s>>,
    /// Advertiser key -> index in `advertisers`: campaigns look their advertiser up by key,
    /// and a linear search would make large files quadratic.
    advertiser_index: HashMap<String, usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Https,
    Http,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Https => "https",
            Scheme::Http => "http",
        }
    }
}

#[derive(Debug)]
pub struct Network<'s> {
    pub span: Span,
    pub name: Option<Str<'s>>,
    pub scheme: At<Scheme>,
    /// `<scheme>://<host[:port]><path>`, normalised; empty when the domain is invalid.
    pub postback_base: String,
    /// `<scheme>://<click host[:port]><click path>`, normalised.
    pub click_base: String,
    pub test_publisher: Option<At<u64>>,
    pub token: Token<'s>,
    pub params: Vec<CustomParam<'s>>,
}

/// A parameter declared in `[network.params]`.
#[derive(Clone, Debug)]
pub struct CustomParam<'s> {
    pub name: Str<'s>,
    pub span: Span,
    pub description: Str<'s>,
}

/// Where a security token comes from.
#[derive(Clone, Debug)]
pub enum Token<'s> {
    Missing,
    Literal(At<Str<'s>>),
    /// The name of an environment variable holding the token.
    Env(At<Str<'s>>),
}

/// A macro set choice plus per-parameter overrides (`macros = ...` and `[...macro]`).
#[derive(Clone, Debug)]
pub struct MacroChoice<'s> {
    pub set: At<Str<'s>>,
    pub overrides: Vec<(At<Str<'s>>, At<Str<'s>>)>,
}

#[derive(Debug)]
pub struct Global<'s> {
    pub span: Span,
    pub macros: MacroChoice<'s>,
    pub params: Vec<At<Str<'s>>>,
    pub event: bool,
    pub fixed: Vec<Fixed<'s>>,
    pub goals: Vec<Goal<'s>>,
}

#[derive(Debug)]
pub struct Advertiser<'s> {
    pub key: At<Str<'s>>,
    pub name: Str<'s>,
    pub token: Token<'s>,
    pub macros: MacroChoice<'s>,
}

#[derive(Debug)]
pub struct Campaign<'s> {
    pub span: Span,
    pub id: At<u64>,
    pub name: Str<'s>,
    pub advertiser: At<Str<'s>>,
    /// Label of the default conversion ("Default" unless the file says otherwise).
    pub default_label: Str<'s>,
    pub params: Vec<At<Str<'s>>>,
    pub fixed: Vec<Fixed<'s>>,
    pub goals: Vec<Goal<'s>>,
}

#[derive(Debug)]
pub struct Goal<'s> {
    pub span: Span,
    pub name: At<Str<'s>>,
    pub target: GoalTarget<'s>,
    pub params: Vec<At<Str<'s>>>,
    pub fixed: Vec<Fixed<'s>>,
}

/// What names a goal in its URL: `goal_value=<value>` or `goal_id=<id>`.
#[derive(Clone, Debug)]
pub enum GoalTarget<'s> {
    Value(At<Str<'s>>),
    Id(At<Str<'s>>),
}

impl GoalTarget<'_> {
    pub fn param(&self) -> &'static str {
        match self {
            GoalTarget::Value(_) => "goal_value",
            GoalTarget::Id(_) => "goal_id",
        }
    }

    pub fn text(&self) -> &At<Str<'_>> {
        match self {
            GoalTarget::Value(v) | GoalTarget::Id(v) => v,
        }
    }
}

/// A literal parameter: `fixed = { sub1 = "summer" }`.
#[derive(Clone, Debug)]
pub struct Fixed<'s> {
    pub name: At<Str<'s>>,
    pub value: At<Str<'s>>,
}

/// A `[macro_sets.<name>]` table.
#[derive(Debug)]
pub struct CustomMacroSet<'s> {
    pub name: At<Str<'s>>,
    pub entries: Vec<(At<Str<'s>>, At<Str<'s>>)>,
}

/// A loaded file: the model when it has no error, and every problem found.
#[derive(Debug)]
pub struct Loaded<'s> {
    pub config: Option<Config<'s>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded<'_> {
    /// Everything read from the file and every problem, as text, to compare two readings
    /// (the advertiser index, a hash map without order, is left out).
    #[doc(hidden)]
    pub fn fingerprint(&self) -> String {
        let model = self.config.as_ref().map(|c| {
            format!(
                "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
                c.network, c.global, c.advertisers, c.campaigns, c.macro_sets
            )
        });
        format!("{model:?}\n{:?}", self.diagnostics)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .count()
    }
}

/// Parses and checks `source`. The model is returned only when there is no error; the
/// diagnostics (errors and warnings, in file order) are always returned.
pub fn load(source: &Source) -> Loaded<'_> {
    load_with(source, parse::parse)
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

impl<'s> Config<'s> {
    pub fn new(
        network: Network<'s>,
        global: Option<Global<'s>>,
        advertisers: Vec<Advertiser<'s>>,
        campaigns: Vec<Campaign<'s>>,
        macro_sets: Vec<CustomMacroSet<'s>>,
    ) -> Self {
        let advertiser_index = advertisers
            .iter()
            .enumerate()
            .map(|(index, a)| (a.key.value.to_string(), index))
            .collect();
        Config {
            network,
            global,
            advertisers,
            campaigns,
            macro_sets,
            advertiser_index,
        }
    }

    /// The advertisers in file order.
    pub fn advertisers(&self) -> &[Advertiser<'s>] {
        &self.advertisers
    }

    pub fn advertiser(&self, key: &str) -> Option<&Advertiser<'s>> {
        self.advertiser_index
            .get(key)
            .map(|&index| &self.advertisers[index])
    }
}
