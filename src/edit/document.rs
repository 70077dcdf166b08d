//! Where new entries go in the pieces being edited. toml_edit writes a table without a
//! position right after the table it follows in the tree, which is where a person would put
//! it: an advertiser after the last advertiser, a goal after its campaign's last goal.

use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table};

use super::known::Known;
use super::pieces::Pieces;
use super::{Addition, GoalName, TokenSource};
use crate::error::Error;
use crate::registry::{SECURITY_TOKEN, SECURITY_TOKEN_ENV};

/// Writes `addition` into the piece it belongs in; returns that piece.
pub fn insert(
    pieces: &mut Pieces<'_>,
    known: &Known,
    addition: &Addition,
    file: &str,
) -> Result<usize, Error> {
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
            overrides,
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
            add_overrides(&mut table, overrides);
            let advertisers = (pieces.head(file)?)
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
            let (piece, document) = pieces.for_new_campaign(file)?;
            array_of_tables(document, "campaigns")
                .ok_or_else(|| unusual("campaigns"))?
                .push(table);
            return Ok(piece);
        }
        Addition::Goal {
            campaign,
            name,
            target,
            params,
            fixed,
        } => {
            let piece = known
                .piece_of(*campaign)
                .ok_or_else(|| unusual("campaigns"))?;
            let campaigns = (pieces.document(piece, file)?)
                .get_mut("campaigns")
                .and_then(Item::as_array_of_tables_mut)
                .ok_or_else(|| unusual("campaigns"))?;
            let index = campaign_index(campaigns, *campaign).ok_or_else(|| unusual("campaigns"))?;
            let campaign_table = campaigns
                .get_mut(index)
                .ok_or_else(|| unusual("campaigns"))?;
            let mut table = goal_table(name, target);
            add_parameters(&mut table, params, fixed);
            array_of_tables(campaign_table, "goals")
                .ok_or_else(|| unusual("goals"))?
                .push(table);
            return Ok(piece);
        }
        Addition::Global {
            macros,
            params,
            fixed,
            event,
            overrides,
        } => {
            let head = pieces.head(file)?;
            let mut table = new_table();
            if let Some(set) = macros {
                table["macros"] = toml_edit::value(set.as_str());
            }
            add_parameters(&mut table, params, fixed);
            if *event {
                table["event"] = toml_edit::value(true);
            }
            add_overrides(&mut table, overrides);
            // Right after [network], where the file's own example puts it.
            let network = head.get("network").and_then(Item::as_table);
            table.set_position(network.and_then(Table::position));
            head.insert("global", Item::Table(table));
        }
        Addition::Publisher { key, fields } => {
            let mut table = new_table();
            super::setting::publisher_fields(&mut table, fields)?;
            let head = pieces.head(file)?;
            // After the last publisher, else after the last advertiser: where a person
            // would put it, before the campaigns.
            let last_position = |name: &str| {
                let tables = head.get(name).and_then(Item::as_table)?;
                let positions = tables.iter().filter_map(|(_, t)| t.as_table()?.position());
                positions.max()
            };
            let position = last_position("publishers").or_else(|| last_position("advertisers"));
            table.set_position(position);
            let publishers = head
                .entry("publishers")
                .or_insert_with(|| Item::Table(implicit_table()))
                .as_table_mut()
                .ok_or_else(|| unusual("[publishers]"))?;
            publishers.insert(key, Item::Table(table));
        }
        Addition::GlobalGoal { name, target } => {
            let global = (pieces.head(file)?)
                .get_mut("global")
                .and_then(Item::as_table_mut)
                .ok_or_else(|| unusual("[global]"))?;
            array_of_tables(global, "goals")
                .ok_or_else(|| unusual("global goals"))?
                .push(goal_table(name, target));
        }
    }
    Ok(0)
}

/// A goal's table: its name, and its value or id.
fn goal_table(name: &str, target: &GoalName) -> Table {
    let mut table = new_table();
    table["name"] = toml_edit::value(name);
    match target {
        GoalName::Value(v) => table["value"] = toml_edit::value(v.as_str()),
        GoalName::Id(id) => table["id"] = toml_edit::value(id.as_str()),
    }
    table
}

/// `[<parent>.macro]` with the per-parameter macros, when given.
fn add_overrides(table: &mut Table, overrides: &[(String, String)]) {
    if overrides.is_empty() {
        return;
    }
    let mut macros = Table::new();
    for (param, text) in overrides {
        macros[param.as_str()] = toml_edit::value(text.as_str());
    }
    table.insert("macro", Item::Table(macros));
}

/// The position of campaign `id` among the `[[campaigns]]` of a piece.
fn campaign_index(campaigns: &ArrayOfTables, id: u64) -> Option<usize> {
    campaigns.iter().position(|table| {
        let found = table.get("id").and_then(Item::as_integer);
        found.and_then(|n| u64::try_from(n).ok()) == Some(id)
    })
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
