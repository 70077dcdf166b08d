//! Free text from the file (names, labels) never breaks a line or carries a control or
//! text-direction character into an email header, a TSV or CSV field, or a terminal.

use crate::common;

use common::config;

const HOSTILE: &str = "Evil\\nBcc: attacker@example.com\\u001b[31m\\u202e";

fn network() -> String {
    format!(
        "[network]\nname = \"Net{HOSTILE}\"\ndomain = \"demo.gotrackier.com\"\n\n\
         [advertisers.acme]\nname = \"Acme{HOSTILE}\"\nsecurity_token = \"tok-1\"\n\n\
         [[campaigns]]\nid = 1\nname = \"Sale{HOSTILE}\"\nadvertiser = \"acme\"\n\n\
         [[campaigns.goals]]\nname = \"Buy{HOSTILE}\"\nvalue = \"buy\"\n"
    )
}

fn clean(text: &str) -> bool {
    !text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains("\nBcc:")
}

#[test]
fn an_email_header_is_always_one_line() {
    let file = config(&network());
    let output = file
        .cmd()
        .args(["-q", "urls", "--format", "email"])
        .output()
        .expect("runs");
    let email = String::from_utf8(output.stdout).expect("UTF-8");
    let subject = email.lines().next().expect("a first line");
    assert!(
        subject.starts_with("Subject: Postback URLs for AcmeEvil Bcc: attacker"),
        "{email}"
    );
    assert!(email.lines().all(|l| !l.starts_with("Bcc:")), "{email}");
    assert!(clean(&email), "{email:?}");
}

#[test]
fn delimited_fields_and_tables_carry_no_control_characters() {
    let file = config(&network());
    for format in ["tsv", "csv", "table", "markdown", "json"] {
        let output = file
            .cmd()
            .args(["-q", "urls", "--format", format])
            .output()
            .expect("runs");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        if format == "json" {
            // JSON escapes control characters itself.
            assert!(!text.contains('\u{1b}'), "{text:?}");
            continue;
        }
        assert!(clean(&text), "{format}: {text:?}");
        // One header and two rows, whatever the names hold.
        if format == "tsv" || format == "csv" {
            assert_eq!(text.lines().count(), 3, "{format}: {text:?}");
        }
    }
}

#[test]
fn validate_warns_about_each_name() {
    let file = config(&network());
    let output = file.cmd().arg("validate").output().expect("runs");
    let report = String::from_utf8(output.stdout).expect("UTF-8");
    for whose in [
        "the network",
        "advertiser `acme`",
        "campaign 1",
        "a goal of campaign 1",
    ] {
        let warning = format!("the name of {whose} contains a control or text-direction character");
        assert!(report.contains(&warning), "{whose}: {report}");
    }
    assert!(clean(&report), "{report:?}");
    assert_eq!(output.status.code(), Some(0));
}
