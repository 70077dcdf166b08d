//! `validate`, `list`, `params`, `macros`: every problem at once with its position, and
//! listings that never show a token.

use crate::common;

use common::{config, postback, stdout_of, SMALL};
use predicates::prelude::*;

#[test]
fn shipped_file_is_ok() {
    postback()
        .arg("validate")
        .assert()
        .success()
        .stdout("campaigns.toml: ok\n");
    for example in [
        "examples/mmp-global.toml",
        "examples/offer18.toml",
        "tests/fixtures/appsflyer-template.toml",
    ] {
        postback()
            .args(["-c", example, "validate"])
            .assert()
            .success();
    }
}

#[test]
fn the_tracker_is_trackier_unless_the_file_names_an_unknown_one() {
    let named = |tracker: &str| {
        SMALL.replace(
            "[network]\n",
            &format!("[network]\ntracker = \"{tracker}\"\n"),
        )
    };
    let file = config(&named("trackier"));
    let urls = |path: &std::path::Path| {
        stdout_of(
            &postback()
                .arg("-c")
                .arg(path)
                .arg("urls")
                .assert()
                .success(),
        )
    };
    let plain = config(SMALL);
    assert_eq!(urls(&file.path), urls(&plain.path));
    let file = config(&named("trackeir"));
    postback()
        .arg("-c")
        .arg(&file.path)
        .arg("validate")
        .assert()
        .code(65)
        .stdout(
            predicate::str::contains(":3:11: unknown tracker `trackeir`")
                .and(predicate::str::contains("hint: did you mean `trackier`?")),
        );
}

#[test]
fn errors_and_warnings_with_positions_then_a_summary() {
    let assert = postback()
        .args(["-c", "tests/fixtures/broken.toml", "validate"])
        .assert()
        .code(65);
    let out = stdout_of(&assert);
    let headers: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .collect();
    assert_eq!(
        headers,
        [
            "error: tests/fixtures/broken.toml:3:10: the domain `https://demo.gotrackier.com` contains a scheme (`https://`)",
            "error: tests/fixtures/broken.toml:7:18: the security token of advertiser `acme` contains whitespace",
            "error: tests/fixtures/broken.toml:13:21: unknown parameter `sale_ammount` in params",
            "error: tests/fixtures/broken.toml:16:8: goal `Purchase` has neither `value` nor `id`",
            "error: tests/fixtures/broken.toml:17:1: unknown key `goal_vlaue` in [[campaigns.goals]]",
        ]
    );
    assert!(out.contains("  hint: did you mean `sale_amount`?"));
    assert!(
        out.ends_with("tests/fixtures/broken.toml: 5 errors, 0 warnings\n"),
        "{out}"
    );
}

#[test]
fn json_report_has_one_object_per_problem() {
    let assert = postback()
        .args([
            "-c",
            "tests/fixtures/broken.toml",
            "validate",
            "--format",
            "json",
        ])
        .assert()
        .code(65);
    let value: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    let problems = value.as_array().unwrap();
    assert_eq!(problems.len(), 5);
    let first = &problems[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "tests/fixtures/broken.toml");
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 10);
    assert!(first["message"].as_str().unwrap().contains("scheme"));
    assert!(first["hint"]
        .as_str()
        .unwrap()
        .contains("demo.gotrackier.com"));
    assert_eq!(
        problems[3]["hint"].as_str().map(|h| h.contains("value")),
        Some(true)
    );
}

/// Validates `text`; asserts exit 0 (warnings only) and each `(line, message)` warning.
fn warns(text: &str, expected: &[(usize, &str)]) {
    let file = config(text);
    let assert = file.run(&["validate"]).success();
    let out = stdout_of(&assert);
    for (line, message) in expected {
        let header = format!("campaigns.toml:{line}:");
        assert!(
            out.lines()
                .any(|l| l.starts_with("warning: ") && l.contains(&header) && l.contains(message)),
            "missing warning {line}: {message} in\n{out}"
        );
    }
    assert!(
        out.trim_end().ends_with(&format!(
            "0 errors, {} warning{}",
            expected.len(),
            if expected.len() == 1 { "" } else { "s" }
        )),
        "{out}"
    );
}

#[test]
fn each_warning() {
    let base = "[network]\ndomain = \"d.example\"\n[advertisers.a]\nname = \"A\"\nsecurity_token = \"t1\"\n\
                [[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"a\"\n";
    warns(
        &base.replace(
            "domain = \"d.example\"",
            "domain = \"d.example\"\nscheme = \"http\"",
        ),
        &[(3, "plain http")],
    );
    warns(
        &base.replace("security_token = \"t1\"\n", ""),
        &[(3, "advertiser `a` has no security token")],
    );
    warns(
        &base.replace(
            "security_token = \"t1\"",
            "security_token_env = \"POSTBACK_TEST_UNSET_VAR\"",
        ),
        &[(
            5,
            "the token variable `POSTBACK_TEST_UNSET_VAR` of advertiser `a` is not set",
        )],
    );
    warns(
        &format!("{base}[advertisers.b]\nname = \"B\"\nsecurity_token = \"t1\"\n[[campaigns]]\nid = 2\nname = \"D\"\nadvertiser = \"b\"\n"),
        &[(12, "advertiser `b` has the same security token as advertiser `a`")],
    );
    warns(
        &format!("{base}[advertisers.z]\nname = \"Z\"\nsecurity_token = \"t9\"\n"),
        &[(10, "advertiser `z` has no campaigns")],
    );
    warns(
        &format!("{base}fixed = {{ currency = \"usd\" }}\n"),
        &[(10, "currency `usd` is not upper-case")],
    );
    warns(
        &base.replace(
            "[advertisers.a]",
            "[global]\nparams = [\"idfa\"]\n[advertisers.a]",
        ),
        &[(3, "the network has no security token")],
    );
}

#[test]
fn urls_runs_the_same_checks() {
    let file = config("[network]\ndomain = \"d.example\"\nsceme = \"http\"\n");
    let validate = stdout_of(&file.run(&["validate"]).code(65));
    let urls = common::stderr_of(&file.run(&["urls"]).code(65));
    assert!(
        validate.contains("error: ") && validate.contains(":3:1: unknown key `sceme` in [network]")
    );
    assert!(
        urls.contains("postback: error: ")
            && urls.contains(":3:1: unknown key `sceme` in [network]")
    );
    assert!(validate.contains("did you mean `scheme`?") && urls.contains("did you mean `scheme`?"));
}

#[test]
fn validate_reads_standard_input() {
    postback()
        .args(["-c", "-", "validate"])
        .write_stdin("[network]\ndomain = \"x.example\"\nnam = 1\n")
        .assert()
        .code(65)
        .stdout(predicate::str::contains(
            "error: <stdin>:3:1: unknown key `nam` in [network]",
        ))
        .stdout(predicate::str::ends_with("<stdin>: 1 error, 0 warnings\n"));
}

#[test]
fn unreadable_file_is_66_for_validate_too() {
    postback()
        .args(["-c", "nope.toml", "validate"])
        .assert()
        .code(66)
        .stdout("");
}

#[test]
fn list_shows_everything_but_token_values() {
    let env_file = SMALL.replace(
        "security_token = \"9f1c0d2e7a\"",
        "security_token_env = \"POSTBACK_TEST_LIST_TOKEN\"",
    );
    let file = config(&env_file);
    let run = |args: &[&str]| {
        let assert = file
            .cmd()
            .args(args)
            .env("POSTBACK_TEST_LIST_TOKEN", "s3cr3t-global")
            .assert()
            .success();
        stdout_of(&assert)
    };
    for out in [run(&["list"]), run(&["list", "--format", "json"])] {
        for secret in ["a1b2c3d4", "s3cr3t-global"] {
            assert!(!out.contains(secret), "token leaked:\n{out}");
        }
        assert!(
            out.contains("acme") && out.contains("Acme Summer Sale") && out.contains("Purchase")
        );
    }
    let table = run(&["list"]);
    assert!(
        table.contains("env POSTBACK_TEST_LIST_TOKEN (set)"),
        "{table}"
    );
    assert!(table
        .lines()
        .any(|l| l.contains("acme") && l.trim_end().ends_with("set")));
    let json: serde_json::Value =
        serde_json::from_str(&run(&["list", "--format", "json"])).unwrap();
    assert_eq!(json["advertisers"][0]["token"], "set");
    assert_eq!(
        json["network"]["token"],
        "env POSTBACK_TEST_LIST_TOKEN (set)"
    );
    assert_eq!(
        json["advertisers"][0]["campaigns"],
        serde_json::json!([5509])
    );
    // The event URL: no literal goal value, goal_value is filled by the partner.
    let event = &json["global"]["urls"][1];
    assert_eq!(event["goal"], "Event");
    assert_eq!(event["goal_value"], serde_json::Value::Null);
    assert_eq!(
        event["params"],
        serde_json::json!(["click_id", "idfa", "gaid", "goal_value"])
    );
    let purchase = &json["campaigns"][0]["urls"][2];
    assert_eq!(purchase["goal"], "Purchase");
    assert_eq!(
        purchase["params"],
        serde_json::json!(["click_id", "currency", "txn_id", "sale_amount", "revenue"])
    );
    assert_eq!(purchase["fixed"], serde_json::json!(["sub1=summer"]));
}

#[test]
fn params_lists_the_registry_with_custom_parameters() {
    let out = stdout_of(&postback().arg("params").assert().success());
    let names: Vec<&str> = out
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        &names[..4],
        ["click_id", "security_token", "txn_id", "sale_amount"]
    );
    assert!(
        names.contains(&"sub15") && names.contains(&"order_id"),
        "custom parameter of the shipped file"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &postback()
            .args(["params", "--format", "json"])
            .assert()
            .success(),
    ))
    .unwrap();
    let order = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "order_id")
        .unwrap();
    assert_eq!(order["custom"], true);
    let token = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "security_token")
        .unwrap();
    assert_eq!(token["filled_by"], "network (written by postback)");
    assert_eq!(token["custom"], false);
    assert_eq!(order["description"], "Order ID from the advertiser's shop");
    // Without a file, the built-in registry.
    let empty = tempfile::tempdir().unwrap();
    let out = stdout_of(
        &postback()
            .current_dir(empty.path())
            .arg("params")
            .assert()
            .success(),
    );
    assert!(out.contains("sale_amount") && !out.contains("order_id"));
}

#[test]
fn macros_lists_sets_and_shows_one() {
    let out = stdout_of(&postback().arg("macros").assert().success());
    for set in postback::macro_sets::builtin()
        .iter()
        .map(|s| s.name.as_str())
    {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(set)),
            "{set}"
        );
    }
    postback()
        .args(["macros", "singular"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("[1] https://support.singular.net/")
                .and(predicate::str::contains("{cl?Network Name}   [1]"))
                .and(predicate::str::contains("{txn_id}            placeholder")),
        );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &postback()
            .args(["macros", "appsflyer", "--format", "json"])
            .assert()
            .success(),
    ))
    .unwrap();
    assert_eq!(json["macros"]["click_id"], "{clickid}");
    postback()
        .args(["macros", "apsflyer"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("did you mean `appsflyer`?"));
    let custom = stdout_of(
        &postback()
            .args([
                "-c",
                "examples/ecommerce-cps.toml",
                "-q",
                "macros",
                "shopify_partner",
            ])
            .assert()
            .success(),
    );
    assert!(custom.contains("{{ order.name }}"), "{custom}");
    // A set of the file cites the file, and its entries point at it.
    assert!(
        custom.contains("[1] examples/ecommerce-cps.toml\n"),
        "{custom}"
    );
    assert!(
        custom.contains("{{ order.name }}             [1]"),
        "{custom}"
    );
}

/// Singular's `{cl?Network Name}` must name the network as Singular knows it: used as is,
/// every click id comes back empty.
#[test]
fn singular_click_id_must_name_the_network() {
    let file = "[network]\nname = \"Acme Net\"\ndomain = \"t.gotrackier.com\"\n\n[advertisers.fit]\nname = \"Fit\"\nsecurity_token = \"tok-f\"\nmacros = \"singular\"\n\n[[campaigns]]\nid = 1\nname = \"App\"\nadvertiser = \"fit\"\n";
    let warned = common::config(file);
    let out = warned.run(&["validate"]).success();
    let report = stdout_of(&out);
    assert!(
        report.contains(
            "`{cl?Network Name}`, the singular macro for `click_id`, needs `Network Name` replaced"
        ),
        "{report}"
    );
    let hint = "add under [advertisers.fit.macro]: click_id = \"{cl?Acme Net}\" (with that name)";
    assert!(report.contains(hint), "{report}");
    // The hinted line, added, silences it.
    let fixed = common::config(&format!(
        "{file}\n[advertisers.fit.macro]\nclick_id = \"{{cl?Acme Net}}\"\n"
    ));
    fixed
        .run(&["validate"])
        .success()
        .stdout(predicate::str::ends_with(": ok\n"));
    // Another set has nothing to complete.
    let other = common::config(&file.replace("singular", "appsflyer"));
    (other.run(&["validate"]).success()).stdout(predicate::str::ends_with(": ok\n"));
}

/// The same rule for the global level, whose hint names `[global.macro]`.
#[test]
fn singular_at_the_global_level_names_the_global_macro_table() {
    let file = common::config(
        "[network]\ndomain = \"t.gotrackier.com\"\nsecurity_token = \"tok-g\"\n\n[global]\nmacros = \"singular\"\n",
    );
    let report = stdout_of(&file.run(&["validate"]).success());
    assert!(
        report.contains("hint: add under [global.macro]: click_id = \"{cl?Your Network}\""),
        "{report}"
    );
}

/// The hinted line pastes as valid TOML even when the network's name has a quote.
#[test]
fn the_singular_hint_is_a_line_that_parses() {
    let text = "[network]\nname = \"Say \\\"Hi\\\"\"\ndomain = \"t.gotrackier.com\"\nsecurity_token = \"tok-g\"\n\n[global]\nmacros = \"singular\"\n";
    let file = common::config(text);
    let report = stdout_of(&file.run(&["validate"]).success());
    let line = report
        .lines()
        .find_map(|l| l.split_once("[global.macro]: ").map(|(_, rest)| rest))
        .and_then(|rest| rest.strip_suffix(" (with that name)"))
        .expect("a hint line")
        .to_string();
    let fixed = common::config(&format!("{text}\n[global.macro]\n{line}\n"));
    fixed
        .run(&["validate"])
        .success()
        .stdout(predicate::str::ends_with(": ok\n"));
}
