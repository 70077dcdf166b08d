//! Hostile input: files and hits built to crash, hang or flood. Each gets its exit code, a message of a few lines, no panic, and finishes (a generous time-out catches a
//! hang or a quadratic blow-up; speed itself is measured by `bench/run.sh`, not here).

use crate::common;

use std::time::Duration;

use common::{config, postback, stderr_of, stdout_of};

const NETWORK: &str = "[network]\ndomain = \"a.test\"\n";
const VALID: &str = "[network]\ndomain = \"a.test\"\n[advertisers.a]\nname = \"A\"\nsecurity_token = \"t\"\n[[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"a\"\n";
const LIMIT: Duration = Duration::from_secs(120);

/// `urls` on `text`: exit 65, nothing on stdout, a short message with a position.
fn rejected(text: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("campaigns.toml");
    std::fs::write(&path, text).unwrap();
    let assert = postback()
        .arg("-c")
        .arg(&path)
        .arg("urls")
        .timeout(LIMIT)
        .assert()
        .code(65)
        .stdout("");
    let stderr = stderr_of(&assert);
    assert!(stderr.starts_with("postback: error: "), "{stderr}");
    assert!(stderr.contains("campaigns.toml:"), "a position: {stderr}");
    assert!(
        stderr.lines().count() <= 8 && stderr.len() < 2_000,
        "short: {stderr}"
    );
    assert!(!stderr.contains("panicked"));
    stderr
}

#[test]
fn deep_nesting() {
    for (open, close) in [("[", "]"), ("{a=", "}")] {
        let text = format!(
            "{NETWORK}x = {}1{}\n",
            open.repeat(20_000),
            close.repeat(20_000)
        );
        assert!(rejected(text.as_bytes()).contains("recursion"));
    }
}

#[test]
fn a_three_megabyte_line() {
    let long = "x".repeat(3_000_000);
    rejected(format!("{NETWORK}name = \"{long}\" oops\n").as_bytes());
    // The same line, valid, is just a long name.
    let file = config(&VALID.replace("name = \"C\"", &format!("name = \"{long}\"")));
    file.cmd()
        .args(["urls", "--format", "tsv"])
        .timeout(LIMIT)
        .assert()
        .success();
}

#[test]
fn nul_bytes_and_invalid_utf8() {
    let stderr = rejected(b"[network]\ndomain = \"a\0b\"\n");
    assert!(!stderr.contains('\0'), "{stderr:?}");
    let stderr = rejected(b"[network]\ndomain = \"a\xff\xfeb\"\n");
    assert!(
        stderr.contains(":2:12: the file is not valid UTF-8"),
        "{stderr}"
    );
    rejected(b"\0\0\0\0");
}

#[test]
fn byte_order_mark_and_crlf_read_like_plain_lf() {
    let plain = stdout_of(&config(VALID).run(&["urls"]).success());
    let bom_crlf = format!("\u{feff}{}", VALID.replace('\n', "\r\n"));
    assert_eq!(
        stdout_of(&config(&bom_crlf).run(&["urls"]).success()),
        plain
    );
}

#[test]
fn huge_integers() {
    for (from, to) in [
        ("id = 1", "id = 999999999999999999999999999999"),
        ("id = 1", "id = 1e400"),
        (
            "[network]\n",
            "[network]\ntest_publisher = 99999999999999999999\n",
        ),
        (
            "id = 1",
            "id = 1\nfixed = { sub1 = 999999999999999999999999999999999999999999 }",
        ),
    ] {
        rejected(VALID.replace(from, to).as_bytes());
    }
}

#[test]
fn twenty_thousand_goals_in_one_campaign() {
    // Enough that comparing every pair would show (4e8 comparisons); the 100,000-URL file
    // is the release benchmark's (bench/).
    let mut text = String::from(VALID);
    for n in 0..20_000 {
        text.push_str(&format!(
            "[[campaigns.goals]]\nname = \"g{n}\"\nvalue = \"v{n}\"\n"
        ));
    }
    let file = config(&text);
    let out = stdout_of(&file.cmd().arg("urls").timeout(LIMIT).assert().success());
    assert_eq!(out.lines().count(), 20_001);
    // Duplicates among them are found without comparing every pair.
    text.push_str("[[campaigns.goals]]\nname = \"g5\"\nvalue = \"v5\"\n");
    let file = config(&text);
    let stderr = stderr_of(&file.cmd().arg("urls").timeout(LIMIT).assert().code(65));
    assert!(stderr.contains("goal name `g5` is used twice"), "{stderr}");
}

#[test]
fn a_path_through_a_file_or_an_unreadable_file_is_66() {
    // A directory as the config is tested with the other exit codes, in tests/urls.rs.
    let dir = tempfile::tempdir().unwrap();
    let under_a_file = dir.path().join("file");
    std::fs::write(&under_a_file, VALID).unwrap();
    postback()
        .arg("-c")
        .arg(under_a_file.join("campaigns.toml"))
        .arg("urls")
        .assert()
        .code(66);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&under_a_file, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads any file: only a user for whom the file is really unreadable can see 66.
        if std::fs::read(&under_a_file).is_err() {
            postback()
                .arg("-c")
                .arg(&under_a_file)
                .arg("urls")
                .assert()
                .code(66);
        }
    }
}

#[test]
fn empty_standard_input() {
    let assert = postback()
        .args(["-c", "-", "urls"])
        .write_stdin("")
        .assert()
        .code(65)
        .stdout("");
    assert!(stderr_of(&assert).contains("no [network] table"));
    postback()
        .args(["check"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn megabyte_hits_get_a_bounded_report() {
    // 20,000 unknown parameters in one hit: listed up to a limit, the rest counted.
    let params: Vec<String> = (0..20_000).map(|n| format!("p{n}=v")).collect();
    let hit = format!(
        "https://demo.gotrackier.com/acquisition?click_id=1&security_token=a1b2c3d4&txn_id=T&sale_amount=1&currency=USD&sub1=summer&{}",
        params.join("&")
    );
    let assert = postback()
        .args(["check", "--format", "plain"])
        .write_stdin(hit.clone())
        .timeout(LIMIT)
        .assert()
        .success();
    let out = stdout_of(&assert);
    assert!(out.lines().count() < 50, "{} lines", out.lines().count());
    assert!(out.contains("… and 19980 more findings"), "{out}");
    let table = stdout_of(
        &postback()
            .args(["check", "--format", "table"])
            .write_stdin(hit.clone())
            .timeout(LIMIT)
            .assert()
            .success(),
    );
    assert!(table.lines().count() < 30, "{table}");
    assert!(table.contains("… and 19980 more findings"), "{table}");
    let json = stdout_of(
        &postback()
            .args(["check", "--format", "json"])
            .write_stdin(hit)
            .timeout(LIMIT)
            .assert()
            .success(),
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json[0]["findings"].as_array().unwrap().len(), 20);
    assert_eq!(json[0]["more_findings"], 19_980);
    // A line of megabytes without a URL at all.
    let assert = postback()
        .args(["check"])
        .write_stdin("z".repeat(5_000_000))
        .timeout(LIMIT)
        .assert()
        .code(1);
    assert!(stdout_of(&assert).len() < 1_000);
}

/// Every message stays a few lines, whatever the input holds: a huge key in the file, a
/// huge value on the command line.
#[test]
fn every_message_is_bounded() {
    let key = "k".repeat(100_000);
    let file = config(&format!(
        "[network]\ndomain = \"demo.gotrackier.com\"\n{key} = 1\n[advertisers.{key}]\nname = \"x\"\n"
    ));
    let output = file.cmd().arg("validate").output().expect("runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("unknown key"), "{report}");
    assert!(
        report.lines().all(|l| l.chars().count() < 400),
        "a line of {} chars",
        report.lines().map(|l| l.len()).max().unwrap_or(0)
    );
    assert!(report.len() < 4_000, "{} bytes", report.len());

    let output = postback()
        .args(["urls", "--advertiser", &key])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.len() < 1_000, "{} bytes: {stderr}", stderr.len());
    assert!(stderr.contains("…"), "{stderr}");
}

/// Every fuzz seed, crashes found by the fuzzer included, validates without a panic and
/// without showing a token of its own `security_token = "..."` lines.
#[test]
fn fuzz_seeds_never_panic() {
    let dir = common::root().join("fuzz/seeds/load");
    for entry in std::fs::read_dir(&dir).expect("seeds") {
        let path = entry.expect("entry").path();
        let output = postback()
            .arg("-c")
            .arg(&path)
            .arg("validate")
            .timeout(LIMIT)
            .output()
            .expect("runs");
        let code = output.status.code();
        assert!(matches!(code, Some(0 | 65)), "{}: {code:?}", path.display());
        assert!(
            String::from_utf8_lossy(&output.stderr).is_empty(),
            "{}",
            path.display()
        );
    }
}

/// Every `check` fuzz seed, crashes the fuzzer found included, is checked without a panic.
#[test]
fn check_fuzz_seeds_never_panic() {
    let dir = common::root().join("fuzz/seeds/check");
    for entry in std::fs::read_dir(&dir).expect("seeds") {
        let path = entry.expect("entry").path();
        let hits = std::fs::read(&path).expect("seed");
        let output = postback()
            .args(["check", "--format", "json"])
            .write_stdin(hits)
            .timeout(LIMIT)
            .output()
            .expect("runs");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{}: {:?}",
            path.display(),
            output.status
        );
        assert!(
            String::from_utf8_lossy(&output.stderr).is_empty(),
            "{}",
            path.display()
        );
    }
}
