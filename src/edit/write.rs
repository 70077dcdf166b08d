//! Putting an edited file in place: under a lock, atomically, with its permissions kept.
//!
//! The lock is an exclusive `flock` on the file's directory, not on the file: the file is
//! replaced by a rename, so a lock on it would be left behind on the old inode and a second
//! writer could read the stale text. Readers need no lock: a rename is atomic, so they see the
//! old file or the new one, never half of either.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Held while a file is read, edited and replaced; released when dropped.
pub struct Lock {
    _directory: File,
}

/// Where a file really is: a symlinked config is edited at its target.
pub fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The directory of `path` (`.` for a bare file name).
fn directory(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Waits for, then takes, the lock of `path`'s directory.
pub fn lock(path: &Path) -> Result<Lock, Error> {
    let dir = directory(path);
    let failed = |e: std::io::Error| {
        Error::cant_write(format!("cannot lock {} for editing: {e}", dir.display())).caused_by(e)
    };
    let handle = File::open(dir).map_err(failed)?;
    handle.lock().map_err(failed)?;
    Ok(Lock { _directory: handle })
}

/// Replaces (or creates) `path` with `contents`: a temporary file in the same directory,
/// flushed to disk, given the old file's permissions, then renamed over `path`. On any
/// failure the old file is left exactly as it was.
pub fn replace(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let failed = |e: std::io::Error| {
        Error::cant_write(format!("cannot write {}: {e}", path.display())).caused_by(e)
    };
    let dir = directory(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".postback-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(failed)?;
    temp.write_all(contents).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    let permissions = match std::fs::metadata(path) {
        Ok(metadata) => metadata.permissions(),
        Err(_) => new_file_permissions(temp.as_file()).map_err(failed)?,
    };
    temp.as_file()
        .set_permissions(permissions)
        .map_err(failed)?;
    temp.persist(path).map_err(|e| failed(e.error))?;
    // The rename itself is durable once the directory is synced (best effort: not every
    // file system allows it).
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    Ok(())
}

/// A new file is readable by all, writable by its owner, like one an editor would create
/// (the temporary file starts private).
fn new_file_permissions(file: &File) -> std::io::Result<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file;
        Ok(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        Ok(file.metadata()?.permissions())
    }
}
