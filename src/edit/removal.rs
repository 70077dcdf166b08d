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
    Publisher { key: String },
}

impl Removal {
    pub fn describe(&self) -> String {
        match self {
            Removal::Advertiser { key, .. } => format!("advertiser `{key}`"),
            Removal::Campaign { id } => format!("campaign {id}"),
            Removal::Goal { campaign, name } => format!("goal `{name}` of campaign {campaign}"),
            Removal::GlobalGoal { name } => format!("global goal `{name}`"),
            Removal::Publisher { key } => format!("publisher `{key}`"),
        }
    }
}

fn unusual(file: &str, what: &str) -> Error {
    Error::conflict(format!("{file}: cannot remove {what} written this way"))
        .with_hint("write it as in `postback init`'s file, or edit by hand")
}

/// Removes advertiser `key` from the head.
pub fn advertiser(pieces: &mut Pieces<'_>, key: &str, file: &str) -> Result<(), Error> {
    head_entry(pieces, "advertisers", key, file, "this advertiser")
}

/// Removes publisher `key` from the head (and `[publishers]` with the last one).
pub fn publisher(pieces: &mut Pieces<'_>, key: &str, file: &str) -> Result<(), Error> {
    head_entry(pieces, "publishers", key, file, "this publisher")
}

/// Removes `[<parent>.<key>]` from the head with the comment lines directly above its
/// header; a section's comment, separated from the header by a blank line, stays and heads
/// what now follows.
fn head_entry(
    pieces: &mut Pieces<'_>,
    parent: &str,
    key: &str,
    file: &str,
    what: &str,
) -> Result<(), Error> {
    let head = pieces.head(file)?;
    let entries = head
        .get_mut(parent)
        .and_then(Item::as_table_mut)
        .ok_or_else(|| unusual(file, what))?;
    let removed = entries.remove(key).ok_or_else(|| unusual(file, what))?;
    if entries.is_empty() && entries.is_implicit() {
        head.remove(parent);
    }
    let Some(table) = removed.as_table() else {
        return Ok(());
    };
    let prefix = table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("");
    let section = section_of(prefix);
    if section.is_empty() {
        return Ok(());
    }
    let after = table
        .position()
        .and_then(|at| next_position(head.as_table(), at));
    match after.and_then(|at| table_at(head.as_table_mut(), at)) {
        Some(next) => {
            let old = next
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            next.decor_mut().set_prefix(format!("{section}{old}"));
        }
        None => {
            let trailing = head.trailing().as_str().unwrap_or("").to_string();
            head.set_trailing(format!("{section}{trailing}"));
        }
    }
    Ok(())
}

/// The part of a header's prefix before its last blank line: a section's comment, not the
/// entry's own.
fn section_of(prefix: &str) -> &str {
    match prefix.rfind("\n\n") {
        Some(at) if prefix[..at].contains('#') => &prefix[..at + 1],
        _ => "",
    }
}

/// The smallest table position after `at` among `table`'s tables, at any depth.
fn next_position(table: &toml_edit::Table, at: isize) -> Option<isize> {
    let mut best: Option<isize> = None;
    for (_, item) in table.iter() {
        let children: Vec<&toml_edit::Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(a) => a.iter().collect(),
            _ => Vec::new(),
        };
        for child in children {
            let own = child.position().filter(|p| *p > at && !child.is_implicit());
            let deeper = next_position(child, at);
            for found in own.into_iter().chain(deeper) {
                best = Some(best.map_or(found, |b| b.min(found)));
            }
        }
    }
    best
}

/// The table at position `at`, at any depth.
fn table_at(table: &mut toml_edit::Table, at: isize) -> Option<&mut toml_edit::Table> {
    for (_, item) in table.iter_mut() {
        let children: Vec<&mut toml_edit::Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(a) => a.iter_mut().collect(),
            _ => Vec::new(),
        };
        for child in children {
            if child.position() == Some(at) && !child.is_implicit() {
                return Some(child);
            }
            if let Some(found) = table_at(child, at) {
                return Some(found);
            }
        }
    }
    None
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
