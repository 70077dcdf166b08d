//! The command line as a whole: version, help, completions, man page.

mod common;

use common::{postback, stdout_of};
use predicates::prelude::*;

#[test]
fn version_and_help() {
    postback()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("postback {}\n", env!("CARGO_PKG_VERSION")));
    postback()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("urls").and(predicate::str::contains("--config")));
    postback().assert().code(2);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = stdout_of(&postback().args(["completions", shell]).assert().success());
        assert!(out.contains("postback"), "{shell}");
        assert!(out.contains("redact"), "{shell} completes urls flags");
    }
    postback().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff() {
    let out = stdout_of(&postback().arg("man").assert().success());
    assert!(
        out.starts_with(".ie") || out.contains(".TH postback"),
        "{}",
        &out[..100]
    );
    assert!(out.contains("urls"));
}

#[test]
fn an_empty_config_variable_is_no_choice() {
    postback()
        .env("POSTBACK_CONFIG", "")
        .arg("validate")
        .assert()
        .success()
        .stdout("campaigns.toml: ok\n");
}

#[test]
fn quiet_silences_every_status_line() {
    let hit = "https://demo.gotrackier.com/acquisition?click_id=1&security_token=a1b2c3d4";
    postback().args(["-q", "check", hit]).assert().stderr("");
    let dir = tempfile::tempdir().unwrap();
    postback()
        .current_dir(dir.path())
        .args(["-q", "init"])
        .assert()
        .success()
        .stderr("");
}
