//! Tables on a terminal: they fit its width (`COLUMNS`), or their rows become blocks with
//! each URL alone on its line; never a trailing blank, colour or not.

use crate::common;

use common::{postback, stdout_of};

/// `text` without ANSI colour sequences.
fn visible(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters, ending with a letter.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_table_fits_the_terminal_but_a_url_line() {
    let commands: &[&[&str]] = &[
        &["urls", "--format", "table"],
        &["urls", "--format", "table", "--level", "all"],
        &["list"],
        &["params"],
        &["macros"],
        &["test-link", "--format", "table"],
        &[
            "check",
            "--format",
            "table",
            "https://demo.gotrackier.com/acquisition?click_id=abc&security_token=a1b2c3d4&goal_value=purchase&sale_amount=1,5",
        ],
    ];
    for width in [80, 100, 250] {
        for color in ["always", "never"] {
            for args in commands {
                let out = postback()
                    .env("COLUMNS", width.to_string())
                    .args(["--color", color])
                    .args(*args)
                    .output()
                    .unwrap();
                let text = String::from_utf8(out.stdout).unwrap();
                assert!(!text.is_empty(), "{args:?}");
                for line in text.lines() {
                    assert_eq!(line, line.trim_end(), "trailing blanks: {args:?} {width}");
                    let shown = visible(line);
                    let url = shown.starts_with("https://");
                    assert!(
                        url || shown.chars().count() <= width,
                        "{args:?} at {width} ({color}): {shown:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_wide_table_becomes_blocks_with_the_url_alone() {
    let out = postback()
        .env("COLUMNS", "80")
        .args([
            "urls",
            "--format",
            "table",
            "--campaign",
            "5509",
            "--redact",
        ])
        .assert()
        .success();
    let text = stdout_of(&out);
    let first: Vec<&str> = text.lines().take(4).collect();
    assert_eq!(first[0], "Campaign: 5509 Acme Summer Sale");
    assert_eq!(first[1], "Goal: Sale");
    assert!(first[2].starts_with("https://demo.gotrackier.com/acquisition?"));
    assert_eq!(first[3], "");
    // Every URL of the plain output is in the blocks, whole.
    let plain = stdout_of(
        &postback()
            .args([
                "urls",
                "--format",
                "plain",
                "--campaign",
                "5509",
                "--redact",
            ])
            .assert()
            .success(),
    );
    for url in plain.lines() {
        assert!(text.lines().any(|l| l == url), "{url}");
    }
}

#[test]
fn a_table_that_fits_stays_a_table_with_a_bold_header_and_no_padding() {
    let out = postback()
        .env("COLUMNS", "300")
        .args(["--color", "always", "list"])
        .assert()
        .success();
    let text = stdout_of(&out);
    let header = text.lines().find(|l| l.contains("Advertiser")).unwrap();
    assert!(header.starts_with("\u{1b}[1m"), "{header:?}");
    assert!(header.ends_with("Token\u{1b}[0m"), "{header:?}");
    // Without a width (a pipe), tables are never turned into blocks.
    let piped = stdout_of(
        &postback()
            .args(["urls", "--format", "table"])
            .assert()
            .success(),
    );
    assert!(!piped.contains("Campaign: "));
}

#[test]
fn checks_table_shows_the_hit_with_its_token_masked() {
    let hit = "https://demo.gotrackier.com/acquisition?click_id=abc&security_token=a1b2c3d4&sale_amount=1,5";
    for columns in ["80", ""] {
        let out = postback()
            .env("COLUMNS", columns)
            .args(["check", "--format", "table", hit])
            .assert()
            .code(1);
        let text = stdout_of(&out);
        let masked = hit.replace("a1b2c3d4", "REDACTED");
        assert!(text.contains(&masked), "{text}");
        assert!(!text.contains("a1b2c3d4"), "{text}");
    }
}

/// A `COLUMNS` that is no width (empty, zero, words) never turns a piped table into blocks.
#[test]
fn a_columns_that_is_no_width_is_ignored() {
    let piped = stdout_of(
        &postback()
            .args(["urls", "--format", "table"])
            .assert()
            .success(),
    );
    for columns in ["", "0", "wide", "-5"] {
        let out = postback()
            .env("COLUMNS", columns)
            .args(["urls", "--format", "table"])
            .assert()
            .success();
        assert_eq!(stdout_of(&out), piped, "COLUMNS={columns:?}");
    }
}

#[test]
fn a_long_name_or_macro_with_blanks_lays_out_at_once() {
    // A valid file's 70,000-character name and a macro as long: a table of either took
    // minutes. The name is cut for the eye; the URL, whose macro it is, is whole.
    let name = "word ".repeat(14_000);
    let click = format!("{{{}}}", "w ".repeat(35_000));
    let text = format!(
        "{}\n[advertisers.acme.macro]\nclick_id = \"{click}\"\n",
        common::SMALL
            .replace("Acme Summer Sale", name.trim())
            .replace(
                "[advertisers.acme.macro]\nclick_id = \"[aff_click_id]\"\n",
                ""
            )
    );
    let file = common::config(&text);
    for args in [
        &["list"][..],
        &["urls", "--format", "table"],
        &["urls", "--format", "table", "--level", "all"],
    ] {
        let assert = file
            .cmd()
            .args(args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .success();
        let out = common::stdout_of(&assert);
        assert!(out.contains('…'), "{args:?}");
        assert!(out.len() < 100_000 || out.contains(&click), "{args:?}");
    }
}
