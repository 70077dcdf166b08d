//! `postback fire`: the test postbacks an account manager sends before the advertiser does,
//! one GET at a time in row order, each answer reported as it comes.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use crate::cli::{Cli, FireArgs};
use postback::error::{Error, ExitCode};
use postback::fire::{self, Requests};
use postback::output::{self, Format};
use postback::owner::Levels;
use postback::rows::publishers;
use postback::sample::Samples;
use postback::tracker::Tracker;

pub fn run(cli: &Cli, args: &FireArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    // An empty click id is no click id: Trackier would reject it as INVALID_CLICK_ID.
    let click_id = args.click_id.as_ref().filter(|id| !id.trim().is_empty());
    let Some(click_id) = click_id else {
        return Err(Error::usage("fire needs --click-id: the click id of a real test click")
            .with_hint("open the link `postback test-link --campaign <ID>` prints, then copy the click id Trackier made; a random or old click id is rejected as INVALID_CLICK_ID"));
    };
    let endpoint = args.endpoint.as_deref().map(fire::endpoint).transpose()?;
    let selection = &args.selection;
    if !args.publishers.is_empty() {
        super::refuse_advertiser_flags(
            &[
                (selection.level != Levels::Advertiser, "--level"),
                (!selection.campaigns.advertisers.is_empty(), "--advertiser"),
                (!selection.campaigns.campaigns.is_empty(), "--campaign"),
                (!selection.goals.is_empty(), "--goal"),
                (!args.set.is_empty(), "--set"),
            ],
            "--publisher",
        )?;
    }
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let selection = args.selection.selection();
    let requests = Requests::new(Samples::new(Some(click_id.clone()), args.set.clone()));
    let shots: Vec<(fire::Shot<'_>, &Tracker)> = if args.publishers.is_empty() {
        let shots = fire::shots(&config, &selection, &requests, endpoint.as_deref())?;
        let tracker = config.network.tracker;
        shots.into_iter().map(|shot| (shot, tracker)).collect()
    } else {
        let chosen = publishers::selected(&config, &args.publishers)?;
        fire::publisher_shots(&config, &chosen, click_id, endpoint.as_deref())
    };
    if shots.len() > args.max {
        return Err(Error::usage(format!(
            "the selection has {} postbacks, more than --max {}; nothing was sent",
            shots.len(),
            args.max
        ))
        .with_hint(match args.publishers.is_empty() {
            true => "narrow it with --campaign, --advertiser or --goal, or raise --max",
            false => "name fewer publishers with --publisher, or raise --max",
        }));
    }
    super::say_if_empty(cli, shots.len(), "postbacks to send");
    let timeout = Duration::from_secs(args.timeout);
    if args.dry_run {
        for (shot, _) in &shots {
            writeln!(out, "{}", fire::curl(shot, timeout))?;
        }
        return Ok(ExitCode::Success);
    }
    let format = args.output.format(false);
    let color = cli.color.enabled(std::io::stdout().is_terminal());
    let mut sink = output::writer(format, color)?;
    sink.begin(out)?;
    let agent = fire::agent(timeout);
    let masker = config.masker();
    let mut failed = false;
    for (shot, tracker) in &shots {
        let answer = fire::send(&agent, shot, timeout, &masker, tracker);
        failed |= !answer.succeeded();
        sink.record(answer, out)?;
        if format == Format::Plain {
            // Each answer as it comes: a slow endpoint shows where it stands.
            out.flush()?;
        }
    }
    sink.finish(out)?;
    Ok(if failed {
        ExitCode::Findings
    } else {
        ExitCode::Success
    })
}
