//! The file's values as the model holds them: each with its place in the file, text
//! borrowed where TOML needed no unescaping, and the URL scheme. The bottom of `config`:
//! the model, the endpoint and the tokens all build on it.

use std::borrow::Cow;
use std::ops::Range;

pub type Span = Range<usize>;
/// Text from the file: borrowed where TOML needed no unescaping.
pub type Str<'s> = Cow<'s, str>;

/// A value and where it stands in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

impl<T> At<T> {
    pub fn new(value: T, span: Span) -> Self {
        At { value, span }
    }
}

impl At<Str<'_>> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scheme {
    #[default]
    Https,
    Http,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Https => "https",
            Scheme::Http => "http",
        }
    }

    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Https => 443,
            Scheme::Http => 80,
        }
    }
}
