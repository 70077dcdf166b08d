//! The command tree (clap derive). Parsing only: the commands live in [`crate::commands`].
//! Argument groups shared by several commands ([`SelectionArgs`], [`CampaignArgs`],
//! [`OutputArgs`]) are flattened into each.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Arg, Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;
use crate::owner::Levels;
use crate::rows::Selection;
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

/// The formats of each command.
const URL_FORMATS: &[Format] = &[
    Format::Table,
    Format::Plain,
    Format::Tsv,
    Format::Csv,
    Format::Json,
    Format::Markdown,
    Format::Email,
];
const LIST_FORMATS: &[Format] = &[Format::Table, Format::Plain, Format::Json];
const REPORT_FORMATS: &[Format] = &[Format::Text, Format::Json];
const LISTING_FORMATS: &[Format] = &[Format::Table, Format::Json];
const FIRE_FORMATS: &[Format] = &[Format::Plain, Format::Json];
const DIFF_FORMATS: &[Format] = &[Format::Plain, Format::Json, Format::Email];

/// Restricts `--format` to `formats`, with `default` when given.
fn formats(formats: &'static [Format], default: Option<Format>) -> impl FnOnce(Arg) -> Arg {
    move |arg| {
        let names = formats.iter().filter_map(ValueEnum::to_possible_value);
        let parser =
            PossibleValuesParser::new(names).try_map(|name| Format::from_str(&name, false));
        let arg = arg.value_parser(parser);
        match default {
            Some(default) => arg
                .default_value(default.name())
                .help("Output format")
                .required(false),
            None => arg,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the postback URLs to hand to advertisers (the main job)
    #[command(mut_arg("format", formats(URL_FORMATS, None)))]
    Urls(UrlsArgs),
    /// Diagnose postback hits: why a conversion was not recorded (URLs, or lines on stdin)
    #[command(mut_arg("format", formats(LIST_FORMATS, None)))]
    Check(CheckArgs),
    /// Check the file and report every problem with its line and column
    #[command(mut_arg("format", formats(REPORT_FORMATS, Some(Format::Text))))]
    Validate(ValidateArgs),
    /// Advertisers, campaigns, goals and parameters at a glance (never prints a token)
    #[command(mut_arg("format", formats(LISTING_FORMATS, Some(Format::Table))))]
    List(ListingArgs),
    /// The parameter registry, with the file's custom parameters
    #[command(mut_arg("format", formats(LISTING_FORMATS, Some(Format::Table))))]
    Params(ListingArgs),
    /// The test tracking link of each selected campaign
    #[command(mut_arg("format", formats(LIST_FORMATS, None)))]
    TestLink(TestLinkArgs),
    /// The macro sets, or one set's mapping
    #[command(mut_arg("format", formats(LISTING_FORMATS, Some(Format::Table))))]
    Macros {
        /// The set to show
        set: Option<String>,
        #[command(flatten)]
        listing: ListingArgs,
    },
    /// Which postback URLs changed since an older file, per advertiser (to re-send them)
    #[command(mut_arg("format", formats(DIFF_FORMATS, None)))]
    Diff(DiffArgs),
    /// Send the test postbacks of a selection (the --sample URLs) and report the answers
    #[command(mut_arg("format", formats(FIRE_FORMATS, None)))]
    Fire(FireArgs),
    /// Write a commented starter campaigns.toml
    Init(InitArgs),
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

/// `--format`: each command restricts the values to the formats it writes, and some set a
/// default.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, plain otherwise]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

impl OutputArgs {
    /// The format asked for, else a table on a terminal and plain lines otherwise.
    pub fn format(&self, is_terminal: bool) -> Format {
        Format::or_default(self.format, is_terminal)
    }
}

/// `--advertiser` and `--campaign`: which campaigns.
#[derive(Debug, Args)]
pub struct CampaignArgs {
    /// Only this advertiser's campaigns (repeatable)
    #[arg(long = "advertiser", value_name = "KEY")]
    pub advertisers: Vec<String>,

    /// Only this campaign (repeatable)
    #[arg(long = "campaign", value_name = "ID")]
    pub campaigns: Vec<u64>,
}

/// Which postbacks: `--level`, the campaigns, `--goal`.
#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Which postbacks: the advertisers' (per campaign), the network's global one, or both
    #[arg(long, value_enum, default_value_t = Levels::Advertiser)]
    pub level: Levels,

    #[command(flatten)]
    pub campaigns: CampaignArgs,

    /// Only this goal, by name or value; `default` selects the default URLs (repeatable)
    #[arg(long = "goal", value_name = "NAME")]
    pub goals: Vec<String>,
}

impl CampaignArgs {
    pub fn selection(&self) -> Selection {
        Selection {
            advertisers: self.advertisers.clone(),
            campaigns: self.campaigns.clone(),
            ..Selection::default()
        }
    }
}

impl SelectionArgs {
    pub fn selection(&self) -> Selection {
        Selection {
            levels: self.level,
            goals: self.goals.clone(),
            ..self.campaigns.selection()
        }
    }
}

#[derive(Debug, Args)]
pub struct UrlsArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,

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

    #[command(flatten)]
    pub output: OutputArgs,

    /// Render `--format email` with this minijinja template instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
    /// The network's name, used in emails
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The network's Trackier tracking domain (host or host:port)
    #[arg(long, value_name = "HOST")]
    pub domain: Option<String>,
    /// The network's global security token
    #[arg(long, value_name = "TOKEN", conflicts_with = "token_env")]
    pub token: Option<String>,
    /// The environment variable holding the global security token
    #[arg(long, value_name = "VAR")]
    pub token_env: Option<String>,
    /// The publisher id for test links
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
    pub test_publisher: Option<u64>,
    /// Add an example advertiser and campaign, marked as an example
    #[arg(long)]
    pub example: bool,
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
    #[arg(long = "advertiser", value_name = "KEY")]
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
        /// A macro its system writes for one parameter (repeatable)
        #[arg(long = "macro", value_name = "PARAM=MACRO", value_parser = parse_assignment)]
        overrides: Vec<(String, String)>,
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
    #[command(group(clap::ArgGroup::new("target").required(true).args(["value", "id"])))]
    Goal {
        /// The id of its campaign
        campaign_id: u64,
        /// Its name
        name: String,
        /// Its goal value (goal_value=...)
        #[arg(long)]
        value: Option<String>,
        /// Its Trackier goal id (goal_id=...)
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        parameters: ParameterArgs,
    },
    /// Add the [global] section: the network-level postback for a measurement partner
    Global {
        /// The macro set of the partner that fires it (`postback macros` lists them)
        #[arg(long, value_name = "SET")]
        macros: Option<String>,
        #[command(flatten)]
        parameters: ParameterArgs,
        /// Also print an event URL whose goal_value is the partner's event-name macro
        #[arg(long)]
        event: bool,
        /// A macro the partner writes for one parameter (repeatable)
        #[arg(long = "macro", value_name = "PARAM=MACRO", value_parser = parse_assignment)]
        overrides: Vec<(String, String)>,
    },
    /// Add a goal of the global level
    #[command(group(clap::ArgGroup::new("target").required(true).args(["value", "id"])))]
    GlobalGoal {
        /// Its name
        name: String,
        /// Its goal value (goal_value=...)
        #[arg(long)]
        value: Option<String>,
        /// Its Trackier goal id (goal_id=...)
        #[arg(long)]
        id: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ParameterArgs {
    /// A parameter the advertiser fills (repeatable)
    #[arg(long = "param", value_name = "PARAM", value_parser = parse_param)]
    pub params: Vec<String>,
    /// A literal parameter (repeatable)
    #[arg(long = "fixed", value_name = "PARAM=VALUE", value_parser = parse_assignment)]
    pub fixed: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct TestLinkArgs {
    #[command(flatten)]
    pub campaigns: CampaignArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ListingArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

pub const DEFAULT_CONFIG: &str = "campaigns.toml";

/// One `--param`: a list in one argument is a common slip.
fn parse_param(text: &str) -> Result<String, String> {
    if text.contains([',', ' ']) {
        return Err(format!(
            "`{text}` is several parameters: repeat --param for each (--param txn_id --param sale_amount)"
        ));
    }
    Ok(text.to_string())
}

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

    #[test]
    fn each_command_takes_only_its_formats() {
        let parse = |args: &[&str]| Cli::try_parse_from(args.iter().copied());
        assert!(parse(&["postback", "urls", "--format", "csv"]).is_ok());
        assert!(parse(&["postback", "check", "--format", "csv"]).is_err());
        assert!(parse(&["postback", "validate", "--format", "table"]).is_err());
        let Ok(cli) = parse(&["postback", "validate"]) else {
            panic!("validate parses")
        };
        let Command::Validate(args) = cli.command else {
            panic!("validate")
        };
        assert_eq!(args.output.format, Some(Format::Text));
    }
}
