//! `postback check`: a verdict and findings for each hit, streamed as the hits are read so
//! memory stays constant whatever the input (a table needs every row first, so it buffers).

use std::io::{BufRead, IsTerminal};

use serde::Serialize;

use super::Outcome;
use crate::check::{self, Network, Report};
use crate::cli::{CheckArgs, Cli, OutputFormat};
use crate::diagnostic::Severity;
use crate::error::{exit, Error};
use crate::output::{self, JsonArray, Stream};
use crate::render::table::grid;

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<Outcome, Error> {
    let from_stdin = args.hits.is_empty() || args.hits.iter().any(|h| h == "-");
    if from_stdin && cli.config_path() == std::path::Path::new("-") {
        return Err(Error::Usage(
            "the file and the hits cannot both come from standard input\n  \
             hint: pass the file with -c FILE, or the hits as arguments"
                .into(),
        ));
    }
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let network = Network::new(&config)
        .ok_or_else(|| Error::Conflict("the file's postback endpoint is not a valid URL".into()))?;
    let is_terminal = std::io::stdout().is_terminal();
    let format = super::list_format(args.format, is_terminal);
    let mut writer = Writer::new(format, cli.color.enabled(is_terminal));
    let mut tally = Tally::default();
    let mut stream = Stream::default();

    let mut each = |label: Label, line: &str| -> Result<bool, Error> {
        let report = check::check(&network, line);
        tally.count(&report, args.strict);
        writer.write(label, report, &mut stream)?;
        Ok(!stream.is_closed())
    };
    if args.hits.is_empty() {
        read_stdin(&mut each)?;
    } else {
        for (index, hit) in args.hits.iter().enumerate() {
            let go_on = if hit == "-" {
                read_stdin(&mut each)?
            } else {
                each(Label::Argument(index + 1), hit)?
            };
            if !go_on {
                break;
            }
        }
    }
    writer.finish(&mut stream)?;
    stream.flush()?;
    if format != OutputFormat::Json {
        output::write_stderr(&tally.summary());
    }
    Ok(Outcome {
        stdout: Vec::new(),
        code: if tally.failed {
            exit::HIT_ERRORS
        } else {
            exit::SUCCESS
        },
    })
}

/// Where a hit came from.
#[derive(Clone, Copy)]
enum Label {
    Line(usize),
    Argument(usize),
}

impl Label {
    fn text(self) -> String {
        match self {
            Label::Line(n) => format!("line {n}"),
            Label::Argument(n) => format!("hit {n}"),
        }
    }
}

/// Feeds each hit line of stdin to `each`, skipping blank and `#` lines; false once the
/// output is closed.
fn read_stdin(each: &mut impl FnMut(Label, &str) -> Result<bool, Error>) -> Result<bool, Error> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        buffer.clear();
        let read = input
            .read_until(b'\n', &mut buffer)
            .map_err(|e| Error::Io(format!("cannot read standard input: {e}")))?;
        if read == 0 {
            return Ok(true);
        }
        number += 1;
        // Validation alone is faster than a lossy copy; invalid bytes are rare.
        let line = match std::str::from_utf8(&buffer) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&buffer),
        };
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !each(Label::Line(number), trimmed)? {
            return Ok(false);
        }
    }
}

#[derive(Default)]
struct Tally {
    hits: usize,
    ok: usize,
    errors: usize,
    /// Hits with warnings and no error.
    warnings: usize,
    /// Whether the exit code is 1: an error, or a warning with `--strict`.
    failed: bool,
}

impl Tally {
    fn count(&mut self, report: &Report<'_>, strict: bool) {
        self.hits += 1;
        if report.has(Severity::Error) {
            self.errors += 1;
            self.failed = true;
        } else if report.has(Severity::Warning) {
            self.warnings += 1;
            self.failed |= strict;
        } else {
            self.ok += 1;
        }
    }

    fn summary(&self) -> String {
        format!(
            "{} hit{}: {} ok, {} with errors, {} with warnings\n",
            self.hits,
            if self.hits == 1 { "" } else { "s" },
            self.ok,
            self.errors,
            self.warnings
        )
    }
}

/// A report as `--format json` prints it.
#[derive(Serialize)]
struct JsonReport<'r, 'c> {
    label: String,
    verdict: &'static str,
    #[serde(flatten)]
    report: &'r Report<'c>,
}

enum Writer {
    Plain,
    Json(JsonArray),
    Table { color: bool, rows: Vec<Vec<String>> },
}

impl Writer {
    fn new(format: OutputFormat, color: bool) -> Self {
        match format {
            OutputFormat::Plain => Writer::Plain,
            OutputFormat::Json => Writer::Json(JsonArray::default()),
            OutputFormat::Table => Writer::Table {
                color,
                rows: Vec::new(),
            },
        }
    }

    fn write(&mut self, label: Label, report: Report<'_>, out: &mut Stream) -> Result<(), Error> {
        match self {
            Writer::Plain => out.write(plain(label, &report).as_bytes()),
            Writer::Json(array) => {
                let json = JsonReport {
                    label: label.text(),
                    verdict: report.verdict(),
                    report: &report,
                };
                let mut bytes = Vec::new();
                array.element(&json, &mut bytes)?;
                out.write(&bytes)
            }
            Writer::Table { rows, .. } => {
                table_rows(label, &report, rows);
                Ok(())
            }
        }
    }

    fn finish(self, out: &mut Stream) -> Result<(), Error> {
        match self {
            Writer::Plain => Ok(()),
            Writer::Json(array) => {
                let mut bytes = Vec::new();
                array.finish(&mut bytes);
                out.write(&bytes)
            }
            Writer::Table { color, rows } => {
                let header = ["Hit", "Verdict", "Advertiser", "Code", "Message", "Hint"];
                let mut text = Vec::new();
                grid(&header, rows, color, &mut text);
                out.write(&text)
            }
        }
    }
}

/// `line 3: error (acme): <hit>`, then a line per finding and its hint.
fn plain(label: Label, report: &Report<'_>) -> String {
    let mut text = String::with_capacity(report.hit.len() + 64);
    text.push_str(&label.text());
    text.push_str(": ");
    text.push_str(report.verdict());
    if let Some(owner) = report.owner() {
        text.push_str(" (");
        text.push_str(owner);
        text.push(')');
    }
    text.push_str(": ");
    text.push_str(&report.hit);
    text.push('\n');
    for finding in &report.findings {
        text.push_str(&format!(
            "  {} {}: {}\n",
            finding.severity.label(),
            finding.code.as_str(),
            finding.message
        ));
        if let Some(hint) = &finding.hint {
            text.push_str(&format!("    hint: {hint}\n"));
        }
    }
    if report.more_findings > 0 {
        text.push_str(&format!("  … and {} more findings\n", report.more_findings));
    }
    text
}

fn table_rows(label: Label, report: &Report<'_>, rows: &mut Vec<Vec<String>>) {
    let head = |verdict: &str| {
        vec![
            label.text(),
            verdict.to_string(),
            report.owner().unwrap_or("").to_string(),
        ]
    };
    if report.findings.is_empty() {
        let mut row = head("ok");
        row.extend([String::new(), String::new(), String::new()]);
        rows.push(row);
    }
    for finding in &report.findings {
        let mut row = head(finding.severity.label());
        row.extend([
            finding.code.as_str().to_string(),
            finding.message.clone(),
            finding.hint.clone().unwrap_or_default(),
        ]);
        rows.push(row);
    }
    if report.more_findings > 0 {
        let mut row = head("");
        let more = format!("… and {} more findings", report.more_findings);
        row.extend([String::new(), more, String::new()]);
        rows.push(row);
    }
}
