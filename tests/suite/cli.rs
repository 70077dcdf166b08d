//! The command line as a whole: version, help, completions, man page.

use crate::common;

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

/// Each command's help opens with the line `postback --help` lists for it, and shows its own
/// options: the commands' arguments are added only when a command is parsed, and must come
/// out as they would have been built up front.
#[test]
fn each_command_help_opens_with_its_summary_and_lists_its_options() {
    let top = stdout_of(&postback().arg("--help").assert().success());
    let listed: Vec<(String, String)> = top
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| {
            let (name, summary) = line.trim().split_once(' ')?;
            Some((name.to_string(), summary.trim().to_string()))
        })
        .collect();
    assert!(listed.len() > 10, "{top}");
    for (name, summary) in listed.iter().filter(|(name, _)| name != "help") {
        let help = stdout_of(&postback().args([name, "--help"]).assert().success());
        let first = help.lines().next().unwrap_or_default();
        // The listing wraps long summaries; the first words are enough to tell them apart.
        let start: String = summary.chars().take(40).collect();
        assert!(
            first.starts_with(&start),
            "{name}: {first:?} vs {summary:?}"
        );
        assert!(help.contains("Usage: postback "), "{name}: {help}");
    }
    // Each command's --format takes its own formats.
    let urls = stdout_of(&postback().args(["urls", "--help"]).assert().success());
    assert!(
        urls.contains("--sample") && urls.contains("- adjust:"),
        "{urls}"
    );
    let check = stdout_of(&postback().args(["check", "--help"]).assert().success());
    assert!(
        check.contains("--template") && !check.contains("- adjust:"),
        "{check}"
    );
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = stdout_of(&postback().args(["completions", shell]).assert().success());
        // The script asks the binary for candidates: `COMPLETE=<shell> postback -- ...`.
        assert!(out.contains("COMPLETE"), "{shell}");
        assert!(out.contains("postback"), "{shell}");
    }
    postback().args(["completions", "tcsh"]).assert().code(2);
}

const COMPLETED: &str = "[network]\ndomain = \"t.gotrackier.com\"\n\n[publishers.adsmedia]\nname = \"AdsMedia\"\nid = 12\ntracker = \"voluum\"\ndomain = \"t.adsmedia.example\"\n\n[advertisers.zeta]\nname = \"Zeta\"\nsecurity_token = \"tok-z\"\n\n[advertisers.omega]\nname = \"Omega\"\nsecurity_token = \"tok-o\"\n\n[[campaigns]]\nid = 42\nname = \"Answer\"\nadvertiser = \"zeta\"\n\n[[campaigns.goals]]\nname = \"Deposit\"\nvalue = \"deposit\"\n";

/// What the shell is offered at the end of `line` (fish's protocol: `value\thelp` lines).
fn candidates(dir: &std::path::Path, line: &[&str]) -> Vec<String> {
    let out = postback()
        .current_dir(dir)
        .env("COMPLETE", "fish")
        .arg("--")
        .arg("postback")
        .args(line)
        .assert()
        .success();
    (stdout_of(&out).lines())
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .filter(|v| !v.starts_with('-'))
        .collect()
}

#[test]
fn completion_offers_the_files_own_keys_ids_and_goals() {
    let file = common::config(COMPLETED);
    let dir = file.dir.path();
    let path = file.path.to_str().unwrap();
    for (line, expected) in [
        (
            &["-c", path, "urls", "--advertiser", ""][..],
            &["zeta", "omega"][..],
        ),
        (&["-c", path, "urls", "--advertiser", "o"], &["omega"]),
        (&["-c", path, "test-link", "--campaign", ""], &["42"]),
        (&["-c", path, "remove", "goal", "42", ""], &["Deposit"]),
        (&["-c", path, "set", "advertiser", "z"], &["zeta"]),
        (&["-c", path, "urls", "--publisher", ""], &["adsmedia"]),
        (&["-c", path, "fire", "--publisher", "a"], &["adsmedia"]),
        (&["-c", path, "remove", "publisher", ""], &["adsmedia"]),
        (&["-c", path, "test-link", "--publisher", ""], &["adsmedia"]),
        (
            &["-c", path, "add", "advertiser", "x", "--macros", "appm"],
            &["appmetrica"],
        ),
        (&["-c", "missing.toml", "urls", "--advertiser", ""], &[]),
    ] {
        assert_eq!(candidates(dir, line), expected, "{line:?}");
    }
    // Without -c: ./campaigns.toml (the file's own directory).
    assert_eq!(candidates(dir, &["fire", "--campaign", ""]), ["42"]);
    let elsewhere = tempfile::tempdir().unwrap();
    let none: &[&str] = &[];
    assert_eq!(
        candidates(elsewhere.path(), &["fire", "--campaign", ""]),
        none
    );
}

/// The bash script, sourced in a real bash, completes from the file.
#[test]
fn bash_completes_advertiser_keys() {
    let file = common::config(COMPLETED);
    let bin = assert_cmd::cargo::cargo_bin("postback");
    let script = r#"source <(postback completions bash)
COMP_WORDS=(postback urls --advertiser "")
COMP_CWORD=3
COMP_TYPE=9
_clap_complete_postback postback ""
printf '%s\n' "${COMPREPLY[@]}""#;
    let out = std::process::Command::new("bash")
        .args(["-c", script])
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.parent().unwrap().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("POSTBACK_CONFIG", &file.path)
        .output()
        .expect("bash runs");
    let offered = String::from_utf8_lossy(&out.stdout);
    let keys: Vec<&str> = offered.lines().filter(|l| !l.starts_with('-')).collect();
    assert_eq!(keys, ["zeta", "omega"], "{offered}");
}

#[test]
fn the_man_page_has_every_section_a_reader_looks_for() {
    let out = stdout_of(&postback().arg("man").assert().success());
    let sections: Vec<&str> = (out.lines())
        .filter_map(|l| l.strip_prefix(".SH "))
        .map(|s| s.trim_matches('"'))
        .collect();
    assert_eq!(
        sections,
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "COMMANDS",
            "OPTIONS",
            "GLOBAL OPTIONS",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "EXAMPLES",
            "VERSION"
        ]
    );
    // The description says more than the NAME line.
    let name_line = "Postback URLs for Trackier affiliate networks";
    assert_eq!(out.matches(name_line).count(), 1, "{out}");
    let status = &out[out.find("EXIT STATUS").unwrap()..out.find("ENVIRONMENT").unwrap()];
    let codes: Vec<&str> = (status.lines())
        .filter_map(|l| l.strip_prefix(r"\fB")?.strip_suffix(r"\fR"))
        .collect();
    assert_eq!(codes, ["0", "1", "2", "65", "66", "73", "74", "78"]);
}

/// Every page a man page refers to (`postback-add-goal(1)`) exists: `postback man add goal`.
#[test]
fn every_page_referred_to_can_be_printed() {
    let mut pending = vec![Vec::<String>::new()];
    let mut printed = 0;
    while let Some(path) = pending.pop() {
        let out = stdout_of(&postback().arg("man").args(&path).assert().success());
        let title = if path.is_empty() {
            "postback".to_string()
        } else {
            format!("postback-{}", path.join("-"))
        };
        assert!(out.contains(&format!(".TH {title} 1")), "{title}");
        printed += 1;
        for line in out.lines().map(|l| l.replace(r"\-", "-")) {
            if let Some(name) = line
                .strip_prefix(&format!("{title}-"))
                .and_then(|rest| rest.strip_suffix("(1)"))
            {
                let mut next = path.clone();
                next.push(name.to_string());
                pending.push(next);
            }
        }
    }
    // postback(1), its 16 commands, and the 6 + 5 + 5 of add, set and remove.
    assert_eq!(printed, 33);
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

/// The commands `postback --help` lists, in its order (`help` left out).
fn listed_commands() -> Vec<String> {
    let top = stdout_of(&postback().arg("--help").assert().success());
    top.lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .filter(|name| name != "help")
        .collect()
}

/// Every example a `--help` shows runs as written against the shipped file (in a copy;
/// `fire` only with `--dry-run`: tests send nothing outside this machine), and ends as its
/// exit statuses say.
#[test]
fn every_help_example_runs() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    std::fs::copy(
        common::root().join("campaigns.toml"),
        home.join("campaigns.toml"),
    )
    .unwrap();
    std::fs::copy(common::root().join("campaigns.toml"), home.join("old.toml")).unwrap();
    let hits = stdout_of(
        &postback()
            .current_dir(home)
            .args(["urls", "--sample"])
            .assert(),
    );
    std::fs::write(home.join("hits.log"), hits).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("postback");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let commands = listed_commands();
    assert!(commands.len() > 10, "{commands:?}");
    let mut ran = 0;
    for command in &commands {
        let help = stdout_of(&postback().args([command, "--help"]).assert().success());
        let (_, guide) = help
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("{command}: no examples\n{help}"));
        let (examples, exits) = guide
            .split_once("\nExit status: ")
            .unwrap_or_else(|| panic!("{command}: no exit statuses\n{help}"));
        assert!(exits.contains("2 usage error"), "{command}: {exits}");
        let findings = exits.starts_with("0 success, 1 ");
        let lines = examples.lines().filter_map(|l| l.strip_prefix("  $ "));
        for line in lines {
            let sends = line.starts_with("postback fire") && !line.contains("--dry-run");
            if sends || line.contains("man -l") {
                continue;
            }
            let status = std::process::Command::new("sh")
                .args(["-c", line])
                .current_dir(home)
                .env("PATH", &path)
                .env("HOME", home)
                .env("ZAP_TOKEN", "zap-token")
                .env("ACME_TOKEN", "acme-token")
                .output()
                .unwrap();
            let code = status.status.code();
            assert!(
                code == Some(0) || (findings && code == Some(1)),
                "{line}: {code:?}\n{}",
                String::from_utf8_lossy(&status.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 15, "{ran}");
}

#[test]
fn errors_are_red_only_when_colour_is_asked_for() {
    let red = "postback: \u{1b}[1;31merror\u{1b}[0m: cannot read nope.toml";
    postback()
        .args(["--color", "always", "-c", "nope.toml", "urls"])
        .assert()
        .code(66)
        .stderr(predicate::str::starts_with(red));
    postback()
        .args(["-c", "nope.toml", "urls"])
        .assert()
        .code(66)
        .stderr(predicate::str::starts_with(
            "postback: error: cannot read nope.toml",
        ));
}

#[test]
fn completions_and_man_do_not_offer_options_they_ignore() {
    for command in ["completions", "man"] {
        let help = stdout_of(&postback().args([command, "--help"]).assert().success());
        assert!(!help.contains("--config"), "{command}: {help}");
        assert!(!help.contains("--quiet"), "{command}: {help}");
    }
    // A command line that has them still works.
    postback()
        .args(["-q", "-c", "x.toml", "man", "urls"])
        .assert()
        .success();
    postback()
        .args(["completions", "-q", "fish"])
        .assert()
        .success();
}

#[test]
fn the_printed_email_template_renders_the_built_in_email() {
    let template = stdout_of(&postback().arg("email-template").assert().success());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("email.j2");
    std::fs::write(&path, template).unwrap();
    let built_in = stdout_of(
        &postback()
            .args(["urls", "--advertiser", "acme", "--format", "email"])
            .assert()
            .success(),
    );
    let copied = stdout_of(
        &postback()
            .args(["urls", "--advertiser", "acme", "--template"])
            .arg(&path)
            .assert()
            .success(),
    );
    assert!(built_in.starts_with("Subject: "), "{built_in}");
    assert_eq!(copied, built_in);
}

#[test]
fn check_verdicts_are_coloured_only_when_asked() {
    let hit = "https://demo.gotrackier.com/acquisition?click_id=abc";
    let coloured = stdout_of(
        &postback()
            .args(["--color", "always", "check", "--format", "plain", hit])
            .assert()
            .code(1),
    );
    assert!(
        coloured.starts_with("hit 1: \u{1b}[1;31merror\u{1b}[0m: "),
        "{coloured:?}"
    );
    let plain = stdout_of(
        &postback()
            .env("NO_COLOR", "1")
            .args(["check", "--format", "plain", hit])
            .assert()
            .code(1),
    );
    assert!(plain.starts_with("hit 1: error: "), "{plain:?}");
}

#[test]
fn goal_candidates_follow_the_campaign_and_bash_gets_them_quoted() {
    let text = format!(
        "{COMPLETED}\n[[campaigns]]\nid = 43\nname = \"Other\"\nadvertiser = \"omega\"\n\n[[campaigns.goals]]\nname = \"First order\"\nvalue = \"first\"\n"
    );
    let file = common::config(&text);
    let dir = file.dir.path();
    assert_eq!(
        candidates(dir, &["urls", "--goal", ""]),
        ["Deposit", "First order"]
    );
    assert_eq!(
        candidates(dir, &["urls", "--campaign", "43", "--goal", ""]),
        ["First order"]
    );
    assert_eq!(
        candidates(dir, &["urls", "--campaign=42", "--goal", ""]),
        ["Deposit"]
    );
    assert_eq!(
        candidates(dir, &["remove", "goal", "43", ""]),
        ["First order"]
    );
    // Bash inserts a candidate as it is: the blank is escaped, so it stays one word.
    let bash = postback()
        .current_dir(dir)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_IFS", "\n")
        .args(["--", "postback", "urls", "--goal", "Fi"])
        .assert()
        .success();
    assert_eq!(stdout_of(&bash).trim_end(), "First\\ order");
}
