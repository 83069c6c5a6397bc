//! The report as plain text, for a terminal or an e-mail.

use roadmap_core::report::{Happening, MilestoneItem, Report};

use super::{change_what, happening_title, headline, owner_name, period_name, sanitize};
use crate::i18n::{Language, t};

fn line(language: &Language, m: &MilestoneItem) -> String {
    let due = m
        .due
        .as_ref()
        .map(|d| format!(" ({})", t!(language, "report-due", due = d.label.as_str())))
        .unwrap_or_default();
    let owner = m.owner.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
    let steps = if m.steps_total > 0 {
        format!(" [{}/{}]", m.steps_done, m.steps_total)
    } else {
        String::new()
    };
    sanitize(&format!("{} {}{due}{owner}{steps}", m.address, m.title)).into_owned()
}

fn note(note: Option<&str>) -> String {
    note.map(|n| format!(": {n}")).unwrap_or_default()
}

fn happening(language: &Language, h: &Happening) -> String {
    let by = t!(language, "report-by", by = h.by.as_str(), day = language.date(h.day));
    let title = happening_title(language, &h.title);
    sanitize(&format!(
        "  - {} {title} ({by}){}\n",
        h.address,
        note(h.note.as_deref())
    ))
    .into_owned()
}

/// A section: its heading, then its lines, or a line saying there are none.
fn section(out: &mut String, language: &Language, title: &str, lines: impl Iterator<Item = String>) {
    out.push_str(&format!("\n{title}\n"));
    let mut any = false;
    for line in lines {
        out.push_str(&line);
        any = true;
    }
    if !any {
        out.push_str(&format!("  ({})\n", t!(language, "report-nothing")));
    }
}

pub fn render(language: &Language, report: &Report) -> String {
    let (verdict, reason) = headline(language, &report.headline);
    let mut out = format!(
        "{}{}, {}\n\n{}: {}.\n\n{}\n",
        t!(language, "report-title", period = period_name(language, &report.period)),
        super::period_days(language, &report.period),
        t!(language, "report-as-of-short", today = language.date(report.today)),
        verdict.to_uppercase(),
        reason,
        t!(language, "report-progress")
    );
    for r in &report.roadmaps {
        let steps = super::markdown::fraction(r.steps_done, r.steps);
        let milestones = format!("{}/{}", r.milestones_done, r.milestones);
        let overdue = r.by_status["overdue"];
        let line = match &r.cost_tkr {
            Some(c) => t!(
                language,
                "report-roadmap-line-cost",
                steps = steps,
                milestones = milestones,
                overdue = overdue,
                done = language.number(c.done),
                total = language.number(c.total)
            ),
            None => t!(
                language,
                "report-roadmap-line",
                steps = steps,
                milestones = milestones,
                overdue = overdue
            ),
        };
        out.push_str(&sanitize(&format!("  - {} ({}): {line}\n", r.title, r.id)));
    }
    section(
        &mut out,
        language,
        &t!(language, "report-done"),
        report.done.iter().map(|h| happening(language, h)),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-completed"),
        report.completed.iter().map(|h| happening(language, h)),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-changes"),
        report.changes.iter().map(|c| {
            let by = t!(
                language,
                "report-change-by",
                what = change_what(language, c),
                by = c.by.as_str(),
                day = language.date(c.day)
            );
            let title = happening_title(language, &c.title);
            sanitize(&format!(
                "  - {} {title} ({by}){}\n",
                c.address,
                note(c.note.as_deref())
            ))
            .into_owned()
        }),
    );
    let milestone_line = |m: &MilestoneItem, overdue: bool| {
        let prefix = if overdue {
            format!(
                "{}: ",
                t!(language, "report-days-overdue", n = m.days_overdue.unwrap_or(0))
            )
        } else {
            String::new()
        };
        let waits = if m.blocked_by.is_empty() {
            String::new()
        } else {
            format!(", {} {}", t!(language, "report-waits-for"), m.blocked_by.join(", "))
        };
        format!("  - {prefix}{}{waits}\n", line(language, m))
    };
    section(
        &mut out,
        language,
        &t!(language, "report-coming", weeks = report.horizon_weeks),
        report.coming_due.iter().map(|m| milestone_line(m, false)),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-overdue"),
        report.overdue.iter().map(|m| milestone_line(m, true)),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-blocked"),
        report.blocked.iter().map(|m| milestone_line(m, false)),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-owners"),
        report.open_by_owner.iter().map(|load| {
            let counts = t!(language, "report-owner-line", open = load.open, overdue = load.overdue);
            sanitize(&format!("  - {}: {counts}\n", owner_name(language, &load.owner))).into_owned()
        }),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-notes"),
        report.notes.iter().map(|h| happening(language, h)),
    );
    out
}
