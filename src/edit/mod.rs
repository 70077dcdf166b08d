//! `add`: editing `campaigns.toml` with toml_edit, so every comment, blank line and the
//! order of everything else survive. The edit is a pure function from the file's text to the
//! new text; [`write`] puts it in place safely.
//!
//! New entries go where a person would put them: an advertiser after the last advertiser, a
//! campaign after the last campaign, a goal after its campaign's last goal. toml_edit writes
//! a table without a position right after the table it follows in the tree, which is exactly
//! that place.

pub mod write;

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table};

use crate::config::{self, Config};
use crate::diagnostic::{self, Severity, Style};
use crate::error::Error;
use crate::source::Source;
use crate::suggest::did_you_mean;

/// What `add` adds.
#[derive(Clone, Debug)]
pub enum Addition {
    Advertiser {
        key: String,
        name: String,
        token: Option<TokenSource>,
        macros: Option<String>,
    },
    Campaign {
        id: u64,
        name: String,
        advertiser: String,
        default: Option<String>,
        params: Vec<String>,
        fixed: Vec<(String, String)>,
    },
    Goal {
        campaign: u64,
        name: String,
        target: GoalName,
        params: Vec<String>,
        fixed: Vec<(String, String)>,
    },
}

#[derive(Clone, Debug)]
pub enum TokenSource {
    Literal(String),
    Env(String),
}

/// How a new goal is named in its URL.
#[derive(Clone, Debug)]
pub enum GoalName {
    Value(String),
    Id(String),
}

/// The file's text with `addition` made (its byte-order mark and line endings kept),
/// checked with every rule of `validate`. Refuses
/// (exit 65) a file that already has errors, a duplicate, a dangling reference, or a
/// result with errors; `style` renders those errors.
pub fn add(source: &Source, addition: &Addition, style: Style) -> Result<String, Error> {
    let loaded = config::load(source);
    let Some(config) = loaded.config else {
        return Err(invalid(
            source,
            &loaded.diagnostics,
            style,
            "fix the file first: `postback validate` shows every problem",
        ));
    };
    check_conflicts(&config, addition)?;

    // toml_edit keeps line endings as LF: a CRLF file is edited as LF and written back CRLF.
    let crlf = source.text.contains("\r\n");
    let text = if crlf {
        source.text.replace("\r\n", "\n")
    } else {
        source.text.clone()
    };
    let mut document: DocumentMut = text
        .parse()
        .map_err(|e| Error::Conflict(format!("{}: cannot edit the file: {e}", source.name)))?;
    insert(&mut document, &config, addition, &source.name)?;
    let mut edited = document.to_string();
    if crlf {
        edited = edited.replace('\n', "\r\n");
    }

    let result = Source::new(format!("{} (after the edit)", source.name), edited);
    let checked = config::load(&result);
    if checked.error_count() > 0 {
        return Err(invalid(
            &result,
            &checked.diagnostics,
            style,
            "nothing was written",
        ));
    }
    let mut text = result.text;
    if source.byte_order_mark {
        text.insert(0, '\u{feff}');
    }
    Ok(text)
}

fn invalid(
    source: &Source,
    diagnostics: &[diagnostic::Diagnostic],
    style: Style,
    advice: &str,
) -> Error {
    let mut report = String::new();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect::<Vec<_>>();
    for d in &errors {
        report.push_str(&diagnostic::render(d, source, style));
    }
    report.push_str(&format!(
        "postback: {}: {} error{}; {advice}\n",
        source.name,
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    Error::InvalidConfig { report }
}

/// Duplicates and dangling references, with the message a person needs.
fn check_conflicts(config: &Config<'_>, addition: &Addition) -> Result<(), Error> {
    let conflict = |message: String| Err(Error::Conflict(message));
    match addition {
        Addition::Advertiser { key, .. } => {
            if config.advertiser(key).is_some() {
                return conflict(format!(
                    "advertiser `{key}` already exists\n  hint: choose another key, or edit its entry by hand"
                ));
            }
        }
        Addition::Campaign { id, advertiser, .. } => {
            if let Some(existing) = config.campaigns.iter().find(|c| c.id.value == *id) {
                return conflict(format!(
                    "campaign id {id} is already `{}`\n  hint: each campaign has its own Trackier id",
                    existing.name
                ));
            }
            if config.advertiser(advertiser).is_none() {
                let keys = config.advertisers().iter().map(|a| a.key.as_str());
                let hint = did_you_mean(advertiser, keys)
                    .unwrap_or_else(|| "add it first with `postback add advertiser`".into());
                return conflict(format!(
                    "no advertiser `{advertiser}` in the file\n  hint: {hint}"
                ));
            }
        }
        Addition::Goal {
            campaign,
            name,
            target,
            ..
        } => {
            let Some(found) = config.campaigns.iter().find(|c| c.id.value == *campaign) else {
                return conflict(format!(
                    "no campaign with id {campaign} in the file\n  hint: `postback list` shows the campaigns"
                ));
            };
            for goal in &found.goals {
                let same_target = match (target, &goal.target) {
                    (GoalName::Value(new), config::GoalTarget::Value(old))
                    | (GoalName::Id(new), config::GoalTarget::Id(old)) => *new == old.value,
                    _ => false,
                };
                if goal.name.value == name.as_str() {
                    return conflict(format!("campaign {campaign} already has a goal `{name}`"));
                }
                if same_target {
                    return conflict(format!(
                        "goal `{}` of campaign {campaign} already has {} `{}`\n  hint: Trackier could not tell the goals apart",
                        goal.name.value,
                        goal.target.param(),
                        goal.target.text().value
                    ));
                }
            }
        }
    }
    Ok(())
}

fn insert(
    document: &mut DocumentMut,
    config: &Config<'_>,
    addition: &Addition,
    file: &str,
) -> Result<(), Error> {
    let unusual = |what: &str| {
        Error::Conflict(format!(
            "{file}: cannot add to {what} written this way\n  hint: write them as in `postback init`'s file, or edit by hand"
        ))
    };
    match addition {
        Addition::Advertiser {
            key,
            name,
            token,
            macros,
        } => {
            let mut table = new_table();
            table["name"] = toml_edit::value(name.as_str());
            match token {
                Some(TokenSource::Literal(t)) => {
                    table["security_token"] = toml_edit::value(t.as_str())
                }
                Some(TokenSource::Env(v)) => {
                    table["security_token_env"] = toml_edit::value(v.as_str())
                }
                None => {}
            }
            if let Some(set) = macros {
                table["macros"] = toml_edit::value(set.as_str());
            }
            let advertisers = document
                .entry("advertisers")
                .or_insert_with(|| Item::Table(implicit_table()))
                .as_table_mut()
                .ok_or_else(|| unusual("[advertisers]"))?;
            advertisers.insert(key, Item::Table(table));
        }
        Addition::Campaign {
            id,
            name,
            advertiser,
            default,
            params,
            fixed,
        } => {
            let mut table = new_table();
            // The command line keeps ids within TOML's integers; a library caller is refused.
            let id = i64::try_from(*id).map_err(|_| {
                Error::Conflict(format!("campaign id {id} is larger than a TOML integer"))
            })?;
            table["id"] = toml_edit::value(id);
            table["name"] = toml_edit::value(name.as_str());
            table["advertiser"] = toml_edit::value(advertiser.as_str());
            if let Some(label) = default {
                table["default"] = toml_edit::value(label.as_str());
            }
            add_parameters(&mut table, params, fixed);
            array_of_tables(document, "campaigns")
                .ok_or_else(|| unusual("campaigns"))?
                .push(table);
        }
        Addition::Goal {
            campaign,
            name,
            target,
            params,
            fixed,
        } => {
            let index = config
                .campaigns
                .iter()
                .position(|c| c.id.value == *campaign)
                .ok_or_else(|| unusual("campaigns"))?;
            let campaigns = document
                .get_mut("campaigns")
                .and_then(Item::as_array_of_tables_mut)
                .filter(|a| a.len() == config.campaigns.len())
                .ok_or_else(|| unusual("campaigns"))?;
            let campaign_table = campaigns
                .get_mut(index)
                .ok_or_else(|| unusual("campaigns"))?;
            let mut table = new_table();
            table["name"] = toml_edit::value(name.as_str());
            match target {
                GoalName::Value(v) => table["value"] = toml_edit::value(v.as_str()),
                GoalName::Id(id) => table["id"] = toml_edit::value(id.as_str()),
            }
            add_parameters(&mut table, params, fixed);
            array_of_tables(campaign_table, "goals")
                .ok_or_else(|| unusual("goals"))?
                .push(table);
        }
    }
    Ok(())
}

/// `[[<key>]]` of `parent`, created when missing; `None` when `key` is something else
/// (an inline array, say).
fn array_of_tables<'t>(parent: &'t mut Table, key: &str) -> Option<&'t mut ArrayOfTables> {
    parent
        .entry(key)
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
}

/// A table written like the file's own: a blank line before its header.
fn new_table() -> Table {
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    table
}

/// A parent that exists only through its children (`[advertisers.x]` without `[advertisers]`).
fn implicit_table() -> Table {
    let mut table = Table::new();
    table.set_implicit(true);
    table
}

/// `params = [...]` and `fixed = { ... }`, when given.
fn add_parameters(table: &mut Table, params: &[String], fixed: &[(String, String)]) {
    if !params.is_empty() {
        let array: Array = params.iter().map(String::as_str).collect();
        table["params"] = toml_edit::value(array);
    }
    if !fixed.is_empty() {
        let mut inline = InlineTable::new();
        for (name, value) in fixed {
            inline.insert(name, value.as_str().into());
        }
        inline.fmt();
        table["fixed"] = toml_edit::value(inline);
    }
}
