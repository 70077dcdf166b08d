//! `check` against the file's own templates: candidates and goal, missing and changed
//! parameters, `--template`, batches, encoded and logged hits, deterministic hints, and
//! tokens masked in every form.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use common::{config, postback, stderr_of, stdout_of};

const BASE: &str = "https://demo.gotrackier.com/acquisition";

/// The JSON reports of `hits`, checked in one run.
fn reports(args: &[&str], hits: &[&str]) -> Vec<serde_json::Value> {
    let output = postback()
        .args(["check", "--format", "json"])
        .args(args)
        .args(hits)
        .output()
        .expect("runs");
    serde_json::from_slice::<Vec<serde_json::Value>>(&output.stdout).expect("JSON")
}

/// `(code, severity, hint)` of each finding of a report.
fn findings(report: &serde_json::Value) -> Vec<(String, String, String)> {
    let text = |f: &serde_json::Value, k: &str| f[k].as_str().unwrap_or("").to_string();
    (report["findings"].as_array().expect("findings").iter())
        .map(|f| (text(f, "code"), text(f, "severity"), text(f, "hint")))
        .collect()
}

#[test]
fn a_hit_missing_what_its_template_carries_is_a_warning_naming_it() {
    // acme's Sale: the template carries txn_id, sale_amount, currency and sub1=summer.
    let hit = format!("{BASE}?click_id=6f2a91&security_token=a1b2c3d4&sub1=winter");
    let report = &reports(&[], &[&hit])[0];
    assert_eq!(report["campaigns"], serde_json::json!([5509]));
    assert_eq!(report["goal"], serde_json::Value::Null);
    assert_eq!(report["verdict"], "warning");
    let found = findings(report);
    let codes: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        codes,
        [
            "MISSING_PARAM",
            "MISSING_PARAM",
            "MISSING_PARAM",
            "FIXED_MISMATCH"
        ]
    );
    assert!(
        found[0]
            .2
            .contains("campaign 5509's URL has txn_id={txn_id}"),
        "{found:?}"
    );
    assert!(found[3].2.contains("sub1=summer"), "{found:?}");

    // LendWise's "Loan funded" goal, by id, without its sale_amount.
    let hit = format!(
        "{BASE}?click_id=1&security_token=lw-5f0c2e&txn_id=T&goal_id=65f2a9c1e4b0a1b2c3d4e5f7"
    );
    let report = &reports(&[], &[&hit])[0];
    assert_eq!(report["goal"], "Loan funded");
    assert_eq!(report["campaigns"], serde_json::json!([7201]));
    assert_eq!(findings(report)[0].0, "MISSING_PARAM");
}

#[test]
fn the_tools_own_samples_pass() {
    for file in ["campaigns.toml", "examples/mmp-global.toml"] {
        let samples = postback()
            .args(["-c", file, "urls", "--level", "all", "--sample"])
            .output()
            .expect("runs");
        let checked = postback()
            .args(["-c", file, "check"])
            .write_stdin(samples.stdout)
            .output()
            .expect("runs");
        assert_eq!(
            checked.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&checked.stdout)
        );
    }
}

#[test]
fn the_tools_own_templates_pass_once_placeholders_are_replaced() {
    let urls = postback()
        .args(["urls", "--level", "all"])
        .output()
        .expect("runs");
    let urls = String::from_utf8(urls.stdout).expect("UTF-8");
    // As printed, each placeholder is PLACEHOLDER_LEFT with what belongs there.
    let assert = postback()
        .args(["check", "--template", "--format", "plain"])
        .write_stdin(urls.clone())
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    assert!(
        out.contains("error PLACEHOLDER_LEFT: `txn_id` is still the placeholder `{txn_id}`"),
        "{out}"
    );
    assert!(
        out.contains("put the macro the advertiser's system uses for txn_id there"),
        "{out}"
    );
    // The advertiser puts their own macro in each placeholder: every template passes.
    let mut replaced = urls.clone();
    for param in [
        "click_id",
        "txn_id",
        "sale_amount",
        "revenue",
        "currency",
        "status",
        "idfa",
        "gaid",
        "order_id",
        "goal_value",
    ] {
        replaced = replaced.replace(&format!("={{{param}}}"), &format!("=[adv_{param}]"));
    }
    let assert = postback()
        .args(["check", "--template"])
        .write_stdin(replaced)
        .assert();
    let stderr = stderr_of(&assert);
    assert_eq!(
        assert.get_output().status.code(),
        Some(0),
        "{stderr}\n{}",
        stdout_of(&assert)
    );
}

#[test]
fn a_template_with_another_macro_or_without_a_parameter() {
    let urls = postback()
        .args(["urls", "--campaign", "6101", "--goal", "default"])
        .output()
        .expect("runs");
    let url = String::from_utf8(urls.stdout)
        .expect("UTF-8")
        .trim()
        .to_string();
    // AppsFlyer's own macros: a correct template, though a fired hit would be wrong.
    assert_eq!(findings(&reports(&["--template"], &[&url])[0]), []);
    let mismatched = url.replace("click_id={clickid}", "click_id=[clk]");
    let found = findings(&reports(&["--template"], &[&mismatched])[0]);
    assert_eq!(found[0].0, "MACRO_MISMATCH");
    assert_eq!(found[0].1, "warning");
    assert!(found[0].2.contains("click_id={clickid}"), "{found:?}");
    let without = url.replace("&idfa={idfa}", "");
    let found = findings(&reports(&["--template"], &[&without])[0]);
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("MISSING_PARAM", "error")
    );
}

#[test]
fn duplicates_over_a_run_and_the_summary_by_code() {
    let hit = format!("{BASE}?click_id=C1&security_token=a1b2c3d4&txn_id=T-1&sale_amount=1&currency=USD&sub1=summer");
    let other_click = hit.replace("C1", "C2");
    let assert = postback()
        .args(["check", "--format", "plain"])
        .write_stdin(format!("{hit}\n{hit}\n{other_click}\n"))
        .assert()
        .success();
    let out = stdout_of(&assert);
    assert!(
        out.contains("line 2: warning (acme)") && out.contains("DUPLICATE_CLICK_ID"),
        "{out}"
    );
    assert_eq!(out.matches("DUPLICATE_TXN_ID").count(), 2, "{out}");
    assert_eq!(
        stderr_of(&assert),
        "3 hits: 1 ok, 0 with errors, 2 with warnings\nfindings: DUPLICATE_CLICK_ID 1, DUPLICATE_TXN_ID 2\n"
    );
}

#[test]
fn encoded_and_logged_hits_are_read_as_fired() {
    let encoded = format!("{BASE}?click_id%3D6f2a91%26security_token%3Da1b2c3d4%26txn_id%3DT%26sale_amount%3D1%26currency%3DUSD%26sub1%3Dsummer");
    let report = &reports(&[], &[&encoded])[0];
    let codes: Vec<String> = findings(report).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["ENCODED_QUERY"], "{report:#}");
    assert_eq!(report["advertiser"], "acme");
    let logged = r#"{"level":"info","url":"https:\/\/demo.gotrackier.com\/acquisition?click_id=1\u0026security_token=a1b2c3d4\u0026txn_id=T\u0026sale_amount=1\u0026currency=USD\u0026sub1=summer"}"#;
    let report = &reports(&[], &[logged])[0];
    assert_eq!(report["verdict"], "ok", "{report:#}");
    // The JSON hit is whole, however long.
    let long = format!(
        "{BASE}?click_id={}&security_token=a1b2c3d4",
        "x".repeat(500)
    );
    let report = &reports(&[], &[&long])[0];
    assert_eq!(report["hit"].as_str().map(str::len), Some(long.len()));
}

#[test]
fn hints_name_the_cause() {
    let lendwise = format!("{BASE}?click_id=1&security_token=lw-5f0c2e&txn_id=T&goal_value=loan");
    let found = findings(&reports(&[], &[&lendwise])[0]);
    assert!(
        found
            .iter()
            .any(|f| f.2.contains("named by goal_id: send goal_id=")),
        "{found:?}"
    );
    let foreign = format!("{BASE}?click_id=1&security_token=a1b2c3d4&txn_id=T&sale_amount=1&currency=USD&sub1=summer&goal_value=subscribe");
    let found = findings(&reports(&[], &[&foreign])[0]);
    assert!(
        found
            .iter()
            .any(|f| f.2.contains("is a goal of advertiser `fitlife`")),
        "{found:?}"
    );
    let placeholder = format!("{BASE}?click_id=1&security_token=7c41e9b0aa&idfa={{idfa}}&gaid=G");
    let found = findings(&reports(&[], &[&placeholder])[0]);
    assert!(
        found
            .iter()
            .any(|f| f.2.contains("their system writes `{idfa}` for idfa")),
        "{found:?}"
    );
    for (amount, plain) in [("1.299,00", "1299.00"), ("1,299.00", "1299.00")] {
        let hit = format!("{BASE}?click_id=1&security_token=a1b2c3d4&txn_id=T&sale_amount={amount}&currency=USD&sub1=summer");
        let found = findings(&reports(&[], &[&hit])[0]);
        assert!(found[0].2.ends_with(plain), "{found:?}");
    }
}

#[test]
fn a_global_goal_value_the_file_lacks_is_a_warning() {
    let hit =
        format!("{BASE}?click_id=1&security_token=9f1c0d2e7a&idfa=I&gaid=G&goal_value=level_up");
    let report = &reports(&[], &[&hit])[0];
    assert_eq!(report["verdict"], "warning", "{report:#}");
    assert_eq!(findings(report)[0].0, "INVALID_GOAL_VALUE");
}

#[test]
fn hints_are_the_same_on_every_run() {
    // Two ids equally close to the hit's: the first in the file is the hint, every time.
    let hit = format!(
        "{BASE}?click_id=1&security_token=lw-5f0c2e&txn_id=T&goal_id=65f2a9c1e4b0a1b2c3d4e5f8"
    );
    let first = stdout_of(&postback().args(["check", &hit]).assert().code(1));
    assert!(
        first.contains("did you mean `65f2a9c1e4b0a1b2c3d4e5f6`?"),
        "{first}"
    );
    for _ in 0..20 {
        assert_eq!(
            stdout_of(&postback().args(["check", &hit]).assert().code(1)),
            first
        );
    }
    let file = config(
        "[network]\ndomain = \"a.test\"\n[advertisers.a]\nname = \"A\"\nsecurity_token = \"tok-a\"\n\
         [[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"a\"\n\
         [[campaigns.goals]]\nname = \"5\"\nvalue = \"level_5\"\n\
         [[campaigns.goals]]\nname = \"6\"\nvalue = \"level_6\"\n\
         [[campaigns.goals]]\nname = \"8\"\nvalue = \"level_8\"\n",
    );
    let hit = "https://a.test/acquisition?click_id=1&security_token=tok-a&goal_value=level_7";
    for _ in 0..10 {
        let out = stdout_of(&file.cmd().args(["check", hit]).assert().code(1));
        assert!(out.contains("did you mean `level_5`?"), "{out}");
    }
}

#[test]
fn verdicts_are_written_as_each_line_arrives() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("postback"))
        .current_dir(common::root())
        .args(["check", "--format", "plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let mut stdin = child.stdin.take().expect("piped");
    writeln!(stdin, "{BASE}?click_id=1&security_token=a1b2c3d4").expect("write");
    stdin.flush().expect("flush");
    // Stdin stays open, as with `tail -f`: the verdict must come anyway.
    let (sender, receiver) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().expect("piped");
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver.recv_timeout(std::time::Duration::from_secs(20));
    drop(stdin);
    let _ = child.wait();
    assert!(line
        .expect("a verdict before stdin closed")
        .starts_with("line 1: "));
}
