//! Every way a command can fail, and the exit code each maps to (SPEC section 6).

use std::fmt;

/// Exit codes, after BSD `sysexits.h` where one fits.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const HIT_ERRORS: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DATA: u8 = 65;
    pub const NO_INPUT: u8 = 66;
    pub const CANT_CREATE: u8 = 73;
    pub const IO: u8 = 74;
    pub const CONFIG: u8 = 78;
}

#[derive(Debug)]
pub enum Error {
    /// The config file has errors; `report` is every diagnostic, rendered.
    InvalidConfig { report: String },
    /// A selection or edit that conflicts with the file (unknown key, id, goal...).
    Conflict(String),
    /// The config file does not exist or cannot be read.
    Unreadable { path: String, reason: String },
    /// A `security_token_env` variable is unset or empty.
    TokenUnset { variable: String, owner: String },
    /// A command-line argument that only the file can show to be wrong.
    Usage(String),
    /// `init` refused to overwrite, or a file could not be written.
    CantWrite(String),
    /// An email template that does not compile or render; the message names its line.
    Template(String),
    /// Any other input or output failure.
    Io(String),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::InvalidConfig { .. } | Error::Conflict(_) | Error::Template(_) => exit::DATA,
            Error::Unreadable { .. } => exit::NO_INPUT,
            Error::TokenUnset { .. } => exit::CONFIG,
            Error::Usage(_) => exit::USAGE,
            Error::CantWrite(_) => exit::CANT_CREATE,
            Error::Io(_) => exit::IO,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidConfig { report } => f.write_str(report.trim_end()),
            Error::Conflict(message)
            | Error::Usage(message)
            | Error::Template(message)
            | Error::CantWrite(message)
            | Error::Io(message) => f.write_str(message),
            Error::Unreadable { path, reason } => write!(f, "cannot read {path}: {reason}"),
            Error::TokenUnset { variable, owner } => write!(
                f,
                "the environment variable {variable} (security_token_env of {owner}) is not set\n  \
                 hint: export {variable}=<token>, or run with the variable set"
            ),
        }
    }
}

impl std::error::Error for Error {}
