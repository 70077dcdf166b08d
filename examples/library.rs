//! The library behind the `postback` binary: load a file, select rows, render them.
//!
//!     cargo run --example library

use postback::config;
use postback::render::{self, Format};
use postback::rows::{self, Levels, Options, Selection};
use postback::source::Source;

const FILE: &str = r#"
[network]
domain = "demo.gotrackier.com"

[advertisers.acme]
name = "Acme Shop"
security_token = "a1b2c3d4"

[[campaigns]]
id = 5509
name = "Acme Summer Sale"
advertiser = "acme"
params = ["txn_id", "sale_amount"]

[[campaigns.goals]]
name = "Purchase"
value = "purchase"
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = Source::new("inline.toml", FILE.to_string());
    let loaded = config::load(&source);
    for problem in &loaded.diagnostics {
        eprintln!("{problem:?}");
    }
    let config = loaded.config.ok_or("the file has errors")?;

    let selection = Selection {
        levels: Levels::Advertiser,
        campaigns: vec![5509],
        ..Selection::default()
    };
    let options = Options::default();
    let rows = rows::rows(&config, &selection, &options)?;
    for row in &rows {
        println!("{:<10} {}", row.goal, row.url);
    }

    // Any output format of the binary is available too.
    let context = render::Context::new(&config, false);
    let json = render::render(Format::Json, &rows, context)?;
    println!("{}", String::from_utf8(json)?);
    Ok(())
}
