//! `postback`: the server-to-server postback URLs of a Trackier affiliate network, from one
//! `campaigns.toml`.
//!
//! The library is what the `postback` binary runs: [`config::load`] reads and checks a file,
//! [`rows::rows`] turns a selection into URL rows, [`output`] writes records in a format.
//! See `examples/library.rs` and `ARCHITECTURE.md`.

pub mod check;
pub mod cli;
pub mod commands;
pub mod completion;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod encoding;
pub mod error;
pub mod fire;
pub mod macro_sets;
pub mod manual;
pub mod output;
pub mod owner;
pub mod platform;
pub mod postback;
pub mod registry;
pub mod render;
pub mod rows;
pub mod sample;
pub mod secrets;
pub mod source;
pub mod starter;
pub mod suggest;
pub mod test_link;
pub mod ui;
pub mod value_rule;

pub use error::Error;
