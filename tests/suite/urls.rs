//! `postback urls` end to end: exact URLs, selection, samples, formats, exit codes.

use crate::common;

use common::{config, postback, stderr_of, stdout_of, SMALL};
use predicates::prelude::*;

const PURCHASE: &str = "https://demo.gotrackier.com/acquisition?click_id=[aff_click_id]&security_token=a1b2c3d4&txn_id={txn_id}&sale_amount={sale_amount}&revenue={revenue}&currency={currency}&sub1=summer&goal_value=purchase";
const GLOBAL_DEFAULT: &str = "https://demo.gotrackier.com/acquisition?click_id={clickid}&security_token=9f1c0d2e7a&idfa={idfa}&gaid={advertising_id}";

#[test]
fn the_purchase_url_is_exact() {
    let file = config(SMALL);
    file.run(&["urls", "--campaign", "5509", "--goal", "Purchase"])
        .success()
        .stdout(format!("{PURCHASE}\n"));
}

#[test]
fn the_global_default_url_is_exact() {
    let file = config(SMALL);
    file.run(&["urls", "--level", "global", "--goal", "default"])
        .success()
        .stdout(format!("{GLOBAL_DEFAULT}\n"));
}

#[test]
fn appsflyer_published_trackier_template_is_reproduced() {
    postback()
        .args(["-c", "tests/fixtures/appsflyer-template.toml", "urls", "--level", "global"])
        .assert()
        .success()
        .stdout(
            "https://yourdomain.com/acquisition?click_id={clickid}&security_token=xxxxxxxxxxxxxxx&idfa={idfa}\n\
             https://yourdomain.com/acquisition?click_id={clickid}&security_token=xxxxxxxxxxxxxxx&idfa={idfa}&goal_value={event-name}\n",
        );
}

#[test]
fn shipped_campaigns_toml_prints_urls_from_the_default_path() {
    let assert = postback().arg("urls").assert().success();
    let out = stdout_of(&assert);
    assert!(out.lines().count() >= 10, "{out}");
    assert!(out
        .lines()
        .all(|l| l.starts_with("https://demo.gotrackier.com/acquisition?click_id=")));
    assert!(out.contains(PURCHASE), "{out}");
    assert_eq!(stderr_of(&assert), "", "the demo file has no warnings");
}

#[test]
fn rows_are_global_first_then_campaigns_with_default_then_goals() {
    let file = config(SMALL);
    let assert = file
        .run(&["urls", "--level", "all", "--format", "tsv"])
        .success();
    let goals: Vec<String> = stdout_of(&assert)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(4).unwrap().to_string())
        .collect();
    assert_eq!(
        goals,
        ["Install", "Event", "Sale", "Registration", "Purchase"]
    );
}

#[test]
fn selection_by_advertiser_campaign_and_goal() {
    let two = format!(
        "{SMALL}\n[advertisers.beta]\nname = \"Beta\"\nsecurity_token = \"bbbb\"\n\
         [[campaigns]]\nid = 7\nname = \"Beta app\"\nadvertiser = \"beta\"\n"
    );
    let file = config(&two);
    let count = |args: &[&str]| stdout_of(&file.run(args).success()).lines().count();
    assert_eq!(count(&["urls"]), 4);
    assert_eq!(count(&["urls", "--advertiser", "beta"]), 1);
    assert_eq!(count(&["urls", "--campaign", "5509"]), 3);
    assert_eq!(count(&["urls", "--campaign", "5509", "--campaign", "7"]), 4);
    assert_eq!(count(&["urls", "--goal", "default"]), 2);
    assert_eq!(count(&["urls", "--goal", "purchase"]), 1, "by value");
    assert_eq!(
        count(&["urls", "--goal", "Purchase", "--goal", "Sale"]),
        2,
        "by name and label"
    );
    assert_eq!(count(&["urls", "--level", "global"]), 2);
    assert_eq!(count(&["urls", "--level", "all", "--goal", "Event"]), 1);
}

#[test]
fn unknown_selection_is_exit_65_with_a_hint() {
    let file = config(SMALL);
    file.run(&["urls", "--advertiser", "acmee"])
        .code(65)
        .stdout("")
        .stderr(
            predicate::str::contains("no advertiser `acmee`")
                .and(predicate::str::contains("did you mean `acme`?")),
        );
    file.run(&["urls", "--campaign", "1"])
        .code(65)
        .stderr(predicate::str::contains("no campaign with id 1"));
    file.run(&["urls", "--goal", "Refund"])
        .code(65)
        .stderr(predicate::str::contains("no goal `Refund`"));
    let no_global = config(&SMALL.replace(
        "[global]\nmacros = \"appsflyer\"\nparams = [\"idfa\", \"gaid\"]\nevent = true\n",
        "",
    ));
    no_global
        .run(&["urls", "--level", "global"])
        .code(65)
        .stderr(predicate::str::contains("no [global] section"));
}

#[test]
fn bad_arguments_are_usage_errors() {
    let file = config(SMALL);
    file.run(&["urls", "--campaign", "abc"]).code(2);
    file.run(&["urls", "--format", "yaml"]).code(2);
    file.run(&["urls", "--level", "network"]).code(2);
    file.run(&["urls", "--click-id", "x"])
        .code(2)
        .stderr(predicate::str::contains("--sample"));
    file.run(&["urls", "--sample", "--set", "sub1"]).code(2);
    file.run(&["urls", "--sample", "--set", "sale_ammount=3"])
        .code(2)
        .stderr(predicate::str::contains("did you mean `sale_amount`?"));
    postback().arg("frobnicate").assert().code(2);
}

#[test]
fn sample_replaces_every_macro_and_keeps_literals() {
    let file = config(SMALL);
    file.run(&["urls", "--campaign", "5509", "--goal", "Purchase", "--sample"])
        .success()
        .stdout("https://demo.gotrackier.com/acquisition?click_id=test-click-5509&security_token=a1b2c3d4&txn_id=test-txn-5509-2&sale_amount=1.00&revenue=1.00&currency=USD&sub1=summer&goal_value=purchase\n");
    file.run(&[
        "urls", "--campaign", "5509", "--goal", "default", "--sample", "--click-id", "abc 123",
        "--set", "sale_amount=19.99", "--set", "txn_id=A&B",
    ])
    .success()
    .stdout("https://demo.gotrackier.com/acquisition?click_id=abc%20123&security_token=a1b2c3d4&txn_id=A%26B&sale_amount=19.99&currency=USD&sub1=summer\n");
    file.run(&["urls", "--level", "global", "--goal", "Event", "--sample"])
        .success()
        .stdout("https://demo.gotrackier.com/acquisition?click_id=test-click-global&security_token=9f1c0d2e7a&idfa=00000000-0000-0000-0000-000000000000&gaid=00000000-0000-0000-0000-000000000000&goal_value=registration\n");
}

#[test]
fn redact_hides_every_token() {
    let file = config(SMALL);
    let out = stdout_of(&file.run(&["urls", "--level", "all", "--redact"]).success());
    assert!(
        !out.contains("a1b2c3d4") && !out.contains("9f1c0d2e7a"),
        "{out}"
    );
    assert_eq!(out.matches("security_token=REDACTED").count(), 5);
}

#[test]
fn token_from_environment_and_exit_78_when_unset() {
    let file = config(&SMALL.replace(
        "security_token = \"a1b2c3d4\"",
        "security_token_env = \"ACME_TOKEN_FOR_TEST\"",
    ));
    file.cmd()
        .args(["urls", "--goal", "default"])
        .env("ACME_TOKEN_FOR_TEST", "from-env")
        .assert()
        .success()
        .stdout(predicate::str::contains("security_token=from-env&"));
    file.cmd()
        .arg("urls")
        .env_remove("ACME_TOKEN_FOR_TEST")
        .assert()
        .code(78)
        .stdout("")
        .stderr(predicate::str::contains("ACME_TOKEN_FOR_TEST"));
}

#[test]
fn formats_tsv_csv_json_and_table() {
    let tricky = SMALL.replace(
        "name = \"Acme Summer Sale\"",
        "name = \"Sale, \\\"big\\\"\\tnow\"",
    );
    let file = config(&tricky);
    let tsv = stdout_of(
        &file
            .run(&["urls", "--format", "tsv", "--goal", "default"])
            .success(),
    );
    assert_eq!(
        tsv,
        "level\tadvertiser\tcampaign_id\tcampaign\tgoal\turl\n\
         advertiser\tacme\t5509\tSale, \"big\" now\tSale\thttps://demo.gotrackier.com/acquisition?click_id=[aff_click_id]&security_token=a1b2c3d4&txn_id={txn_id}&sale_amount={sale_amount}&currency={currency}&sub1=summer\n"
    );
    let csv = stdout_of(
        &file
            .run(&[
                "urls", "--format", "csv", "--goal", "default", "--level", "all",
            ])
            .success(),
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "level,advertiser,campaign_id,campaign,goal,url");
    assert!(
        lines[1].starts_with("global,,,(global),Install,https://"),
        "{csv}"
    );
    assert!(
        // Quoting keeps the comma and quotes; the tab, a control character, is a space.
        lines[2].starts_with("advertiser,acme,5509,\"Sale, \"\"big\"\" now\",Sale,"),
        "{csv}"
    );

    let json = stdout_of(
        &file
            .run(&["urls", "--format", "json", "--level", "all"])
            .success(),
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = value.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["level"], "global");
    assert_eq!(rows[0]["advertiser"], serde_json::Value::Null);
    assert_eq!(rows[0]["campaign"], "(global)");
    assert_eq!(rows[4]["campaign_id"], 5509);
    assert_eq!(rows[4]["goal_value"], "purchase");
    assert_eq!(rows[4]["goal_id"], serde_json::Value::Null);
    let keys: Vec<&String> = rows[4].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 8);

    let table = stdout_of(&file.run(&["urls", "--format", "table"]).success());
    assert!(table.lines().next().unwrap().contains("Postback URL"));
    assert!(
        table.contains(PURCHASE.split("&sub1").next().unwrap()),
        "URL never cut"
    );
    assert!(!table.contains('\x1b'), "no color when not a terminal");
    let colored = stdout_of(
        &file
            .run(&["--color", "always", "urls", "--format", "table"])
            .success(),
    );
    assert!(colored.contains("\x1b["));
}

#[test]
fn goal_ids_and_goal_level_overrides() {
    let file = config(
        r#"
[network]
domain = "T.Example.COM:8443"
path = "/pb"
[advertisers.a]
name = "A"
security_token = "t"
[[campaigns]]
id = 1
name = "C"
advertiser = "a"
fixed = { sub1 = "x y", status = "pending", sub2 = 42 }
[[campaigns.goals]]
name = "Approved"
id = "65f2"
fixed = { status = "approved" }
params = ["sub1"]
"#,
    );
    file.run(&["urls", "--goal", "Approved"])
        .success()
        .stdout("https://t.example.com:8443/pb?click_id={click_id}&security_token=t&status=approved&sub1={sub1}&sub2=42&goal_id=65f2\n");
}

#[test]
fn literals_are_percent_encoded_and_hosts_punycoded() {
    let file = config(
        "[network]\ndomain = \"Bücher.example\"\n[advertisers.a]\nname = \"A\"\nsecurity_token = \"t\"\n\
         [[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"a\"\nfixed = { sub1 = \"a b&c=d+e#f%g{h}é\" }\n",
    );
    file.run(&["urls"]).success().stdout(
        "https://xn--bcher-kva.example/acquisition?click_id={click_id}&security_token=t&sub1=a%20b%26c%3Dd%2Be%23f%25g%7Bh%7D%C3%A9\n",
    );
}

#[test]
fn config_from_stdin_env_and_flag() {
    let file = config(SMALL);
    let expected = stdout_of(&file.run(&["urls"]).success());
    postback()
        .args(["-c", "-", "urls"])
        .write_stdin(SMALL)
        .assert()
        .success()
        .stdout(expected.clone());
    postback()
        .env("POSTBACK_CONFIG", &file.path)
        .arg("urls")
        .assert()
        .success()
        .stdout(expected.clone());
    postback()
        .current_dir(file.dir.path())
        .arg("urls")
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn bom_and_crlf_are_accepted() {
    let crlf = format!("\u{feff}{}", SMALL.replace('\n', "\r\n"));
    let file = config(&crlf);
    file.run(&["urls", "--campaign", "5509", "--goal", "Purchase"])
        .success()
        .stdout(format!("{PURCHASE}\n"));
}

#[test]
fn missing_or_unreadable_config_is_66() {
    postback()
        .args(["-c", "does/not/exist.toml", "urls"])
        .assert()
        .code(66)
        .stdout("")
        .stderr(
            predicate::str::starts_with("postback: error: cannot read does/not/exist.toml")
                .and(predicate::str::contains("postback init")),
        );
    let dir = tempfile::tempdir().unwrap();
    postback()
        .arg("-c")
        .arg(dir.path())
        .arg("urls")
        .assert()
        .code(66)
        .stderr(predicate::str::ends_with(
            ": it is a directory, not a file\n",
        ));
}

#[test]
fn warnings_go_to_stderr_unless_quiet() {
    let file = config(&SMALL.replace("security_token = \"a1b2c3d4\"\n", ""));
    let assert = file.run(&["urls", "--goal", "default"]).success();
    assert!(
        stdout_of(&assert).contains("click_id=[aff_click_id]&txn_id"),
        "no token parameter"
    );
    let stderr = stderr_of(&assert);
    assert!(stderr.starts_with("postback: warning: "), "{stderr}");
    assert!(stderr.contains("has no security token"), "{stderr}");
    file.run(&["-q", "urls"]).success().stderr("");
}

#[test]
fn output_is_deterministic() {
    let run = || {
        stdout_of(
            &postback()
                .args(["urls", "--level", "all", "--format", "json"])
                .assert()
                .success(),
        )
    };
    assert_eq!(run(), run());
}

#[test]
fn closed_pipe_is_a_quiet_success_in_every_format() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    // Enough rows (over 100 KB in every format, past a pipe's 64 KB) that the pipe is
    // closed long before the output is written.
    let mut big = String::from(SMALL);
    for id in 1..1000 {
        big.push_str(&format!(
            "[[campaigns]]\nid = {}\nname = \"C{id}\"\nadvertiser = \"acme\"\nparams = [\"txn_id\"]\n",
            100_000 + id
        ));
    }
    let file = config(&big);
    for format in ["plain", "table", "tsv", "csv", "json", "markdown", "email"] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("postback"))
            .arg("-c")
            .arg(&file.path)
            .args(["urls", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is dropped here: the pipe is closed.
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{format}");
        assert!(!first.is_empty());
    }
}

#[test]
fn a_failing_stdout_is_exit_74() {
    if std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .is_err()
    {
        return; // Only Linux has a device that refuses every write.
    }
    let file = config(SMALL);
    for args in [
        &["urls"][..],
        &["--help"],
        &["--version"],
        &["urls", "--help"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("postback"))
            .arg("-c")
            .arg(&file.path)
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(74), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn macro_resolution_is_override_then_set_then_placeholder() {
    let file = config(
        r#"
[network]
domain = "x.example"
[macro_sets.shop]
click_id = "{{ click }}"
txn_id = "{{ order }}"
[advertisers.a]
name = "A"
security_token = "t"
macros = "shop"
[advertisers.a.macro]
txn_id = "%ORDER%"
[[campaigns]]
id = 1
name = "C"
advertiser = "a"
params = ["txn_id", "sale_amount"]
"#,
    );
    file.run(&["urls"]).success().stdout(
        "https://x.example/acquisition?click_id={{ click }}&security_token=t&txn_id=%ORDER%&sale_amount={sale_amount}\n",
    );
}

#[test]
fn goal_selected_by_id_and_all_levels_without_global() {
    let file = config(
        "[network]\ndomain = \"x.example\"\n[advertisers.a]\nname = \"A\"\nsecurity_token = \"t\"\n\
         [[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"a\"\n\
         [[campaigns.goals]]\nname = \"Approved\"\nid = \"65f2\"\n",
    );
    file.run(&["urls", "--goal", "65f2"]).success().stdout(
        "https://x.example/acquisition?click_id={click_id}&security_token=t&goal_id=65f2\n",
    );
    let all = stdout_of(&file.run(&["urls", "--level", "all"]).success());
    assert_eq!(
        all.lines().count(),
        2,
        "no [global]: only the campaign's rows"
    );
}

#[test]
fn an_empty_token_variable_is_unset() {
    let file = config(&SMALL.replace(
        "security_token = \"a1b2c3d4\"",
        "security_token_env = \"ACME_EMPTY_TOKEN_FOR_TEST\"",
    ));
    file.cmd()
        .arg("urls")
        .env("ACME_EMPTY_TOKEN_FOR_TEST", "")
        .assert()
        .code(78)
        .stdout("");
}
