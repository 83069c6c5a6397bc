//! The report as plain text, for a terminal or an e-mail.

use super::sanitize;
use roadmap_core::report::{Happening, MilestoneItem, Report};

fn line(m: &MilestoneItem) -> String {
    let due = m
        .due
        .as_ref()
        .map(|d| format!(" (due {})", d.label))
        .unwrap_or_default();
    let owner = m.owner.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
    let steps = if m.steps_total > 0 {
        format!(" [{}/{}]", m.steps_done, m.steps_total)
    } else {
        String::new()
    };
    sanitize(&format!("{} {}{due}{owner}{steps}", m.address, m.title)).into_owned()
}

fn happening(h: &Happening) -> String {
    let note = h.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default();
    sanitize(&format!("  - {} {} ({}, {}){note}\n", h.address, h.title, h.by, h.day)).into_owned()
}

pub fn render(report: &Report) -> String {
    let mut out = format!(
        "Status report {} ({} – {}), as of {}\n\n{}: {}.\n\nProgress\n",
        report.period.label,
        report.period.start,
        report.period.end,
        report.today,
        report.headline.verdict.as_str().to_uppercase(),
        report.headline.reason
    );
    for r in &report.roadmaps {
        let cost = r
            .cost_tkr
            .as_ref()
            .map(|c| {
                format!(
                    ", cost {} of {} tkr done",
                    super::markdown::number(c.done),
                    super::markdown::number(c.total)
                )
            })
            .unwrap_or_default();
        out.push_str(&sanitize(&format!(
            "  - {} ({}): steps {}, milestones {}/{}, {} overdue{cost}\n",
            r.title,
            r.id,
            super::markdown::fraction(r.steps_done, r.steps),
            r.milestones_done,
            r.milestones,
            r.by_status["overdue"]
        )));
    }
    let sections: [(&str, &Vec<MilestoneItem>, bool); 3] = [
        (
            &format!("Coming due in the next {} weeks", report.horizon_weeks),
            &report.coming_due,
            false,
        ),
        ("Overdue", &report.overdue, true),
        ("Blocked", &report.blocked, false),
    ];
    out.push_str("\nDone in the period\n");
    if report.done.is_empty() {
        out.push_str("  (nothing)\n");
    }
    for h in &report.done {
        out.push_str(&happening(h));
    }
    out.push_str("\nCompleted in the period\n");
    if report.completed.is_empty() {
        out.push_str("  (nothing)\n");
    }
    for h in &report.completed {
        out.push_str(&happening(h));
    }
    out.push_str("\nSkipped, reopened and moved in the period\n");
    if report.changes.is_empty() {
        out.push_str("  (nothing)\n");
    }
    for c in &report.changes {
        let what = match c.op {
            "skip" => "skipped".to_string(),
            "reopen" => "reopened".to_string(),
            _ => format!(
                "moved from {} to {}",
                c.from.as_deref().unwrap_or("no date"),
                c.to.as_deref().unwrap_or("no date")
            ),
        };
        let note = c.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default();
        out.push_str(&sanitize(&format!(
            "  - {} {} ({what} by {}, {}){note}\n",
            c.address, c.title, c.by, c.day
        )));
    }
    for (title, items, overdue) in sections {
        out.push_str(&format!("\n{title}\n"));
        if items.is_empty() {
            out.push_str("  (nothing)\n");
        }
        for m in items {
            let prefix = if overdue {
                format!("{} days overdue: ", m.days_overdue.unwrap_or(0))
            } else {
                String::new()
            };
            let waits = if m.blocked_by.is_empty() {
                String::new()
            } else {
                format!(", waits for {}", m.blocked_by.join(", "))
            };
            out.push_str(&format!("  - {prefix}{}{waits}\n", line(m)));
        }
    }
    out.push_str("\nOpen work by owner\n");
    for load in &report.open_by_owner {
        out.push_str(&sanitize(&format!(
            "  - {}: {} open, {} overdue\n",
            load.owner, load.open, load.overdue
        )));
    }
    out.push_str("\nNotes added in the period\n");
    if report.notes.is_empty() {
        out.push_str("  (none)\n");
    }
    for h in &report.notes {
        out.push_str(&happening(h));
    }
    out
}
