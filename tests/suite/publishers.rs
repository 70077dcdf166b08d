//! Publisher postbacks: `[publishers.<key>]`, `urls --level publisher`, `test-link
//! --publisher`, `list` and `diff --level publisher`, and every mistake in a publisher.

use crate::common;

use common::{config, postback, stderr_of, stdout_of};
use predicates::prelude::*;

const ADSMEDIA: &str =
    "https://track.adsmedia.example/postback?cid={p1}&payout={payout}&txid={txn_id}&et={goal_value}";
const KEITO: &str =
    "https://kt.keito.example/k7x2p9/postback?subid={p1}&tid={txn_id}&payout={payout}";

fn urls(args: &[&str]) -> String {
    let mut all = vec!["urls", "--level", "publisher"];
    all.extend_from_slice(args);
    stdout_of(&postback().args(&all).assert().success())
}

#[test]
fn the_postback_to_paste_for_each_publisher_in_every_format() {
    assert_eq!(
        urls(&["--format", "plain"]),
        format!("{ADSMEDIA}\n{KEITO}\n")
    );
    assert_eq!(
        urls(&["--publisher", "keito", "--format", "plain"]),
        format!("{KEITO}\n")
    );
    // `--publisher` alone is enough.
    let keito = stdout_of(
        &postback()
            .args(["urls", "--publisher", "keito"])
            .assert()
            .success(),
    );
    assert_eq!(keito, format!("{KEITO}\n"));
    let table = urls(&["--format", "table"]);
    assert!(table.contains("adsmedia (12)   (all campaigns)"), "{table}");
    assert!(
        table.contains("5509 Acme Summer Sale   Conversions               yes"),
        "{table}"
    );
    let tsv = urls(&["--format", "tsv"]);
    assert!(tsv.starts_with("publisher\tpublisher_id\ttracker\tcampaign_id\tcampaign\tevents\tfire_on_pending\turl\n"), "{tsv}");
    assert!(
        tsv.contains(&format!(
            "keito\t14\tkeitaro\t5509\tAcme Summer Sale\tConversions\tyes\t{KEITO}\n"
        )),
        "{tsv}"
    );
    let csv = urls(&["--format", "csv"]);
    assert!(
        csv.contains(&format!(
            "adsmedia,12,voluum,,(all campaigns),Conversions + all goals,no,{ADSMEDIA}"
        )),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&urls(&["--format", "json"])).unwrap();
    assert_eq!(json[0]["events"], "all");
    assert_eq!(json[1]["campaign_id"], 5509);
    assert_eq!(json[1]["fire_on_pending"], true);
    assert_eq!(json[1]["url"], KEITO);
    let markdown = urls(&["--format", "markdown"]);
    assert!(markdown.starts_with("## adsmedia (publisher 12)\n\n- **(all campaigns)**, Conversions + all goals (on pending: no): `"), "{markdown}");
    postback()
        .args(["urls", "--level", "publisher", "--format", "adjust"])
        .assert()
        .code(2);
}

#[test]
fn the_publisher_email_has_their_links_and_what_trackier_calls() {
    let email = urls(&["--publisher", "keito", "--format", "email"]);
    assert!(
        email.starts_with("Subject: Tracking links and postback for Keito Traffic"),
        "{email}"
    );
    assert!(
        email.contains("carry your Keitaro click id in p1 ({subid}, which Keitaro fills)"),
        "{email}"
    );
    assert!(
        email.contains("https://demo.gotrackier.com/click?campaign_id=5509&pub_id=14&p1={subid}"),
        "{email}"
    );
    assert!(
        email.contains(&format!(
            "5509 Acme Summer Sale, Conversions, pending conversions too\n    {KEITO}"
        )),
        "{email}"
    );
    // Keito's postback is for 5509 only: no link for other campaigns.
    assert!(!email.contains("campaign_id=6102"), "{email}");
    let both = urls(&["--format", "email"]);
    assert_eq!(both.matches("Subject: ").count(), 2, "{both}");
}

#[test]
fn test_links_carry_the_publishers_click_token_in_p1() {
    let links = stdout_of(
        &postback()
            .args([
                "test-link",
                "--publisher",
                "adsmedia",
                "--campaign",
                "5509",
                "--format",
                "plain",
            ])
            .assert()
            .success(),
    );
    assert_eq!(
        links,
        "https://demo.gotrackier.com/click?campaign_id=5509&pub_id=12&p1={clickid}\n"
    );
    let keito = stdout_of(
        &postback()
            .args(["test-link", "--publisher", "keito", "--format", "plain"])
            .assert()
            .success(),
    );
    assert_eq!(
        keito,
        "https://demo.gotrackier.com/click?campaign_id=5509&pub_id=14&p1={subid}\n"
    );
}

#[test]
fn selection_mistakes_are_named() {
    postback()
        .args(["urls", "--publisher", "adsmeda"])
        .assert()
        .code(65)
        .stdout("")
        .stderr(
            predicate::str::contains("the file has no publisher `adsmeda`")
                .and(predicate::str::contains("did you mean `adsmedia`?")),
        );
    for args in [
        &["urls", "--publisher", "keito", "--level", "global"][..],
        &["urls", "--level", "publisher", "--advertiser", "acme"],
        &["urls", "--level", "publisher", "--goal", "Purchase"],
        &[
            "urls",
            "--level",
            "publisher",
            "--sample",
            "--set",
            "payout=2",
        ],
        &[
            "fire",
            "--publisher",
            "keito",
            "--click-id",
            "x",
            "--campaign",
            "5509",
        ],
    ] {
        postback().args(args).assert().code(2).stdout("");
    }
    // `--level publisher` is `urls`' and `diff`'s alone.
    postback()
        .args(["fire", "--level", "publisher", "--click-id", "x"])
        .assert()
        .code(2);
}

#[test]
fn list_shows_publishers_never_their_postback_key() {
    let table = stdout_of(&postback().arg("list").assert().success());
    assert!(
        table.contains(
            " keito       Keito Traffic   14   keitaro   5509        Conversions               yes"
        ),
        "{table}"
    );
    let json = stdout_of(
        &postback()
            .args(["list", "--format", "json"])
            .assert()
            .success(),
    );
    let listing: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(listing["publishers"][0]["tracker"], "voluum");
    assert_eq!(listing["publishers"][1]["campaigns"][0], 5509);
    assert!(!table.contains("k7x2p9") && !json.contains("k7x2p9"));
}

#[test]
fn diff_shows_each_publishers_changed_postback_and_writes_to_them() {
    let old = std::fs::read_to_string(common::root().join("campaigns.toml")).unwrap();
    let new = old
        .replace("track.adsmedia.example", "t2.adsmedia.example")
        .replace("fire_on_pending = true\n", "");
    let file = config(&new);
    let old_path = common::root().join("campaigns.toml");
    let lines = stdout_of(
        &postback()
            .arg("-c")
            .arg(&file.path)
            .args(["diff", "--level", "publisher"])
            .arg(&old_path)
            .assert()
            .success(),
    );
    assert_eq!(
        lines,
        format!(
            "changed\tadsmedia (publisher)\t\tConversions + all goals\t{}\nchanged\tkeito (publisher)\t5509\tConversions\t{KEITO}\n",
            ADSMEDIA.replace("track.", "t2.")
        )
    );
    let email = stdout_of(
        &postback()
            .arg("-c")
            .arg(&file.path)
            .args(["diff", "--level", "publisher", "--format", "email"])
            .arg(&old_path)
            .assert()
            .success(),
    );
    assert!(
        email.starts_with("Subject: Updated postback for AdsMedia"),
        "{email}"
    );
    assert!(
        email.contains(&format!("It replaces:\n{ADSMEDIA}")),
        "{email}"
    );
    assert!(
        email.contains("Subject: Updated postback for Keito Traffic"),
        "{email}"
    );
    // The advertisers' diff is untouched by publishers.
    postback()
        .arg("-c")
        .arg(&file.path)
        .arg("diff")
        .arg(&old_path)
        .assert()
        .success()
        .stdout("");
}

const BASE: &str = "[network]\ndomain = \"demo.gotrackier.com\"\n\n[advertisers.a]\nname = \"A\"\nsecurity_token = \"tok\"\n\nPUBLISHERS\n[[campaigns]]\nid = 5509\nname = \"S\"\nadvertiser = \"a\"\n";

/// `validate` on the base file with `publishers`: its exit code and what it says.
fn validate(publishers: &str) -> (Option<i32>, String) {
    let file = config(&BASE.replace("PUBLISHERS", publishers));
    let assert = postback()
        .arg("-c")
        .arg(&file.path)
        .arg("validate")
        .assert();
    let code = assert.get_output().status.code();
    let said = stdout_of(&assert) + &stderr_of(&assert);
    (code, said.replace(&file.path.display().to_string(), "F"))
}

#[test]
fn each_mistake_in_a_publisher_is_named_at_its_place() {
    let publisher = |extra: &str| format!("[publishers.p]\nname = \"P\"\nid = 7\n{extra}\n");
    let cases: &[(&str, &str, &str)] = &[
        (
            "tracker = \"volum\"\ndomain = \"t.example\"",
            "F:11:11: unknown tracker `volum`",
            "did you mean `voluum`?",
        ),
        (
            "tracker = \"custom\"\ntemplate = \"https://c.example/pb?click={clickid}\"",
            "F:12:12: the template has no `{p1}`",
            "put {p1} where the publisher's click id goes",
        ),
        (
            "tracker = \"voluum\"\ndomain = \"t.example\"\ncampaigns = [5509, 777]",
            "F:13:20: the file has no campaign 777",
            "leave `campaigns` out for all campaigns",
        ),
        (
            "tracker = \"keitaro\"\ndomain = \"t.example\"",
            "F:8:1: [publishers.p] has no `postback_key`",
            "add `postback_key = \"<key>\"`",
        ),
        (
            "tracker = \"voluum\"\ndomain = \"t.example\"\nevents = \"goal\"",
            "F:13:10: unknown events `goal`",
            "did you mean `goals`?",
        ),
        (
            "tracker = \"voluum\"\ndomain = \"t.example\"\n[publishers.p.macro]\npayuot = \"{payout}\"",
            "F:14:1: `payuot` is not a publisher postback parameter",
            "did you mean `payout`?",
        ),
    ];
    for (extra, message, hint) in cases {
        let (code, said) = validate(&publisher(extra));
        assert_eq!(code, Some(65), "{said}");
        assert!(said.contains(message), "{message}\n{said}");
        assert!(said.contains(hint), "{hint}\n{said}");
    }
    // Two publishers with one pub id.
    let two =
        "[publishers.p]\nname = \"P\"\nid = 7\ntracker = \"voluum\"\ndomain = \"t.example\"\n\n\
               [publishers.q]\nname = \"Q\"\nid = 7\ntracker = \"binom\"\ndomain = \"b.example\"\n";
    let (code, said) = validate(two);
    assert_eq!(code, Some(65), "{said}");
    assert!(
        said.contains("F:16:6: publisher id 7 is used twice"),
        "{said}"
    );
    assert!(said.contains("it is already the id of `p`"), "{said}");
    // http is a warning, and the file stays valid.
    let (code, said) = validate(&publisher(
        "tracker = \"voluum\"\ndomain = \"t.example\"\nscheme = \"http\"",
    ));
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("warning") && said.contains("plain http"),
        "{said}"
    );
}

#[test]
fn add_set_and_remove_a_publisher_touch_only_its_lines() {
    let original = std::fs::read_to_string(common::root().join("campaigns.toml")).unwrap();
    let file = config(&original);
    let run = |args: &[&str]| {
        postback()
            .arg("-c")
            .arg(&file.path)
            .args(args)
            .assert()
            .success();
        std::fs::read_to_string(&file.path).unwrap()
    };
    let added = run(&[
        "add",
        "publisher",
        "rtk",
        "--name",
        "RT Media",
        "--id",
        "20",
        "--tracker",
        "redtrack",
        "--domain",
        "rt.media.example",
        "--events",
        "goals",
        "--campaign",
        "6102",
    ]);
    // After the last publisher, before the campaigns; every other byte kept.
    let new = "\n[publishers.rtk]\nname = \"RT Media\"\nid = 20\ntracker = \"redtrack\"\ndomain = \"rt.media.example\"\ncampaigns = [6102]\nevents = \"goals\"\n";
    let after_keito = "fire_on_pending = true\n";
    assert_eq!(
        added,
        original.replacen(after_keito, &format!("{after_keito}{new}"), 1)
    );
    let set = run(&[
        "set",
        "publisher",
        "keito",
        "--name",
        "Keito",
        "--all-campaigns",
        "--fire-on-pending=false",
    ]);
    assert_eq!(
        set,
        added
            .replace("name = \"Keito Traffic\"", "name = \"Keito\"")
            .replace(
                "campaigns = [5509]\nfire_on_pending = true",
                "fire_on_pending = false"
            )
    );
    let removed = run(&["remove", "publisher", "rtk"]);
    assert_eq!(removed, set.replace(new, ""));
    // Removing the first publisher keeps the section's comment above it.
    let first = run(&["remove", "publisher", "adsmedia"]);
    assert!(
        first.contains("# Publishers: the postback Trackier calls"),
        "{first}"
    );
    assert!(!first.contains("[publishers.adsmedia]"), "{first}");
    // Mistakes change nothing.
    for args in [
        &[
            "add",
            "publisher",
            "keito",
            "--name",
            "K",
            "--id",
            "30",
            "--tracker",
            "voluum",
            "--domain",
            "k.example",
        ][..],
        &[
            "add",
            "publisher",
            "new",
            "--name",
            "N",
            "--id",
            "14",
            "--tracker",
            "voluum",
            "--domain",
            "n.example",
        ],
        &[
            "add",
            "publisher",
            "new",
            "--name",
            "N",
            "--id",
            "31",
            "--tracker",
            "volum",
            "--domain",
            "n.example",
        ],
        &["set", "publisher", "keit", "--name", "K"],
        &["remove", "publisher", "adsmedia"],
    ] {
        postback()
            .arg("-c")
            .arg(&file.path)
            .args(args)
            .assert()
            .code(65);
        assert_eq!(
            std::fs::read_to_string(&file.path).unwrap(),
            first,
            "{args:?}"
        );
    }
    let said = stderr_of(
        &postback()
            .arg("-c")
            .arg(&file.path)
            .args(["set", "publisher", "keit", "--name", "K"])
            .assert()
            .code(65),
    );
    assert!(
        said.contains("no publisher `keit` in the file") && said.contains("did you mean `keito`?"),
        "{said}"
    );
}

#[test]
fn the_first_publisher_of_a_file_goes_after_the_advertisers() {
    let file = config(&BASE.replace("PUBLISHERS", ""));
    postback()
        .arg("-c")
        .arg(&file.path)
        .args([
            "add",
            "publisher",
            "p",
            "--name",
            "P",
            "--id",
            "7",
            "--tracker",
            "custom",
        ])
        .args([
            "--template",
            "https://c.example/pb?c={p1}",
            "--fire-on-pending",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&file.path).unwrap();
    let entry = "\n[publishers.p]\nname = \"P\"\nid = 7\ntracker = \"custom\"\ntemplate = \"https://c.example/pb?c={p1}\"\nfire_on_pending = true\n";
    let token = "security_token = \"tok\"\n";
    let expected = BASE
        .replace("PUBLISHERS", "")
        .replacen(token, &format!("{token}{entry}"), 1);
    assert_eq!(text, expected);
}

#[test]
fn edges_of_a_publisher_selection() {
    // A file without publishers: nothing on stdout, a note on stderr, success.
    let none = config(&BASE.replace("PUBLISHERS", ""));
    postback()
        .arg("-c")
        .arg(&none.path)
        .args(["urls", "--level", "publisher"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("publisher postbacks"));
    // More publisher postbacks than --max: nothing is sent, and the hint fits.
    postback()
        .args(["fire", "--publisher", "adsmedia", "--publisher", "keito"])
        .args(["--click-id", "x", "--max", "1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "name fewer publishers with --publisher",
        ));
    // diff's advertiser filter is not for publishers, whatever the files say.
    postback()
        .args([
            "diff",
            "--level",
            "publisher",
            "--advertiser",
            "acme",
            "missing.toml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--advertiser is for advertisers' postbacks, not --level publisher",
        ));
}
