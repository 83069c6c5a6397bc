//! Reading and writing the files the tool owns, safely whatever is at the
//! path: a file is read only when it is a regular file (a device such as
//! `/dev/zero` would never end, a FIFO would block) of at most a known size,
//! and replaced so that a crash at any moment leaves either the old file or
//! the new one. A path that is a symlink is written through: the link stays,
//! its target gets the new content. Nothing but a regular file is ever replaced.

use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The largest roadmap file read: far above any plan (the 10 000-step test
/// file is 0.4 MiB), far below what would strain memory.
pub const ROADMAP_LIMIT: u64 = 16 << 20;
/// The largest plan table `roadmap import` reads: a workbook with pictures
/// in it is a few MiB.
pub const IMPORT_LIMIT: u64 = 64 << 20;
/// The largest state file read: about two million changes.
pub const STATE_LIMIT: u64 = 256 << 20;

/// What is at a path that is not a regular file, in words.
fn kind(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = metadata.file_type();
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Refuses `path` unless it is a regular file or missing; `what` names it
/// in the message ("the state file"). Symlinks are followed.
pub fn check(path: &Path, what: &str) -> Result<Option<Metadata>> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(Some(m)),
        Ok(m) => Err(Error::refused(
            format!("{what} {} is {}, not a file", path.display(), kind(&m)),
            format!("give the path of a regular file for {what}"),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(format!("cannot read {what} {}", path.display()), e)),
    }
}

/// The bytes of the regular file at `path`, or `None` when there is none.
/// Refused, before anything is read, when it is not a regular file or is
/// larger than `limit`; reading stops at `limit` even if the file grows.
pub fn read(path: &Path, limit: u64, what: &str) -> Result<Option<Vec<u8>>> {
    let Some(metadata) = check(path, what)? else {
        return Ok(None);
    };
    let too_big = |size: u64| {
        Error::refused(
            format!(
                "{what} {} is {} MiB, more than the {} MiB this roadmap reads",
                path.display(),
                size.div_ceil(1 << 20),
                limit >> 20
            ),
            "check that it is the file you meant; split a roadmap this big into several files",
        )
    };
    if metadata.len() > limit {
        return Err(too_big(metadata.len()));
    }
    let cannot = |e| Error::io(format!("cannot read {what} {}", path.display()), e);
    let file = File::open(path).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(Some(bytes))
}

/// The file a write to `path` changes: `path`, or the file a symlink at it
/// points to (followed to the end). A missing file's folder must exist.
pub fn target(path: &Path, what: &str) -> Result<PathBuf> {
    check(path, what)?;
    // What is there is asked before where it leads: a file that another
    // command writes in between (the same new file) is then found where it
    // leads, not taken for a symlink whose end is missing.
    let resolved = match (std::fs::symlink_metadata(path), std::fs::canonicalize(path)) {
        (_, Ok(real)) => real,
        (Ok(found), Err(_)) if found.file_type().is_symlink() => {
            return Err(Error::refused(
                format!("{what} {} is a symlink to a file that does not exist", path.display()),
                "point the link at an existing file, or give the path of a regular file",
            ));
        }
        // Missing: the path as given.
        _ => path.to_path_buf(),
    };
    let dir = parent_dir(&resolved);
    if !dir.is_dir() {
        return Err(Error::refused(
            format!(
                "cannot write {what} {}: the folder {} does not exist",
                path.display(),
                dir.display()
            ),
            "create the folder first, or give a path in an existing one",
        ));
    }
    Ok(resolved)
}

/// Replaces the file at `path` (see `target`) so that a crash at any moment
/// leaves either the old file or the new one: a temporary file in the same
/// folder, fsynced, renamed over it, the folder fsynced.
pub fn replace(path: &Path, content: &[u8], what: &str) -> Result<()> {
    write(path, content, what, true)
}

/// Writes a new file at `path` as `replace` does, and refuses, writing
/// nothing, when something is there already, even when it appears while
/// this one is written: the rename does not replace (two commands writing
/// the same new file cannot both say they wrote it).
pub fn create(path: &Path, content: &[u8], what: &str) -> Result<()> {
    write(path, content, what, false)
}

fn write(path: &Path, content: &[u8], what: &str, replacing: bool) -> Result<()> {
    let target = target(path, what)?;
    let exists = || Error::Exists {
        path: path.to_path_buf(),
    };
    if !replacing && std::fs::symlink_metadata(&target).is_ok() {
        return Err(exists());
    }
    // The operating system's reason, without the temporary file's name.
    let cannot = |e: std::io::Error| Error::io(format!("cannot write {what} {}", path.display()), without_temp(e));
    let dir = parent_dir(&target);
    let mut temp = tempfile::Builder::new()
        .prefix(".roadmap-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(cannot)?;
    temp.write_all(content).map_err(cannot)?;
    match std::fs::metadata(&target) {
        Ok(metadata) => temp.as_file().set_permissions(metadata.permissions()).map_err(cannot)?,
        Err(_) => set_default_permissions(temp.as_file()),
    }
    temp.as_file().sync_all().map_err(cannot)?;
    if replacing {
        temp.persist(&target).map_err(|e| cannot(e.error))?;
    } else {
        temp.persist_noclobber(&target).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                exists()
            } else {
                cannot(e.error)
            }
        })?;
    }
    // The rename is only durable once the folder's entry is on disk too.
    File::open(&dir).and_then(|d| d.sync_all()).map_err(cannot)
}

/// An error of the operating system as it says it, without the path of the
/// temporary file it happened on (the person wrote to another path).
fn without_temp(e: std::io::Error) -> std::io::Error {
    if let Some(code) = e.raw_os_error() {
        return std::io::Error::from_raw_os_error(code);
    }
    if e.get_ref().is_none() {
        return e;
    }
    let said = e.to_string();
    let said = said.split(" at path ").next().unwrap_or(&said).to_string();
    std::io::Error::new(e.kind(), said)
}

#[cfg(unix)]
fn set_default_permissions(file: &File) {
    use std::os::unix::fs::PermissionsExt;
    // tempfile makes files only their owner can read; these are shared like any other.
    let _ = file.set_permissions(std::fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn set_default_permissions(_: &File) {}

/// The folder a file is in ("." for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symlink_is_written_through_and_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, b"new", "the file").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn devices_folders_and_big_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(Path::new("/dev/zero"), 10, "the file").is_err());
        assert!(read(dir.path(), 10, "the file").is_err());
        let big = dir.path().join("big");
        std::fs::write(&big, [b'x'; 11]).unwrap();
        let Err(Error::Refused { message, .. }) = read(&big, 10, "the file") else {
            panic!("too big")
        };
        assert!(message.contains("more than"), "{message}");
        assert_eq!(read(&dir.path().join("missing"), 10, "the file").unwrap(), None);
    }
}
