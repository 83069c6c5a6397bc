//! The state file on disk: an append-only log, one JSON change per line,
//! under a header line that carries the format version.
//!
//! Why this shape: the file is meant to be committed, and git's `merge=union`
//! merges two branches that each appended lines without a conflict. Lines are
//! copied verbatim on every rewrite, so fields a newer version added survive.
//!
//! Why writes rewrite the whole file: a write goes to a temporary file in the
//! same folder, is fsynced, renamed over the old file, and the folder is
//! fsynced. A crash at any point leaves either the old file or the new one,
//! never a torn line. Every read-modify-write holds an exclusive lock on a
//! separate lock file for its whole length, so concurrent writers queue.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use super::event::Event;
use crate::diagnostic::Diagnostic;

/// The format this version reads and writes.
pub const FORMAT_VERSION: u64 = 1;
const HEADER_KEY: &str = "roadmap_state";

/// The changes in a state file, in file order, as read.
#[derive(Debug, Default, Clone)]
pub struct Log {
    pub events: Vec<Event>,
    /// Line number (1-based) of each event, for messages.
    pub lines: Vec<usize>,
}

/// A state file that cannot be used as it is. It is never written to.
#[derive(Debug)]
pub struct Corrupt {
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "the state file was not changed; fix it by hand (or restore it from git) and run the command again"
        )
    }
}

impl std::error::Error for Corrupt {}

/// Reads and checks a state file. A file that does not exist is an empty log.
pub fn read(path: &Path) -> Result<Log> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Log::default()),
        Err(e) => return Err(e).with_context(|| format!("cannot read the state file {}", path.display())),
    };
    Ok(parse(&path.display().to_string(), &bytes)?)
}

/// Parses the bytes of a state file, reporting every bad line at once.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Log, Corrupt> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        Corrupt {
            diagnostics: vec![Diagnostic::in_file(path, line, 1, "the state file is not valid UTF-8")],
        }
    })?;
    let mut log = Log::default();
    let mut diagnostics = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    let mut header_seen = false;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let span = start..start + line.len();
        if ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
            .iter()
            .any(|m| line.starts_with(m))
        {
            diagnostics.push(
                Diagnostic::at(path, text, span, "a git conflict marker in the state file").with_hint(
                    "keep the lines of both sides and delete the marker lines; `roadmap init` sets up \
                     merge=union so that merges of the state file never conflict",
                ),
            );
            continue;
        }
        // The common case, straight into an event. Anything else (the header,
        // or a line to explain) takes the slower way through a JSON value.
        if header_seen
            && !line.starts_with("{\"roadmap_state\"")
            && let Ok(event) = serde_json::from_str::<Event>(line)
        {
            if seen.insert(event.id.clone()) {
                log.events.push(event);
                log.lines.push(number);
            }
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(value) => value,
            Err(e) => {
                let column_start = start
                    + line
                        .char_indices()
                        .nth(e.column().saturating_sub(1))
                        .map_or(0, |(i, _)| i);
                let torn = !raw.ends_with('\n');
                let hint = if torn {
                    "the last line is cut short; if it is a write that never finished, delete that line"
                } else {
                    "each line of the state file is one JSON object; restore this line from git or delete it"
                };
                diagnostics.push(
                    Diagnostic::at(
                        path,
                        text,
                        column_start..column_start + 1,
                        format!("not a valid change: {e}"),
                    )
                    .with_hint(hint),
                );
                continue;
            }
        };
        if let Some(version) = value.get(HEADER_KEY) {
            match version.as_u64() {
                Some(v) if v <= FORMAT_VERSION => header_seen = true,
                Some(v) => {
                    return Err(Corrupt {
                        diagnostics: vec![
                            Diagnostic::at(path, text, span, format!("the state file has format {v}, newer than this roadmap understands ({FORMAT_VERSION})"))
                                .with_hint("upgrade roadmap to read it; the file was left untouched"),
                        ],
                    });
                }
                None => diagnostics.push(Diagnostic::at(
                    path,
                    text,
                    span,
                    "the state file header has no valid version",
                )),
            }
            continue;
        }
        if !header_seen {
            diagnostics.push(
                Diagnostic::at(
                    path,
                    text,
                    span.clone(),
                    "the state file does not start with its header",
                )
                .with_hint(format!(
                    "the first line should be {{\"{HEADER_KEY}\":{FORMAT_VERSION}}}"
                )),
            );
            header_seen = true;
        }
        match serde_json::from_value::<Event>(value) {
            // A line merged in from two branches is the same change: count it once.
            Ok(event) => {
                if seen.insert(event.id.clone()) {
                    log.events.push(event);
                    log.lines.push(number);
                }
            }
            Err(e) => diagnostics.push(
                Diagnostic::at(path, text, span, format!("not a valid change: {e}"))
                    .with_hint("a change has id, at, by, op (done, reopen, skip or note) and target"),
            ),
        }
    }
    if diagnostics.is_empty() {
        Ok(log)
    } else {
        Err(Corrupt { diagnostics })
    }
}

/// What a write did.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// Nothing changed, so the file was not touched.
    Nothing,
    /// This many changes were appended.
    Appended(usize),
}

/// Locks the state, reads it, asks `change` for new events given the current
/// log, and appends them atomically. The lock is held from before the read to
/// after the rename, so no other writer's change can be lost in between.
pub fn update(
    path: &Path,
    lock_timeout: Option<Duration>,
    change: impl FnOnce(&Log) -> Result<Vec<Event>>,
) -> Result<Written> {
    let dir = crate::atomic_write::parent_dir(path);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let _lock = lock(path, lock_timeout)?;
    let original = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read the state file {}", path.display())),
    };
    let log = match &original {
        Some(bytes) => parse(&path.display().to_string(), bytes)?,
        None => Log::default(),
    };
    let events = change(&log)?;
    if events.is_empty() {
        return Ok(Written::Nothing);
    }
    let mut content = match original {
        Some(bytes) if !bytes.iter().all(u8::is_ascii_whitespace) => bytes,
        _ => format!("{{\"{HEADER_KEY}\":{FORMAT_VERSION}}}\n").into_bytes(),
    };
    if content.last() != Some(&b'\n') {
        content.push(b'\n');
    }
    for event in &events {
        serde_json::to_writer(&mut content, event)?;
        content.push(b'\n');
    }
    crate::atomic_write::write(path, &content)
        .with_context(|| format!("cannot write the state file {}", path.display()))?;
    Ok(Written::Appended(events.len()))
}

/// The lock file beside the state file: `state.jsonl` is guarded by `state.jsonl.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".lock");
    path.with_file_name(name)
}

/// Takes the exclusive lock, saying on stderr if it has to wait for it.
fn lock(path: &Path, timeout: Option<Duration>) -> Result<File> {
    let lock_path = lock_path(path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {}
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
        }
    }
    eprintln!(
        "waiting for another roadmap command to finish with {} ...",
        path.display()
    );
    let Some(timeout) = timeout else {
        file.lock()
            .with_context(|| format!("cannot lock {}", lock_path.display()))?;
        return Ok(file);
    };
    let deadline = Instant::now() + timeout;
    loop {
        std::thread::sleep(Duration::from_millis(20));
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(LockTimeout {
                    path: lock_path,
                    waited: timeout,
                }
                .into());
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
            }
        }
    }
}

/// Another process held the lock for longer than `--lock-timeout`.
#[derive(Debug)]
pub struct LockTimeout {
    pub path: PathBuf,
    pub waited: Duration,
}

impl std::fmt::Display for LockTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "gave up after {:.1}s waiting for the lock {}; the state was not changed",
            self.waited.as_secs_f64(),
            self.path.display()
        )
    }
}

impl std::error::Error for LockTimeout {}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "{\"roadmap_state\":1}\n";

    fn line(id: &str, op: &str, target: &str) -> String {
        format!(
            "{{\"id\":\"{id}\",\"at\":\"2026-11-20T10:00:00Z\",\"by\":\"anna\",\"op\":\"{op}\",\"target\":\"{target}\"}}\n"
        )
    }

    #[test]
    fn reads_events_and_counts_a_duplicated_line_once() {
        let text = format!(
            "{HEADER}{}{}{}",
            line("a", "done", "r/m/1"),
            line("b", "done", "r/m/2"),
            line("a", "done", "r/m/1")
        );
        let log = parse("s", text.as_bytes()).unwrap();
        assert_eq!(log.events.len(), 2);
        assert_eq!(log.lines, [2, 3]);
    }

    #[test]
    fn keeps_unknown_fields_out_of_the_way() {
        let text = format!(
            "{HEADER}{{\"id\":\"a\",\"at\":\"2026-11-20T10:00:00Z\",\"by\":\"x\",\"op\":\"done\",\"target\":\"r/m\",\"mood\":\"glad\"}}\n"
        );
        assert_eq!(parse("s", text.as_bytes()).unwrap().events.len(), 1);
    }

    #[test]
    fn refuses_a_newer_format() {
        let e = parse("s", b"{\"roadmap_state\":2}\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("format 2, newer than this roadmap understands (1)"),
            "{e}"
        );
    }

    #[test]
    fn reports_conflict_markers_and_bad_lines_with_their_line() {
        let text = format!(
            "{HEADER}<<<<<<< HEAD\n{}=======\n{{\"id\": 5}}\n>>>>>>> other\n",
            line("a", "done", "r/m")
        );
        let e = parse("state.jsonl", text.as_bytes()).unwrap_err();
        let lines: Vec<usize> = e.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 4, 5, 6]);
    }

    #[test]
    fn lock_file_sits_beside_the_state() {
        assert_eq!(
            lock_path(Path::new("/x/.roadmap/state.jsonl")),
            Path::new("/x/.roadmap/state.jsonl.lock")
        );
    }
}
