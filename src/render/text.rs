//! The report as plain text, for a terminal or an e-mail.

use roadmap_core::report::{Happening, MilestoneItem, Report};
use roadmap_core::status::Status;

use super::report as words;
use super::sanitize;
use crate::i18n::{Language, t};

fn line(language: &Language, m: &MilestoneItem) -> String {
    let due = m
        .due
        .as_ref()
        .map(|d| format!(" ({})", t!(language, "report-due", due = d.label.as_str())))
        .unwrap_or_default();
    let owners = words::owners(m);
    let owner = if owners.is_empty() {
        String::new()
    } else {
        format!(", {owners}")
    };
    let steps = if m.steps_total > 0 {
        format!(" [{}/{}]", m.steps_done, m.steps_total)
    } else {
        String::new()
    };
    format!("{} {}{due}{owner}{steps}", m.address, m.title)
}

fn note(note: Option<&str>) -> String {
    note.map(|n| format!(": {n}")).unwrap_or_default()
}

fn happening(language: &Language, h: &Happening) -> String {
    let by = t!(language, "report-by", by = h.by.as_str(), day = language.date(h.day));
    let title = words::happening_title(language, &h.title);
    format!("  - {} {title} ({by}){}\n", h.address, note(h.note.as_deref()))
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
    let (verdict, reason) = words::headline(language, &report.headline);
    let mut out = format!(
        "{}{}, {}\n\n{}: {}.\n",
        t!(
            language,
            "report-title",
            period = words::period_name(language, &report.period)
        ),
        words::period_days(language, &report.period),
        t!(language, "report-as-of-short", today = language.date(report.today)),
        verdict.to_uppercase(),
        reason,
    );
    if let Some(filters) = words::filters(language, report.owner.as_deref(), report.phase.as_deref()) {
        out.push_str(&format!("{filters}\n"));
    }
    section(
        &mut out,
        language,
        &t!(language, "report-lights"),
        report.lights.iter().map(|l| {
            let cost = l.cost.as_ref().map(|c| {
                format!(
                    ", {} {}",
                    t!(language, "col-cost-light").to_lowercase(),
                    words::light_word(language, c.light)
                )
            });
            let mut why = words::causes(language, &l.time.causes, 3);
            if let Some(c) = l.cost.as_ref().filter(|c| c.late_tkr > 0.0) {
                why.push(words::cost(language, c));
            }
            let why: String = why.iter().map(|w| format!("\n      {w}")).collect();
            format!(
                "  - {} ({}): {} ({} {}{})",
                l.title,
                l.roadmap,
                words::light_word(language, l.overall).to_uppercase(),
                t!(language, "col-time").to_lowercase(),
                words::light_word(language, l.time.light),
                cost.unwrap_or_default()
            ) + &why
                + "\n"
        }),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-decisions"),
        report.decisions.iter().map(|d| {
            let criteria = d.criteria.as_deref().map(|c| format!(": {c}")).unwrap_or_default();
            format!(
                "  - {} {}{criteria}\n      {}\n",
                d.item.address,
                d.item.title,
                words::decision(language, d).join("; ")
            )
        }),
    );
    out.push_str(&format!("\n{}\n", t!(language, "report-progress")));
    for r in &report.roadmaps {
        let steps = super::markdown::fraction(r.steps_done, r.steps);
        let milestones = format!("{}/{}", r.milestones_done, r.milestones);
        let overdue = r.by_status.get(Status::Overdue);
        let line = if let Some(c) = &r.cost_tkr {
            t!(
                language,
                "report-roadmap-line-cost",
                steps = steps,
                milestones = milestones,
                overdue = overdue,
                done = language.number(c.done),
                total = language.number(c.total)
            )
        } else {
            t!(
                language,
                "report-roadmap-line",
                steps = steps,
                milestones = milestones,
                overdue = overdue
            )
        };
        out.push_str(&format!("  - {} ({}): {line}\n", r.title, r.id));
    }
    section(
        &mut out,
        language,
        &t!(language, "report-deviations"),
        report.deviations.iter().map(|d| {
            let title = words::happening_title(language, &d.title);
            format!(
                "  - {} {title} ({}){}\n",
                d.address,
                words::deviation(language, d),
                note(d.note.as_deref())
            )
        }),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-risks"),
        report.risks.iter().map(|r| {
            let milestone = r
                .milestone
                .as_deref()
                .map(|m| format!(" ({}/{m})", r.roadmap))
                .unwrap_or_default();
            format!(
                "  - {} {}{milestone}: {} · {} · {}\n",
                t!(
                    language,
                    "risk-severity",
                    severity = r.severity,
                    likelihood = r.likelihood,
                    impact = r.impact
                ),
                r.text,
                r.id,
                r.owner.as_deref().unwrap_or("–"),
                r.action.as_deref().unwrap_or("–")
            )
        }),
    );
    for (title, list, closed) in [
        (t!(language, "report-risks-opened"), &report.risks_opened, false),
        (t!(language, "report-risks-closed"), &report.risks_closed, true),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("  {title}:\n"));
        for r in list {
            let line = if closed {
                t!(
                    language,
                    "risk-closed-line",
                    id = r.id.as_str(),
                    text = r.text.as_str(),
                    day = r.closed_on.map(|d| language.date(d)).unwrap_or_default()
                ) + &note(r.closing_note.as_deref())
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
            out.push_str(&format!("    - {line}\n"));
        }
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
        &t!(language, "report-coming", weeks = report.horizon_weeks),
        report.coming_due.iter().map(|m| format!("  - {}\n", line(language, m))),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-overdue"),
        report.overdue.iter().map(|m| {
            format!(
                "  - {}: {}\n",
                t!(language, "report-days-overdue", n = m.days_overdue.unwrap_or(0)),
                line(language, m)
            )
        }),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-blocked"),
        report.blockers.iter().map(|b| {
            format!(
                "  - {}\n",
                t!(
                    language,
                    "blocker-line",
                    what = format!("{} {}", b.address, b.title),
                    n = b.waiting.len(),
                    list = b.waiting.join(", ")
                )
            )
        }),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-waiting"),
        report.parties.iter().map(|p| {
            let counts = t!(language, "report-owner-line", open = p.open, overdue = p.overdue);
            let waits: String = p
                .waited_on
                .iter()
                .map(|w| {
                    format!(
                        "\n      {}",
                        t!(language, "wait-text", waiting = w.waiting.as_str(), on = w.on.as_str())
                    )
                })
                .collect();
            format!("  - {} ({}): {counts}{waits}\n", words::party(language, p), p.roadmap)
        }),
    );
    section(
        &mut out,
        language,
        &t!(language, "report-notes"),
        report.notes.iter().map(|h| happening(language, h)),
    );
    sanitize(&out).into_owned()
}
