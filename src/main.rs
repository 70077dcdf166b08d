use std::io::{BufWriter, Write};
use std::process::ExitCode;

mod cli;
mod commands;
mod completion;
mod manual;
mod starter;
mod ui;

fn main() -> ExitCode {
    // `COMPLETE=<shell> postback ...` is the shell asking for candidates: answer and exit.
    clap_complete::CompleteEnv::with_factory(cli::command).complete();
    // An empty POSTBACK_CONFIG means no file chosen, not a missing --config value.
    if std::env::var_os("POSTBACK_CONFIG").is_some_and(|v| v.is_empty()) {
        // SAFETY: nothing else runs yet: no thread reads the environment.
        unsafe { std::env::remove_var("POSTBACK_CONFIG") };
    }
    let cli = match cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if error.use_stderr() => {
            // A usage error speaks in the tool's one voice: `postback: error: ...`.
            ui::write_stderr(&format!("postback: {}", error.render()));
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
        Err(error) => {
            // --help and --version are "errors" that exit 0. Printing them into a closed pipe
            // is fine; into a full disk it is a failure (74).
            return match error.print() {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    let failed = postback::Error::from(e);
                    ui::write_stderr(&ui::render_error(&failed, false));
                    ExitCode::from(failed.exit_code().code())
                }
                _ => ExitCode::from(error.exit_code().clamp(0, 255) as u8),
            };
        }
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = commands::run(&cli, &mut out);
    let result = result.and_then(|code| out.flush().map(|()| code).map_err(Into::into));
    match result {
        Ok(code) => ExitCode::from(code.code()),
        // The reader went away (`postback urls | head -1`): a quiet success.
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            // Nothing half-written: what a failed command buffered is dropped, not flushed.
            let _ = out.into_parts();
            ui::write_stderr(&ui::render_error(&error, commands::stderr_color(&cli)));
            ExitCode::from(error.exit_code().code())
        }
    }
}
