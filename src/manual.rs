//! The man pages: `postback(1)` and one `postback-<command>(1)` per command, generated from
//! the command tree (so options never drift) plus the sections clap does not know about.

use std::io::{self, Write};

use clap_mangen::roff::{bold, italic, roman, Roff};
use clap_mangen::Man;

use crate::cli::{self, guide};
use postback::error::{Error, ExitCode};
use postback::suggest::did_you_mean;

/// What `postback(1)` says under DESCRIPTION (the NAME line already gives the one-liner).
const DESCRIPTION: &str = "postback reads campaigns.toml, the record of a Trackier network's \
advertisers, campaigns and goals, and prints the server-to-server postback URLs each \
advertiser must set up: a default URL and one per goal, advertiser-level or global (for a \
measurement partner such as AppsFlyer), with the advertiser's own macros. It also checks the \
file, tells why a postback hit was not recorded, sends test postbacks and edits the file \
while keeping its comments and layout.";

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "POSTBACK_CONFIG",
        "The campaigns file when -c is not given; empty counts as unset.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, --color auto prints no colour.",
    ),
    (
        "COLUMNS",
        "The width tables must fit (else the terminal's); a wider table is written as blocks.",
    ),
    (
        "HTTP_PROXY, HTTPS_PROXY, NO_PROXY",
        "The proxy fire sends its requests through.",
    ),
    (
        "COMPLETE",
        "Set by the script postback completions prints: the shell asking for candidates.",
    ),
    (
        "the variables named by security_token_env",
        "An advertiser's or the global token, read when a command needs it; unset, empty or \
         holding whitespace is exit status 78.",
    ),
];

const FILES: &[(&str, &str)] = &[(
    "campaigns.toml",
    "The campaigns file in the current directory, used when neither -c nor POSTBACK_CONFIG \
     names one. postback init writes a commented starter.",
)];

const EXAMPLES: &[(&str, &str)] = &[
    (
        "postback urls --advertiser acme --format email",
        "The text to paste into an email to the advertiser acme.",
    ),
    (
        "postback urls --sample | postback check",
        "Every URL with sample values, diagnosed against the file: all pass.",
    ),
    (
        "postback check 'https://demo.gotrackier.com/acquisition?click_id=abc'",
        "Why a hit support was sent was not recorded.",
    ),
    (
        "postback diff old.toml --format email",
        "After edits (postback set advertiser acme --token-env ACME_TOKEN), one email per \
         advertiser with the URLs that changed since the copy old.toml.",
    ),
];

/// Writes `postback(1)`, or the page of the command at `path` (`["add", "goal"]` is
/// `postback-add-goal(1)`).
pub fn write(path: &[String], out: &mut dyn Write) -> Result<(), Error> {
    let mut command = cli::command()
        .subcommand_help_heading("COMMANDS")
        .disable_help_subcommand(true);
    // Building propagates the global options and names each command `postback-<path>`.
    command.build();
    for name in path {
        let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
        let Some(sub) = command.find_subcommand(name) else {
            let hint = did_you_mean(name, &names)
                .unwrap_or_else(|| format!("the pages are for: {}", names.join(", ")));
            return Err(Error::usage(format!("no man page for `{name}`")).with_hint(hint));
        };
        command = sub.clone().subcommand_help_heading("COMMANDS");
    }
    // The page is made whole before any byte is written: nothing half-written on error.
    let mut page = Vec::new();
    match path.first() {
        None => top_page(command, &mut page),
        // A nested command (`add goal`) ends as its parent does; examples are the parent's.
        Some(first) => {
            let guide = guide::guide(first).filter(|_| path.len() == 1);
            let exits = guide::guide(first).map_or_else(Vec::new, guide::exit_statuses);
            command_page(command, guide, &exits, &mut page)
        }
    }
    .and_then(|()| out.write_all(&page))
    .map_err(|e| Error::io("writing the man page", e))
}

// clap_mangen renders each section on its own (each with roff's apostrophe preamble, which
// may repeat); ours go between them.

fn top_page(cli: clap::Command, out: &mut Vec<u8>) -> io::Result<()> {
    let man = Man::new(cli);
    head(&man, out)?;
    let mut roff = Roff::default();
    roff.control("SH", ["DESCRIPTION"])
        .text([roman(DESCRIPTION)]);
    roff.to_writer(out)?;
    man.render_subcommands_section(out)?;
    man.render_options_section(out)?;
    let mut roff = Roff::default();
    exit_status(&mut roff, ExitCode::ALL);
    definitions(&mut roff, "ENVIRONMENT", ENVIRONMENT);
    definitions(&mut roff, "FILES", FILES);
    definitions(&mut roff, "EXAMPLES", EXAMPLES);
    roff.to_writer(out)?;
    man.render_version_section(out)
}

fn command_page(
    command: clap::Command,
    guide: Option<&guide::Guide>,
    exits: &[ExitCode],
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let has_commands = command.has_subcommands();
    // Without a long description, DESCRIPTION would repeat the NAME line.
    let described = command.get_long_about().is_some();
    let man = Man::new(command).source(concat!("postback ", env!("CARGO_PKG_VERSION")));
    head(&man, out)?;
    if described {
        man.render_description_section(out)?;
    }
    if has_commands {
        man.render_subcommands_section(out)?;
    }
    man.render_options_section(out)?;
    let mut roff = Roff::default();
    exit_status(&mut roff, exits);
    if let Some(guide) = guide {
        definitions(&mut roff, "EXAMPLES", guide.examples);
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([bold("postback"), roman("(1)")]);
    roff.to_writer(out)
}

/// Title, NAME and SYNOPSIS, as clap renders them.
fn head(man: &Man, out: &mut Vec<u8>) -> io::Result<()> {
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)
}

/// The meaning of each of `codes`.
fn exit_status(roff: &mut Roff, codes: &[ExitCode]) {
    roff.control("SH", ["EXIT STATUS"]);
    for code in ExitCode::ALL.iter().filter(|c| codes.contains(c)) {
        roff.control("TP", []);
        roff.text([bold(code.code().to_string())]);
        roff.text([roman(code.meaning())]);
    }
}

fn definitions(roff: &mut Roff, section: &str, entries: &[(&str, &str)]) {
    roff.control("SH", [section]);
    for (term, meaning) in entries {
        roff.control("TP", []);
        roff.text([italic(*term)]);
        roff.text([roman(*meaning)]);
    }
}
