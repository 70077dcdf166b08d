//! The tool accepts its own output: for any valid file (tokenless owners, a global level with
//! an event and goals, goal ids, custom parameters, every macro set), the `--sample` URLs of
//! every level pass `check --strict` with no finding, in one batch, and the templates `urls`
//! prints pass `check --template` once their placeholders are replaced.

use postback::check::{Mode, Network, Run};
use postback::config;
use postback::rows::{self, Options, Origin, Selection};
use postback::sample::Samples;
use postback::source::Source;
use proptest::prelude::*;

/// Every built-in macro set, by name.
fn sets() -> Vec<&'static str> {
    (postback::macro_sets::builtin().iter())
        .map(|set| set.name.as_str())
        .collect()
}
const PARAMS: &[&str] = &[
    "txn_id",
    "sale_amount",
    "revenue",
    "currency",
    "status",
    "coupon_code",
    "idfa",
    "gaid",
    "sub3",
    "order_id",
];

#[derive(Clone, Debug)]
struct Advertiser {
    token: bool,
    set: usize,
}

#[derive(Clone, Debug)]
struct Campaign {
    advertiser: usize,
    params: Vec<usize>,
    fixed_status: bool,
    /// Each goal: named by an id (else a value), with extra params.
    goals: Vec<(bool, Vec<usize>)>,
}

#[derive(Clone, Debug)]
struct File {
    network_token: bool,
    /// The global level: its set, event URL, goals (by id or value) and params.
    global: Option<(usize, bool, Vec<bool>, Vec<usize>)>,
    advertisers: Vec<Advertiser>,
    campaigns: Vec<Campaign>,
}

fn file() -> impl Strategy<Value = File> {
    let params = || proptest::collection::vec(0..PARAMS.len(), 0..4);
    let advertiser =
        (any::<bool>(), 0..sets().len()).prop_map(|(token, set)| Advertiser { token, set });
    let campaign = (
        0..3usize,
        params(),
        any::<bool>(),
        proptest::collection::vec((any::<bool>(), params()), 0..4),
    )
        .prop_map(|(advertiser, params, fixed_status, goals)| Campaign {
            advertiser,
            params,
            fixed_status,
            goals,
        });
    (
        any::<bool>(),
        proptest::option::of((
            0..sets().len(),
            any::<bool>(),
            proptest::collection::vec(any::<bool>(), 0..3),
            params(),
        )),
        proptest::collection::vec(advertiser, 1..4),
        proptest::collection::vec(campaign, 1..4),
    )
        .prop_map(|(network_token, global, advertisers, campaigns)| File {
            network_token,
            global,
            advertisers,
            campaigns,
        })
}

fn list(params: &[usize]) -> String {
    let mut names: Vec<&str> = params.iter().map(|&p| PARAMS[p]).collect();
    names.dedup();
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

impl File {
    fn text(&self) -> String {
        let mut text = String::from("[network]\nname = \"Net\"\ndomain = \"net.example\"\n");
        if self.network_token {
            text.push_str("security_token = \"net-tok-1\"\n");
        }
        text.push_str("[network.params]\norder_id = \"the shop's order\"\n\n");
        if let Some((set, event, goals, params)) = &self.global {
            text.push_str(&format!(
                "[global]\nmacros = \"{}\"\nevent = {event}\nparams = {}\n",
                sets()[*set],
                list(params)
            ));
            if sets()[*set] == "singular" {
                text.push_str("[global.macro]\nclick_id = \"{cl?Net}\"\n");
            }
            for (at, by_id) in goals.iter().enumerate() {
                let target = if *by_id { "id" } else { "value" };
                text.push_str(&format!(
                    "[[global.goals]]\nname = \"G{at}\"\n{target} = \"global-{at}\"\n"
                ));
            }
            text.push('\n');
        }
        for (at, advertiser) in self.advertisers.iter().enumerate() {
            text.push_str(&format!(
                "[advertisers.a{at}]\nname = \"A{at}\"\nmacros = \"{}\"\n",
                sets()[advertiser.set]
            ));
            if advertiser.token {
                text.push_str(&format!("security_token = \"adv-tok-{at}\"\n"));
            }
            if sets()[advertiser.set] == "singular" {
                text.push_str(&format!(
                    "[advertisers.a{at}.macro]\nclick_id = \"{{cl?Net}}\"\n"
                ));
            }
            text.push('\n');
        }
        for (at, campaign) in self.campaigns.iter().enumerate() {
            let advertiser = campaign.advertiser % self.advertisers.len();
            text.push_str(&format!(
                "[[campaigns]]\nid = {}\nname = \"C{at}\"\nadvertiser = \"a{advertiser}\"\nparams = {}\n",
                100 + at,
                list(&campaign.params)
            ));
            if campaign.fixed_status && !campaign.params.contains(&4) {
                text.push_str("fixed = { status = \"approved\", sub1 = \"x y\" }\n");
            }
            for (goal, (by_id, params)) in campaign.goals.iter().enumerate() {
                let target = if *by_id { "id" } else { "value" };
                text.push_str(&format!(
                    "[[campaigns.goals]]\nname = \"Goal {goal}\"\n{target} = \"c{at}-g{goal}\"\nparams = {}\n",
                    list(params)
                ));
            }
            text.push('\n');
        }
        text
    }
}

/// Every row's URL of every level, each placeholder `{param}` replaced by a macro of the
/// advertiser's choosing (`[param]`), as the advertiser does when they set it up.
fn urls(config: &config::Config<'_>, options: &Options) -> Vec<String> {
    let selection = Selection {
        levels: postback::owner::Levels::All,
        ..Selection::default()
    };
    (rows::rows(config, &selection, options).expect("rows"))
        .into_iter()
        .map(|row| {
            let mut url = row.url;
            for used in row
                .macros
                .iter()
                .filter(|m| m.origin == Origin::Placeholder)
            {
                let param = used.param;
                url = url.replace(
                    &format!("{param}={{{param}}}"),
                    &format!("{param}=[{param}]"),
                );
            }
            url
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn samples_and_templates_pass_check(file in file()) {
        let text = file.text();
        let source = Source::new("own.toml", text.clone());
        let loaded = config::load(&source);
        let config = loaded.config.unwrap_or_else(|| panic!("{text}\n{:?}", loaded.diagnostics));
        let network = Network::new(&config);

        let samples = Options {
            samples: Some(Samples::default()),
            ..Options::default()
        };
        let mut run = Run::new(&network, Mode::Hit);
        for url in urls(&config, &samples) {
            let report = run.check(&url);
            prop_assert!(report.findings.is_empty(), "{}\n{}\n{:?}", text, url, report.findings);
        }

        let mut run = Run::new(&network, Mode::Template);
        let templates = Options {
            collect_macros: true,
            ..Options::default()
        };
        for url in urls(&config, &templates) {
            let report = run.check(&url);
            prop_assert!(report.findings.is_empty(), "{}\n{}\n{:?}", text, url, report.findings);
        }
    }
}

use crate::common;

/// The support engineer's file of the report: an advertiser without a token, a global event
/// URL and several goals per campaign.
const MIXED: &str = r#"
[network]
domain = "demo.gotrackier.com"
security_token = "9f1c0d2e7a"

[global]
macros = "appsflyer"
event = true
[[global.goals]]
name = "Registration"
value = "registration"

[advertisers.acme]
name = "Acme"
security_token = "a1b2c3d4"

[advertisers.open]
name = "Open Shop"

[[campaigns]]
id = 1
name = "Acme sale"
advertiser = "acme"
params = ["txn_id", "sale_amount"]
[[campaigns.goals]]
name = "First"
value = "first"
[[campaigns.goals]]
name = "Second"
id = "g-2"

[[campaigns]]
id = 2
name = "Open sale"
advertiser = "open"
params = ["txn_id"]
[[campaigns.goals]]
name = "Buy"
value = "buy"

[[campaigns]]
id = 3
name = "Open app"
advertiser = "open"
"#;

#[test]
fn the_samples_of_every_level_and_fire_dry_run_pass_check_strict() {
    let file = common::config(MIXED);
    let samples = file.run(&["urls", "--level", "all", "--sample"]).success();
    let samples = common::stdout_of(&samples);
    assert_eq!(samples.lines().count(), 9, "{samples}");
    file.cmd()
        .args(["check", "--strict"])
        .write_stdin(samples)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "9 hits: 9 ok, 0 with errors, 0 with warnings",
        ));
    // What fire would send for one test click (a click belongs to one campaign): the curl
    // lines' URLs.
    for selection in [
        &["--level", "global"][..],
        &["--campaign", "1"],
        &["--campaign", "2"],
        &["--campaign", "3"],
    ] {
        let dry = file
            .cmd()
            .args(["fire", "--dry-run", "--click-id", "C1"])
            .args(selection)
            .assert()
            .success();
        let urls: String = (common::stdout_of(&dry).lines())
            .map(|line| {
                let url = line.rsplit_once(" '").expect("a URL").1;
                format!("{}\n", url.trim_end_matches('\''))
            })
            .collect();
        assert!(!urls.is_empty());
        file.cmd()
            .args(["check", "--strict"])
            .write_stdin(urls)
            .assert()
            .success();
    }
}

#[test]
fn a_token_whose_variable_is_unset_is_unknown_not_wrong() {
    let file = common::config(&MIXED.replace(
        "security_token = \"a1b2c3d4\"",
        "security_token_env = \"ACME_TOKEN_UNSET_HERE\"",
    ));
    let hit = "https://demo.gotrackier.com/acquisition?click_id=1&security_token=real-tok&txn_id=t&sale_amount=1";
    let assert = file
        .cmd()
        .env_remove("ACME_TOKEN_UNSET_HERE")
        .args(["-q", "check", hit])
        .assert()
        .success();
    let out = common::stdout_of(&assert);
    assert!(out.contains("warning INVALID_SECURITY_TOKEN"), "{out}");
    assert!(
        out.contains("ACME_TOKEN_UNSET_HERE (advertiser `acme`'s token) is not set here"),
        "{out}"
    );
}
