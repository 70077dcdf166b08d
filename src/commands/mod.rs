//! The commands: each reads what it needs and writes its records to `out` through the one
//! output pipeline ([`postback::output`]); warnings go to stderr.

mod catalog;
mod check;
mod diff;
mod docs;
mod edit;
mod fire;
mod list;
mod test_link;
mod urls;
mod validate;

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

use crate::cli::{Cli, Command};
use postback::config::{self, Config};
use postback::diagnostic::{count, Severity};
use postback::error::{Error, ExitCode, InvalidFile};
use postback::secrets::Masker;

use crate::ui;
use postback::source::Source;

/// The tokens of the file this run loaded: an error raised after loading (a template's
/// error quoting a URL, an edit's) is masked with them, whichever command raised it. Kept
/// as values: the masker is built only for an error.
static LOADED_TOKENS: OnceLock<Vec<String>> = OnceLock::new();

/// Runs the parsed command line, writing its data to `out`; returns the exit code of a run
/// that did not fail.
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<ExitCode, Error> {
    dispatch(cli, out).map_err(|error| match LOADED_TOKENS.get() {
        Some(tokens) => error.masked(&Masker::new(tokens)),
        None => error,
    })
}

fn dispatch(cli: &Cli, out: &mut dyn Write) -> Result<ExitCode, Error> {
    match &cli.command {
        Command::Urls(args) => urls::run(cli, args, out),
        Command::Check(args) => check::run(cli, args, out),
        Command::Validate(args) => validate::run(cli, args, out),
        Command::List(args) => list::run(cli, args, out),
        Command::TestLink(args) => test_link::run(cli, args, out),
        Command::Params(args) => catalog::params(cli, args, out),
        Command::Macros { set, listing } => catalog::macros(cli, set.as_deref(), listing, out),
        Command::Diff(args) => diff::run(cli, args, out),
        Command::Fire(args) => fire::run(cli, args, out),
        Command::Init(args) => edit::init(cli, args, out),
        Command::Add(args) => edit::add(cli, args, out),
        Command::Set(args) => edit::set(cli, args, out),
        Command::Remove(args) => edit::remove(cli, args, out),
        Command::EmailTemplate => docs::email_template(out),
        Command::Completions { shell } => docs::completions(*shell, out),
        Command::Man { command } => docs::man(command, out),
    }
}

/// Says on stderr that a selection printed nothing (an advertiser without campaigns, say):
/// an empty stdout alone looks like a failure. `-q` silences it; the exit code stays 0.
/// A usage error (2) for the first of `flags` given: they select advertisers' postbacks, and
/// the command line selects publishers' (`publishers` says how).
fn refuse_advertiser_flags(flags: &[(bool, &str)], publishers: &str) -> Result<(), Error> {
    match flags.iter().find(|(given, _)| *given) {
        Some((_, flag)) => Err(Error::usage(format!(
            "{flag} is for advertisers' postbacks, not {publishers}"
        ))
        .with_hint(format!("drop {flag}, or drop {publishers}"))),
        None => Ok(()),
    }
}

fn say_if_empty(cli: &Cli, count: usize, what: &str) {
    if count == 0 && !cli.quiet {
        ui::write_stderr(&format!(
            "postback: the selection has no {what}\n  hint: `postback list` shows the advertisers and campaigns the file has\n"
        ));
    }
}

/// Whether stdout is a terminal that should get colors.
fn stdout_color(cli: &Cli) -> bool {
    cli.color.enabled(std::io::stdout().is_terminal())
}

/// Whether stderr is a terminal that should get colors.
pub fn stderr_color(cli: &Cli) -> bool {
    cli.color.enabled(std::io::stderr().is_terminal())
}

/// The config file when there is one: a missing default `campaigns.toml` is no error for
/// commands that are useful without a file (`params`, `macros`).
pub fn read_optional_source(cli: &Cli) -> Result<Option<Source>, Error> {
    if cli.config.is_none() && !Path::new(crate::cli::DEFAULT_CONFIG).exists() {
        return Ok(None);
    }
    read_source(cli.config_path()).map(Some)
}

/// Reads the config file (`-`: standard input).
pub fn read_source(path: &Path) -> Result<Source, Error> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::unreadable("<stdin>", e))?;
        return Ok(Source::from_bytes("<stdin>", bytes));
    }
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::config_unreadable(&name, e))?;
    postback::edit::write::sweep(path);
    Ok(Source::from_bytes(name, bytes))
}

/// Loads and checks the file: errors stop the command (exit 65), warnings go to stderr unless
/// `--quiet`.
pub fn load<'s>(cli: &Cli, source: &'s Source) -> Result<Config<'s>, Error> {
    let loaded = config::load(source);
    let shown = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error || !cli.quiet);
    match loaded.config {
        Some(config) => {
            let _ = LOADED_TOKENS.set(config.token_values());
            let warnings: Vec<_> = shown.cloned().collect();
            ui::write_stderr(&ui::render_diagnostics(
                &warnings,
                source,
                stderr_color(cli),
            ));
            Ok(config)
        }
        None => {
            // Warnings first, then the errors that stop the command.
            let (mut diagnostics, errors): (Vec<_>, Vec<_>) = shown
                .cloned()
                .partition(|d| d.severity == Severity::Warning);
            diagnostics.extend(errors);
            Err(Error::invalid_config(InvalidFile {
                source: source.clone(),
                diagnostics,
                summary: format!(
                    "{}: {} (run `postback validate` for the full report)",
                    source.name,
                    count(loaded.error_count(), "error")
                ),
            }))
        }
    }
}
