//! `postback set`: only the named fields change, every other byte stays.

use crate::common;

use common::{config, postback, stdout_of};
use predicates::prelude::*;

/// A file with comments, aligned keys, CRLF line endings and a byte-order mark.
const FILE: &str = "\u{feff}# the network\r\n[network]\r\nname    = \"Net\"   # aligned\r\ndomain  = \"demo.gotrackier.com\"\r\n\r\n# the shop\r\n[advertisers.acme]\r\nname = \"Acme\"\r\nsecurity_token = \"tok-1\"   # rotated yearly\r\n\r\n[[campaigns]]\r\nid = 1\r\nname = \"Sale\"\r\nadvertiser = \"acme\"\r\nparams = [\"txn_id\"]\r\nfixed = { sub1 = \"summer\" }\r\n\r\n[[campaigns.goals]]\r\nname = \"Buy\"\r\nvalue = \"buy\"   # the purchase\r\n";

/// The lines of `after` that differ from `before`'s, in order.
fn changed_lines(before: &str, after: &str) -> Vec<String> {
    let old: Vec<&str> = before.split("\r\n").collect();
    let new: Vec<&str> = after.split("\r\n").collect();
    assert_eq!(old.len(), new.len(), "{after:?}");
    old.iter()
        .zip(&new)
        .filter(|(a, b)| a != b)
        .map(|(_, b)| b.to_string())
        .collect()
}

#[test]
fn only_the_named_fields_change() {
    for (args, expected) in [
        (
            &["set", "advertiser", "acme", "--token-env", "ACME_TOKEN"][..],
            vec!["security_token_env = \"ACME_TOKEN\"   # rotated yearly"],
        ),
        (
            &["set", "network", "--name", "New Net"],
            vec!["name    = \"New Net\"   # aligned"],
        ),
        (
            &["set", "campaign", "1", "--fixed", "sub1=winter"],
            vec!["fixed = { sub1 = \"winter\" }"],
        ),
        (
            &[
                "set", "goal", "1", "Buy", "--name", "Purchase", "--value", "purchase",
            ],
            vec![
                "name = \"Purchase\"",
                "value = \"purchase\"   # the purchase",
            ],
        ),
    ] {
        let file = config(FILE);
        file.cmd()
            .env("ACME_TOKEN", "t")
            .args(args)
            .assert()
            .success()
            .stderr(predicate::str::starts_with("postback: changed "));
        let after = std::fs::read_to_string(&file.path).unwrap();
        assert!(after.starts_with('\u{feff}'), "{args:?}");
        assert_eq!(changed_lines(FILE, &after), expected, "{args:?}");
    }
}

#[test]
fn refusals_leave_the_file_byte_identical() {
    config(FILE).refuses(
        &[
            (
                &["set", "advertiser", "acmee", "--name", "X"],
                "did you mean `acme`?",
            ),
            (
                &["set", "campaign", "2", "--name", "X"],
                "no campaign with id 2",
            ),
            (
                &["set", "goal", "1", "Buyy", "--name", "X"],
                "did you mean `Buy`?",
            ),
            (
                &["set", "campaign", "1", "--advertiser", "zapp"],
                "no advertiser `zapp`",
            ),
            (
                &["set", "campaign", "1", "--param", "sale_ammount"],
                "did you mean `sale_amount`?",
            ),
        ],
        FILE,
    );
}

#[test]
fn a_token_rotation_then_the_urls_to_resend() {
    let file = config(FILE);
    let old = file.dir.path().join("old.toml");
    std::fs::copy(&file.path, &old).unwrap();
    file.cmd()
        .args(["-q", "set", "advertiser", "acme", "--token", "tok-2"])
        .assert()
        .success()
        .stderr("");
    let out = stdout_of(&file.cmd().arg("diff").arg(&old).assert().success());
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.lines()
            .all(|l| l.starts_with("changed\tacme\t1\t") && l.contains("security_token=tok-2")),
        "{out}"
    );
    postback()
        .args(["set", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("advertiser"));
}
