//! Putting an edited file in place: under a lock, atomically, with its owner, group and mode
//! kept, and never over a change another program made meanwhile.
//!
//! The lock is an exclusive `flock` on the file's directory, not on the file: the file is
//! replaced by a rename, so a lock on it would be left behind on the old inode and a second
//! writer could read the stale text. Readers need no lock: a rename is atomic, so they see the
//! old file or the new one, never half of either.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The prefix and suffix of postback's temporary files: any left beside a file were left by
/// a run that was killed (a live run holds the directory's lock).
const TEMP_PREFIX: &str = ".postback-";
const TEMP_SUFFIX: &str = ".tmp";

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

/// Whether `given` (the path as the user wrote it) and its target can be edited in place:
/// a regular file the owner may write, not a device or a process's descriptor (`-c
/// /dev/stdin` would otherwise edit whatever file stdin was redirected from). A missing file
/// is for the caller to report.
pub fn check_editable(given: &Path, target: &Path) -> Result<(), Error> {
    let shown = given.display();
    if given.starts_with("/dev") || given.starts_with("/proc") {
        return Err(
            Error::cant_write(format!("{shown} is not a file postback can edit in place"))
                .with_hint("use `-c -` to edit standard input and print the result"),
        );
    }
    // Missing, or a directory: reading it says so, as every command does (66).
    let Ok(metadata) = std::fs::metadata(target) else {
        return Ok(());
    };
    if metadata.is_dir() {
        return Ok(());
    }
    if !metadata.is_file() {
        return Err(Error::cant_write(format!("{shown} is not a regular file"))
            .with_hint("edit a file: postback replaces it with the edited copy"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if metadata.permissions().mode() & 0o200 == 0 {
            return Err(Error::cant_write(format!("{shown} is read-only"))
                .with_hint("make it writable (chmod u+w) if it is meant to be edited"));
        }
    }
    Ok(())
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
/// flushed to disk, given the old file's mode, owner and group, then renamed over `path`.
/// The copy is never readable by more people than the file: it is created owner-only
/// (0600) before its first byte, and gets the old file's mode only when it is whole; a new
/// file is created with 0666 less the umask, as the file itself will be. `expected` is what
/// the file held when it was read: if another program changed it since, nothing is
/// written. On any failure the old file is left exactly as it was. Errors name `shown`,
/// the path as the user gave it.
pub fn replace(
    path: &Path,
    shown: &Path,
    contents: &[u8],
    expected: Option<&[u8]>,
) -> Result<(), Error> {
    let failed = |e: std::io::Error| {
        // In the system's words, without the temporary file's name the error may carry.
        let e = e
            .raw_os_error()
            .map_or(e, std::io::Error::from_raw_os_error);
        Error::cant_write(format!("cannot write {}: {e}", shown.display())).caused_by(e)
    };
    let dir = directory(path);
    remove_stale_temporaries(dir);
    let old = std::fs::metadata(path).ok();
    let mut temp = temporary(dir, old.is_some()).map_err(failed)?;
    temp.write_all(contents).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    if let Some(old) = &old {
        temp.as_file()
            .set_permissions(old.permissions())
            .map_err(failed)?;
        keep_owner(temp.path(), old);
    }
    if let Some(expected) = expected {
        if std::fs::read(path).ok().as_deref() != Some(expected) {
            return Err(Error::cant_write(format!(
                "{} changed on disk while it was being edited; nothing was written",
                shown.display()
            ))
            .with_hint("run the command again on the file as it is now"));
        }
    }
    temp.persist(path).map_err(|e| failed(e.error))?;
    // The rename itself is durable once the directory is synced (best effort: not every
    // file system allows it).
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    Ok(())
}

/// An empty temporary file in `dir`: owner-only when it will replace a file (which may be
/// owner-only), else with the mode a new file gets (0666 less the umask).
fn temporary(dir: &Path, replacing: bool) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The system takes the umask off either mode.
        let mode = if replacing { 0o600 } else { 0o666 };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = replacing;
    builder.tempfile_in(dir)
}

/// Removes what killed edits left beside `path` when no edit is running there (the
/// directory's lock is free): any command that reads the file calls it, so a partial copy
/// does not wait for the next edit. It never waits for the lock.
pub fn sweep(path: &Path) {
    let dir = directory(path);
    let Ok(handle) = File::open(dir) else {
        return;
    };
    if handle.try_lock().is_ok() {
        remove_stale_temporaries(dir);
    }
}

/// Gives the new file the old one's owner and group, where the user may (root may; others
/// may keep their own group): the file must stay readable by whoever shares it.
fn keep_owner(path: &Path, old: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::chown(path, Some(old.uid()), Some(old.gid()));
    }
    #[cfg(not(unix))]
    let _ = (path, old);
}

/// Removes the temporary files of runs that were killed mid-edit (partial copies, possibly
/// with tokens). Called under the directory's lock, so no live run owns one.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_copy_of_an_owner_only_file_is_owner_only_from_its_first_byte() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let temp = temporary(dir.path(), true).expect("created");
        let mode = temp
            .as_file()
            .metadata()
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        // Where the test runs as root, another user really cannot read it.
        let is_root = std::process::Command::new("id").arg("-u").output();
        if is_root.is_ok_and(|o| o.stdout == b"0\n") {
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
            let read = std::process::Command::new("setpriv")
                .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "cat"])
                .arg(temp.path())
                .output();
            if let Ok(read) = read {
                assert!(!read.status.success(), "nobody read the copy");
                assert!(String::from_utf8_lossy(&read.stderr).contains("Permission denied"));
            }
        }
        // A file postback creates takes its mode from the umask as any file does.
        let fresh = temporary(dir.path(), false).expect("created");
        let mode = fresh
            .as_file()
            .metadata()
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o600, 0o600, "{mode:o}");
    }

    #[test]
    fn a_sweep_removes_what_a_killed_edit_left() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("campaigns.toml");
        std::fs::write(&path, "x").expect("write");
        let left = dir.path().join(".postback-abc.tmp");
        std::fs::write(&left, "partial").expect("write");
        // An edit in progress holds the lock: its copy is left alone.
        let held = lock(&path).expect("lock");
        sweep(&path);
        assert!(left.exists());
        drop(held);
        sweep(&path);
        assert!(!left.exists());
        assert!(path.exists());
    }

    #[test]
    fn a_file_changed_by_another_program_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("campaigns.toml");
        std::fs::write(&path, "changed meanwhile").expect("write");
        let error = replace(&path, &path, b"edited", Some(b"as read")).unwrap_err();
        assert_eq!(error.exit_code().code(), 73);
        assert!(
            error.message().contains("changed on disk"),
            "{}",
            error.message()
        );
        assert_eq!(std::fs::read(&path).expect("read"), b"changed meanwhile");
        // The temporary copy is gone too.
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
        replace(&path, &path, b"edited", Some(b"changed meanwhile")).expect("unchanged file");
        assert_eq!(std::fs::read(&path).expect("read"), b"edited");
    }
}
