//! The arguments of the commands that print URLs and check them: `urls`, `check`, `diff`
//! and `fire`.

use std::path::PathBuf;

use clap::Args;
use clap_complete::engine::ArgValueCandidates;

use super::{OutputArgs, SelectionArgs};
use crate::completion;
use postback::owner::Levels;
use postback::sample::parse_assignment;

#[derive(Debug, Args)]
pub struct UrlsArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,

    /// Only this publisher's postbacks (repeatable; implies --level publisher)
    #[arg(long = "publisher", value_name = "KEY", add = ArgValueCandidates::new(completion::publishers))]
    pub publishers: Vec<String>,

    /// Replace every macro by a sample value, for URLs that can be fired by hand
    #[arg(long)]
    pub sample: bool,

    /// The click id to use with --sample (default: test-click-<campaign id>)
    #[arg(long, value_name = "ID", requires = "sample")]
    pub click_id: Option<String>,

    /// Use VALUE as the sample of PARAM (repeatable; with --sample)
    #[arg(long = "set", value_name = "PARAM=VALUE", value_parser = parse_assignment, requires = "sample")]
    pub set: Vec<(String, String)>,

    /// Write REDACTED in place of every security token
    #[arg(long)]
    pub redact: bool,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Render `--format email` with this minijinja template instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,

    /// For `--format adjust`: the Adjust event token(s) of a goal, as its Goal column names
    /// it (repeatable; `Event=tok1_tok2` sends several events to one URL)
    #[arg(long = "adjust-token", value_name = "GOAL=TOKEN", value_parser = postback::render::goal_token)]
    pub adjust_tokens: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The hits: URLs, paths with a query, or log lines; none or `-` reads them from stdin,
    /// one per line
    #[arg(value_name = "URL")]
    pub hits: Vec<String>,

    /// Count warnings as errors for the exit code
    #[arg(long)]
    pub strict: bool,

    /// Check templates an advertiser set up (macros expected, placeholders not), not
    /// fired hits
    #[arg(long)]
    pub template: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older file (`-` reads standard input: `git show HEAD:campaigns.toml | postback
    /// diff -`)
    #[arg(value_name = "OLD_FILE")]
    pub old: PathBuf,

    /// Which postbacks: the advertisers' (per campaign), the network's global one, or both
    #[arg(long, value_enum, default_value_t = Levels::Advertiser)]
    pub level: Levels,

    /// Only this advertiser's URLs (repeatable)
    #[arg(long = "advertiser", value_name = "KEY", add = ArgValueCandidates::new(completion::advertisers))]
    pub advertisers: Vec<String>,

    /// Write REDACTED in place of every security token
    #[arg(long)]
    pub redact: bool,

    /// Exit 1 when anything changed (as `git diff --exit-code`)
    #[arg(long)]
    pub exit_code: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FireArgs {
    /// Send this publisher's postbacks as the network's tracker would call them (every
    /// macro a sample, the click id in place of {p1}) to their tracker (repeatable)
    #[arg(long = "publisher", value_name = "KEY", add = ArgValueCandidates::new(completion::publishers))]
    pub publishers: Vec<String>,

    /// The click id of a real test click (`postback test-link --campaign <ID>`, open it,
    /// copy the click id Trackier made)
    #[arg(long, value_name = "ID")]
    pub click_id: Option<String>,

    #[command(flatten)]
    pub selection: SelectionArgs,

    /// Use VALUE as the sample of PARAM (repeatable)
    #[arg(long = "set", value_name = "PARAM=VALUE", value_parser = parse_assignment)]
    pub set: Vec<(String, String)>,

    /// Send to this URL's scheme, host, port and path instead of the file's (a staging
    /// endpoint, a local test server); the query is unchanged
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Seconds to wait for each answer
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Refuse to send more postbacks than this: a test, never a load generator
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max: usize,

    /// Print one curl command per postback and send nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}
