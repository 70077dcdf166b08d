//! `list`, `params` and `macros`: what the file and the tool know, as tables or JSON.

use std::collections::HashMap;

use serde_json::{json, Value as Json};

use crate::cli::{Cli, ListingArgs, ListingFormat};
use crate::config::{At, Campaign, Config, Fixed, Goal, GoalTarget, Str, Token};
use crate::error::Error;
use crate::macro_sets;
use crate::output;
use crate::registry::Registry;
use crate::render::table::grid;
use crate::rows::{self, Fill};
use crate::suggest::did_you_mean;

/// How a token is shown: never its value.
fn token_status(token: &Token<'_>) -> String {
    match token {
        Token::Missing => "missing".into(),
        Token::Literal(_) => "set".into(),
        Token::Env(var) => {
            let set = std::env::var_os(var.as_str()).is_some_and(|v| !v.is_empty());
            format!("env {} ({})", var.value, if set { "set" } else { "unset" })
        }
    }
}

/// One line of `list`: a default or goal URL of a campaign (or of the global level).
struct Line<'c> {
    goal: &'c str,
    target: Option<(&'static str, &'c str)>,
    params: Vec<&'c str>,
    fixed: Vec<String>,
}

fn lines<'c>(
    params: &'c [At<Str<'c>>],
    fixed: &'c [Fixed<'c>],
    default_label: &'c str,
    event: bool,
    goals: &'c [Goal<'c>],
) -> Vec<Line<'c>> {
    let base = rows::fills(params, fixed);
    let line = |goal: &'c str, target, fills: &[(&'c str, Fill<'c>)]| Line {
        goal,
        target,
        params: fills
            .iter()
            .filter(|(_, f)| *f == Fill::Advertiser)
            .map(|(n, _)| *n)
            .collect(),
        fixed: fills
            .iter()
            .filter_map(|(n, f)| match f {
                Fill::Literal(v) => Some(format!("{n}={v}")),
                Fill::Advertiser => None,
            })
            .collect(),
    };
    let mut out = vec![line(default_label, None, &base)];
    if event {
        // On the event URL, goal_value is the partner's event-name macro: partner-filled.
        let mut fills = base.clone();
        fills.push(("goal_value", Fill::Advertiser));
        out.push(line(rows::GLOBAL_EVENT, None, &fills));
    }
    for goal in goals {
        let mut fills = base.clone();
        rows::merge(&mut fills, &goal.params, &goal.fixed);
        let target = match &goal.target {
            GoalTarget::Value(v) => ("goal_value", v.as_str()),
            GoalTarget::Id(id) => ("goal_id", id.as_str()),
        };
        out.push(line(goal.name.as_str(), Some(target), &fills));
    }
    out
}

fn campaign_lines<'c>(campaign: &'c Campaign<'c>) -> Vec<Line<'c>> {
    lines(
        &campaign.params,
        &campaign.fixed,
        &campaign.default_label,
        false,
        &campaign.goals,
    )
}

fn line_json(line: &Line<'_>) -> Json {
    json!({
        "goal": line.goal,
        "goal_value": line.target.filter(|(p, _)| *p == "goal_value").map(|(_, v)| v),
        "goal_id": line.target.filter(|(p, _)| *p == "goal_id").map(|(_, v)| v),
        "params": line.params,
        "fixed": line.fixed,
    })
}

pub fn list(cli: &Cli, args: &ListingArgs) -> Result<Vec<u8>, Error> {
    let source = super::read_source(cli.config_path())?;
    let config = super::load(cli, &source)?;
    let global_lines = config
        .global
        .as_ref()
        .map(|g| lines(&g.params, &g.fixed, rows::GLOBAL_DEFAULT, g.event, &g.goals));
    let mut out = Vec::new();
    match args.format {
        ListingFormat::Json => {
            let mut campaign_ids: HashMap<&str, Vec<u64>> = HashMap::new();
            for c in &config.campaigns {
                campaign_ids
                    .entry(c.advertiser.as_str())
                    .or_default()
                    .push(c.id.value);
            }
            let advertisers: Vec<Json> = config
                .advertisers()
                .iter()
                .map(|a| {
                    json!({
                        "key": a.key.as_str(),
                        "name": a.name,
                        "macros": a.macros.set.as_str(),
                        "token": token_status(&a.token),
                        "campaigns": campaign_ids.get(a.key.as_str()).cloned().unwrap_or_default(),
                    })
                })
                .collect();
            let campaigns: Vec<Json> = config
                .campaigns
                .iter()
                .map(|c| {
                    json!({
                        "id": c.id.value,
                        "name": c.name,
                        "advertiser": c.advertiser.as_str(),
                        "urls": campaign_lines(c).iter().map(line_json).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let global = config.global.as_ref().map(|g| {
                json!({
                    "macros": g.macros.set.as_str(),
                    "event": g.event,
                    "urls": global_lines.iter().flatten().map(line_json).collect::<Vec<_>>(),
                })
            });
            let listing = json!({
                "network": {
                    "name": config.network.name,
                    "endpoint": config.network.postback_base,
                    "token": token_status(&config.network.token),
                },
                "global": global,
                "advertisers": advertisers,
                "campaigns": campaigns,
            });
            out = output::json(&listing)?;
        }
        ListingFormat::Table => {
            let color = super::stdout_color(cli);
            let network = &config.network;
            let name = network.name.as_deref().unwrap_or("Network");
            out.extend_from_slice(
                format!(
                    "{}: {}, global token {}\n\n",
                    crate::diagnostic::printable(name),
                    network.postback_base,
                    token_status(&network.token)
                )
                .as_bytes(),
            );
            let advertisers = config.advertisers().iter().map(|a| {
                vec![
                    a.key.value.to_string(),
                    a.name.to_string(),
                    a.macros.set.value.to_string(),
                    token_status(&a.token),
                ]
            });
            grid(
                &["Advertiser", "Name", "Macros", "Token"],
                advertisers,
                color,
                &mut out,
            );
            out.push(b'\n');
            let mut table = Vec::new();
            let mut add = |id: String, campaign: &str, advertiser: &str, lines: Vec<Line<'_>>| {
                for line in lines {
                    table.push(vec![
                        id.clone(),
                        campaign.to_string(),
                        advertiser.to_string(),
                        line.goal.to_string(),
                        line.target
                            .map(|(p, v)| format!("{p}={v}"))
                            .unwrap_or_default(),
                        line.params.join(" "),
                        line.fixed.join(" "),
                    ]);
                }
            };
            if let Some(lines) = global_lines {
                add(String::new(), rows::GLOBAL_CAMPAIGN, "", lines);
            }
            for campaign in &config.campaigns {
                add(
                    campaign.id.value.to_string(),
                    &campaign.name,
                    campaign.advertiser.as_str(),
                    campaign_lines(campaign),
                );
            }
            grid(
                &[
                    "ID",
                    "Campaign",
                    "Advertiser",
                    "Goal",
                    "Goal parameter",
                    "Params",
                    "Fixed",
                ],
                table,
                color,
                &mut out,
            );
        }
    }
    Ok(out)
}

/// The file's config when it has one (`params` and `macros` work without).
fn optional_config<'s>(
    cli: &Cli,
    source: Option<&'s crate::source::Source>,
) -> Result<Option<Config<'s>>, Error> {
    source.map(|s| super::load(cli, s)).transpose()
}

pub fn params(cli: &Cli, args: &ListingArgs) -> Result<Vec<u8>, Error> {
    let source = super::read_optional_source(cli)?;
    let config = optional_config(cli, source.as_ref())?;
    let custom = config.as_ref().map_or(&[][..], |c| &c.network.params[..]);
    let registry = Registry::new(custom);
    let entries: Vec<(String, crate::registry::ParamInfo<'_>)> = registry
        .names()
        .into_iter()
        .filter_map(|name| Some((name.to_string(), registry.lookup(&name)?)))
        .collect();
    let mut out = Vec::new();
    match args.format {
        ListingFormat::Json => {
            let items: Vec<Json> = entries
                .iter()
                .map(|(name, info)| {
                    json!({
                        "name": name,
                        "filled_by": info.filler.describe(),
                        "rule": info.rule.describe(),
                        "custom": !crate::registry::is_builtin(name),
                        "description": info.description,
                    })
                })
                .collect();
            out = output::json(&items)?;
        }
        ListingFormat::Table => {
            let cells = entries.iter().map(|(name, info)| {
                vec![
                    name.clone(),
                    info.filler.describe().to_string(),
                    info.rule.describe().to_string(),
                    info.description.to_string(),
                ]
            });
            grid(
                &["Parameter", "Filled by", "Value rule", "Description"],
                cells,
                super::stdout_color(cli),
                &mut out,
            );
        }
    }
    Ok(out)
}

/// A macro set as `macros` shows it, built-in or from the file.
#[derive(serde::Serialize)]
struct SetView {
    name: String,
    description: String,
    source: String,
    macros: serde_json::Map<String, Json>,
}

impl SetView {
    fn new<'a>(
        name: &str,
        description: &str,
        source: &str,
        entries: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        SetView {
            name: name.to_string(),
            description: description.to_string(),
            source: source.to_string(),
            macros: entries
                .map(|(param, mac)| (param.to_string(), Json::from(mac)))
                .collect(),
        }
    }
}

pub fn macros(cli: &Cli, wanted: Option<&str>, args: &ListingArgs) -> Result<Vec<u8>, Error> {
    let source = super::read_optional_source(cli)?;
    let config = optional_config(cli, source.as_ref())?;
    let mut sets: Vec<SetView> = macro_sets::builtin()
        .iter()
        .map(|s| SetView::new(&s.name, &s.description, &s.source, s.entries()))
        .collect();
    if let (Some(config), Some(source)) = (&config, &source) {
        for custom in &config.macro_sets {
            let entries = custom.entries.iter().map(|(p, m)| (p.as_str(), m.as_str()));
            let name = custom.name.as_str();
            sets.push(SetView::new(
                name,
                "defined in the file",
                &source.name,
                entries,
            ));
        }
    }
    let color = super::stdout_color(cli);
    let Some(wanted) = wanted else {
        if args.format == ListingFormat::Json {
            return output::json(&sets);
        }
        let mut out = Vec::new();
        let cells = sets.iter().map(|s| {
            vec![
                s.name.clone(),
                s.description.clone(),
                s.macros.len().to_string(),
                s.source.clone(),
            ]
        });
        grid(
            &["Set", "System", "Macros", "Source"],
            cells,
            color,
            &mut out,
        );
        return Ok(out);
    };
    let Some(set) = sets.iter().find(|s| s.name == wanted) else {
        let hint = did_you_mean(wanted, sets.iter().map(|s| s.name.as_str()))
            .unwrap_or_else(|| "`postback macros` lists the sets".into());
        return Err(Error::Conflict(format!(
            "no macro set `{wanted}`\n  hint: {hint}"
        )));
    };
    if args.format == ListingFormat::Json {
        return output::json(set);
    }
    // Every parameter a macro can stand for, with the set's macro or the placeholder.
    let custom = config.as_ref().map_or(&[][..], |c| &c.network.params[..]);
    let registry = Registry::new(custom);
    let cells = registry
        .names()
        .into_iter()
        .filter(|p| p != "goal_id" && p != "security_token")
        .map(|param| {
            let shown = match set.macros.get(param.as_ref()).and_then(Json::as_str) {
                Some(m) => m.to_string(),
                None => format!("{} (placeholder)", macro_sets::placeholder(&param)),
            };
            vec![param.to_string(), shown]
        });
    let mut out = format!(
        "{}: {}\nsource: {}\n\n",
        set.name, set.description, set.source
    )
    .into_bytes();
    grid(&["Parameter", "Macro"], cells, color, &mut out);
    Ok(out)
}
