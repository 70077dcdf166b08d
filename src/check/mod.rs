//! `check`: why a postback hit (or a template an advertiser set up) would not be recorded.
//!
//! A hit is found in its line ([`extract`], after JSON escapes are undone), read as a URL
//! ([`hit`]), checked against the network ([`network`]): each parameter, the click id and
//! the token ([`rules`]), the goal ([`goal`]), and what the file says its owner was given
//! ([`expect`]); over a run, duplicates ([`batch`]). The findings become a [`Report`]
//! ([`report`]). A configured token's value is never printed, in any form.
//!
//! A line is examined on its own ([`Examiner`], on any thread), then concluded in input
//! order ([`Run::conclude`]: the run's duplicates); [`stream`] does both for stdin on
//! every core.

mod batch;
mod expect;
mod extract;
mod goal;
mod hit;
mod macro_text;
pub mod network;
mod owner_rows;
pub mod report;
mod rules;
pub mod stream;

use std::borrow::Cow;

use extract::{extract, Hit};

use crate::owner::Owner;
pub use network::Network;
pub use report::{Code, Finding, Findings, Labeled, Report, MAX_FINDINGS};

/// What the input is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Hits the advertiser's system fired: every macro should be replaced.
    #[default]
    Hit,
    /// Templates the advertiser set up (`--template`): macros are expected, placeholders
    /// are not, and what the file gives must be there.
    Template,
}

/// What one line shows on its own: everything but what the run's other hits add. Lines
/// are examined independently (on several threads, for a stream) and concluded in order.
pub struct Examined<'c> {
    echo: String,
    findings: Findings,
    owner: Option<Owner<'c>>,
    campaigns: Vec<u64>,
    goal: Option<&'c str>,
    seen: batch::Seen<'c>,
    read_from: extract::Part,
    /// The tracker's verdict the log line gives, and what it means.
    logged: Option<(&'static str, String)>,
}

/// Examines lines against one network in one mode; shared by every thread of a run.
#[derive(Clone, Copy)]
pub struct Examiner<'n, 'c> {
    network: &'n Network<'c>,
    mode: Mode,
}

impl<'c> Examiner<'_, 'c> {
    /// Checks one line of input (a URL, a path and query, or a log line holding one) on
    /// its own.
    pub fn examine(&self, line: &str) -> Examined<'c> {
        let network = self.network;
        let mut findings = Findings::default();
        let line = hit::unescape_json(line);
        let (hit, read_from) = extract(&line);
        let parsed = match hit {
            Hit::None => {
                findings.error(
                    Code::InvalidUrl,
                    "no URL in this line",
                    "paste the whole URL the advertiser's system fired, starting with https://",
                );
                None
            }
            Hit::Url(text) | Hit::Path(text) => hit::parse(network, text, &mut findings),
        };
        // What the log line itself says of the hit (an export's `INVALID_CLICK_ID`), read
        // outside the hit so that a value of it is not taken for a verdict.
        let logged = match hit {
            Hit::Url(text) | Hit::Path(text) if read_from.is_some() => {
                let rest = line.replacen(text, " ", 1);
                let tracker = network.tracker();
                (tracker.rejection_in(&rest)).map(|code| {
                    let meaning = tracker.meaning_in(code, &rest);
                    (code, network.masker.mask(&meaning).into_owned())
                })
            }
            _ => None,
        };
        let echo = match &parsed {
            Some(url) => hit::mask(network, &url.text),
            None => hit::mask(network, line.trim()),
        };
        let outcome = match &parsed {
            Some(url) => rules::check_url(network, url, self.mode, &mut findings),
            None => rules::Outcome::default(),
        };
        let seen = match self.mode {
            Mode::Hit => batch::Seen::of(&outcome),
            // A template is not a conversion: it repeats ids by design.
            Mode::Template => batch::Seen::default(),
        };
        let echo = match crate::diagnostic::printable(&echo) {
            // Already printable: the masked text itself, not a copy.
            Cow::Borrowed(_) => echo.into_owned(),
            Cow::Owned(printable) => printable,
        };
        Examined {
            echo,
            findings,
            owner: outcome.owner,
            campaigns: outcome.campaigns,
            goal: outcome.goal,
            seen,
            read_from,
            logged,
        }
    }
}

/// A run of checks: one network, one mode, and what earlier hits of the run showed.
pub struct Run<'n, 'c> {
    examiner: Examiner<'n, 'c>,
    batch: batch::Batch,
}

impl<'n, 'c> Run<'n, 'c> {
    pub fn new(network: &'n Network<'c>, mode: Mode) -> Self {
        Run {
            examiner: Examiner { network, mode },
            batch: batch::Batch::default(),
        }
    }

    pub fn examiner(&self) -> Examiner<'n, 'c> {
        self.examiner
    }

    /// The report on an examined line, with what the run's earlier lines add.
    pub fn conclude(&mut self, examined: Examined<'c>) -> Report<'c> {
        let Examined {
            echo,
            mut findings,
            owner,
            campaigns,
            goal,
            seen,
            read_from,
            logged,
        } = examined;
        let tracker = self.examiner.network.tracker();
        self.batch.check(&seen, tracker, &mut findings);
        // A message or hint may quote a value (the goal a hint suggests, a click id): masked
        // like the hit itself.
        for finding in findings.0.iter_mut().take(MAX_FINDINGS) {
            finding.mask(&self.examiner.network.masker);
        }
        let mut report = Report::new(echo, owner, findings.0);
        report.campaigns = campaigns;
        report.goal = goal;
        report.read_from = read_from;
        if let Some((code, meaning)) = logged {
            report.logged = Some(code);
            report.logged_meaning = meaning;
        }
        report
    }

    /// Checks one line of input (a URL, a path and query, or a log line holding one).
    pub fn check(&mut self, line: &str) -> Report<'c> {
        let examined = self.examiner.examine(line);
        self.conclude(examined)
    }
}

/// Checks one fired hit on its own.
pub fn check<'c>(network: &Network<'c>, line: &str) -> Report<'c> {
    Run::new(network, Mode::Hit).check(line)
}
