//! Everything a person or a program reads: the terminal (colour, width,
//! escaping), the cells and tables of the views, the JSON shapes, the error
//! messages, and the renderers of the weekly report and of the exports.

pub mod charts;
pub mod ci;
pub mod csv;
pub mod docx;
pub mod error;
pub mod html;
pub mod ics;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod mermaid;
pub mod mspdi;
pub mod portfolio;
pub mod report;
pub mod table;
pub mod terminal;
pub mod text;
pub mod xlsx;

use std::borrow::Cow;
use std::path::Path;

use roadmap_core::due::{Due, Span};
use roadmap_core::report::lights::Light;
use roadmap_core::roadmap::Origin;
use roadmap_core::schedule::Baseline;
use roadmap_core::state::{Op, RiskFields};
use roadmap_core::status::Status;
use roadmap_core::workspace::{Location, NameFrom, Recorder, Source};

pub use table::Table;
pub use terminal::{ColorChoice, Style, Terminal, sanitize, say, wrap};

use crate::i18n::{Language, t};

/// How a view writes its output: for people (`table`), for scripts (`json`),
/// or for a page or a pull request (`markdown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

/// The longest text a table cell shows. Laying out a table is slow for very
/// long unbroken words, and nobody reads a 1 MB title in a table anyway.
const CELL_LIMIT: usize = 8000;

/// Text from a roadmap or state file made safe for one table cell in `format`.
pub fn cell(format: Format, text: &str) -> String {
    // A text of no more bytes than the limit has no more characters: only
    // a longer one is walked to find where the limit falls.
    let cut = if text.len() <= CELL_LIMIT {
        None
    } else {
        text.char_indices().nth(CELL_LIMIT)
    };
    let shown = match cut {
        // Past the limit the cell says how much is left out, in figures
        // any reader follows, in every language alike.
        Some((cut, _)) => Cow::Owned(format!("{}… (+{})", &text[..cut], text[cut..].chars().count())),
        None => Cow::Borrowed(text),
    };
    let safe = sanitize(&shown);
    match format {
        Format::Markdown => safe.replace('|', "\\|").replace("\r\n", "\n").replace('\n', "<br>"),
        _ => safe.replace('\t', "    "),
    }
}

/// `text` written onto `out` for a markup language (Markdown, Mermaid): a
/// character that starts with a byte `marks` names, a control character
/// (below 0x20, 0x7F) or 0xC2 (which begins U+0080 to U+00BF, the C1
/// controls among them) goes through `escape`; the runs between are copied
/// whole, as most of any text is.
pub fn push_in_runs(out: &mut String, text: &str, marks: impl Fn(u8) -> bool, escape: fn(&mut String, char)) {
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| marks(b) || b < 0x20 || b == 0x7f || b == 0xc2)
    {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        escape(out, c);
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// `text` escaped a character at a time with `escape`, as the escapings
/// were first written: the reading that `push_in_runs`, which copies runs
/// of plain text whole, is tested against.
#[cfg(test)]
pub(crate) fn escaped_char_by_char(text: &str, escape: fn(&mut String, char)) -> String {
    let mut out = String::new();
    for c in sanitize(text).chars() {
        escape(&mut out, c);
    }
    out
}

/// The colour of a status, the same in every view.
pub fn status_style(status: Status) -> Style {
    match status {
        Status::Done => Style::Green,
        Status::Skipped | Status::Undated => Style::Dim,
        Status::Overdue => Style::Red,
        Status::Due => Style::Yellow,
        Status::Upcoming => Style::Blue,
        Status::Ongoing => Style::Cyan,
    }
}

/// A status in words: "försenad", "forsinket", "overdue".
pub fn status_word(language: &Language, status: Status) -> String {
    match status {
        Status::Done => t!(language, "status-done"),
        Status::Skipped => t!(language, "status-skipped"),
        Status::Overdue => t!(language, "status-overdue"),
        Status::Due => t!(language, "status-due"),
        Status::Upcoming => t!(language, "status-upcoming"),
        Status::Ongoing => t!(language, "status-ongoing"),
        Status::Undated => t!(language, "status-undated"),
    }
}

/// How many milestones have a status, the word agreeing with the number:
/// "3 försenade", "1 klar".
pub fn status_count(language: &Language, status: Status, n: usize) -> String {
    t!(language, "status-count", status = status.as_str(), n = n)
}

/// A status as its symbol and word ("! overdue"), coloured for a terminal
/// when colour is on; plain in Markdown.
pub fn status_text(terminal: &Terminal, language: &Language, format: Format, status: Status) -> String {
    let text = format!("{} {}", status.symbol(), status_word(language, status));
    match format {
        Format::Markdown => text,
        _ => terminal.paint(status_style(status), &text),
    }
}

/// Text for HTML: control characters from the files made visible escapes
/// (`terminal::sanitize`), then `& < > " '` as entities, so nothing in a
/// title or a note can become markup.
pub fn escape_html(text: &str) -> String {
    let text = sanitize(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// A due date as the reader writes it ("v. 23", "16 april 2027") and,
/// when it has moved, where it was first: "v. 23 (var v. 22)", or "v. 23
/// (saknade datum)" for a milestone whose first move gave it its date.
/// `year` is the reader's: a week of another year says its year.
pub fn due_as_moved(language: &Language, due: Option<&Due>, baseline: Option<&Baseline>, year: i32) -> String {
    let due = due.map(|d| language.due(d, year)).unwrap_or_default();
    match baseline {
        Some(Baseline::Due(first)) => t!(language, "due-moved", due = due, baseline = language.due(first, year)),
        Some(Baseline::Undated) => t!(language, "due-first-dated", due = due),
        None => due,
    }
}

/// Where a milestone was first due, in words: the date as the reader
/// writes it, or "no date".
pub fn baseline_words(language: &Language, baseline: &Baseline, year: i32) -> String {
    match baseline {
        Baseline::Due(due) => language.due(due, year),
        Baseline::Undated => t!(language, "no-date"),
    }
}

/// The titles of the milestones `ids` of `roadmap` names, for "waits for …".
pub fn titles_of(roadmap: &roadmap_core::roadmap::Roadmap, ids: &[&str]) -> String {
    ids.iter()
        .map(|id| roadmap.milestone(id).map_or(*id, |m| m.title.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A milestone's or step's title with the id a person types to change it,
/// muted after it: "Projektstart och planering (projektstart)".
pub fn titled(terminal: &Terminal, format: Format, title: &str, id: &str) -> String {
    // Built in one string: `overdue` makes one for every row.
    let id = sanitize(id);
    let mut out = cell(format, title);
    out.reserve(id.len() + 12);
    if format == Format::Markdown {
        out.push_str(" `");
        out.push_str(&id);
        out.push('`');
    } else {
        out.push(' ');
        terminal.paint_onto(&mut out, Style::Dim, &["(", &id, ")"]);
    }
    out
}

/// "2021-07-01 – 2021-12-31" and the like: the days a due date covers.
pub fn dates_text(language: &Language, due: &Due) -> String {
    match due.span() {
        Span::Unknown => t!(language, "dates-unknown"),
        Span::UnplacedWeeks { first, last } if first == last => t!(language, "dates-week-no-year", week = *first),
        Span::UnplacedWeeks { first, last } => t!(language, "dates-weeks-no-year", first = *first, last = *last),
        Span::Dated { start, end: None } => format!("{} →", language.date(*start)),
        Span::Dated { start, end: Some(end) } => language.dates(*start, *end),
    }
}

/// A progress bar of `width` cells.
pub fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width + total / 2).checked_div(total).unwrap_or(0);
    format!(
        "{}{}",
        "█".repeat(filled.min(width)),
        "░".repeat(width - filled.min(width))
    )
}

/// The column headers of a table: as the catalogue has them in Markdown,
/// in capitals on a terminal (where they stand apart from the rows so).
pub fn headers<const N: usize>(language: &Language, format: Format, ids: [&str; N]) -> [String; N] {
    ids.map(|id| {
        let text = language.text(id, None);
        match format {
            Format::Markdown => text,
            _ => text.to_uppercase(),
        }
    })
}

/// A light in a word: "röd", "gul", "grön".
pub fn light_word(language: &Language, light: Light) -> String {
    match light {
        Light::Green => t!(language, "light-green"),
        Light::Yellow => t!(language, "light-yellow"),
        Light::Red => t!(language, "light-red"),
    }
}

/// A light as a coloured mark and its word, for Markdown: "🔴 röd".
pub fn light_mark(language: &Language, light: Light) -> String {
    let mark = match light {
        Light::Green => "🟢",
        Light::Yellow => "🟡",
        Light::Red => "🔴",
    };
    format!("{mark} {}", light_word(language, light))
}

/// What a change did, in a word: "done", "klar", "ferdig".
pub fn op_word(language: &Language, op: Op) -> String {
    match op {
        Op::Done => t!(language, "op-done"),
        Op::Reopen => t!(language, "op-reopen"),
        Op::Skip => t!(language, "op-skip"),
        Op::Note => t!(language, "op-note"),
        Op::Reschedule => t!(language, "op-reschedule"),
        Op::Rekey => t!(language, "op-rekey"),
        Op::Risk => t!(language, "op-risk"),
        Op::Cost => t!(language, "op-cost"),
        Op::Rename => t!(language, "op-rename"),
        Op::Forget => t!(language, "op-forget"),
    }
}

/// What one cost change recorded, in words: "utfall 450 tkr (idp)".
pub fn cost_change(language: &Language, fields: &roadmap_core::state::CostFields) -> String {
    let mut parts = Vec::new();
    if let Some(spent) = fields.spent {
        let amount = language.amount(spent);
        parts.push(if let Some(m) = &fields.milestone {
            t!(language, "cost-field-spent-on", amount = amount, milestone = m.as_str())
        } else {
            t!(language, "cost-field-spent", amount = amount)
        });
    }
    if let Some(forecast) = fields.forecast {
        parts.push(t!(language, "cost-field-forecast", amount = language.amount(forecast)));
    }
    parts.join("; ")
}

/// What one risk change set, in words: "likelihood 5; owner ITSL".
pub fn risk_change(language: &Language, fields: &RiskFields) -> String {
    let mut parts = Vec::new();
    if let Some(text) = &fields.text {
        parts.push(text.clone());
    }
    if let Some(m) = &fields.milestone {
        parts.push(t!(language, "risk-field-milestone", milestone = m.as_str()));
    }
    if let Some(n) = fields.likelihood {
        parts.push(t!(language, "risk-field-likelihood", n = n));
    }
    if let Some(n) = fields.impact {
        parts.push(t!(language, "risk-field-impact", n = n));
    }
    if let Some(owner) = &fields.owner {
        parts.push(t!(language, "risk-field-owner", owner = owner.as_str()));
    }
    if let Some(action) = &fields.action {
        parts.push(t!(language, "risk-field-action", action = action.as_str()));
    }
    match fields.closed {
        Some(true) => parts.push(t!(language, "risk-field-closed")),
        Some(false) => parts.push(t!(language, "risk-field-reopened")),
        None => {}
    }
    parts.join("; ")
}

/// Where a roadmap was loaded from: shipped, or its file.
pub fn origin(language: &Language, origin: &Origin) -> String {
    match origin {
        Origin::Shipped(_) => t!(language, "origin-shipped"),
        Origin::File {
            path,
            replaces_shipped: true,
        } => {
            t!(language, "origin-replaces-shipped", path = path.display().to_string())
        }
        Origin::File { path, .. } => path.display().to_string(),
    }
}

/// Where a state file is, and why that one: "state.jsonl (the workspace)".
pub fn location(language: &Language, location: &Location) -> String {
    let path = location.path.display().to_string();
    match location.source {
        Source::Flag => t!(language, "state-from-flag", path = path),
        Source::Env => t!(language, "state-from-env", path = path),
        Source::Workspace => t!(language, "state-from-workspace", path = path),
        Source::UserData => t!(language, "state-from-user-data", path = path),
        Source::Workspaces(count) => t!(language, "state-from-workspaces", count = count),
    }
}

/// Who changes are recorded as, and where the name came from: "anna (from --by)".
pub fn recorder_words(language: &Language, recorder: &Recorder) -> String {
    let name = sanitize(&recorder.name).into_owned();
    match recorder.from {
        NameFrom::Flag => t!(language, "recorder-flag", name = name),
        NameFrom::Env => t!(language, "recorder-env", name = name),
        NameFrom::Git => t!(language, "recorder-git", name = name),
        NameFrom::Login => t!(language, "recorder-login", name = name),
    }
}

/// What a change was recorded as, and where the name came from:
/// "recorded 2 changes as anna (from --by) in .roadmap/state.jsonl".
pub fn recorded(language: &Language, count: usize, recorder: &Recorder, location: &Location) -> String {
    let name = sanitize(&recorder.name).into_owned();
    let path = location.path.display().to_string();
    match recorder.from {
        NameFrom::Flag => t!(language, "recorded-by-flag", count = count, name = name, path = path),
        NameFrom::Env => t!(language, "recorded-by-env", count = count, name = name, path = path),
        NameFrom::Git => t!(language, "recorded-by-git", count = count, name = name, path = path),
        NameFrom::Login => t!(language, "recorded-by-login", count = count, name = name, path = path),
    }
}

/// Writes a file that is not text (a workbook) to FILE, atomically.
pub fn write_file(language: &Language, path: &Path, bytes: &[u8], replace: bool) -> roadmap_core::Result<()> {
    if replace {
        roadmap_core::files::replace(path, bytes, "the output file")?;
    } else {
        roadmap_core::files::create(path, bytes, "the output file")?;
    }
    say(&(t!(language, "wrote-file", path = path.display().to_string()) + "\n"));
    Ok(())
}

/// Where a long page goes while it is drawn. A `String` keeps it whole (for
/// a file, written at once when it is whole); standard output (`Stream`)
/// passes whole lines on as they come, so a national portfolio's report is
/// never held whole besides the report itself.
pub trait Page {
    /// The end of the page, to write onto.
    fn text(&mut self) -> &mut String;
    /// Passes on what is written, when the page does so and enough is.
    fn spill(&mut self) -> roadmap_core::Result<()>;
    /// Makes room for `len` more bytes, when the page is kept whole.
    fn room(&mut self, len: usize);
}

impl Page for String {
    fn text(&mut self) -> &mut String {
        self
    }

    fn spill(&mut self) -> roadmap_core::Result<()> {
        Ok(())
    }

    fn room(&mut self, len: usize) {
        self.reserve(len);
    }
}

/// Draws a page (`draw`) into FILE (atomically, once it is whole) or onto
/// stdout as it is drawn.
pub fn write_page(
    terminal: &Terminal,
    language: &Language,
    file: Option<&Path>,
    replace: bool,
    draw: impl FnOnce(&mut dyn Page) -> roadmap_core::Result<()>,
) -> roadmap_core::Result<()> {
    if let Some(path) = file {
        let mut page = String::new();
        draw(&mut page)?;
        write_file(language, path, page.as_bytes(), replace)
    } else {
        let mut out = terminal.stream();
        draw(&mut out)?;
        out.finish()
    }
}

/// Writes a command's output to FILE (atomically) or to stdout.
pub fn write_output(
    terminal: &Terminal,
    language: &Language,
    file: Option<&Path>,
    replace: bool,
    text: &str,
) -> roadmap_core::Result<()> {
    match file {
        Some(path) => write_file(language, path, text.as_bytes(), replace)?,
        None => terminal.emit(text)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell shows 8,000 characters, however many bytes they take, and
    /// says how many more there are.
    #[test]
    fn a_cell_shows_eight_thousand_characters_and_counts_the_rest() {
        for letter in ["a", "ö", "漢"] {
            let whole = letter.repeat(8000);
            assert_eq!(cell(Format::Table, &whole), whole);
            let longer = letter.repeat(8003);
            assert_eq!(cell(Format::Table, &longer), format!("{whole}… (+3)"));
        }
    }

    #[test]
    fn bars_round_to_the_nearest_cell() {
        assert_eq!(bar(0, 48, 10), "░░░░░░░░░░");
        assert_eq!(bar(12, 48, 10), "███░░░░░░░");
        assert_eq!(bar(48, 48, 10), "██████████");
        assert_eq!(bar(0, 0, 4), "░░░░");
    }
}
