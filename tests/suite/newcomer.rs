//! The rough edges a newcomer meets, each as they met it: a corrected resend, another
//! system's macro, Markdown, `fire --help`, a `set` that changes nothing, the README's
//! recipes, a global selection with an advertiser, an empty selection.

use crate::common::{self, config, postback, stderr_of, stdout_of, SMALL};

const HIT: &str = "https://demo.gotrackier.com/acquisition?click_id=C9&security_token=a1b2c3d4&txn_id=T9&sale_amount=1.00&currency=USD&sub1=summer";

#[test]
fn a_corrected_resend_is_no_duplicate() {
    let file = config(SMALL);
    // First sent with a bad amount (refused by Trackier), then corrected: the second one
    // is the only conversion.
    let refused = HIT.replace("sale_amount=1.00", "sale_amount=1,00");
    let assert = file
        .cmd()
        .args(["check", "--format", "plain"])
        .write_stdin(format!("{refused}\n{HIT}\n{HIT}\n"))
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    let reports: Vec<&str> = out.split("line ").filter(|r| !r.is_empty()).collect();
    assert!(reports[0].contains("INVALID_AMOUNT"), "{out}");
    assert!(reports[1].starts_with("2: ok"), "{out}");
    // A second recorded one is a duplicate.
    assert!(reports[2].contains("DUPLICATE_CLICK_ID"), "{out}");
    assert!(reports[2].contains("DUPLICATE_TXN_ID"), "{out}");
}

#[test]
fn another_systems_macro_is_answered_with_the_advertisers_own() {
    let hit = HIT.replace("click_id=C9", "click_id={clickid}");
    let file = config(SMALL);
    let out = stdout_of(&file.run(&["check", &hit]).code(1));
    assert!(out.contains("error UNREPLACED_MACRO"), "{out}");
    assert!(
        out.contains("the file gives this advertiser `[aff_click_id]` for click_id"),
        "{out}"
    );
}

#[test]
fn markdown_urls_are_code_spans() {
    let text = SMALL.replace("[aff_click_id]", "{cl?Pinnacle Ads}");
    let out = stdout_of(
        &config(&text)
            .run(&["urls", "--format", "markdown"])
            .success(),
    );
    assert!(
        out.contains(
            "- **Sale**: `https://demo.gotrackier.com/acquisition?click_id={cl?Pinnacle Ads}&"
        ),
        "{out}"
    );
    assert!(
        out.lines()
            .filter(|l| l.starts_with("- "))
            .all(|l| l.ends_with('`')),
        "{out}"
    );
}

#[test]
fn fire_help_offers_only_what_fire_writes() {
    let help = stdout_of(&postback().args(["fire", "--help"]).assert().success());
    assert!(help.contains("[default: plain]"), "{help}");
    let format = help
        .split("--format")
        .nth(1)
        .expect("--format")
        .split("\n\n  ")
        .next()
        .unwrap_or("");
    assert!(!format.contains("table"), "{format}");
}

#[test]
fn a_set_that_changes_nothing_says_unchanged_and_leaves_the_file() {
    let file = config(SMALL);
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&file.path)
        .and_then(|f| f.set_modified(old))
        .expect("mtime");
    for args in [
        &["set", "campaign", "5509"][..],
        &["set", "campaign", "5509", "--name", "Acme Summer Sale"],
        &["set", "campaign", "5509", "--unset-param", "coupon_code"],
        &["set", "advertiser", "acme", "--name", "Acme Shop"],
    ] {
        let assert = file.run(args).success();
        assert!(stderr_of(&assert).contains("unchanged"), "{args:?}");
        assert_eq!(std::fs::read_to_string(&file.path).expect("read"), SMALL);
        let modified = std::fs::metadata(&file.path)
            .and_then(|m| m.modified())
            .expect("mtime");
        assert_eq!(modified, old, "{args:?}");
    }
    let assert = file
        .run(&["set", "campaign", "5509", "--name", "New name"])
        .success();
    assert!(stderr_of(&assert).contains("changed campaign 5509"));
}

#[test]
fn the_readme_recipes_run_as_written() {
    // init with the README's name: no starter-placeholder warning.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("campaigns.toml");
    let assert = postback()
        .arg("-c")
        .arg(&path)
        .args([
            "init",
            "--name",
            "Pinnacle Ads",
            "--domain",
            "pinnacle.gotrackier.com",
        ])
        .args(["--token-env", "NET_TOKEN", "--test-publisher", "2"])
        .assert()
        .success();
    let report = postback()
        .arg("-c")
        .arg(&path)
        .arg("validate")
        .env("NET_TOKEN", "n")
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&report.stdout);
    assert!(
        !report.contains("placeholder"),
        "{report} {}",
        stderr_of(&assert)
    );
    // The token rotation: the variable set, then the diff.
    let file = config(SMALL);
    let old = file.dir.path().join("old.toml");
    std::fs::copy(&file.path, &old).expect("copy");
    file.run(&["set", "advertiser", "acme", "--token-env", "NEW_ACME"])
        .success();
    let assert = file
        .cmd()
        .env("NEW_ACME", "the-new-token")
        .arg("diff")
        .arg(&old)
        .args(["--format", "email"])
        .assert()
        .success();
    assert!(stdout_of(&assert).contains("security_token=the-new-token"));
}

#[test]
fn the_global_level_with_an_advertiser_is_refused() {
    let file = config(SMALL);
    for flag in [["--advertiser", "acme"], ["--campaign", "5509"]] {
        let assert = file
            .run(&[&["urls", "--level", "global"][..], &flag].concat())
            .code(2);
        assert!(
            stderr_of(&assert).contains("the global level has none"),
            "{flag:?}"
        );
        assert!(stdout_of(&assert).is_empty());
    }
}

#[test]
fn an_empty_selection_says_so() {
    let text =
        format!("{SMALL}\n[advertisers.beta]\nname = \"Beta\"\nsecurity_token = \"b-tok-1\"\n");
    let file = common::config(&text);
    let assert = file.run(&["urls", "--advertiser", "beta"]).success();
    assert!(stdout_of(&assert).is_empty());
    assert!(stderr_of(&assert).contains("the selection has no postback URLs"));
    let quiet = file.run(&["-q", "urls", "--advertiser", "beta"]).success();
    assert!(stderr_of(&quiet).is_empty());
}

#[test]
fn a_log_line_is_read_by_its_request_not_its_referer() {
    let file = config(SMALL);
    let query = HIT.split_once('?').expect("query").1;
    let combined = format!(
        r#"1.2.3.4 - - [24/Nov/2026:10:00:00 +0000] "GET /acquisition?{query} HTTP/1.1" 200 5 "https://shop.test/thanks?order=9&step=2" "Mozilla/5.0""#
    );
    let json = format!(
        r#"{{"time":"10:00","referer":"https://shop.test/p?q=1","url":"{HIT}","status":200}}"#
    );
    for (line, part) in [
        (combined, "the request line"),
        (json, "the JSON field `url`"),
    ] {
        let assert = file.run(&["check", "--format", "json", &line]).success();
        let report: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).expect("JSON");
        assert_eq!(report[0]["verdict"], "ok", "{line}");
        assert_eq!(report[0]["read_from"], part);
        let plain = stdout_of(&file.run(&["check", &line]).success());
        assert!(
            plain.contains(&format!("  read from {part} of the log line")),
            "{plain}"
        );
    }
}

#[test]
fn the_logs_own_verdict_is_shown_beside_the_tools() {
    let file = config(SMALL);
    let line = format!("2026-11-24 10:00 {HIT} INVALID_CLICK_ID");
    let out = stdout_of(&file.run(&["check", &line]).success());
    assert!(out.contains(": ok (acme)"), "{out}");
    assert!(
        out.contains("  the log says INVALID_CLICK_ID: Trackier did not find the click"),
        "{out}"
    );
    let table = stdout_of(&file.run(&["check", "--format", "table", &line]).success());
    assert!(
        table.contains("the log says INVALID_CLICK_ID: Trackier did not find the click"),
        "{table}"
    );
    assert!(
        table.contains("read from the first URL of the log line"),
        "{table}"
    );
    // A value of the hit is not the log's verdict.
    let in_hit = HIT.replace("sub1=summer", "sub1=summer&sub2=INVALID_CLICK_ID");
    let out = stdout_of(
        &file
            .run(&["check", &format!("at 10:00 {in_hit}")])
            .success(),
    );
    assert!(!out.contains("the log says"), "{out}");
}

#[test]
fn an_interactive_check_prompts_and_answers_each_line_as_it_is_pasted() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    // `script` (util-linux) gives the command a terminal, as a person at a shell has.
    let file = config(SMALL);
    let bin = assert_cmd::cargo::cargo_bin("postback");
    let command = format!("{} -c {} check", bin.display(), file.path.display());
    let Ok(mut child) = Command::new("script")
        .args(["-q", "-f", "-e", "-c", &command, "/dev/null"])
        .env_remove("POSTBACK_CONFIG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    else {
        panic!("`script` (util-linux) is part of every Debian system");
    };
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{HIT}\n").as_bytes())
        .expect("write");
    stdin.flush().expect("flush");
    // The verdict comes while the input is still open: read until it shows.
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buffer) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buffer[..n]);
            if String::from_utf8_lossy(&seen).contains("line 1: ok") {
                break;
            }
        }
        String::from_utf8_lossy(&seen).into_owned()
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !reader.is_finished() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let finished = reader.is_finished();
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    assert!(finished, "no verdict while the terminal's input was open");
    let seen = reader.join().expect("reader");
    assert!(seen.contains("paste postback URLs or log lines"), "{seen}");
    assert!(seen.contains("line 1: ok (acme)"), "{seen}");
}
