//! Every way a command can fail, as data: what went wrong, a hint, the underlying cause and
//! the exit code. Nothing here is rendered for a terminal: the `postback:` prefix, colour and
//! file snippets are added at the edge (the binary's `ui`).

use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::registry::SECURITY_TOKEN_ENV;
use crate::source::Source;

/// The process exit codes, after BSD `sysexits.h` where one fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    Success = 0,
    /// `check` found an error in a hit.
    Findings = 1,
    Usage = 2,
    /// The file is invalid, or a selection or edit conflicts with it.
    Data = 65,
    NoInput = 66,
    CantCreate = 73,
    Io = 74,
    /// A token variable is unset.
    Config = 78,
}

impl ExitCode {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Every code, in number order.
    pub const ALL: &[ExitCode] = &[
        ExitCode::Success,
        ExitCode::Findings,
        ExitCode::Usage,
        ExitCode::Data,
        ExitCode::NoInput,
        ExitCode::CantCreate,
        ExitCode::Io,
        ExitCode::Config,
    ];

    /// What the code means, a sentence for the man page's EXIT STATUS.
    pub fn meaning(self) -> &'static str {
        match self {
            ExitCode::Success => "Success, also when standard output is closed early.",
            ExitCode::Findings => {
                "check found an error in a hit (or, with --strict, a warning); fire got an answer \
                 other than 2xx; diff --exit-code found a change."
            }
            ExitCode::Usage => "A command-line usage error.",
            ExitCode::Data => "The campaigns file is invalid, or a selection or edit conflicts with it.",
            ExitCode::NoInput => "A file does not exist or cannot be read.",
            ExitCode::CantCreate => {
                "A file could not be written: it exists (init), is read-only, is not a regular file, \
                 or changed on disk meanwhile."
            }
            ExitCode::Io => "Any other input or output error.",
            ExitCode::Config => "A token variable is unset or empty, or holds whitespace.",
        }
    }

    /// A few words for a help line (`65 invalid file or conflict`).
    pub fn summary(self) -> &'static str {
        match self {
            ExitCode::Success => "success",
            ExitCode::Findings => "findings",
            ExitCode::Usage => "usage error",
            ExitCode::Data => "invalid file or conflict",
            ExitCode::NoInput => "file unreadable",
            ExitCode::CantCreate => "cannot write",
            ExitCode::Io => "I/O error",
            ExitCode::Config => "token variable unset",
        }
    }
}

/// What kind of failure an [`Error`] is; each maps to one exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The config file (or the result of an edit) has errors.
    InvalidConfig,
    /// A selection or edit that conflicts with the file (unknown key, id, goal...).
    Conflict,
    /// A file that does not exist or cannot be read.
    Unreadable,
    /// A `security_token_env` variable is unset or empty.
    TokenUnset,
    /// A command-line argument that only the file can show to be wrong.
    Usage,
    /// `init` refused to overwrite, or a file could not be written.
    CantWrite,
    /// An email template that does not compile or render.
    Template,
    /// Any other input or output failure.
    Io,
}

impl Kind {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Kind::InvalidConfig | Kind::Conflict | Kind::Template => ExitCode::Data,
            Kind::Unreadable => ExitCode::NoInput,
            Kind::TokenUnset => ExitCode::Config,
            Kind::Usage => ExitCode::Usage,
            Kind::CantWrite => ExitCode::CantCreate,
            Kind::Io => ExitCode::Io,
        }
    }
}

/// A file's problems that stopped a command: rendered with their snippets at the edge.
#[derive(Debug)]
pub struct InvalidFile {
    pub source: Source,
    /// The problems to show, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// The closing line, such as `campaigns.toml: 2 errors (run ...)`.
    pub summary: String,
}

/// What to do about a token variable holding whitespace.
pub const TOKEN_INVALID_HINT: &str =
    "set it to the token alone: a trailing line break or spaces (from a file or `echo`) would end up in every URL";

type Cause = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug)]
pub struct Error {
    kind: Kind,
    message: String,
    hint: Option<String>,
    source: Option<Cause>,
    invalid: Option<Box<InvalidFile>>,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            source: None,
            invalid: None,
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Error::new(Kind::Conflict, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(Kind::Usage, message)
    }

    pub fn cant_write(message: impl Into<String>) -> Self {
        Error::new(Kind::CantWrite, message)
    }

    pub fn template(message: impl Into<String>) -> Self {
        Error::new(Kind::Template, message)
    }

    /// An input or output failure: `what` failed because of `cause`.
    pub fn io(what: impl fmt::Display, cause: std::io::Error) -> Self {
        Error::new(Kind::Io, format!("{what}: {cause}")).caused_by(cause)
    }

    /// `path` cannot be read: why, in words.
    pub fn unreadable(path: &str, cause: std::io::Error) -> Self {
        let why = match cause.kind() {
            std::io::ErrorKind::IsADirectory => "it is a directory, not a file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => cause.to_string(),
        };
        Error::new(Kind::Unreadable, format!("cannot read {path}: {why}")).caused_by(cause)
    }

    /// The config file `path` cannot be read; a missing one gets a hint on how to create it.
    pub fn config_unreadable(path: &str, cause: std::io::Error) -> Self {
        if cause.kind() != std::io::ErrorKind::NotFound {
            return Error::unreadable(path, cause);
        }
        Error::new(
            Kind::Unreadable,
            format!("cannot read {path}: no such file"),
        )
        .with_hint("run `postback init` to create one, or pass -c FILE")
        .caused_by(cause)
    }

    /// The token variable `variable` of `owner` is unset or empty.
    pub fn token_unset(variable: &str, owner: &str) -> Self {
        Error::new(
            Kind::TokenUnset,
            format!(
                "the environment variable {variable} ({SECURITY_TOKEN_ENV} of {owner}) is not set"
            ),
        )
        .with_hint(format!(
            "export {variable}=<token>, or run with the variable set"
        ))
    }

    /// The token variable `variable` of `owner` holds whitespace or a control character.
    pub fn token_invalid(variable: &str, owner: &str) -> Self {
        Error::new(
            Kind::TokenUnset,
            format!("the environment variable {variable} ({SECURITY_TOKEN_ENV} of {owner}) holds whitespace or a control character"),
        )
        .with_hint(TOKEN_INVALID_HINT)
    }

    pub fn invalid_config(invalid: InvalidFile) -> Self {
        let mut error = Error::new(Kind::InvalidConfig, invalid.summary.clone());
        error.invalid = Some(Box::new(invalid));
        error
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a hint when there is one.
    pub fn with_maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint.or(self.hint);
        self
    }

    pub fn caused_by(mut self, cause: impl Into<Cause>) -> Self {
        self.source = Some(cause.into());
        self
    }

    pub fn exit_code(&self) -> ExitCode {
        self.kind.exit_code()
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message and hint with every token `masker` knows written `REDACTED`.
    pub fn masked(mut self, masker: &crate::secrets::Masker) -> Self {
        self.message = masker.mask(&self.message).into_owned();
        self.hint = self.hint.map(|hint| masker.mask(&hint).into_owned());
        self
    }

    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// The file's problems, when that is what stopped the command.
    pub fn invalid_file(&self) -> Option<&InvalidFile> {
        self.invalid.as_deref()
    }

    /// Whether the reader of our output went away (`postback urls | head -1`): a quiet
    /// success, never an error message.
    pub fn is_broken_pipe(&self) -> bool {
        self.source
            .as_ref()
            .and_then(|cause| cause.downcast_ref::<std::io::Error>())
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<std::io::Error> for Error {
    /// A failure writing the command's output.
    fn from(cause: std::io::Error) -> Self {
        Error::io("cannot write to standard output", cause)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|cause| cause as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_recognised_through_the_cause() {
        let closed = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(Error::from(closed).is_broken_pipe());
        let full = std::io::Error::other("no space");
        let error = Error::from(full);
        assert!(!error.is_broken_pipe());
        assert_eq!(error.exit_code(), ExitCode::Io);
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn a_missing_file_gets_a_hint() {
        let missing = Error::config_unreadable("x.toml", std::io::ErrorKind::NotFound.into());
        assert_eq!(missing.message(), "cannot read x.toml: no such file");
        assert!(missing.hint().is_some_and(|h| h.contains("postback init")));
        assert_eq!(missing.exit_code().code(), 66);
    }
}
