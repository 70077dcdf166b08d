//! Writing to standard output and error. A closed pipe (`postback urls | head -1`) is a quiet
//! success, never a panic.

use std::io::{self, Write};

use crate::error::Error;

/// Writes `bytes` to stdout in one go.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut stream = Stream::default();
    stream.write(bytes)?;
    stream.flush()
}

/// Standard output for a command that writes as it goes (`check` on a large input):
/// buffered, and a closed pipe ends the output quietly.
pub struct Stream {
    out: io::BufWriter<io::StdoutLock<'static>>,
    closed: bool,
}

impl Default for Stream {
    fn default() -> Self {
        Stream {
            out: io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            closed: false,
        }
    }
}

impl Stream {
    /// Whether the reader went away: there is no point in producing more.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.closed {
            return Ok(());
        }
        let result = self.out.write_all(bytes);
        self.settle(result)
    }

    pub fn flush(&mut self) -> Result<(), Error> {
        if self.closed {
            return Ok(());
        }
        let result = self.out.flush();
        self.settle(result)
    }

    fn settle(&mut self, result: io::Result<()>) -> Result<(), Error> {
        match result {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Error::Io(format!("cannot write to standard output: {e}"))),
        }
    }
}

/// A pretty-printed JSON array written one element at a time: the same bytes as
/// [`json`] of the whole array, without holding it.
#[derive(Default)]
pub struct JsonArray {
    started: bool,
}

impl JsonArray {
    pub fn element<T: serde::Serialize + ?Sized>(
        &mut self,
        value: &T,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        out.extend_from_slice(if self.started { b",\n  " } else { b"[\n  " });
        self.started = true;
        let element = serde_json::to_vec_pretty(value)
            .map_err(|e| Error::Io(format!("cannot write JSON: {e}")))?;
        // Indent the element one level; JSON strings hold no raw line break.
        for (index, line) in element.split(|&b| b == b'\n').enumerate() {
            if index > 0 {
                out.extend_from_slice(b"\n  ");
            }
            out.extend_from_slice(line);
        }
        Ok(())
    }

    pub fn finish(self, out: &mut Vec<u8>) {
        out.extend_from_slice(if self.started { b"\n]\n" } else { b"[]\n" });
    }
}

/// `value` as pretty-printed JSON with a final line break: every JSON output of the tool.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = serde_json::to_vec_pretty(value)
        .map_err(|e| Error::Io(format!("cannot write JSON: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

/// Writes `text` to stderr; a diagnostic that cannot be written is dropped.
pub fn write_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}
