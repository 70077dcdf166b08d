//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `postback` run from the repository root, with no config variable, color setting or
/// terminal width inherited from the machine.
pub fn postback() -> Command {
    let mut cmd = Command::cargo_bin("postback").expect("binary is built");
    cmd.current_dir(root())
        .env_remove("POSTBACK_CONFIG")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
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

impl TempConfig {
    /// Runs `postback -c <this file> <args>` for each of `runs` at the same time; each must
    /// succeed.
    pub fn all_at_once(&self, runs: &[Vec<String>]) {
        let children: Vec<_> = runs
            .iter()
            .map(|args| {
                std::process::Command::new(assert_cmd::cargo::cargo_bin("postback"))
                    .arg("-c")
                    .arg(&self.path)
                    .args(args)
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("starts")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("ends");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }

    /// Each of `refusals` (arguments, and words its error says) exits 65 and leaves the file
    /// byte-identical to `text`.
    pub fn refuses(&self, refusals: &[(&[&str], &str)], text: &str) {
        for (args, words) in refusals {
            let output = self.cmd().args(*args).output().expect("runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(65), "{args:?}: {stderr}");
            assert!(stderr.contains(words), "{args:?}: {stderr}");
            assert_eq!(
                std::fs::read_to_string(&self.path).expect("read"),
                text,
                "{args:?}"
            );
        }
    }
}
