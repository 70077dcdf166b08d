//! `postback check` end to end: every finding code, the inputs it reads, its formats, its
//! exit codes, and the token that is never printed.

use crate::common;

use common::{config, postback, stderr_of, stdout_of};

const BASE: &str = "https://demo.gotrackier.com/acquisition";
/// A clean hit of advertiser acme's Purchase goal.
const CLEAN: &str = "https://demo.gotrackier.com/acquisition?click_id=6f2a91&security_token=a1b2c3d4&txn_id=T-1&sale_amount=24.90&revenue=1.00&currency=USD&sub1=summer&goal_value=purchase";

/// The JSON report of one hit.
fn report(hit: &str) -> serde_json::Value {
    let out = stdout_of(&postback().args(["check", "--format", "json", hit]).assert());
    let reports: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    reports[0].clone()
}

/// The codes found in one hit, in order.
fn codes(hit: &str) -> Vec<String> {
    report(hit)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// The one finding of `code` in `hit`: (severity, message, hint).
fn finding(hit: &str, code: &str) -> (String, String, String) {
    let report = report(hit);
    let found = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {report:#}"))
        .clone();
    let text = |k: &str| found[k].as_str().unwrap_or("").to_string();
    (text("severity"), text("message"), text("hint"))
}

#[test]
fn a_clean_hit_is_ok_and_names_its_advertiser() {
    let report = report(CLEAN);
    assert_eq!(report["verdict"], "ok");
    assert_eq!(report["advertiser"], "acme");
    assert_eq!(report["level"], "advertiser");
    assert_eq!(report["findings"], serde_json::json!([]));
    postback()
        .args(["check", CLEAN])
        .assert()
        .success()
        .stdout(format!(
            "hit 1: ok (acme): {}\n",
            CLEAN.replace("a1b2c3d4", "REDACTED")
        ))
        .stderr("1 hit: 1 ok, 0 with errors, 0 with warnings\n");
}

#[test]
fn the_global_token_identifies_the_global_level() {
    let report = report(&format!(
        "{BASE}?click_id=1&security_token=9f1c0d2e7a&idfa=X&gaid=Y&goal_value=registration"
    ));
    assert_eq!(report["verdict"], "ok", "{report:#}");
    assert_eq!(report["level"], "global");
    assert_eq!(report["advertiser"], serde_json::Value::Null);
}

#[test]
fn invalid_url() {
    for hit in [
        "not a url",
        "https://",
        "ftp://demo.gotrackier.com/acquisition?click_id=1",
    ] {
        assert_eq!(codes(hit), ["INVALID_URL"], "{hit}");
    }
}

#[test]
fn html_escaped() {
    let hit = CLEAN.replace('&', "&amp;");
    assert_eq!(
        codes(&hit),
        ["HTML_ESCAPED"],
        "the rest is read once unescaped"
    );
    let (severity, _, hint) = finding(&hit, "HTML_ESCAPED");
    assert_eq!(severity, "error");
    assert!(hint.contains("`&`"), "{hint}");
}

#[test]
fn insecure_scheme_is_a_warning() {
    let hit = CLEAN.replace("https://", "http://");
    assert_eq!(codes(&hit), ["INSECURE_SCHEME"]);
    assert_eq!(finding(&hit, "INSECURE_SCHEME").0, "warning");
}

#[test]
fn wrong_host_and_path() {
    assert_eq!(
        codes(&CLEAN.replace("demo.gotrackier.com", "demo.trackier.com")),
        ["WRONG_HOST"]
    );
    assert_eq!(
        codes(&CLEAN.replace("gotrackier.com/", "gotrackier.com:8443/")),
        ["WRONG_HOST"]
    );
    assert!(
        codes(&CLEAN.replace("demo.gotrackier.com", "DEMO.GoTrackier.com")).is_empty(),
        "hosts are case-insensitive"
    );
    let hit = CLEAN.replace("/acquisition", "/acquisition/");
    assert_eq!(codes(&hit), ["WRONG_PATH"]);
    let (_, message, hint) = finding(&hit, "WRONG_PATH");
    assert!(message.contains("`/acquisition/`"), "{message}");
    assert!(
        hint.contains("https://demo.gotrackier.com/acquisition"),
        "{hint}"
    );
}

#[test]
fn invalid_click_id_missing_or_empty() {
    assert_eq!(
        codes(&CLEAN.replace("click_id=6f2a91&", "")),
        ["INVALID_CLICK_ID"]
    );
    let hit = CLEAN.replace("click_id=6f2a91", "click_id=");
    assert_eq!(codes(&hit), ["INVALID_CLICK_ID"]);
    assert!(finding(&hit, "INVALID_CLICK_ID").1.contains("empty"));
}

#[test]
fn unreplaced_macros_of_every_shape() {
    for value in [
        "{clickid}",
        "${click_id}",
        "[aff_click_id]",
        "%CLICK_ID%",
        "#click#",
        "(click)",
        "$$click",
        "REPLACE_ME",
        "%7Bclickid%7D",
    ] {
        let hit = CLEAN.replace("click_id=6f2a91", &format!("click_id={value}"));
        assert_eq!(codes(&hit), ["UNREPLACED_MACRO"], "{value}");
    }
    // A known set's macro without brackets: Singular's {cl?Network Name} decoded.
    let hit = CLEAN.replace("txn_id=T-1", "txn_id={txn_id}");
    let (severity, message, _) = finding(&hit, "UNREPLACED_MACRO");
    assert_eq!(severity, "error");
    assert!(
        message.contains("`txn_id` is still the macro `{txn_id}`"),
        "{message}"
    );
    assert_eq!(
        codes(&CLEAN.replace("click_id=6f2a91", "click_id={cl?Network Name}")),
        ["UNREPLACED_MACRO"]
    );
}

#[test]
fn invalid_security_token_missing_or_unknown_and_never_printed() {
    let missing = CLEAN.replace("security_token=a1b2c3d4&", "");
    assert_eq!(codes(&missing), ["INVALID_SECURITY_TOKEN"]);
    let wrong = CLEAN.replace("a1b2c3d4", "a1b2c3d5");
    assert_eq!(codes(&wrong), ["INVALID_SECURITY_TOKEN"]);
    assert_eq!(report(&wrong)["advertiser"], serde_json::Value::Null);
    // Found by fuzzing: a mangled separator hides the pair inside another value.
    let mangled = CLEAN.replace("&security_token", "'amp;security_token");
    // Neither the configured token nor the received one appears, in any format.
    for format in ["plain", "table", "json"] {
        let assert = postback()
            .args([
                "check", "--format", format, CLEAN, &wrong, &missing, &mangled,
            ])
            .assert();
        let all = stdout_of(&assert) + &stderr_of(&assert);
        assert!(
            !all.contains("a1b2c3d4") && !all.contains("a1b2c3d5"),
            "{format}: {all}"
        );
        assert!(!all.contains("9f1c0d2e7a"), "{format}: {all}");
    }
}

#[test]
fn unknown_param_is_a_warning_with_the_closest_name() {
    let hit = format!("{CLEAN}&goal_vlaue=x");
    assert_eq!(codes(&hit), ["UNKNOWN_PARAM"]);
    let (severity, message, hint) = finding(&hit, "UNKNOWN_PARAM");
    assert_eq!(severity, "warning");
    assert!(message.contains("`goal_vlaue`"));
    assert_eq!(hint, "did you mean `goal_value`?");
}

#[test]
fn custom_parameters_of_the_file_are_known() {
    let hit = format!("{BASE}?click_id=1&security_token=sn2024b7d1&sale_amount=9.90&idfa=A&gaid=B&order_id=A-9&goal_value=order");
    assert!(codes(&hit).is_empty(), "{:#}", report(&hit));
}

#[test]
fn duplicate_param() {
    let hit = format!("{CLEAN}&txn_id=T-2");
    assert_eq!(codes(&hit), ["DUPLICATE_PARAM"]);
    assert!(finding(&hit, "DUPLICATE_PARAM")
        .1
        .contains("`txn_id` is given 2 times"));
}

#[test]
fn invalid_goal_value_and_id_with_case_hints() {
    let hit = CLEAN.replace("goal_value=purchase", "goal_value=Purchase");
    assert_eq!(codes(&hit), ["INVALID_GOAL_VALUE"]);
    let (severity, message, hint) = finding(&hit, "INVALID_GOAL_VALUE");
    assert_eq!(severity, "error");
    assert!(message.contains("advertiser `acme`"), "{message}");
    assert!(
        hint.contains("case-sensitive") && hint.contains("`purchase`"),
        "{hint}"
    );
    // A goal of another advertiser is not one of acme's.
    assert_eq!(
        codes(&CLEAN.replace("goal_value=purchase", "goal_value=tutorial_complete")),
        ["INVALID_GOAL_VALUE"]
    );

    let lead = format!(
        "{BASE}?click_id=1&security_token=lw-5f0c2e&txn_id=9&goal_id=65f2a9c1e4b0a1b2c3d4e5f6"
    );
    assert!(codes(&lead).is_empty());
    let wrong = lead.replace("e5f6", "e5f8");
    assert_eq!(codes(&wrong), ["INVALID_GOAL_ID"]);
}

#[test]
fn invalid_amount_currency_and_status_with_hints() {
    let hit = CLEAN.replace("sale_amount=24.90", "sale_amount=24,90");
    assert_eq!(codes(&hit), ["INVALID_AMOUNT"]);
    assert!(finding(&hit, "INVALID_AMOUNT").2.contains("24.90"));
    assert_eq!(
        codes(&CLEAN.replace("revenue=1.00", "revenue=-1")),
        ["INVALID_AMOUNT"]
    );

    let hit = CLEAN.replace("currency=USD", "currency=US");
    assert_eq!(codes(&hit), ["INVALID_CURRENCY"]);
    assert_eq!(finding(&hit, "INVALID_CURRENCY").0, "error");
    let hit = CLEAN.replace("currency=USD", "currency=usd");
    assert_eq!(finding(&hit, "INVALID_CURRENCY").0, "warning");

    let hit = format!("{CLEAN}&status=canceled");
    assert_eq!(codes(&hit), ["INVALID_STATUS"]);
    assert!(finding(&hit, "INVALID_STATUS").2.contains("`cancelled`"));
    assert!(codes(&format!("{CLEAN}&status=approved")).is_empty());
}

#[test]
fn double_encoded_and_empty_value_are_warnings() {
    let hit = format!("{CLEAN}&sub3=a%2520b");
    assert_eq!(codes(&hit), ["DOUBLE_ENCODED"]);
    assert_eq!(finding(&hit, "DOUBLE_ENCODED").0, "warning");
    let hit = CLEAN.replace("txn_id=T-1", "txn_id=");
    assert_eq!(codes(&hit), ["EMPTY_VALUE"]);
    assert_eq!(finding(&hit, "EMPTY_VALUE").0, "warning");
}

#[test]
fn exit_codes_and_strict() {
    postback().args(["check", CLEAN]).assert().code(0);
    let warning = CLEAN.replace("https://", "http://");
    postback().args(["check", &warning]).assert().code(0);
    postback()
        .args(["check", "--strict", &warning])
        .assert()
        .code(1);
    postback()
        .args(["check", CLEAN, "nonsense"])
        .assert()
        .code(1);
    let file = config("[network\n");
    file.run(&["check", CLEAN]).code(65);
    postback()
        .args(["-c", "-", "check"])
        .write_stdin("")
        .assert()
        .code(2);
}

#[test]
fn stdin_paths_and_log_lines() {
    let input = format!(
        "# hits from the advertiser\n\n{CLEAN}\n\
         /acquisition?click_id=1&security_token=a1b2c3d4&goal_value=registration\n\
         10.0.0.1 - - [24/Nov/2026:10:00:00 +0000] \"GET /acquisition?click_id=2&security_token=a1b2c3d4&goal_value=Purchase HTTP/1.1\" 200 0\n\
         2026-11-24T10:00:00Z fired {}\n",
        CLEAN.replace("a1b2c3d4", "bad")
    );
    let assert = postback()
        .args(["check", "--format", "plain"])
        .write_stdin(input)
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    let heads: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(heads.len(), 4, "{out}");
    assert!(heads[0].starts_with("line 3: ok (acme): "), "{out}");
    // Read against the network's host; it lacks what acme's Registration URL carries.
    assert!(
        heads[1].starts_with("line 4: warning (acme): /acquisition?"),
        "{out}"
    );
    assert!(
        heads[2].starts_with("line 5: error (acme): /acquisition?"),
        "{out}"
    );
    assert!(
        out.contains(
            "  error INVALID_GOAL_VALUE: no goal of advertiser `acme` has goal_value `Purchase`\n"
        ),
        "{out}"
    );
    assert!(heads[3].starts_with("line 6: error: https://"), "{out}");
    assert_eq!(
        stderr_of(&assert),
        "4 hits: 1 ok, 2 with errors, 1 with warnings\n\
         findings: INVALID_SECURITY_TOKEN 1, MISSING_PARAM 3, INVALID_GOAL_VALUE 1\n"
    );
    // `-` among the arguments reads stdin in its place.
    let assert = postback()
        .args(["check", "nonsense", "-"])
        .write_stdin(format!("{CLEAN}\n"))
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    assert!(
        out.starts_with("hit 1: error: nonsense\n") && out.contains("line 1: ok (acme)"),
        "{out}"
    );
    // Empty input: nothing to say, success.
    postback()
        .args(["check", "--format", "json"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn bulk_stdin_is_streamed_in_order() {
    let mut input = String::new();
    // Many chunks of the reader (about 900 KB), across which order and duplicates hold.
    for n in 0..5_000 {
        if n % 1000 == 0 {
            input.push_str("garbage\n");
        } else {
            let hit = CLEAN.replace("6f2a91", &n.to_string());
            input.push_str(&hit.replace("T-1", &format!("T-{n}")));
            input.push('\n');
        }
    }
    let assert = postback()
        .args(["check", "--format", "plain"])
        .write_stdin(input)
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("line ")).count(),
        5_000
    );
    assert!(
        out.contains("\nline 2: ok (acme): https://demo.gotrackier.com/acquisition?click_id=1&")
    );
    assert_eq!(
        stderr_of(&assert),
        "5000 hits: 4995 ok, 5 with errors, 0 with warnings\nfindings: INVALID_URL 5\n"
    );
}

#[test]
fn table_has_a_row_per_finding() {
    let out = stdout_of(
        &postback()
            .args([
                "check",
                "--format",
                "table",
                CLEAN,
                &format!(
                    "{}&txn_id=2&x=1",
                    CLEAN.replace("6f2a91", "7").replace("T-1", "T-2")
                ),
            ])
            .assert()
            .code(1),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(" Hit ") && lines[0].contains("Code"),
        "{out}"
    );
    assert_eq!(lines.len(), 2 + 3, "{out}");
    assert!(
        lines[2].contains("hit 1") && lines[2].contains("ok"),
        "{out}"
    );
    assert!(
        lines[3].contains("DUPLICATE_PARAM") && lines[4].contains("UNKNOWN_PARAM"),
        "{out}"
    );
}

#[test]
fn a_huge_hit_gets_a_short_report() {
    let hit = format!("{CLEAN}&sub2={}", "x".repeat(3_000_000));
    let assert = postback()
        .args(["check", "--format", "plain"])
        .write_stdin(hit)
        .assert()
        .code(0);
    assert!(stdout_of(&assert).len() < 1000, "the echo is cut");
    let huge_status = format!("{CLEAN}&status={}", "y".repeat(100_000));
    let assert = postback()
        .args(["check", "--format", "plain"])
        .write_stdin(huge_status)
        .assert()
        .code(1);
    assert!(stdout_of(&assert).len() < 2000, "the quoted value is cut");
}

#[test]
fn the_json_report_is_the_whole_report_and_help_says_so() {
    let hit = "https://demo.gotrackier.com/acquisition?click_id=1&security_token=a1b2c3d4";
    common::postback()
        .args(["-q", "check", "--format", "json", hit])
        .assert()
        .stderr("");
    common::postback()
        .args(["check", "--format", "plain", hit])
        .assert()
        .stderr(predicates::str::contains("1 hit: "));
    common::postback()
        .args(["check", "--help"])
        .env("COLUMNS", "100")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "except with `--format json`: its array is the whole report",
        ));
}
