//! The edge between the library and a person: how errors and the file's problems look on
//! stderr (the `postback:` prefix, colour, snippets). Nothing below this renders for a
//! terminal.

use std::io::Write;

use crate::diagnostic::{self, cut_text, printable, severity_label, Diagnostic, Severity, Style};
use crate::error::Error;
use crate::source::Source;

/// Writes `text` to stderr; a diagnostic that cannot be written is dropped.
pub fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// An error as stderr shows it: `postback: error: <what>` and its hint, or the file's
/// problems with their snippets and a summary line.
pub fn render_error(error: &Error, color: bool) -> String {
    if let Some(invalid) = error.invalid_file() {
        let mut out = render_diagnostics(&invalid.diagnostics, &invalid.source, color);
        out.push_str(&format!("postback: {}\n", invalid.summary));
        return out;
    }
    // A value echoed from the command line or the file is cut: a message stays a few lines.
    let shown = |text: &str| cut_text(printable(text));
    let label = severity_label(Severity::Error, color);
    let mut out = format!("postback: {label}: {}\n", shown(error.message()));
    if let Some(hint) = error.hint() {
        out.push_str(&format!("  hint: {}\n", shown(hint)));
    }
    out
}

/// The file's problems as stderr shows them, each with its snippet.
pub fn render_diagnostics(diagnostics: &[Diagnostic], source: &Source, color: bool) -> String {
    let style = Style {
        program_prefix: true,
        color,
    };
    diagnostics
        .iter()
        .map(|d| diagnostic::render(d, source, style))
        .collect()
}
