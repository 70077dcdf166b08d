//! `postback`: the server-to-server postback URLs of a Trackier affiliate network, from one
//! `campaigns.toml`.
//!
//! The library is what the `postback` binary runs: [`config::load`] reads and checks a file,
//! [`rows::rows`] turns a selection into URL rows, [`check`] diagnoses hits, [`edit`] and
//! [`diff`] change and compare files, [`fire`] sends test postbacks, [`output`] and
//! [`render`] write records in a format. The command line itself (its clap tree, commands,
//! completion, man pages and stderr) is the binary's, in `src/main.rs`. See
//! `examples/library.rs` and `ARCHITECTURE.md`.

pub mod check;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod encoding;
pub mod error;
pub mod fire;
pub mod macro_sets;
pub mod output;
pub mod owner;
mod postback;
pub mod registry;
pub mod render;
pub mod rows;
pub mod sample;
pub mod secrets;
pub mod source;
pub mod suggest;
pub mod test_link;
pub mod tracker;
mod value_rule;

pub use error::Error;
