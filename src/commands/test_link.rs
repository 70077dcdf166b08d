//! `postback test-link`: the test tracking link of each selected campaign.

use std::io::{IsTerminal, Write};

use crate::cli::{Cli, TestLinkArgs};
use postback::error::{Error, ExitCode};
use postback::output;
use postback::test_link;

pub fn run(cli: &Cli, args: &TestLinkArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let selection = args.campaigns.selection();
    let links = test_link::links(&config, &selection)?;
    super::say_if_empty(cli, links.len(), "test links");
    let is_terminal = std::io::stdout().is_terminal();
    let format = args.output.format(is_terminal);
    output::write_all(format, cli.color.enabled(is_terminal), links, out)?;
    Ok(ExitCode::Success)
}
