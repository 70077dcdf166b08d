//! Security tokens: where each owner's token comes from, how it is read, and what the file
//! check says about it.

use std::borrow::Cow;

use super::value::{At, Span, Str};
use crate::diagnostic::Diagnostics;
use crate::error::{Error, TOKEN_INVALID_HINT};
use crate::registry;
use crate::registry::{SECURITY_TOKEN, SECURITY_TOKEN_ENV};

/// Where a security token comes from.
#[derive(Clone, Debug)]
pub enum Token<'s> {
    Missing,
    Literal(At<Str<'s>>),
    /// The name of an environment variable holding the token.
    Env(At<Str<'s>>),
}

/// A token, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved<'a> {
    /// The file configures none.
    Missing,
    Value(Cow<'a, str>),
    /// Its variable is unset or empty.
    Unset {
        variable: &'a str,
    },
    /// Its variable holds whitespace or a control character (a trailing line break, say),
    /// which would end up in every URL.
    Invalid {
        variable: &'a str,
    },
}

/// Variables every system sets for other purposes: naming one as a token's variable would
/// put its value (a search path, a home directory) in every URL.
const SYSTEM_VARIABLES: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "USERNAME",
    "LOGNAME",
    "SHELL",
    "PWD",
    "OLDPWD",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "TERM",
    "TMPDIR",
    "TMP",
    "TEMP",
    "HOSTNAME",
    "EDITOR",
    "VISUAL",
    "PAGER",
    "MAIL",
    "DISPLAY",
    "LD_LIBRARY_PATH",
    "LD_PRELOAD",
    "PYTHONPATH",
    "CARGO_HOME",
    "RUSTUP_HOME",
    "SSH_AUTH_SOCK",
    "XDG_RUNTIME_DIR",
    "XDG_CONFIG_HOME",
    "POSTBACK_CONFIG",
    "NO_COLOR",
    "COLUMNS",
    "LINES",
];

impl<'s> Token<'s> {
    /// Reads the token: the literal, or its variable's value now.
    pub fn resolve(&self) -> Resolved<'_> {
        match self {
            Token::Missing => Resolved::Missing,
            Token::Literal(value) => Resolved::Value(Cow::Borrowed(value.as_str())),
            Token::Env(var) => {
                let variable = var.as_str();
                match std::env::var(variable) {
                    Ok(value) if value.is_empty() => Resolved::Unset { variable },
                    Ok(value) if value.chars().any(|c| c.is_whitespace() || c.is_control()) => {
                        Resolved::Invalid { variable }
                    }
                    Ok(value) => Resolved::Value(Cow::Owned(value)),
                    Err(_) => Resolved::Unset { variable },
                }
            }
        }
    }

    /// The token's value for a URL, `None` when the file configures none; an unset variable
    /// is an error naming it and `owner`.
    pub fn require(&self, owner: &dyn Fn() -> String) -> Result<Option<Cow<'_, str>>, Error> {
        match self.resolve() {
            Resolved::Missing => Ok(None),
            Resolved::Value(value) => Ok(Some(value)),
            Resolved::Unset { variable } => Err(Error::token_unset(variable, &owner())),
            Resolved::Invalid { variable } => Err(Error::token_invalid(variable, &owner())),
        }
    }

    /// Where the token (or its variable's name) is written.
    pub fn span(&self) -> Option<Span> {
        match self {
            Token::Missing => None,
            Token::Literal(at) | Token::Env(at) => Some(at.span.clone()),
        }
    }

    /// Checks the token of `owner`; `missing_at` is where to warn when a needed token is
    /// absent.
    pub fn check(&self, owner: &str, missing_at: Option<Span>, d: &mut Diagnostics) {
        match self {
            Token::Missing => {
                if let Some(span) = missing_at {
                    d.warning(span, format!("{owner} has no security token"))
                        .with_hint(format!("its URLs carry no {SECURITY_TOKEN}; add `{SECURITY_TOKEN} = \"...\"` or `{SECURITY_TOKEN_ENV} = \"VAR\"`"));
                }
            }
            Token::Literal(value) => {
                if let Err(violation) = registry::Rule::Token.check(&value.value) {
                    d.error(
                        value.span.clone(),
                        format!("the security token of {owner} {}", violation.message),
                    )
                    .with_maybe_hint(violation.hint);
                }
            }
            Token::Env(var) => {
                if var.value.is_empty() || var.value.contains(['=', '\0']) {
                    d.error(
                        var.span.clone(),
                        format!("`{}` is not a variable name", var.value.escape_debug()),
                    );
                } else if SYSTEM_VARIABLES.contains(&var.as_str()) {
                    d.warning(
                        var.span.clone(),
                        format!(
                            "`{}` is a system variable, not one holding a token",
                            var.value
                        ),
                    )
                    .with_hint("name a variable of its own, such as ACME_TOKEN");
                } else {
                    match self.resolve() {
                        Resolved::Unset { variable } => {
                            d.warning(
                                var.span.clone(),
                                format!("the token variable `{variable}` of {owner} is not set"),
                            )
                            .with_hint(format!(
                                "export {variable}=<token> before printing URLs that need it"
                            ));
                        }
                        Resolved::Invalid { variable } => {
                            d.warning(
                                var.span.clone(),
                                format!("the token variable `{variable}` of {owner} holds whitespace or a control character"),
                            )
                            .with_hint(TOKEN_INVALID_HINT);
                        }
                        Resolved::Missing | Resolved::Value(_) => {}
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Token<'_> {
        Token::Env(At::new(Cow::Borrowed(name), 0..0))
    }

    #[test]
    fn a_token_resolves_itself() {
        let literal = Token::Literal(At::new(Cow::Borrowed("t1"), 0..2));
        assert_eq!(literal.resolve(), Resolved::Value("t1".into()));
        assert_eq!(Token::Missing.resolve(), Resolved::Missing);
        // PATH is set on every machine that runs the tests; this one on none.
        assert!(matches!(env("PATH").resolve(), Resolved::Value(_)));
        let unset = env("POSTBACK_TEST_NO_SUCH_TOKEN_VARIABLE");
        assert_eq!(
            unset.resolve(),
            Resolved::Unset {
                variable: "POSTBACK_TEST_NO_SUCH_TOKEN_VARIABLE"
            }
        );
        let error = unset.require(&|| "advertiser `a`".into()).unwrap_err();
        assert_eq!(error.exit_code().code(), 78);
        assert!(error
            .message()
            .contains("security_token_env of advertiser `a`"));
        assert_eq!(Token::Missing.require(&String::new).ok(), Some(None));
    }
}
