//! The command tree (clap derive). Parsing only: the commands live in [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::render::Format;
use crate::sample::parse_assignment;

/// Postback URLs for Trackier affiliate networks, from one campaigns.toml.
#[derive(Debug, Parser)]
#[command(name = "postback", version, about, max_term_width = 100)]
pub struct Cli {
    /// The campaigns file; `-` reads standard input [default: campaigns.toml]
    #[arg(
        short,
        long,
        global = true,
        env = "POSTBACK_CONFIG",
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,

    /// When to use colors (auto: when the output is a terminal and NO_COLOR is not set)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Do not print the file's warnings
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the postback URLs to hand to advertisers (the main job)
    Urls(UrlsArgs),
    /// Diagnose postback hits: why a conversion was not recorded (URLs, or lines on stdin)
    Check(CheckArgs),
    /// Check the file and report every problem with its line and column
    Validate(ValidateArgs),
    /// Advertisers, campaigns, goals and parameters at a glance (never prints a token)
    List(ListingArgs),
    /// The parameter registry, with the file's custom parameters
    Params(ListingArgs),
    /// The test tracking link of each selected campaign
    TestLink(TestLinkArgs),
    /// The macro sets, or one set's mapping
    Macros {
        /// The set to show
        set: Option<String>,
        #[command(flatten)]
        listing: ListingArgs,
    },
    /// Write a commented starter campaigns.toml
    Init {
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
    /// Add an advertiser, a campaign or a goal, keeping the file's comments and layout
    Add(AddArgs),
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on standard output
    Man,
}

#[derive(Debug, Args)]
pub struct UrlsArgs {
    /// Which postbacks: the advertisers' (per campaign), the network's global one, or both
    #[arg(long, value_enum, default_value_t = LevelArg::Advertiser)]
    pub level: LevelArg,

    /// Only this advertiser's campaigns (repeatable)
    #[arg(long = "advertiser", value_name = "KEY")]
    pub advertisers: Vec<String>,

    /// Only this campaign (repeatable)
    #[arg(long = "campaign", value_name = "ID")]
    pub campaigns: Vec<u64>,

    /// Only this goal, by name or value; `default` selects the default URLs (repeatable)
    #[arg(long = "goal", value_name = "NAME")]
    pub goals: Vec<String>,

    /// Replace every macro by a sample value, for URLs that can be fired by hand
    #[arg(long)]
    pub sample: bool,

    /// The click id to use with --sample (default: test-click)
    #[arg(long, value_name = "ID", requires = "sample")]
    pub click_id: Option<String>,

    /// Use VALUE as the sample of PARAM (repeatable; with --sample)
    #[arg(long = "set", value_name = "PARAM=VALUE", value_parser = parse_assignment, requires = "sample")]
    pub set: Vec<(String, String)>,

    /// Write REDACTED in place of every security token
    #[arg(long)]
    pub redact: bool,

    /// Output format [default: table on a terminal, plain otherwise; email with --template]
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Render `--format email` with this minijinja template instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
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

    /// Output format [default: table on a terminal, plain otherwise]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Print the new file on standard output and write nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    #[command(subcommand)]
    pub what: AddCommand,
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Add an advertiser after the last one
    Advertiser {
        /// Its key: 1-64 of a-z 0-9 _ -
        key: String,
        /// Its name, used in tables and emails
        #[arg(long)]
        name: String,
        /// Its security token
        #[arg(long, value_name = "TOKEN", conflicts_with = "token_env")]
        token: Option<String>,
        /// The environment variable holding its security token
        #[arg(long, value_name = "VAR")]
        token_env: Option<String>,
        /// The macro set of its system (`postback macros` lists them)
        #[arg(long, value_name = "SET")]
        macros: Option<String>,
    },
    /// Add a campaign at the end of the campaigns
    Campaign {
        /// Its Trackier campaign id
        #[arg(value_parser = clap::value_parser!(u64).range(1..=i64::MAX as u64))]
        id: u64,
        /// Its name
        #[arg(long)]
        name: String,
        /// The key of its advertiser
        #[arg(long, value_name = "KEY")]
        advertiser: String,
        /// The label of its default conversion [default: Default]
        #[arg(long, value_name = "LABEL")]
        default: Option<String>,
        #[command(flatten)]
        parameters: ParameterArgs,
    },
    /// Add a goal after the campaign's last goal
    Goal {
        /// The id of its campaign
        campaign_id: u64,
        /// Its name
        name: String,
        /// Its goal value (goal_value=...)
        #[arg(long, required_unless_present = "id", conflicts_with = "id")]
        value: Option<String>,
        /// Its Trackier goal id (goal_id=...)
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        parameters: ParameterArgs,
    },
}

#[derive(Debug, Args)]
pub struct ParameterArgs {
    /// A parameter the advertiser fills (repeatable)
    #[arg(long = "param", value_name = "PARAM")]
    pub params: Vec<String>,
    /// A literal parameter (repeatable)
    #[arg(long = "fixed", value_name = "PARAM=VALUE", value_parser = parse_assignment)]
    pub fixed: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct TestLinkArgs {
    /// Only this advertiser's campaigns (repeatable)
    #[arg(long = "advertiser", value_name = "KEY")]
    pub advertisers: Vec<String>,

    /// Only this campaign (repeatable)
    #[arg(long = "campaign", value_name = "ID")]
    pub campaigns: Vec<u64>,

    /// Output format [default: table on a terminal, plain otherwise]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

/// The formats of commands whose output is a short list: `test-link` and `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Columns for people (the default on a terminal)
    Table,
    /// One line per item (the default when piped)
    Plain,
    /// A pretty-printed JSON array
    Json,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Report format
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One problem after another, then a summary line
    Text,
    /// An array of problems
    Json,
}

#[derive(Debug, Args)]
pub struct ListingArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListingFormat::Table)]
    pub format: ListingFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListingFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Advertiser,
    Global,
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

pub const DEFAULT_CONFIG: &str = "campaigns.toml";

impl Cli {
    /// The config file to read: `-c`, `$POSTBACK_CONFIG`, or `./campaigns.toml`.
    pub fn config_path(&self) -> &std::path::Path {
        self.config
            .as_deref()
            .unwrap_or(std::path::Path::new(DEFAULT_CONFIG))
    }
}

impl ColorWhen {
    /// Whether to color a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_tree_is_consistent() {
        Cli::command().debug_assert();
    }
}
