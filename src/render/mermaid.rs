//! A Mermaid `gantt` block of the report's dated milestones, a section per
//! phase of each roadmap, gates as milestones, overdue work `crit`. GitHub and GitLab draw it from a fenced `mermaid` block.

use chrono::Duration;

use crate::i18n::{Language, t};
use roadmap_core::report::{Report, roadmap_title};
use roadmap_core::status::Status;

/// Text that Mermaid's gantt grammar reads as plain words: `:` ends a task
/// name, `;` ends a statement and `#` starts an entity, so those are written
/// as entity codes (`#58;`), which Mermaid turns back into the characters
/// when it draws. Line breaks become spaces.
pub fn escape(text: &str) -> String {
    let text = super::sanitize(text);
    let mut out = String::with_capacity(text.len());
    let grammar = |b| matches!(b, b'#' | b':' | b';' | b'%' | b'<' | b'>');
    super::push_in_runs(&mut out, &text, grammar, push_escaped_char);
    let mut words = String::new();
    roadmap_core::roadmap::squeeze(&out, &mut words).to_owned()
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

pub fn gantt(language: &Language, report: &Report) -> String {
    let mut out = String::from("gantt\n");
    out.push_str(&format!(
        "    title {}\n",
        escape(&t!(
            language,
            "mermaid-title",
            period = super::report::period_name(language, &report.period)
        ))
    ));
    out.push_str("    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m\n");
    // A section per phase of each roadmap (a roadmap without phases is one section).
    let mut current: Option<(&str, Option<&str>)> = None;
    for task in &report.timeline {
        let here = (task.roadmap.as_str(), task.phase.as_deref());
        if current != Some(here) {
            current = Some(here);
            let roadmap = roadmap_title(report, &task.roadmap);
            let name = match task.phase_title.as_deref().or(task.phase.as_deref()) {
                Some(phase) => format!("{roadmap} – {phase}"),
                None => roadmap.to_string(),
            };
            out.push_str(&format!("    section {}\n", escape(&name)));
        }
        let mut tags: Vec<&str> = Vec::new();
        if task.gate {
            tags.push("milestone");
        }
        match task.status {
            Status::Done => tags.push("done"),
            Status::Overdue => tags.push("crit"),
            Status::Due | Status::Ongoing => tags.push("active"),
            _ => {}
        }
        let tags: String = tags.iter().map(|t| format!("{t}, ")).collect();
        let name = escape(&task.title);
        if task.gate {
            // A decision point: a milestone on the last day it is due.
            out.push_str(&format!("    {name} :{tags}{}, 0d\n", task.end));
        } else {
            // Mermaid's end date is exclusive: the bar stops where that day begins.
            let end = task.end + Duration::days(1);
            out.push_str(&format!("    {name} :{tags}{}, {end}\n", task.start));
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
                assert_eq!(super::escape(&text), words, "{text:?}");
            }
        }
    }

    #[test]
    fn escapes_what_the_grammar_would_read() {
        assert_eq!(
            super::escape("Min Profil: Införande; #1"),
            "Min Profil#58; Införande#59; #35;1"
        );
        assert_eq!(super::escape("två\nrader"), "två rader");
    }
}
