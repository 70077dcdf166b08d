//! `completions` and `man`, generated from the command tree so they never drift from it, and
//! `email-template`, the template built into the binary.

use std::io::Write;

use crate::cli;
use postback::error::{Error, ExitCode};

/// The script that makes `shell` ask `postback` for candidates as the user types, so keys,
/// ids and goal names come from the file in use. It is what `COMPLETE=<shell> postback`
/// prints; load it at shell startup (it must match the binary's version).
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<ExitCode, Error> {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    use clap_complete::Shell;
    let shell: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Elvish => &Elvish,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Zsh => &Zsh,
        _ => return Err(Error::usage("no completion for this shell")),
    };
    let name = cli::command().get_name().to_string();
    shell
        .write_registration("COMPLETE", &name, &name, &name, out)
        .map_err(|e| Error::io("writing the completion script", e))?;
    Ok(ExitCode::Success)
}

pub fn man(command: &[String], out: &mut dyn Write) -> Result<ExitCode, Error> {
    crate::manual::write(command, out)?;
    Ok(ExitCode::Success)
}

/// The built-in email template, which `--template` files start from.
pub fn email_template(out: &mut dyn Write) -> Result<ExitCode, Error> {
    out.write_all(postback::render::email::DEFAULT_TEMPLATE.as_bytes())?;
    Ok(ExitCode::Success)
}
