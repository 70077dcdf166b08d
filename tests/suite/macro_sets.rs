//! The built-in macro sets as users see them: each entry corrected against a vendor's page,
//! and where each macro of a URL comes from (set, override or placeholder) in `list` and the
//! email. The full mapping of every set is the golden file `tests/cmd/macro-sets.md`.

use crate::common;

use common::{config, postback, stdout_of};
use serde_json::Value;

fn set(name: &str) -> Value {
    let assert = postback()
        .args(["macros", name, "--format", "json"])
        .assert()
        .success();
    serde_json::from_str(&stdout_of(&assert)).expect("JSON")
}

/// The set's macro for `param`, `None` when the placeholder applies.
fn entry(set: &Value, param: &str) -> Option<String> {
    set["macros"][param].as_str().map(str::to_string)
}

#[test]
fn appsflyer_sends_the_advertising_id_and_no_payout() {
    let af = set("appsflyer");
    // The Trackier page's {android_id} is the Android ID, not the advertising id.
    assert_eq!(entry(&af, "gaid").as_deref(), Some("{advertising_id}"));
    // Trackier's `revenue` is a dynamic payout; {event_revenue} is the sale.
    assert_eq!(entry(&af, "revenue"), None);
    assert_eq!(
        entry(&af, "sale_amount").as_deref(),
        Some("{event_revenue}")
    );
    assert_eq!(entry(&af, "txn_id"), None);
    let cited = af["macro_sources"]["gaid"].as_str().unwrap();
    assert!(
        cited.contains("Postback-macros-for-analytics-partners"),
        "{cited}"
    );
}

#[test]
fn branch_keeps_only_what_its_macro_page_shows() {
    let branch = set("branch");
    assert_eq!(entry(&branch, "click_id"), None);
    assert_eq!(entry(&branch, "currency"), None);
    assert_eq!(
        entry(&branch, "txn_id").as_deref(),
        Some("${(event_data.transaction_id)!}")
    );
    assert_eq!(
        entry(&branch, "coupon_code").as_deref(),
        Some("${(event_data.coupon)!}")
    );
    assert_eq!(
        branch["sources"][0],
        "https://help.branch.io/using-branch/docs/postback-macros-functions"
    );
}

#[test]
fn singular_adjust_kochava_and_appmetrica_drop_unconfirmed_entries() {
    assert_eq!(entry(&set("singular"), "currency"), None);
    assert_eq!(entry(&set("adjust"), "revenue"), None);
    assert_eq!(set("kochava")["macros"], serde_json::json!({}));
    assert_eq!(set("tenjin")["macros"], serde_json::json!({}));
    let appmetrica = set("appmetrica");
    for param in ["idfa", "gaid", "goal_value"] {
        assert_eq!(entry(&appmetrica, param), None, "{param}");
    }
    assert_eq!(
        entry(&appmetrica, "txn_id").as_deref(),
        Some("{transaction_id}")
    );
}

#[test]
fn tapfiliate_sends_the_commission_as_the_payout() {
    assert_eq!(
        entry(&set("tapfiliate"), "revenue").as_deref(),
        Some("${commission_amount}")
    );
}

#[test]
fn apptrove_and_airbridge_are_built_in() {
    let apptrove = set("apptrove");
    assert_eq!(entry(&apptrove, "click_id").as_deref(), Some("{click_id}"));
    assert_eq!(entry(&apptrove, "gaid").as_deref(), Some("{gaid}"));
    assert_eq!(
        entry(&set("airbridge"), "goal_value").as_deref(),
        Some("{@postback.eventName}")
    );
}

const OVERRIDDEN: &str = r#"
[network]
name = "Demo"
domain = "t.example"
security_token = "tok"

[global]
macros = "appsflyer"
params = ["idfa"]
event = true

[global.macro]
goal_value = "{event-name}"

[advertisers.acme]
name = "Acme"
macros = "placeholder"
[advertisers.acme.macro]
click_id = "[aff_click_id]"

[[campaigns]]
id = 1
name = "Sale"
advertiser = "acme"
params = ["txn_id"]
"#;

#[test]
fn the_email_credits_an_override_to_the_file_not_to_the_set() {
    let file = config(OVERRIDDEN);
    let email = stdout_of(
        &file
            .run(&["urls", "--level", "global", "--format", "email"])
            .success(),
    );
    let flat = email.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("from the appsflyer macro set: {clickid}, {idfa}. Leave"),
        "{email}"
    );
    assert!(
        flat.contains("set up for your account in place of the appsflyer ones: {event-name}."),
        "{email}"
    );
    let acme = stdout_of(
        &file
            .run(&["urls", "--advertiser", "acme", "--format", "email"])
            .success(),
    );
    let flat = acme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("- {txn_id}: "), "{acme}");
    assert!(
        flat.contains("Macros set up for your account: [aff_click_id]."),
        "{acme}"
    );
    assert!(!flat.contains("macro set:"), "{acme}");
}

#[test]
fn list_says_where_each_macro_comes_from() {
    let file = config(OVERRIDDEN);
    let json: Value = serde_json::from_str(&stdout_of(
        &file.run(&["list", "--format", "json"]).success(),
    ))
    .unwrap();
    assert_eq!(
        json["global"]["overrides"],
        serde_json::json!(["goal_value"])
    );
    let event = &json["global"]["urls"][1]["macros"];
    assert_eq!(
        event[0],
        serde_json::json!({"from": "set", "macro": "{clickid}", "param": "click_id"})
    );
    assert_eq!(event[2]["from"], "override");
    assert_eq!(event[2]["macro"], "{event-name}");
    let sale = &json["campaigns"][0]["urls"][0]["macros"];
    assert_eq!(sale[0]["from"], "override");
    assert_eq!(
        sale[1],
        serde_json::json!({"from": "placeholder", "macro": "{txn_id}", "param": "txn_id"})
    );
    let table = stdout_of(&file.run(&["list"]).success());
    assert!(
        table.contains("Global level: appsflyer macros, overrides goal_value"),
        "{table}"
    );
    let sale_line = table.lines().find(|l| l.contains(" Sale ")).unwrap();
    let cells: Vec<&str> = sale_line
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells[cells.len() - 2..],
        ["click_id txn_id", "txn_id"],
        "{sale_line}"
    );
}
