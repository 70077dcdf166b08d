//! `postback list`: the network, its advertisers and every URL's parameters, from the rows
//! module's plan (never a token value).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::cli::{Cli, ListingArgs};
use postback::config::{Config, Events, MacroChoice, Resolved, Token};
use postback::diagnostic::printable;
use postback::error::{Error, ExitCode};
use postback::output::{self, table::grid, Format};
use postback::rows::publishers;
use postback::rows::{Fills, LevelRows, Planned};
use postback::rows::{Macros, Origin, GLOBAL_CAMPAIGN};

/// The whole listing, as `--format json` prints it (keys in alphabetical order).
#[derive(Serialize)]
struct Listing<'c> {
    advertisers: Vec<AdvertiserView<'c>>,
    campaigns: Campaigns<'c>,
    global: Option<GlobalView<'c>>,
    network: NetworkView<'c>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    publishers: Vec<PublisherView<'c>>,
}

/// A publisher, without its postback key (a secret of their tracker).
#[derive(Serialize)]
struct PublisherView<'c> {
    /// The campaigns of its postback; empty: all campaigns.
    campaigns: Vec<u64>,
    events: Events,
    fire_on_pending: bool,
    id: u64,
    key: &'c str,
    name: &'c str,
    tracker: &'c str,
}

#[derive(Serialize)]
struct NetworkView<'c> {
    endpoint: String,
    name: Option<&'c str>,
    token: String,
}

#[derive(Serialize)]
struct GlobalView<'c> {
    event: bool,
    macros: &'c str,
    /// The parameters whose macro `[global.macro]` writes in place of the set's.
    overrides: Vec<&'c str>,
    urls: Vec<UrlView<'c>>,
}

#[derive(Serialize)]
struct AdvertiserView<'c> {
    campaigns: Vec<u64>,
    key: &'c str,
    macros: &'c str,
    /// The parameters whose macro `[advertisers.<key>.macro]` writes in place of the set's.
    overrides: Vec<&'c str>,
    name: &'c str,
    token: String,
}

fn overrides<'c>(choice: &'c MacroChoice<'c>) -> Vec<&'c str> {
    choice
        .overrides
        .iter()
        .map(|(param, _)| param.as_str())
        .collect()
}

/// The campaigns, each described only when it is written: a large file's listing is never
/// held whole.
struct Campaigns<'c>(&'c Config<'c>);

impl<'c> Campaigns<'c> {
    fn views(&self) -> impl Iterator<Item = CampaignView<'c>> + 'c {
        let config = self.0;
        config.campaigns.iter().map(move |c| {
            let level = LevelRows::campaign(c);
            let advertiser = config.advertiser(c.advertiser.as_str());
            let macros = advertiser.map(|a| Macros::new(config, &a.macros));
            CampaignView {
                advertiser: c.advertiser.as_str(),
                id: c.id.value,
                name: &c.name,
                urls: (level.rows())
                    .map(|row| UrlView::new(row, &level.fills, macros.as_ref()))
                    .collect(),
            }
        })
    }
}

impl Serialize for Campaigns<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.views())
    }
}

#[derive(Serialize)]
struct CampaignView<'c> {
    advertiser: &'c str,
    id: u64,
    name: &'c str,
    urls: Vec<UrlView<'c>>,
}

/// One URL of a campaign (or of the global level): its goal and parameters.
#[derive(Serialize)]
struct UrlView<'c> {
    fixed: Vec<String>,
    goal: &'c str,
    goal_id: Option<&'c str>,
    goal_value: Option<&'c str>,
    /// The macro of each parameter the advertiser fills, and where it comes from.
    macros: Vec<MacroView<'c>>,
    params: Vec<&'c str>,
}

#[derive(Serialize)]
struct MacroView<'c> {
    from: Origin,
    #[serde(rename = "macro")]
    text: Cow<'c, str>,
    param: &'c str,
}

impl<'c> UrlView<'c> {
    /// `macros` is `None` only for a campaign whose advertiser is not in the file, which
    /// loading refuses; such a row would list no macros rather than fail.
    fn new(row: Planned<'c>, level: &Fills<'c>, macros: Option<&Macros<'c>>) -> Self {
        let fills = row.fills(level);
        let target = row.target();
        let params: Vec<&'c str> = fills.advertiser_filled().collect();
        let view = |macros: &Macros<'c>| {
            let used = params.iter().map(|param| macros.get(param));
            used.map(|u| MacroView {
                from: u.origin,
                text: u.text,
                param: u.param,
            })
            .collect()
        };
        let macros = macros.map(view).unwrap_or_default();
        UrlView {
            fixed: fills.literals().map(|(n, v)| format!("{n}={v}")).collect(),
            goal: row.label,
            goal_id: target.and_then(|t| t.id()),
            goal_value: target.and_then(|t| t.value()),
            macros,
            params,
        }
    }

    /// The parameters still `{param}` placeholders, for the table.
    fn placeholders(&self) -> String {
        let left = self.macros.iter().filter(|m| m.from == Origin::Placeholder);
        left.map(|m| m.param).collect::<Vec<_>>().join(" ")
    }

    /// `goal_value=...` or `goal_id=...`, for the table.
    fn target(&self) -> String {
        let param = |name: &str, value: &str| format!("{name}={value}");
        match (self.goal_value, self.goal_id) {
            (Some(value), _) => param(postback::registry::GOAL_VALUE, value),
            (_, Some(id)) => param(postback::registry::GOAL_ID, id),
            _ => String::new(),
        }
    }
}

/// How a token is shown: never its value.
fn token_status(token: &Token<'_>) -> String {
    match (token, token.resolve()) {
        (_, Resolved::Missing) => "missing".into(),
        (Token::Env(var), resolved) => {
            let state = match resolved {
                Resolved::Value(_) => "set",
                Resolved::Invalid { .. } => "invalid",
                Resolved::Missing | Resolved::Unset { .. } => "unset",
            };
            format!("env {} ({state})", var.value)
        }
        _ => "set".into(),
    }
}

fn listing<'c>(config: &'c Config<'c>) -> Listing<'c> {
    let mut campaign_ids: HashMap<&str, Vec<u64>> = HashMap::new();
    for c in &config.campaigns {
        campaign_ids
            .entry(c.advertiser.as_str())
            .or_default()
            .push(c.id.value);
    }
    let network = &config.network;
    Listing {
        advertisers: (config.advertisers().iter())
            .map(|a| AdvertiserView {
                campaigns: campaign_ids.remove(a.key.as_str()).unwrap_or_default(),
                key: a.key.as_str(),
                macros: a.macros.set.as_str(),
                overrides: overrides(&a.macros),
                name: &a.name,
                token: token_status(&a.token),
            })
            .collect(),
        campaigns: Campaigns(config),
        global: config.global.as_ref().map(|g| {
            let level = LevelRows::global(g);
            let macros = Macros::new(config, &g.macros);
            GlobalView {
                event: g.event,
                macros: g.macros.set.as_str(),
                overrides: overrides(&g.macros),
                urls: (level.rows())
                    .map(|row| UrlView::new(row, &level.fills, Some(&macros)))
                    .collect(),
            }
        }),
        network: NetworkView {
            endpoint: network.postback.to_string(),
            name: network.name.as_deref(),
            token: token_status(&network.token),
        },
        publishers: (config.publishers.iter())
            .map(|p| PublisherView {
                campaigns: (p.campaigns.iter().flatten()).map(|c| c.value).collect(),
                events: p.events,
                fire_on_pending: p.fire_on_pending,
                id: p.id.value,
                key: p.key.as_str(),
                name: &p.name,
                tracker: publishers::receiver_of(p).key,
            })
            .collect(),
    }
}

pub fn run(cli: &Cli, args: &ListingArgs, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let listing = listing(&config);
    let format = args.output.format(true);
    if format == Format::Json {
        output::json(&listing, out)?;
        return Ok(ExitCode::Success);
    }
    let color = super::stdout_color(cli);
    let network = &listing.network;
    writeln!(
        out,
        "{}: {}, global token {}",
        printable(network.name.unwrap_or("Network")),
        network.endpoint,
        network.token
    )?;
    if let Some(global) = &listing.global {
        let overrides = match global.overrides.join(" ") {
            none if none.is_empty() => String::new(),
            some => format!(", overrides {some}"),
        };
        writeln!(out, "Global level: {} macros{overrides}", global.macros)?;
    }
    writeln!(out)?;
    let advertisers = listing.advertisers.iter().map(|a| {
        vec![
            a.key.to_string(),
            a.name.to_string(),
            a.macros.to_string(),
            a.overrides.join(" "),
            a.token.clone(),
        ]
    });
    grid(
        &["Advertiser", "Name", "Macros", "Overrides", "Token"],
        advertisers,
        color,
        out,
    )?;
    writeln!(out)?;
    let line = |id: String, campaign: &str, advertiser: &str, url: &UrlView<'_>| {
        vec![
            id,
            campaign.to_string(),
            advertiser.to_string(),
            url.goal.to_string(),
            url.target(),
            url.params.join(" "),
            url.placeholders(),
            url.fixed.join(" "),
        ]
    };
    let global = listing.global.iter().flat_map(|g| &g.urls);
    let global = global.map(|url| line(String::new(), GLOBAL_CAMPAIGN, "", url));
    let campaigns = listing.campaigns.views().flat_map(|c| {
        let lines: Vec<_> = (c.urls.iter())
            .map(|url| line(c.id.to_string(), c.name, c.advertiser, url))
            .collect();
        lines
    });
    let header = [
        "ID",
        "Campaign",
        "Advertiser",
        "Goal",
        "Goal parameter",
        "Params",
        "Placeholders",
        "Fixed",
    ];
    grid(&header, global.chain(campaigns), color, out)?;
    if !listing.publishers.is_empty() {
        writeln!(out)?;
        let rows = listing.publishers.iter().map(|p| {
            let campaigns = match p.campaigns.is_empty() {
                true => "all".to_string(),
                false => (p.campaigns.iter().map(u64::to_string))
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            vec![
                p.key.to_string(),
                p.name.to_string(),
                p.id.to_string(),
                p.tracker.to_string(),
                campaigns,
                p.events.label().to_string(),
                if p.fire_on_pending { "yes" } else { "no" }.to_string(),
            ]
        });
        let header = [
            "Publisher",
            "Name",
            "ID",
            "Tracker",
            "Campaigns",
            "Events",
            "Pending",
        ];
        grid(&header, rows, color, out)?;
    }
    Ok(ExitCode::Success)
}
