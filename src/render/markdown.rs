//! The report as GitHub-flavoured Markdown, with a Mermaid Gantt chart.

use roadmap_core::report::{Changed, Happening, MilestoneItem, Report};

use super::{
    change_what, due_and_baseline, happening_title, headline, owner_name, period_days, period_name, status_word,
};
use crate::i18n::{Language, t};

/// Escapes text so Markdown shows it as written: no emphasis, links, HTML or
/// table breaks from a title that happens to hold `*`, `_`, `<` or `|`, and
/// control characters made visible escapes first (`terminal::sanitize`).
pub fn escape(text: &str) -> String {
    let text = super::sanitize(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as inline code: fenced by more backticks than any run of them in it
/// (so a backtick cannot end the span), on one line, with control characters
/// made visible. Inside a code span Markdown shows HTML as text; a `|` is
/// escaped for tables (GFM reads it before the span).
pub fn code(text: &str) -> String {
    let text = super::sanitize(text)
        .replace(['\n', '\r', '\t'], " ")
        .replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn due(language: &Language, item: &MilestoneItem) -> String {
    escape(&due_and_baseline(
        language,
        item.due.as_ref().map(|d| d.label.as_str()),
        item.baseline.as_deref(),
    ))
}

fn steps(item: &MilestoneItem) -> String {
    if item.steps_total > 0 {
        format!("{}/{}", item.steps_done, item.steps_total)
    } else {
        String::new()
    }
}

fn note(note: Option<&str>) -> String {
    note.map(|n| format!(": {}", escape(n))).unwrap_or_default()
}

fn happening(language: &Language, h: &Happening) -> String {
    format!(
        "- {} {} — {}{}\n",
        code(&h.address),
        escape(&happening_title(language, &h.title)),
        escape(&t!(
            language,
            "report-by",
            by = h.by.as_str(),
            day = language.date(h.day)
        )),
        note(h.note.as_deref())
    )
}

fn changed(language: &Language, c: &Changed) -> String {
    format!(
        "- {} {} — {}{}\n",
        code(&c.address),
        escape(&happening_title(language, &c.title)),
        escape(&t!(
            language,
            "report-change-by",
            what = change_what(language, c),
            by = c.by.as_str(),
            day = language.date(c.day)
        )),
        note(c.note.as_deref())
    )
}

/// A section: its heading, then its items, or a sentence saying there are none.
fn section(out: &mut String, title: &str, empty: &str, items: impl Iterator<Item = String>) {
    out.push_str(&format!("\n## {}\n\n", escape(title)));
    let mut any = false;
    for item in items {
        out.push_str(&item);
        any = true;
    }
    if !any {
        out.push_str(&escape(empty));
        out.push('\n');
    }
}

pub fn render(language: &Language, report: &Report) -> String {
    let (verdict, reason) = headline(language, &report.headline);
    let mut out = format!(
        "# {}{}\n\n**{}**: {}.\n\n_{}_\n",
        escape(&t!(
            language,
            "report-title",
            period = period_name(language, &report.period)
        )),
        period_days(language, &report.period),
        escape(&verdict),
        escape(&reason),
        escape(&t!(language, "report-as-of", today = language.date(report.today)))
    );
    out.push_str(&format!("\n## {}\n\n", escape(&t!(language, "report-progress"))));
    let head = [
        "col-roadmap",
        "col-steps-done",
        "col-milestones-done",
        "col-overdue-count",
        "col-due-count",
        "col-upcoming-count",
        "col-cost-done",
    ]
    .map(|id| escape(&language.text(id, None)));
    out.push_str(&format!(
        "| {} |\n|---|---:|---:|---:|---:|---:|---:|\n",
        head.join(" | ")
    ));
    for r in &report.roadmaps {
        let cost = r.cost_tkr.as_ref().map_or_else(String::new, |c| {
            t!(
                language,
                "report-cost-of",
                done = language.number(c.done),
                total = language.number(c.total)
            )
        });
        out.push_str(&format!(
            "| {} ({}) | {} | {}/{} | {} | {} | {} | {} |\n",
            escape(&r.title),
            code(&r.id),
            fraction(r.steps_done, r.steps),
            r.milestones_done,
            r.milestones,
            r.by_status["overdue"],
            r.by_status["due"],
            r.by_status["upcoming"],
            escape(&cost)
        ));
    }
    section(
        &mut out,
        &t!(language, "report-done"),
        &t!(language, "report-done-none"),
        report.done.iter().map(|h| happening(language, h)),
    );
    section(
        &mut out,
        &t!(language, "report-completed"),
        &t!(language, "report-completed-none"),
        report.completed.iter().map(|h| happening(language, h)),
    );
    section(
        &mut out,
        &t!(language, "report-changes"),
        &t!(language, "report-changes-none"),
        report.changes.iter().map(|c| changed(language, c)),
    );
    out.push_str(&format!(
        "\n## {}\n\n",
        escape(&t!(language, "report-coming", weeks = report.horizon_weeks))
    ));
    milestone_table(
        &mut out,
        &report.coming_due,
        &t!(language, "report-coming-none"),
        |m| {
            [
                format!("{} {}", code(&m.address), escape(&m.title)),
                due(language, m),
                escape(&status_word(language, m.status)),
                owner(m),
                steps(m),
            ]
        },
        ["col-what", "col-due", "col-status", "col-owner", "col-steps"].map(|id| escape(&language.text(id, None))),
    );
    out.push_str(&format!("\n## {}\n\n", escape(&t!(language, "report-overdue"))));
    milestone_table(
        &mut out,
        &report.overdue,
        &t!(language, "report-overdue-none"),
        |m| {
            [
                escape(&t!(language, "days", n = m.days_overdue.unwrap_or(0))),
                format!("{} {}", code(&m.address), escape(&m.title)),
                due(language, m),
                owner(m),
                steps(m),
            ]
        },
        ["col-overdue-by", "col-what", "col-due", "col-owner", "col-steps"].map(|id| escape(&language.text(id, None))),
    );
    section(
        &mut out,
        &t!(language, "report-blocked"),
        &t!(language, "report-blocked-none"),
        report.blocked.iter().map(|m| {
            let waits: Vec<String> = m.blocked_by.iter().map(|a| code(a)).collect();
            format!(
                "- {} {} {} {}\n",
                code(&m.address),
                escape(&m.title),
                escape(&t!(language, "report-waits-for")),
                waits.join(", ")
            )
        }),
    );
    out.push_str(&format!(
        "\n## {}\n\n| {} | {} | {} |\n|---|---:|---:|\n",
        escape(&t!(language, "report-owners")),
        escape(&t!(language, "col-owner")),
        escape(&t!(language, "col-open")),
        escape(&t!(language, "col-of-which-overdue"))
    ));
    for load in &report.open_by_owner {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            escape(&owner_name(language, &load.owner)),
            load.open,
            load.overdue
        ));
    }
    section(
        &mut out,
        &t!(language, "report-notes"),
        &t!(language, "report-notes-none"),
        report.notes.iter().map(|h| happening(language, h)),
    );
    out.push_str(&format!(
        "\n## {}\n\n```mermaid\n",
        escape(&t!(language, "report-timeline"))
    ));
    out.push_str(&super::mermaid::gantt(language, report));
    out.push_str("```\n");
    out
}

fn owner(m: &MilestoneItem) -> String {
    m.owner.as_deref().map(escape).unwrap_or_default()
}

fn milestone_table<const N: usize>(
    out: &mut String,
    items: &[MilestoneItem],
    empty: &str,
    row: impl Fn(&MilestoneItem) -> [String; N],
    header: [String; N],
) {
    if items.is_empty() {
        out.push_str(&escape(empty));
        out.push('\n');
        return;
    }
    out.push_str(&format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(N)));
    for item in items {
        out.push_str(&format!("| {} |\n", row(item).join(" | ")));
    }
}

/// "7/48", or "–" when there is nothing to count.
pub fn fraction(done: usize, total: usize) -> String {
    if total == 0 {
        "–".into()
    } else {
        format!("{done}/{total}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_span_cannot_be_closed_from_inside() {
        assert_eq!(code("hubs-sdk/projektstart/1"), "`hubs-sdk/projektstart/1`");
        assert_eq!(
            code("a`<img src=x onerror=alert(1)>`b"),
            "``a`<img src=x onerror=alert(1)>`b``"
        );
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("a|b\nc"), "`a\\|b c`");
    }

    #[test]
    fn markup_and_controls_in_text_show_as_written() {
        assert_eq!(escape("<script>*x*</script>"), "\\<script\\>\\*x\\*\\</script\\>");
        assert_eq!(escape("a\u{1b}[2J"), "a\\\\u{1b}\\[2J");
    }
}
