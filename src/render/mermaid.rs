//! A Mermaid `gantt` block of the report's dated milestones, one section per
//! roadmap. GitHub and GitLab draw it from a fenced ```mermaid block.

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
    for c in text.chars() {
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
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn gantt(language: &Language, report: &Report) -> String {
    let mut out = String::from("gantt\n");
    out.push_str(&format!(
        "    title {}\n",
        escape(&t!(
            language,
            "mermaid-title",
            period = super::period_name(language, &report.period)
        ))
    ));
    out.push_str("    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m\n");
    let mut current = None;
    for task in &report.timeline {
        if current != Some(task.roadmap.as_str()) {
            current = Some(task.roadmap.as_str());
            out.push_str(&format!(
                "    section {}\n",
                escape(roadmap_title(report, &task.roadmap))
            ));
        }
        let tag = match task.status {
            Status::Done => "done, ",
            Status::Overdue => "crit, ",
            Status::Due | Status::Ongoing => "active, ",
            _ => "",
        };
        // Mermaid's end date is exclusive: the bar stops where that day begins.
        let end = task.end + Duration::days(1);
        out.push_str(&format!(
            "    {} {} :{tag}{}, {end}\n",
            escape(&task.id),
            escape(&task.title),
            task.start
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_what_the_grammar_would_read() {
        assert_eq!(
            super::escape("Min Profil: Införande; #1"),
            "Min Profil#58; Införande#59; #35;1"
        );
        assert_eq!(super::escape("två\nrader"), "två rader");
    }
}
