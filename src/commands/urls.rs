//! `postback urls`: the postback URLs of a selection, in the chosen format, written as they
//! are built (every error comes before the first row; see [`crate::rows::each_row`]).

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{Cli, LevelArg, UrlsArgs};
use crate::error::Error;
use crate::output::Stream;
use crate::render::{self, email::Template, Context, Format};
use crate::rows::{self, Levels, Options, Selection};
use crate::sample::Samples;

/// Output is handed to stdout in pieces of about this size.
const CHUNK: usize = 64 * 1024;

pub fn run(cli: &Cli, args: &UrlsArgs) -> Result<Vec<u8>, Error> {
    let is_terminal = std::io::stdout().is_terminal();
    let format = match (args.format, &args.template) {
        (Some(format), None) => format,
        (Some(Format::Email) | None, Some(_)) => Format::Email,
        (Some(other), Some(_)) => {
            return Err(Error::Usage(format!(
                "--template is for --format email, not --format {}\n  \
                 hint: drop --format, or use --format email",
                other.name()
            )))
        }
        (None, None) if is_terminal => Format::Table,
        (None, None) => Format::Plain,
    };
    let template = args.template.as_deref().map(read_template).transpose()?;
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
        collect_macros: format == Format::Email,
    };
    let context = Context {
        config: &config,
        color: cli.color.enabled(is_terminal),
        template: template.as_ref(),
    };
    let mut renderer = render::renderer(format, context)?;
    let mut stream = Stream::default();
    let mut out = Vec::with_capacity(2 * CHUNK);
    renderer.begin(&mut out)?;
    rows::each_row(&config, &selection, &options, |row| {
        if stream.is_closed() {
            return Ok(());
        }
        renderer.row(row, &mut out)?;
        if out.len() >= CHUNK {
            stream.write(&out)?;
            out.clear();
        }
        Ok(())
    })?;
    renderer.finish(&mut out)?;
    stream.write(&out)?;
    stream.flush()?;
    Ok(Vec::new())
}

fn read_template(path: &Path) -> Result<Template, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::Unreadable {
        path: name.clone(),
        reason: e.to_string(),
    })?;
    Ok(Template { name, text })
}
