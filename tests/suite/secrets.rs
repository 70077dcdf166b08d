//! A configured token is printed only where it is the data (`urls`): no diagnostic, hint,
//! snippet or listing shows it, in files that load and in files that do not.

use crate::common;

use common::config;
use postback::config as model;
use postback::source::Source;
use proptest::prelude::*;

const BASE: &str = "[network]\nname = \"Demo\"\ndomain = \"demo.gotrackier.com\"\ntest_publisher = 2\nsecurity_token = \"NETWORK\"\n\n[global]\nmacros = \"appsflyer\"\n\n[advertisers.acme]\nname = \"Acme\"\nTOKENLINE\n\n[advertisers.beta]\nname = \"Beta\"\nsecurity_token = \"BETA\"\n\n[[campaigns]]\nid = 1\nname = \"Sale\"\nadvertiser = \"acme\"\n\n[[campaigns]]\nid = 2\nname = \"Beta sale\"\nadvertiser = \"beta\"\n";

/// Ways a token line goes wrong, each with the token at `T`.
const TOKEN_LINES: &[&str] = &[
    "security_token = \"@T@\"",
    "security_token = \"@T@",
    "security_token = @T@",
    "security_token = [\"@T@\"]",
    "security_token = \"@T@ \"",
    "security_token = \"\\t@T@\"",
    "security_tokn = \"@T@\"",
    "SECURITY_TOKEN = \"@T@\"",
    "token = \"@T@\"",
    "security_token = \"@T@\"\nsecurity_token = \"@T@\"",
    "security_token = \"@T@\"\nsecurity_token_env = \"X\"",
    "macro = { click_id = \"{c}\", security_token = \"@T@\" }",
    "security_token = \"@T@\" junk",
    "security_token = \"@T@\"\nbogus = = 1",
    // A key written with TOML escapes is the key TOML reads.
    "\"\\u0073ecurity_\\u0074oken\" = \"@T@\" junk",
    "\"\\u0073ecurity_\\u0074oken\" = [\"@T@\"]",
    "\"security_\\u0074oken\" = 5\nsecurity_token = \"@T@\" junk",
    "\"\\u0073ecurity_token\" = \"@T@\"\nsecurity_token = \"other\"",
];

/// Everything a person sees of the file's problems: the rendered diagnostics and the
/// JSON report's messages and hints.
fn shown(text: &str) -> String {
    let source = Source::new("c.toml", text.to_string());
    let loaded = model::load(&source);
    // Each diagnostic as stderr renders it, snippet included.
    let style = postback::diagnostic::Style {
        program_prefix: true,
        color: false,
    };
    let mut out: String = (loaded.diagnostics.iter())
        .map(|d| postback::diagnostic::render(d, &source, style))
        .collect();
    for d in &loaded.diagnostics {
        let (message, hint) = postback::diagnostic::shown(d, &source);
        out.push_str(&message);
        out.push_str(&hint.unwrap_or_default());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_diagnostic_shows_a_token(
        token in "[A-Za-z0-9]{6,24}",
        line in prop::sample::select(TOKEN_LINES),
        shared in any::<bool>(),
    ) {
        let token = format!("Zq{token}");
        let mut text = BASE.replace("TOKENLINE", &line.replace("@T@", &token));
        if shared {
            // Two advertisers with one token: a warning on a valid file.
            text = text.replace("\"BETA\"", &format!("\"{token}\""));
        }
        let out = shown(&text);
        prop_assert!(!out.contains(&token), "{out}");
    }
}

#[test]
fn a_shared_token_never_reaches_stderr_or_a_report() {
    let text = BASE
        .replace("TOKENLINE", "security_token = \"Sh4redS3cret\"")
        .replace("\"BETA\"", "\"Sh4redS3cret\"");
    let file = config(&text);
    let hit = "https://demo.gotrackier.com/acquisition?click_id=1&security_token=Sh4redS3cret";
    for args in [
        &["urls", "--redact"][..],
        &["urls", "--redact", "--format", "json"],
        &["urls", "--level", "global"],
        &["list"],
        &["list", "--format", "json"],
        &["test-link"],
        &["params"],
        &["macros"],
        &["validate"],
        &["validate", "--format", "json"],
        &["check", hit],
    ] {
        let output = file.cmd().args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        // The warning is there (on stdout for `validate`, whose report it is)...
        let both = format!("{stdout}{stderr}");
        assert!(both.contains("same security token"), "{args:?}: {both}");
        // ... and the token is not.
        assert!(!stderr.contains("Sh4redS3cret"), "{args:?}: {stderr}");
        assert!(!stdout.contains("Sh4redS3cret"), "{args:?}: {stdout}");
    }
}

const ENV_FILE: &str = "[network]\ndomain = \"demo.gotrackier.com\"\n\n[advertisers.acme]\nname = \"Acme\"\nsecurity_token_env = \"ACME_TOKEN\"\n\n[[campaigns]]\nid = 1\nname = \"Sale\"\nadvertiser = \"acme\"\n";

#[test]
fn a_token_variable_with_whitespace_prints_no_url() {
    let file = config(ENV_FILE);
    for value in ["Xv9q-1\r", "Xv9q-1  ", "Xv9q\n1"] {
        let output = file
            .cmd()
            .env("ACME_TOKEN", value)
            .args(["urls"])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(78), "{value:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{value:?}");
        assert!(
            stderr
                .contains("ACME_TOKEN (security_token_env of advertiser `acme`) holds whitespace"),
            "{stderr}"
        );
        assert!(!stderr.contains("Xv9q"), "{stderr}");
        let report = file
            .cmd()
            .env("ACME_TOKEN", value)
            .arg("validate")
            .output()
            .expect("runs");
        let report = String::from_utf8_lossy(&report.stdout);
        assert!(
            report.contains("warning:") && report.contains("holds whitespace"),
            "{report}"
        );
    }
    file.cmd()
        .env("ACME_TOKEN", "tok-1")
        .arg("urls")
        .assert()
        .success();
}

#[test]
fn a_system_variable_is_no_token_variable() {
    let file = config(&ENV_FILE.replace("ACME_TOKEN", "PATH"));
    let output = file.cmd().arg("validate").output().expect("runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("`PATH` is a system variable, not one holding a token"),
        "{report}"
    );
}

#[test]
fn check_masks_every_form_of_a_token_and_only_tokens() {
    let file = config(common::SMALL);
    let base = "https://demo.gotrackier.com/acquisition?click_id=zz1&security_token=a1b2c3d4";
    for (extra, kept) in [
        ("&sub1=%61%31b2c3d4", "click_id=zz1"),
        ("&sub1=%2561%2531b2c3d4", "click_id=zz1"),
        ("&sub1=A1B2C3D4", "click_id=zz1"),
        ("&SECURITY_TOKEN=a1b2c3d4", "click_id=zz1"),
        ("&goal_id=a1b2c3d4", "goal_id=REDACTED"),
        // A longer value that merely starts with the token is data, shown as it is.
        ("&sub2=a1b2c3d4999", "sub2=a1b2c3d4999"),
    ] {
        let hit = format!("{base}{extra}");
        for format in ["plain", "json", "table"] {
            let output = file
                .cmd()
                .args(["check", "--format", format, &hit])
                .output()
                .expect("runs");
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(all.contains(kept), "{extra} {format}: {all}");
            let without_kept = all.replace("a1b2c3d4999", "");
            assert!(
                !without_kept.to_lowercase().contains("b2c3d4") && !without_kept.contains("%61%31"),
                "{extra} {format}: {all}"
            );
        }
    }
}

#[test]
fn an_error_quoting_a_url_masks_its_token() {
    let file = config(common::SMALL);
    let template = file.dir.path().join("t.j2");
    std::fs::write(
        &template,
        "{% include \"https://demo.gotrackier.com/acquisition?security_token=a1b2c3d4\" %}\n",
    )
    .expect("write");
    let output = file
        .cmd()
        .args(["urls", "--format", "email", "--template"])
        .arg(&template)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(stderr.contains("security_token=REDACTED"), "{stderr}");
    assert!(!stderr.contains("a1b2c3d4"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_command_shows_twenty_of_the_files_problems() {
    let repeated = "\n[[campaigns]]\nid = 5509\nname = \"again\"\nadvertiser = \"acme\"\n";
    let file = config(&format!("{}{}", common::SMALL, repeated.repeat(500)));
    for command in ["list", "urls", "params"] {
        let output = file.cmd().arg(command).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(65), "{command}");
        assert_eq!(stderr.matches("error: ").count(), 20, "{command}: {stderr}");
        assert!(
            stderr.contains("postback: … 480 more (postback validate for all)\n"),
            "{stderr}"
        );
        assert!(stderr.len() < 8_000, "{command}: {} bytes", stderr.len());
    }
    // validate is the full report.
    let output = file.cmd().arg("validate").output().expect("runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert_eq!(report.matches("error: ").count(), 500);
}
