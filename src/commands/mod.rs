//! The commands: each reads what it needs, acts, and returns the bytes for stdout.

mod docs;
mod urls;

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::cli::{Cli, Command};
use crate::config::{self, Config};
use crate::diagnostic::{self, Diagnostic, Severity, Style};
use crate::error::{exit, Error};
use crate::output;
use crate::source::Source;

/// Runs the parsed command line; returns the exit code of a run that did not fail.
pub fn run(cli: &Cli) -> Result<u8, Error> {
    let stdout = match &cli.command {
        Command::Urls(args) => urls::run(cli, args)?,
        Command::Completions { shell } => docs::completions(*shell),
        Command::Man => docs::man()?,
    };
    output::write_stdout(&stdout)?;
    Ok(exit::SUCCESS)
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
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let source = Source::new(name, String::from_utf8_lossy(error.as_bytes()).into_owned());
            let diagnostic = Diagnostic {
                severity: Severity::Error,
                span: offset..offset + 1,
                message: "the file is not valid UTF-8".into(),
                hint: Some("save the file as UTF-8".into()),
            };
            Err(Error::InvalidConfig {
                report: diagnostic::render(&diagnostic, &source, stderr_style(cli_color_never())),
            })
        }
    }
}

// The UTF-8 error is reported before the command line's color choice is at hand, so plain.
fn cli_color_never() -> crate::cli::ColorWhen {
    crate::cli::ColorWhen::Never
}

fn stderr_style(color: crate::cli::ColorWhen) -> Style {
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
