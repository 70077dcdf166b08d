//! What each command's `--help` ends with and its man page shows: one or two examples and
//! the exit statuses it can end with. One table, so help and man pages say the same.

use postback::error::ExitCode;

/// The examples and exit statuses of one command.
pub struct Guide {
    pub command: &'static str,
    /// (command line, what it does)
    pub examples: &'static [(&'static str, &'static str)],
    /// Besides 0, 2 (usage) and 74 (I/O), which every command can end with.
    pub exits: &'static [ExitCode],
}

use ExitCode::{CantCreate, Config, Data, Findings, NoInput};

pub const GUIDES: &[Guide] = &[
    Guide {
        command: "urls",
        examples: &[
            (
                "postback urls --advertiser acme --format email",
                "the text to paste into an email to the advertiser acme",
            ),
            (
                "postback urls --campaign 5509 --sample | postback check",
                "the URLs with sample values, diagnosed against the file",
            ),
            (
                "postback urls --level global --goal default --format adjust",
                "the install callback to append to an app's Adjust link",
            ),
        ],
        exits: &[Data, NoInput, Config],
    },
    Guide {
        command: "check",
        examples: &[
            (
                "postback check 'https://demo.gotrackier.com/acquisition?click_id=abc'",
                "why a hit was not recorded",
            ),
            (
                "postback check --format json < hits.log",
                "one verdict per line of a log, for a script",
            ),
        ],
        exits: &[Findings, Data, NoInput],
    },
    Guide {
        command: "validate",
        examples: &[(
            "postback -c campaigns.toml validate --format json",
            "every problem with its line and column, for a script",
        )],
        exits: &[Data, NoInput],
    },
    Guide {
        command: "list",
        examples: &[(
            "postback list --format json",
            "the advertisers, campaigns and goals for a script (never a token)",
        )],
        exits: &[Data, NoInput],
    },
    Guide {
        command: "params",
        examples: &[(
            "postback params --format json",
            "every parameter a URL can carry",
        )],
        exits: &[Data, NoInput],
    },
    Guide {
        command: "test-link",
        examples: &[(
            "postback test-link --campaign 5509",
            "the tracking link to click before firing a test postback (needs test_publisher)",
        )],
        exits: &[Data, NoInput],
    },
    Guide {
        command: "macros",
        examples: &[(
            "postback macros appsflyer",
            "the macro AppsFlyer writes for each parameter",
        )],
        exits: &[Data, NoInput],
    },
    Guide {
        command: "diff",
        examples: &[(
            "postback diff old.toml --format email",
            "one email per advertiser with the URLs that changed since old.toml",
        )],
        exits: &[Findings, Data, NoInput, Config],
    },
    Guide {
        command: "fire",
        examples: &[
            (
                "postback fire --campaign 5509 --click-id 5f0c2a",
                "send the campaign's test postbacks for a click from its test link",
            ),
            (
                "postback fire --campaign 5509 --click-id 5f0c2a --dry-run",
                "the curl commands instead",
            ),
        ],
        exits: &[Findings, Data, NoInput, Config],
    },
    Guide {
        command: "init",
        examples: &[(
            "postback -c new.toml init --name 'Pinnacle Ads' --domain pinnacle.gotrackier.com",
            "a starter file for your network, new.toml",
        )],
        exits: &[Data, CantCreate],
    },
    Guide {
        command: "add",
        examples: &[
            (
                "postback add advertiser zap --name Zap --token-env ZAP_TOKEN",
                "a new advertiser whose token is read from $ZAP_TOKEN",
            ),
            (
                "postback add goal 5509 Refund --value refund",
                "a goal of campaign 5509",
            ),
        ],
        exits: &[Data, NoInput, CantCreate],
    },
    Guide {
        command: "set",
        examples: &[(
            "postback set advertiser acme --token-env ACME_TOKEN",
            "rotate a token, keeping the file's comments",
        )],
        exits: &[Data, NoInput, CantCreate],
    },
    Guide {
        command: "remove",
        examples: &[(
            "postback remove goal 5509 Registration",
            "drop a goal with the comment lines above it",
        )],
        exits: &[Data, NoInput, CantCreate],
    },
    Guide {
        command: "email-template",
        examples: &[(
            "postback email-template > email.j2 && postback urls --advertiser acme --template email.j2",
            "start from the built-in email and render with your copy",
        )],
        exits: &[],
    },
    Guide {
        command: "completions",
        examples: &[(
            "echo 'source <(postback completions bash)' >> ~/.bashrc",
            "complete keys, ids and goal names from your file in every new bash",
        )],
        exits: &[],
    },
    Guide {
        command: "man",
        examples: &[(
            "postback man add goal | man -l -",
            "read postback-add-goal(1)",
        )],
        exits: &[],
    },
];

/// The guide of `command`, if it has one.
pub fn guide(command: &str) -> Option<&'static Guide> {
    GUIDES.iter().find(|g| g.command == command)
}

/// The exit statuses a command can end with, in number order.
pub fn exit_statuses(guide: &Guide) -> Vec<ExitCode> {
    let mut codes = vec![ExitCode::Success, ExitCode::Usage, ExitCode::Io];
    codes.extend_from_slice(guide.exits);
    codes.sort_by_key(|c| c.code());
    codes
}

/// The text `--help` ends with.
pub fn after_help(guide: &Guide) -> String {
    let mut text = String::from("Examples:\n");
    for (line, what) in guide.examples {
        text.push_str(&format!("  $ {line}\n      {what}\n"));
    }
    let codes: Vec<String> = (exit_statuses(guide).iter())
        .map(|c| format!("{} {}", c.code(), c.summary()))
        .collect();
    text.push_str(&format!("\nExit status: {}", codes.join(", ")));
    text
}

/// The command tree with each command's guide after its help.
pub fn with_guides(mut command: clap::Command) -> clap::Command {
    for guide in GUIDES {
        command = command.mut_subcommand(guide.command, |sub| sub.after_help(after_help(guide)));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_guide_per_command_in_the_same_order() {
        let commands: Vec<String> = (crate::cli::command().get_subcommands())
            .map(|c| c.get_name().to_string())
            .collect();
        let guided: Vec<String> = GUIDES.iter().map(|g| g.command.to_string()).collect();
        assert_eq!(guided, commands);
    }
}
