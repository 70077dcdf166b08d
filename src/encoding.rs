//! How a name or a literal is written in a URL: every byte but `A-Z a-z 0-9 - . _ ~` as
//! `%XX` (upper-case hex of its UTF-8 bytes). URLs are built with it, and the masker finds a
//! token's encoded form with it.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Every byte but `A-Z a-z 0-9 - . _ ~` is encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Appends `text` percent-encoded.
pub fn encode_into(out: &mut String, text: &str) {
    out.extend(utf8_percent_encode(text, QUERY_VALUE));
}
