//! Macro sets: what each partner system writes in place of each parameter. The built-in sets
//! are data (`macro_sets.toml`, embedded as JSON by build.rs); a file may add its own under
//! `[macro_sets.<name>]`.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Deserialize;

/// One macro set: a name, the pages it comes from and its `param -> macro` entries.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MacroSet {
    pub name: String,
    pub description: String,
    /// The vendor's (or Trackier's) pages the entries come from.
    pub sources: Vec<String>,
    /// The entries, in the order the data lists them.
    pub macros: Vec<(String, Entry)>,
    /// Macros the network must complete before they work, by parameter: used as the set has
    /// them, they come back empty (Singular's `{cl?Network Name}`).
    #[serde(default)]
    pub to_complete: std::collections::BTreeMap<String, ToComplete>,
}

/// One entry: the macro the vendor writes, and which of the set's `sources` shows it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(rename = "macro")]
    pub text: String,
    pub page: usize,
}

/// The part of a macro to replace, and what with.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToComplete {
    pub replace: String,
    pub with: String,
}

impl MacroSet {
    /// The set's macro for `param`, if the set documents one.
    pub fn get(&self, param: &str) -> Option<&str> {
        self.entry(param).map(|e| e.text.as_str())
    }

    /// The page that documents the set's macro for `param`.
    pub fn source_of(&self, param: &str) -> Option<&str> {
        let entry = self.entry(param)?;
        self.sources.get(entry.page).map(String::as_str)
    }

    fn entry(&self, param: &str) -> Option<&Entry> {
        self.macros.iter().find(|(p, _)| p == param).map(|(_, e)| e)
    }

    /// The entries in data order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.macros
            .iter()
            .map(|(k, e)| (k.as_str(), e.text.as_str()))
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
        // `macro_sets.toml` as the build wrote it (see build.rs). The data is part of the
        // binary and covered by tests: failing to read it is a bug.
        let json = include_str!(concat!(env!("OUT_DIR"), "/macro_sets.json"));
        serde_json::from_str::<SetFile>(json)
            .expect("embedded macro sets are valid")
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
    fn the_built_in_sets_in_listing_order() {
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
                "tapfiliate",
                "apptrove",
                "tenjin",
                "airbridge"
            ]
        );
    }

    #[test]
    fn every_entry_names_a_registry_parameter_and_one_of_its_sets_pages() {
        let registry = Registry::new(&[]);
        for set in builtin() {
            for (param, mac) in set.entries() {
                assert!(registry.lookup(param).is_some(), "{}: {param}", set.name);
                assert!(!mac.is_empty());
                let page = set.source_of(param);
                assert!(
                    page.is_some_and(|p| p.starts_with("https://")),
                    "{}: {param}",
                    set.name
                );
            }
            // A set with no entries names the page that explains why (Kochava).
            let unused = (0..set.sources.len())
                .filter(|_| !set.macros.is_empty())
                .find(|at| !set.macros.iter().any(|(_, e)| e.page == *at));
            assert_eq!(unused, None, "{}: a source no entry cites", set.name);
        }
    }

    #[test]
    fn entries_keep_the_order_of_the_data() {
        let singular = find_builtin("singular").unwrap();
        let params: Vec<_> = singular.entries().map(|(p, _)| p).collect();
        assert_eq!(
            params,
            ["click_id", "sale_amount", "goal_value", "idfa", "gaid"]
        );
    }
}
