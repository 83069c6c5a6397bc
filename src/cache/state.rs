//! The checked changes of a state file, so that a command reads only the
//! lines added since the last one. The cache records a prefix of the file (up
//! to a line end): its length, a 128-bit hash of its bytes, how many lines it
//! has, and the changes read from it, all of them valid. It is used only when
//! the file still starts with exactly those bytes, so an edit, a git merge or
//! a checkout anywhere in the prefix makes it a miss, never a wrong answer.

use std::io::Read;
use std::path::Path;

use super::codec::{Damaged, Decoded, Reader, Writer};
use crate::state::file::Log;

const KIND: &str = "state";

/// A prefix of the state file that an earlier read found valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// Its length in bytes; it ends with a line end (or is empty).
    pub len: usize,
    /// The lines in it.
    pub lines: usize,
}

/// The checked prefix of `bytes` (the state file at `path`), and its changes.
pub fn load(path: &Path, bytes: &[u8]) -> Option<(Checked, Log)> {
    let mut content = Vec::new();
    std::fs::File::open(super::file_for(KIND, path)?)
        .ok()?
        .read_to_end(&mut content)
        .ok()?;
    let mut r = Reader::new(content.strip_prefix(super::header(KIND).as_slice())?);
    let claim = read_claim(&mut r).ok()?;
    if !claim.holds_for(bytes) {
        return None;
    }
    let log = read_log(&mut Reader::framed(r.rest()).ok()?).ok()?;
    Some((claim.checked, log))
}

/// The changes the cache holds for the state file at `path`, if the cache
/// still makes `claim` (the caller has checked the file against it).
pub fn changes(path: &Path, claim: &Claim) -> Option<Log> {
    let mut content = Vec::new();
    std::fs::File::open(super::file_for(KIND, path)?)
        .ok()?
        .read_to_end(&mut content)
        .ok()?;
    let mut r = Reader::new(content.strip_prefix(super::header(KIND).as_slice())?);
    let found = read_claim(&mut r).ok()?;
    if found.checked != claim.checked || found.hash != claim.hash {
        return None;
    }
    read_log(&mut Reader::framed(r.rest()).ok()?).ok()
}

/// What the cache says about the start of the state file at `path`, not yet
/// compared with the file: for writers, which stream the file (see
/// `state::file::update`) and compare as they go.
pub fn claim(path: &Path) -> Option<Claim> {
    let header = super::header(KIND);
    // Length (u64), hash (u128), lines (u64): what `read_claim` reads.
    let mut start = vec![0; header.len() + 8 + 16 + 8];
    std::fs::File::open(super::file_for(KIND, path)?)
        .ok()?
        .read_exact(&mut start)
        .ok()?;
    read_claim(&mut Reader::new(start.strip_prefix(header.as_slice())?)).ok()
}

/// A checked prefix as the cache records it: it holds if the file's first
/// `checked.len` bytes hash to `hash` (`super::hash`, or `Hasher` fed in pieces).
#[derive(Debug, Clone, Copy)]
pub struct Claim {
    pub checked: Checked,
    pub hash: u128,
}

impl Claim {
    fn holds_for(&self, bytes: &[u8]) -> bool {
        self.checked.len <= bytes.len() && super::hash(&bytes[..self.checked.len]) == self.hash
    }
}

/// The cache's hash, fed in pieces.
pub type Hasher = xxhash_rust::xxh3::Xxh3Default;

/// Records that `bytes`, up to their last line end, read as `log` without a problem.
/// `log` may hold changes from a last line with no line end; those are left out.
pub fn store(path: &Path, bytes: &[u8], log: &Log) {
    let Some(cache) = super::file_for(KIND, path) else {
        return;
    };
    let len = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
    let prefix = &bytes[..len];
    let lines = memchr::memchr_iter(b'\n', prefix).count();
    let mut claim = Writer::default();
    claim.u64(len as u64);
    claim.u128(super::hash(prefix));
    claim.u64(lines as u64);
    let mut changes = Writer::default();
    let kept = log.lines.iter().take_while(|&&line| line <= lines).count();
    changes.len(kept);
    for (event, line) in log.events.iter().zip(&log.lines).take(kept) {
        super::codec::write_event(&mut changes, event);
        changes.u64(*line as u64);
    }
    let Some(changes) = changes.framed() else { return };
    let mut content = super::header(KIND);
    content.extend_from_slice(&claim.bytes);
    content.extend_from_slice(&changes);
    super::store(&cache, &content);
}

fn read_claim(r: &mut Reader<'_>) -> Decoded<Claim> {
    let len = usize::try_from(r.u64()?).map_err(|_| Damaged)?;
    let hash = r.u128()?;
    let lines = usize::try_from(r.u64()?).map_err(|_| Damaged)?;
    Ok(Claim {
        checked: Checked { len, lines },
        hash,
    })
}

fn read_log(r: &mut Reader<'_>) -> Decoded<Log> {
    let count = r.len()?;
    let mut log = Log {
        events: Vec::with_capacity(count.min(r.remaining())),
        lines: Vec::with_capacity(count.min(r.remaining())),
    };
    for _ in 0..count {
        log.events.push(super::codec::read_event(r)?);
        log.lines.push(usize::try_from(r.u64()?).map_err(|_| Damaged)?);
    }
    Ok(log)
}
