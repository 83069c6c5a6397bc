//! The report as GitHub-flavoured Markdown, with a Mermaid Gantt chart.

use roadmap_core::report::{Happening, MilestoneItem, Report};
use roadmap_core::status::Status;

use super::report as words;
use super::{due_as_moved, status_word};
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
    escape(&due_as_moved(
        language,
        item.due.as_ref().map(|d| d.label.as_str()),
        item.baseline.as_ref(),
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
        escape(&words::happening_title(language, &h.title)),
        escape(&t!(
            language,
            "report-by",
            by = h.by.as_str(),
            day = language.date(h.day)
        )),
        note(h.note.as_deref())
    )
}

/// A heading.
fn heading(out: &mut String, title: &str) {
    out.push_str(&format!("\n## {}\n\n", escape(title)));
}

/// A section: its heading, then its items, or a sentence saying there are none.
fn section(out: &mut String, title: &str, empty: &str, items: impl Iterator<Item = String>) {
    heading(out, title);
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

/// A table row of cells that are already Markdown.
fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn header(language: &Language, ids: &[&str], align: &str) -> String {
    let names: Vec<String> = ids.iter().map(|id| escape(&language.text(id, None))).collect();
    format!("{}{align}\n", row(&names))
}

pub fn render(language: &Language, report: &Report) -> String {
    let (verdict, reason) = words::headline(language, &report.headline);
    let mut out = format!(
        "# {}{}\n\n**{}**: {}.\n\n_{}_\n",
        escape(&t!(
            language,
            "report-title",
            period = words::period_name(language, &report.period)
        )),
        words::period_days(language, &report.period),
        escape(&verdict),
        escape(&reason),
        escape(&t!(language, "report-as-of", today = language.date(report.today)))
    );
    if let Some(filters) = words::filters(language, report.owner.as_deref(), report.phase.as_deref()) {
        out.push_str(&format!("\n{}\n", escape(&filters)));
    }

    heading(&mut out, &t!(language, "report-lights"));
    out.push_str(&header(
        language,
        &["col-plan", "col-overall", "col-time", "col-cost-light", "col-why"],
        "|---|---|---|---|---|",
    ));
    for l in &report.lights {
        let mut why = words::causes(language, &l.time.causes, 3);
        if let Some(cost) = l.cost.as_ref().filter(|c| c.late_tkr > 0.0) {
            why.push(words::cost(language, cost));
        }
        out.push_str(&row(&[
            format!("{} ({})", escape(&l.title), code(&l.roadmap)),
            words::light_mark(language, l.overall),
            words::light_mark(language, l.time.light),
            l.cost
                .as_ref()
                .map_or_else(|| "–".to_string(), |c| words::light_mark(language, c.light)),
            why.iter().map(|w| escape(w)).collect::<Vec<_>>().join("<br>"),
        ]));
    }

    section(
        &mut out,
        &t!(language, "report-decisions"),
        &t!(language, "report-decisions-none"),
        report.decisions.iter().map(|d| {
            let criteria = d
                .criteria
                .as_deref()
                .map(|c| format!(": {}", escape(c)))
                .unwrap_or_default();
            format!(
                "- **{}** {}{criteria} — {}\n",
                escape(&d.item.title),
                code(&d.item.address),
                escape(&words::decision(language, d).join("; "))
            )
        }),
    );

    heading(&mut out, &t!(language, "report-progress"));
    out.push_str(&header(
        language,
        &[
            "col-roadmap",
            "col-steps-done",
            "col-milestones-done",
            "col-overdue-count",
            "col-due-count",
            "col-upcoming-count",
            "col-cost-done",
        ],
        "|---|---:|---:|---:|---:|---:|---:|",
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
        out.push_str(&row(&[
            format!("{} ({})", escape(&r.title), code(&r.id)),
            fraction(r.steps_done, r.steps),
            format!("{}/{}", r.milestones_done, r.milestones),
            r.by_status.get(Status::Overdue).to_string(),
            r.by_status.get(Status::Due).to_string(),
            r.by_status.get(Status::Upcoming).to_string(),
            escape(&cost),
        ]));
    }

    section(
        &mut out,
        &t!(language, "report-deviations"),
        &t!(language, "report-deviations-none"),
        report.deviations.iter().map(|d| {
            format!(
                "- {} {} — {}{}\n",
                code(&d.address),
                escape(&words::happening_title(language, &d.title)),
                escape(&words::deviation(language, d)),
                note(d.note.as_deref())
            )
        }),
    );

    heading(&mut out, &t!(language, "report-risks"));
    if report.risks.is_empty() {
        out.push_str(&escape(&t!(language, "report-risks-none")));
        out.push('\n');
    } else {
        out.push_str(&header(
            language,
            &["col-severity", "col-risk", "col-owner", "col-action"],
            "|---:|---|---|---|",
        ));
        for r in &report.risks {
            let milestone = r
                .milestone
                .as_deref()
                .map(|m| format!(" ({})", code(&format!("{}/{m}", r.roadmap))))
                .unwrap_or_default();
            out.push_str(&row(&[
                escape(&t!(
                    language,
                    "risk-severity",
                    severity = r.severity,
                    likelihood = r.likelihood,
                    impact = r.impact
                )),
                format!("{} {}{milestone}", code(&r.id), escape(&r.text)),
                escape(r.owner.as_deref().unwrap_or("")),
                escape(r.action.as_deref().unwrap_or("")),
            ]));
        }
    }
    for (title, list, closed) in [
        (t!(language, "report-risks-opened"), &report.risks_opened, false),
        (t!(language, "report-risks-closed"), &report.risks_closed, true),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}:\n\n", escape(&title)));
        for r in list {
            let line = if closed {
                t!(
                    language,
                    "risk-closed-line",
                    id = r.id.as_str(),
                    text = r.text.as_str(),
                    day = r.closed_on.map(|d| language.date(d)).unwrap_or_default()
                )
            } else {
                t!(
                    language,
                    "risk-opened-line",
                    id = r.id.as_str(),
                    text = r.text.as_str(),
                    by = r.by.as_str(),
                    day = language.date(r.opened_on)
                )
            };
            let why = if closed {
                note(r.closing_note.as_deref())
            } else {
                String::new()
            };
            out.push_str(&format!("- {}{why}\n", escape(&line)));
        }
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
    heading(&mut out, &t!(language, "report-coming", weeks = report.horizon_weeks));
    milestone_table(
        &mut out,
        &report.coming_due,
        &t!(language, "report-coming-none"),
        |m| {
            [
                format!("{} {}", code(&m.address), escape(&m.title)),
                due(language, m),
                escape(&status_word(language, m.status)),
                escape(&words::owners(m)),
                steps(m),
            ]
        },
        &["col-what", "col-due", "col-status", "col-owner", "col-steps"].map(|id| escape(&language.text(id, None))),
    );
    heading(&mut out, &t!(language, "report-overdue"));
    milestone_table(
        &mut out,
        &report.overdue,
        &t!(language, "report-overdue-none"),
        |m| {
            [
                escape(&t!(language, "days", n = m.days_overdue.unwrap_or(0))),
                format!("{} {}", code(&m.address), escape(&m.title)),
                due(language, m),
                escape(&words::owners(m)),
                steps(m),
            ]
        },
        &["col-overdue-by", "col-what", "col-due", "col-owner", "col-steps"].map(|id| escape(&language.text(id, None))),
    );
    section(
        &mut out,
        &t!(language, "report-blocked"),
        &t!(language, "report-blocked-none"),
        report.blockers.iter().map(|b| {
            let list: Vec<String> = b.waiting.iter().map(|a| code(a)).collect();
            format!(
                "- {}\n",
                t!(
                    language,
                    "blocker-line",
                    what = format!("{} {}", code(&b.address), escape(&b.title)),
                    n = b.waiting.len(),
                    list = list.join(", ")
                )
            )
        }),
    );

    heading(&mut out, &t!(language, "report-waiting"));
    out.push_str(&header(
        language,
        &[
            "col-owner",
            "col-open",
            "col-of-which-overdue",
            "col-helping",
            "col-waited-on",
        ],
        "|---|---:|---:|---:|---|",
    ));
    for p in &report.parties {
        let waits: Vec<String> = p
            .waited_on
            .iter()
            .map(|w| t!(language, "wait-text", waiting = code(&w.waiting), on = code(&w.on)))
            .collect();
        out.push_str(&row(&[
            format!("{} ({})", escape(&words::party(language, p)), code(&p.roadmap)),
            p.open.to_string(),
            p.overdue.to_string(),
            p.helping.to_string(),
            waits.join("<br>"),
        ]));
    }

    section(
        &mut out,
        &t!(language, "report-notes"),
        &t!(language, "report-notes-none"),
        report.notes.iter().map(|h| happening(language, h)),
    );
    heading(&mut out, &t!(language, "report-timeline"));
    out.push_str("```mermaid\n");
    out.push_str(&super::mermaid::gantt(language, report));
    out.push_str("```\n");
    out
}

fn milestone_table<const N: usize>(
    out: &mut String,
    items: &[MilestoneItem],
    empty: &str,
    row: impl Fn(&MilestoneItem) -> [String; N],
    header: &[String; N],
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
