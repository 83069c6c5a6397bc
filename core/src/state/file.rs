//! The state file on disk: an append-only log, one JSON change per line,
//! under a header line that carries the format version.
//!
//! Why this shape: the file is meant to be committed, and git's `merge=union`
//! merges two branches that each appended lines without a conflict. Lines are
//! never rewritten, so fields a newer version added survive.
//!
//! Every read-modify-write (`update`) holds an exclusive lock on a separate
//! lock file for its whole length, reads the whole file under it, and appends
//! the new lines with one write and an fsync. A failed append is cut back to
//! the old length (see `append`); only a file that is new, blank or lacks its
//! last line end is rewritten whole, through a temporary file renamed over it.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::event::Event;
use crate::diagnostic::Diagnostic;
use crate::error::{Doing, Error, Result};

/// The newest format this version reads and writes. Format 6 adds
/// forgetting a name, format 5 renames of a roadmap, format 4 cost
/// changes, format 3 risk changes; format 2 records steps by their key (`Step::key`) and has
/// `rekey` changes; format 1 recorded steps by their place. A format-1 file
/// is read as it is and gets a format-2 header line appended with the first
/// change written to it, so that older versions, which would misread it,
/// refuse it instead; likewise a format-3 header comes with the first risk
/// a format-4 header with the first cost and a format-5 header with the
/// first rename.
pub const FORMAT_VERSION: u64 = 6;
/// The format a state file starts in, and stays in until a change that needs
/// a newer one (a risk: format 3) is written, so that a teammate's older
/// roadmap keeps reading a file with only ticks in it.
pub const BASE_VERSION: u64 = 2;
const HEADER_KEY: &str = "roadmap_state";

/// The header line of a file in format `version`, without its line end.
fn header_line(version: u64) -> String {
    format!("{{\"{HEADER_KEY}\":{version}}}")
}

/// The changes in a state file, in file order, as read.
#[derive(Debug, Default, Clone)]
pub struct Log {
    pub events: Vec<Event>,
    /// Line number (1-based) of each event, for messages.
    pub lines: Vec<usize>,
    /// The highest format version its header lines give (0 when it has none).
    pub version: u64,
}

const WHAT: &str = "the state file";

/// Reads and checks a state file. A file that does not exist is an empty log;
/// what is not a regular file, or is larger than `files::STATE_LIMIT`, is refused.
pub fn read(path: &Path) -> Result<Log> {
    match crate::files::read(path, crate::files::STATE_LIMIT, WHAT)? {
        Some(bytes) => parse(&path.display().to_string(), &bytes),
        None => Ok(Log::default()),
    }
}

/// Parses the bytes of a state file, reporting every bad line at once.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Log> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::State(vec![crate::diagnostic::invalid_utf8(
            path,
            bytes,
            e,
            "the state file is not valid UTF-8",
            "roadmap writes UTF-8 only: restore the file from git, or delete the broken line",
        )])
    })?;
    parse_in_parts(path, text, second_part(text))
}

/// A state file this big is read in two parts at once, where there are two
/// cores: reading its lines is most of a write on 100k changes.
const TWO_PARTS_FROM: usize = 1 << 20;

/// Where the second half of a big `text` begins: after the line end nearest
/// its middle, when some line before it is not blank (so the second part
/// reads as one that follows the header, as it would in one pass).
fn second_part(text: &str) -> Option<usize> {
    if text.len() < TWO_PARTS_FROM || std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get) < 2 {
        return None;
    }
    let at = text.len() / 2 + text.as_bytes()[text.len() / 2..].iter().position(|b| *b == b'\n')? + 1;
    (at < text.len() && !text[..at].trim().is_empty()).then_some(at)
}

/// Reads `text` in one pass, or in two at once from `second` (a line's
/// start after a line that is not blank), joined as one pass would read it.
fn parse_in_parts(path: &str, text: &str, second: Option<usize>) -> Result<Log> {
    let lines = |part: &str| part.bytes().filter(|b| *b == b'\n').count() + 1;
    let Some(at) = second else {
        let mut parser = Parser::with_room(lines(text));
        parser.feed(path, text, 0..text.len(), 1);
        return parser.finish();
    };
    let (first_lines, rest_lines) = (lines(&text[..at]), lines(&text[at..]));
    // Room for both parts in the first, so the second is moved in without
    // growing it (fresh pages for a log of 100k changes cost more than the
    // second thread gains).
    let mut parser = Parser::with_room(first_lines + rest_lines);
    let rest = std::thread::scope(|scope| {
        let rest = scope.spawn(move || {
            let mut rest = Parser {
                header_seen: true,
                ..Parser::with_room(rest_lines)
            };
            rest.feed(path, text, at..text.len(), first_lines);
            rest
        });
        parser.feed(path, text, 0..at, 1);
        rest.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    parser.follow_with(rest);
    parser.finish()
}

/// Reads lines into a log, reporting every bad line.
#[derive(Default)]
struct Parser {
    log: Log,
    diagnostics: Vec<Diagnostic>,
    header_seen: bool,
    /// A line of a newer format was read: nothing after it counts.
    stopped: bool,
}

impl Parser {
    /// A parser with room for the changes of `lines` lines.
    fn with_room(lines: usize) -> Parser {
        let mut parser = Parser::default();
        parser.log.events.reserve(lines);
        parser.log.lines.reserve(lines);
        parser
    }

    /// Reads the lines in `part` of `text` (from a line's start to a line's
    /// end or the end), the first of them line `first_number` of the file.
    fn feed(&mut self, path: &str, text: &str, part: std::ops::Range<usize>, first_number: usize) {
        let mut offset = part.start;
        for (index, raw) in text[part].split_inclusive('\n').enumerate() {
            let number = first_number + index;
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            match read_line(line, !raw.ends_with('\n'), number) {
                Line::Header(version) => {
                    self.header_seen = true;
                    self.log.version = self.log.version.max(version);
                }
                Line::Event(event) => {
                    if !self.header_seen {
                        self.diagnostics.push(
                            Diagnostic::on_line(
                                path,
                                text,
                                number,
                                start,
                                start..start + line.len(),
                                "the state file does not start with its header",
                            )
                            .with_hint(format!("the first line should be {}", header_line(BASE_VERSION))),
                        );
                        self.header_seen = true;
                    }
                    self.push(*event, number);
                }
                Line::Newer(version) => {
                    // Nothing else in a newer file can be judged: this is the only problem reported.
                    self.diagnostics = vec![
                        Diagnostic::on_line(
                            path,
                            text,
                            number,
                            start,
                            start..start + line.len(),
                            format!("the state file has format {version}, newer than this roadmap understands ({FORMAT_VERSION})"),
                        )
                        .with_hint("upgrade roadmap to read it; the file was left untouched"),
                    ];
                    self.stopped = true;
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
                        .push(Diagnostic::on_line(path, text, number, start, at..end, message).with_hint(hint));
                }
            }
        }
    }

    /// The lines `rest` read, as if read after these in the same pass.
    fn follow_with(&mut self, rest: Parser) {
        if self.stopped {
            return;
        }
        if rest.stopped {
            self.diagnostics = rest.diagnostics;
            self.stopped = true;
            return;
        }
        self.log.events.extend(rest.log.events);
        self.log.lines.extend(rest.log.lines);
        self.log.version = self.log.version.max(rest.log.version);
        self.diagnostics.extend(rest.diagnostics);
    }

    fn push(&mut self, event: Event, number: usize) {
        self.log.events.push(event);
        self.log.lines.push(number);
    }

    /// The log, each change once: a line merged in from two branches (the same
    /// `id`) counts at its first place in the file.
    fn finish(self) -> Result<Log> {
        if self.diagnostics.is_empty() {
            let Log { events, lines, version } = self.log;
            let first: Vec<bool> = {
                let mut seen =
                    foldhash::HashSet::with_capacity_and_hasher(events.len(), foldhash::fast::RandomState::default());
                events.iter().map(|e| seen.insert(e.id.as_str())).collect()
            };
            if first.iter().all(|f| *f) {
                return Ok(Log { events, lines, version });
            }
            let (events, lines) = events
                .into_iter()
                .zip(lines)
                .zip(first)
                .filter_map(|(kept, first)| first.then_some(kept))
                .unzip();
            Ok(Log { events, lines, version })
        } else {
            Err(Error::State(self.diagnostics))
        }
    }
}

/// What one line of the state file turned out to be.
enum Line {
    /// A header line, with its format version.
    Header(u64),
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

const CHANGE_SHAPE: &str = "a change is one JSON object with id, at, by, op (done, reopen, skip, note, reschedule, rekey, risk, cost, rename or forget) and target";

fn bad(column: usize, message: impl Into<String>, hint: impl Into<String>) -> Line {
    Line::Bad {
        column,
        message: message.into(),
        hint: hint.into(),
    }
}

/// Where `"key"` is in `line` (0 for the whole line when it is not there).
fn key_column(line: &str, key: &str) -> usize {
    line.find(&format!("\"{key}\"")).unwrap_or(0)
}

/// Reads one line: a change, by the one schema (`Event` and its `check`),
/// else the header, else what is wrong with it, in words.
fn read_line(line: &str, last_and_unterminated: bool, number: usize) -> Line {
    // serde would also read a change from an array in field order; a line is an object.
    let object = line.trim_start().starts_with('{');
    let error = match serde_json::from_str::<Event>(line) {
        Ok(_) if !object => return explain(line, "", 0),
        Ok(event) => {
            return match event.check() {
                Ok(()) => Line::Event(Box::new(event)),
                Err(problem) => bad(key_column(line, problem.field), problem.message, problem.hint),
            };
        }
        Err(error) => error,
    };
    if let Some(header) = header(line) {
        return header;
    }
    if line.starts_with("<<<<<<<")
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
    }
    // serde_json counts lines within this one line; the diagnostic gives the real place.
    let message = error.to_string();
    let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]);
    let column = line
        .char_indices()
        .nth(error.column().saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    if !error.is_data() {
        let hint = if number == 1 && line.starts_with("{\"roadmap_") {
            format!("the first line is the header: {}", header_line(BASE_VERSION))
        } else if last_and_unterminated {
            "the last line is cut short; if it is a write that never finished, delete that line".to_string()
        } else {
            "each line of the state file is one JSON object; restore this line from git or delete it".to_string()
        };
        return bad(column, format!("not a valid change: {message}"), hint);
    }
    explain(line, message, column)
}

/// Says what a line that is JSON but not a change is missing, or which of
/// its fields is not what `Event` takes. The words come from serde's error,
/// which the schema gave; only where the field is is found here.
fn explain(line: &str, message: &str, column: usize) -> Line {
    if !line.trim_start().starts_with('{') {
        let kind = match line.trim_start().chars().next() {
            Some('[') => "an array",
            Some('"') => "a string",
            Some('t' | 'f') => "a boolean",
            Some('n') => "null",
            _ => "a number",
        };
        return bad(
            0,
            format!("not a valid change: {kind} instead of a JSON object"),
            CHANGE_SHAPE,
        );
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return bad(0, format!("the change has no {field}"), CHANGE_SHAPE);
    }
    // The field the error is in: the last key before where serde stopped.
    let before = &line[..column.min(line.len())];
    let (key, at) = before
        .rfind("\":")
        .and_then(|end| before[..end].rfind('"').map(|start| (&before[start + 1..end], start)))
        .unwrap_or(("", 0));
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let found = match found.split_whitespace().next().unwrap_or(found) {
            "integer" | "floating" => "a number",
            "null" => "null",
            "boolean" => "a boolean",
            "map" => "an object",
            "sequence" => "an array",
            _ => "a string",
        };
        let hint = if key == "risk" || line[..at].contains("\"risk\":{") {
            "a risk change has a `risk` object: text, milestone, owner and action are text, likelihood and impact 1 to 5, closed true or false"
        } else {
            CHANGE_SHAPE
        };
        return bad(at, format!("`{key}` must be {expected}, not {found}"), hint);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or(rest);
        return bad(
            at,
            format!("`{key}` is \"{value}\", which is not a change this roadmap knows"),
            CHANGE_SHAPE,
        );
    }
    let hint = match key {
        "at" => "write it in RFC 3339 form, like 2026-11-20T10:00:00Z",
        "on" => "write it like 2026-11-20",
        _ => CHANGE_SHAPE,
    };
    // The field's own check names the field; serde's words are given it.
    if message.starts_with('`') {
        bad(at, message, hint)
    } else {
        bad(at, format!("`{key}`: {message}"), hint)
    }
}

/// The header line (`{"roadmap_state":N}`) and its version, if `line` is one.
fn header(line: &str) -> Option<Line> {
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).ok()?;
    let version = object.get(HEADER_KEY)?;
    let header_hint = format!("the header line is exactly {}", header_line(BASE_VERSION));
    if object.len() > 1 {
        return Some(bad(
            0,
            "the header line holds more than the format version",
            header_hint,
        ));
    }
    Some(match version.as_u64() {
        Some(v) if v <= FORMAT_VERSION => Line::Header(v),
        Some(v) => Line::Newer(v),
        None => bad(
            0,
            format!("the state file's format version is {version}, not a number"),
            header_hint,
        ),
    })
}

/// What a write did.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// Nothing changed, so the file was not touched.
    Nothing,
    /// This many changes were appended.
    Appended(usize),
}

/// Locks the state, reads the whole file, asks `change` for new events given
/// the log as it is, and appends them. The lock is held from before the read
/// to after the write, so no other writer's change can be lost in between.
/// `waiting` is called once if another command holds the lock (to say so).
pub fn update(
    path: &Path,
    lock_timeout: Option<Duration>,
    waiting: impl FnOnce(),
    change: impl FnOnce(&Log) -> Result<Vec<Event>>,
) -> Result<Written> {
    crate::files::check(path, WHAT)?;
    let dir = crate::files::parent_dir(path);
    std::fs::create_dir_all(&dir).doing(|| format!("cannot create the folder {}", dir.display()))?;
    // Through a symlink, the file it points to is what is locked and written.
    let real = crate::files::target(path, WHAT)?;
    let _lock = lock(&real, lock_timeout, waiting)?;
    let (bytes, exists) = match crate::files::read(&real, crate::files::STATE_LIMIT, WHAT)? {
        Some(bytes) => (bytes, true),
        None => (Vec::new(), false),
    };
    let log = parse(&path.display().to_string(), &bytes)?;
    let events = change(&log)?;
    if events.is_empty() {
        return Ok(Written::Nothing);
    }
    let blank = bytes.iter().all(u8::is_ascii_whitespace);
    let needed = needed_version(&events);
    let lines = if blank {
        event_lines(needed, &events)?
    } else {
        event_lines(log.version, &events)?
    };
    if exists && !blank && bytes.last() == Some(&b'\n') {
        append(&real, bytes.len() as u64, &lines)
            .doing(|| format!("cannot write the state file {}", path.display()))?;
    } else {
        // A new or blank file gets its header; a last line without its line
        // end gets one. Both rewrite the file whole.
        let mut content = if blank {
            format!("{}\n", header_line(needed)).into_bytes()
        } else {
            bytes
        };
        if content.last() != Some(&b'\n') {
            content.push(b'\n');
        }
        content.extend_from_slice(&lines);
        crate::files::replace(&real, &content, WHAT)?;
    }
    Ok(Written::Appended(events.len()))
}

/// The oldest format that holds `events` (and never below the base).
fn needed_version(events: &[Event]) -> u64 {
    events
        .iter()
        .map(Event::format_version)
        .max()
        .unwrap_or(BASE_VERSION)
        .max(BASE_VERSION)
}

/// The lines that append `events` to a file in format `version`: a header
/// line first when they need a newer format (so an older roadmap refuses
/// the file rather than misreading it), then one line per event.
pub fn event_lines(version: u64, events: &[Event]) -> Result<Vec<u8>> {
    let mut lines = Vec::new();
    let needed = needed_version(events);
    if version < needed {
        lines.extend_from_slice(format!("{}\n", header_line(needed)).as_bytes());
    }
    for event in events {
        serde_json::to_writer(&mut lines, event).map_err(|e| Error::io("cannot write a change", e.into()))?;
        lines.push(b'\n');
    }
    Ok(lines)
}

/// Rewrites the state file whole, under its lock: the one write that changes
/// recorded lines (`roadmap forget`). `change` gets the file's bytes and
/// its format version, and returns the new bytes, or `None` when there is
/// nothing to change. The old
/// file is kept first at `backup` (a new file, never one that is there), then
/// the new one replaces it atomically; the new content must read as a state
/// file. Returns whether the file was rewritten.
pub fn rewrite(
    path: &Path,
    lock_timeout: Option<Duration>,
    waiting: impl FnOnce(),
    backup: &Path,
    change: impl FnOnce(&[u8], u64) -> Result<Option<Vec<u8>>>,
) -> Result<bool> {
    crate::files::check(path, WHAT)?;
    let real = crate::files::target(path, WHAT)?;
    let _lock = lock(&real, lock_timeout, waiting)?;
    let Some(bytes) = crate::files::read(&real, crate::files::STATE_LIMIT, WHAT)? else {
        return Ok(false);
    };
    let version = parse(&path.display().to_string(), &bytes)?.version;
    let Some(content) = change(&bytes, version)? else {
        return Ok(false);
    };
    parse(&path.display().to_string(), &content)?;
    crate::files::create(backup, &bytes, "the backup of the state file")?;
    crate::files::replace(&real, &content, WHAT)?;
    Ok(true)
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

/// The lock file beside the state file: `state.jsonl` is guarded by `state.jsonl.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".lock");
    path.with_file_name(name)
}

/// Takes the exclusive lock, calling `waiting` first if it has to wait for it.
fn lock(path: &Path, timeout: Option<Duration>, waiting: impl FnOnce()) -> Result<File> {
    let lock_path = lock_path(path);
    let cannot_lock = || format!("cannot lock {}", lock_path.display());
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .doing(|| format!("cannot open the lock file {}", lock_path.display()))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {}
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(cannot_lock(), e)),
    }
    waiting();
    let Some(timeout) = timeout else {
        file.lock().doing(cannot_lock)?;
        return Ok(file);
    };
    let deadline = Instant::now() + timeout;
    loop {
        std::thread::sleep(Duration::from_millis(20));
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Busy {
                    lock: lock_path,
                    waited: timeout,
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(cannot_lock(), e)),
        }
    }
}

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
    fn two_parts_read_as_one_pass_wherever_the_second_begins() {
        // Every kind of line a state file can hold, good and bad.
        let kinds = [
            HEADER.to_string(),
            "{\"roadmap_state\":2}\r\n".to_string(),
            "{\"roadmap_state\":99}\n".to_string(),
            line("a", "done", "r/m/1"),
            line("b", "skip", "r/m/2"),
            line("a", "done", "r/m/1"),
            line("c", "reopen", "r#risk"),
            "\n".to_string(),
            "  \t\r\n".to_string(),
            "{\"id\":\"d\",\"at\":5}\n".to_string(),
            "{\"id\":\"e\",\"at\":\"2026-11-20T10:00:00Z\",\"by\":\"x\",\"op\":\"fly\",\"target\":\"r/m\"}\n"
                .to_string(),
            "<<<<<<< HEAD\n".to_string(),
            "not json\n".to_string(),
            "[1, 2]\n".to_string(),
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % below as u64).unwrap()
        };
        let mut compared = 0;
        for _ in 0..400 {
            let count = 1 + next(12);
            let mut text: String = (0..count).map(|_| kinds[next(kinds.len())].as_str()).collect();
            if next(4) == 0 {
                text.push_str("{\"id\":\"f\",\"at\"");
            }
            let one_pass = format!("{:?}", parse_in_parts("s", &text, None));
            let starts = text
                .match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|&at| at < text.len());
            for at in starts.filter(|&at| !text[..at].trim().is_empty()) {
                assert_eq!(
                    format!("{:?}", parse_in_parts("s", &text, Some(at))),
                    one_pass,
                    "{text:?} from {at}"
                );
                compared += 1;
            }
        }
        assert!(compared > 1000, "{compared}");
        assert_eq!(
            second_part(&HEADER.repeat(1000)),
            None,
            "a small file is read in one pass"
        );
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
        let Err(Error::State(found)) = parse("s", b"{\"roadmap_state\":7}\n") else {
            panic!("a newer format must be refused");
        };
        assert!(
            found[0]
                .message
                .contains("format 7, newer than this roadmap understands (6)"),
            "{found:?}"
        );
    }

    #[test]
    fn a_format_1_file_reads_with_a_format_2_header_appended_later() {
        let text = format!(
            "{{\"roadmap_state\":1}}\n{}{{\"roadmap_state\":2}}\n",
            line("a", "done", "r/m/1")
        );
        let log = parse("s", text.as_bytes()).unwrap();
        assert_eq!((log.events.len(), log.version), (1, 2));
    }

    #[test]
    fn reports_conflict_markers_and_bad_lines_with_their_line() {
        let text = format!(
            "{HEADER}<<<<<<< HEAD\n{}=======\n{{\"id\": 5}}\n>>>>>>> other\n",
            line("a", "done", "r/m")
        );
        let Err(Error::State(found)) = parse("state.jsonl", text.as_bytes()) else {
            panic!("conflict markers must be refused");
        };
        let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
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
