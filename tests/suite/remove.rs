//! `postback remove`, and edits of every kind running at once or in any sequence.

use crate::common;

use common::config;
use predicates::prelude::*;
use proptest::prelude::*;

const FILE: &str = "[network]\ndomain = \"demo.gotrackier.com\"\n\n# the shop\n[advertisers.acme]\nname = \"Acme\"\nsecurity_token = \"tok-1\"\n\n[advertisers.beta]\nname = \"Beta\"\nsecurity_token = \"tok-2\"\n\n# === Campaigns ===\n\n# acme's sale\n[[campaigns]]\nid = 1\nname = \"Sale\"\nadvertiser = \"acme\"\n\n# its goal\n[[campaigns.goals]]\nname = \"Buy\"\nvalue = \"buy\"\n\n[[campaigns]]\nid = 2\nname = \"Beta app\"\nadvertiser = \"beta\"\n# the end\n";

#[test]
fn the_entry_and_its_own_comments_go_every_other_byte_stays() {
    for (args, gone) in [
        (&["remove", "goal", "1", "Buy"][..], "\n# its goal\n[[campaigns.goals]]\nname = \"Buy\"\nvalue = \"buy\"\n"),
        (&["remove", "campaign", "1"], "# acme's sale\n[[campaigns]]\nid = 1\nname = \"Sale\"\nadvertiser = \"acme\"\n\n# its goal\n[[campaigns.goals]]\nname = \"Buy\"\nvalue = \"buy\"\n\n"),
        (&["remove", "advertiser", "beta", "--cascade"], "[advertisers.beta]\nname = \"Beta\"\nsecurity_token = \"tok-2\"\n\n"),
    ] {
        let file = config(FILE);
        file.cmd().args(args).assert().success().stderr(predicate::str::starts_with("postback: removed "));
        let after = std::fs::read_to_string(&file.path).unwrap();
        let mut expected = FILE.replacen(gone, "", 1);
        if args[1] == "advertiser" {
            expected = expected.replacen("[[campaigns]]\nid = 2\nname = \"Beta app\"\nadvertiser = \"beta\"\n", "", 1);
        }
        assert_eq!(after, expected, "{args:?}");
        file.cmd().arg("validate").assert().success();
    }
}

#[test]
fn refusals_name_what_is_in_the_way() {
    config(FILE).refuses(
        &[
            (
                &["remove", "advertiser", "acme"],
                "advertiser `acme` still has campaigns 1",
            ),
            (&["remove", "advertiser", "acmee"], "did you mean `acme`?"),
            (&["remove", "campaign", "3"], "no campaign with id 3"),
            (&["remove", "campaign", "12"], "did you mean `1`?"),
            (
                &["add", "goal", "21", "G", "--value", "g"],
                "did you mean `2`?",
            ),
            (&["remove", "goal", "1", "Buyy"], "did you mean `Buy`?"),
            (&["remove", "global-goal", "G"], "no [global] section"),
        ],
        FILE,
    );
}

#[test]
fn twelve_concurrent_mixed_edits_all_land() {
    let file = config(FILE);
    let mixed: Vec<Vec<String>> = (0..12)
        .map(|n| {
            let args = match n % 3 {
                0 => format!("add goal 1 G{n} --value g{n}"),
                1 => format!("add campaign {} --name C{n} --advertiser beta", 100 + n),
                _ => format!("set advertiser acme --name Acme{n}"),
            };
            args.split(' ').map(str::to_string).collect()
        })
        .collect();
    file.all_at_once(&mixed);
    // Then removals, also at once: every added campaign goes.
    let removals: Vec<Vec<String>> = (0..12)
        .filter(|n| n % 3 == 1)
        .map(|n| vec!["remove".into(), "campaign".into(), format!("{}", 100 + n)])
        .collect();
    file.all_at_once(&removals);
    let text = std::fs::read_to_string(&file.path).unwrap();
    for n in (0..12).filter(|n| n % 3 == 0) {
        assert_eq!(
            text.matches(&format!("value = \"g{n}\"\n")).count(),
            1,
            "{text}"
        );
    }
    assert!(!text.contains("name = \"C"), "{text}");
    assert!(
        text.contains("# the shop\n[advertisers.acme]\nname = \"Acme"),
        "{text}"
    );
    file.cmd().arg("validate").assert().success();
}

/// One random edit, as command-line arguments.
fn step() -> impl Strategy<Value = Vec<String>> {
    let to = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    prop_oneof![
        (1u64..4, "[A-Z][a-z]{1,5}").prop_map(move |(c, g)| to(&[
            "add",
            "goal",
            &c.to_string(),
            &g,
            "--value",
            &g.to_lowercase()
        ])),
        (3u64..6).prop_map(move |id| to(&[
            "add",
            "campaign",
            &id.to_string(),
            "--name",
            "N",
            "--advertiser",
            "acme"
        ])),
        (1u64..6).prop_map(move |id| to(&["remove", "campaign", &id.to_string()])),
        (1u64..4, "[A-Z][a-z]{1,5}").prop_map(move |(c, g)| to(&[
            "remove",
            "goal",
            &c.to_string(),
            &g
        ])),
        "[a-z]{1,6}".prop_map(move |s| to(&[
            "set",
            "campaign",
            "1",
            "--fixed",
            &format!("sub1={s}")
        ])),
        "[a-z]{1,6}".prop_map(move |n| to(&["set", "advertiser", "beta", "--name", &n])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever sequence of edits succeeds, the file validates and keeps every comment not
    /// attached to an entry an edit removed.
    #[test]
    fn any_sequence_of_successful_edits_leaves_a_valid_file(steps in prop::collection::vec(step(), 1..6)) {
        let file = config(FILE);
        let mut removed_acme_sale = false;
        for args in &steps {
            let output = file.cmd().args(args).output().expect("runs");
            if output.status.success() && args[0] == "remove" && args[1] == "campaign" && args[2] == "1" {
                removed_acme_sale = true;
            }
            prop_assert!(matches!(output.status.code(), Some(0 | 65)), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        }
        prop_assert!(file.cmd().arg("validate").output().expect("runs").status.success());
        let text = std::fs::read_to_string(&file.path).unwrap();
        for comment in ["# the shop\n", "# === Campaigns ===\n", "# the end\n"] {
            prop_assert!(text.contains(comment), "{comment:?} lost after {steps:?}:\n{text}");
        }
        if !removed_acme_sale {
            prop_assert!(text.contains("# acme's sale\n"), "{text}");
        }
    }
}

#[test]
fn crlf_and_a_byte_order_mark_survive_a_removal() {
    let crlf = format!("\u{feff}{}", FILE.replace('\n', "\r\n"));
    let file = config(&crlf);
    file.cmd()
        .args(["-q", "remove", "goal", "1", "Buy"])
        .assert()
        .success()
        .stderr("");
    let expected = crlf.replacen(
        "\r\n# its goal\r\n[[campaigns.goals]]\r\nname = \"Buy\"\r\nvalue = \"buy\"\r\n",
        "",
        1,
    );
    assert_eq!(std::fs::read_to_string(&file.path).unwrap(), expected);
}

/// The comment lines directly above an entry's header go with it; a section's comment,
/// separated by a blank line, stays above what now comes first.
#[test]
fn a_section_comment_above_a_removed_entry_stays() {
    let text = "[network]\ndomain = \"a.test\"\n\n# ---- Advertisers\n\n# the shop\n[advertisers.acme]\nname = \"Acme\"\nsecurity_token = \"t1\"\n\n[advertisers.b]\nname = \"B\"\nsecurity_token = \"t2\"\n";
    let file = common::config(text);
    common::postback()
        .arg("-c")
        .arg(&file.path)
        .args(["remove", "advertiser", "acme"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&file.path).unwrap(),
        "[network]\ndomain = \"a.test\"\n\n# ---- Advertisers\n\n[advertisers.b]\nname = \"B\"\nsecurity_token = \"t2\"\n"
    );
}
