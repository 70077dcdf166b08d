//! `urls --format adjust`: each postback as the callback parameter of an Adjust link.

use crate::common;

use common::{config, stderr_of, stdout_of};

const ADJUST: &str = r#"
[network]
name = "Demo"
domain = "demo.gotrackier.com"
security_token = "9f1c0d2e7a"

[global]
macros = "adjust"
params = ["idfa", "gaid", "sale_amount", "currency"]
fixed = { sub1 = "a b&c" }
event = true

[[global.goals]]
name = "Registration"
value = "registration"
"#;

/// `urls --level global --format adjust` and `extra`.
fn adjust<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["urls", "--level", "global", "--format", "adjust"];
    args.extend_from_slice(extra);
    args
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .expect("UTF-8")
        .into_owned()
}

#[test]
fn each_callback_decodes_back_to_the_exact_url() {
    let file = config(ADJUST);
    let plain = stdout_of(&file.run(&["urls", "--level", "global"]).success());
    let adjust = stdout_of(
        &file
            .run(&adjust(&[
                "--adjust-token",
                "Event=ev1",
                "--adjust-token",
                "event=ev2",
                "--adjust-token",
                "registration=reg1",
            ]))
            .success(),
    );
    let lines: Vec<(&str, &str)> = (adjust.lines())
        .map(|l| l.split_once('=').expect("param=value"))
        .collect();
    let params: Vec<&str> = lines.iter().map(|(p, _)| *p).collect();
    assert_eq!(
        params,
        [
            "install_callback",
            "event_callback_ev1_ev2",
            "event_callback_reg1"
        ]
    );
    let decoded: Vec<String> = lines.iter().map(|(_, v)| decode(v)).collect();
    assert_eq!(decoded, plain.lines().collect::<Vec<_>>());
    for (_, value) in &lines {
        // One query parameter of the Adjust link: nothing in it may end it or start another.
        assert!(!value.contains(['&', '=', '?', '/', ' ']), "{value}");
        // Trackier fills its click macro when the click leaves for the Adjust link.
        assert!(value.contains("click_id%3D{click_id}%26"), "{value}");
    }
}

#[test]
fn a_goal_without_its_event_token_writes_nothing_and_names_the_flag() {
    let file = config(ADJUST);
    let assert = file.run(&adjust(&[])).code(2);
    assert_eq!(stdout_of(&assert), "");
    let err = stderr_of(&assert);
    assert!(
        err.contains("no Adjust event token for `Event`, `Registration`"),
        "{err}"
    );
    assert!(err.contains("--adjust-token 'Event=<token>'"), "{err}");
    let out = stdout_of(&file.run(&adjust(&["--goal", "default"])).success());
    assert!(
        out.starts_with("install_callback=https%3A%2F%2Fdemo"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn a_token_for_no_goal_or_without_the_format_is_refused() {
    let file = config(ADJUST);
    let assert = file
        .run(&adjust(&["--adjust-token", "Regstration=x"]))
        .code(2);
    assert_eq!(stdout_of(&assert), "");
    assert!(stderr_of(&assert).contains("did you mean `Registration`?"));
    let plain = file.run(&["urls", "--adjust-token", "Event=x"]).code(2);
    assert!(stderr_of(&plain).contains("--adjust-token is for --format adjust"));
    let malformed = file
        .run(&["urls", "--format", "adjust", "--adjust-token", "Event"])
        .code(2);
    assert!(stderr_of(&malformed).contains("<goal>=<token>"));
}

#[test]
fn the_callbacks_of_one_link_only() {
    let file = config(&format!(
        "{ADJUST}
[advertisers.app]
name = \"App\"
security_token = \"app-tok\"
macros = \"adjust\"

[[campaigns]]
id = 1
name = \"App iOS\"
advertiser = \"app\"

[[campaigns]]
id = 2
name = \"App Android\"
advertiser = \"app\"
"
    ));
    let both = file.run(&["urls", "--format", "adjust"]).code(2);
    assert_eq!(stdout_of(&both), "");
    let err = stderr_of(&both);
    assert!(err.contains("span campaign 1 and campaign 2"), "{err}");
    assert!(err.contains("--campaign <ID>, or --level global"), "{err}");
    let one = stdout_of(
        &file
            .run(&["urls", "--format", "adjust", "--campaign", "2"])
            .success(),
    );
    assert_eq!(one.lines().count(), 1, "{one}");
    assert!(
        one.contains("click_id%3D{click_id}%26security_token%3Dapp-tok"),
        "{one}"
    );
}

#[test]
fn another_systems_click_macro_is_encoded() {
    // A click macro with a space and a `?` (Singular's) must not break the Adjust link.
    let file = config(&ADJUST.replace(
        "event = true",
        "event = true\n[global.macro]\nclick_id = \"{cl?Demo Network}\"",
    ));
    let args = adjust(&["--goal", "default"]);
    let out = stdout_of(&file.run(&args).success());
    assert!(
        out.contains("click_id%3D%7Bcl%3FDemo%20Network%7D%26"),
        "{out}"
    );
    let value = out.trim_end().split_once('=').unwrap().1;
    assert!(!value.contains(['&', '=', '?', '/', ' ']), "{value}");
}
