//! Checking a stream of hit lines on every core. A reader thread cuts the input into
//! chunks, workers examine them, and the caller's thread concludes each line in input order
//! (the batch checks need that order) and hands it on to be written. The reports are the
//! same, byte for byte, whatever the number of threads.
//!
//! A chunk also ends where no more input is buffered, and the caller is told so: a live
//! stream (`tail -f access.log | postback check`) is answered line by line. Memory stays a
//! few chunks whatever the input's length.

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::Range;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use super::{Examined, Examiner, Report, Run};
use crate::error::Error;

/// Lines a chunk holds at most: enough to spread a channel's cost thin.
const CHUNK_LINES: usize = 512;

/// Lines of the input: their bytes as read, and each line's number and place in them.
#[derive(Default)]
struct Chunk {
    bytes: Vec<u8>,
    lines: Vec<(usize, Range<usize>)>,
    /// Whether no more input was buffered after its last line.
    idle: bool,
}

/// A chunk's hit lines, examined.
struct Examinations<'c> {
    lines: Vec<(usize, Examined<'c>)>,
    idle: bool,
}

/// What [`check_lines`] tells its caller, in input order.
pub enum Event<'c> {
    /// A hit line's report, with its 1-based line number.
    Report(usize, Report<'c>),
    /// No more input is buffered: the time to flush what was written.
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
    let input = BufReader::with_capacity(64 * 1024, input);
    std::thread::spawn(move || read_chunks(input, &to_workers));
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
            let Ok(examined) = results[turn].recv() else {
                return Ok(());
            };
            let examined = examined.map_err(|e| Error::io("cannot read standard input", e))?;
            for (number, line) in examined.lines {
                each(Event::Report(number, run.conclude(line)))?;
            }
            if examined.idle {
                each(Event::Idle)?;
            }
        }
        Ok(())
    })
}

/// The reader: chunks in turn to each worker, then a read error if there is one.
fn read_chunks(mut input: BufReader<impl Read>, workers: &[SyncSender<io::Result<Chunk>>]) {
    let mut number = 0;
    for turn in (0..workers.len()).cycle() {
        let mut chunk = Chunk::default();
        let ended = loop {
            let start = chunk.bytes.len();
            match input.read_until(b'\n', &mut chunk.bytes) {
                Ok(0) => break Ok(true),
                Ok(_) => {}
                Err(error) => break Err(error),
            }
            number += 1;
            chunk.lines.push((number, start..chunk.bytes.len()));
            chunk.idle = input.buffer().is_empty();
            if chunk.idle || chunk.lines.len() == CHUNK_LINES {
                break Ok(false);
            }
        };
        let (chunk, over) = match ended {
            Ok(over) => (Ok(chunk), over),
            // The lines before the error are checked first, then the error said.
            Err(error) => {
                let mut turn = turn;
                if !chunk.lines.is_empty() {
                    if workers[turn].send(Ok(chunk)).is_err() {
                        return;
                    }
                    turn = (turn + 1) % workers.len();
                }
                let _ = workers[turn].send(Err(error));
                return;
            }
        };
        if workers[turn].send(chunk).is_err() || over {
            return;
        }
    }
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
        let examined = chunk.map(|chunk| Examinations {
            lines: (chunk.lines.into_iter())
                .filter_map(|(number, range)| {
                    let line = hit_line(&chunk.bytes[range])?;
                    Some((number, examiner.examine(&line)))
                })
                .collect(),
            idle: chunk.idle,
        });
        if results.send(examined).is_err() {
            return;
        }
    }
}
