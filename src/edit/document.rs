//! The TOML document being edited: what it already holds (for duplicates and dangling
//! references) and where new entries go. toml_edit writes a table without a position right
//! after the table it follows in the tree, which is where a person would put it.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table};

use super::{Addition, GoalName, TokenSource};
use crate::error::Error;
use crate::platform::{GOAL_ID, GOAL_VALUE, SECURITY_TOKEN, SECURITY_TOKEN_ENV};
use crate::suggest::did_you_mean;

/// The keys of `[advertisers.*]`, in file order.
fn advertiser_keys(document: &DocumentMut) -> Vec<&str> {
    (document.get("advertisers").and_then(Item::as_table_like))
        .map(|t| t.iter().map(|(key, _)| key).collect())
        .unwrap_or_default()
}

fn campaigns(document: &DocumentMut) -> Option<&ArrayOfTables> {
    document.get("campaigns").and_then(Item::as_array_of_tables)
}

/// The position of campaign `id` among the `[[campaigns]]`.
fn campaign_index(campaigns: &ArrayOfTables, id: u64) -> Option<usize> {
    campaigns.iter().position(|table| {
        let found = table.get("id").and_then(Item::as_integer);
        found.and_then(|n| u64::try_from(n).ok()) == Some(id)
    })
}

/// A string, or an integer as its digits (goal values and ids may be either).
fn text(item: Option<&Item>) -> Option<String> {
    let value = item?.as_value()?;
    value
        .as_str()
        .map(str::to_string)
        .or_else(|| value.as_integer().map(|n| n.to_string()))
}

/// Duplicates and dangling references, with the message a person needs.
pub fn check_conflicts(document: &DocumentMut, addition: &Addition) -> Result<(), Error> {
    match addition {
        Addition::Advertiser { key, .. } => {
            if advertiser_keys(document).contains(&key.as_str()) {
                return Err(
                    Error::conflict(format!("advertiser `{key}` already exists"))
                        .with_hint("choose another key, or edit its entry by hand"),
                );
            }
        }
        Addition::Campaign { id, advertiser, .. } => {
            let existing = campaigns(document)
                .and_then(|all| Some(all.get(campaign_index(all, *id)?)?.get("name")));
            if let Some(name) = existing {
                let name = text(name).unwrap_or_default();
                return Err(
                    Error::conflict(format!("campaign id {id} is already `{name}`"))
                        .with_hint("each campaign has its own Trackier id"),
                );
            }
            let keys = advertiser_keys(document);
            if !keys.contains(&advertiser.as_str()) {
                let hint = did_you_mean(advertiser, keys)
                    .unwrap_or_else(|| "add it first with `postback add advertiser`".into());
                return Err(
                    Error::conflict(format!("no advertiser `{advertiser}` in the file"))
                        .with_hint(hint),
                );
            }
        }
        Addition::Goal {
            campaign,
            name,
            target,
            ..
        } => {
            let found =
                campaigns(document).and_then(|all| all.get(campaign_index(all, *campaign)?));
            let Some(found) = found else {
                return Err(
                    Error::conflict(format!("no campaign with id {campaign} in the file"))
                        .with_hint("`postback list` shows the campaigns"),
                );
            };
            let goals = found.get("goals").and_then(Item::as_array_of_tables);
            for goal in goals.into_iter().flatten() {
                let goal_name = text(goal.get("name")).unwrap_or_default();
                if goal_name == *name {
                    return Err(Error::conflict(format!(
                        "campaign {campaign} already has a goal `{name}`"
                    )));
                }
                let (key, param, new) = match target {
                    GoalName::Value(v) => ("value", GOAL_VALUE, v),
                    GoalName::Id(id) => ("id", GOAL_ID, id),
                };
                if text(goal.get(key)).as_ref() == Some(new) {
                    return Err(Error::conflict(format!(
                        "goal `{goal_name}` of campaign {campaign} already has {param} `{new}`"
                    ))
                    .with_hint("Trackier could not tell the goals apart"));
                }
            }
        }
    }
    Ok(())
}

/// Writes `addition` into the document.
pub fn insert(document: &mut DocumentMut, addition: &Addition, file: &str) -> Result<(), Error> {
    let unusual = |what: &str| {
        Error::conflict(format!("{file}: cannot add to {what} written this way"))
            .with_hint("write them as in `postback init`'s file, or edit by hand")
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
                    table[SECURITY_TOKEN] = toml_edit::value(t.as_str())
                }
                Some(TokenSource::Env(v)) => {
                    table[SECURITY_TOKEN_ENV] = toml_edit::value(v.as_str())
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
                Error::conflict(format!("campaign id {id} is larger than a TOML integer"))
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
            let campaigns = document
                .get_mut("campaigns")
                .and_then(Item::as_array_of_tables_mut)
                .ok_or_else(|| unusual("campaigns"))?;
            let index = campaign_index(campaigns, *campaign).ok_or_else(|| unusual("campaigns"))?;
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
