//! `postback test-link`: the test tracking link of each selected campaign.

use std::io::{IsTerminal, Write};

use crate::cli::{Cli, TestLinkArgs};
use postback::error::{Error, ExitCode};
use postback::output;
use postback::rows::publishers;
use postback::test_link;

pub fn run(cli: &Cli, args: &TestLinkArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let selection = args.campaigns.selection();
    let links = match &args.publisher {
        Some(key) => {
            let chosen = publishers::selected(&config, std::slice::from_ref(key))?;
            let mut links = Vec::new();
            for publisher in chosen {
                links.extend(test_link::publisher_links(&config, publisher, &selection)?);
            }
            links
        }
        None => test_link::links(&config, &selection)?,
    };
    super::say_if_empty(cli, links.len(), "test links");
    let is_terminal = std::io::stdout().is_terminal();
    let format = args.output.format(is_terminal);
    output::write_all(format, cli.color.enabled(is_terminal), links, out)?;
    Ok(ExitCode::Success)
}
