//! `markdown`: per campaign (and for the global level) a heading and a bullet per URL,
//! `` - **<goal>**: `<url>` ``, ready to paste into a ticket or a wiki. Each URL is a code
//! span, so a renderer shows it byte for byte: bare, it would be cut at the blank of
//! Singular's `{cl?Network Name}` or linked only up to a `{`.

use std::io::Write;

use crate::error::Error;
use crate::output::Sink;
use crate::rows::{Level, Row};

#[derive(Default)]
pub struct Markdown {
    /// The level and campaign of the last heading written.
    current: Option<(Level, Option<u64>)>,
}

impl<'c> Sink<Row<'c>> for Markdown {
    fn record(&mut self, row: Row<'c>, out: &mut dyn Write) -> Result<(), Error> {
        let owner = (row.level, row.campaign_id);
        if self.current != Some(owner) {
            if self.current.is_some() {
                out.write_all(b"\n")?;
            }
            let heading = match row.campaign_id {
                Some(id) => format!("## {id} {}\n\n", escape(row.campaign)),
                None => "## Global postbacks (network level)\n\n".to_string(),
            };
            out.write_all(heading.as_bytes())?;
            self.current = Some(owner);
        }
        // The URL stays as it is: escaping would change the bytes the advertiser copies.
        let bullet = format!("- **{}**: {}\n", escape(row.goal), code_span(&row.url));
        out.write_all(bullet.as_bytes())?;
        Ok(())
    }

    fn finish(self: Box<Self>, _out: &mut dyn Write) -> Result<(), Error> {
        Ok(())
    }
}

/// Names from the file, made inert: Markdown punctuation is backslash-escaped and line
/// breaks become spaces, so a name can neither format nor break the list.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c if crate::diagnostic::is_hidden(c) => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// `text` as a Markdown code span: between more backticks than any run inside it, with a
/// blank inside the fences when it starts or ends with a backtick (CommonMark strips one).
pub(super) fn code_span(text: &str) -> String {
    let longest = (text.split(|c| c != '`')).map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::{code_span, escape};

    #[test]
    fn a_url_is_one_code_span_whatever_it_holds() {
        assert_eq!(
            code_span("https://a/x?c={cl?Net Name}"),
            "`https://a/x?c={cl?Net Name}`"
        );
        assert_eq!(code_span("a`b``c"), "```a`b``c```");
        assert_eq!(code_span("`x`"), "`` `x` ``");
    }

    #[test]
    fn names_cannot_format_or_break_lines() {
        assert_eq!(escape("a*b_c [d]\ne"), "a\\*b\\_c \\[d\\] e");
    }
}
