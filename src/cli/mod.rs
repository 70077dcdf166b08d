//! The command tree (clap derive). Parsing only: the commands live in [`crate::commands`].
//! Argument groups shared by several commands ([`SelectionArgs`], [`CampaignArgs`],
//! [`OutputArgs`]) are flattened into each.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Arg, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

mod edits;
pub mod guide;
mod urls;

pub use edits::{
    AddArgs, AddCommand, InitArgs, ParamChangeArgs, PublisherArgs, RemoveArgs, RemoveCommand,
    SetArgs, SetCommand,
};
pub use urls::{CheckArgs, DiffArgs, FireArgs, UrlsArgs};

use crate::completion;
use postback::output::Format;
use postback::owner::Levels;
use postback::rows::Selection;

/// The help heading of the options every command takes.
const GLOBAL: &str = "Global options";

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
        hide_env_values = true,
        help_heading = GLOBAL,
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,

    /// When to use colors (auto: when the output is a terminal and NO_COLOR is not set)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: ColorWhen,

    /// Print nothing on standard error but errors (no warnings, reports or summaries)
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// The command tree, each command's help ending with its examples and exit statuses.
pub fn command() -> clap::Command {
    guide::with_guides(tree())
}

/// The command tree without the guides.
fn tree() -> clap::Command {
    let mut command = Cli::command();
    // `completions` and `man` read no file and warn about nothing: a hidden local `-c`/`-q`
    // keeps clap from copying the global ones into their help (a command line that has them
    // still parses).
    for name in ["completions", "man"] {
        command = command.mut_subcommand(name, |sub| {
            sub.arg(
                Arg::new("config")
                    .short('c')
                    .long("config")
                    .value_parser(clap::value_parser!(PathBuf))
                    .hide(true),
            )
            .arg(
                Arg::new("quiet")
                    .short('q')
                    .long("quiet")
                    .action(clap::ArgAction::SetTrue)
                    .hide(true),
            )
        });
    }
    command
}

/// Parses the process's arguments against [`command`]. The guides end help pages only, and
/// writing them is a third of the parse: a run that shows no help is parsed without them,
/// and one that does is parsed again with them, so its help is whole.
pub fn try_parse() -> Result<Cli, clap::Error> {
    use clap::error::ErrorKind;
    let matches = match tree().try_get_matches() {
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            command().try_get_matches()?
        }
        parsed => parsed?,
    };
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command()))
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
    Format::Adjust,
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

/// A command's arguments, added to the clap tree only when that command is parsed or its
/// help is shown ([`clap::Command::defer`]): building the arguments of every command on every
/// run was a fifth of the instructions of a short run.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T> std::ops::Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }
    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

impl<T: Args + Finish> Args for Deferred<T> {
    fn augment_args(command: clap::Command) -> clap::Command {
        command.defer(|command| keeping_about(command, |c| T::finish(T::augment_args(c))))
    }
    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        command
            .defer(|command| keeping_about(command, |c| T::finish(T::augment_args_for_update(c))))
    }
}

/// Runs `augment` on `command` and gives back the command's own about texts: they were set
/// from the variant's doc comment before the deferred arguments, and the argument structs'
/// doc comments would otherwise replace them.
fn keeping_about(
    command: clap::Command,
    augment: impl FnOnce(clap::Command) -> clap::Command,
) -> clap::Command {
    let about = command.get_about().cloned();
    let long_about = command.get_long_about().cloned();
    let mut command = augment(command);
    if let Some(about) = about {
        command = command.about(about);
    }
    if let Some(long_about) = long_about {
        command = command.long_about(long_about);
    }
    command
}

/// What a command adds once its arguments are in: the formats its `--format` takes.
pub trait Finish {
    fn finish(command: clap::Command) -> clap::Command {
        command
    }
}

/// `Finish` of commands whose `--format` takes `$formats`, with `$default`.
macro_rules! formats_of {
    ($($args:ty => $formats:expr, $default:expr;)*) => {$(
        impl Finish for $args {
            fn finish(command: clap::Command) -> clap::Command {
                command.mut_arg("format", formats($formats, $default))
            }
        }
    )*};
}

/// `urls --level` also takes `publisher`, which no other command has.
fn with_publisher_level(command: clap::Command) -> clap::Command {
    command.mut_arg("level", |arg| {
        let names = ["advertiser", "global", "all", "publisher"];
        arg.value_parser(PossibleValuesParser::new(names).map(|name| match name.as_str() {
            "global" => Levels::Global,
            "all" => Levels::All,
            "publisher" => Levels::Publisher,
            _ => Levels::Advertiser,
        }))
        .help("Which postbacks: the advertisers' (per campaign), the network's global one, both (all), or the network's to its publishers")
    })
}

impl Finish for DiffArgs {
    fn finish(command: clap::Command) -> clap::Command {
        with_publisher_level(command.mut_arg("format", formats(DIFF_FORMATS, None)))
    }
}

impl Finish for UrlsArgs {
    fn finish(command: clap::Command) -> clap::Command {
        with_publisher_level(command.mut_arg("format", formats(URL_FORMATS, None)))
    }
}

formats_of! {
    CheckArgs => LIST_FORMATS, None;
    ValidateArgs => REPORT_FORMATS, Some(Format::Text);
    ListingArgs => LISTING_FORMATS, Some(Format::Table);
    TestLinkArgs => LIST_FORMATS, None;
    FireArgs => FIRE_FORMATS, Some(Format::Plain);
}
impl Finish for InitArgs {}
impl Finish for AddArgs {}
impl Finish for SetArgs {}
impl Finish for RemoveArgs {}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the postback URLs to hand to advertisers (the main job)
    Urls(Deferred<UrlsArgs>),
    /// Diagnose postback hits: why a conversion was not recorded (URLs, or lines on stdin)
    ///
    /// Each hit gets a verdict and its findings on stdout, as it is read. A summary (hits by
    /// verdict, findings by code) follows on stderr, except with `--format json`: its array
    /// is the whole report (each verdict and finding is in it), so stderr stays empty for a
    /// script that parses stdout.
    Check(Deferred<CheckArgs>),
    /// Check the file and report every problem with its line and column
    Validate(Deferred<ValidateArgs>),
    /// Advertisers, campaigns, goals and parameters at a glance (never prints a token)
    List(Deferred<ListingArgs>),
    /// The parameter registry, with the file's custom parameters
    Params(Deferred<ListingArgs>),
    /// The test tracking link of each selected campaign (needs test_publisher in [network])
    TestLink(Deferred<TestLinkArgs>),
    /// The macro sets, or one set's mapping
    #[command(mut_arg("format", formats(LISTING_FORMATS, Some(Format::Table))))]
    Macros {
        /// The set to show
        #[arg(add = ArgValueCandidates::new(completion::macro_sets))]
        set: Option<String>,
        #[command(flatten)]
        listing: ListingArgs,
    },
    /// Which postback URLs changed since an older file, per advertiser (to re-send them)
    Diff(Deferred<DiffArgs>),
    /// Send the test postbacks of a selection (the --sample URLs) and report the answers
    Fire(Deferred<FireArgs>),
    /// Write a commented starter campaigns.toml
    Init(Deferred<InitArgs>),
    /// Add an advertiser, a campaign or a goal, keeping the file's comments and layout
    Add(Deferred<AddArgs>),
    /// Change fields of one entry (a token rotation, a rename...), keeping everything else
    Set(Deferred<SetArgs>),
    /// Remove one entry with its own comments, keeping everything else
    Remove(Deferred<RemoveArgs>),
    /// Print the built-in email template, to start your own for `urls --template`
    EmailTemplate,
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff) on standard output: postback(1), or one command's
    Man {
        /// The command whose page to print: `urls` is postback-urls(1), `add goal` is
        /// postback-add-goal(1)
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
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
    #[arg(long = "advertiser", value_name = "KEY", add = ArgValueCandidates::new(completion::advertisers))]
    pub advertisers: Vec<String>,

    /// Only this campaign (repeatable)
    #[arg(long = "campaign", value_name = "ID", add = ArgValueCandidates::new(completion::campaigns))]
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

    /// Only this goal, by name, goal value or goal id; `default` selects the default URLs
    /// (repeatable)
    #[arg(long = "goal", value_name = "NAME", add = ArgValueCandidates::new(completion::goals))]
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
pub struct TestLinkArgs {
    #[command(flatten)]
    pub campaigns: CampaignArgs,

    /// This publisher's tracking links (their pub_id, their tracker's click token in p1)
    /// instead of the test publisher's
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(completion::publishers))]
    pub publisher: Option<String>,

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

pub use postback::config::DEFAULT_CONFIG;

impl Cli {
    /// The config file to read: `-c`, `$POSTBACK_CONFIG`, or `./campaigns.toml`. A path
    /// that leads to standard input (`/dev/stdin`, or a link to it) is `-`: what it resolves
    /// to decides, so `check` never reads the file as hits and an edit never rewrites the
    /// file stdin was redirected from.
    pub fn config_path(&self) -> &std::path::Path {
        let path = (self.config.as_deref()).unwrap_or(std::path::Path::new(DEFAULT_CONFIG));
        if leads_to_stdin(path) {
            std::path::Path::new("-")
        } else {
            path
        }
    }
}

/// Whether `path`, its links followed one by one, names this process's standard input.
fn leads_to_stdin(path: &std::path::Path) -> bool {
    let own = format!("/proc/{}/fd/0", std::process::id());
    let mut path = path.to_path_buf();
    // As many links as the system itself follows.
    for _ in 0..40 {
        let names_stdin = [
            "/dev/stdin",
            "/dev/fd/0",
            "/proc/self/fd/0",
            "/proc/thread-self/fd/0",
        ]
        .iter()
        .any(|stdin| path == std::path::Path::new(stdin))
            || path == std::path::Path::new(&own);
        if names_stdin {
            return true;
        }
        let Ok(target) = std::fs::read_link(&path) else {
            return false;
        };
        path = match path.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    false
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
