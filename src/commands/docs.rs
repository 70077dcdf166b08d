//! `completions` and `man`: generated from the command tree, so they never drift from it.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, ExitCode};

pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<ExitCode, Error> {
    clap_complete::generate(shell, &mut Cli::command(), "postback", out);
    Ok(ExitCode::Success)
}

pub fn man(out: &mut dyn Write) -> Result<ExitCode, Error> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitCode::Success)
}
