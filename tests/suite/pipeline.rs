//! The output pipeline seen from outside: a command that fails after it began writing leaves
//! nothing on stdout, and each command takes only the formats it writes. (A closed pipe is
//! in `urls.rs`.)

use crate::common;

use common::{config, postback};
use predicates::prelude::*;

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
