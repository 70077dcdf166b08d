use std::process::ExitCode;

use clap::Parser;
use postback::cli::Cli;
use postback::output::write_stderr;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version are "errors" that exit 0; a closed pipe is no reason to panic.
            let _ = error.print();
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    match postback::commands::run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            match &error {
                // Already rendered diagnostics, each with its own `postback:` prefix.
                postback::Error::InvalidConfig { report } => write_stderr(report),
                other => write_stderr(&format!("postback: error: {other}\n")),
            }
            ExitCode::from(error.exit_code())
        }
    }
}
