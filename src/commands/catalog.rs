//! `params` and `macros`: what the tool knows (the registry, the macro sets) and what the
//! file adds to it, as tables or JSON. Both work without a file.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::cli::{Cli, ListingArgs};
use crate::config::Config;
use crate::error::{Error, ExitCode};
use crate::macro_sets;
use crate::output::{self, table::grid, Format};
use crate::platform::{GOAL_ID, SECURITY_TOKEN};
use crate::registry::{self, Registry};
use crate::source::Source;
use crate::suggest::did_you_mean;

/// The file's config when it has one.
fn optional_config<'s>(cli: &Cli, source: Option<&'s Source>) -> Result<Option<Config<'s>>, Error> {
    source.map(|s| super::load(cli, s)).transpose()
}

/// A parameter as `params --format json` prints it (keys in alphabetical order).
#[derive(Serialize)]
struct ParamView<'a> {
    custom: bool,
    description: &'a str,
    filled_by: &'static str,
    name: String,
    rule: &'static str,
}

pub fn params(cli: &Cli, args: &ListingArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let format = args.output.format(true);
    let source = super::read_optional_source(cli)?;
    let config = optional_config(cli, source.as_ref())?;
    let custom = config.as_ref().map_or(&[][..], |c| &c.network.params[..]);
    let registry = Registry::new(custom);
    let views: Vec<ParamView<'_>> = (registry.names().into_iter())
        .filter_map(|name| {
            let info = registry.lookup(&name)?;
            Some(ParamView {
                custom: !registry::is_builtin(&name),
                description: info.description,
                filled_by: info.filler.describe(),
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
        vec![name, filled, rule, p.description.to_string()]
    });
    let header = ["Parameter", "Filled by", "Value rule", "Description"];
    grid(&header, cells, super::stdout_color(cli), out)?;
    Ok(ExitCode::Success)
}

/// A macro set as `macros` shows it, built-in or from the file.
#[derive(Serialize)]
struct SetView {
    name: String,
    description: String,
    source: String,
    macros: BTreeMap<String, String>,
}

impl SetView {
    fn new<'a>(
        name: &str,
        description: &str,
        source: &str,
        entries: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        SetView {
            name: name.to_string(),
            description: description.to_string(),
            source: source.to_string(),
            macros: entries
                .map(|(p, m)| (p.to_string(), m.to_string()))
                .collect(),
        }
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
    let mut sets: Vec<SetView> = macro_sets::builtin()
        .iter()
        .map(|s| SetView::new(&s.name, &s.description, &s.source, s.entries()))
        .collect();
    if let (Some(config), Some(source)) = (&config, &source) {
        for custom in &config.macro_sets {
            let entries = custom.entries.iter().map(|(p, m)| (p.as_str(), m.as_str()));
            let name = custom.name.as_str();
            sets.push(SetView::new(
                name,
                "defined in the file",
                &source.name,
                entries,
            ));
        }
    }
    let color = super::stdout_color(cli);
    let Some(wanted) = wanted else {
        if format == Format::Json {
            output::json(&sets, out)?;
            return Ok(ExitCode::Success);
        }
        let cells = sets.iter().map(|s| {
            let count = s.macros.len().to_string();
            vec![
                s.name.clone(),
                s.description.clone(),
                count,
                s.source.clone(),
            ]
        });
        grid(&["Set", "System", "Macros", "Source"], cells, color, out)?;
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
            let shown = match set.macros.get(param.as_ref()) {
                Some(m) => m.clone(),
                None => format!("{} (placeholder)", macro_sets::placeholder(&param)),
            };
            vec![param.to_string(), shown]
        });
    writeln!(
        out,
        "{}: {}\nsource: {}\n",
        set.name, set.description, set.source
    )?;
    grid(&["Parameter", "Macro"], cells, color, out)?;
    Ok(ExitCode::Success)
}
