//! Caches that let a command skip work it has done before: parsed roadmap
//! files (`roadmaps`) and the checked changes of a state file (`state`).
//!
//! Why: parsing TOML is most of what every command costs once there are
//! hundreds of roadmap files (see bench/PROFILE.md), and the same files are
//! read again by every command. A cache is only ever an optimisation: it lives
//! in the user's cache folder (or `ROADMAP_CACHE_DIR`; empty turns caching
//! off), a missing, stale or damaged cache is ignored and rebuilt, and failing
//! to write one is not an error.

pub mod codec;
pub mod roadmaps;
pub mod state;

use std::io::Write;
use std::path::{Path, PathBuf};

/// Bumped whenever the binary form changes, so no build reads another's cache.
const FORMAT: u32 = 3;

/// The folder caches go in, or `None` when caching is off or there is no such folder.
fn folder() -> Option<PathBuf> {
    match std::env::var_os("ROADMAP_CACHE_DIR") {
        Some(dir) if dir.is_empty() => None,
        Some(dir) => Some(PathBuf::from(dir)),
        None => directories::ProjectDirs::from("", "", "roadmap").map(|d| d.cache_dir().to_path_buf()),
    }
}

/// The cache file of `kind` that belongs to `path` (a roadmap folder or a state file).
fn file_for(kind: &str, path: &Path) -> Option<PathBuf> {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let key = hash(path.as_os_str().as_encoded_bytes());
    Some(folder()?.join(format!("{kind}-{key:032x}.bin")))
}

pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The identifying start of every cache file: what it is, and which build wrote it.
fn header(kind: &str) -> Vec<u8> {
    format!("roadmap {kind} cache {FORMAT} {}\n", env!("CARGO_PKG_VERSION")).into_bytes()
}

/// Replaces a cache file whole (a reader sees the old one or the new one),
/// without fsync: a cache lost in a crash is rebuilt. Failures are ignored.
fn store(path: &Path, content: &[u8]) {
    let write = || -> std::io::Result<()> {
        let dir = crate::atomic_write::parent_dir(path);
        std::fs::create_dir_all(&dir)?;
        let mut temp = tempfile::Builder::new().prefix(".cache-").tempfile_in(&dir)?;
        temp.write_all(content)?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    };
    let _ = write();
}
