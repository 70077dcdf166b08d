//! Problems found in a config file, each with a position, and their rendering for people.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

use crate::source::Source;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem: what, where (a byte span of the file) and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn with_hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_maybe_hint(&mut self, hint: Option<String>) -> &mut Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }
}

/// The problems found so far, in the order they were found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Error, span, message.into())
    }

    pub fn warning(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Warning, span, message.into())
    }

    fn push(&mut self, severity: Severity, span: Range<usize>, message: String) -> &mut Diagnostic {
        self.items.push(Diagnostic {
            severity,
            span,
            message,
            hint: None,
        });
        self.items.last_mut().expect("just pushed")
    }

    /// Adds the problems found in a part of the file that starts at byte `by`.
    pub fn append_shifted(&mut self, other: Diagnostics, by: usize) {
        self.items.extend(other.items.into_iter().map(|mut d| {
            d.span = d.span.start + by..d.span.end + by;
            d
        }));
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All problems in file order (errors before warnings at the same place).
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by_key(|d| (d.span.start, d.severity));
        self.items.dedup();
        self.items
    }
}

/// `1 error` or `2 errors`.
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// How to render diagnostics for a terminal or a log.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Start the first line with `postback: ` (every command but `validate`).
    pub program_prefix: bool,
    pub color: bool,
}

/// `error` or `warning`, in bold red or yellow when `color`.
pub fn severity_label(severity: Severity, color: bool) -> Cow<'static, str> {
    let label = severity.label();
    if !color {
        return Cow::Borrowed(label);
    }
    let code = match severity {
        Severity::Error => "31",
        Severity::Warning => "33",
    };
    Cow::Owned(format!("\x1b[1;{code}m{label}\x1b[0m"))
}

/// Renders one diagnostic: a header line `<severity>: <file>:<line>:<col>: <message>`, the
/// offending line (cut when long) with a marker under the span, and the hint.
pub fn render(diagnostic: &Diagnostic, source: &Source, style: Style) -> String {
    let position = source.position(diagnostic.span.start);
    let mut out = String::new();
    if style.program_prefix {
        out.push_str("postback: ");
    }
    out.push_str(&severity_label(diagnostic.severity, style.color));
    let (message, hint) = shown(diagnostic, source);
    let _ = writeln!(
        out,
        ": {}:{}:{}: {message}",
        source.name, position.line, position.column,
    );
    let (line, column) = source.snippet(&diagnostic.span);
    let line = printable(&line);
    let number = position.line.to_string();
    let gutter = " ".repeat(number.len());
    let width = underline_width(source, &diagnostic.span, line.chars().count(), column);
    let _ = writeln!(out, "  {number} | {line}");
    let _ = writeln!(
        out,
        "  {gutter} | {}{}",
        " ".repeat(column - 1),
        "^".repeat(width)
    );
    if let Some(hint) = hint {
        let _ = writeln!(out, "  hint: {hint}");
    }
    out
}

/// A diagnostic's message and hint as shown to a person: token values masked, control
/// characters replaced, and cut to a few hundred characters whatever the file holds.
pub fn shown(diagnostic: &Diagnostic, source: &Source) -> (String, Option<String>) {
    let show = |text: &str| cut_text(printable(&source.secrets().mask(text)));
    (
        show(&diagnostic.message),
        diagnostic.hint.as_deref().map(show),
    )
}

/// How many characters a message or hint shows at most.
const TEXT_WIDTH: usize = 300;

/// `text` cut to about [`TEXT_WIDTH`] characters, its start and end kept around a `…`.
pub fn cut_text(text: impl Into<String> + AsRef<str>) -> String {
    let count = text.as_ref().chars().count();
    if count <= TEXT_WIDTH {
        return text.into();
    }
    let text = text.as_ref();
    let head: String = text.chars().take(TEXT_WIDTH / 2).collect();
    let tail: String = text.chars().skip(count - TEXT_WIDTH / 2).collect();
    format!("{head}…{tail}")
}

/// How many characters to underline: the span's length on its first line, at least one.
fn underline_width(source: &Source, span: &Range<usize>, line_len: usize, column: usize) -> usize {
    let end = span.end.clamp(span.start, source.text.len());
    let text = source.text.get(span.start..end).unwrap_or("");
    let first_line = text.split(['\n', '\r']).next().unwrap_or("");
    let available = (line_len + 1).saturating_sub(column).max(1);
    first_line.chars().count().clamp(1, available)
}

/// `text` with control and bidirectional-override characters made visible, so a hostile
/// file can neither drive the terminal nor reorder what it shows. Tabs become one space so
/// the marker under the line stays aligned.
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if is_hidden(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Free text from the file for a one-line field (a TSV or CSV field, an email header): tabs
/// and line breaks become spaces, other control and bidi characters U+FFFD.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let shown = text.chars().map(|c| match c {
        '\t' | '\n' | '\r' => ' ',
        c if is_hidden(c) => '\u{fffd}',
        c => c,
    });
    Cow::Owned(shown.collect())
}

/// A control character, or one that reorders text (bidi overrides, isolates and marks).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_snippet_and_hint() {
        let source = Source::new("campaigns.toml", "[network]\ndomian = \"x\"\n".into());
        let mut diagnostics = Diagnostics::default();
        diagnostics
            .error(10..16, "unknown key `domian` in [network]")
            .with_hint("did you mean `domain`?");
        let text = render(
            &diagnostics.into_sorted()[0],
            &source,
            Style {
                program_prefix: true,
                color: false,
            },
        );
        assert_eq!(
            text,
            "postback: error: campaigns.toml:2:1: unknown key `domian` in [network]\n  \
             2 | domian = \"x\"\n    | ^^^^^^\n  hint: did you mean `domain`?\n"
        );
    }

    #[test]
    fn free_text_stays_on_one_line() {
        assert_eq!(one_line("Evil\nBcc: x\u{202e}"), "Evil Bcc: x\u{fffd}");
        assert!(matches!(one_line("Acme Shop"), Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_are_not_printed() {
        assert_eq!(printable("a\x1b[2Jb\tc"), "a\u{fffd}[2Jb c");
    }
}
