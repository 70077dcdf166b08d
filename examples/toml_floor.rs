//! The benchmark's floor: only parse a file with the `toml` crate, as any Rust program
//! reading it would (`bench/run.sh` compares `postback urls` against it).
//!
//!     cargo run --release --example toml_floor -- FILE

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: toml_floor FILE")?;
    let text = std::fs::read_to_string(path)?;
    let table: toml::Table = toml::from_str(&text)?;
    // Print something so the parse cannot be optimised away.
    println!("{} top-level keys", table.len());
    Ok(())
}
