//! The file in pieces: its head (everything before the first `[[campaigns]]`) and each
//! campaign block, as `config::campaign_blocks` finds them. An edit parses only the pieces it
//! changes with toml_edit, which needs dozens of times a text's size in memory: adding a goal
//! to a campaign of a large file costs that one block, not the whole file. A file of an
//! unusual layout is one piece.

use std::ops::Range;

use toml_edit::DocumentMut;

use crate::error::Error;

enum Piece {
    /// Unchanged: a range of the original text.
    Original(Range<usize>),
    /// Parsed for editing.
    Edited(DocumentMut),
}

pub struct Pieces<'s> {
    text: &'s str,
    pieces: Vec<Piece>,
    /// Where each piece of the original text starts.
    starts: Vec<usize>,
    /// Whether the pieces after the head are campaign blocks (the usual layout).
    blocks: bool,
}

impl<'s> Pieces<'s> {
    pub fn new(text: &'s str) -> Self {
        let starts = crate::config::campaign_blocks(text);
        let blocks = starts.is_some();
        let starts = starts.unwrap_or_default();
        let ends = starts.iter().copied().chain(std::iter::once(text.len()));
        let begins: Vec<usize> = std::iter::once(0).chain(starts.iter().copied()).collect();
        let pieces = (begins.iter().copied().zip(ends))
            .map(|(a, b)| Piece::Original(a..b))
            .collect();
        Pieces {
            text,
            pieces,
            starts: begins,
            blocks,
        }
    }

    /// The piece holding byte `offset` of the text: where a campaign's goals go.
    pub fn at(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The head's document (the whole file's, for an unusual layout), parsed on first use.
    pub fn head(&mut self, file: &str) -> Result<&mut DocumentMut, Error> {
        self.document(0, file)
    }

    /// Piece `index` as a document, parsed on first use.
    pub fn document(&mut self, index: usize, file: &str) -> Result<&mut DocumentMut, Error> {
        let cannot = |e: &dyn std::fmt::Display| {
            Error::conflict(format!("{file}: cannot edit the file: {e}"))
        };
        let piece = self
            .pieces
            .get_mut(index)
            .ok_or_else(|| cannot(&"no such part"))?;
        if let Piece::Original(range) = piece {
            // toml_edit writes LF: each line's ending is restored at the end.
            let text = self.text[range.clone()].replace("\r\n", "\n");
            *piece = Piece::Edited(text.parse().map_err(|e| cannot(&e))?);
        }
        match piece {
            Piece::Edited(document) => Ok(document),
            Piece::Original(_) => Err(cannot(&"not parsed")),
        }
    }

    /// The document a new campaign is pushed to: the last campaign block, so the campaign
    /// follows the last one and comes before what ends the file (a trailing comment), or the
    /// whole file's for an unusual layout.
    pub fn for_new_campaign(&mut self, file: &str) -> Result<(usize, &mut DocumentMut), Error> {
        let last = if self.blocks {
            self.pieces.len() - 1
        } else {
            0
        };
        Ok((last, self.document(last, file)?))
    }

    /// Removes the comment lines that end piece `index` (those directly above the header of
    /// the next piece's first table, which belong to it); a piece that is not there is left.
    pub fn drop_trailing_comments(&mut self, index: usize, file: &str) -> Result<(), Error> {
        if !self.blocks || index >= self.pieces.len() {
            return Ok(());
        }
        if let Piece::Original(range) = &mut self.pieces[index] {
            let kept = without_trailing_comments(&self.text[range.clone()]).len();
            range.end = range.start + kept;
            return Ok(());
        }
        let document = self.document(index, file)?;
        let trailing = document.trailing().as_str().unwrap_or("").to_string();
        document.set_trailing(without_trailing_comments(&trailing));
        Ok(())
    }

    /// The whole text, LF line endings in every piece.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 1024);
        for piece in &self.pieces {
            let text = match piece {
                Piece::Original(range) => self.text[range.clone()].replace("\r\n", "\n"),
                Piece::Edited(document) => document.to_string(),
            };
            // A piece that follows one without a final line break starts on its own line.
            if !out.is_empty() && !out.ends_with('\n') && !text.is_empty() {
                out.push('\n');
            }
            out.push_str(&text);
        }
        out
    }
}

/// `text` without the comment lines directly at its end: those right above the next
/// header, up to a blank or other line. A comment separated by a blank line stays.
fn without_trailing_comments(text: &str) -> &str {
    let mut end = text.len();
    loop {
        // The last line of `text[..end]`, without its line break.
        let body = &text[..end];
        let Some(without_break) = body.strip_suffix('\n') else {
            return body;
        };
        let without_break = without_break.strip_suffix('\r').unwrap_or(without_break);
        let line_start = without_break.rfind('\n').map_or(0, |p| p + 1);
        if without_break[line_start..].trim_start().starts_with('#') {
            end = line_start;
        } else {
            return body;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "[network]\ndomain = \"a.test\"\n\n[[campaigns]]\nid = 1\n\n# two\n[[campaigns]]\nid = 2\n";

    #[test]
    fn only_the_pieces_edited_are_parsed_and_the_rest_is_kept() {
        let mut pieces = Pieces::new(TEXT);
        assert_eq!(pieces.at(TEXT.find("id = 2").unwrap()), 2);
        assert_eq!(pieces.at(TEXT.find("id = 1").unwrap()), 1);
        assert_eq!(pieces.at(0), 0);
        assert_eq!(pieces.text(), TEXT);
        let head = pieces.head("f").expect("parses");
        head["network"]["name"] = toml_edit::value("N");
        assert_eq!(
            pieces.text(),
            TEXT.replace("\"a.test\"\n", "\"a.test\"\nname = \"N\"\n")
        );
    }
}
