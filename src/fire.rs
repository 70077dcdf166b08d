//! `fire`: the test postbacks of a selection, sent one at a time, and each answer as a
//! record. The URLs are exactly those of `urls --sample` (the rows module builds them), with
//! the click id of a real test click; a report never shows a token.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::config::{Config, Publisher};
use crate::diagnostic::printable;
use crate::error::Error;
use crate::output::Record;
use crate::rows::publishers::PublisherSamples;
use crate::rows::{self, Options, Selection};
use crate::sample::Samples;
use crate::secrets::Masker;
use crate::tracker::Tracker;

/// How much of an answer's body a report shows.
pub const BODY_BYTES: usize = 500;
/// How much more of it is read: a token that starts just before the cut is still whole when
/// it is masked, so no part of it is shown.
const BODY_READ_AHEAD: usize = 4096;

/// One postback to send.
#[derive(Clone, Debug)]
pub struct Shot<'c> {
    pub campaign_id: Option<u64>,
    pub goal: &'c str,
    /// What is sent, tokens and all.
    pub url: String,
    /// What is shown: every token `REDACTED`.
    pub shown: String,
}

/// Where to send instead of the file's endpoint (`--endpoint`): its scheme, host, port and
/// path; the query stays the file's.
pub fn endpoint(text: &str) -> Result<String, Error> {
    let usage = |why: &str| {
        Error::usage(format!("--endpoint `{text}` {why}"))
            .with_hint("give a URL such as http://127.0.0.1:8080/acquisition")
    };
    let url = url::Url::parse(text).map_err(|e| usage(&format!("is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(usage("is not an http(s) URL with a host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(usage(
            "has a query or fragment; the postback's own query is sent",
        ));
    }
    let mut base = url.to_string();
    if base.ends_with('/') && url.path() == "/" && !text.ends_with('/') {
        base.pop();
    }
    Ok(base)
}

/// How the URLs are built: to send (the samples, real tokens) and to show (every token
/// masked).
pub struct Requests {
    sending: Options,
    showing: Options,
}

impl Requests {
    /// `samples`: the click id of the test click and the `--set` values.
    pub fn new(samples: Samples) -> Self {
        let sending = Options {
            samples: Some(samples),
            ..Options::default()
        };
        let showing = Options {
            redact: true,
            ..sending.clone()
        };
        Requests { sending, showing }
    }
}

/// The postbacks of `selection`, in row order, sent to `endpoint` when given.
pub fn shots<'c>(
    config: &'c Config<'c>,
    selection: &'c Selection,
    options: &'c Requests,
    endpoint: Option<&str>,
) -> Result<Vec<Shot<'c>>, Error> {
    // Built twice, the same way: once to send, once to show.
    let sent = rows::rows(config, selection, &options.sending)?;
    let shown = rows::rows(config, selection, &options.showing)?;
    let base = config.network.postback.as_str();
    let moved = |url: &str| match endpoint {
        Some(endpoint) => format!("{endpoint}{}", &url[base.len()..]),
        None => url.to_string(),
    };
    Ok(sent
        .into_iter()
        .zip(shown)
        .map(|(row, shown)| Shot {
            campaign_id: row.campaign_id,
            goal: row.goal,
            url: moved(&row.url),
            shown: moved(&shown.url),
        })
        .collect())
}

/// The publisher postbacks of `publishers`, as their trackers would get them from the
/// network's (every macro a sample, `click_id` as the publisher's click id), sent to
/// `endpoint` when given.
pub fn publisher_shots<'c>(
    config: &'c Config<'c>,
    publishers: &[&'c Publisher<'c>],
    click_id: &str,
    endpoint: Option<&str>,
) -> Vec<(Shot<'c>, &'static Tracker)> {
    let samples = PublisherSamples {
        click_id: click_id.to_string(),
    };
    let rows = rows::publishers::rows(config, publishers, Some(&samples));
    // A postback key in a path authenticates postbacks like a token: shown masked.
    let masker = config.masker();
    rows.into_iter()
        .map(|row| {
            let receiver = config
                .publisher(row.publisher)
                .map_or(&crate::tracker::CUSTOM, rows::publishers::receiver_of);
            let url = match endpoint {
                Some(endpoint) => {
                    let query = row.url.find('?').map_or("", |at| &row.url[at..]);
                    format!("{endpoint}{query}")
                }
                None => row.url,
            };
            let shot = Shot {
                campaign_id: row.campaign_id,
                goal: row.events.label(),
                shown: masker.mask(&url).into_owned(),
                url,
            };
            (shot, receiver)
        })
        .collect()
}

/// What the endpoint answered to one postback, as `fire` reports it.
#[derive(Clone, Debug, Serialize)]
pub struct Answer<'c> {
    pub campaign_id: Option<u64>,
    pub goal: &'c str,
    /// The URL sent, every token `REDACTED`.
    pub url: String,
    pub status: Option<u16>,
    pub ms: u64,
    /// The first bytes of the body, control characters replaced.
    pub body: Option<String>,
    /// Where a redirect pointed (redirects are not followed).
    pub location: Option<String>,
    /// The tracker's word for a postback it did not record, when a 2xx body gives one
    /// (`INVALID_CLICK_ID`, `success=false`).
    pub rejected: Option<&'static str>,
    /// Why no answer came, or why its body is incomplete, in words.
    pub error: Option<String>,
}

impl Answer<'_> {
    /// A 2xx answer, read whole, whose body does not reject the postback.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
            && self.rejected.is_none()
            && self.error.is_none()
    }
}

impl Record for Answer<'_> {
    fn table_header() -> &'static [&'static str] {
        &["Status", "ms", "Goal", "URL"]
    }

    fn table_rows(&self) -> Vec<Vec<String>> {
        vec![vec![
            self.outcome(),
            self.ms.to_string(),
            self.goal.to_string(),
            self.url.clone(),
        ]]
    }

    /// `<status or error> <ms>ms <goal> <URL>`, then the body (and a redirect's Location),
    /// indented.
    fn plain(&self, out: &mut dyn Write) -> Result<(), Error> {
        writeln!(
            out,
            "{} {}ms {} {}",
            self.outcome(),
            self.ms,
            printable(self.goal),
            self.url
        )?;
        if let Some(location) = &self.location {
            writeln!(out, "    Location: {location}")?;
        }
        if let Some(body) = self.body.as_deref().filter(|b| !b.is_empty()) {
            for line in body.lines() {
                writeln!(out, "    {line}")?;
            }
        }
        Ok(())
    }
}

impl Answer<'_> {
    fn outcome(&self) -> String {
        let mut outcome = match (self.status, &self.error) {
            (Some(status), _) => status.to_string(),
            (None, Some(error)) => error.clone(),
            (None, None) => String::new(),
        };
        if let Some(rejected) = self.rejected {
            outcome.push_str(&format!(" rejected ({rejected})"));
        }
        if let (Some(_), Some(error)) = (self.status, &self.error) {
            outcome.push_str(&format!(" ({error})"));
        }
        outcome
    }
}

/// The HTTP client: no redirect followed, `timeout` per request, `postback/<version>` as the
/// user agent, proxies from `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`, certificates verified.
pub fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .user_agent(user_agent())
        .proxy(ureq::Proxy::try_from_env())
        .build()
        .into()
}

pub fn user_agent() -> String {
    format!("postback/{}", env!("CARGO_PKG_VERSION"))
}

/// Sends `shot` and reports the answer, or why there was none. What the endpoint says back
/// (its body, a redirect's `Location`) may quote the request: `masker` hides its tokens.
pub fn send<'c>(
    agent: &ureq::Agent,
    shot: &Shot<'c>,
    timeout: Duration,
    masker: &Masker,
    tracker: &Tracker,
) -> Answer<'c> {
    let started = Instant::now();
    let mut answer = Answer {
        campaign_id: shot.campaign_id,
        goal: shot.goal,
        url: shot.shown.clone(),
        status: None,
        ms: 0,
        body: None,
        location: None,
        rejected: None,
        error: None,
    };
    match agent.get(&shot.url).call() {
        Ok(mut response) => {
            answer.status = Some(response.status().as_u16());
            answer.location = (response.headers().get("location"))
                .and_then(|l| l.to_str().ok())
                .map(|l| printable(&masker.mask(l)).into_owned());
            let mut bytes = Vec::new();
            let reader = response.body_mut().as_reader();
            let read = (reader.take((BODY_BYTES + BODY_READ_AHEAD) as u64)).read_to_end(&mut bytes);
            let body = String::from_utf8_lossy(&bytes);
            let body = masker.mask(&body);
            if answer.succeeded() {
                answer.rejected = tracker.rejection_in(&body);
            }
            answer.body = Some(body_text(cut_at(&body, BODY_BYTES)));
            if let Err(e) = read {
                let timed_out = e.kind() == std::io::ErrorKind::TimedOut
                    || (e
                        .get_ref()
                        .and_then(|inner| inner.downcast_ref::<ureq::Error>()))
                    .is_some_and(|inner| matches!(inner, ureq::Error::Timeout(_)));
                answer.error = Some(match timed_out {
                    true => format!(
                        "the body was cut off by the timeout of {} s",
                        timeout.as_secs_f64()
                    ),
                    false => format!("the body could not be read in full: {e}"),
                });
            }
        }
        Err(error) => answer.error = Some(in_words(&error, timeout)),
    }
    answer.ms = started.elapsed().as_millis() as u64;
    answer
}

/// `text` to at most `bytes` bytes, on a character boundary.
fn cut_at(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A body as text: its lines kept, every other control or text-direction character
/// replaced, so an answer can neither drive the terminal nor break the report.
fn body_text(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| printable(l).into_owned()).collect();
    lines.join("\n")
}

/// A failed request in words: refused, name not resolved, TLS, timed out...
fn in_words(error: &ureq::Error, timeout: Duration) -> String {
    use std::io::ErrorKind;
    match error {
        ureq::Error::Timeout(_) => format!("timed out after {} s", timeout.as_secs_f64()),
        ureq::Error::HostNotFound => "the host name could not be resolved".into(),
        ureq::Error::ConnectionFailed => "the connection failed".into(),
        ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => {
            "the connection was refused".into()
        }
        ureq::Error::Io(e) if e.kind() == ErrorKind::TimedOut => {
            format!("timed out after {} s", timeout.as_secs_f64())
        }
        ureq::Error::Io(e) => format!("the connection failed: {e}"),
        ureq::Error::Tls(why) => format!("TLS failed: {why}"),
        ureq::Error::Rustls(e) => format!("TLS failed: {e}"),
        other => format!("the request failed: {other}"),
    }
}

/// `shot` as a `curl` command a shell runs: the same request, tokens and all.
pub fn curl(shot: &Shot<'_>, timeout: Duration) -> String {
    let quote = |text: &str| format!("'{}'", text.replace('\'', "'\\''"));
    format!(
        "curl --silent --show-error --max-time {} --user-agent {} {}",
        timeout.as_secs(),
        quote(&user_agent()),
        quote(&shot.url)
    )
}
