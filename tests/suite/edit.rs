//! `init` and `add` end to end: comments and layout kept, every refusal leaves the file
//! byte-identical, concurrent runs all land, permissions and symlinks respected.

use crate::common;

use std::path::Path;

use common::{config, postback, stderr_of, stdout_of, SMALL};
use predicates::prelude::*;

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")
}

/// The files of a directory, to see that no temporary file was left behind.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn golden_edits_keep_every_comment_and_blank_line() {
    let before =
        std::fs::read_to_string(common::root().join("tests/fixtures/edit/before.toml")).unwrap();
    let file = config(&before);
    let steps: [&[&str]; 5] = [
        &[
            "add",
            "advertiser",
            "gamma",
            "--name",
            "Gamma Games",
            "--token-env",
            "GAMMA_TOKEN",
            "--macros",
            "singular",
        ],
        &[
            "add",
            "goal",
            "10",
            "Purchase",
            "--value",
            "purchase",
            "--param",
            "sale_amount",
            "--fixed",
            "currency=EUR",
        ],
        &[
            "add",
            "goal",
            "20",
            "Tutorial",
            "--id",
            "65f2a9c1e4b0a1b2c3d4e5f6",
        ],
        &[
            "add",
            "campaign",
            "30",
            "--name",
            "Gamma Android",
            "--advertiser",
            "gamma",
            "--default",
            "Install",
            "--param",
            "gaid",
            "--fixed",
            "sub1=android",
            "--fixed",
            "sub2=q&a",
        ],
        &["add", "goal", "30", "Level 5", "--value", "level_5"],
    ];
    for step in steps {
        file.cmd()
            .args(step)
            .env("BETA_TOKEN", "b")
            .assert()
            .success()
            .stdout("");
    }
    let after =
        std::fs::read_to_string(common::root().join("tests/fixtures/edit/after.toml")).unwrap();
    assert_eq!(std::fs::read_to_string(&file.path).unwrap(), after);
    assert_eq!(
        names(file.dir.path()),
        ["campaigns.toml"],
        "no temporary file is left"
    );
}

#[test]
fn every_refusal_is_65_and_leaves_the_bytes_unchanged() {
    let file = config(SMALL);
    let original = read(&file.path);
    let refusals: [(&[&str], &str); 10] = [
        (
            &["add", "advertiser", "acme", "--name", "Again"],
            "advertiser `acme` already exists",
        ),
        (
            &[
                "add",
                "campaign",
                "5509",
                "--name",
                "X",
                "--advertiser",
                "acme",
            ],
            "campaign id 5509 is already",
        ),
        (
            &[
                "add",
                "campaign",
                "9",
                "--name",
                "X",
                "--advertiser",
                "acmee",
            ],
            "did you mean `acme`?",
        ),
        (
            &["add", "goal", "1", "X", "--value", "x"],
            "no campaign with id 1",
        ),
        (
            &["add", "goal", "5509", "Purchase", "--value", "other"],
            "already has a goal `Purchase`",
        ),
        (
            &["add", "goal", "5509", "Other", "--value", "purchase"],
            "already has goal_value `purchase`",
        ),
        (
            &[
                "add",
                "campaign",
                "9",
                "--name",
                "X",
                "--advertiser",
                "acme",
                "--param",
                "sale_ammount",
            ],
            "did you mean `sale_amount`?",
        ),
        (
            &[
                "add",
                "campaign",
                "9",
                "--name",
                "X",
                "--advertiser",
                "acme",
                "--fixed",
                "click_id=1",
            ],
            "`click_id` may not be fixed",
        ),
        (
            &[
                "add",
                "advertiser",
                "new",
                "--name",
                "N",
                "--macros",
                "apsflyer",
            ],
            "did you mean `appsflyer`?",
        ),
        (
            &["add", "advertiser", "Bad Key", "--name", "N"],
            "not a valid advertiser key",
        ),
    ];
    for (args, message) in refusals {
        let assert = file.run(args).code(65).stdout("");
        let stderr = stderr_of(&assert);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(read(&file.path), original, "{args:?} changed the file");
        assert_eq!(names(file.dir.path()), ["campaigns.toml"], "{args:?}");
    }
    // The result is checked with `validate`'s rules and reported against the edited text.
    let assert = file
        .run(&[
            "add",
            "goal",
            "5509",
            "X",
            "--value",
            "x",
            "--fixed",
            "status=canceled",
        ])
        .code(65);
    assert!(
        stderr_of(&assert).contains("(after the edit)"),
        "{}",
        stderr_of(&assert)
    );
    assert!(stderr_of(&assert).contains("nothing was written"));
    assert_eq!(read(&file.path), original);
}

#[test]
fn a_file_with_errors_is_not_edited() {
    let file = config(&SMALL.replace("advertiser = \"acme\"", "advertiser = \"acmee\""));
    let original = read(&file.path);
    let assert = file
        .run(&["add", "advertiser", "new", "--name", "N"])
        .code(65);
    assert!(
        stderr_of(&assert).contains("fix the file first"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(read(&file.path), original);
    // A missing file is 66, as for every other command.
    postback()
        .args([
            "-c",
            "/nonexistent/campaigns.toml",
            "add",
            "advertiser",
            "x",
            "--name",
            "X",
        ])
        .assert()
        .code(66);
}

#[test]
fn usage_errors_are_2() {
    let file = config(SMALL);
    file.run(&["add", "goal", "5509", "X"]).code(2);
    file.run(&["add", "goal", "5509", "X", "--value", "a", "--id", "b"])
        .code(2);
    file.run(&[
        "add",
        "advertiser",
        "x",
        "--name",
        "X",
        "--token",
        "a",
        "--token-env",
        "B",
    ])
    .code(2);
    file.run(&[
        "add",
        "campaign",
        "9",
        "--name",
        "X",
        "--advertiser",
        "acme",
        "--fixed",
        "sub1",
    ])
    .code(2);
    file.run(&[
        "add",
        "campaign",
        "x",
        "--name",
        "X",
        "--advertiser",
        "acme",
    ])
    .code(2);
    // Ids are positive and fit a TOML integer: never silently changed.
    for id in ["0", "9223372036854775808"] {
        file.run(&["add", "campaign", id, "--name", "X", "--advertiser", "acme"])
            .code(2)
            .stderr(predicate::str::contains(id));
    }
    file.run(&[
        "add",
        "campaign",
        "9223372036854775807",
        "--name",
        "X",
        "--advertiser",
        "acme",
    ])
    .success();
    assert!(std::fs::read_to_string(&file.path)
        .unwrap()
        .contains("id = 9223372036854775807\n"));
}

#[test]
fn dry_run_prints_the_new_file_and_writes_nothing() {
    let file = config(SMALL);
    let original = read(&file.path);
    let out = stdout_of(
        &file
            .run(&[
                "add",
                "--dry-run",
                "goal",
                "5509",
                "Refund",
                "--value",
                "refund",
            ])
            .success(),
    );
    assert!(
        out.starts_with(&String::from_utf8(original.clone()).unwrap()),
        "appended at the end: {out}"
    );
    assert!(
        out.ends_with("\n[[campaigns.goals]]\nname = \"Refund\"\nvalue = \"refund\"\n"),
        "{out}"
    );
    assert_eq!(read(&file.path), original);
    // The flag may come after the subcommand too.
    file.run(&[
        "add",
        "goal",
        "5509",
        "Refund",
        "--value",
        "refund",
        "--dry-run",
    ])
    .success();
    assert_eq!(read(&file.path), original);
}

#[test]
fn standard_input_in_standard_output_out() {
    let out = stdout_of(
        &postback()
            .args([
                "-c",
                "-",
                "add",
                "advertiser",
                "beta",
                "--name",
                "Beta",
                "--token",
                "bbbb",
            ])
            .write_stdin(SMALL)
            .assert()
            .success(),
    );
    assert!(out.contains("[advertisers.acme.macro]\nclick_id = \"[aff_click_id]\"\n\n[advertisers.beta]\nname = \"Beta\"\nsecurity_token = \"bbbb\"\n\n[[campaigns]]"), "{out}");
}

#[test]
fn crlf_and_byte_order_mark_are_kept() {
    let text = format!("\u{feff}{}", SMALL.replace('\n', "\r\n"));
    let file = config(&text);
    file.run(&["add", "goal", "5509", "Refund", "--value", "refund"])
        .success();
    let bytes = read(&file.path);
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.ends_with("\r\n[[campaigns.goals]]\r\nname = \"Refund\"\r\nvalue = \"refund\"\r\n"),
        "{text:?}"
    );
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "no bare LF"
    );
    // From standard input too.
    let out = stdout_of(
        &postback()
            .args([
                "-c", "-", "add", "goal", "5509", "Refund", "--value", "refund",
            ])
            .write_stdin(format!("\u{feff}{SMALL}"))
            .assert()
            .success(),
    );
    assert!(out.starts_with('\u{feff}'), "{out:?}");
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_symlinks_followed() {
    use std::os::unix::fs::PermissionsExt;
    let file = config(SMALL);
    std::fs::set_permissions(&file.path, std::fs::Permissions::from_mode(0o640)).unwrap();
    file.run(&["add", "goal", "5509", "Refund", "--value", "refund"])
        .success();
    let mode = std::fs::metadata(&file.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);

    let link = file.dir.path().join("link.toml");
    std::os::unix::fs::symlink(&file.path, &link).unwrap();
    postback()
        .arg("-c")
        .arg(&link)
        .args(["add", "goal", "5509", "Chargeback", "--value", "chargeback"])
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert!(std::fs::read_to_string(&file.path)
        .unwrap()
        .contains("chargeback"));
}

#[test]
fn a_dozen_concurrent_adds_all_land() {
    let file = config(SMALL);
    let children: Vec<_> = (0..12)
        .map(|n| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("postback"))
                .arg("-c")
                .arg(&file.path)
                .args([
                    "add",
                    "goal",
                    "5509",
                    &format!("Goal {n}"),
                    "--value",
                    &format!("goal_{n}"),
                ])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = std::fs::read_to_string(&file.path).unwrap();
    for n in 0..12 {
        assert_eq!(
            text.matches(&format!("value = \"goal_{n}\"\n")).count(),
            1,
            "goal {n}: {text}"
        );
    }
    file.run(&["validate"]).success();
    assert_eq!(names(file.dir.path()), ["campaigns.toml"]);
}

#[test]
fn init_writes_a_starter_that_validates_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| postback().current_dir(dir.path()).args(args).assert();
    run(&["init"])
        .success()
        .stdout("")
        .stderr(predicate::str::contains("wrote campaigns.toml"));
    let path = dir.path().join("campaigns.toml");
    let starter = read(&path);
    // Without flags, the starter's placeholders are there, and each is warned about.
    run(&["validate"]).success().stdout(
        predicate::str::contains("the network's name is still the starter's placeholder")
            .and(predicate::str::contains(
                "the domain is still the starter's placeholder",
            ))
            .and(predicate::str::ends_with(
                "campaigns.toml: 0 errors, 2 warnings\n",
            )),
    );
    assert!(
        String::from_utf8_lossy(&starter).matches("\n#").count() > 10,
        "it is commented"
    );

    std::fs::write(&path, "# mine\n").unwrap();
    run(&["init"])
        .code(73)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(read(&path), b"# mine\n");
    run(&["init", "--force"]).success();
    assert_eq!(read(&path), starter);
    run(&["-c", "other.toml", "init"]).success();
    assert_eq!(read(&dir.path().join("other.toml")), starter);
    assert_eq!(
        stdout_of(&run(&["-c", "-", "init"]).success()).as_bytes(),
        &starter[..]
    );
}

#[test]
fn onboarding_script_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| postback().current_dir(dir.path()).args(args).assert();
    run(&[
        "init",
        "--name",
        "My Net",
        "--domain",
        "mynetwork.gotrackier.com",
    ])
    .success();
    run(&[
        "add",
        "advertiser",
        "zapp",
        "--name",
        "Zapp Mobile",
        "--token",
        "zp-77",
        "--macros",
        "appsflyer",
    ])
    .success();
    run(&[
        "add",
        "campaign",
        "9100",
        "--name",
        "Zapp iOS",
        "--advertiser",
        "zapp",
        "--default",
        "Install",
        "--param",
        "idfa",
    ])
    .success();
    run(&[
        "add",
        "goal",
        "9100",
        "Registration",
        "--value",
        "registration",
    ])
    .success();
    run(&[
        "add",
        "goal",
        "9100",
        "Purchase",
        "--value",
        "purchase",
        "--param",
        "sale_amount",
        "--param",
        "currency",
    ])
    .success();
    run(&["validate"]).success().stdout("campaigns.toml: ok\n");
    run(&["urls", "--campaign", "9100"]).success().stdout(
        "https://mynetwork.gotrackier.com/acquisition?click_id={clickid}&security_token=zp-77&idfa={idfa}\n\
         https://mynetwork.gotrackier.com/acquisition?click_id={clickid}&security_token=zp-77&idfa={idfa}&goal_value=registration\n\
         https://mynetwork.gotrackier.com/acquisition?click_id={clickid}&security_token=zp-77&sale_amount={event_revenue}&currency={event_revenue_currency}&idfa={idfa}&goal_value=purchase\n",
    );
}

#[test]
fn init_takes_the_networks_values_and_examples_only_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| postback().current_dir(dir.path()).args(args).assert();
    run(&[
        "init",
        "--name",
        "Ad Net",
        "--domain",
        "Track.AdNet.com",
        "--token",
        "g-tok-1",
        "--test-publisher",
        "7",
    ])
    .success();
    run(&["validate"]).success().stdout("campaigns.toml: ok\n");
    let text = std::fs::read_to_string(dir.path().join("campaigns.toml")).unwrap();
    assert!(text.contains("name = \"Ad Net\"\ndomain = \"Track.AdNet.com\"\ntest_publisher = 7\nsecurity_token = \"g-tok-1\"\n"), "{text}");
    assert!(
        !text.contains("\n[advertisers."),
        "no example without --example: {text}"
    );

    run(&["-c", "example.toml", "init", "--example"]).success();
    let report = stdout_of(&run(&["-c", "example.toml", "validate"]).success());
    for warning in [
        "advertiser `example` is the starter's example",
        "the security token of advertiser `example` is still the starter's placeholder",
        "campaign 1001 is the starter's example",
    ] {
        assert!(report.contains(warning), "{report}");
    }
    assert!(
        !report.contains("change-me"),
        "a token, even a placeholder, is not shown: {report}"
    );

    // Values that would not validate are refused, and nothing is written.
    run(&["-c", "bad.toml", "init", "--domain", "https://x.test"])
        .code(65)
        .stderr(predicate::str::contains("contains a scheme"));
    assert!(!dir.path().join("bad.toml").exists());
}

#[test]
fn add_global_global_goals_and_advertiser_macros_then_report_each() {
    let file = config(
        "[network]\ndomain = \"demo.gotrackier.com\"\nsecurity_token = \"net-1\"\n\n# the shop\n[advertisers.acme]\nname = \"Acme\"\nsecurity_token = \"tok-1\"\n\n[[campaigns]]\nid = 1\nname = \"Sale\"\nadvertiser = \"acme\"\n",
    );
    file.cmd()
        .args([
            "add",
            "global",
            "--macros",
            "appsflyer",
            "--param",
            "idfa",
            "--event",
            "--macro",
            "goal_value={event-name}",
        ])
        .assert()
        .success()
        .stderr(format!(
            "postback: added the [global] section to {}\n",
            file.path.display()
        ));
    file.cmd()
        .args([
            "add",
            "global-goal",
            "Registration",
            "--value",
            "registration",
        ])
        .assert()
        .success();
    file.cmd()
        .args([
            "-q",
            "add",
            "advertiser",
            "zapp",
            "--name",
            "Zapp",
            "--token",
            "zp-1",
            "--macro",
            "click_id={aff_click}",
        ])
        .assert()
        .success()
        .stderr("");
    let text = std::fs::read_to_string(&file.path).unwrap();
    // [global] right after [network]; the comment before acme stays with acme.
    assert!(text.contains("security_token = \"net-1\"\n\n[global]\nmacros = \"appsflyer\"\nparams = [\"idfa\"]\nevent = true\n\n[global.macro]\ngoal_value = \"{event-name}\"\n\n[[global.goals]]\nname = \"Registration\"\nvalue = \"registration\"\n\n# the shop\n[advertisers.acme]"), "{text}");
    assert!(text.contains("[advertisers.zapp]\nname = \"Zapp\"\nsecurity_token = \"zp-1\"\n\n[advertisers.zapp.macro]\nclick_id = \"{aff_click}\"\n"), "{text}");
    file.cmd()
        .args(["urls", "--level", "global"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("goal_value={event-name}\n")
                .and(predicate::str::contains("goal_value=registration\n")),
        );
    // Refusals: a second [global], a global goal twice.
    file.cmd()
        .args(["add", "global"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("already has a [global] section"));
    file.cmd()
        .args(["add", "global-goal", "Again", "--value", "registration"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "already has goal_value `registration`",
        ));
}

#[test]
fn add_mistakes_say_what_to_do() {
    let file = config(&std::fs::read_to_string(common::root().join("campaigns.toml")).unwrap());
    file.cmd()
        .args(["add", "goal", "5509", "Refund"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--value <VALUE>|--id <ID>"));
    file.cmd()
        .args([
            "add",
            "campaign",
            "9",
            "--name",
            "N",
            "--advertiser",
            "acme",
            "--param",
            "txn_id,sale_amount",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("repeat --param for each"));
    file.cmd()
        .args(["add", "advertiser", "ShopZilla2", "--name", "S"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "keys are lower case: use `shopzilla2`",
        ));
    let global = config("[network]\ndomain = \"a.test\"\n");
    global
        .cmd()
        .args(["add", "global-goal", "G", "--value", "g"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "add it first with `postback add global`",
        ));
}
