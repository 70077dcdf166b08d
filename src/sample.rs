//! `--sample`: values that replace every macro so a URL can be fired by hand.

use crate::platform::{CLICK_ID, GOAL_VALUE};

/// The sample value for each parameter, with the user's `--click-id` and `--set` overrides.
#[derive(Clone, Debug, Default)]
pub struct Samples {
    click_id: Option<String>,
    overrides: Vec<(String, String)>,
}

const ZERO_DEVICE_ID: &str = "00000000-0000-0000-0000-000000000000";

impl Samples {
    pub fn new(click_id: Option<String>, overrides: Vec<(String, String)>) -> Self {
        Samples {
            click_id,
            overrides,
        }
    }

    /// The parameters named by `--set`, to check against the registry.
    pub fn override_names(&self) -> impl Iterator<Item = &str> {
        self.overrides.iter().map(|(name, _)| name.as_str())
    }

    /// The sample for `param`: the last `--set` for it, else the built-in sample.
    pub fn value(&self, param: &str) -> &str {
        if let Some((_, value)) = self.overrides.iter().rev().find(|(name, _)| name == param) {
            return value;
        }
        match param {
            CLICK_ID => self.click_id.as_deref().unwrap_or("test-click"),
            "txn_id" => "test-txn",
            "sale_amount" | "revenue" => "1.00",
            "currency" => "USD",
            "status" => "approved",
            "idfa" | "gaid" => ZERO_DEVICE_ID,
            GOAL_VALUE => "test_event",
            _ => "test",
        }
    }
}

/// Parses a `--set <param>=<value>` argument.
pub fn parse_assignment(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
        _ => Err(format!("`{text}` is not of the form <param>=<value>")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_follow_the_spec() {
        let samples = Samples::default();
        assert_eq!(samples.value("click_id"), "test-click");
        assert_eq!(samples.value("sale_amount"), "1.00");
        assert_eq!(samples.value("gaid"), ZERO_DEVICE_ID);
        assert_eq!(samples.value("sub3"), "test");
        let custom = Samples::new(Some("abc".into()), vec![("sub3".into(), "x".into())]);
        assert_eq!(custom.value("click_id"), "abc");
        assert_eq!(custom.value("sub3"), "x");
    }

    #[test]
    fn assignments_need_a_name_and_an_equals_sign() {
        assert_eq!(
            parse_assignment("sub1=a=b").unwrap(),
            ("sub1".to_string(), "a=b".to_string())
        );
        assert!(parse_assignment("sub1").is_err());
        assert!(parse_assignment("=x").is_err());
    }
}
