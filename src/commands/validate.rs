//! `postback validate`: every problem of the file, each with its position, then a summary.

use std::io::Write;

use serde::Serialize;

use crate::cli::{Cli, ValidateArgs};
use postback::config;
use postback::diagnostic::{self, count, Severity, Style};
use postback::error::{Error, ExitCode};
use postback::output::{self, Format, Record};

/// A problem as `validate` reports it.
#[derive(Serialize)]
struct Problem<'a> {
    severity: Severity,
    file: &'a str,
    line: usize,
    column: usize,
    message: String,
    hint: Option<String>,
    /// The problem with its snippet, for the text report.
    #[serde(skip)]
    text: String,
}

impl Record for Problem<'_> {
    fn table_header() -> &'static [&'static str] {
        &["Severity", "File", "Line", "Column", "Message", "Hint"]
    }

    fn table_rows(&self) -> Vec<Vec<String>> {
        vec![vec![
            self.severity.label().to_string(),
            self.file.to_string(),
            self.line.to_string(),
            self.column.to_string(),
            self.message.clone(),
            self.hint.clone().unwrap_or_default(),
        ]]
    }

    fn plain(&self, out: &mut dyn Write) -> Result<(), Error> {
        out.write_all(self.text.as_bytes())?;
        Ok(())
    }
}

pub fn run(cli: &Cli, args: &ValidateArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    // The command line always gives one: `text` unless told otherwise.
    let format = args.output.format(false);
    let source = super::read_source(cli.config_path())?;
    let loaded = config::load(&source);
    let errors = loaded.error_count();
    let warnings = loaded.diagnostics.len() - errors;
    let style = Style {
        program_prefix: false,
        color: super::stdout_color(cli),
    };
    let problems = loaded.diagnostics.iter().map(|d| {
        let position = source.position(d.span.start);
        let (message, hint) = diagnostic::shown(d, &source);
        Problem {
            severity: d.severity,
            file: &source.name,
            line: position.line,
            column: position.column,
            message,
            hint,
            text: match format {
                Format::Json => String::new(),
                _ => diagnostic::render(d, &source, style),
            },
        }
    });
    output::write_all(format, style.color, problems, out)?;
    if format == Format::Text {
        let summary = if loaded.diagnostics.is_empty() {
            format!("{}: ok\n", source.name)
        } else {
            let (errors, warnings) = (count(errors, "error"), count(warnings, "warning"));
            format!("{}: {errors}, {warnings}\n", source.name)
        };
        out.write_all(summary.as_bytes())?;
    }
    Ok(if errors > 0 {
        ExitCode::Data
    } else {
        ExitCode::Success
    })
}
