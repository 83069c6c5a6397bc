//! `roadmap overdue`: overdue milestones and their open steps, with how long
//! overdue and whose. `--fail-on-overdue` makes it a CI gate (exit 3).
//!
//! Built for size: at 100k milestones there are a quarter of a million rows,
//! which comfy-table would have laid out in memory. Roadmaps are read on
//! every core and dropped once their rows are taken (`Catalog::visit_some`);
//! each row keeps only its texts (`Rows`); each thread's rows are sorted on
//! their own and merged as they are written (`Sorted`); and the table is
//! drawn on every core and streamed to stdout (`crate::table`). See
//! bench/PROFILE.md for what each of these saved.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::json::DueJson;
use super::view::{Filter, pick};
use super::{Context, cell_text, unknown_roadmap};
use crate::cli::{Format, OverdueArgs};
use crate::exit_code::ExitCode;
use crate::progress::MilestoneMarks;
use crate::roadmap::Roadmap;
use crate::roadmap::catalog::Catalog;
use crate::state::{Mark, Marks};
use crate::status::{Status, days_past_due};
use crate::table::{Look, Table, longest_after_split, text_width};
use crate::terminal::{Style, Terminal};

pub fn run(context: &Context, args: &OverdueArgs) -> Result<ExitCode> {
    // Only the marks are needed (and which roadmaps have progress): the log
    // is not kept, or not even read when the cache has them.
    let summary = crate::state::file::summary(&context.state_location()?.path)?;
    let marks = summary.marks;
    let today = context.today();
    let filter = Filter::new(&args.filter);
    let (ids, rows) = Catalog::visit_some(
        &context.roadmap_dirs(),
        pick(&args.roadmaps, summary.roadmaps.iter().map(String::as_str).collect()),
        || Rows::new(args.format),
        |rows, roadmap| rows.add(&roadmap, &marks, today, &filter),
    )?;
    if let Some(unknown) = args.roadmaps.iter().find(|id| !ids.contains(id)) {
        return Err(unknown_roadmap(unknown, ids.iter().map(String::as_str)));
    }
    let rows = Sorted::new(rows);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        Format::Json => write_json(&mut out, &rows, today),
        _ if rows.is_empty() => writeln!(out, "nothing is overdue (today {today})"),
        format => write_table(&mut out, &rows, format, context.terminal, today),
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(if args.fail_on_overdue && !rows.is_empty() {
        ExitCode::Overdue
    } else {
        ExitCode::Success
    })
}

const HEADERS: [&str; 4] = ["OVERDUE", "WHAT", "DUE", "OWNER"];

/// One overdue milestone, or one open step of an overdue milestone. Kept
/// small (80 bytes): `overdue` at 100k milestones holds 250 000 of them.
struct Row {
    days_overdue: i64,
    /// The first 24 bytes of its address, zero-padded, as numbers: most rows
    /// are told apart by these without reading the address (ids have no NUL,
    /// so a shorter address still sorts first).
    head: [u64; 3],
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    /// 0 for the milestone itself, else the step's number.
    step: u32,
    /// Which of `Rows::texts` holds its texts, and where they start: its
    /// address, title, due label and owner, one after another.
    part: u32,
    at: u32,
    /// Their lengths; `NO_OWNER` for an owner when there is none.
    lens: [u32; 4],
    /// For a table, when no cell needs escaping and the title is one line:
    /// the display widths of the address, title, due label and owner, as
    /// measured when the row was added, so drawing need not measure again.
    measured: Option<[u16; 4]>,
}

const NO_OWNER: u32 = u32::MAX;

/// Longer texts are cut (at a character boundary) so that offsets fit in 32
/// bits; no roadmap has a title near it, and a table cell shows 8 000 characters.
const TEXT_LIMIT: usize = 1 << 28;

/// The size of each buffer the rows' texts are kept in, and of each chunk
/// of rows. Buffers are filled, never grown: growing copies them, and the
/// old copy would count in peak memory as much as the new one.
const TEXT_PART: usize = 1 << 20;
const CHUNK_ROWS: usize = 1 << 13;

/// The rows one thread gathered.
struct Rows {
    /// In chunks of `CHUNK_ROWS`; each is sorted on its own (`Sorted`).
    chunks: Vec<Vec<Row>>,
    /// The rows' texts, in buffers of `TEXT_PART`.
    texts: Vec<String>,
    /// What the rows are written as, and for a table the widest line of each
    /// column (`write_table`'s cells), measured as the rows are added: the
    /// text is in cache then, while a pass over sorted rows would jump about.
    format: Format,
    widest: [usize; 4],
    scratch: String,
    /// The width of the age of the last row added, and its days.
    last_age: (i64, usize),
}

impl Rows {
    fn new(format: Format) -> Rows {
        Rows {
            chunks: Vec::new(),
            texts: Vec::new(),
            format,
            widest: HEADERS.map(text_width),
            scratch: String::new(),
            last_age: (i64::MIN, 0),
        }
    }

    /// Widens the columns to fit a row with these cells; returns the row's
    /// `measured` widths when its cells need no escaping.
    fn measure(&mut self, days: i64, address: &str, title: &str, due: &str, owner: &str) -> Option<[u16; 4]> {
        if self.format == Format::Json {
            return None;
        }
        if self.last_age.0 != days {
            self.last_age = (days, age(days).len());
        }
        let what = &mut self.scratch;
        what.clear();
        what.push_str(address);
        what.push('\n');
        what.push_str(title);
        let format = self.format;
        let (what, due, owner) = (
            cell_text(format, what),
            cell_text(format, due),
            cell_text(format, owner),
        );
        let plain = [&what, &due, &owner]
            .iter()
            .all(|c| matches!(c, std::borrow::Cow::Borrowed(_)))
            && memchr::memchr(b'\n', title.as_bytes()).is_none();
        let measured = plain.then(|| {
            [
                text_width(address),
                text_width(title),
                text_width(&due),
                text_width(&owner),
            ]
        });
        let widths = [
            self.last_age.1,
            measured.map_or_else(|| text_width(&what), |[a, t, _, _]| a.max(t)),
            measured.map_or_else(|| text_width(&due), |[_, _, d, _]| d),
            measured.map_or_else(|| text_width(&owner), |[_, _, _, o]| o),
        ];
        for (widest, width) in self.widest.iter_mut().zip(widths) {
            *widest = (*widest).max(width);
        }
        let narrow = |w: usize| u16::try_from(w).ok();
        measured.and_then(|[a, t, d, o]| Some([narrow(a)?, narrow(t)?, narrow(d)?, narrow(o)?]))
    }

    fn add(&mut self, roadmap: &Roadmap, state: &Marks, today: NaiveDate, filter: &Filter) {
        let mut marks = MilestoneMarks::default();
        for m in &roadmap.milestones {
            // Only a milestone past its due date can be overdue; the rest need no progress.
            let (Some(due), Some(days)) = (m.due.as_ref(), days_past_due(m.due.as_ref(), today)) else {
                continue;
            };
            if !filter.milestone(roadmap, m) {
                continue;
            }
            marks.read(&roadmap.id, m, state);
            if Status::decide(Some(due), &marks.progress(), today) != Status::Overdue {
                continue;
            }
            let push = |rows: &mut Rows, step: usize, address: &str, title: &str, owner: Option<&str>| {
                let mut bytes = [0; 24];
                let n = address.len().min(bytes.len());
                bytes[..n].copy_from_slice(&address.as_bytes()[..n]);
                let word = |i: usize| u64::from_be_bytes(bytes[i * 8..i * 8 + 8].try_into().unwrap_or_default());
                let (part, at, lens) = rows.keep([address, title, due.label(), owner.unwrap_or("")], owner.is_some());
                let measured = rows.measure(days, address, title, due.label(), owner.unwrap_or(""));
                let row = Row {
                    days_overdue: days,
                    head: [word(0), word(1), word(2)],
                    start: due.start(),
                    end: due.end(),
                    step: u32::try_from(step).unwrap_or(u32::MAX),
                    part,
                    at,
                    lens,
                    measured,
                };
                match rows.chunks.last_mut() {
                    Some(chunk) if chunk.len() < chunk.capacity() => chunk.push(row),
                    _ => {
                        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
                        chunk.push(row);
                        rows.chunks.push(chunk);
                    }
                }
            };
            // Filtered to a step owner, a milestone with no owner of its own adds nothing.
            if !(filter.is_active() && m.owner.is_none() && !m.steps.is_empty()) {
                push(self, 0, &marks.address, &m.title, m.owner.as_deref());
            }
            for (i, step) in m.steps.iter().enumerate() {
                if marks.steps.get(i) == Some(&Mark::Open) && filter.step(m, step) {
                    let owner = step.owner.as_deref().or(m.owner.as_deref());
                    push(self, i + 1, marks.step_address(i + 1), &step.text, owner);
                }
            }
        }
    }

    /// Keeps a row's texts together; returns where: part, offset, lengths.
    fn keep(&mut self, texts: [&str; 4], has_owner: bool) -> (u32, u32, [u32; 4]) {
        let texts = texts.map(|text| {
            let mut end = text.len().min(TEXT_LIMIT);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            &text[..end]
        });
        let total: usize = texts.iter().map(|t| t.len()).sum();
        if self.texts.last().is_none_or(|b| b.len() + total > b.capacity()) {
            self.texts.push(String::with_capacity(TEXT_PART.max(total)));
        }
        let part = self.texts.len() - 1;
        let buffer = &mut self.texts[part];
        let at = buffer.len();
        for text in texts {
            buffer.push_str(text);
        }
        // Both fit: `TEXT_LIMIT` and `TEXT_PART` keep them under 2^32.
        let len = |t: &str| u32::try_from(t.len()).unwrap_or(u32::MAX);
        let mut lens = texts.map(len);
        if !has_owner {
            lens[3] = NO_OWNER;
        }
        (
            u32::try_from(part).unwrap_or(u32::MAX),
            u32::try_from(at).unwrap_or(u32::MAX),
            lens,
        )
    }

    fn text(&self, row: &Row, i: usize) -> Option<&str> {
        text_of(&self.texts, row, i)
    }

    fn address(&self, row: &Row) -> &str {
        self.text(row, 0).unwrap_or_default()
    }

    fn title(&self, row: &Row) -> &str {
        self.text(row, 1).unwrap_or_default()
    }

    fn due(&self, row: &Row) -> &str {
        self.text(row, 2).unwrap_or_default()
    }

    fn owner(&self, row: &Row) -> Option<&str> {
        self.text(row, 3)
    }
}

/// Longest overdue first, then by address; `texts_a` are the texts of the
/// `Rows` that `a` is in (`Rows::texts`), and so for `b`.
fn order(texts_a: &[String], a: &Row, texts_b: &[String], b: &Row) -> std::cmp::Ordering {
    (b.days_overdue, a.head)
        .cmp(&(a.days_overdue, b.head))
        .then_with(|| text_of(texts_a, a, 0).cmp(&text_of(texts_b, b, 0)))
}

/// Text `i` of a row (0 address, 1 title, 2 due label, 3 owner), from the
/// texts of the `Rows` it is in.
fn text_of<'t>(texts: &'t [String], row: &Row, i: usize) -> Option<&'t str> {
    if row.lens[i] == NO_OWNER {
        return None;
    }
    let start = row.at as usize + row.lens[..i].iter().map(|&n| n as usize).sum::<usize>();
    texts.get(row.part as usize)?.get(start..start + row.lens[i] as usize)
}

/// The rows of every thread, each chunk sorted (on as many threads as
/// there are cores), read as one sorted list by merging the chunks as they
/// are read: one list of all rows would need all of them copied once more.
struct Sorted {
    parts: Vec<Rows>,
    widest: [usize; 4],
}

impl Sorted {
    fn new(mut parts: Vec<Rows>) -> Sorted {
        let mut chunks: Vec<(&[String], &mut Vec<Row>)> = parts
            .iter_mut()
            .flat_map(|Rows { texts, chunks, .. }| chunks.iter_mut().map(|chunk| (texts.as_slice(), chunk)))
            .collect();
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let per_thread = chunks.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for group in chunks.chunks_mut(per_thread) {
                scope.spawn(move || {
                    for (texts, chunk) in group {
                        chunk.sort_unstable_by(|a, b| order(texts, a, texts, b));
                    }
                });
            }
        });
        let mut widest = HEADERS.map(text_width);
        for rows in &parts {
            for (widest, width) in widest.iter_mut().zip(rows.widest) {
                *widest = (*widest).max(width);
            }
        }
        Sorted { parts, widest }
    }

    fn is_empty(&self) -> bool {
        self.parts.iter().all(|rows| rows.chunks.iter().all(Vec::is_empty))
    }

    /// Every row, in order, with the rows it belongs to (which holds its texts).
    fn iter(&self) -> impl Iterator<Item = (&Rows, &Row)> {
        let mut heap: std::collections::BinaryHeap<Next> = self
            .parts
            .iter()
            .flat_map(|rows| rows.chunks.iter().map(move |chunk| (rows, chunk.as_slice())))
            .filter_map(|(rows, chunk)| {
                let (first, rest) = chunk.split_first()?;
                Some(Next { rows, first, rest })
            })
            .collect();
        std::iter::from_fn(move || {
            let mut next = heap.peek_mut()?;
            let (rows, row) = (next.rows, next.first);
            if let Some((first, rest)) = next.rest.split_first() {
                (next.first, next.rest) = (first, rest);
            } else {
                std::collections::binary_heap::PeekMut::pop(next);
            }
            Some((rows, row))
        })
    }
}

/// What is left of one sorted chunk, ordered by its first row, first row
/// first (`BinaryHeap` puts the greatest on top, so the order is reversed).
struct Next<'a> {
    rows: &'a Rows,
    first: &'a Row,
    rest: &'a [Row],
}

impl Ord for Next<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        order(&other.rows.texts, other.first, &self.rows.texts, self.first)
    }
}

impl PartialOrd for Next<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Next<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Next<'_> {}

fn write_table(
    out: &mut impl Write,
    rows: &Sorted,
    format: Format,
    terminal: Terminal,
    today: NaiveDate,
) -> std::io::Result<()> {
    let look = match format {
        Format::Markdown => Look::Markdown,
        _ => Look::Terminal(terminal),
    };
    let mut scratch = Vec::new();
    let table = Table::new(look, &rows.widest, |column, width| {
        let mut longest = longest_after_split(HEADERS[column], width, &mut scratch);
        let mut cells = Cells::new(format);
        for (rows, row) in rows.iter() {
            longest = longest.max(longest_after_split(&cells.fill(rows, row)[column], width, &mut scratch));
        }
        longest
    });
    let mut head = table.clone();
    head.write_head(out, &HEADERS)?;
    let (milestones, steps) = write_rows_in_parallel(out, rows, &table, format)?;
    table.write_foot(out)?;
    writeln!(
        out,
        "{milestones} overdue milestone{}, {steps} open step{} in them (today {today})",
        plural(milestones),
        plural(steps),
    )
}

/// Writes the rows of the table, drawn on every core a few thousand rows at
/// a time and written in order (drawing is most of the cost of a long table).
/// Returns how many rows are milestones and how many steps.
fn write_rows_in_parallel(
    out: &mut impl Write,
    rows: &Sorted,
    table: &Table,
    format: Format,
) -> std::io::Result<(usize, usize)> {
    const CHUNK: usize = 2048;
    type Chunk<'r> = Vec<(&'r Rows, &'r Row)>;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let styles: &[Option<Style>] = if format == Format::Markdown {
        &[]
    } else {
        &[Some(Style::Red)]
    };
    let (mut milestones, mut steps) = (0, 0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (jobs, job) = std::sync::mpsc::sync_channel::<Chunk>(1);
                let (drawn, done) = std::sync::mpsc::sync_channel::<std::io::Result<Vec<u8>>>(1);
                let mut table = table.clone();
                scope.spawn(move || {
                    let mut cells = Cells::new(format);
                    for chunk in job {
                        let mut text = Vec::with_capacity(chunk.len() * 256);
                        let result = chunk.iter().try_for_each(|(rows, row)| {
                            let filled = cells.fill(rows, row);
                            match row.measured {
                                Some([address, title, due, owner]) => {
                                    let age = [filled[0].len()];
                                    let widths = [
                                        &age[..],
                                        &[address.into(), title.into()],
                                        &[due.into()],
                                        &[owner.into()],
                                    ];
                                    table.write_measured_row(&mut text, &filled, &widths, styles)
                                }
                                None => table.write_row(&mut text, &filled, styles),
                            }
                        });
                        if drawn.send(result.map(|()| text)).is_err() {
                            break;
                        }
                    }
                });
                (jobs, done)
            })
            .collect();
        let mut sorted = rows.iter();
        // Which worker has each chunk in hand, oldest first: two per worker at most.
        let mut in_hand = std::collections::VecDeque::new();
        let mut next = 0;
        loop {
            while in_hand.len() < 2 * threads {
                let chunk: Chunk = sorted.by_ref().take(CHUNK).collect();
                if chunk.is_empty() {
                    break;
                }
                for (_, row) in &chunk {
                    if row.step == 0 {
                        milestones += 1;
                    } else {
                        steps += 1;
                    }
                }
                if workers[next].0.send(chunk).is_err() {
                    return Err(std::io::Error::other("a table-drawing thread stopped"));
                }
                in_hand.push_back(next);
                next = (next + 1) % threads;
            }
            let Some(worker) = in_hand.pop_front() else { break };
            let text = workers[worker]
                .1
                .recv()
                .map_err(|_| std::io::Error::other("a table-drawing thread stopped"))??;
            out.write_all(&text)?;
        }
        Ok((milestones, steps))
    })
}

/// A row's cells as the table shows them, made in buffers reused row after row.
struct Cells {
    format: Format,
    what: String,
    /// The last age written, and its days: rows are sorted by age, so most
    /// rows say what the one before said.
    age: (i64, String),
}

impl Cells {
    fn new(format: Format) -> Cells {
        Cells {
            format,
            what: String::new(),
            age: (i64::MIN, String::new()),
        }
    }

    /// OVERDUE, WHAT (address and title), DUE, OWNER.
    fn fill<'a>(&'a mut self, rows: &'a Rows, row: &Row) -> [std::borrow::Cow<'a, str>; 4] {
        self.what.clear();
        self.what.push_str(rows.address(row));
        self.what.push('\n');
        self.what.push_str(rows.title(row));
        if self.age.0 != row.days_overdue {
            self.age = (row.days_overdue, age(row.days_overdue));
        }
        let (due, owner) = (rows.due(row), rows.owner(row).unwrap_or(""));
        if row.measured.is_some() {
            // Found to need no escaping when the row was added.
            return [
                self.age.1.as_str().into(),
                self.what.as_str().into(),
                due.into(),
                owner.into(),
            ];
        }
        [
            self.age.1.as_str().into(),
            cell_text(self.format, &self.what),
            cell_text(self.format, due),
            cell_text(self.format, owner),
        ]
    }
}

/// The JSON form, `{"today": …, "overdue": [item, …]}`, written as it is made.
fn write_json(out: &mut impl Write, rows: &Sorted, today: NaiveDate) -> std::io::Result<()> {
    struct Overdue<'a> {
        today: NaiveDate,
        rows: &'a Sorted,
    }
    impl Serialize for Overdue<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut json = serializer.serialize_struct("Overdue", 2)?;
            json.serialize_field("today", &self.today.to_string())?;
            json.serialize_field("overdue", &Items(self.rows))?;
            json.end()
        }
    }
    struct Items<'a>(&'a Sorted);
    impl Serialize for Items<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.iter().map(|(rows, row)| Item::new(rows, row)))
        }
    }
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    Overdue { today, rows }.serialize(&mut serializer)?;
    out.write_all(b"\n")
}

/// One row as JSON.
#[derive(Serialize)]
struct Item<'a> {
    address: &'a str,
    roadmap: &'a str,
    milestone: &'a str,
    step: Option<usize>,
    title: &'a str,
    owner: Option<&'a str>,
    due: DueJson<'a>,
    days_overdue: i64,
}

impl<'a> Item<'a> {
    fn new(rows: &'a Rows, row: &Row) -> Item<'a> {
        let address = rows.address(row);
        // Ids have no `/` (`roadmap::parse::is_valid_id`), so the address splits back into them.
        let mut parts = address.split('/');
        Item {
            address,
            roadmap: parts.next().unwrap_or_default(),
            milestone: parts.next().unwrap_or_default(),
            step: (row.step > 0).then_some(row.step as usize),
            title: rows.title(row),
            owner: rows.owner(row),
            due: DueJson {
                label: rows.due(row),
                start: row.start.map(|d| d.to_string()),
                end: row.end.map(|d| d.to_string()),
            },
            days_overdue: row.days_overdue,
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// How long overdue, as a person would say it: "3 days", "5 weeks", "14 months", "2 years".
fn age(days: i64) -> String {
    let (n, unit) = match days {
        ..14 => (days, "day"),
        14..61 => (days / 7, "week"),
        61..731 => (days * 12 / 365, "month"),
        _ => (days / 365, "year"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    #[test]
    fn ages_read_naturally() {
        assert_eq!(super::age(1), "1 day");
        assert_eq!(super::age(13), "13 days");
        assert_eq!(super::age(14), "2 weeks");
        assert_eq!(super::age(60), "8 weeks");
        assert_eq!(super::age(61), "2 months");
        assert_eq!(super::age(730), "24 months");
        assert_eq!(super::age(731), "2 years");
    }
}
