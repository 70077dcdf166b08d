//! `check`: why a postback hit (or a template an advertiser set up) would not be recorded.
//!
//! A hit is found in its line ([`extract`]), read as a URL ([`hit`]), checked against the
//! network ([`network`], [`rules`]), and the findings become a [`Report`] ([`report`]). A
//! configured token's value is never printed: not in a message, a hint, nor the echo of the
//! hit.

mod extract;
mod hit;
pub mod network;
pub mod report;
mod rules;

use extract::{extract, Hit};
use hit::{quote, HIT_WIDTH};
pub use network::Network;
pub use report::{Code, Finding, Findings, Labeled, Report, MAX_FINDINGS};

/// Checks one line of input (a URL, a path and query, or a log line holding one).
pub fn check<'c>(network: &Network<'c>, line: &str) -> Report<'c> {
    let mut findings = Findings::default();
    let parsed = match extract(line) {
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
        Some(url) => quote(&url.text, HIT_WIDTH),
        None => quote(line.trim(), HIT_WIDTH),
    };
    let owner = parsed.and_then(|url| rules::check_url(network, &url, &mut findings));
    Report::new(echo, owner, findings.0)
}
