//! Checking a stream of hit lines on every core. A reader thread cuts the input into
//! chunks, workers examine them, and the caller's thread concludes each line in input order
//! (the batch checks need that order) and hands it on to be written. The reports are the
//! same, byte for byte, whatever the number of threads.
//!
//! A chunk is what one read returns, cut after its last whole line. Whenever the caller's
//! thread would wait for the next chunk, it is told so first, to show what it wrote: a live
//! stream (`tail -f access.log | postback check`) is answered line by line. Memory stays a
//! few chunks whatever the input's length (a line longer than a read makes a longer chunk).

use std::borrow::Cow;
use std::io::{self, Read};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TryRecvError};

use super::{Examined, Examiner, Report, Run};
use crate::error::Error;

/// Bytes one read asks for: a chunk is what it returns, cut after its last whole line.
const READ_BYTES: usize = 64 * 1024;

/// Whole lines of the input, as read.
#[derive(Debug, PartialEq)]
struct Chunk {
    bytes: Vec<u8>,
    /// The number of its first line.
    first_line: usize,
}

/// Cuts the input into chunks of whole lines. The workers split the lines, so the reader
/// does little more than read.
struct Reader<R> {
    input: R,
    /// The start of a line the last read began.
    carry: Vec<u8>,
    next_line: usize,
}

impl<R: Read> Reader<R> {
    fn new(input: R) -> Self {
        Reader {
            input,
            carry: Vec::new(),
            next_line: 1,
        }
    }

    /// The next chunk; `None` at the end of the input.
    fn next_chunk(&mut self) -> io::Result<Option<Chunk>> {
        let mut bytes = std::mem::take(&mut self.carry);
        let over = loop {
            let filled = bytes.len();
            bytes.resize(filled + READ_BYTES, 0);
            let read = loop {
                match self.input.read(&mut bytes[filled..]) {
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                    result => break result?,
                }
            };
            bytes.truncate(filled + read);
            if read == 0 || memchr::memchr(b'\n', &bytes[filled..]).is_some() {
                break read == 0;
            }
        };
        if !over {
            // A line still being written waits for the next read.
            let end = memchr::memrchr(b'\n', &bytes).map_or(0, |at| at + 1);
            self.carry = bytes.split_off(end);
        }
        if bytes.is_empty() {
            return Ok(None);
        }
        let first_line = self.next_line;
        self.next_line += memchr::memchr_iter(b'\n', &bytes).count();
        Ok(Some(Chunk { bytes, first_line }))
    }
}

/// A chunk's hit lines, examined.
type Examinations<'c> = Vec<(usize, Examined<'c>)>;

/// What [`check_lines`] tells its caller, in input order.
pub enum Event<'c> {
    /// A hit line's report, with its 1-based line number.
    Report(usize, Report<'c>),
    /// The next report is not ready: the time to show what was written.
    Idle,
}

/// Checks each hit line of `input` (blank and `#` lines skipped) on `workers` threads
/// besides the reader's and the caller's, and tells `each` of every report.
pub fn check_lines<'c>(
    run: &mut Run<'_, 'c>,
    input: impl Read + Send + 'static,
    workers: usize,
    mut each: impl FnMut(Event<'c>) -> Result<(), Error>,
) -> Result<(), Error> {
    let workers = workers.max(1);
    let (mut to_workers, mut from_reader) = (Vec::new(), Vec::new());
    for _ in 0..workers {
        let (send, receive) = sync_channel::<io::Result<Chunk>>(1);
        to_workers.push(send);
        from_reader.push(receive);
    }
    // Not scoped: it may wait on a terminal or a pipe for good, and must not keep an
    // early return (a closed stdout) waiting.
    let reader = Reader::new(input);
    std::thread::spawn(move || read_chunks(reader, &to_workers));
    let examiner = run.examiner();
    std::thread::scope(|scope| {
        let results: Vec<Receiver<io::Result<Examinations<'c>>>> = from_reader
            .into_iter()
            .map(|chunks| {
                let (send, receive) = sync_channel(1);
                scope.spawn(move || examine_chunks(examiner, chunks, send));
                receive
            })
            .collect();
        // Chunk k went to worker k % workers: taking them in turn restores the input order,
        // and the first worker with nothing more means the input is over.
        for turn in (0..workers).cycle() {
            let examined = match results[turn].try_recv() {
                Ok(examined) => examined,
                Err(TryRecvError::Empty) => {
                    each(Event::Idle)?;
                    match results[turn].recv() {
                        Ok(examined) => examined,
                        Err(_) => return Ok(()),
                    }
                }
                Err(TryRecvError::Disconnected) => return Ok(()),
            };
            let examined = examined.map_err(|e| Error::io("cannot read standard input", e))?;
            for (number, line) in examined {
                each(Event::Report(number, run.conclude(line)))?;
            }
        }
        Ok(())
    })
}

/// The reader: chunks in turn to each worker, then a read error if there is one (after
/// the lines before it).
fn read_chunks(mut reader: Reader<impl Read>, workers: &[SyncSender<io::Result<Chunk>>]) {
    for turn in (0..workers.len()).cycle() {
        let chunk = match reader.next_chunk() {
            Ok(None) => return,
            Ok(Some(chunk)) => Ok(chunk),
            Err(error) => Err(error),
        };
        let failed = chunk.is_err();
        if workers[turn].send(chunk).is_err() || failed {
            return;
        }
    }
}

/// The lines of `bytes`, without their `\n`.
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        Some(line)
    })
}

/// A line as a hit, invalid UTF-8 replaced; `None` for a blank or `#` line.
fn hit_line(bytes: &[u8]) -> Option<Cow<'_, str>> {
    // Validation alone is faster than the lossy reading, and invalid bytes are rare.
    let line = match std::str::from_utf8(bytes) {
        Ok(line) => Cow::Borrowed(line),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let trimmed = line.trim();
    (!trimmed.is_empty() && !trimmed.starts_with('#')).then_some(line)
}

/// A worker: examines each chunk it is given and passes it on.
fn examine_chunks<'c>(
    examiner: Examiner<'_, 'c>,
    chunks: Receiver<io::Result<Chunk>>,
    results: SyncSender<io::Result<Examinations<'c>>>,
) {
    for chunk in chunks {
        let examined = chunk.map(|chunk| {
            (lines(&chunk.bytes).zip(chunk.first_line..))
                .filter_map(|(line, number)| Some((number, examiner.examine(&hit_line(line)?))))
                .collect()
        });
        if results.send(examined).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Mode, Network};
    use crate::diagnostic::Severity;
    use crate::source::Source;

    /// Input that arrives in pieces, as from a pipe, then perhaps fails.
    struct Pieces {
        pieces: Vec<Vec<u8>>,
        fail: bool,
    }

    impl Read for Pieces {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            let Some(piece) = self.pieces.first_mut() else {
                return match self.fail {
                    true => Err(io::Error::other("the pipe broke")),
                    false => Ok(0),
                };
            };
            let n = piece.len().min(buffer.len());
            buffer[..n].copy_from_slice(&piece[..n]);
            piece.drain(..n);
            if piece.is_empty() {
                self.pieces.remove(0);
            }
            Ok(n)
        }
    }

    fn pieces(pieces: &[&str], fail: bool) -> Pieces {
        Pieces {
            pieces: pieces.iter().map(|p| p.as_bytes().to_vec()).collect(),
            fail,
        }
    }

    #[test]
    fn chunks_hold_whole_lines_numbered_across_reads() {
        let mut reader = Reader::new(pieces(&["a\nb", "c\nd\n", "e"], false));
        let mut chunks = Vec::new();
        while let Some(chunk) = reader.next_chunk().expect("reads") {
            chunks.push((String::from_utf8(chunk.bytes).unwrap(), chunk.first_line));
        }
        assert_eq!(
            chunks,
            [
                ("a\n".to_string(), 1),
                ("bc\nd\n".to_string(), 2),
                ("e".to_string(), 4),
            ]
        );
    }

    #[test]
    fn a_line_longer_than_a_read_is_kept_whole() {
        let long = "x".repeat(READ_BYTES * 2 + 10);
        let input = pieces(&[&long, "\nshort\n"], false);
        let mut reader = Reader::new(input);
        let first = reader.next_chunk().unwrap().unwrap();
        assert_eq!(first.bytes, format!("{long}\nshort\n").into_bytes());
        let second = reader.next_chunk().unwrap();
        assert!(second.is_none());
    }

    #[test]
    fn a_full_chunk_ends_after_a_whole_line() {
        let mut reader = Reader::new(io::Cursor::new(hits(2000).into_bytes()));
        let first = reader.next_chunk().unwrap().unwrap();
        assert!(first.bytes.ends_with(b"\n") && first.bytes.len() <= READ_BYTES);
        let second = reader.next_chunk().unwrap().unwrap();
        let lines = memchr::memchr_iter(b'\n', &first.bytes).count();
        assert_eq!(second.first_line, lines + 1);
    }

    const FILE: &str = "[network]\ndomain = \"a.test\"\nsecurity_token = \"global-token\"\n\n\
        [advertisers.a]\nname = \"A\"\nsecurity_token = \"tok-a\"\n\n\
        [[campaigns]]\nid = 1\nname = \"C\"\nadvertiser = \"a\"\nparams = [\"txn_id\"]\n";

    /// A hit per line, click ids repeating every 700 lines: duplicates across chunks.
    fn hits(count: usize) -> String {
        (0..count)
            .map(|n| {
                let click = n % 700;
                format!("https://a.test/acquisition?click_id=c{click}&security_token=tok-a&txn_id=T{n}\n")
            })
            .collect()
    }

    /// `check_lines` over `input` against [`FILE`], telling `each` of every event.
    fn check_file(
        input: impl Read + Send + 'static,
        workers: usize,
        each: impl FnMut(Event<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let source = Source::new("t.toml", FILE.to_string());
        let loaded = crate::config::load(&source);
        let config = loaded.config.expect("valid");
        let network = Network::new(&config);
        check_lines(&mut Run::new(&network, Mode::Hit), input, workers, each)
    }

    /// (line, verdict, codes) of each report.
    fn reports(input: impl Read + Send + 'static, workers: usize) -> (Vec<String>, Option<String>) {
        let mut seen = Vec::new();
        let result = check_file(input, workers, |event| {
            if let Event::Report(number, report) = event {
                let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
                let verdict = if report.has(Severity::Error) {
                    "error"
                } else {
                    report.verdict()
                };
                seen.push(format!("{number} {verdict} {}", codes.join(",")));
            }
            Ok(())
        });
        (seen, result.err().map(|e| e.to_string()))
    }

    #[test]
    fn reports_come_in_input_order_whatever_the_workers() {
        let input = hits(4000);
        assert!(input.len() > 4 * READ_BYTES, "several chunks");
        let (one, _) = reports(io::Cursor::new(input.clone().into_bytes()), 1);
        let (four, _) = reports(io::Cursor::new(input.into_bytes()), 4);
        assert_eq!(one, four);
        assert_eq!(one.len(), 4000);
        assert_eq!(one[699], "700 ok ");
        assert_eq!(one[700], "701 warning DUPLICATE_CLICK_ID");
        assert_eq!(one[3999], "4000 warning DUPLICATE_CLICK_ID");
    }

    #[test]
    fn blank_and_comment_lines_are_skipped_but_counted() {
        let input = "\n# a note\nhttps://a.test/acquisition?click_id=1&security_token=tok-a&txn_id=T\n  \nnot a url\n";
        let (seen, error) = reports(io::Cursor::new(input.as_bytes().to_vec()), 2);
        assert_eq!(seen, ["3 ok ", "5 error INVALID_URL"]);
        assert_eq!(error, None);
    }

    #[test]
    fn crlf_invalid_utf8_and_a_last_line_without_newline_are_hits() {
        let hit = |click: &str| {
            format!(
                "https://a.test/acquisition?click_id={click}&security_token=tok-a&txn_id=T{click}"
            )
        };
        let mut input = format!("{}\r\n", hit("1")).into_bytes();
        input.extend(
            b"https://a.test/acquisition?click_id=\xff\xfe&security_token=tok-a&txn_id=T2\n",
        );
        // The same hit again, its last line without a newline: a duplicate, so read whole.
        input.extend(hit("1").into_bytes());
        let (seen, error) = reports(io::Cursor::new(input), 2);
        // A carriage return is not part of the token; invalid bytes are read as U+FFFD.
        assert_eq!(
            seen,
            [
                "1 ok ",
                "2 ok ",
                "3 warning DUPLICATE_CLICK_ID,DUPLICATE_TXN_ID"
            ]
        );
        assert_eq!(error, None);
    }

    #[test]
    fn a_read_error_comes_after_the_lines_before_it() {
        let first = "https://a.test/acquisition?click_id=1&security_token=tok-a&txn_id=T\n";
        let input = pieces(&[first, "half a li"], true);
        let (seen, error) = reports(input, 2);
        assert_eq!(seen, ["1 ok "]);
        let error = error.expect("the read error");
        assert!(error.contains("cannot read standard input"), "{error}");
    }

    /// Input that a test writes as it goes, like a log being appended to: ends when the
    /// writer is dropped, or after a few seconds without a line.
    struct Live(std::sync::mpsc::Receiver<&'static str>);

    impl Read for Live {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            let wait = std::time::Duration::from_secs(5);
            let Ok(line) = self.0.recv_timeout(wait) else {
                return Ok(0);
            };
            buffer[..line.len()].copy_from_slice(line.as_bytes());
            Ok(line.len())
        }
    }

    #[test]
    fn waiting_for_input_shows_what_was_written() {
        let (writer, input) = std::sync::mpsc::channel();
        writer.send("not a url\n").unwrap();
        let mut writer = Some(writer);
        let mut events = Vec::new();
        check_file(Live(input), 2, |event| {
            match event {
                Event::Report(number, _) => events.push(format!("line {number}")),
                // The next line is written only once the first one's report could be shown:
                // a stream that is not answered until it ends would time out here.
                Event::Idle if events.last().is_some_and(|e| e == "line 1") => {
                    events.push("idle".to_string());
                    writer.as_ref().map(|w| w.send("nor this\n"));
                }
                Event::Idle if events.last().is_some_and(|e| e == "line 2") => {
                    events.push("idle".to_string());
                    writer = None;
                }
                Event::Idle => {}
            }
            Ok(())
        })
        .expect("checks");
        assert_eq!(events, ["line 1", "idle", "line 2", "idle"]);
    }
}
