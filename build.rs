//! The built-in macro sets are written as TOML (`src/macro_sets.toml`, with a comment and a
//! cited page beside each entry) and read at run time as JSON: serde_json reads them in a
//! tenth of the time the toml crate takes, which every run of `postback` would pay at
//! start-up. Entries become `[param, entry]` pairs so that their order is kept.

use std::path::PathBuf;

fn main() {
    let source = "src/macro_sets.toml";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("src/macro_sets.toml is readable");
    let mut data: toml::Table = text.parse().expect("src/macro_sets.toml is valid TOML");
    let sets = data
        .get_mut("set")
        .and_then(toml::Value::as_array_mut)
        .expect("[[set]] tables");
    for set in sets.iter_mut() {
        let set = set.as_table_mut().expect("each [[set]] is a table");
        let macros = set
            .remove("macros")
            .and_then(|m| m.as_table().cloned())
            .unwrap_or_default();
        let pairs: Vec<toml::Value> = (macros.into_iter())
            .map(|(param, entry)| toml::Value::Array(vec![toml::Value::String(param), entry]))
            .collect();
        set.insert("macros".into(), toml::Value::Array(pairs));
    }
    let json = serde_json::to_string(&data).expect("TOML values are JSON values");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("macro_sets.json"), json).expect("OUT_DIR is writable");
}
