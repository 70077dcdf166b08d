//! The edge between the library and a person: how errors and the file's problems look on
//! stderr (the `postback:` prefix, colour, snippets). Nothing below this renders for a
//! terminal.

use std::io::Write;

use postback::diagnostic::{
    self, cut_text, printable, severity_label, Diagnostic, Severity, Style,
};
use postback::error::Error;
use postback::source::Source;

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

/// How many of the file's problems a command other than `validate` shows: a file with a
/// section pasted 500 times must not bury the terminal.
pub const SHOWN_DIAGNOSTICS: usize = 20;

/// The file's problems as stderr shows them, each with its snippet: at most
/// [`SHOWN_DIAGNOSTICS`], errors before warnings when some must be left out, in file order,
/// then how many more there are.
pub fn render_diagnostics(diagnostics: &[Diagnostic], source: &Source, color: bool) -> String {
    let style = Style {
        program_prefix: true,
        color,
    };
    let mut shown: Vec<usize> = (0..diagnostics.len())
        .filter(|&at| diagnostics[at].severity == Severity::Error)
        .chain((0..diagnostics.len()).filter(|&at| diagnostics[at].severity != Severity::Error))
        .take(SHOWN_DIAGNOSTICS)
        .collect();
    shown.sort_unstable();
    let mut out: String = (shown.iter())
        .map(|&at| diagnostic::render(&diagnostics[at], source, style))
        .collect();
    let more = diagnostics.len() - shown.len();
    if more > 0 {
        out.push_str(&format!(
            "postback: … {more} more (postback validate for all)\n"
        ));
    }
    out
}
