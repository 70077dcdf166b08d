//! The output pipeline seen from outside: a closed pipe is a quiet success, and a command
//! that fails after it began writing leaves nothing on stdout.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{config, postback};
use predicates::prelude::*;

/// A network with `n` campaigns: enough output to fill any pipe buffer.
fn large_network(n: usize) -> String {
    let mut text = String::from(
        "[network]\ndomain = \"demo.gotrackier.com\"\n\n[advertisers.acme]\nname = \"Acme\"\nsecurity_token = \"a1b2c3d4\"\n",
    );
    for id in 1..=n {
        text.push_str(&format!(
            "\n[[campaigns]]\nid = {id}\nname = \"C{id}\"\nadvertiser = \"acme\"\nparams = [\"txn_id\"]\n"
        ));
    }
    text
}

#[test]
fn a_reader_that_goes_away_is_a_quiet_success() {
    let file = config(&large_network(5000));
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("postback"))
        .arg("-c")
        .arg(&file.path)
        .args(["urls", "--format", "plain"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("piped");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("one line");
    // Dropping the reader closes the pipe while postback still has lines to write.
    assert!(
        first.starts_with("https://demo.gotrackier.com/acquisition?"),
        "{first}"
    );
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn a_failure_after_the_first_message_writes_nothing() {
    // The template fails on the second advertiser's message, after the first one rendered.
    let template = config("{% if advertiser.key == \"puzzlequest\" %}{{ no_such_variable }}{% endif %}Hello {{ advertiser.name }}\n");
    postback()
        .args(["urls", "--template"])
        .arg(&template.path)
        .assert()
        .code(65)
        .stdout("")
        .stderr(
            predicates::str::contains("no_such_variable")
                .or(predicates::str::contains("undefined")),
        );
}

#[test]
fn each_command_refuses_a_format_it_cannot_write() {
    postback()
        .args([
            "check",
            "--format",
            "csv",
            "https://demo.gotrackier.com/acquisition",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "[possible values: table, plain, json]",
        ));
    postback()
        .args(["validate", "--format", "markdown"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("[possible values: text, json]"));
}
