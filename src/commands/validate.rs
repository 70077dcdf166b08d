//! `postback validate`: every problem of the file, each with its position, then a summary.

use serde::Serialize;

use super::Outcome;
use crate::cli::{Cli, ReportFormat, ValidateArgs};
use crate::config;
use crate::diagnostic::{self, Severity, Style};
use crate::error::{exit, Error};
use crate::output;

/// A problem as `--format json` prints it.
#[derive(Serialize)]
struct Problem<'a> {
    severity: Severity,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    hint: Option<&'a str>,
}

pub fn run(cli: &Cli, args: &ValidateArgs) -> Result<Outcome, Error> {
    let source = super::read_source(cli.config_path())?;
    let loaded = config::load(&source);
    let errors = loaded.error_count();
    let warnings = loaded.diagnostics.len() - errors;
    let stdout = match args.format {
        ReportFormat::Text => {
            let style = Style {
                program_prefix: false,
                color: super::stdout_color(cli),
            };
            let mut text = String::new();
            for d in &loaded.diagnostics {
                text.push_str(&diagnostic::render(d, &source, style));
            }
            if loaded.diagnostics.is_empty() {
                text.push_str(&format!("{}: ok\n", source.name));
            } else {
                text.push_str(&format!(
                    "{}: {errors} error{}, {warnings} warning{}\n",
                    source.name,
                    plural(errors),
                    plural(warnings)
                ));
            }
            text.into_bytes()
        }
        ReportFormat::Json => {
            let problems: Vec<Problem<'_>> = loaded
                .diagnostics
                .iter()
                .map(|d| {
                    let position = source.position(d.span.start);
                    Problem {
                        severity: d.severity,
                        file: &source.name,
                        line: position.line,
                        column: position.column,
                        message: &d.message,
                        hint: d.hint.as_deref(),
                    }
                })
                .collect();
            output::json(&problems)?
        }
    };
    Ok(Outcome {
        stdout,
        code: if errors > 0 {
            exit::DATA
        } else {
            exit::SUCCESS
        },
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
