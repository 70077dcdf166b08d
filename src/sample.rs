//! `--sample`: values that replace every macro so a URL can be fired by hand.

use std::borrow::Cow;

use crate::registry::{CLICK_ID, GOAL_VALUE};

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

    /// The sample for `param` in the row at `place`: the last `--set` for it, else the
    /// built-in sample. Each campaign has its own click (`test-click-5509`, as a real click
    /// belongs to one campaign) and each row its own transaction id (`test-txn-5509-1`), so
    /// a run of samples converts no click or transaction twice; the global event row's event
    /// name is `event_goal`, a goal value the file knows, when it has one.
    pub fn value<'s>(
        &'s self,
        param: &str,
        place: Place,
        event_goal: Option<&'s str>,
    ) -> Cow<'s, str> {
        if let Some((_, value)) = self.overrides.iter().rev().find(|(name, _)| name == param) {
            return Cow::Borrowed(value);
        }
        let owner = || {
            place
                .campaign_id
                .map_or("global".to_string(), |id| id.to_string())
        };
        Cow::Borrowed(match param {
            CLICK_ID => match &self.click_id {
                Some(click_id) => click_id,
                None => return Cow::Owned(format!("test-click-{}", owner())),
            },
            "txn_id" => return Cow::Owned(format!("test-txn-{}-{}", owner(), place.row)),
            "sale_amount" | "revenue" => "1.00",
            "currency" => "USD",
            "status" => "approved",
            "idfa" | "gaid" => ZERO_DEVICE_ID,
            GOAL_VALUE => event_goal.unwrap_or("test_event"),
            _ => "test",
        })
    }
}

/// Which row a sample is for: its campaign (none at the global level) and its place among
/// the level's rows (0 the default row, then the event and goal rows in file order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub campaign_id: Option<u64>,
    pub row: usize,
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
    fn samples_are_the_documented_values() {
        let samples = Samples::default();
        let place = Place {
            campaign_id: Some(5509),
            row: 2,
        };
        let value = |samples: &Samples, param| samples.value(param, place, None).into_owned();
        assert_eq!(value(&samples, "click_id"), "test-click-5509");
        assert_eq!(value(&samples, "sale_amount"), "1.00");
        assert_eq!(value(&samples, "gaid"), ZERO_DEVICE_ID);
        assert_eq!(value(&samples, "sub3"), "test");
        assert_eq!(value(&samples, "goal_value"), "test_event");
        assert_eq!(samples.value("goal_value", place, Some("signup")), "signup");
        // Each row its own transaction.
        assert_eq!(value(&samples, "txn_id"), "test-txn-5509-2");
        let global = Place {
            campaign_id: None,
            row: 0,
        };
        assert_eq!(samples.value("txn_id", global, None), "test-txn-global-0");
        let custom = Samples::new(
            Some("abc".into()),
            vec![("sub3".into(), "x".into()), ("txn_id".into(), "T".into())],
        );
        assert_eq!(value(&custom, "click_id"), "abc");
        assert_eq!(value(&custom, "sub3"), "x");
        assert_eq!(value(&custom, "txn_id"), "T");
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
