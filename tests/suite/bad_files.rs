//! One test per class of bad `campaigns.toml`: exit code 65, the position, the message and the
//! hint, nothing on stdout, and never a panic.

use crate::common;

use common::{config, postback, stderr_of};

const NETWORK: &str = "[network]\ndomain = \"demo.gotrackier.com\"\n";
const ADVERTISER: &str = "[advertisers.acme]\nname = \"Acme\"\nsecurity_token = \"t0k\"\n";
const CAMPAIGN: &str = "[[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"acme\"\n";

/// Runs `urls` on `text`; asserts exit 65, empty stdout and each expected piece of stderr.
fn rejects(text: &str, expected: &[&str]) -> String {
    let file = config(text);
    let assert = file.run(&["urls"]).code(65).stdout("");
    let stderr = stderr_of(&assert);
    for piece in expected {
        assert!(stderr.contains(piece), "missing {piece:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn valid_with(extra: &str) -> String {
    format!("{NETWORK}{ADVERTISER}{CAMPAIGN}{extra}")
}

#[test]
fn toml_syntax_error_shows_line_column_and_the_line() {
    rejects(
        &format!("{NETWORK}name = \"unterminated\n"),
        &[
            "campaigns.toml:3:21: invalid TOML",
            "3 | name = \"unterminated",
        ],
    );
}

#[test]
fn unknown_key_suggests_the_closest() {
    rejects(
        &format!("{NETWORK}{ADVERTISER}{CAMPAIGN}[[campaigns.goals]]\nname = \"P\"\ngoal_vlaue = \"p\"\n"),
        &[
            ":12:1: unknown key `goal_vlaue` in [[campaigns.goals]]",
            "hint: did you mean `value`?",
        ],
    );
    rejects(
        "[network]\ndomian = \"x\"\n",
        &[
            ":2:1: unknown key `domian` in [network]",
            "did you mean `domain`?",
        ],
    );
}

#[test]
fn wrong_type_names_what_was_expected() {
    let stderr = rejects(
        &valid_with("").replace("id = 1", "id = \"1\""),
        &[":7:6: `id` in [[campaigns]] must be an integer, found string"],
    );
    assert!(
        !stderr.contains("missing `id`"),
        "one error per mistake: {stderr}"
    );
    rejects(
        &valid_with("").replace(
            "advertiser = \"acme\"",
            "advertiser = \"acme\"\nparams = \"txn_id\"",
        ),
        &["`params` in [[campaigns]] must be an array of strings, found string"],
    );
}

#[test]
fn missing_network_and_domain() {
    rejects(
        &format!("{ADVERTISER}{CAMPAIGN}"),
        &[":1:1: the file has no [network] table"],
    );
    rejects(
        "[network]\nname = \"N\"\n",
        &["[network] is missing `domain`"],
    );
}

#[test]
fn bad_domains() {
    rejects(
        "[network]\ndomain = \"https://demo.gotrackier.com/\"\n",
        &[
            ":2:10: the domain `https://demo.gotrackier.com/` contains a scheme",
            "write only the host, `demo.gotrackier.com`",
        ],
    );
    rejects(
        "[network]\ndomain = \"a b.com\"\n",
        &["contains whitespace"],
    );
    rejects("[network]\ndomain = \"u@x.com\"\n", &["user information"]);
    rejects(
        "[network]\ndomain = \"x.com\"\npath = \"acq\"\n",
        &["does not start with `/`"],
    );
}

#[test]
fn references_and_duplicates() {
    rejects(
        &valid_with("").replace("advertiser = \"acme\"", "advertiser = \"acne\""),
        &[":9:14: unknown advertiser `acne`", "did you mean `acme`?"],
    );
    rejects(
        &valid_with(CAMPAIGN),
        &[":11:6: campaign id 1 is used twice"],
    );
    rejects(
        &valid_with("[[campaigns.goals]]\nname = \"A\"\nvalue = \"a\"\n[[campaigns.goals]]\nname = \"A\"\nvalue = \"a\"\n"),
        &["goal name `A` is used twice", "goal_value `a` is used by two goals"],
    );
}

#[test]
fn goals_need_exactly_one_of_value_and_id() {
    rejects(
        &valid_with("[[campaigns.goals]]\nname = \"A\"\n"),
        &["goal `A` has neither `value` nor `id`"],
    );
    rejects(
        &valid_with("[[campaigns.goals]]\nname = \"A\"\nvalue = \"a\"\nid = \"b\"\n"),
        &["goal `A` has both `value` and `id`"],
    );
}

#[test]
fn unknown_managed_and_fixed_click_id_parameters() {
    rejects(
        &valid_with("params = [\"sale_ammount\", \"sub16\"]\n"),
        &[
            "unknown parameter `sale_ammount`",
            "did you mean `sale_amount`?",
            "unknown parameter `sub16`",
        ],
    );
    rejects(
        &valid_with("params = [\"goal_value\"]\n"),
        &["`goal_value` is written by postback"],
    );
    rejects(
        &valid_with("fixed = { security_token = \"x\" }\n"),
        &["`security_token` is written by postback"],
    );
    rejects(
        &valid_with("fixed = { click_id = \"x\" }\n"),
        &["`click_id` may not be fixed"],
    );
    rejects(
        &valid_with("params = [\"sub1\"]\nfixed = { sub1 = \"x\" }\n"),
        &["`sub1` is both in `params` and in `fixed`"],
    );
}

#[test]
fn macro_sets_and_macros() {
    rejects(
        &valid_with("").replace("name = \"Acme\"", "name = \"Acme\"\nmacros = \"apsflyer\""),
        &["unknown macro set `apsflyer`", "did you mean `appsflyer`?"],
    );
    rejects(
        &valid_with("[advertisers.acme.macro]\nclick_id = \"\"\n"),
        &["bad macro for `click_id`: it is empty"],
    );
    rejects(
        &valid_with("[macro_sets.adjust]\nclick_id = \"{x}\"\n"),
        &["`adjust` is the name of a built-in macro set"],
    );
}

#[test]
fn literals_must_follow_their_value_rule() {
    rejects(
        &valid_with("fixed = { currency = \"dollars\", status = \"canceled\" }\n"),
        &[
            "fixed `currency`: `dollars` is not a three-letter currency code",
            "fixed `status`: `canceled` is not a valid status",
            "write `cancelled`",
        ],
    );
    rejects(
        &valid_with("").replace("security_token = \"t0k\"", "security_token = \"t0k \""),
        &[
            "the security token of advertiser `acme` contains whitespace",
            // The hint says what to do without repeating the token.
            "remove the spaces or line breaks at its start or end",
            "security_token = \"REDACTED\"",
        ],
    );
    rejects(
        &valid_with("").replace(
            "security_token = \"t0k\"",
            "security_token = \"t0k\"\nsecurity_token_env = \"T\"",
        ),
        &["has both `security_token` and `security_token_env`"],
    );
}

#[test]
fn invalid_keys_and_ids() {
    rejects(
        &valid_with("").replace("advertisers.acme]", "advertisers.\"Acme Co\"]"),
        &["`Acme Co` is not a valid advertiser key"],
    );
    rejects(
        &valid_with("").replace("id = 1", "id = -4"),
        &["must be a positive integer, found -4"],
    );
    rejects(
        &valid_with("").replace("id = 1", "id = 99999999999999999999"),
        &[":7:6: `id` in [[campaigns]] is too large"],
    );
}

#[test]
fn every_error_is_reported_in_one_run() {
    let stderr = rejects(
        "[network]\ndomian = \"x\"\n[advertisers.a]\nnam = \"A\"\n[[campaigns]]\nid = 0\n",
        &[
            "unknown key `domian`",
            "unknown key `nam`",
            "must be a positive integer",
        ],
    );
    assert!(
        stderr.contains("errors (run `postback validate`"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("campaigns.toml");
    std::fs::write(&path, b"[network]\ndomain = \"a\xff\"\n").unwrap();
    let assert = postback()
        .arg("-c")
        .arg(&path)
        .arg("urls")
        .assert()
        .code(65)
        .stdout("");
    assert!(stderr_of(&assert).contains("campaigns.toml:2:12: the file is not valid UTF-8"));
}

#[test]
fn long_lines_are_cut_in_messages() {
    let long = "x".repeat(3_000_000);
    let stderr = rejects(
        &format!("{NETWORK}name = \"{long}\" oops\n"),
        &["invalid TOML"],
    );
    assert!(
        stderr.len() < 2_000,
        "message stays short: {} bytes",
        stderr.len()
    );
    assert!(stderr.contains('…'));
}

#[test]
fn control_characters_in_names_never_reach_the_terminal() {
    let stderr = rejects(
        "[network]\ndomain = \"x\"\n\"\\u001b[2J\" = 1\n",
        &["unknown key"],
    );
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
}

#[test]
fn http_is_only_a_warning() {
    let file = config(&valid_with("").replace(
        NETWORK,
        "[network]\ndomain = \"x.com\"\nscheme = \"http\"\n",
    ));
    let assert = file.run(&["urls"]).success();
    assert!(stderr_of(&assert).contains("warning: "));
    assert!(common::stdout_of(&assert).starts_with("http://x.com/acquisition?"));
}
