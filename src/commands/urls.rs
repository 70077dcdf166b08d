//! `postback urls`: the postback URLs of a selection, in the chosen format, written as they
//! are built (every error comes before the first row; see [`postback::rows::each_row`]).

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{Cli, UrlsArgs};
use postback::error::{Error, ExitCode};
use postback::output::Format;
use postback::owner::Levels;
use postback::render::{self, Context, Template};
use postback::rows::publishers::{self, PublisherSamples};
use postback::rows::{self, Options};
use postback::sample::Samples;

pub fn run(cli: &Cli, args: &UrlsArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let is_terminal = std::io::stdout().is_terminal();
    let format = match (args.output.format, &args.template) {
        (Some(Format::Email) | None, Some(_)) => Format::Email,
        (Some(other), Some(_)) => {
            return Err(Error::usage(format!(
                "--template is for --format email, not --format {}",
                other.name()
            ))
            .with_hint("drop --format, or use --format email"))
        }
        (format, None) => Format::or_default(format, is_terminal),
    };
    if format != Format::Adjust && !args.adjust_tokens.is_empty() {
        return Err(Error::usage("--adjust-token is for --format adjust")
            .with_hint("add --format adjust, or drop --adjust-token"));
    }
    let level = args.selection.level;
    let publishers = level == Levels::Publisher || !args.publishers.is_empty();
    if publishers {
        return publisher_urls(cli, args, format, is_terminal, out);
    }
    let template = args.template.as_deref().map(read_template).transpose()?;
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let selection = args.selection.selection();
    let options = Options {
        samples: args
            .sample
            .then(|| Samples::new(args.click_id.clone(), args.set.clone())),
        redact: args.redact,
        collect_macros: format == Format::Email,
    };
    let context = Context {
        config: &config,
        color: cli.color.enabled(is_terminal),
        template: template.as_ref(),
        adjust_tokens: &args.adjust_tokens,
    };
    let mut sink = render::writer(format, context)?;
    sink.begin(out)?;
    let mut count = 0;
    rows::each_row(&config, &selection, &options, |row| {
        count += 1;
        sink.record(row, out)
    })?;
    sink.finish(out)?;
    super::say_if_empty(cli, count, "postback URLs");
    Ok(ExitCode::Success)
}

/// `urls --level publisher`: the postback each selected publisher's tracker gets.
fn publisher_urls(
    cli: &Cli,
    args: &UrlsArgs,
    format: Format,
    is_terminal: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let selection = &args.selection;
    let level = selection.level;
    if matches!(level, Levels::Global | Levels::All) {
        return Err(Error::usage(format!(
            "--publisher selects publishers' postbacks, not --level {}",
            level.name()
        ))
        .with_hint("drop --level, or drop --publisher"));
    }
    super::refuse_advertiser_flags(
        &[
            (!selection.campaigns.advertisers.is_empty(), "--advertiser"),
            (!selection.campaigns.campaigns.is_empty(), "--campaign"),
            (!selection.goals.is_empty(), "--goal"),
            (args.template.is_some(), "--template"),
            (args.redact, "--redact"),
            (!args.set.is_empty(), "--set"),
        ],
        "--level publisher",
    )?;
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let chosen = publishers::selected(&config, &args.publishers)?;
    let samples = args.sample.then(|| PublisherSamples {
        click_id: args
            .click_id
            .clone()
            .unwrap_or_else(|| "test-click-publisher".to_string()),
    });
    let rows = publishers::rows(&config, &chosen, samples.as_ref());
    let mut sink = render::publisher_writer(format, &config, cli.color.enabled(is_terminal))?;
    sink.begin(out)?;
    let count = rows.len();
    for row in rows {
        sink.record(row, out)?;
    }
    sink.finish(out)?;
    super::say_if_empty(cli, count, "publisher postbacks");
    Ok(ExitCode::Success)
}

fn read_template(path: &Path) -> Result<Template, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::unreadable(&name, e))?;
    Ok(Template { name, text })
}
