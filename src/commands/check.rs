//! `postback check`: a verdict and findings for each hit, written as the hits are read so
//! memory stays constant whatever the input (a table needs every row first, so it buffers).

use std::io::{BufRead, IsTerminal, Write};

use std::collections::BTreeMap;

use crate::check::{Code, Labeled, Mode, Network, Report, Run};
use crate::cli::{CheckArgs, Cli};
use crate::diagnostic::Severity;
use crate::error::{Error, ExitCode};
use crate::output::{self, Context, Format};
use crate::ui;

pub fn run(cli: &Cli, args: &CheckArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let from_stdin = args.hits.is_empty() || args.hits.iter().any(|h| h == "-");
    if from_stdin && cli.config_path() == std::path::Path::new("-") {
        return Err(
            Error::usage("the file and the hits cannot both come from standard input")
                .with_hint("pass the file with -c FILE, or the hits as arguments"),
        );
    }
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let network = Network::new(&config);
    let is_terminal = std::io::stdout().is_terminal();
    let format = args.output.format(is_terminal);
    let color = cli.color.enabled(is_terminal);
    let context = Context::new(Some(&config), color);
    let mut sink = output::writer::<Labeled<'_>>(format, context)?;
    let mode = if args.template {
        Mode::Template
    } else {
        Mode::Hit
    };
    let mut run = Run::new(&network, mode);
    let mut tally = Tally::default();
    sink.begin(out)?;
    let mut each = |label: String, line: &str, idle: bool| -> Result<(), Error> {
        let report = run.check(line);
        tally.count(&report, args.strict);
        sink.record(Labeled::new(label, report, color), out)?;
        if idle {
            // Nothing more to read yet (`tail -f access.log | postback check`): show it now.
            out.flush()?;
        }
        Ok(())
    };
    if args.hits.is_empty() {
        read_stdin(&mut each)?;
    }
    for (index, hit) in args.hits.iter().enumerate() {
        if hit == "-" {
            read_stdin(&mut each)?;
        } else {
            each(format!("hit {}", index + 1), hit, false)?;
        }
    }
    sink.finish(out)?;
    // The reports come before the summary that counts them.
    out.flush()?;
    if format != Format::Json && !cli.quiet {
        ui::write_stderr(&tally.summary());
    }
    Ok(if tally.failed {
        ExitCode::Findings
    } else {
        ExitCode::Success
    })
}

/// Feeds each hit line of stdin to `each` as `line N`, skipping blank and `#` lines, and
/// saying when no more input is buffered (the next read would wait).
fn read_stdin(each: &mut impl FnMut(String, &str, bool) -> Result<(), Error>) -> Result<(), Error> {
    let stdin = std::io::stdin();
    let mut input = std::io::BufReader::with_capacity(64 * 1024, stdin.lock());
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        buffer.clear();
        let read = input
            .read_until(b'\n', &mut buffer)
            .map_err(|e| Error::io("cannot read standard input", e))?;
        if read == 0 {
            return Ok(());
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
        let idle = input.buffer().is_empty();
        each(format!("line {number}"), trimmed, idle)?;
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
    /// Findings by code, in the codes' order.
    codes: BTreeMap<Code, usize>,
}

impl Tally {
    fn count(&mut self, report: &Report<'_>, strict: bool) {
        self.hits += 1;
        for finding in &report.findings {
            *self.codes.entry(finding.code).or_default() += 1;
        }
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

    /// `N hits: X ok, Y with errors, Z with warnings`, then the findings by code.
    fn summary(&self) -> String {
        let mut summary = format!(
            "{}: {} ok, {} with errors, {} with warnings\n",
            crate::diagnostic::count(self.hits, "hit"),
            self.ok,
            self.errors,
            self.warnings
        );
        if !self.codes.is_empty() {
            let codes: Vec<String> = (self.codes.iter())
                .map(|(code, n)| format!("{} {n}", code.as_str()))
                .collect();
            summary.push_str(&format!("findings: {}\n", codes.join(", ")));
        }
        summary
    }
}
