//! The commands: each reads what it needs, acts, and returns the bytes for stdout.

mod check;
mod docs;
mod edit;
mod listing;
mod test_link;
mod urls;
mod validate;

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::cli::{Cli, ColorWhen, Command, OutputFormat};
use crate::config::{self, Config};
use crate::diagnostic::{self, Severity, Style};
use crate::error::{exit, Error};
use crate::output;
use crate::source::Source;

/// What a command that ran to the end produced: its stdout and its exit code.
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub code: u8,
}

impl From<Vec<u8>> for Outcome {
    fn from(stdout: Vec<u8>) -> Self {
        Outcome {
            stdout,
            code: exit::SUCCESS,
        }
    }
}

/// Runs the parsed command line; returns the exit code of a run that did not fail.
pub fn run(cli: &Cli) -> Result<u8, Error> {
    let outcome: Outcome = match &cli.command {
        Command::Urls(args) => urls::run(cli, args)?.into(),
        Command::Check(args) => check::run(cli, args)?,
        Command::Validate(args) => validate::run(cli, args)?,
        Command::List(args) => listing::list(cli, args)?.into(),
        Command::TestLink(args) => test_link::run(cli, args)?.into(),
        Command::Params(args) => listing::params(cli, args)?.into(),
        Command::Macros { set, listing } => listing::macros(cli, set.as_deref(), listing)?.into(),
        Command::Init { force } => edit::init(cli, *force)?.into(),
        Command::Add(args) => edit::add(cli, args)?.into(),
        Command::Completions { shell } => docs::completions(*shell).into(),
        Command::Man => docs::man()?.into(),
    };
    output::write_stdout(&outcome.stdout)?;
    Ok(outcome.code)
}

/// Whether stdout is a terminal that should get colors.
fn stdout_color(cli: &Cli) -> bool {
    cli.color.enabled(std::io::stdout().is_terminal())
}

/// `--format` of a list command: as given, else a table on a terminal and plain otherwise.
fn list_format(format: Option<OutputFormat>, is_terminal: bool) -> OutputFormat {
    match format {
        Some(format) => format,
        None if is_terminal => OutputFormat::Table,
        None => OutputFormat::Plain,
    }
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
    let (name, bytes) = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Unreadable {
                path: "<stdin>".into(),
                reason: e.to_string(),
            })?;
        ("<stdin>".to_string(), bytes)
    } else {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
            reason: match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "no such file\n  hint: run `postback init` to create one, or pass -c FILE"
                        .to_string()
                }
                _ => e.to_string(),
            },
            path: name.clone(),
        })?;
        (name, bytes)
    };
    Ok(Source::from_bytes(name, bytes))
}

fn stderr_style(color: ColorWhen) -> Style {
    Style {
        program_prefix: true,
        color: color.enabled(std::io::stderr().is_terminal()),
    }
}

/// Loads and checks the file: errors stop the command (exit 65), warnings go to stderr unless
/// `--quiet`.
pub fn load<'s>(cli: &Cli, source: &'s Source) -> Result<Config<'s>, Error> {
    let loaded = config::load(source);
    let style = stderr_style(cli.color);
    let mut errors = String::new();
    let mut warnings = String::new();
    for d in &loaded.diagnostics {
        match d.severity {
            Severity::Error => errors.push_str(&diagnostic::render(d, source, style)),
            Severity::Warning if !cli.quiet => {
                warnings.push_str(&diagnostic::render(d, source, style))
            }
            Severity::Warning => {}
        }
    }
    match loaded.config {
        Some(config) => {
            output::write_stderr(&warnings);
            Ok(config)
        }
        None => {
            let count = loaded.error_count();
            errors.push_str(&format!(
                "postback: {}: {count} error{} (run `postback validate` for the full report)\n",
                source.name,
                if count == 1 { "" } else { "s" }
            ));
            Err(Error::InvalidConfig {
                report: warnings + &errors,
            })
        }
    }
}
