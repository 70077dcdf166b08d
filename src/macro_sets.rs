//! Macro sets: what each partner system writes in place of each parameter. The built-in sets
//! are data (`macro_sets.toml`, embedded); a file may add its own under `[macro_sets.<name>]`.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Deserialize;

/// One macro set: a name and its `param -> macro` entries.
#[derive(Clone, Debug, Deserialize)]
pub struct MacroSet {
    pub name: String,
    pub description: String,
    /// Where the entries come from: the vendor's (or Trackier's) integration page.
    pub source: String,
    pub macros: toml::Table,
    /// Macros the network must complete before they work, by parameter: used as the set has
    /// them, they come back empty (Singular's `{cl?Network Name}`).
    #[serde(default)]
    pub to_complete: std::collections::BTreeMap<String, ToComplete>,
}

/// The part of a macro to replace, and what with.
#[derive(Clone, Debug, Deserialize)]
pub struct ToComplete {
    pub replace: String,
    pub with: String,
}

impl MacroSet {
    /// The set's macro for `param`, if the set documents one.
    pub fn get(&self, param: &str) -> Option<&str> {
        self.macros.get(param).and_then(toml::Value::as_str)
    }

    /// The entries in file order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.macros
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
    }
}

#[derive(Deserialize)]
struct SetFile {
    set: Vec<MacroSet>,
}

/// The built-in sets, in the order `postback macros` lists them.
pub fn builtin() -> &'static [MacroSet] {
    static SETS: OnceLock<Vec<MacroSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        // The data is part of the binary and covered by tests: failing to parse it is a bug.
        toml::from_str::<SetFile>(include_str!("macro_sets.toml"))
            .expect("embedded macro_sets.toml is valid")
            .set
    })
}

/// The built-in set called `name`.
pub fn find_builtin(name: &str) -> Option<&'static MacroSet> {
    builtin().iter().find(|s| s.name == name)
}

/// The set of the advertiser whose system is unknown: every macro is a placeholder.
pub const PLACEHOLDER: &str = "placeholder";

/// The placeholder an advertiser replaces by hand: `{<param>}`.
pub fn placeholder(param: &str) -> Cow<'static, str> {
    Cow::Owned(format!("{{{param}}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    #[test]
    fn all_eight_sets_are_built_in() {
        let names: Vec<_> = builtin().iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "placeholder",
                "appsflyer",
                "adjust",
                "branch",
                "kochava",
                "singular",
                "appmetrica",
                "tapfiliate"
            ]
        );
    }

    #[test]
    fn spec_table_entries_are_exact() {
        let af = find_builtin("appsflyer").unwrap();
        assert_eq!(af.get("click_id"), Some("{clickid}"));
        assert_eq!(af.get("goal_value"), Some("{event_name}"));
        assert_eq!(af.get("sale_amount"), Some("{event_revenue}"));
        assert_eq!(af.get("currency"), Some("{event_revenue_currency}"));
        let singular = find_builtin("singular").unwrap();
        assert_eq!(singular.get("click_id"), Some("{cl?Network Name}"));
        assert_eq!(singular.get("gaid"), Some("{AIFA}"));
        let branch = find_builtin("branch").unwrap();
        assert_eq!(
            branch.get("click_id"),
            Some("${(last_attributed_touch_data.~click_id)!}")
        );
        assert_eq!(branch.get("currency"), None);
    }

    #[test]
    fn every_entry_names_a_registry_parameter_and_cites_a_source() {
        let registry = Registry::new(&[]);
        for set in builtin() {
            assert!(!set.source.is_empty(), "{}", set.name);
            for (param, mac) in set.entries() {
                assert!(registry.lookup(param).is_some(), "{}: {param}", set.name);
                assert!(!mac.is_empty());
            }
            assert_eq!(set.entries().count(), set.macros.len(), "{}", set.name);
        }
    }
}
