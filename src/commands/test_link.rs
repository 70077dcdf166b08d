//! `postback test-link`: the test tracking link of each selected campaign.

use std::io::IsTerminal;

use crate::cli::{Cli, OutputFormat, TestLinkArgs};
use crate::error::Error;
use crate::output;
use crate::render::table::grid;
use crate::rows::Selection;
use crate::test_link;

pub fn run(cli: &Cli, args: &TestLinkArgs) -> Result<Vec<u8>, Error> {
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let selection = Selection {
        advertisers: args.advertisers.clone(),
        campaigns: args.campaigns.clone(),
        ..Selection::default()
    };
    let links = test_link::links(&config, &selection)?;
    let is_terminal = std::io::stdout().is_terminal();
    let mut out = Vec::new();
    match super::list_format(args.format, is_terminal) {
        OutputFormat::Plain => {
            for link in &links {
                out.extend_from_slice(link.url.as_bytes());
                out.push(b'\n');
            }
        }
        OutputFormat::Table => {
            let cells = links.iter().map(|link| {
                vec![
                    format!("{} {}", link.campaign_id, link.campaign),
                    link.advertiser.to_string(),
                    link.url.clone(),
                ]
            });
            let header = ["Campaign", "Advertiser", "Test link"];
            grid(&header, cells, cli.color.enabled(is_terminal), &mut out);
        }
        OutputFormat::Json => out = output::json(&links)?,
    }
    Ok(out)
}
