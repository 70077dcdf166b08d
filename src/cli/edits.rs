//! The arguments of the commands that write the file: `init` and `add`.

use clap::{Args, Subcommand};

use clap_complete::engine::ArgValueCandidates;

use crate::completion;
use postback::edit::TokenSource;
use postback::sample::parse_assignment;

/// `--macros` and `--macro`: the macro set of the system that fires the postbacks, and
/// macros it writes for single parameters.
#[derive(Debug, Args)]
pub struct MacroArgs {
    /// The macro set of the system that fills the URLs (`postback macros` lists them)
    #[arg(long, value_name = "SET", add = ArgValueCandidates::new(completion::macro_sets))]
    pub macros: Option<String>,
    /// A macro that system writes for one parameter (repeatable)
    #[arg(long = "macro", value_name = "PARAM=MACRO", value_parser = parse_assignment)]
    pub overrides: Vec<(String, String)>,
}

/// `--token` or `--token-env`: a security token, or the variable that holds it (each
/// replaces the other).
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// The security token
    #[arg(long, value_name = "TOKEN", conflicts_with = "token_env")]
    pub token: Option<String>,
    /// The environment variable holding the security token
    #[arg(long, value_name = "VAR")]
    pub token_env: Option<String>,
}

impl TokenArgs {
    pub fn source(&self) -> Option<TokenSource> {
        match (&self.token, &self.token_env) {
            (Some(token), _) => Some(TokenSource::Literal(token.clone())),
            (None, Some(var)) => Some(TokenSource::Env(var.clone())),
            (None, None) => None,
        }
    }
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
    #[command(flatten)]
    pub token: TokenArgs,
    /// The publisher id for test links
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
    pub test_publisher: Option<u64>,
    /// Add an example advertiser and campaign, marked as an example
    #[arg(long)]
    pub example: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Print the new file on standard output and write nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    #[command(subcommand)]
    pub what: AddCommand,
}

/// The fields of a publisher that `add publisher` and `set publisher` share.
#[derive(Debug, Args)]
pub struct PublisherArgs {
    /// Their tracker's domain, where it takes postbacks (not with --tracker custom)
    #[arg(long, value_name = "HOST")]
    pub domain: Option<String>,
    /// The key in their tracker's postback path (Keitaro)
    #[arg(long, value_name = "KEY")]
    pub postback_key: Option<String>,
    /// With --tracker custom: the postback URL they gave, with {p1} for their click id
    #[arg(long, value_name = "URL")]
    pub template: Option<String>,
    /// Only this campaign's conversions (repeatable; none: all campaigns)
    #[arg(long = "campaign", value_name = "ID", add = ArgValueCandidates::new(completion::campaigns))]
    pub campaigns: Vec<u64>,
    /// Which conversions fire it
    #[arg(long, value_parser = ["conversions", "goals", "all"])]
    pub events: Option<String>,
    /// Fire on pending conversions too (`--fire-on-pending=false` to stop)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub fire_on_pending: Option<bool>,
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
        #[command(flatten)]
        token: TokenArgs,
        #[command(flatten)]
        macros: MacroArgs,
    },
    /// Add a publisher after the last one: the postback the network's tracker calls on
    /// their tracker
    Publisher {
        /// Its key: 1-64 of a-z 0-9 _ -
        key: String,
        /// Their name, used in tables and emails
        #[arg(long)]
        name: String,
        /// Their id in the network's tracker (pub_id)
        #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..=i64::MAX as u64))]
        id: u64,
        /// Their tracker: voluum, binom, keitaro, redtrack, or custom (with --template)
        #[arg(long, value_name = "TRACKER")]
        tracker: String,
        #[command(flatten)]
        fields: PublisherArgs,
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
        #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(completion::advertisers))]
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
        #[arg(add = ArgValueCandidates::new(completion::campaigns))]
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
        #[command(flatten)]
        macros: MacroArgs,
        #[command(flatten)]
        parameters: ParameterArgs,
        /// Also print an event URL whose goal_value is the partner's event-name macro
        #[arg(long)]
        event: bool,
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

/// One `--param`: a list in one argument is a common slip.
fn parse_param(text: &str) -> Result<String, String> {
    if text.contains([',', ' ']) {
        return Err(format!(
            "`{text}` is several parameters: repeat --param for each (--param txn_id --param sale_amount)"
        ));
    }
    Ok(text.to_string())
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Print the new file on standard output and write nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    #[command(subcommand)]
    pub what: SetCommand,
}

/// Changes to a campaign's or goal's parameters.
#[derive(Debug, Args)]
pub struct ParamChangeArgs {
    /// Add a parameter the advertiser fills (repeatable)
    #[arg(long = "param", value_name = "PARAM", value_parser = parse_param)]
    pub params: Vec<String>,
    /// Drop a parameter the advertiser fills (repeatable)
    #[arg(long = "unset-param", value_name = "PARAM")]
    pub unset_params: Vec<String>,
    /// Add or replace a literal parameter (repeatable)
    #[arg(long = "fixed", value_name = "PARAM=VALUE", value_parser = parse_assignment)]
    pub fixed: Vec<(String, String)>,
    /// Drop a literal parameter (repeatable)
    #[arg(long = "unset-fixed", value_name = "PARAM")]
    pub unset_fixed: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum SetCommand {
    /// Change fields of [network]
    Network {
        /// The network's name, used in emails
        #[arg(long)]
        name: Option<String>,
        /// The platform the network runs: trackier, affise, scaleo, tune or offer18 (every URL
        /// is then written in its names; `postback diff` shows what changes)
        #[arg(long, value_name = "TRACKER")]
        tracker: Option<String>,
        /// The tracking domain (host or host:port)
        #[arg(long, value_name = "HOST")]
        domain: Option<String>,
        #[command(flatten)]
        token: TokenArgs,
        /// The publisher id for test links
        #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..))]
        test_publisher: Option<u64>,
    },
    /// Change fields of an advertiser
    Advertiser {
        /// The advertiser's key (`postback list` shows them)
        #[arg(add = ArgValueCandidates::new(completion::advertisers))]
        key: String,
        /// Its name, used in tables and emails
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        token: TokenArgs,
        #[command(flatten)]
        macros: MacroArgs,
        /// Drop the macro of one parameter (repeatable)
        #[arg(long = "unset-macro", value_name = "PARAM")]
        unset_macros: Vec<String>,
    },
    /// Change fields of a publisher
    Publisher {
        /// The publisher's key (`postback list` shows them)
        #[arg(add = ArgValueCandidates::new(completion::publishers))]
        key: String,
        /// Their name, used in tables and emails
        #[arg(long)]
        name: Option<String>,
        /// Their id in the network's tracker (pub_id)
        #[arg(long, value_name = "ID", value_parser = clap::value_parser!(u64).range(1..=i64::MAX as u64))]
        id: Option<u64>,
        /// Their tracker: voluum, binom, keitaro, redtrack, or custom
        #[arg(long, value_name = "TRACKER")]
        tracker: Option<String>,
        #[command(flatten)]
        fields: PublisherArgs,
        /// Make the postback fire for all campaigns again
        #[arg(long, conflicts_with = "campaigns")]
        all_campaigns: bool,
    },
    /// Change fields of a campaign
    Campaign {
        /// The campaign's Trackier id
        #[arg(add = ArgValueCandidates::new(completion::campaigns))]
        id: u64,
        /// Its name
        #[arg(long)]
        name: Option<String>,
        /// Move it to this advertiser
        #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(completion::advertisers))]
        advertiser: Option<String>,
        /// The label of its default conversion
        #[arg(long, value_name = "LABEL")]
        default: Option<String>,
        #[command(flatten)]
        changes: ParamChangeArgs,
    },
    /// Change fields of a goal
    Goal {
        /// The id of the goal's campaign
        #[arg(add = ArgValueCandidates::new(completion::campaigns))]
        campaign_id: u64,
        /// The goal's name
        #[arg(add = ArgValueCandidates::new(completion::goals))]
        name: String,
        /// Rename it
        #[arg(long = "name", value_name = "NEW")]
        new_name: Option<String>,
        /// Its goal value (replaces an id)
        #[arg(long, conflicts_with = "id")]
        value: Option<String>,
        /// Its goal id (replaces a value)
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        changes: ParamChangeArgs,
    },
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Print the new file on standard output and write nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    #[command(subcommand)]
    pub what: RemoveCommand,
}

#[derive(Debug, Subcommand)]
pub enum RemoveCommand {
    /// Remove an advertiser (refused while campaigns use it, unless --cascade)
    Advertiser {
        /// The advertiser's key (`postback list` shows them)
        #[arg(add = ArgValueCandidates::new(completion::advertisers))]
        key: String,
        /// Remove its campaigns too
        #[arg(long)]
        cascade: bool,
    },
    /// Remove a publisher with its comments
    Publisher {
        /// The publisher's key (`postback list` shows them)
        #[arg(add = ArgValueCandidates::new(completion::publishers))]
        key: String,
    },
    /// Remove a campaign and its goals
    Campaign {
        /// The campaign's Trackier id
        #[arg(add = ArgValueCandidates::new(completion::campaigns))]
        id: u64,
    },
    /// Remove a goal of a campaign
    Goal {
        /// The id of the goal's campaign
        #[arg(add = ArgValueCandidates::new(completion::campaigns))]
        campaign_id: u64,
        /// The goal's name
        #[arg(add = ArgValueCandidates::new(completion::goals))]
        name: String,
    },
    /// Remove a goal of the global level
    GlobalGoal {
        /// The goal's name
        name: String,
    },
}
