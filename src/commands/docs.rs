//! `completions` and `man`: generated from the command tree, so they never drift from it.

use std::io::Write;

use crate::cli;
use crate::error::{Error, ExitCode};

pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<ExitCode, Error> {
    clap_complete::generate(shell, &mut cli::command(), "postback", out);
    Ok(ExitCode::Success)
}

pub fn man(command: &[String], out: &mut dyn Write) -> Result<ExitCode, Error> {
    crate::manual::write(command, out)?;
    Ok(ExitCode::Success)
}
