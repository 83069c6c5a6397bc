//! The state file on disk: an append-only log, one JSON change per line,
//! under a header line that carries the format version.
//!
//! Why this shape: the file is meant to be committed, and git's `merge=union`
//! merges two branches that each appended lines without a conflict. Lines are
//! never rewritten, so fields a newer version added survive.
//!
//! Why writes append: rewriting a history of 100k changes (14 MB) with a
//! temporary file, fsync and rename took 80-140 ms; one write of the new lines
//! and an fsync takes a few. A failed append is cut back to the old length
//! (see `append`); only a file that is new, blank or lacks its last line end
//! is rewritten whole, through a temporary file renamed over it. Every
//! read-modify-write holds an exclusive lock on a separate lock file for its
//! whole length, so concurrent writers queue.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use super::event::Event;
use crate::diagnostic::Diagnostic;
use crate::text::Text;

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
///
/// The lines checked by an earlier read come from the cache (`cache::state`)
/// when the file still starts with exactly those bytes; only lines added since
/// are parsed. That is the common case: the file only grows between commands.
pub fn read(path: &Path) -> Result<Log> {
    if let Some(log) = if_unchanged(path, |claim| crate::cache::state::changes(path, claim))? {
        return Ok(log);
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Log::default()),
        Err(e) => return Err(e).with_context(|| format!("cannot read the state file {}", path.display())),
    };
    let shown = path.display().to_string();
    if let Some((checked, log)) = crate::cache::state::load(path, &bytes) {
        if checked.len == bytes.len() {
            return Ok(log);
        }
        let text = utf8(&shown, &bytes)?;
        let mut parser = Parser::after(log, checked.lines);
        parser.feed(&shown, text, checked.len);
        let log = parser.finish()?;
        crate::cache::state::store(path, &bytes, &log);
        return Ok(log);
    }
    let log = parse(&shown, &bytes)?;
    crate::cache::state::store(path, &bytes, &log);
    Ok(log)
}

/// What `overdue` needs of the state file at `path` (see
/// `cache::state::Summary`): from the cache when the file is exactly what it
/// checked, with no change to decode or fold; else from reading the file.
pub fn summary(path: &Path) -> Result<crate::cache::state::Summary> {
    if let Some(summary) = if_unchanged(path, |claim| crate::cache::state::summary(path, claim))? {
        return Ok(summary);
    }
    Ok(crate::cache::state::Summary::of(&read(path)?.events))
}

/// What `from_cache` reads from the cache, if the state file at `path` is
/// exactly what the cache checked: the common case, a view run again on a
/// file nothing has written to since the last read. The file is read in
/// pieces to check that, so a long history does not cost its size in memory
/// (a 14 MB state file at 100k changes), and, when it is long, on another
/// thread while `from_cache` reads.
fn if_unchanged<T: Send>(
    path: &Path,
    from_cache: impl FnOnce(&crate::cache::state::Claim) -> Option<T>,
) -> Result<Option<T>> {
    let Some(claim) = crate::cache::state::claim(path).filter(|c| c.checked.len > 0) else {
        return Ok(None);
    };
    let Ok(file) = File::open(path) else {
        return Ok(None);
    };
    // A short file is checked faster than a thread starts.
    let (exact, cached) = if claim.checked.len < 1 << 20 {
        (is_exactly(file, &claim), from_cache(&claim))
    } else {
        std::thread::scope(|scope| {
            let exact = scope.spawn(|| is_exactly(file, &claim));
            let cached = from_cache(&claim);
            (
                exact.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                cached,
            )
        })
    };
    let exact = exact.with_context(|| format!("cannot read the state file {}", path.display()))?;
    Ok(cached.filter(|_| exact))
}

/// Whether `file` holds exactly the bytes `claim` is about, no more.
fn is_exactly(mut file: File, claim: &crate::cache::state::Claim) -> std::io::Result<bool> {
    use std::io::Read;
    let mut hasher = crate::cache::state::Hasher::new();
    let mut piece = vec![0; 1 << 20];
    let mut len = 0;
    loop {
        let n = file.read(&mut piece)?;
        if n == 0 {
            break;
        }
        len += n;
        if len > claim.checked.len {
            return Ok(false);
        }
        hasher.update(&piece[..n]);
    }
    Ok(len == claim.checked.len && hasher.digest128() == claim.hash)
}

/// Parses the bytes of a state file, reporting every bad line at once.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Log, Corrupt> {
    let text = utf8(path, bytes)?;
    let mut parser = Parser::default();
    parser.feed(path, text, 0);
    parser.finish()
}

fn utf8<'b>(path: &str, bytes: &'b [u8]) -> Result<&'b str, Corrupt> {
    std::str::from_utf8(bytes).map_err(|e| {
        // The valid prefix is the same bytes in the lossy copy, so the
        // diagnostic points at the replacement character in the shown line.
        let lossy = String::from_utf8_lossy(bytes);
        let at = e.valid_up_to();
        Corrupt {
            diagnostics: vec![
                Diagnostic::at(
                    path,
                    &lossy,
                    at..at + '\u{fffd}'.len_utf8(),
                    "the state file is not valid UTF-8",
                )
                .with_hint("roadmap writes UTF-8 only: restore the file from git, or delete the broken line"),
            ],
        }
    })
}

/// Reads lines into a log, keeping what it has seen so far.
#[derive(Default)]
struct Parser {
    log: Log,
    diagnostics: Vec<Diagnostic>,
    seen: std::collections::HashSet<Text>,
    header_seen: bool,
    /// Lines before the first one fed.
    lines_before: usize,
}

impl Parser {
    /// Goes on after `lines` already checked lines (the header among them) that gave `log`.
    fn after(log: Log, lines: usize) -> Parser {
        Parser {
            seen: log.events.iter().map(|e| e.id.clone()).collect(),
            log,
            header_seen: true,
            lines_before: lines,
            ..Parser::default()
        }
    }

    /// Reads the lines of `text` from byte `from` (the start of a line) to the end.
    fn feed(&mut self, path: &str, text: &str, from: usize) {
        let mut offset = from;
        for (index, raw) in text[from..].split_inclusive('\n').enumerate() {
            let number = self.lines_before + index + 1;
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            // The common case, straight into an event. Anything else (the header,
            // or a line to explain) takes the slower way below.
            if self.header_seen
                && line.starts_with("{\"id\"")
                && let Ok(event) = serde_json::from_str::<Event>(line)
            {
                self.push(event, number);
                continue;
            }
            match read_line(line, !raw.ends_with('\n'), number) {
                Line::Header => self.header_seen = true,
                Line::Event(event) => {
                    if !self.header_seen {
                        self.diagnostics.push(
                            Diagnostic::at(
                                path,
                                text,
                                start..start + line.len(),
                                "the state file does not start with its header",
                            )
                            .with_hint(format!(
                                "the first line should be {{\"{HEADER_KEY}\":{FORMAT_VERSION}}}"
                            )),
                        );
                        self.header_seen = true;
                    }
                    self.push(*event, number);
                }
                Line::Newer(version) => {
                    // Nothing else in a newer file can be judged: this is the only problem reported.
                    self.diagnostics = vec![
                        Diagnostic::at(
                            path,
                            text,
                            start..start + line.len(),
                            format!("the state file has format {version}, newer than this roadmap understands ({FORMAT_VERSION})"),
                        )
                        .with_hint("upgrade roadmap to read it; the file was left untouched"),
                    ];
                    return;
                }
                Line::Bad { column, message, hint } => {
                    // Whatever the first line was meant to be, it stands where the header goes.
                    self.header_seen = true;
                    let at = start + column.min(line.len());
                    let end = if column == 0 {
                        start + line.len()
                    } else {
                        (at + 1).min(start + line.len())
                    };
                    self.diagnostics
                        .push(Diagnostic::at(path, text, at..end, message).with_hint(hint));
                }
            }
        }
    }

    fn push(&mut self, event: Event, number: usize) {
        if self.seen.insert(event.id.clone()) {
            self.log.events.push(event);
            self.log.lines.push(number);
        }
    }

    fn finish(self) -> Result<Log, Corrupt> {
        if self.diagnostics.is_empty() {
            Ok(self.log)
        } else {
            Err(Corrupt {
                diagnostics: self.diagnostics,
            })
        }
    }
}

/// What one line of the state file turned out to be.
enum Line {
    Header,
    Event(Box<Event>),
    Newer(u64),
    /// A line that is not a header or a change: where in the line (a byte
    /// column; 0 underlines the whole line), what is wrong and what to do.
    Bad {
        column: usize,
        message: String,
        hint: String,
    },
}

const CHANGE_SHAPE: &str =
    "a change is one JSON object with id, at, by, op (done, reopen, skip, note or reschedule) and target";

fn bad(column: usize, message: impl Into<String>, hint: impl Into<String>) -> Line {
    Line::Bad {
        column,
        message: message.into(),
        hint: hint.into(),
    }
}

/// Reads one line that did not parse as a change straight away, to say exactly what is wrong with it.
fn read_line(line: &str, last_and_unterminated: bool, number: usize) -> Line {
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(value) => value,
        Err(e) => {
            let column = line
                .char_indices()
                .nth(e.column().saturating_sub(1))
                .map_or(line.len(), |(i, _)| i);
            // serde_json counts lines within this one line; the diagnostic gives the real place.
            let message = e.to_string();
            let message = message
                .rfind(" at line ")
                .map_or(message.as_str(), |i| &message[..i])
                .to_string();
            let hint = if line.starts_with("<<<<<<<")
                || line.starts_with("=======")
                || line.starts_with(">>>>>>>")
                || line.starts_with("|||||||")
            {
                return bad(
                    0,
                    "a git conflict marker in the state file",
                    "keep the lines of both sides and delete the marker lines; `roadmap init` sets up \
                     merge=union so that merges of the state file never conflict",
                );
            } else if number == 1 && line.starts_with("{\"roadmap_") {
                format!("the first line is the header: {{\"{HEADER_KEY}\":{FORMAT_VERSION}}}")
            } else if last_and_unterminated {
                "the last line is cut short; if it is a write that never finished, delete that line".to_string()
            } else {
                "each line of the state file is one JSON object; restore this line from git or delete it".to_string()
            };
            return bad(column, format!("not a valid change: {message}"), hint);
        }
    };
    let Some(object) = value.as_object() else {
        return bad(
            0,
            format!("not a valid change: a JSON {} instead of an object", json_kind(&value)),
            CHANGE_SHAPE,
        );
    };
    if let Some(version) = object.get(HEADER_KEY) {
        let header_hint = format!("the header line is exactly {{\"{HEADER_KEY}\":{FORMAT_VERSION}}}");
        if object.len() > 1 {
            return bad(0, "the header line holds more than the format version", header_hint);
        }
        return match version.as_u64() {
            Some(v) if v <= FORMAT_VERSION => Line::Header,
            Some(v) => Line::Newer(v),
            None => bad(
                0,
                format!("the state file's format version is {version}, not a number"),
                header_hint,
            ),
        };
    }
    let field_column = |key: &str| line.find(&format!("\"{key}\"")).unwrap_or(0);
    for key in ["id", "at", "by", "op", "target"] {
        match object.get(key) {
            None => return bad(0, format!("the change has no `{key}`"), CHANGE_SHAPE),
            Some(serde_json::Value::String(_)) => {}
            Some(other) => {
                return bad(
                    field_column(key),
                    format!("`{key}` must be a string, not {}", json_kind(other)),
                    CHANGE_SHAPE,
                );
            }
        }
    }
    for key in ["note", "prev", "from", "to", "on"] {
        if let Some(other) = object.get(key).filter(|v| !v.is_string() && !v.is_null()) {
            return bad(
                field_column(key),
                format!("`{key}` must be a string, not {}", json_kind(other)),
                CHANGE_SHAPE,
            );
        }
    }
    let at = object["at"].as_str().unwrap_or_default();
    if chrono::DateTime::parse_from_rfc3339(at).is_err() {
        return bad(
            field_column("at"),
            format!("`at` is not a time: \"{at}\""),
            "write it in RFC 3339 form, like 2026-11-20T10:00:00Z",
        );
    }
    if let Some(on) = object.get("on").and_then(|v| v.as_str())
        && on.parse::<chrono::NaiveDate>().is_err()
    {
        return bad(
            field_column("on"),
            format!("`on` is not a day: \"{on}\""),
            "write it like 2026-11-20",
        );
    }
    let op = object["op"].as_str().unwrap_or_default();
    if !["done", "reopen", "skip", "note", "reschedule"].contains(&op) {
        return bad(
            field_column("op"),
            format!("`op` is \"{op}\", which is not a change this roadmap knows"),
            CHANGE_SHAPE,
        );
    }
    match serde_json::from_value::<Event>(value.clone()) {
        Ok(event) => Line::Event(Box::new(event)),
        Err(e) => bad(0, format!("not a valid change: {e}"), CHANGE_SHAPE),
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
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
/// log, and appends them. The lock is held from before the read to after the
/// write, so no other writer's change can be lost in between.
///
/// `change` is given every change to the addresses in `scope` and to the
/// steps under them, not necessarily the whole log: when the cache vouches for
/// the start of the file (`cache::state`), only the lines added since, and the
/// lines that mention a scope address, are parsed. That keeps a tick fast
/// however long the history grows; the whole file is still checked, by hash
/// for the part the cache knows and line by line for the rest.
pub fn update(
    path: &Path,
    lock_timeout: Option<Duration>,
    scope: &[String],
    change: impl FnOnce(&Log) -> Result<Vec<Event>>,
) -> Result<Written> {
    let dir = crate::atomic_write::parent_dir(path);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let _lock = lock(path, lock_timeout)?;
    let (log, shape) = read_scope(path, scope)?;
    let events = change(&log)?;
    if events.is_empty() {
        return Ok(Written::Nothing);
    }
    let mut lines = Vec::new();
    for event in &events {
        serde_json::to_writer(&mut lines, event)?;
        lines.push(b'\n');
    }
    match shape {
        Some(Shape { len, appendable: true }) => append(path, len, &lines),
        // A new or blank file gets its header; a last line without its line
        // end gets one. Both rewrite the file whole.
        _ => {
            let mut content = match std::fs::read(path) {
                Ok(bytes) if !bytes.iter().all(u8::is_ascii_whitespace) => bytes,
                _ => format!("{{\"{HEADER_KEY}\":{FORMAT_VERSION}}}\n").into_bytes(),
            };
            if content.last() != Some(&b'\n') {
                content.push(b'\n');
            }
            content.extend_from_slice(&lines);
            crate::atomic_write::write(path, &content)
        }
    }
    .with_context(|| format!("cannot write the state file {}", path.display()))?;
    Ok(Written::Appended(events.len()))
}

/// Appends whole lines with one write and makes them durable before
/// returning. If the write fails part way (a full disk), the file is cut
/// back to `old_len`, so no partial line is left behind. A crash during the
/// write can still leave the last line cut short; the next read reports it
/// with its line number, and nothing acknowledged is in it.
fn append(path: &Path, old_len: u64, lines: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = OpenOptions::new().append(true).open(path)?;
    let written = file.write_all(lines).and_then(|()| file.sync_data());
    if written.is_err() {
        let _ = file.set_len(old_len).and_then(|()| file.sync_data());
    }
    written
}

/// The state file's length, as `update` found it, and whether new lines can
/// simply follow: it has content (its header) and its last line is whole.
struct Shape {
    len: u64,
    appendable: bool,
}

impl Shape {
    fn of(bytes: &[u8]) -> Shape {
        Shape {
            len: bytes.len() as u64,
            appendable: bytes.last() == Some(&b'\n') && !bytes.iter().all(u8::is_ascii_whitespace),
        }
    }
}

/// The changes that `update` needs for `scope` (see there), and the file's
/// shape; `None` for the shape when there is no file.
fn read_scope(path: &Path, scope: &[String]) -> Result<(Log, Option<Shape>)> {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Log::default(), None)),
        Err(e) => return Err(e).with_context(|| format!("cannot read the state file {}", path.display())),
    };
    let streamed = match crate::cache::state::claim(path) {
        // A claim always covers the header line; an empty one says nothing.
        Some(claim) if claim.checked.len > 0 => {
            stream(file, claim, scope).with_context(|| format!("cannot read the state file {shown}"))?
        }
        _ => None,
    };
    if let Some(streamed) = streamed
        && let Some(log) = streamed.log(&shown)
    {
        return Ok((only_in(log, scope), Some(streamed.shape)));
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the state file {shown}"))?;
    let log = parse(&shown, &bytes)?;
    crate::cache::state::store(path, &bytes, &log);
    Ok((only_in(log, scope), Some(Shape::of(&bytes))))
}

/// The state file read in pieces against what the cache claims about its start.
struct Streamed {
    claim: crate::cache::state::Claim,
    /// The lines of the claimed part that mention a scope address, with their numbers.
    mentions: Vec<(String, usize)>,
    /// Everything after the claimed part.
    rest: Vec<u8>,
    shape: Shape,
}

impl Streamed {
    /// The lines after the claimed part, checked in full, and the claimed
    /// lines that mention the scope. `None` when a line after the claimed part
    /// has a problem: `read_scope` then reads the whole file to report it in place.
    fn log(&self, shown: &str) -> Option<Log> {
        let mut parser = Parser::after(Log::default(), self.claim.checked.lines);
        parser.feed(shown, std::str::from_utf8(&self.rest).ok()?, 0);
        let mut log = parser.finish().ok()?;
        for (line, number) in &self.mentions {
            if let Ok(event) = serde_json::from_str::<Event>(line) {
                log.events.push(event);
                log.lines.push(*number);
            }
        }
        Some(log)
    }
}

/// Reads the file once in pieces, hashing the part the cache claims to know
/// and keeping only its lines that mention the scope, and everything after
/// it. Reading in pieces keeps a long history from costing its size in
/// memory. `None` when the claim does not hold.
fn stream(mut file: File, claim: crate::cache::state::Claim, scope: &[String]) -> std::io::Result<Option<Streamed>> {
    use std::io::Read;
    const PIECE: usize = 1 << 20;
    let claimed = claim.checked.len;
    let mut hasher = crate::cache::state::Hasher::new();
    let mut mentions = Vec::new();
    let mut rest = Vec::new();
    // The start of a line that continues in the next piece.
    let mut pending: Vec<u8> = Vec::new();
    let mut lines_before = 0;
    let mut offset = 0;
    let mut last = None;
    let mut piece = vec![0; PIECE];
    loop {
        let n = file.read(&mut piece)?;
        if n == 0 {
            break;
        }
        let read = &piece[..n];
        last = read.last().copied();
        let in_claim = claimed.saturating_sub(offset).min(n);
        hasher.update(&read[..in_claim]);
        rest.extend_from_slice(&read[in_claim..]);
        if in_claim > 0 {
            pending.extend_from_slice(&read[..in_claim]);
            // Whole lines only; the claimed part ends with a line end.
            let whole = memchr::memrchr(b'\n', &pending).map_or(0, |i| i + 1);
            if let Ok(text) = std::str::from_utf8(&pending[..whole]) {
                for (line, number) in lines_mentioning(text, scope) {
                    mentions.push((line.to_string(), lines_before + number));
                }
            } else {
                return Ok(None);
            }
            lines_before += memchr::memchr_iter(b'\n', &pending[..whole]).count();
            pending.drain(..whole);
        }
        offset += n;
    }
    if offset < claimed || !pending.is_empty() || hasher.digest128() != claim.hash {
        return Ok(None);
    }
    Ok(Some(Streamed {
        claim,
        mentions,
        rest,
        shape: Shape {
            len: offset as u64,
            // The claimed part holds the header at least, so the file has content.
            appendable: last == Some(b'\n'),
        },
    }))
}

/// The changes to the addresses in `scope` and to the steps under them.
fn only_in(log: Log, scope: &[String]) -> Log {
    let in_scope = |target: &str| {
        scope.iter().any(|s| {
            target
                .strip_prefix(s.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    };
    let (events, lines) = log
        .events
        .into_iter()
        .zip(log.lines)
        .filter(|(e, _)| in_scope(&e.target))
        .unzip();
    Log { events, lines }
}

/// The lines of `text` that contain one of `needles` as written, or a JSON
/// `\u` escape (which could spell one differently), with their line numbers.
fn lines_mentioning<'t>(text: &'t str, needles: &[String]) -> Vec<(&'t str, usize)> {
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = needles
        .iter()
        .map(String::as_str)
        .chain(["\\u"])
        .flat_map(|needle| memchr::memmem::find_iter(bytes, needle.as_bytes()))
        .map(|at| memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut found = Vec::with_capacity(starts.len());
    let (mut counted_to, mut number) = (0, 1);
    for start in starts {
        number += memchr::memchr_iter(b'\n', &bytes[counted_to..start]).count();
        counted_to = start;
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        found.push((text[start..end].trim_end_matches('\r'), number));
    }
    found
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
