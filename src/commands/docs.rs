//! `completions` and `man`: generated from the command tree, so they never drift from it.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Error;

pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "postback", &mut out);
    out
}

pub fn man() -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Error::Io(format!("cannot render the man page: {e}")))?;
    Ok(out)
}
