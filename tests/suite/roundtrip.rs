//! Round trips over random input: `tsv`, `csv` and `json` parse back to the rows they were
//! made from; the same input gives the same bytes; an `add` that succeeds always leaves a
//! file that validates, its comments kept.

use postback::config::{self, Config};
use postback::edit::{self, Addition, GoalName, TokenSource};
use postback::render::{self, Context, Format};
use postback::rows::{self, Levels, Options, Row, Selection};
use postback::source::Source;
use proptest::prelude::*;

/// Names as people type them, with the characters that break delimited formats made likely.
fn name() -> impl Strategy<Value = String> {
    "(\\PC|[\\t\\n\\r,;\"' ]){1,20}"
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn network(campaign: &str, goal: &str, advertiser: &str) -> String {
    format!(
        "# hand-written header comment\n[network]\ndomain = \"x.example\"\n\n\
         [advertisers.a]   # the advertiser\nname = {}\nsecurity_token = \"tok\"\n\n\
         [[campaigns]]\nid = 7\nname = {}\nadvertiser = \"a\"\nparams = [\"txn_id\"]\n\n\
         # the goals\n[[campaigns.goals]]\nname = {}\nvalue = \"g\"\n",
        quoted(advertiser),
        quoted(campaign),
        quoted(goal),
    )
}

fn load(source: &Source) -> Config<'_> {
    let loaded = config::load(source);
    loaded
        .config
        .unwrap_or_else(|| panic!("valid file: {:?}", loaded.diagnostics))
}

fn render_all(config: &Config<'_>, rows: &[Row<'_>], format: Format) -> String {
    let context = Context::new(config, false);
    String::from_utf8(render::render(format, rows, context).expect("renders")).expect("UTF-8")
}

/// What every delimited format carries of a row.
fn fields(row: &Row<'_>) -> Vec<String> {
    vec![
        "advertiser".to_string(),
        row.advertiser.unwrap_or("").to_string(),
        row.campaign_id.map(|id| id.to_string()).unwrap_or_default(),
        row.campaign.to_string(),
        row.goal.to_string(),
        row.url.clone(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn delimited_and_json_outputs_parse_back(campaign in name(), goal in name(), advertiser in name()) {
        let source = Source::new("p.toml", network(&campaign, &goal, &advertiser));
        let config = load(&source);
        let (selection, options) = (Selection::default(), Options::default());
        let rows = rows::rows(&config, &selection, &options).expect("rows");
        prop_assert_eq!(rows.len(), 2);
        let expected: Vec<Vec<String>> = rows.iter().map(fields).collect();

        // A name never breaks a line of TSV or CSV: tabs and line breaks become spaces;
        // quotes and commas survive CSV's quoting.
        let flattened: Vec<Vec<String>> = expected
            .iter()
            .map(|row| row.iter().map(|f| f.replace(['\t', '\n', '\r'], " ")).collect())
            .collect();
        let csv_text = render_all(&config, &rows, Format::Csv);
        prop_assert_eq!(csv_text.lines().count(), 3);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let parsed: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("CSV record").iter().map(str::to_string).collect())
            .collect();
        prop_assert_eq!(&parsed, &flattened);

        let tsv_text = render_all(&config, &rows, Format::Tsv);
        let parsed: Vec<Vec<String>> = tsv_text
            .lines()
            .skip(1)
            .map(|line| line.split('\t').map(str::to_string).collect())
            .collect();
        prop_assert_eq!(parsed, flattened);

        let json: serde_json::Value = serde_json::from_str(&render_all(&config, &rows, Format::Json)).expect("JSON");
        let parsed: Vec<Vec<String>> = json
            .as_array()
            .expect("an array")
            .iter()
            .map(|o| {
                ["level", "advertiser", "campaign_id", "campaign", "goal", "url"]
                    .iter()
                    .map(|k| match &o[*k] {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Number(n) => n.to_string(),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect();
        prop_assert_eq!(parsed, expected);
    }

    #[test]
    fn the_same_input_gives_the_same_bytes(campaign in name(), goal in name(), advertiser in name()) {
        let text = network(&campaign, &goal, &advertiser);
        let render_once = || {
            let source = Source::new("p.toml", text.clone());
            let config = load(&source);
            let selection = Selection { levels: Levels::All, ..Selection::default() };
            let options = Options { collect_macros: true, ..Options::default() };
            let rows = rows::rows(&config, &selection, &options).expect("rows");
            [Format::Table, Format::Plain, Format::Tsv, Format::Csv, Format::Json, Format::Markdown, Format::Email]
                .map(|format| render_all(&config, &rows, format))
        };
        prop_assert_eq!(render_once(), render_once());
    }

    #[test]
    fn a_successful_add_always_validates_and_keeps_the_comments(
        key in "[a-z0-9_-]{1,12}",
        label in name(),
        value in name(),
        id in 1u64..1_000_000,
        fixed in name(),
        which in 0u8..3,
    ) {
        let original = network("C", "G", "A");
        let source = Source::new("p.toml", original.clone());
        let addition = match which {
            0 => Addition::Advertiser {
                key: key.clone(),
                name: label.clone(),
                token: Some(TokenSource::Literal(format!("t-{key}"))),
                macros: Some("appsflyer".into()),
                overrides: Vec::new(),
            },
            1 => Addition::Campaign {
                id,
                name: label.clone(),
                advertiser: "a".into(),
                default: Some(value.clone()),
                params: vec!["sale_amount".into()],
                fixed: vec![("sub1".into(), fixed.clone())],
            },
            _ => Addition::Goal {
                campaign: 7,
                name: label.clone(),
                target: GoalName::Value(value.clone()),
                params: vec![],
                fixed: vec![("sub2".into(), fixed.clone())],
            },
        };
        // A refusal (a duplicate name or value, say) is allowed; a broken file is not.
        if let Ok(edited) = edit::add(&source, &addition) {
            let result = Source::new("p.toml", edited.clone());
            let loaded = config::load(&result);
            prop_assert!(loaded.error_count() == 0, "{:?}\n{}", loaded.diagnostics, edited);
            for line in original.lines().filter(|l| l.contains('#')) {
                prop_assert!(edited.contains(line), "lost {line:?}");
            }
            let config = loaded.config.expect("loads");
            match which {
                0 => prop_assert!(config.advertiser(&key).is_some()),
                1 => prop_assert!(config.campaigns.iter().any(|c| c.id.value == id && c.name == label.as_str())),
                _ => prop_assert!(config.campaigns[0].goals.iter().any(|g| g.name.value == label.as_str())),
            }
        }
    }
}
