//! `postback urls`: the postback URLs of a selection, in the chosen format, written as they
//! are built (every error comes before the first row; see [`postback::rows::each_row`]).

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{Cli, UrlsArgs};
use postback::error::{Error, ExitCode};
use postback::output::Format;
use postback::render::{self, Context, Template};
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

fn read_template(path: &Path) -> Result<Template, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::unreadable(&name, e))?;
    Ok(Template { name, text })
}
