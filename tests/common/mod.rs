//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `postback` run from the repository root, with no config variable or color setting
/// inherited from the machine.
pub fn postback() -> Command {
    let mut cmd = Command::cargo_bin("postback").expect("binary is built");
    cmd.current_dir(root())
        .env_remove("POSTBACK_CONFIG")
        .env_remove("NO_COLOR");
    cmd
}

/// A temporary directory holding `campaigns.toml` with `text`.
pub struct TempConfig {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn config(text: &str) -> TempConfig {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("campaigns.toml");
    std::fs::write(&path, text).expect("write config");
    TempConfig { dir, path }
}

impl TempConfig {
    /// `postback -c <this file>`, to add arguments and environment to.
    pub fn cmd(&self) -> Command {
        let mut cmd = postback();
        cmd.arg("-c").arg(&self.path);
        cmd
    }

    /// `postback -c <this file> <args>`, run.
    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().args(args).assert()
    }
}

pub fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8 stdout")
}

pub fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).expect("UTF-8 stderr")
}

/// A small valid network: one advertiser, one campaign with two goals.
pub const SMALL: &str = r#"
[network]
domain = "demo.gotrackier.com"
security_token = "9f1c0d2e7a"

[global]
macros = "appsflyer"
params = ["idfa", "gaid"]
event = true

[advertisers.acme]
name = "Acme Shop"
security_token = "a1b2c3d4"
[advertisers.acme.macro]
click_id = "[aff_click_id]"

[[campaigns]]
id = 5509
name = "Acme Summer Sale"
advertiser = "acme"
default = "Sale"
params = ["currency", "txn_id", "sale_amount"]
fixed = { sub1 = "summer" }

[[campaigns.goals]]
name = "Registration"
value = "registration"

[[campaigns.goals]]
name = "Purchase"
value = "purchase"
params = ["revenue"]
"#;
