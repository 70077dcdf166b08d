//! Line endings after an edit: each line the edit kept gets its own ending back (a file may
//! mix CRLF and LF), a new line gets the file's usual one, and a file without a final line
//! break still has none.

/// How far ahead a kept line is looked for, past lines an edit removed.
const LOOKAHEAD: usize = 64;

/// `edited` (LF only) with the line endings of `original`.
pub fn restore(original: &str, edited: &str) -> String {
    // Each line and its ending: CRLF, LF, or none (the last line of some files).
    let lines: Vec<(&str, Option<bool>)> = original
        .split_inclusive('\n')
        .map(|line| match line.strip_suffix("\r\n") {
            Some(body) => (body, Some(true)),
            None => match line.strip_suffix('\n') {
                Some(body) => (body, Some(false)),
                None => (line, None),
            },
        })
        .collect();
    let crlf_lines = lines.iter().filter(|(_, crlf)| *crlf == Some(true)).count();
    let usual_crlf = crlf_lines * 2 > lines.len();
    let mut out = String::with_capacity(edited.len() + crlf_lines);
    let mut next = 0;
    for line in edited.split_inclusive('\n') {
        let Some(body) = line.strip_suffix('\n') else {
            // The last line, without a break.
            out.push_str(line);
            continue;
        };
        let window = lines.iter().enumerate().skip(next).take(LOOKAHEAD);
        let crlf = match window.into_iter().find(|(_, (kept, _))| *kept == body) {
            Some((at, (_, crlf))) => {
                next = at + 1;
                crlf.unwrap_or(usual_crlf)
            }
            None => usual_crlf,
        };
        out.push_str(body);
        out.push_str(if crlf { "\r\n" } else { "\n" });
    }
    // A file that ended without a line break still does.
    if !original.is_empty() && !original.ends_with('\n') {
        let end = out.trim_end_matches(['\r', '\n']).len();
        out.truncate(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::restore;

    #[test]
    fn each_kept_line_keeps_its_ending() {
        let original = "a = 1\r\nb = 2\nc = 3\r\n";
        let edited = "a = 1\nb = 2\nnew = 4\nc = 3\n";
        assert_eq!(
            restore(original, edited),
            "a = 1\r\nb = 2\nnew = 4\r\nc = 3\r\n"
        );
    }

    #[test]
    fn new_lines_take_the_usual_ending_and_a_missing_final_break_stays_missing() {
        assert_eq!(
            restore("a = 1\nb = 2", "a = 1\nb = 2\n\nc = 3\n"),
            "a = 1\nb = 2\n\nc = 3"
        );
        assert_eq!(restore("a\r\nb\r\n", "a\nx\nb\n"), "a\r\nx\r\nb\r\n");
    }

    #[test]
    fn removed_lines_do_not_shift_the_rest() {
        let original = "a\r\nold\nb\n";
        assert_eq!(restore(original, "a\nb\n"), "a\r\nb\n");
    }
}
