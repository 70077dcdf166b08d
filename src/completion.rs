//! Dynamic shell completion: advertiser keys, campaign ids and goal names come from the
//! campaigns file in use, macro-set names from the built-in sets. The shell asks the binary
//! (`COMPLETE=bash postback -- postback urls --advertiser <TAB>`), so candidates follow
//! the file as it changes.
//!
//! Completion must never fail loudly: a file that is missing or does not parse gives no
//! candidates, not an error in the middle of the user's command line.

use std::ffi::OsString;
use std::path::PathBuf;

use clap_complete::engine::CompletionCandidate;

use postback::config::DEFAULT_CONFIG;
use postback::macro_sets;

/// The advertisers' keys, each with its name as help.
pub fn advertisers() -> Vec<CompletionCandidate> {
    keys_of("advertisers")
}

/// The publishers' keys, each with its name as help.
pub fn publishers() -> Vec<CompletionCandidate> {
    keys_of("publishers")
}

/// The keys of the file's `[<table>.<key>]` entries, each with its name as help.
fn keys_of(table: &str) -> Vec<CompletionCandidate> {
    let file = read_file_in_use();
    let Some(entries) = file.get(table).and_then(toml::Value::as_table) else {
        return Vec::new();
    };
    (entries.iter())
        .map(|(key, entry)| candidate(&shell_word(key), entry.get("name")))
        .collect()
}

/// The campaigns' ids, each with its name as help.
pub fn campaigns() -> Vec<CompletionCandidate> {
    let file = read_file_in_use();
    (campaign_entries(&file))
        .filter_map(|campaign| {
            let id = campaign.get("id")?.as_integer()?;
            Some(candidate(&id.to_string(), campaign.get("name")))
        })
        .collect()
}

/// The goal names, each once, in file order: of the campaigns the command line already
/// names with `--campaign` (or as `add goal`/`set goal`'s campaign id), else of every
/// campaign and the global level.
pub fn goals() -> Vec<CompletionCandidate> {
    let file = read_file_in_use();
    let line = command_line(std::env::args_os());
    let chosen = campaigns_on(&line);
    let global = file.get("global").into_iter().filter(|_| chosen.is_empty());
    let campaigns = campaign_entries(&file).filter(|c| {
        let id = c.get("id").and_then(toml::Value::as_integer);
        chosen.is_empty() || id.is_some_and(|id| chosen.contains(&id))
    });
    let mut names: Vec<&str> = Vec::new();
    for owner in campaigns.chain(global) {
        let goals = owner.get("goals").and_then(toml::Value::as_array);
        for goal in goals.into_iter().flatten() {
            if let Some(name) = goal.get("name").and_then(toml::Value::as_str) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    names
        .into_iter()
        .map(|name| CompletionCandidate::new(shell_word(name)))
        .collect()
}

/// The campaign ids the command line names: `--campaign ID`, `--campaign=ID`, and the id
/// after `goal` (`add goal 5509 ...`, `set goal 5509 ...`, `remove goal 5509 ...`).
fn campaigns_on(line: &[String]) -> Vec<i64> {
    let mut ids = Vec::new();
    for (at, arg) in line.iter().enumerate() {
        let next = line.get(at + 1).map(String::as_str);
        let value = match arg.as_str() {
            "--campaign" | "goal" => next,
            _ => arg.strip_prefix("--campaign="),
        };
        if let Some(id) = value.and_then(|v| v.parse().ok()) {
            ids.push(id);
        }
    }
    ids
}

/// `value` as the shell must receive it: bash inserts a candidate as it is, so a goal named
/// `First purchase` would become two words; it gets `First\ purchase`. Other shells quote
/// candidates themselves.
fn shell_word(value: &str) -> String {
    // Only bash's completion script passes the completion type.
    if std::env::var_os("_CLAP_COMPLETE_COMP_TYPE").is_none() {
        return value.to_string();
    }
    let mut word = String::with_capacity(value.len());
    for c in value.chars() {
        if !(c.is_alphanumeric()
            || matches!(c, '_' | '-' | '.' | '/' | ':' | '@' | '%' | '+' | ','))
        {
            word.push('\\');
        }
        word.push(c);
    }
    word
}

/// The built-in macro sets, each with its description as help.
pub fn macro_sets() -> Vec<CompletionCandidate> {
    (macro_sets::builtin().iter())
        .map(|set| CompletionCandidate::new(&set.name).help(Some(set.description.clone().into())))
        .collect()
}

fn candidate(value: &str, name: Option<&toml::Value>) -> CompletionCandidate {
    let help = name
        .and_then(toml::Value::as_str)
        .map(|n| n.to_string().into());
    CompletionCandidate::new(value).help(help)
}

fn campaign_entries(file: &toml::Table) -> impl Iterator<Item = &toml::Value> {
    (file.get("campaigns").and_then(toml::Value::as_array))
        .into_iter()
        .flatten()
}

/// The file as a plain TOML table, or an empty one when it cannot be read or parsed.
fn read_file_in_use() -> toml::Table {
    let text = std::fs::read_to_string(file_in_use(std::env::args_os())).unwrap_or_default();
    text.parse().unwrap_or_default()
}

/// The command line being completed: what the shell passes after `--`.
fn command_line(args: impl Iterator<Item = OsString>) -> Vec<String> {
    (args.skip_while(|a| a != "--").skip(1))
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// The file the command being completed would read: its `-c`/`--config`, else
/// `POSTBACK_CONFIG`, else `campaigns.toml`. The shell passes the command line after `--`.
fn file_in_use(args: impl Iterator<Item = OsString>) -> PathBuf {
    let line = command_line(args);
    let mut chosen = None;
    for (at, arg) in line.iter().enumerate() {
        let next = || line.get(at + 1).cloned();
        chosen = match arg.as_str() {
            "-c" | "--config" => next().or(chosen),
            _ => (arg.strip_prefix("--config="))
                .or_else(|| arg.strip_prefix("-c").filter(|v| !v.is_empty()))
                .map(str::to_string)
                .or(chosen),
        };
    }
    let from_env = std::env::var_os("POSTBACK_CONFIG").filter(|v| !v.is_empty());
    (chosen.map(PathBuf::from))
        .or(from_env.map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(line: &[&str]) -> PathBuf {
        let args = ["postback", "--", "postback"].iter().chain(line);
        file_in_use(args.map(OsString::from))
    }

    #[test]
    fn the_file_is_the_one_the_command_line_names() {
        assert_eq!(chosen(&["-c", "a.toml", "urls"]), PathBuf::from("a.toml"));
        assert_eq!(
            chosen(&["--config", "b.toml", "urls"]),
            PathBuf::from("b.toml")
        );
        assert_eq!(
            chosen(&["urls", "--config=c.toml"]),
            PathBuf::from("c.toml")
        );
        assert_eq!(chosen(&["-cd.toml", "urls"]), PathBuf::from("d.toml"));
    }
}
