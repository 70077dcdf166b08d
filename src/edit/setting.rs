//! `set`: changing the named fields of one entry, and nothing else. A value keeps the
//! comment on its line; a token replaces a token variable and the other way round; lists and
//! `fixed` tables get entries added, replaced or dropped.

use toml_edit::{Array, InlineTable, Item, Table, Value};

use super::pieces::Pieces;
use super::{GoalName, PublisherFields, TokenSource};
use crate::error::Error;
use crate::registry::{SECURITY_TOKEN, SECURITY_TOKEN_ENV};

/// The parameter changes of a campaign or goal.
#[derive(Clone, Debug, Default)]
pub struct ParamChanges {
    pub params: Vec<String>,
    pub unset_params: Vec<String>,
    pub fixed: Vec<(String, String)>,
    pub unset_fixed: Vec<String>,
}

/// What `set` changes.
#[derive(Clone, Debug)]
pub enum Setting {
    Network {
        name: Option<String>,
        /// `tracker = "<key>"`: the platform the network runs.
        tracker: Option<String>,
        domain: Option<String>,
        token: Option<TokenSource>,
        test_publisher: Option<u64>,
    },
    Advertiser {
        key: String,
        name: Option<String>,
        token: Option<TokenSource>,
        macros: Option<String>,
        set_macros: Vec<(String, String)>,
        unset_macros: Vec<String>,
    },
    Campaign {
        id: u64,
        name: Option<String>,
        advertiser: Option<String>,
        default: Option<String>,
        changes: ParamChanges,
    },
    Goal {
        campaign: u64,
        name: String,
        new_name: Option<String>,
        target: Option<GoalName>,
        changes: ParamChanges,
    },
    Publisher {
        key: String,
        fields: PublisherFields,
    },
}

impl Setting {
    pub fn describe(&self) -> String {
        match self {
            Setting::Network { .. } => "[network]".to_string(),
            Setting::Advertiser { key, .. } => format!("advertiser `{key}`"),
            Setting::Campaign { id, .. } => format!("campaign {id}"),
            Setting::Goal { campaign, name, .. } => format!("goal `{name}` of campaign {campaign}"),
            Setting::Publisher { key, .. } => format!("publisher `{key}`"),
        }
    }
}

/// Sets `key` to `value`, keeping the key's spacing and the comment of the value it
/// replaces.
fn set_value(table: &mut Table, key: &str, mut value: Value) {
    match table.get_mut(key) {
        Some(item) => {
            if let Some(old) = item.as_value() {
                *value.decor_mut() = old.decor().clone();
            }
            *item = Item::Value(value);
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Sets the token, or its variable: the one replaces the other in its place, with its
/// comment.
fn set_token(table: &mut Table, token: &Option<TokenSource>) {
    let (key, other, value) = match token {
        Some(TokenSource::Literal(t)) => (SECURITY_TOKEN, SECURITY_TOKEN_ENV, t),
        Some(TokenSource::Env(v)) => (SECURITY_TOKEN_ENV, SECURITY_TOKEN, v),
        None => return,
    };
    let order: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let mut value: Value = value.as_str().into();
    if let Some(old) = table.remove(other) {
        if let Some(old) = old.as_value() {
            *value.decor_mut() = old.decor().clone();
        }
        table.insert(key, Item::Value(value));
        // In the old key's place.
        let rank = |k: &str| {
            order
                .iter()
                .position(|o| o == if k == key { other } else { k })
        };
        table.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
    } else {
        set_value(table, key, value);
    }
}

fn set_text(table: &mut Table, key: &str, text: &Option<String>) {
    if let Some(text) = text {
        set_value(table, key, text.as_str().into());
    }
}

/// Adds, replaces and drops `params` and `fixed` entries.
fn apply_changes(table: &mut Table, changes: &ParamChanges) {
    if !changes.params.is_empty() || !changes.unset_params.is_empty() {
        let mut params = table
            .get("params")
            .and_then(Item::as_array)
            .cloned()
            .unwrap_or_else(Array::new);
        params.retain(|p| {
            !p.as_str()
                .is_some_and(|p| changes.unset_params.iter().any(|u| u == p))
        });
        for param in &changes.params {
            if !params.iter().any(|p| p.as_str() == Some(param)) {
                params.push(param.as_str());
            }
        }
        if params.is_empty() {
            table.remove("params");
        } else {
            set_value(table, "params", Value::Array(params));
        }
    }
    if !changes.fixed.is_empty() || !changes.unset_fixed.is_empty() {
        let mut fixed = table
            .get("fixed")
            .and_then(Item::as_inline_table)
            .cloned()
            .unwrap_or_else(InlineTable::new);
        for name in &changes.unset_fixed {
            fixed.remove(name);
        }
        for (name, value) in &changes.fixed {
            fixed.insert(name, value.as_str().into());
        }
        fixed.fmt();
        if fixed.is_empty() {
            table.remove("fixed");
        } else {
            set_value(table, "fixed", Value::InlineTable(fixed));
        }
    }
}

/// Makes `setting` in the piece it concerns; `piece` is the campaign's, for a campaign or
/// a goal.
pub fn apply(
    pieces: &mut Pieces<'_>,
    piece: usize,
    setting: &Setting,
    file: &str,
) -> Result<(), Error> {
    let unusual = |what: &str| {
        Error::conflict(format!("{file}: cannot change {what} written this way"))
            .with_hint("write it as in `postback init`'s file, or edit by hand")
    };
    match setting {
        Setting::Network {
            name,
            tracker,
            domain,
            token,
            test_publisher,
        } => {
            let table = (pieces.head(file)?)
                .get_mut("network")
                .and_then(Item::as_table_mut)
                .ok_or_else(|| unusual("[network]"))?;
            set_text(table, "name", name);
            set_text(table, "tracker", tracker);
            set_text(table, "domain", domain);
            set_token(table, token);
            if let Some(id) = test_publisher {
                let id = i64::try_from(*id).map_err(|_| unusual("test_publisher"))?;
                set_value(table, "test_publisher", id.into());
            }
        }
        Setting::Advertiser {
            key,
            name,
            token,
            macros,
            set_macros,
            unset_macros,
        } => {
            let table = (pieces.head(file)?)
                .get_mut("advertisers")
                .and_then(Item::as_table_mut)
                .and_then(|a| a.get_mut(key))
                .and_then(Item::as_table_mut)
                .ok_or_else(|| unusual("this advertiser"))?;
            set_text(table, "name", name);
            set_token(table, token);
            set_text(table, "macros", macros);
            if !set_macros.is_empty() || !unset_macros.is_empty() {
                let overrides = table
                    .entry("macro")
                    .or_insert_with(|| Item::Table(Table::new()));
                let overrides = overrides
                    .as_table_mut()
                    .ok_or_else(|| unusual("its macros"))?;
                for param in unset_macros {
                    overrides.remove(param);
                }
                for (param, text) in set_macros {
                    set_value(overrides, param, text.as_str().into());
                }
                if overrides.is_empty() {
                    table.remove("macro");
                }
            }
        }
        Setting::Campaign {
            id,
            name,
            advertiser,
            default,
            changes,
        } => {
            let table =
                campaign_table(pieces, piece, *id, file).ok_or_else(|| unusual("campaigns"))?;
            set_text(table, "name", name);
            set_text(table, "advertiser", advertiser);
            set_text(table, "default", default);
            apply_changes(table, changes);
        }
        Setting::Goal {
            campaign,
            name,
            new_name,
            target,
            changes,
        } => {
            let campaign = campaign_table(pieces, piece, *campaign, file)
                .ok_or_else(|| unusual("campaigns"))?;
            let goals = campaign
                .get_mut("goals")
                .and_then(Item::as_array_of_tables_mut)
                .ok_or_else(|| unusual("goals"))?;
            let goal = goals
                .iter_mut()
                .find(|g| g.get("name").and_then(Item::as_str) == Some(name.as_str()))
                .ok_or_else(|| unusual("goals"))?;
            set_text(goal, "name", new_name);
            match target {
                Some(GoalName::Value(v)) => {
                    goal.remove("id");
                    set_value(goal, "value", v.as_str().into());
                }
                Some(GoalName::Id(id)) => {
                    goal.remove("value");
                    set_value(goal, "id", id.as_str().into());
                }
                None => {}
            }
            apply_changes(goal, changes);
        }
        Setting::Publisher { key, fields } => {
            let table = (pieces.head(file)?)
                .get_mut("publishers")
                .and_then(Item::as_table_mut)
                .and_then(|p| p.get_mut(key))
                .and_then(Item::as_table_mut)
                .ok_or_else(|| unusual("this publisher"))?;
            publisher_fields(table, fields)?;
        }
    }
    Ok(())
}

/// Writes the fields `fields` gives into a publisher's table, each in its place when it is
/// there (a new publisher's table starts empty).
pub fn publisher_fields(table: &mut Table, fields: &PublisherFields) -> Result<(), Error> {
    let PublisherFields {
        name,
        id,
        tracker,
        domain,
        postback_key,
        template,
        campaigns,
        events,
        fire_on_pending,
    } = fields;
    let integer = |n: u64| {
        i64::try_from(n).map_err(|_| Error::conflict(format!("{n} is larger than a TOML integer")))
    };
    set_text(table, "name", name);
    if let Some(id) = id {
        set_value(table, "id", integer(*id)?.into());
    }
    set_text(table, "tracker", tracker);
    set_text(table, "domain", domain);
    set_text(table, "postback_key", postback_key);
    set_text(table, "template", template);
    match campaigns {
        Some(ids) if ids.is_empty() => {
            table.remove("campaigns");
        }
        Some(ids) => {
            let ids: Result<Array, Error> = ids.iter().map(|id| integer(*id)).collect();
            set_value(table, "campaigns", Value::Array(ids?));
        }
        None => {}
    }
    set_text(table, "events", events);
    if let Some(on) = fire_on_pending {
        set_value(table, "fire_on_pending", (*on).into());
    }
    Ok(())
}

/// The table of campaign `id` in piece `piece`.
fn campaign_table<'p>(
    pieces: &'p mut Pieces<'_>,
    piece: usize,
    id: u64,
    file: &str,
) -> Option<&'p mut Table> {
    let campaigns = pieces
        .document(piece, file)
        .ok()?
        .get_mut("campaigns")?
        .as_array_of_tables_mut()?;
    campaigns.iter_mut().find(|t| {
        t.get("id")
            .and_then(Item::as_integer)
            .and_then(|n| u64::try_from(n).ok())
            == Some(id)
    })
}
