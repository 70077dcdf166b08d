//! `postback diff OLD_FILE`: the postback URLs that changed since an older file.

use std::io::Write;
use std::path::Path;

use crate::cli::{Cli, DiffArgs};
use postback::config::Config;
use postback::diff;
use postback::error::{Error, ExitCode};
use postback::owner::Levels;
use postback::render;
use postback::rows::publishers;
use postback::rows::{self, Options, Selection};

pub fn run(cli: &Cli, args: &DiffArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    if args.old == Path::new("-") && cli.config_path() == Path::new("-") {
        return Err(Error::usage(
            "the old and the current file cannot both come from standard input",
        )
        .with_hint("pass the current file with -c FILE"));
    }
    if args.level == Levels::Publisher {
        super::refuse_advertiser_flags(
            &[(!args.advertisers.is_empty(), "--advertiser")],
            "--level publisher",
        )?;
    }
    let new_source = super::read_source(cli.config_path())?;
    let old_source = super::read_source(&args.old)?;
    let new = super::load(cli, &new_source)?;
    // An invalid old file is exit 65, its problems named in its own name.
    let old = super::load(cli, &old_source)?;
    let real = Options::default();
    let shown = Options {
        redact: args.redact,
        ..Options::default()
    };
    let selection = Selection {
        levels: args.level,
        advertisers: args.advertisers.clone(),
        ..Selection::default()
    };
    // An advertiser may be in one file only (added, or removed): it must be in one of them.
    for key in &selection.advertisers {
        if new.advertiser(key).is_none() && old.advertiser(key).is_none() {
            let only = Selection {
                advertisers: vec![key.clone()],
                ..Selection::default()
            };
            only.check_campaigns(&new)?;
        }
    }
    let new_selection = present_in(&selection, &new);
    let old_selection = present_in(&selection, &old);
    let differences = if args.level == Levels::Publisher {
        // Every publisher of either file: one may be added or removed.
        let all = |config| publishers::selected(config, &[]);
        let old_rows = publishers::rows(&old, &all(&old)?, None);
        let new_rows = publishers::rows(&new, &all(&new)?, None);
        diff::publisher_differences(old_rows, new_rows)
    } else {
        let new_rows = rows_of(&new, new_selection.as_ref(), &real, &shown)?;
        let old_rows = rows_of(&old, old_selection.as_ref(), &real, &shown)?;
        diff::differences(old_rows, new_rows)
    };
    let changed = !differences.is_empty();
    let mut sink = render::diff_writer(args.output.format(false), &new)?;
    sink.begin(out)?;
    for difference in differences {
        sink.record(difference, out)?;
    }
    sink.finish(out)?;
    Ok(if changed && args.exit_code {
        ExitCode::Findings
    } else {
        ExitCode::Success
    })
}

/// `selection` limited to the advertisers `config` has; `None` when none of those asked for
/// is there (the file has no rows for them).
fn present_in(selection: &Selection, config: &Config<'_>) -> Option<Selection> {
    let advertisers: Vec<String> = (selection.advertisers.iter())
        .filter(|key| config.advertiser(key).is_some())
        .cloned()
        .collect();
    if !selection.advertisers.is_empty() && advertisers.is_empty() {
        return None;
    }
    Some(Selection {
        advertisers,
        ..selection.clone()
    })
}

/// The rows of `selection` (none without one), each with its URL as shown.
fn rows_of<'c>(
    config: &'c Config<'c>,
    selection: Option<&'c Selection>,
    real: &'c Options,
    shown: &'c Options,
) -> Result<Vec<diff::Shown<'c>>, Error> {
    let Some(selection) = selection else {
        return Ok(Vec::new());
    };
    let urls = rows::rows(config, selection, shown)?
        .into_iter()
        .map(|r| r.url);
    Ok(rows::rows(config, selection, real)?
        .into_iter()
        .zip(urls)
        .collect())
}
