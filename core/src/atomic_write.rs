//! Replacing a file so that a crash at any moment leaves either the old file
//! or the new one: write a temporary file in the same folder, fsync it,
//! rename it over the old one, fsync the folder.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn write(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let dir = parent_dir(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".state-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    temp.write_all(content)?;
    match std::fs::metadata(path) {
        Ok(metadata) => temp.as_file().set_permissions(metadata.permissions())?,
        Err(_) => set_default_permissions(temp.as_file()),
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    // The rename is only durable once the folder's entry is on disk too.
    File::open(&dir)?.sync_all()
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
