//! `remove`: one entry goes, with its own comments (the comment lines directly above its
//! header and those on its lines); every other byte stays. An advertiser still used by
//! campaigns goes only with `--cascade`, which removes those campaigns too.

use toml_edit::Item;

use super::pieces::Pieces;
use crate::error::Error;

/// What `remove` removes.
#[derive(Clone, Debug)]
pub enum Removal {
    Advertiser { key: String, cascade: bool },
    Campaign { id: u64 },
    Goal { campaign: u64, name: String },
    GlobalGoal { name: String },
}

impl Removal {
    pub fn describe(&self) -> String {
        match self {
            Removal::Advertiser { key, .. } => format!("advertiser `{key}`"),
            Removal::Campaign { id } => format!("campaign {id}"),
            Removal::Goal { campaign, name } => format!("goal `{name}` of campaign {campaign}"),
            Removal::GlobalGoal { name } => format!("global goal `{name}`"),
        }
    }
}

fn unusual(file: &str, what: &str) -> Error {
    Error::conflict(format!("{file}: cannot remove {what} written this way"))
        .with_hint("write it as in `postback init`'s file, or edit by hand")
}

/// Removes advertiser `key` from the head.
pub fn advertiser(pieces: &mut Pieces<'_>, key: &str, file: &str) -> Result<(), Error> {
    let advertisers = (pieces.head(file)?)
        .get_mut("advertisers")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| unusual(file, "[advertisers]"))?;
    advertisers
        .remove(key)
        .ok_or_else(|| unusual(file, "this advertiser"))?;
    Ok(())
}

/// Removes campaign `id`, written in piece `piece`.
pub fn campaign(pieces: &mut Pieces<'_>, piece: usize, id: u64, file: &str) -> Result<(), Error> {
    let campaigns = (pieces.document(piece, file)?)
        .get_mut("campaigns")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| unusual(file, "campaigns"))?;
    let index = campaigns
        .iter()
        .position(|t| {
            t.get("id")
                .and_then(Item::as_integer)
                .and_then(|n| u64::try_from(n).ok())
                == Some(id)
        })
        .ok_or_else(|| unusual(file, "this campaign"))?;
    let first_of_piece = index == 0;
    campaigns.remove(index);
    if campaigns.is_empty() {
        // The block is gone: so is the blank line that separated it from what follows.
        let document = pieces.document(piece, file)?;
        let trailing = document.trailing().as_str().unwrap_or("").to_string();
        document.set_trailing(trailing.trim_start_matches(['\n', '\r']));
    }
    // Read in blocks, the comments directly above a campaign's header end the piece before.
    if first_of_piece {
        pieces.drop_trailing_comments(piece.wrapping_sub(1), file)?;
    }
    Ok(())
}

/// Removes goal `name` of campaign `id`, written in piece `piece`.
pub fn goal(
    pieces: &mut Pieces<'_>,
    piece: usize,
    id: u64,
    name: &str,
    file: &str,
) -> Result<(), Error> {
    let campaign = (pieces.document(piece, file)?)
        .get_mut("campaigns")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|all| {
            all.iter_mut().find(|t| {
                t.get("id")
                    .and_then(Item::as_integer)
                    .and_then(|n| u64::try_from(n).ok())
                    == Some(id)
            })
        })
        .ok_or_else(|| unusual(file, "campaigns"))?;
    remove_goal(campaign, name).ok_or_else(|| unusual(file, "this goal"))
}

/// Removes global goal `name`.
pub fn global_goal(pieces: &mut Pieces<'_>, name: &str, file: &str) -> Result<(), Error> {
    let global = (pieces.head(file)?)
        .get_mut("global")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| unusual(file, "[global]"))?;
    remove_goal(global, name).ok_or_else(|| unusual(file, "this goal"))
}

fn remove_goal(parent: &mut toml_edit::Table, name: &str) -> Option<()> {
    let goals = parent.get_mut("goals")?.as_array_of_tables_mut()?;
    let index = goals
        .iter()
        .position(|g| g.get("name").and_then(Item::as_str) == Some(name))?;
    goals.remove(index);
    if goals.is_empty() {
        parent.remove("goals");
    }
    Some(())
}
