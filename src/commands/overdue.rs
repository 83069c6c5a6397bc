//! `roadmap overdue`: overdue milestones and their open steps, with how long
//! overdue and whose. `--fail-on-overdue` makes it a CI gate (exit 3).
//!
//! Built for size: roadmaps are read one at a time and dropped (see
//! `Catalog::visit_some`), each overdue row keeps only its texts, in one
//! buffer (`Rows`), and the table is streamed to stdout (`crate::table`). At
//! 100k milestones that is a quarter of a million rows, which comfy-table
//! would have laid out in memory (bench/PROFILE.md).

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::json::DueJson;
use super::view::{Filter, pick, read_state};
use super::{Context, cell_text, unknown_roadmap};
use crate::address::Address;
use crate::cli::{Format, OverdueArgs};
use crate::exit_code::ExitCode;
use crate::roadmap::Roadmap;
use crate::roadmap::catalog::Catalog;
use crate::state::{Mark, State};
use crate::status::{Status, standings};
use crate::table::{Look, Table, longest_after_split, text_width};
use crate::terminal::{Style, Terminal};

pub fn run(context: &Context, args: &OverdueArgs) -> Result<ExitCode> {
    let (_, log) = read_state(context)?;
    let today = context.today();
    let state = State::fold(&log.events);
    let filter = Filter::new(&args.filter);
    let mut rows = Rows::new(args.format);
    let ids = Catalog::visit_some(&context.roadmap_dirs(), pick(&args.roadmaps, &log), |roadmap| {
        rows.add(&roadmap, &state, today, &filter);
    })?;
    if let Some(unknown) = args.roadmaps.iter().find(|id| !ids.contains(id)) {
        return Err(unknown_roadmap(unknown, ids.iter().map(String::as_str)));
    }
    rows.sort();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        Format::Json => write_json(&mut out, &rows, today),
        _ if rows.list.is_empty() => writeln!(out, "nothing is overdue (today {today})"),
        format => write_table(&mut out, &rows, format, context.terminal, today),
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(if args.fail_on_overdue && !rows.list.is_empty() {
        ExitCode::Overdue
    } else {
        ExitCode::Success
    })
}

const HEADERS: [&str; 4] = ["OVERDUE", "WHAT", "DUE", "OWNER"];

/// One overdue milestone, or one open step of an overdue milestone.
struct Row {
    days_overdue: i64,
    step: Option<usize>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    /// The first bytes of its address, zero-padded: most rows are told apart
    /// by these, without reading the address in `Rows::text` (ids have no NUL,
    /// so a shorter address still sorts first).
    head: (u128, u64),
    /// Where its address, title, owner and due label are in `Rows::text`.
    address: (usize, usize),
    title: (usize, usize),
    owner: Option<(usize, usize)>,
    due: (usize, usize),
}

struct Rows {
    list: Vec<Row>,
    text: String,
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
            list: Vec::new(),
            text: String::new(),
            format,
            widest: HEADERS.map(text_width),
            scratch: String::new(),
            last_age: (i64::MIN, 0),
        }
    }

    /// Widens the columns to fit a row with these cells.
    fn measure(&mut self, days: i64, address: &str, title: &str, due: &str, owner: &str) {
        if self.format == Format::Json {
            return;
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
        let widths = [
            self.last_age.1,
            text_width(&cell_text(format, what)),
            text_width(&cell_text(format, due)),
            text_width(&cell_text(format, owner)),
        ];
        for (widest, width) in self.widest.iter_mut().zip(widths) {
            *widest = (*widest).max(width);
        }
    }

    fn add(&mut self, roadmap: &Roadmap, state: &State<'_>, today: NaiveDate, filter: &Filter) {
        let mut step_address = String::new();
        for s in standings(roadmap, state, today) {
            let (Status::Overdue, Some(due), Some(days)) = (s.status, s.milestone.due.as_ref(), s.days_overdue(today))
            else {
                continue;
            };
            if !filter.milestone(roadmap, s.milestone) {
                continue;
            }
            let m = s.milestone;
            let address = Address::milestone(&roadmap.id, &m.id).to_string();
            let push = |rows: &mut Rows, step: Option<usize>, address: &str, title: &str, owner: Option<&str>| {
                let mut bytes = [0; 24];
                let n = address.len().min(bytes.len());
                bytes[..n].copy_from_slice(&address.as_bytes()[..n]);
                let (high, low) = bytes.split_at(16);
                let head = (
                    u128::from_be_bytes(high.try_into().unwrap_or_default()),
                    u64::from_be_bytes(low.try_into().unwrap_or_default()),
                );
                let row = Row {
                    days_overdue: days,
                    head,
                    step,
                    start: due.start(),
                    end: due.end(),
                    address: rows.keep(address),
                    title: rows.keep(title),
                    owner: owner.map(|o| rows.keep(o)),
                    due: rows.keep(due.label()),
                };
                rows.list.push(row);
                rows.measure(days, address, title, due.label(), owner.unwrap_or(""));
            };
            // Filtered to a step owner, a milestone with no owner of its own adds nothing.
            if !(filter.is_active() && m.owner.is_none() && !m.steps.is_empty()) {
                push(self, None, &address, &m.title, m.owner.as_deref());
            }
            for (i, step) in m.steps.iter().enumerate() {
                step_address.clear();
                step_address.push_str(&address);
                step_address.push('/');
                step_address.push_str(itoa(i + 1, &mut [0; 20]));
                if state.mark(&step_address) == Mark::Open && filter.step(m, step) {
                    let owner = step.owner.as_deref().or(m.owner.as_deref());
                    push(self, Some(i + 1), &step_address, &step.text, owner);
                }
            }
        }
    }

    fn keep(&mut self, text: &str) -> (usize, usize) {
        let start = self.text.len();
        self.text.push_str(text);
        (start, self.text.len())
    }

    fn get(&self, (start, end): (usize, usize)) -> &str {
        &self.text[start..end]
    }

    /// Longest overdue first, then by address.
    fn sort(&mut self) {
        let text = &self.text;
        self.list.sort_unstable_by(|a, b| {
            (b.days_overdue, a.head).cmp(&(a.days_overdue, b.head)).then_with(|| {
                let (ra, rb) = (a.address, b.address);
                text[ra.0..ra.1].cmp(&text[rb.0..rb.1])
            })
        });
    }
}

/// `n` in decimal, without the formatting machinery: this runs for every step.
fn itoa(mut n: usize, buffer: &mut [u8; 20]) -> &str {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buffer[at..]).unwrap_or("0")
}

fn write_table(
    out: &mut impl Write,
    rows: &Rows,
    format: Format,
    terminal: Terminal,
    today: NaiveDate,
) -> std::io::Result<()> {
    let look = match format {
        Format::Markdown => Look::Markdown,
        _ => Look::Terminal(terminal),
    };
    // Rows are sorted by age, so most rows say what the one before said.
    let last_age = std::cell::RefCell::new((i64::MIN, String::new()));
    let cells = |row: &Row, what: &mut String, age_text: &mut String| {
        what.clear();
        what.push_str(rows.get(row.address));
        what.push('\n');
        what.push_str(rows.get(row.title));
        let mut last = last_age.borrow_mut();
        if last.0 != row.days_overdue {
            *last = (row.days_overdue, age(row.days_overdue));
        }
        age_text.clear();
        age_text.push_str(&last.1);
        row.owner.map_or("", |o| rows.get(o))
    };
    let (mut what, mut age_text) = (String::new(), String::new());
    let mut scratch = Vec::new();
    let mut table = Table::new(look, &rows.widest, |column, width| {
        let mut longest = longest_after_split(HEADERS[column], width, &mut scratch);
        let (mut what, mut age_text) = (String::new(), String::new());
        for row in &rows.list {
            let owner = cells(row, &mut what, &mut age_text);
            let text = match column {
                0 => age_text.as_str().into(),
                1 => cell_text(format, &what),
                2 => cell_text(format, rows.get(row.due)),
                _ => cell_text(format, owner),
            };
            longest = longest.max(longest_after_split(&text, width, &mut scratch));
        }
        longest
    });
    table.write_head(out, &HEADERS)?;
    let age_style = [Some(Style::Red)];
    for row in &rows.list {
        let owner = cells(row, &mut what, &mut age_text);
        table.write_row(
            out,
            &[
                &age_text,
                &cell_text(format, &what),
                &cell_text(format, rows.get(row.due)),
                &cell_text(format, owner),
            ],
            if format == Format::Markdown { &[] } else { &age_style },
        )?;
    }
    table.write_foot(out)?;
    let milestones = rows.list.iter().filter(|r| r.step.is_none()).count();
    let steps = rows.list.len() - milestones;
    writeln!(
        out,
        "{milestones} overdue milestone{}, {steps} open step{} in them (today {today})",
        plural(milestones),
        plural(steps),
    )
}

/// The JSON form, `{"today": …, "overdue": [item, …]}`, written as it is made.
fn write_json(out: &mut impl Write, rows: &Rows, today: NaiveDate) -> std::io::Result<()> {
    struct Overdue<'a> {
        today: NaiveDate,
        rows: &'a Rows,
    }
    impl Serialize for Overdue<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut json = serializer.serialize_struct("Overdue", 2)?;
            json.serialize_field("today", &self.today.to_string())?;
            json.serialize_field("overdue", &Items(self.rows))?;
            json.end()
        }
    }
    struct Items<'a>(&'a Rows);
    impl Serialize for Items<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.list.iter().map(|row| Item::new(self.0, row)))
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
        let address = rows.get(row.address);
        // Ids have no `/` (`roadmap::parse::is_valid_id`), so the address splits back into them.
        let mut parts = address.split('/');
        Item {
            address,
            roadmap: parts.next().unwrap_or_default(),
            milestone: parts.next().unwrap_or_default(),
            step: row.step,
            title: rows.get(row.title),
            owner: row.owner.map(|o| rows.get(o)),
            due: DueJson {
                label: rows.get(row.due),
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

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 1234, usize::MAX] {
            assert_eq!(super::itoa(n, &mut [0; 20]), n.to_string());
        }
    }
}
