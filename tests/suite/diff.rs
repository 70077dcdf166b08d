//! `postback diff OLD_FILE`: which URLs changed, in plain lines, JSON and emails.

use crate::common;

use common::{config, postback, stdout_of};
use proptest::prelude::*;

fn shipped() -> String {
    std::fs::read_to_string(common::root().join("campaigns.toml")).expect("shipped file")
}

#[test]
fn a_file_against_itself_has_no_difference() {
    postback()
        .args(["diff", "campaigns.toml", "--level", "all", "--exit-code"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn a_rotated_token_an_added_goal_and_a_removed_one() {
    let edited = shipped()
        .replace("security_token = \"a1b2c3d4\"", "security_token = \"a1b2c3d5\"")
        .replace(
            "[[campaigns.goals]]\nname = \"Tutorial complete\"",
            "[[campaigns.goals]]\nname = \"Level 5\"\nvalue = \"level_5\"\n\n[[campaigns.goals]]\nname = \"Tutorial complete\"",
        )
        .replace("[[campaigns.goals]]\nname = \"Subscription\"\nvalue = \"subscribe\"\nparams = [\"sale_amount\", \"currency\"]\n", "");
    let file = config(&edited);
    let assert = file
        .cmd()
        .arg("diff")
        .arg(common::root().join("campaigns.toml"))
        .arg("--exit-code")
        .assert()
        .code(1);
    let out = stdout_of(&assert);
    let lines: Vec<(&str, &str, &str, &str)> = out
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0], f[1], f[2], f[3])
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("changed", "acme", "5509", "Sale"),
            ("changed", "acme", "5509", "Registration"),
            ("changed", "acme", "5509", "Purchase"),
            ("added", "puzzlequest", "6101", "Level 5"),
            ("removed", "fitlife", "6102", "Subscription"),
        ],
        "{out}"
    );
    assert!(
        out.contains("security_token=a1b2c3d5"),
        "the new URL: {out}"
    );

    // One message per advertiser, the new URL with the one it replaces; tokens masked.
    let email = stdout_of(
        &file
            .cmd()
            .arg("diff")
            .arg(common::root().join("campaigns.toml"))
            .args(["--format", "email", "--redact"])
            .assert()
            .success(),
    );
    let subjects: Vec<&str> = email
        .lines()
        .filter(|l| l.starts_with("Subject:"))
        .collect();
    assert_eq!(subjects.len(), 3, "{email}");
    assert!(
        email.contains("Sale (changed):\nhttps://") && email.contains("It replaces:\nhttps://"),
        "{email}"
    );
    assert!(
        email.contains("Subscription (stop firing this URL):"),
        "{email}"
    );
    assert!(!email.contains("a1b2c3d"), "{email}");
}

#[test]
fn the_old_file_from_git_or_stdin_and_its_errors() {
    postback()
        .args(["diff", "-", "--format", "json"])
        .write_stdin(shipped())
        .assert()
        .success()
        .stdout("[]\n");
    postback()
        .args(["diff", "-"])
        .write_stdin("[network]\ndomain = \"\"\n")
        .assert()
        .code(65)
        .stderr(predicates::str::contains("<stdin>:2:10"));
    postback()
        .args(["diff", "campaigns.toml", "--advertiser", "acmee"])
        .assert()
        .code(65)
        .stderr(predicates::str::contains("did you mean `acme`?"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Changing one campaign's fixed `sub1` changes exactly that campaign's rows.
    #[test]
    fn an_edited_copy_lists_exactly_the_rows_that_changed(value in "[a-z]{1,8}") {
        prop_assume!(value != "summer");
        let file = config(&shipped().replace("fixed = { sub1 = \"summer\" }", &format!("fixed = {{ sub1 = \"{value}\" }}")));
        let out = stdout_of(&file.cmd().arg("diff").arg(common::root().join("campaigns.toml")).assert().success());
        let rows = stdout_of(&postback().args(["urls", "--campaign", "5509", "--format", "plain"]).assert().success());
        prop_assert_eq!(out.lines().count(), rows.lines().count());
        prop_assert!(out.lines().all(|l| l.starts_with("changed\tacme\t5509\t")), "{}", out);
    }
}
