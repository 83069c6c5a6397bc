//! A Mermaid `gantt` block of the report's dated milestones, a section per
//! phase of each roadmap, gates as milestones, overdue work `crit`. GitHub and GitLab draw it from a fenced `mermaid` block.

use std::fmt::Write as _;

use chrono::Duration;

use super::Page;
use crate::i18n::{Language, t};
use roadmap_core::Result;
use roadmap_core::report::{Report, roadmap_title};
use roadmap_core::status::Status;

/// Writes text as Mermaid's gantt grammar reads plain words: `:` ends a task
/// name, `;` ends a statement and `#` starts an entity, so those are written
/// as entity codes (`#58;`), which Mermaid turns back into the characters
/// when it draws; white space becomes single spaces. Its two buffers are made
/// once for the chart rather than for each of its thousands of names.
#[derive(Default)]
struct Escaper {
    escaped: String,
    words: String,
}

impl Escaper {
    /// `text` escaped onto the end of `out`.
    fn push(&mut self, out: &mut String, text: &str) {
        let grammar = |b| matches!(b, b'#' | b':' | b';' | b'%' | b'<' | b'>');
        self.escaped.clear();
        super::push_in_runs(&mut self.escaped, &super::sanitize(text), grammar, push_escaped_char);
        out.push_str(roadmap_core::roadmap::squeeze(&self.escaped, &mut self.words));
    }
}

/// One character as the gantt grammar reads it as written.
fn push_escaped_char(out: &mut String, c: char) {
    match c {
        '#' => out.push_str("#35;"),
        ':' => out.push_str("#58;"),
        ';' => out.push_str("#59;"),
        // `%%` starts a comment or a directive (`%%{init: …}%%`); `<` and `>` markup.
        '%' => out.push_str("#37;"),
        '<' => out.push_str("#60;"),
        '>' => out.push_str("#62;"),
        '\n' | '\r' | '\t' => out.push(' '),
        c if c.is_control() => {}
        c => out.push(c),
    }
}

/// The bytes `gantt` writes, about: each task's line is its title and under
/// 64 bytes more (a section's line comes before some).
pub fn room(report: &Report) -> usize {
    256 + report.timeline.iter().map(|t| t.title.len() + 64).sum::<usize>()
}

/// Draws the chart onto `page`, a task's line at a time.
pub fn gantt(language: &Language, report: &Report, page: &mut dyn Page) -> Result<()> {
    let mut escaper = Escaper::default();
    let out = page.text();
    out.push_str("gantt\n    title ");
    let title = t!(
        language,
        "mermaid-title",
        period = super::report::period_name(language, &report.period)
    );
    escaper.push(out, &title);
    out.push_str("\n    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m\n");
    // A section per phase of each roadmap (a roadmap without phases is one section).
    let mut current: Option<(&str, Option<&str>)> = None;
    for task in &report.timeline {
        page.spill()?;
        let out = page.text();
        let here = (task.roadmap, task.phase);
        if current != Some(here) {
            current = Some(here);
            let roadmap = roadmap_title(report, task.roadmap);
            let name = match task.phase_title.or(task.phase) {
                Some(phase) => format!("{roadmap} – {phase}"),
                None => roadmap.to_string(),
            };
            out.push_str("    section ");
            escaper.push(out, &name);
            out.push('\n');
        }
        out.push_str("    ");
        escaper.push(out, task.title);
        out.push_str(" :");
        if task.gate {
            out.push_str("milestone, ");
        }
        out.push_str(match task.status {
            Status::Done => "done, ",
            Status::Overdue => "crit, ",
            Status::Due | Status::Ongoing => "active, ",
            _ => "",
        });
        // Writing into a String cannot fail.
        let _ = if task.gate {
            // A decision point: a milestone on the last day it is due.
            writeln!(out, "{}, 0d", task.end)
        } else {
            // Mermaid's end date is exclusive: the bar stops where that day begins.
            writeln!(out, "{}, {}", task.start, task.end + Duration::days(1))
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    fn escape(text: &str) -> String {
        let mut out = String::new();
        super::Escaper::default().push(&mut out, text);
        out
    }

    #[test]
    fn every_character_is_escaped_as_when_read_one_at_a_time() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("a {c}b"),
                format!(" {c}\u{c2}:{c} "),
                format!("ä{c}\n"),
            ] {
                // A character at a time, its words joined by single spaces,
                // as it was first written.
                let by_char = crate::render::escaped_char_by_char(&text, super::push_escaped_char);
                let words = by_char.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(escape(&text), words, "{text:?}");
            }
        }
    }

    #[test]
    fn escapes_what_the_grammar_would_read() {
        assert_eq!(
            escape("Min Profil: Införande; #1"),
            "Min Profil#58; Införande#59; #35;1"
        );
        assert_eq!(escape("två\nrader"), "två rader");
    }
}
