//! The text of a config file and the mapping from byte offsets to lines and columns.

use std::ops::Range;
use std::sync::OnceLock;

use crate::secrets::Secrets;

/// How many characters of a line an error shows at most, around the column it points at.
const SNIPPET_WIDTH: usize = 200;

/// A file's name (as the user gave it) and its UTF-8 text, byte-order mark removed.
#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
    /// The offset of the first byte that is not UTF-8, when the file was not (`text` then
    /// holds a lossy copy, good for showing positions only).
    pub invalid_utf8_at: Option<usize>,
    /// Whether the file started with a byte-order mark (an edit writes it back).
    pub byte_order_mark: bool,
    line_starts: OnceLock<Vec<usize>>,
    secrets: OnceLock<Secrets>,
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Source {
    pub fn new(name: impl Into<String>, text: String) -> Self {
        let (text, byte_order_mark) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest.to_string(), true),
            None => (text, false),
        };
        Source {
            name: name.into(),
            text,
            invalid_utf8_at: None,
            byte_order_mark,
            line_starts: OnceLock::new(),
            secrets: OnceLock::new(),
        }
    }

    /// A file's bytes; invalid UTF-8 is recorded, not refused, so it is reported like any
    /// other problem of the file.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(text) => Source::new(name, text),
            Err(error) => {
                let offset = error.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                let mut source = Source::new(name, text);
                // The lossy copy keeps the valid prefix, so the offset still points at the
                // same place (shifted by a removed byte-order mark, if any).
                let bom = if error.as_bytes().starts_with(b"\xef\xbb\xbf") {
                    3
                } else {
                    0
                };
                source.invalid_utf8_at = Some(offset.saturating_sub(bom));
                source
            }
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[starts[line]..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The token values the file holds (found once, when first needed).
    pub fn secrets(&self) -> &Secrets {
        self.secrets.get_or_init(|| Secrets::of(&self.text))
    }

    /// The line `span` starts on, its token values masked, cut to a window around the span's
    /// column when it is long, and the 1-based column of the span within what is returned.
    pub fn snippet(&self, span: &Range<usize>) -> (String, usize) {
        let position = self.position(span.start);
        let (line, column) = self
            .secrets()
            .mask_line(self.line(position.line), position.column);
        cut_line(&line, column)
    }
}

/// Cuts `line` to about `SNIPPET_WIDTH` characters around 1-based `column`, marking each cut
/// with `…`; returns the text and the column within it.
pub fn cut_line(line: &str, column: usize) -> (String, usize) {
    let chars = line.chars().count();
    if chars <= SNIPPET_WIDTH {
        return (line.to_string(), column);
    }
    let start = column
        .saturating_sub(SNIPPET_WIDTH / 2 + 1)
        .min(chars - SNIPPET_WIDTH);
    let body: String = line.chars().skip(start).take(SNIPPET_WIDTH).collect();
    let mut text = String::with_capacity(body.len() + 6);
    let mut new_column = column - start;
    if start > 0 {
        text.push('…');
        new_column += 1;
    }
    text.push_str(&body);
    if start + SNIPPET_WIDTH < chars {
        text.push('…');
    }
    (text, new_column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let source = Source::new("f", "a = 1\r\nbé = 2\n".to_string());
        assert_eq!(source.position(0), Position { line: 1, column: 1 });
        let b = source.text.find('=').unwrap();
        assert_eq!(source.position(b), Position { line: 1, column: 3 });
        let second = source.text.rfind('=').unwrap();
        assert_eq!(source.position(second), Position { line: 2, column: 4 });
        assert_eq!(source.line(1), "a = 1");
        assert_eq!(source.line(2), "bé = 2");
    }

    #[test]
    fn bom_is_dropped() {
        let source = Source::new("f", "\u{feff}x = 1".to_string());
        assert_eq!(source.text, "x = 1");
        assert!(source.byte_order_mark);
        assert!(!Source::new("f", "x = 1".to_string()).byte_order_mark);
    }

    #[test]
    fn invalid_utf8_is_located_after_a_bom() {
        for prefix in [&b""[..], &b"\xef\xbb\xbf"[..]] {
            let mut bytes = prefix.to_vec();
            bytes.extend_from_slice(b"a = 1\nb = \"\xff\"\n");
            let source = Source::from_bytes("f", bytes);
            let offset = source.invalid_utf8_at.expect("invalid UTF-8 is recorded");
            assert_eq!(source.position(offset), Position { line: 2, column: 6 });
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let (text, column) = cut_line(&line, 1001);
        assert!(text.chars().count() <= SNIPPET_WIDTH + 2);
        assert_eq!(text.chars().nth(column - 1), Some('X'));
        assert!(text.starts_with('…') && text.ends_with('…'));
    }
}
