//! `postback check`: a verdict and findings for each hit, written as the hits are read so
//! memory stays constant whatever the input (a table needs every row first, so it buffers).

use std::io::{IsTerminal, Write};

use std::collections::BTreeMap;

use crate::cli::{CheckArgs, Cli};
use crate::ui;
use postback::check::stream::{self, Event};
use postback::check::{Code, Labeled, Mode, Network, Report, Run};
use postback::diagnostic::Severity;
use postback::error::{Error, ExitCode};
use postback::output::{self, Format, Sink};

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
    // Someone typing or pasting hits: each verdict as its line is read. A table waits for
    // its rows, so a terminal gets plain lines unless a table is asked for.
    let interactive = from_stdin && std::io::stdin().is_terminal();
    let format = match args.output.format {
        None if interactive => Format::Plain,
        _ => args.output.format(is_terminal),
    };
    if interactive && !cli.quiet {
        ui::write_stderr(
            "postback: paste postback URLs or log lines, one per line; Ctrl-D to finish\n",
        );
    }
    let color = cli.color.enabled(is_terminal);
    let mode = if args.template {
        Mode::Template
    } else {
        Mode::Hit
    };
    let mut run = Run::new(&network, mode);
    let mut reports = Reports {
        sink: output::writer::<Labeled<'_>>(format, color)?,
        tally: Tally::default(),
        strict: args.strict,
        color,
    };
    reports.sink.begin(out)?;
    if args.hits.is_empty() {
        reports.check_stdin(&mut run, out)?;
    }
    for (index, hit) in args.hits.iter().enumerate() {
        if hit == "-" {
            reports.check_stdin(&mut run, out)?;
        } else {
            let report = run.check(hit);
            reports.write(format!("hit {}", index + 1), report, out)?;
        }
    }
    let Reports { sink, tally, .. } = reports;
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

/// Where reports go: the format's writer, and the tally for the summary and exit code.
struct Reports<'c> {
    sink: Box<dyn Sink<Labeled<'c>> + 'c>,
    tally: Tally,
    strict: bool,
    color: bool,
}

impl<'c> Reports<'c> {
    fn write(
        &mut self,
        label: String,
        report: Report<'c>,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        self.tally.count(&report, self.strict);
        self.sink
            .record(Labeled::new(label, report, self.color), out)
    }

    /// Checks each hit line of stdin as `line N`, on every core, flushing whenever no more
    /// input is buffered (`tail -f access.log | postback check` shows verdicts live).
    fn check_stdin(&mut self, run: &mut Run<'_, 'c>, out: &mut dyn Write) -> Result<(), Error> {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        stream::check_lines(run, std::io::stdin(), workers, |event| match event {
            Event::Report(number, report) => self.write(format!("line {number}"), report, out),
            Event::Idle => Ok(out.flush()?),
        })
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
            postback::diagnostic::count(self.hits, "hit"),
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
