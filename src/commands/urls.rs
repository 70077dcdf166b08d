//! `postback urls`: the postback URLs of a selection, in the chosen format.

use std::io::IsTerminal;

use crate::cli::{Cli, LevelArg, UrlsArgs};
use crate::error::Error;
use crate::render::{self, Format};
use crate::rows::{self, Levels, Options, Selection};
use crate::sample::Samples;

pub fn run(cli: &Cli, args: &UrlsArgs) -> Result<Vec<u8>, Error> {
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let selection = Selection {
        levels: match args.level {
            LevelArg::Advertiser => Levels::Advertiser,
            LevelArg::Global => Levels::Global,
            LevelArg::All => Levels::All,
        },
        advertisers: args.advertisers.clone(),
        campaigns: args.campaigns.clone(),
        goals: args.goals.clone(),
    };
    let options = Options {
        samples: args
            .sample
            .then(|| Samples::new(args.click_id.clone(), args.set.clone())),
        redact: args.redact,
    };
    let rows = rows::rows(&config, &selection, &options)?;
    let is_terminal = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if is_terminal {
        Format::Table
    } else {
        Format::Plain
    });
    render::render(format, &rows, cli.color.enabled(is_terminal))
}
