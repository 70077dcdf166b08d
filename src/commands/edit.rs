//! `postback init` and `postback add`: writing the file, safely (see [`postback::edit`]).

use std::io::Write;
use std::path::Path;

use crate::cli::{
    AddArgs, AddCommand, Cli, InitArgs, ParamChangeArgs, PublisherArgs, RemoveArgs, RemoveCommand,
    SetArgs, SetCommand,
};
use crate::starter::Starter;
use postback::edit::{
    write, Addition, Edit, GoalName, ParamChanges, PublisherFields, Removal, Setting,
};
use postback::error::{Error, ExitCode};
use postback::source::Source;

pub fn init(cli: &Cli, args: &InitArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let starter = Starter {
        name: args.name.clone(),
        domain: args.domain.clone(),
        token: args.token.source(),
        test_publisher: args.test_publisher,
        example: args.example,
    }
    .text()?;
    // What the flags gave must make a valid file: refused (65) otherwise, nothing written.
    let checked = Source::new("the starter file", starter.clone());
    let loaded = postback::config::load(&checked);
    if loaded.config.is_none() {
        return Err(Error::invalid_config(postback::error::InvalidFile {
            summary: format!(
                "{}: the values given to init are not valid; nothing was written",
                checked.name
            ),
            diagnostics: loaded
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == postback::diagnostic::Severity::Error)
                .collect(),
            source: checked,
        }));
    }
    let force = args.force;
    let path = cli.config_path();
    if path == Path::new("-") {
        out.write_all(starter.as_bytes())?;
        return Ok(ExitCode::Success);
    }
    let given = path;
    let path = write::resolve(path);
    write::check_editable(given, &path)?;
    let _lock = write::lock(&path)?;
    if !force && std::fs::symlink_metadata(&path).is_ok() {
        return Err(
            Error::cant_write(format!("{} already exists", path.display()))
                .with_hint("run `postback init --force` to overwrite it, or pass -c NEW_FILE"),
        );
    }
    write::replace(&path, given, starter.as_bytes(), None)?;
    if cli.quiet {
        return Ok(ExitCode::Success);
    }
    crate::ui::write_stderr(&format!(
        "postback: wrote {}; next: `postback validate`, then `postback urls`\n",
        cli.config_path().display()
    ));
    Ok(ExitCode::Success)
}

pub fn add(cli: &Cli, args: &AddArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let addition = addition(&args.what);
    let report = format!("added {} to", addition.describe());
    change(cli, args.dry_run, out, &report, |edit| {
        edit.apply(&addition)
    })
}

pub fn set(cli: &Cli, args: &SetArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let setting = setting(&args.what);
    let report = format!("changed {} in", setting.describe());
    change(cli, args.dry_run, out, &report, |edit| edit.set(&setting))
}

pub fn remove(cli: &Cli, args: &RemoveArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let removal = match &args.what {
        RemoveCommand::Advertiser { key, cascade } => Removal::Advertiser {
            key: key.clone(),
            cascade: *cascade,
        },
        RemoveCommand::Campaign { id } => Removal::Campaign { id: *id },
        RemoveCommand::Publisher { key } => Removal::Publisher { key: key.clone() },
        RemoveCommand::Goal { campaign_id, name } => Removal::Goal {
            campaign: *campaign_id,
            name: name.clone(),
        },
        RemoveCommand::GlobalGoal { name } => Removal::GlobalGoal { name: name.clone() },
    };
    let report = format!("removed {} from", removal.describe());
    change(cli, args.dry_run, out, &report, |edit| {
        edit.remove(&removal)
    })
}

/// One edit of the file, safely: read once under the lock, `make` the change, validate,
/// then write atomically (or print, with `--dry-run` or `-c -`) and say what was done.
fn change(
    cli: &Cli,
    dry_run: bool,
    out: &mut dyn Write,
    report: &str,
    make: impl FnOnce(&mut Edit<'_>) -> Result<(), Error>,
) -> Result<ExitCode, Error> {
    let path = cli.config_path();
    if path == Path::new("-") {
        // The edited file goes to stdout: there is nothing to write in place.
        let source = super::read_source(path)?;
        let mut edit = Edit::open(&source)?;
        make(&mut edit)?;
        out.write_all(edit.finish()?.as_bytes())?;
        return Ok(ExitCode::Success);
    }
    let given = path;
    let path = write::resolve(path);
    write::check_editable(given, &path)?;
    if !path.is_file() {
        // Missing, or a directory: the same 66 as every command, before any lock is taken.
        super::read_source(&path)?;
    }
    let _lock = (!dry_run).then(|| write::lock(&path)).transpose()?;
    // Messages name the file as the user did, not as its resolved target.
    let name = given.display().to_string();
    let bytes = std::fs::read(&path).map_err(|e| Error::config_unreadable(&name, e))?;
    let source = Source::from_bytes(name, bytes.clone());
    let mut edit = Edit::open(&source)?;
    make(&mut edit)?;
    let edited = edit.finish()?;
    if dry_run {
        out.write_all(edited.as_bytes())?;
        return Ok(ExitCode::Success);
    }
    if edited.as_bytes() == bytes.as_slice() {
        // `set` with no flag, the same value, or dropping what is not there: the file
        // already says so, and its bytes and modification time stay as they are.
        if !cli.quiet {
            crate::ui::write_stderr(&format!(
                "postback: unchanged: {} already says so\n",
                given.display()
            ));
        }
        return Ok(ExitCode::Success);
    }
    write::replace(&path, given, edited.as_bytes(), Some(&bytes))?;
    if !cli.quiet {
        crate::ui::write_stderr(&format!("postback: {report} {}\n", given.display()));
    }
    Ok(ExitCode::Success)
}

/// `--value` or `--id` (the command line requires exactly one).
fn goal_name(value: &Option<String>, id: &Option<String>) -> GoalName {
    match (value, id) {
        (Some(value), _) => GoalName::Value(value.clone()),
        (None, id) => GoalName::Id(id.clone().unwrap_or_default()),
    }
}

/// The fields the shared publisher arguments give; `campaigns` as `--campaign` lists them
/// (`--all-campaigns` clears them).
fn publisher_fields(args: &PublisherArgs, all_campaigns: bool) -> PublisherFields {
    PublisherFields {
        domain: args.domain.clone(),
        postback_key: args.postback_key.clone(),
        template: args.template.clone(),
        campaigns: match (all_campaigns, args.campaigns.is_empty()) {
            (true, _) => Some(Vec::new()),
            (false, true) => None,
            (false, false) => Some(args.campaigns.clone()),
        },
        events: args.events.clone(),
        fire_on_pending: args.fire_on_pending,
        ..PublisherFields::default()
    }
}

fn addition(command: &AddCommand) -> Addition {
    match command {
        AddCommand::Publisher {
            key,
            name,
            id,
            tracker,
            fields,
        } => Addition::Publisher {
            key: key.clone(),
            fields: PublisherFields {
                name: Some(name.clone()),
                id: Some(*id),
                tracker: Some(tracker.clone()),
                // A new publisher that fires on pending says so; false is the default.
                fire_on_pending: fields.fire_on_pending.filter(|on| *on),
                ..publisher_fields(fields, false)
            },
        },
        AddCommand::Advertiser {
            key,
            name,
            token,
            macros,
        } => Addition::Advertiser {
            key: key.clone(),
            name: name.clone(),
            token: token.source(),
            macros: macros.macros.clone(),
            overrides: macros.overrides.clone(),
        },
        AddCommand::Campaign {
            id,
            name,
            advertiser,
            default,
            parameters,
        } => Addition::Campaign {
            id: *id,
            name: name.clone(),
            advertiser: advertiser.clone(),
            default: default.clone(),
            params: parameters.params.clone(),
            fixed: parameters.fixed.clone(),
        },
        AddCommand::Goal {
            campaign_id,
            name,
            value,
            id,
            parameters,
        } => Addition::Goal {
            campaign: *campaign_id,
            name: name.clone(),
            target: goal_name(value, id),
            params: parameters.params.clone(),
            fixed: parameters.fixed.clone(),
        },
        AddCommand::Global {
            macros,
            parameters,
            event,
        } => Addition::Global {
            macros: macros.macros.clone(),
            params: parameters.params.clone(),
            fixed: parameters.fixed.clone(),
            event: *event,
            overrides: macros.overrides.clone(),
        },
        AddCommand::GlobalGoal { name, value, id } => Addition::GlobalGoal {
            name: name.clone(),
            target: goal_name(value, id),
        },
    }
}

fn changes(args: &ParamChangeArgs) -> ParamChanges {
    ParamChanges {
        params: args.params.clone(),
        unset_params: args.unset_params.clone(),
        fixed: args.fixed.clone(),
        unset_fixed: args.unset_fixed.clone(),
    }
}

fn setting(command: &SetCommand) -> Setting {
    match command {
        SetCommand::Network {
            name,
            tracker,
            domain,
            token,
            test_publisher,
        } => Setting::Network {
            name: name.clone(),
            tracker: tracker.clone(),
            domain: domain.clone(),
            token: token.source(),
            test_publisher: *test_publisher,
        },
        SetCommand::Publisher {
            key,
            name,
            id,
            tracker,
            fields,
            all_campaigns,
        } => Setting::Publisher {
            key: key.clone(),
            fields: PublisherFields {
                name: name.clone(),
                id: *id,
                tracker: tracker.clone(),
                ..publisher_fields(fields, *all_campaigns)
            },
        },
        SetCommand::Advertiser {
            key,
            name,
            token,
            macros,
            unset_macros,
        } => Setting::Advertiser {
            key: key.clone(),
            name: name.clone(),
            token: token.source(),
            macros: macros.macros.clone(),
            set_macros: macros.overrides.clone(),
            unset_macros: unset_macros.clone(),
        },
        SetCommand::Campaign {
            id,
            name,
            advertiser,
            default,
            changes: c,
        } => Setting::Campaign {
            id: *id,
            name: name.clone(),
            advertiser: advertiser.clone(),
            default: default.clone(),
            changes: changes(c),
        },
        SetCommand::Goal {
            campaign_id,
            name,
            new_name,
            value,
            id,
            changes: c,
        } => Setting::Goal {
            campaign: *campaign_id,
            name: name.clone(),
            new_name: new_name.clone(),
            target: match (value, id) {
                (None, None) => None,
                _ => Some(goal_name(value, id)),
            },
            changes: changes(c),
        },
    }
}
