//! The checked changes of a state file, so that a command reads only the
//! lines added since the last one. The cache records a prefix of the file (up
//! to a line end): its length, a 128-bit hash of its bytes, how many lines it
//! has, and the changes read from it, all of them valid. It is used only when
//! the file still starts with exactly those bytes, so an edit, a git merge or
//! a checkout anywhere in the prefix makes it a miss, never a wrong answer.
//!
//! Before the changes it also records what `overdue` needs of them: the marks
//! that are not open and the roadmaps with recorded progress (`Summary`), so
//! that `overdue` reads a few kilobytes instead of decoding and folding the
//! whole log.

use std::io::Read;
use std::path::Path;

use super::codec::{Damaged, Decoded, Reader, Writer};
use crate::state::file::Log;
use crate::state::{Event, Mark, Marks, State};

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
    read_changes(path, |found| found.holds_for(bytes)).map(|(claim, log)| (claim.checked, log))
}

/// The changes the cache holds for the state file at `path`, if the cache
/// still makes `claim` (the caller has checked the file against it).
pub fn changes(path: &Path, claim: &Claim) -> Option<Log> {
    read_changes(path, |found| found == claim).map(|(_, log)| log)
}

/// The cache's claim and changes, if `accept` takes the claim.
fn read_changes(path: &Path, accept: impl FnOnce(&Claim) -> bool) -> Option<(Claim, Log)> {
    let mut content = Vec::new();
    std::fs::File::open(super::file_for(KIND, path)?)
        .ok()?
        .read_to_end(&mut content)
        .ok()?;
    let mut r = Reader::new(content.strip_prefix(super::header(KIND).as_slice())?);
    let claim = read_claim(&mut r).ok()?;
    if !accept(&claim) {
        return None;
    }
    skip_summary(&mut r).ok()?;
    let log = read_log(&mut Reader::framed(r.rest()).ok()?).ok()?;
    Some((claim, log))
}

/// What `overdue` needs of the changes in the checked prefix.
pub struct Summary {
    /// The marks that are not open (`State::marks`).
    pub marks: Marks,
    /// The roadmaps with recorded progress (`state::roadmaps_of`).
    pub roadmaps: Vec<String>,
}

impl Summary {
    pub fn of(events: &[Event]) -> Summary {
        Summary {
            marks: State::fold(events).marks(),
            roadmaps: crate::state::roadmaps_of(events)
                .into_iter()
                .map(String::from)
                .collect(),
        }
    }
}

/// The summary the cache holds for the state file at `path`, if the cache
/// still makes `claim` (the caller has checked the file against it). Only
/// the start of the cache file is read.
pub fn summary(path: &Path, claim: &Claim) -> Option<Summary> {
    let mut file = std::fs::File::open(super::file_for(KIND, path)?).ok()?;
    let header = super::header(KIND);
    // Length (u64), hash (u128), lines (u64), then the summary's length (u64).
    let mut start = vec![0; header.len() + 8 + 16 + 8 + 8];
    file.read_exact(&mut start).ok()?;
    let mut r = Reader::new(start.strip_prefix(header.as_slice())?);
    if read_claim(&mut r).ok()? != *claim {
        return None;
    }
    let mut bytes = vec![0; usize::try_from(r.u64().ok()?).ok()?];
    file.read_exact(&mut bytes).ok()?;
    let mut r = Reader::framed(&bytes).ok()?;
    let marks = r
        .list(|r| {
            let target = r.text()?;
            let mark = match r.u8()? {
                1 => Mark::Done,
                2 => Mark::Skipped,
                _ => return Err(Damaged),
            };
            Ok((target, mark))
        })
        .ok()?;
    let roadmaps = r.list(|r| r.text().map(|id| id.to_string())).ok()?;
    r.is_empty().then(|| Summary {
        marks: marks.into_iter().collect(),
        roadmaps,
    })
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    let Some(summary) = write_summary(&Summary::of(&log.events[..kept])) else {
        return;
    };
    let mut content = super::header(KIND);
    content.extend_from_slice(&claim.bytes);
    content.extend_from_slice(&(summary.len() as u64).to_le_bytes());
    content.extend_from_slice(&summary);
    content.extend_from_slice(&changes);
    super::store(&cache, &content);
}

fn write_summary(summary: &Summary) -> Option<Vec<u8>> {
    let mut w = Writer::default();
    let marks: Vec<_> = summary.marks.iter().collect();
    w.len(marks.len());
    for (target, mark) in marks {
        w.text(target);
        w.u8(match mark {
            Mark::Open => 0,
            Mark::Done => 1,
            Mark::Skipped => 2,
        });
    }
    w.len(summary.roadmaps.len());
    for id in &summary.roadmaps {
        w.text(id);
    }
    w.framed()
}

fn skip_summary(r: &mut Reader<'_>) -> Decoded<()> {
    let len = usize::try_from(r.u64()?).map_err(|_| Damaged)?;
    r.take(len).map(|_| ())
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
