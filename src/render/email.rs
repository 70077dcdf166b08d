//! `email`: one ready-to-send plain-text message per advertiser (and one for the global
//! level), rendered with a minijinja template: the built-in one or the user's `--template`.
//!
//! The template sees one message at a time; the variables are documented in the README
//! ("Email templates"). Messages are separated by a line of `=`. Names from the file reach
//! the template on one line, without control characters: a name can never add a header.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use super::{Context, Template};
use crate::config::Config;
use crate::diagnostic::one_line;
use crate::error::Error;
use crate::macro_sets;
use crate::output::Sink;
use crate::registry::{self, Registry};
use crate::rows::{Kind, Level, Origin, Row};
use crate::test_link;

/// The built-in template.
pub const DEFAULT_TEMPLATE: &str = include_str!("templates/email.txt.j2");
/// Prose is wrapped at this many columns; URLs are never wrapped.
pub const WIDTH: usize = 72;
pub const SEPARATOR: &str =
    "========================================================================";

#[derive(Serialize)]
struct Message<'a> {
    network: NetworkView,
    level: Level,
    advertiser: Option<AdvertiserView<'a>>,
    macro_set: SetView<'a>,
    campaigns: Vec<CampaignView<'a>>,
    replace: Vec<MacroView<'a>>,
    /// Every macro the advertiser's system fills: `from_set` and `from_override` together.
    filled: Vec<MacroView<'a>>,
    from_set: Vec<MacroView<'a>>,
    from_override: Vec<MacroView<'a>>,
    has_test_links: bool,
}

#[derive(Serialize)]
struct NetworkView {
    /// The network's `name`, or its domain when it has none.
    name: String,
    domain: String,
}

#[derive(Serialize)]
struct AdvertiserView<'a> {
    key: &'a str,
    name: Cow<'a, str>,
}

#[derive(Serialize)]
struct SetView<'a> {
    name: &'a str,
    /// The built-in set's description (`AppsFlyer (mobile measurement partner)`), or the
    /// name of a set from the file.
    description: &'a str,
}

#[derive(Serialize)]
struct CampaignView<'a> {
    id: Option<u64>,
    name: Cow<'a, str>,
    test_link: Option<String>,
    urls: Vec<UrlView<'a>>,
}

#[derive(Serialize)]
struct UrlView<'a> {
    goal: Cow<'a, str>,
    kind: &'static str,
    goal_value: Option<&'a str>,
    goal_id: Option<&'a str>,
    url: &'a str,
}

#[derive(Serialize, Clone)]
struct MacroView<'a> {
    #[serde(rename = "macro")]
    text: &'a str,
    param: &'a str,
    description: Cow<'a, str>,
    /// `set`, `override` or `placeholder`.
    from: Origin,
}

/// One message per advertiser of the rows (global rows first, as one message): the rows
/// are grouped, so they are all taken before anything is written.
pub struct Email<'a, 'r> {
    config: &'a Config<'a>,
    template: Option<&'a Template>,
    env: Environment<'static>,
    rows: Vec<Row<'r>>,
}

impl<'a> Email<'a, '_> {
    /// Compiles the template: a syntax error is reported before any row is built.
    pub fn new(context: Context<'a>) -> Result<Self, Error> {
        let config = context.config;
        let env = environment(context.template)?;
        env.get_template(TEMPLATE_NAME)
            .map_err(|e| template_error(&e, context.template))?;
        Ok(Email {
            config,
            template: context.template,
            env,
            rows: Vec::new(),
        })
    }
}

impl<'r> Sink<Row<'r>> for Email<'_, 'r> {
    fn record(&mut self, row: Row<'r>, _out: &mut dyn Write) -> Result<(), Error> {
        self.rows.push(row);
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write) -> Result<(), Error> {
        let failed = |e: minijinja::Error| template_error(&e, self.template);
        let template = self.env.get_template(TEMPLATE_NAME).map_err(failed)?;
        for (index, message) in messages(&self.rows, self.config).iter().enumerate() {
            let text = template.render(Serde(message)).map_err(failed)?;
            if index > 0 {
                write!(out, "\n{SEPARATOR}\n\n")?;
            }
            out.write_all(text.trim_end().as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

const TEMPLATE_NAME: &str = "email";

/// The template environment: block tags on their own lines leave no blank line behind, an
/// undefined variable is an error (a typo must not vanish silently), and `wrap` fills prose.
fn environment(template: Option<&Template>) -> Result<Environment<'static>, Error> {
    let mut env = strict_environment().map_err(|e| template_error(&e, template))?;
    env.add_filter("wrap", wrap);
    let text = template.map_or(DEFAULT_TEMPLATE, |t| t.text.as_str());
    env.add_template_owned(TEMPLATE_NAME, text.to_string())
        .map_err(|e| template_error(&e, template))?;
    Ok(env)
}

/// The environment of postback's templates: block tags on their own lines leave no blank
/// line behind, and an undefined variable is an error (a typo must not vanish silently).
pub fn strict_environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = (env.syntax().to_builder())
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()?;
    env.set_syntax(syntax);
    Ok(env)
}

/// `text | wrap` or `text | wrap("   ")`: each paragraph (blank-line separated) filled to
/// [`WIDTH`] columns, continuation lines starting with `indent`. Words are never broken, so a
/// URL keeps its line whatever its length.
pub fn wrap(text: String, indent: Option<String>) -> String {
    let indent = indent.unwrap_or_default();
    let options = textwrap::Options::new(WIDTH)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .subsequent_indent(&indent);
    let mut wrapped = text
        .trim()
        .split("\n\n")
        .map(|paragraph| {
            let words = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
            textwrap::fill(&words, &options)
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    // A `{% filter wrap %}` block ends with its last line's break: keep it.
    if text.ends_with('\n') {
        wrapped.push('\n');
    }
    wrapped
}

fn template_error(error: &minijinja::Error, template: Option<&Template>) -> Error {
    let name = template.map_or("the built-in email template", |t| t.name.as_str());
    let line = error.line().map(|l| format!(":{l}")).unwrap_or_default();
    let detail = error.detail().unwrap_or("");
    let what = error.kind().to_string();
    let message = if detail.is_empty() {
        what
    } else {
        format!("{what}: {detail}")
    };
    Error::template(format!("{name}{line}: {message}"))
        .with_hint("the README's \"Email templates\" lists the variables")
}

/// Groups rows into messages: the global rows, then each advertiser in order of first
/// appearance, its campaigns in file order.
fn messages<'a>(rows: &'a [Row<'a>], config: &'a Config<'a>) -> Vec<Message<'a>> {
    let registry = Registry::new(&config.network.params);
    let mut groups: Vec<Vec<&'a Row<'a>>> = Vec::new();
    let mut index: HashMap<Option<&str>, usize> = HashMap::new();
    for row in rows {
        let slot = *index.entry(row.advertiser).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(row);
    }
    groups
        .into_iter()
        .map(|group| message(&group, config, &registry))
        .collect()
}

fn message<'a>(
    rows: &[&'a Row<'a>],
    config: &'a Config<'a>,
    registry: &Registry<'a>,
) -> Message<'a> {
    let first = rows[0];
    let advertiser = first.advertiser.and_then(|key| config.advertiser(key));
    let choice = match advertiser {
        Some(a) => Some(&a.macros),
        None => config.global.as_ref().map(|g| &g.macros),
    };
    let set_name = choice.map_or(macro_sets::PLACEHOLDER, |c| c.set.as_str());
    let description =
        macro_sets::find_builtin(set_name).map_or(set_name, |s| s.description.as_str());

    let mut campaigns: Vec<CampaignView<'a>> = Vec::new();
    for row in rows {
        if campaigns.last().is_none_or(|c| c.id != row.campaign_id) {
            campaigns.push(CampaignView {
                id: row.campaign_id,
                name: one_line(row.campaign),
                test_link: row
                    .campaign_id
                    .and_then(|id| test_link::url(&config.network, id)),
                urls: Vec::new(),
            });
        }
        if let Some(campaign) = campaigns.last_mut() {
            campaign.urls.push(UrlView {
                goal: one_line(row.goal),
                kind: match row.kind {
                    Kind::Default => "default",
                    Kind::Event => "event",
                    Kind::Goal => "goal",
                },
                goal_value: row.goal_value,
                goal_id: row.goal_id,
                url: &row.url,
            });
        }
    }

    // Every distinct macro of the message, in canonical parameter order.
    let mut distinct = BTreeMap::new();
    for used in rows.iter().flat_map(|row| &row.macros) {
        let info = registry.lookup(used.param);
        let view = MacroView {
            text: &used.text,
            param: used.param,
            description: registry::described(
                info.map_or("", |i| i.description),
                config.network.tracker.name,
            ),
            from: used.origin,
        };
        let key = (info.map_or(u32::MAX, |i| i.order), used.text.as_ref());
        distinct.entry(key).or_insert(view);
    }
    let from = |origins: &[Origin]| -> Vec<MacroView<'a>> {
        let views = distinct.values().filter(|v| origins.contains(&v.from));
        views.cloned().collect()
    };
    let domain = config.network.postback.authority();
    Message {
        network: NetworkView {
            name: config
                .network
                .name
                .as_deref()
                .map_or_else(|| domain.clone(), |name| one_line(name).into_owned()),
            domain,
        },
        level: first.level,
        advertiser: advertiser.map(|a| AdvertiserView {
            key: a.key.as_str(),
            name: one_line(&a.name),
        }),
        macro_set: SetView {
            name: set_name,
            description,
        },
        has_test_links: campaigns.iter().any(|c| c.test_link.is_some()),
        campaigns,
        replace: from(&[Origin::Placeholder]),
        filled: from(&[Origin::Set, Origin::Override]),
        from_set: from(&[Origin::Set]),
        from_override: from(&[Origin::Override]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_fills_paragraphs_and_never_breaks_a_url() {
        let url = format!("https://x.test/acquisition?click_id={}", "a".repeat(100));
        let text =
            format!("Fire this:\n{url} and then reply to this message with the click id please.");
        let wrapped = wrap(text, Some("  ".into()));
        assert!(wrapped.lines().any(|l| l.trim() == url), "{wrapped}");
        assert!(wrapped
            .lines()
            .filter(|l| !l.contains(&url))
            .all(|l| l.len() <= WIDTH));
        assert_eq!(wrap("a\n\nb  c".into(), None), "a\n\nb c");
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        let text = "re-engagement ".repeat(10);
        assert!(wrap(text, None).lines().all(|l| !l.ends_with('-')));
    }
}
