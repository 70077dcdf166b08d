//! Writing to standard output and error. A closed pipe (`postback urls | head -1`) is a quiet
//! success, never a panic.

use std::io::{self, Write};

use crate::error::Error;

/// Writes `bytes` to stdout in one go.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(bytes).and_then(|()| lock.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io(format!("cannot write to standard output: {e}"))),
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
