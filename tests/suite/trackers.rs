//! Networks on other trackers (`[network] tracker`): the same file's URLs, checks, listings
//! and diffs in Affise's, Scaleo's, TUNE's and Offer18's dialects, and what a tracker cannot
//! carry.

use crate::common;

use common::{config, postback, stdout_of};
use predicates::prelude::*;

/// A file every tracker can write: a tokened and a tokenless advertiser, two subs.
const PORTABLE: &str = "[network]\ntracker = \"TRACKER\"\nname = \"Demo\"\ndomain = \"demo.example.com\"\n\n[advertisers.acme]\nname = \"Acme\"\nsecurity_token = \"a1b2c3d4\"\n\n[advertisers.free]\nname = \"Free\"\n\n[[campaigns]]\nid = 5509\nname = \"Summer\"\nadvertiser = \"acme\"\nparams = [\"sub2\"]\nfixed = { sub1 = \"summer\" }\n\n[[campaigns]]\nid = 6102\nname = \"Free one\"\nadvertiser = \"free\"\n";

fn on(tracker: &str, text: &str) -> common::TempConfig {
    config(&text.replace("TRACKER", tracker))
}

/// `postback -q -c <file>`.
fn with(file: &common::TempConfig) -> assert_cmd::Command {
    let mut command = postback();
    command.arg("-q").arg("-c").arg(&file.path);
    command
}

/// `validate` of `file`, refused (65).
fn refused(file: &common::TempConfig) -> assert_cmd::assert::Assert {
    postback()
        .arg("-c")
        .arg(&file.path)
        .arg("validate")
        .assert()
        .code(65)
}

fn urls(file: &common::TempConfig, args: &[&str]) -> String {
    stdout_of(&with(file).arg("urls").args(args).assert().success())
}

#[test]
fn tune_writes_its_documented_postback_url() {
    // support.tune.com, "Receiving Conversions via Postback URL":
    // http://examplenetwork.go2cloud.org/aff_lsr?offer_id=26&transaction_id=TRANSACTION_ID
    let file = config(
        "[network]\ntracker = \"tune\"\ndomain = \"examplenetwork.go2cloud.org\"\nscheme = \"http\"\n\n\
         [advertisers.a]\nname = \"A\"\n[advertisers.a.macro]\nclick_id = \"TRANSACTION_ID\"\n\n\
         [[campaigns]]\nid = 26\nname = \"Offer\"\nadvertiser = \"a\"\n",
    );
    assert_eq!(
        urls(&file, &[]),
        "http://examplenetwork.go2cloud.org/aff_lsr?offer_id=26&transaction_id=TRANSACTION_ID\n"
    );
}

#[test]
fn scaleo_writes_its_documented_postback_url() {
    // help.scaleo.io/article/484: https://workspace.scaletrk.com/track/conv?click_id=974e…
    // &token=344387eb&goal_id=1673&conv_status=pending&aff_param1=AP12&…
    let file = config(
        "[network]\ntracker = \"scaleo\"\ndomain = \"workspace.scaletrk.com\"\n\n\
         [advertisers.a]\nname = \"A\"\nsecurity_token = \"344387eb\"\n\n\
         [[campaigns]]\nid = 1\nname = \"Offer\"\nadvertiser = \"a\"\n\n\
         [[campaigns.goals]]\nname = \"Lead\"\nid = \"1673\"\nfixed = { status = \"pending\" }\n",
    );
    let sample = urls(
        &file,
        &[
            "--goal",
            "Lead",
            "--sample",
            "--click-id",
            "974efaa86716e372442ab44c8a3f563b",
        ],
    );
    let documented = "https://workspace.scaletrk.com/track/conv?click_id=974efaa86716e372442ab44c8a3f563b&token=344387eb&goal_id=1673&conv_status=pending&aff_param1=AP12&firstname=John&lastname=Smith&sub_id1=SID1";
    let ours = sample.trim_end();
    assert!(documented.starts_with(&format!("{ours}&")), "{ours}");
    assert_eq!(ours.matches('&').count(), 3, "{ours}");
}

#[test]
fn affise_names_each_parameter_and_status_its_way() {
    let file = config(
        "[network]\ntracker = \"affise\"\ndomain = \"offers.affise.example\"\n\n\
         [advertisers.a]\nname = \"A\"\nsecurity_token = \"s3cure\"\n\
         [advertisers.a.macro]\nclick_id = \"{clickid}\"\nsale_amount = \"{sum}\"\ntxn_id = \"{order}\"\n\n\
         [[campaigns]]\nid = 1\nname = \"Offer\"\nadvertiser = \"a\"\nparams = [\"sale_amount\", \"txn_id\"]\n\n\
         [[campaigns.goals]]\nname = \"Deposit\"\nvalue = \"2\"\nfixed = { status = \"pending\" }\n",
    );
    // help-center.affise.com/en/articles/6475468: clickid, secure, goal, sum, action_id,
    // status (2 = pending).
    assert_eq!(
        urls(&file, &["--goal", "Deposit"]),
        "https://offers.affise.example/postback?clickid={clickid}&secure=s3cure&goal=2&sum={sum}&action_id={order}&status=2\n"
    );
}

#[test]
fn offer18_names_the_advertiser_and_takes_no_token() {
    // offer18.gitbook.io, "In-depth Postback Integration Guide":
    // https://{your_network_url_domain}/p?mid=000&tid={aff_click_id}
    let file = config(
        "[network]\ntracker = \"offer18\"\ndomain = \"net.offer18.example\"\n\n\
         [advertisers.a]\nname = \"A\"\nid = 12\n[advertisers.a.macro]\nclick_id = \"{aff_click_id}\"\n\n\
         [[campaigns]]\nid = 1\nname = \"Offer\"\nadvertiser = \"a\"\nparams = [\"sale_amount\"]\n\n\
         [[campaigns.goals]]\nname = \"Deposit\"\nvalue = \"deposit\"\n",
    );
    assert_eq!(
        urls(&file, &[]),
        "https://net.offer18.example/p?mid=12&tid={aff_click_id}&sale={sale_amount}\n\
         https://net.offer18.example/p?mid=12&tid={aff_click_id}&event=deposit&sale={sale_amount}\n"
    );
    // A hit without a `mid`, or with one no advertiser has, is no advertiser's.
    for hit in [
        "https://net.offer18.example/p?tid=x",
        "https://net.offer18.example/p?mid=13&tid=x",
    ] {
        let said = stdout_of(&with(&file).args(["check", hit]).assert().code(1));
        assert!(
            said.contains("error INVALID_ADVERTISER_ID: `mid` is"),
            "{said}"
        );
    }
    // Without the advertiser's id its URLs could not name it.
    let missing = config(
        &std::fs::read_to_string(&file.path)
            .unwrap()
            .replace("id = 12\n", ""),
    );
    refused(&missing).stdout(predicate::str::contains(
        ":5:14: advertiser `a` has no `id`: Offer18 postbacks name the advertiser (`mid`)",
    ));
}

#[test]
fn every_trackers_samples_pass_check_and_its_log_verdicts_are_its_own() {
    for tracker in ["trackier", "affise", "scaleo", "tune", "offer18"] {
        // Offer18 names the advertiser by its id (and takes no token).
        let text = PORTABLE
            .replace("name = \"Acme\"\n", "name = \"Acme\"\nid = 7\n")
            .replace("name = \"Free\"\n", "name = \"Free\"\nid = 9\n");
        let file = on(tracker, &text);
        let samples = urls(&file, &["--sample"]);
        assert_eq!(samples.lines().count(), 2, "{tracker}: {samples}");
        let report = stdout_of(
            &with(&file)
                .args(["check", "--strict", "--format", "plain"])
                .write_stdin(samples.clone())
                .assert()
                .success(),
        );
        assert!(
            report.contains("line 1: ok (acme)") && report.contains("line 2: ok (free)"),
            "{tracker}: {report}"
        );
        // The same hit in Trackier's names is not this tracker's (another tracker's file).
        if tracker != "trackier" {
            let trackier_hit =
                "https://demo.example.com/acquisition?click_id=x&security_token=a1b2c3d4";
            with(&file).args(["check", trackier_hit]).assert().code(1);
        }
    }
    // Findings name parameters as the tracker does.
    let affise = on("affise", PORTABLE);
    let said = stdout_of(
        &with(&affise)
            .args([
                "check",
                "https://demo.example.com/postback?secure=a1b2c3d4&custom_field1=summer",
            ])
            .assert()
            .code(1),
    );
    assert!(
        said.contains("error INVALID_CLICK_ID: `clickid` is missing"),
        "{said}"
    );
    assert!(
        said.contains("warning MISSING_PARAM: `custom_field2` is missing"),
        "{said}"
    );
    // TUNE answers `success=false; err_msg=…;`: a log line's message is quoted.
    let file = on("tune", PORTABLE);
    let line = r#"{"url":"https://demo.example.com/aff_lsr?offer_id=5509&transaction_id=abc&security_token=a1b2c3d4&adv_sub=summer&adv_sub2=x","response":"success=false; err_msg=Invalid Trans. ID #1027c887059b47b.;"}"#;
    let report = stdout_of(
        &with(&file)
            .arg("check")
            .write_stdin(format!("{line}\n"))
            .assert(),
    );
    assert!(report.contains("the log says success=false: the tracker refused the postback: Invalid Trans. ID #1027c887059b47b."), "{report}");
}

#[test]
fn what_a_tracker_cannot_carry_is_an_error_at_its_place() {
    let text = PORTABLE
        .replace("params = [\"sub2\"]", "params = [\"sub2\", \"currency\"]")
        .replace("advertiser = \"free\"\n", "advertiser = \"free\"\n\n[[campaigns.goals]]\nname = \"Lead\"\nid = \"77\"\nfixed = { status = \"cancelled\" }\n");
    let cases = [
        ("affise", ":17:19: Affise has no parameter for `currency`"),
        (
            "affise",
            ":27:6: Affise has no parameter for `goal_id`: its URLs cannot name the goal",
        ),
        ("scaleo", ":28:20: Scaleo has no status `cancelled`"),
        ("tune", ":28:11: TUNE has no parameter for `status`"),
    ];
    for (tracker, message) in cases {
        let file = on(tracker, &text);
        refused(&file).stdout(predicate::str::contains(message));
    }
    let file = config(&PORTABLE.replace("TRACKER", "hasofers"));
    refused(&file).stdout(predicate::str::contains("unknown tracker `hasofers`").and(
        predicate::str::contains("use one of trackier, affise, scaleo, tune, offer18"),
    ));
}

#[test]
fn params_shows_the_trackers_spelling_beside_the_files() {
    let file = on("scaleo", PORTABLE);
    let table = stdout_of(&with(&file).arg("params").assert().success());
    assert!(
        table.starts_with(" Parameter        Scaleo name    Filled by"),
        "{table}"
    );
    assert!(
        table.contains(" txn_id           adv_order_id   advertiser"),
        "{table}"
    );
    assert!(
        table.contains(" revenue          -              advertiser"),
        "{table}"
    );
    assert!(
        table.contains("the click id Scaleo passed on with the click"),
        "{table}"
    );
    // Trackier speaks the file's names: no extra column.
    let trackier = stdout_of(&postback().arg("params").assert().success());
    assert!(
        trackier.starts_with(" Parameter        Filled by"),
        "{trackier}"
    );
}

#[test]
fn a_file_moved_to_another_tracker_changes_every_url_in_the_diff() {
    let old = on("trackier", PORTABLE);
    let new = on("scaleo", PORTABLE);
    let lines = stdout_of(&with(&new).arg("diff").arg(&old.path).assert().success());
    assert_eq!(
        lines,
        "changed\tacme\t5509\tDefault\thttps://demo.example.com/track/conv?click_id={click_id}&token=a1b2c3d4&sub_id1=summer&sub_id2={sub2}\n\
         changed\tfree\t6102\tDefault\thttps://demo.example.com/track/conv?click_id={click_id}\n"
    );
}

#[test]
fn set_network_tracker_moves_a_file_and_refuses_what_the_tracker_cannot_carry() {
    let file = on("trackier", PORTABLE);
    let before = std::fs::read_to_string(&file.path).unwrap();
    postback()
        .arg("-c")
        .arg(&file.path)
        .args(["set", "network", "--tracker", "scaleo"])
        .assert()
        .success();
    let after = std::fs::read_to_string(&file.path).unwrap();
    assert_eq!(
        after,
        before.replace("tracker = \"trackier\"", "tracker = \"scaleo\"")
    );
    // The shipped file has parameters Scaleo has no name for: nothing is written.
    let shipped = config(&std::fs::read_to_string(common::root().join("campaigns.toml")).unwrap());
    let original = std::fs::read_to_string(&shipped.path).unwrap();
    postback()
        .arg("-c")
        .arg(&shipped.path)
        .args(["set", "network", "--tracker", "scaleo"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "Scaleo has no parameter for `currency`",
        ));
    assert_eq!(std::fs::read_to_string(&shipped.path).unwrap(), original);
}

#[test]
fn a_publisher_on_a_network_whose_publisher_macros_are_unknown_needs_its_click_macro() {
    let text = "[network]\ntracker = \"affise\"\ndomain = \"a.example\"\n\n[publishers.p]\nname = \"P\"\nid = 1\ntracker = \"voluum\"\ndomain = \"v.example\"\n";
    let file = config(text);
    refused(&file).stdout(predicate::str::contains(
        ":5:13: no macro of Affise is known for publisher `p`'s click id",
    ));
    let given = config(&format!(
        "{text}[publishers.p.macro]\nclick_id = \"{{sub1}}\"\n"
    ));
    assert_eq!(
        urls(&given, &["--level", "publisher"]),
        "https://v.example/postback?cid={sub1}\n"
    );
}

#[test]
fn test_links_only_where_the_tracker_documents_its_link() {
    let text = PORTABLE.replace("name = \"Demo\"\n", "name = \"Demo\"\ntest_publisher = 3\n");
    let affise = on("affise", &text);
    postback()
        .arg("-c")
        .arg(&affise.path)
        .arg("test-link")
        .assert()
        .code(65)
        .stdout("")
        .stderr(predicate::str::contains(
            "Affise's tracking link is not documented where this tool could read it",
        ));
    // TUNE's is: `aff_c?offer_id=…&aff_id=…`.
    let tune = on("tune", &text);
    let links = stdout_of(
        &with(&tune)
            .args(["test-link", "--campaign", "5509", "--format", "plain"])
            .assert()
            .success(),
    );
    assert_eq!(
        links,
        "https://demo.example.com/aff_c?offer_id=5509&aff_id=3\n"
    );
}
