//! Everything a person or a program reads: the terminal (colour, width,
//! escaping), the cells and tables of the views, the JSON shapes, the error
//! messages, and the renderers of the weekly report and of the exports.

pub mod csv;
pub mod error;
pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod terminal;
pub mod text;

use std::borrow::Cow;
use std::path::Path;

use roadmap_core::due::{Due, Span};
use roadmap_core::status::{Standing, Status};

pub use terminal::{ColorChoice, Style, Terminal, sanitize, say, wrap};

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
    let shown = match text.char_indices().nth(CELL_LIMIT) {
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            Cow::Owned(format!(
                "{}… ({rest} more characters; --format json shows all)",
                &text[..cut]
            ))
        }
        None => Cow::Borrowed(text),
    };
    let safe = sanitize(&shown);
    match format {
        Format::Markdown => safe.replace('|', "\\|").replace("\r\n", "\n").replace('\n', "<br>"),
        _ => safe.replace('\t', "    "),
    }
}

/// A table for `format`: one that fits the terminal, or a GitHub-flavoured
/// Markdown one, never wrapped (Markdown wraps itself).
pub fn table(terminal: &Terminal, format: Format) -> comfy_table::Table {
    match format {
        Format::Markdown => {
            let mut table = comfy_table::Table::new();
            table
                .load_preset(comfy_table::presets::ASCII_MARKDOWN)
                .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
                .force_no_tty();
            table
        }
        _ => terminal.table(),
    }
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

/// A status as its symbol and word ("! overdue"), coloured for a terminal
/// when colour is on; plain in Markdown.
pub fn status_text(terminal: &Terminal, format: Format, status: Status) -> String {
    let text = format!("{} {}", status.symbol(), status.as_str());
    match format {
        Format::Markdown => text,
        _ => terminal.paint(status_style(status), &text),
    }
}

/// The due date as written, and where it started if it has moved: "2027-W23 (was 2027-W22)".
pub fn due_with_baseline(s: &Standing) -> String {
    let due = s.due.as_ref().map_or("", Due::label);
    match &s.baseline {
        Some(baseline) => format!("{due} (was {baseline})"),
        None => due.to_string(),
    }
}

/// "2021-07-01 – 2021-12-31" and the like: the days a due date covers.
pub fn dates_text(due: &Due) -> String {
    match due.span() {
        Span::Unknown => "unknown".into(),
        Span::UnplacedWeeks { first, last } if first == last => format!("week {first}, no year"),
        Span::UnplacedWeeks { first, last } => format!("weeks {first}–{last}, no year"),
        Span::Dated { start, end: None } => format!("{start} →"),
        Span::Dated { start, end: Some(end) } if start == end => start.to_string(),
        Span::Dated { start, end: Some(end) } => format!("{start} – {end}"),
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

/// "1 change", "3 changes".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes a command's output to FILE (atomically) or to stdout.
pub fn write_output(terminal: &Terminal, file: Option<&Path>, text: &str) -> roadmap_core::Result<()> {
    match file {
        Some(path) => {
            roadmap_core::files::replace(path, text.as_bytes(), "the output file")?;
            say(&format!("wrote {}\n", path.display()));
        }
        None => terminal.emit(text)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_round_to_the_nearest_cell() {
        assert_eq!(bar(0, 48, 10), "░░░░░░░░░░");
        assert_eq!(bar(12, 48, 10), "███░░░░░░░");
        assert_eq!(bar(48, 48, 10), "██████████");
        assert_eq!(bar(0, 0, 4), "░░░░");
    }
}
