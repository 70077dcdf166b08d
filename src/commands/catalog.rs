//! `params` and `macros`: what the tool knows (the registry, the macro sets) and what the
//! file adds to it, as tables or JSON. Both work without a file.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::cli::{Cli, ListingArgs};
use postback::config::{Config, CustomMacroSet};
use postback::error::{Error, ExitCode};
use postback::macro_sets;
use postback::output::{self, table::grid, Format};
use postback::registry::{self, Registry};
use postback::registry::{GOAL_ID, SECURITY_TOKEN};
use postback::source::Source;
use postback::suggest::did_you_mean;
use postback::tracker::TRACKIER;

/// The file's config when it has one.
fn optional_config<'s>(cli: &Cli, source: Option<&'s Source>) -> Result<Option<Config<'s>>, Error> {
    source.map(|s| super::load(cli, s)).transpose()
}

/// A parameter as `params --format json` prints it (keys in alphabetical order).
#[derive(Serialize)]
struct ParamView<'a> {
    custom: bool,
    description: std::borrow::Cow<'a, str>,
    filled_by: &'static str,
    name: String,
    rule: &'static str,
    /// The network's tracker's name for it (none: its URLs cannot carry it), for a tracker
    /// that spells the file's names its own way.
    #[serde(skip_serializing_if = "Option::is_none")]
    tracker_name: Option<String>,
}

pub fn params(cli: &Cli, args: &ListingArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let format = args.output.format(true);
    let source = super::read_optional_source(cli)?;
    let config = optional_config(cli, source.as_ref())?;
    let custom = config.as_ref().map_or(&[][..], |c| &c.network.params[..]);
    let registry = Registry::new(custom);
    // A tracker with names of its own gets them beside the file's.
    let tracker = (config.as_ref().map(|c| c.network.tracker)).filter(|t| !t.speaks_file_names());
    let views: Vec<ParamView<'_>> = (registry.names().into_iter())
        .filter_map(|name| {
            let info = registry.lookup(&name)?;
            Some(ParamView {
                custom: !registry::is_builtin(&name),
                description: registry::described(
                    info.description,
                    config
                        .as_ref()
                        .map_or(TRACKIER.name, |c| c.network.tracker.name),
                ),
                filled_by: info.filler.describe(),
                tracker_name: tracker.map(|t| {
                    t.name_of(&name)
                        .map_or_else(|| "-".to_string(), |n| n.into_owned())
                }),
                name: name.to_string(),
                rule: info.rule.describe(),
            })
        })
        .collect();
    if format == Format::Json {
        output::json(&views, out)?;
        return Ok(ExitCode::Success);
    }
    let cells = views.iter().map(|p| {
        let (name, filled, rule) = (p.name.clone(), p.filled_by.to_string(), p.rule.to_string());
        let mut row = vec![name];
        row.extend(p.tracker_name.clone());
        row.extend([filled, rule, p.description.to_string()]);
        row
    });
    let own = tracker.map(|t| format!("{} name", t.name));
    let mut header = vec!["Parameter"];
    header.extend(own.as_deref());
    header.extend(["Filled by", "Value rule", "Description"]);
    grid(&header, cells, super::stdout_color(cli), out)?;
    Ok(ExitCode::Success)
}

/// A macro set as `macros` shows it, built-in or from the file.
#[derive(Serialize)]
struct SetView {
    name: String,
    description: String,
    /// The pages the entries come from (the file's name for a set the file defines).
    sources: Vec<String>,
    macros: BTreeMap<String, String>,
    /// For each entry, the page that shows it.
    macro_sources: BTreeMap<String, String>,
}

impl SetView {
    fn builtin(set: &macro_sets::MacroSet) -> Self {
        let cited = |(param, mac): (&str, &str)| {
            let page = set.source_of(param).unwrap_or_default();
            (param.to_string(), mac.to_string(), page.to_string())
        };
        Self::new(
            &set.name,
            &set.description,
            set.sources.clone(),
            set.entries().map(cited),
        )
    }

    fn custom(set: &CustomMacroSet<'_>, file: &str) -> Self {
        let entries = (set.entries.iter())
            .map(|(p, m)| (p.as_str().to_string(), m.as_str().to_string(), file.into()));
        let name = set.name.as_str();
        Self::new(name, "defined in the file", vec![file.to_string()], entries)
    }

    fn new(
        name: &str,
        description: &str,
        sources: Vec<String>,
        entries: impl Iterator<Item = (String, String, String)>,
    ) -> Self {
        let (mut macros, mut macro_sources) = (BTreeMap::new(), BTreeMap::new());
        for (param, mac, page) in entries {
            macros.insert(param.clone(), mac);
            macro_sources.insert(param, page);
        }
        SetView {
            name: name.to_string(),
            description: description.to_string(),
            sources,
            macros,
            macro_sources,
        }
    }

    /// `[1]` for the set's first page: how the table points at the numbered list above it.
    fn page_mark(&self, param: &str) -> Option<String> {
        let page = self.macro_sources.get(param)?;
        let at = self.sources.iter().position(|s| s == page)?;
        Some(format!("[{}]", at + 1))
    }
}

pub fn macros(
    cli: &Cli,
    wanted: Option<&str>,
    args: &ListingArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let format = args.output.format(true);
    let source = super::read_optional_source(cli)?;
    let config = optional_config(cli, source.as_ref())?;
    let mut sets: Vec<SetView> = macro_sets::builtin().iter().map(SetView::builtin).collect();
    if let (Some(config), Some(source)) = (&config, &source) {
        let custom = config.macro_sets.iter();
        sets.extend(custom.map(|set| SetView::custom(set, &source.name)));
    }
    let color = super::stdout_color(cli);
    let Some(wanted) = wanted else {
        if format == Format::Json {
            output::json(&sets, out)?;
            return Ok(ExitCode::Success);
        }
        let cells = sets.iter().map(|s| {
            let count = s.macros.len().to_string();
            let sources = s.sources.join(" ");
            vec![s.name.clone(), s.description.clone(), count, sources]
        });
        grid(&["Set", "System", "Macros", "Sources"], cells, color, out)?;
        return Ok(ExitCode::Success);
    };
    let Some(set) = sets.iter().find(|s| s.name == wanted) else {
        let hint = did_you_mean(wanted, sets.iter().map(|s| s.name.as_str()))
            .unwrap_or_else(|| "`postback macros` lists the sets".into());
        return Err(Error::conflict(format!("no macro set `{wanted}`")).with_hint(hint));
    };
    if format == Format::Json {
        output::json(set, out)?;
        return Ok(ExitCode::Success);
    }
    // Every parameter a macro can stand for, with the set's macro or the placeholder.
    let custom = config.as_ref().map_or(&[][..], |c| &c.network.params[..]);
    let registry = Registry::new(custom);
    let cells = (registry.names().into_iter())
        .filter(|p| p != GOAL_ID && p != SECURITY_TOKEN)
        .map(|param| {
            let (shown, from) = match set.macros.get(param.as_ref()) {
                Some(m) => (m.clone(), set.page_mark(&param).unwrap_or_default()),
                None => (
                    macro_sets::placeholder(&param).into_owned(),
                    "placeholder".into(),
                ),
            };
            vec![param.to_string(), shown, from]
        });
    writeln!(out, "{}: {}", set.name, set.description)?;
    for (at, page) in set.sources.iter().enumerate() {
        writeln!(out, "[{}] {page}", at + 1)?;
    }
    writeln!(out)?;
    grid(&["Parameter", "Macro", "From"], cells, color, out)?;
    Ok(ExitCode::Success)
}
