//! Handing URLs to advertisers: `--format email` and `markdown`, `--template`, `test-link`.

use crate::common;

use common::{config, postback, stderr_of, stdout_of, SMALL};
use predicates::prelude::*;

fn shipped(args: &[&str]) -> String {
    stdout_of(&postback().args(args).assert().success())
}

#[test]
fn email_for_the_shipped_network() {
    insta::assert_snapshot!(shipped(&["urls", "--level", "all", "--format", "email"]));
}

#[test]
fn markdown_for_the_shipped_network() {
    insta::assert_snapshot!(shipped(&["urls", "--level", "all", "--format", "markdown"]));
}

#[test]
fn email_never_wraps_a_url_and_wraps_prose_at_72() {
    let urls = shipped(&["urls", "--level", "all", "--format", "plain"]);
    let email = shipped(&["urls", "--level", "all", "--format", "email"]);
    let lines: Vec<&str> = email.lines().collect();
    for url in urls.lines() {
        assert!(
            lines.contains(&url),
            "{url} is not whole on a line of its own"
        );
    }
    for line in lines.iter().filter(|l| !l.contains("://")) {
        assert!(line.chars().count() <= 72, "too long: {line}");
    }
}

#[test]
fn email_is_one_message_per_advertiser_and_follows_the_selection() {
    let all = shipped(&["urls", "--format", "email"]);
    assert_eq!(all.matches("Subject: ").count(), 5);
    assert_eq!(all.matches("\n=====").count(), 4, "messages are separated");
    let one = shipped(&["urls", "--format", "email", "--advertiser", "fitlife"]);
    assert_eq!(one.matches("Subject: ").count(), 1);
    assert!(one
        .starts_with("Subject: Postback URLs for FitLife (Demo Network)\n\nHello FitLife team,\n"));
    assert!(!one.contains("Acme"));
    let goal = shipped(&[
        "urls",
        "--format",
        "email",
        "--campaign",
        "5509",
        "--goal",
        "Purchase",
    ]);
    assert!(goal.contains("Purchase:\nhttps://"), "{goal}");
    assert!(!goal.contains("Registration:"), "{goal}");
}

#[test]
fn email_lists_placeholders_with_their_meaning_and_names_the_filled_macros() {
    let acme = shipped(&["urls", "--format", "email", "--advertiser", "acme"]);
    assert!(
        acme.contains("- {txn_id}: the transaction or order id\n"),
        "{acme}"
    );
    assert!(
        acme.contains("- {revenue}: the revenue of the conversion"),
        "{acme}"
    );
    assert!(
        acme.contains("Macros set up for your account: [aff_click_id]. Leave them as they are."),
        "{acme}"
    );
    assert!(
        !acme.contains("- [aff_click_id]"),
        "an override is not a placeholder"
    );

    let appsflyer = shipped(&["urls", "--format", "email", "--advertiser", "puzzlequest"]);
    assert!(
        appsflyer.contains("What to replace\nNothing: every macro in these URLs is one your"),
        "{appsflyer}"
    );
    assert!(
        appsflyer.contains("from the appsflyer macro set: {clickid},"),
        "{appsflyer}"
    );

    // A custom parameter is described by the file's [network.params].
    let branch = shipped(&["urls", "--format", "email", "--advertiser", "shopnow"]);
    assert!(
        branch.contains("- {order_id}: Order ID from the advertiser's shop\n"),
        "{branch}"
    );
}

#[test]
fn email_with_samples_has_nothing_to_replace() {
    let out = shipped(&[
        "urls",
        "--format",
        "email",
        "--advertiser",
        "acme",
        "--sample",
    ]);
    assert!(
        out.contains("What to replace\nNothing: these URLs contain no macro."),
        "{out}"
    );
}

#[test]
fn email_test_link_and_how_to_test() {
    let out = shipped(&["urls", "--format", "email", "--campaign", "7201"]);
    assert!(
        out.contains("Test link:\nhttps://demo.gotrackier.com/click?campaign_id=7201&pub_id=2\n"),
        "{out}"
    );
    assert!(
        out.contains("1. Open the campaign's test link above"),
        "{out}"
    );
    assert!(
        out.contains("4. Reply to this email with the click id"),
        "{out}"
    );
    assert!(
        out.trim_end().ends_with("Thank you,\nDemo Network"),
        "{out}"
    );

    // Without test_publisher: no test link, and the steps say to ask for one.
    let file = config(SMALL);
    let out = stdout_of(&file.run(&["urls", "--format", "email"]).success());
    assert!(!out.contains("Test link:"), "{out}");
    assert!(out.contains("ask us for one"), "{out}");
    // Without a network name, the domain names the network.
    assert!(
        out.starts_with("Subject: Postback URLs for Acme Shop (demo.gotrackier.com)\n"),
        "{out}"
    );
}

#[test]
fn custom_template_renders_every_documented_variable() {
    let file = config(SMALL);
    let template = file.dir.path().join("brand.j2");
    std::fs::write(
        &template,
        "To: {{ advertiser.key }} / {{ advertiser.name }} via {{ network.name }} ({{ network.domain }})\n\
         level={{ level }} set={{ macro_set.name }} links={{ has_test_links }}\n\
         {% for c in campaigns %}{{ c.id }} {{ c.name }} {{ c.test_link }}\n\
         {% for u in c.urls %}{{ u.kind }}|{{ u.goal }}|{{ u.goal_value }}|{{ u.goal_id }}|{{ u.url }}\n{% endfor %}{% endfor %}\
         {% for m in replace %}{{ m.macro }}={{ m.param }}: {{ m.description }}\n{% endfor %}\
         {% for m in filled %}filled {{ m.macro }}\n{% endfor %}\
         {{ (\"one two three \" * 30) | wrap(\">\") }}\n",
    )
    .unwrap();
    let out = stdout_of(
        &file
            .cmd()
            .args(["urls", "--goal", "Purchase", "--template"])
            .arg(&template)
            .assert()
            .success(),
    );
    let expected_head = "To: acme / Acme Shop via demo.gotrackier.com (demo.gotrackier.com)\n\
        level=advertiser set=placeholder links=False\n\
        5509 Acme Summer Sale None\n\
        goal|Purchase|purchase|None|https://demo.gotrackier.com/acquisition?click_id=[aff_click_id]&security_token=a1b2c3d4&txn_id={txn_id}&sale_amount={sale_amount}&revenue={revenue}&currency={currency}&sub1=summer&goal_value=purchase\n\
        {txn_id}=txn_id: the transaction or order id\n\
        {sale_amount}=sale_amount: the sale amount of the conversion\n\
        {revenue}=revenue: the revenue of the conversion (the payout to the network)\n\
        {currency}=currency: the currency of the amounts, e.g. USD\n\
        filled [aff_click_id]\n";
    assert!(out.starts_with(expected_head), "{out}");
    let wrapped: Vec<&str> = out[expected_head.len()..].lines().collect();
    assert!(
        wrapped.len() > 1 && wrapped[1..].iter().all(|l| l.starts_with('>')),
        "{out}"
    );
    assert!(wrapped.iter().all(|l| l.len() <= 72), "{out}");
}

#[test]
fn template_errors_name_the_file_and_line() {
    let file = config(SMALL);
    let template = file.dir.path().join("bad.j2");
    std::fs::write(&template, "Hello\n{{ advertiser.name }}\n{% for x in %}\n").unwrap();
    let assert = file
        .cmd()
        .args(["urls", "--template"])
        .arg(&template)
        .assert()
        .code(65)
        .stdout("");
    let stderr = stderr_of(&assert);
    assert!(stderr.starts_with("postback: error: "), "{stderr}");
    assert!(stderr.contains("bad.j2:3: syntax error"), "{stderr}");

    std::fs::write(&template, "Hello\n\n{{ advertiser.nmae }}\n").unwrap();
    let assert = file
        .cmd()
        .args(["urls", "--template"])
        .arg(&template)
        .assert()
        .code(65)
        .stdout("");
    assert!(
        stderr_of(&assert).contains("bad.j2:3: undefined value"),
        "{}",
        stderr_of(&assert)
    );

    file.cmd()
        .args(["urls", "--template", "/nonexistent/brand.j2"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains("/nonexistent/brand.j2"));
    file.cmd()
        .args(["urls", "--format", "tsv", "--template"])
        .arg(&template)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--template is for --format email"));
}

#[test]
fn markdown_names_are_escaped_and_urls_untouched() {
    let file = config(&SMALL.replace("name = \"Purchase\"", "name = \"*Big* purchase\""));
    let out = stdout_of(
        &file
            .run(&["urls", "--format", "markdown", "--goal", "purchase"])
            .success(),
    );
    assert_eq!(
        out,
        "## 5509 Acme Summer Sale\n\n\
         - **\\*Big\\* purchase**: `https://demo.gotrackier.com/acquisition?click_id=[aff_click_id]&security_token=a1b2c3d4&txn_id={txn_id}&sale_amount={sale_amount}&revenue={revenue}&currency={currency}&sub1=summer&goal_value=purchase`\n"
    );
}

#[test]
fn test_link_formats() {
    assert_eq!(
        shipped(&["test-link", "--campaign", "5509", "--campaign", "7201"]),
        "https://demo.gotrackier.com/click?campaign_id=5509&pub_id=2\n\
         https://demo.gotrackier.com/click?campaign_id=7201&pub_id=2\n"
    );
    assert_eq!(shipped(&["test-link"]).lines().count(), 5);
    assert_eq!(
        shipped(&["test-link", "--advertiser", "fitlife"]),
        "https://demo.gotrackier.com/click?campaign_id=6102&pub_id=2\n"
    );
    let json: serde_json::Value = serde_json::from_str(&shipped(&[
        "test-link",
        "--campaign",
        "6102",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "advertiser": "fitlife",
            "campaign_id": 6102,
            "campaign": "FitLife Android",
            "url": "https://demo.gotrackier.com/click?campaign_id=6102&pub_id=2"
        }])
    );
    let table = shipped(&["test-link", "--campaign", "6102", "--format", "table"]);
    assert!(
        table.lines().next().unwrap().contains("Test link"),
        "{table}"
    );
    assert!(table.contains("6102 FitLife Android   fitlife      https://demo.gotrackier.com/click?campaign_id=6102&pub_id=2\n"), "{table}");
}

#[test]
fn test_link_uses_the_click_domain_and_path() {
    let file = config(&SMALL.replace(
        "security_token = \"9f1c0d2e7a\"",
        "security_token = \"9f1c0d2e7a\"\nclick_domain = \"Go.Example.com:8080\"\nclick_path = \"/c\"\ntest_publisher = 17",
    ));
    file.run(&["test-link"])
        .success()
        .stdout("https://go.example.com:8080/c?campaign_id=5509&pub_id=17\n");
}

#[test]
fn test_link_without_test_publisher_is_65_naming_the_key() {
    let file = config(SMALL);
    file.run(&["test-link"])
        .code(65)
        .stdout("")
        .stderr(predicate::str::contains("`test_publisher`"));
    postback()
        .args(["test-link", "--campaign", "1"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("no campaign with id 1"));
    postback()
        .args(["test-link", "--advertiser", "acmee"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("did you mean `acme`?"));
}
