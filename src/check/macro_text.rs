//! What a value that is still a macro looks like: the `{<param>}` placeholder `postback urls`
//! writes, and the shapes partner systems use. The rules, the goal check and the comparison
//! with the file's templates all ask.

use super::network::Network;

/// `{<name>}`: the placeholder `postback urls` writes where the advertiser's macro goes.
pub fn is_placeholder(name: &str, value: &str) -> bool {
    value.len() == name.len() + 2
        && value.starts_with('{')
        && value.ends_with('}')
        && &value[1..value.len() - 1] == name
}

/// `{..}`, `${..}`, `[..]`, `%..%`, `#..#`, `(..)`, `$$..`, `REPLACE`, or a macro a known
/// system writes.
pub fn looks_like_macro(network: &Network<'_>, value: &str) -> bool {
    let wrapped = |open: char, close: char| {
        value.len() >= 2 && value.starts_with(open) && value.ends_with(close)
    };
    wrapped('{', '}')
        || (value.starts_with("${") && value.ends_with('}'))
        || wrapped('[', ']')
        || wrapped('%', '%')
        || wrapped('#', '#')
        || wrapped('(', ')')
        || value.starts_with("$$")
        || value.as_bytes().windows(7).any(|w| w == b"REPLACE")
        || network.is_known_macro(value)
}
