//! `check`: why a postback hit (or a template an advertiser set up) would not be recorded.
//!
//! A hit is found in its line ([`extract`], after JSON escapes are undone), read as a URL
//! ([`hit`]), checked against the network ([`network`]): each parameter, the click id and
//! the token ([`rules`]), the goal ([`goal`]), and what the file says its owner was given
//! ([`expect`]); over a run, duplicates ([`batch`]). The findings become a [`Report`]
//! ([`report`]). A configured token's value is never printed, in any form.

mod batch;
mod expect;
mod extract;
mod goal;
mod hit;
pub mod network;
pub mod report;
mod rules;

use extract::{extract, Hit};
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

/// A run of checks: one network, one mode, and what earlier hits of the run showed.
pub struct Run<'n, 'c> {
    network: &'n Network<'c>,
    mode: Mode,
    batch: batch::Batch,
}

impl<'n, 'c> Run<'n, 'c> {
    pub fn new(network: &'n Network<'c>, mode: Mode) -> Self {
        Run {
            network,
            mode,
            batch: batch::Batch::default(),
        }
    }

    /// Checks one line of input (a URL, a path and query, or a log line holding one).
    pub fn check(&mut self, line: &str) -> Report<'c> {
        let network = self.network;
        let mut findings = Findings::default();
        let line = hit::unescape_json(line);
        let parsed = match extract(&line) {
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
        let echo = match &parsed {
            Some(url) => hit::mask(network, &url.text).into_owned(),
            None => hit::mask(network, line.trim()).into_owned(),
        };
        let outcome = match &parsed {
            Some(url) => rules::check_url(network, url, self.mode, &mut findings),
            None => rules::Outcome::default(),
        };
        if self.mode == Mode::Hit {
            self.batch.check(&outcome, &mut findings);
        }
        let mut report = Report::new(
            crate::diagnostic::printable(&echo),
            outcome.owner,
            findings.0,
        );
        report.campaigns = outcome.campaigns;
        report.goal = outcome.goal;
        report
    }
}

/// Checks one fired hit on its own.
pub fn check<'c>(network: &Network<'c>, line: &str) -> Report<'c> {
    Run::new(network, Mode::Hit).check(line)
}
