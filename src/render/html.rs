//! The report as one self-contained HTML page: inline CSS and an inline SVG
//! timeline, no scripts and nothing fetched, so it can be published from CI
//! or opened from disk.

use chrono::{Datelike, NaiveDate};

use roadmap_core::report::{Changed, Happening, MilestoneItem, Report, roadmap_title};
use roadmap_core::status::Status;

use super::{change_what, due_and_baseline, happening_title, headline, owner_name, period_name, status_word};
use crate::i18n::{Language, t};

/// Text for HTML: control characters from the files made visible escapes
/// (`terminal::sanitize`), then `& < > " '` as entities, so nothing in a
/// title or a note can become markup.
pub fn escape(text: &str) -> String {
    let text = super::sanitize(text);
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

const STYLE: &str = "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}\
main{max-width:1040px;margin:0 auto;padding:24px}h1{font-size:26px;margin:0 0 4px}h1 small{font-weight:normal;color:#5b6475;font-size:16px}\
h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #d8dce3;padding-bottom:4px}\
.headline{font-size:17px;padding:10px 14px;border-radius:6px;border-left:6px solid}\
.late{background:#fdecec;border-color:#c62828}.at_risk{background:#fff6e0;border-color:#e0a100}.on_track{background:#e8f5e9;border-color:#2e7d32}\
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e6eb;vertical-align:top}\
th{background:#eef0f4;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:13px;color:#37474f}\
.bar{display:inline-block;width:120px;height:10px;background:#e3e6eb;border-radius:5px;vertical-align:middle;margin-right:6px}\
.bar i{display:block;height:100%;background:#2e7d32;border-radius:5px}ul{background:#fff;padding:8px 8px 8px 28px;margin:0}\
svg{background:#fff;width:100%;height:auto;border:1px solid #e3e6eb}.muted{color:#5b6475}footer{margin-top:32px;color:#5b6475;font-size:13px}";

fn colour(status: Status) -> &'static str {
    match status {
        Status::Done => "#2e7d32",
        Status::Skipped => "#b0b7c3",
        Status::Overdue => "#c62828",
        Status::Due => "#e0a100",
        Status::Upcoming => "#1e88e5",
        Status::Ongoing => "#00897b",
        Status::Undated => "#9e9e9e",
    }
}

pub fn render(language: &Language, report: &Report) -> String {
    let title = t!(language, "report-title", period = period_name(language, &report.period));
    let (verdict, reason) = headline(language, &report.headline);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        language.lang.code(),
        escape(&title)
    );
    out.push_str(&format!(
        "<h1>{} <small>{}</small></h1>\n<p class=\"headline {}\"><strong>{}</strong>: {}.</p>\n",
        escape(&title),
        escape(&{
            let as_of = t!(language, "report-as-of-short", today = language.date(report.today));
            match report.period.week {
                Some(_) => format!("{} · {as_of}", language.dates(report.period.start, report.period.end)),
                None => as_of,
            }
        }),
        serde_json::to_value(report.headline.verdict)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        escape(&verdict),
        escape(&reason)
    ));
    out.push_str(&format!("<h2>{}</h2>\n", escape(&t!(language, "report-timeline"))));
    out.push_str(&svg(language, report));
    let head: String = [
        "col-roadmap",
        "col-steps-done",
        "col-milestones-done",
        "col-overdue-count",
        "col-due-count",
        "col-upcoming-count",
        "col-cost-done",
    ]
    .iter()
    .map(|id| format!("<th>{}</th>", escape(&language.text(id, None))))
    .collect();
    out.push_str(&format!(
        "<h2>{}</h2>\n<table>\n<tr>{head}</tr>\n",
        escape(&t!(language, "report-progress"))
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
            "<tr><td>{} <code>{}</code></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&r.title),
            escape(&r.id),
            progress_bar(r.steps_done, r.steps),
            progress_bar(r.milestones_done, r.milestones),
            r.by_status["overdue"],
            r.by_status["due"],
            r.by_status["upcoming"],
            escape(&cost)
        ));
    }
    out.push_str("</table>\n");
    heading(&mut out, &t!(language, "report-done"));
    happenings(&mut out, language, &report.done, &t!(language, "report-done-none"));
    heading(&mut out, &t!(language, "report-completed"));
    happenings(
        &mut out,
        language,
        &report.completed,
        &t!(language, "report-completed-none"),
    );
    heading(&mut out, &t!(language, "report-changes"));
    changes(&mut out, language, &report.changes);
    heading(&mut out, &t!(language, "report-coming", weeks = report.horizon_weeks));
    items(
        &mut out,
        language,
        &report.coming_due,
        &t!(language, "report-coming-none"),
        false,
    );
    heading(&mut out, &t!(language, "report-overdue"));
    items(
        &mut out,
        language,
        &report.overdue,
        &t!(language, "report-overdue-none"),
        true,
    );
    heading(&mut out, &t!(language, "report-blocked"));
    if report.blocked.is_empty() {
        muted(&mut out, &t!(language, "report-blocked-none"));
    } else {
        out.push_str("<ul>\n");
        for m in &report.blocked {
            let waits: Vec<String> = m
                .blocked_by
                .iter()
                .map(|a| format!("<code>{}</code>", escape(a)))
                .collect();
            out.push_str(&format!(
                "<li><code>{}</code> {} {} {}</li>\n",
                escape(&m.address),
                escape(&m.title),
                escape(&t!(language, "report-waits-for")),
                waits.join(", ")
            ));
        }
        out.push_str("</ul>\n");
    }
    heading(&mut out, &t!(language, "report-owners"));
    out.push_str(&format!(
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        escape(&t!(language, "col-owner")),
        escape(&t!(language, "col-open")),
        escape(&t!(language, "col-of-which-overdue"))
    ));
    for load in &report.open_by_owner {
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&owner_name(language, &load.owner)),
            load.open,
            load.overdue
        ));
    }
    out.push_str("</table>\n");
    heading(&mut out, &t!(language, "report-notes"));
    happenings(&mut out, language, &report.notes, &t!(language, "report-notes-none"));
    out.push_str(&format!(
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        escape(&t!(
            language,
            "report-footer",
            period = period_name(language, &report.period),
            today = language.date(report.today)
        ))
    ));
    out
}

fn heading(out: &mut String, text: &str) {
    out.push_str(&format!("<h2>{}</h2>\n", escape(text)));
}

fn muted(out: &mut String, text: &str) {
    out.push_str(&format!("<p class=\"muted\">{}</p>\n", escape(text)));
}

fn progress_bar(done: usize, total: usize) -> String {
    if total == 0 {
        return "–".into();
    }
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    format!("<span class=\"bar\"><i style=\"width:{percent}%\"></i></span>{done}/{total}")
}

fn note(note: Option<&str>) -> String {
    note.map(|n| format!(": {}", escape(n))).unwrap_or_default()
}

fn happenings(out: &mut String, language: &Language, list: &[Happening], empty: &str) {
    if list.is_empty() {
        muted(out, empty);
        return;
    }
    out.push_str("<ul>\n");
    for h in list {
        out.push_str(&format!(
            "<li><code>{}</code> {} — {}{}</li>\n",
            escape(&h.address),
            escape(&happening_title(language, &h.title)),
            escape(&t!(
                language,
                "report-by",
                by = h.by.as_str(),
                day = language.date(h.day)
            )),
            note(h.note.as_deref())
        ));
    }
    out.push_str("</ul>\n");
}

fn changes(out: &mut String, language: &Language, list: &[Changed]) {
    if list.is_empty() {
        muted(out, &t!(language, "report-changes-none"));
        return;
    }
    out.push_str("<ul>\n");
    for c in list {
        let by = t!(
            language,
            "report-change-by",
            what = change_what(language, c),
            by = c.by.as_str(),
            day = language.date(c.day)
        );
        out.push_str(&format!(
            "<li><code>{}</code> {} — {}{}</li>\n",
            escape(&c.address),
            escape(&happening_title(language, &c.title)),
            escape(&by),
            note(c.note.as_deref())
        ));
    }
    out.push_str("</ul>\n");
}

fn items(out: &mut String, language: &Language, list: &[MilestoneItem], empty: &str, overdue: bool) {
    if list.is_empty() {
        muted(out, empty);
        return;
    }
    let first = if overdue { "col-overdue-by" } else { "col-status" };
    let head: String = [first, "col-what", "col-due", "col-owner", "col-steps"]
        .iter()
        .map(|id| format!("<th>{}</th>", escape(&language.text(id, None))))
        .collect();
    out.push_str(&format!("<table>\n<tr>{head}</tr>\n"));
    for m in list {
        let lead = if overdue {
            t!(language, "days", n = m.days_overdue.unwrap_or(0))
        } else {
            status_word(language, m.status)
        };
        let steps = if m.steps_total > 0 {
            format!("{}/{}", m.steps_done, m.steps_total)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "<tr><td style=\"color:{}\">{}</td><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td class=\"n\">{steps}</td></tr>\n",
            colour(m.status),
            escape(&lead),
            escape(&m.address),
            escape(&m.title),
            escape(&due_and_baseline(
                language,
                m.due.as_ref().map(|d| d.label.as_str()),
                m.baseline.as_deref()
            )),
            escape(m.owner.as_deref().unwrap_or(""))
        ));
    }
    out.push_str("</table>\n");
}

const WIDTH: f64 = 1000.0;
const LABEL: f64 = 300.0;
const ROW: f64 = 18.0;
const TOP: f64 = 34.0;

/// The timeline as SVG: a row per dated milestone, grouped by roadmap, bars
/// coloured by status, year lines, and a line for today.
fn svg(language: &Language, report: &Report) -> String {
    let tasks = &report.timeline;
    if tasks.is_empty() {
        let mut out = String::new();
        muted(&mut out, &t!(language, "report-no-dates"));
        return out;
    }
    let from = tasks
        .iter()
        .map(|t| t.start)
        .min()
        .unwrap_or(report.today)
        .min(report.today);
    let to = tasks
        .iter()
        .map(|t| t.end)
        .max()
        .unwrap_or(report.today)
        .max(report.today);
    let days = (to - from).num_days() as f64 + 1.0;
    let x = |day: NaiveDate| LABEL + (day - from).num_days() as f64 / days * (WIDTH - LABEL - 10.0);
    let mut rows = Vec::new();
    let mut current = None;
    for task in tasks {
        if current != Some(task.roadmap.as_str()) {
            current = Some(task.roadmap.as_str());
            rows.push((None, roadmap_title(report, &task.roadmap)));
        }
        rows.push((Some(task), ""));
    }
    let height = TOP + ROW * rows.len() as f64 + 30.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\n",
        escape(&t!(language, "report-timeline-label"))
    );
    for year in from.year()..=to.year() {
        let Some(jan1) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let at = if jan1 < from { from } else { jan1 };
        let px = x(at);
        out.push_str(&format!(
            "<line x1=\"{px:.1}\" y1=\"{}\" x2=\"{px:.1}\" y2=\"{:.1}\" stroke=\"#e3e6eb\"/><text x=\"{:.1}\" y=\"16\" fill=\"#5b6475\">{year}</text>\n",
            TOP - 10.0,
            height - 20.0,
            px + 3.0
        ));
    }
    for (i, (task, heading)) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        match task {
            None => out.push_str(&format!(
                "<text x=\"6\" y=\"{:.1}\" font-weight=\"bold\">{}</text>\n",
                y + 13.0,
                escape(&truncate(heading, 60))
            )),
            Some(task) => {
                let (x1, x2) = (x(task.start), x(task.end + chrono::Duration::days(1)));
                out.push_str(&format!(
                    "<text x=\"16\" y=\"{:.1}\">{}</text><rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"12\" rx=\"2\" fill=\"{}\"><title>{}: {} ({})</title></rect>\n",
                    y + 13.0,
                    escape(&truncate(&format!("{} {}", task.id, task.title), 46)),
                    y + 3.0,
                    (x2 - x1).max(4.0),
                    colour(task.status),
                    escape(&task.id),
                    escape(&task.title),
                    escape(&status_word(language, task.status))
                ));
            }
        }
    }
    let today = x(report.today);
    // Near the right edge the label goes to the left of the line, so it is not cut off.
    let near_right_edge = today > WIDTH - 100.0;
    let anchor = if near_right_edge { "end" } else { "start" };
    out.push_str(&format!(
        "<line x1=\"{today:.1}\" y1=\"{:.1}\" x2=\"{today:.1}\" y2=\"{:.1}\" stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#c62828\" text-anchor=\"{anchor}\">{}</text>\n",
        TOP - 10.0,
        height - 20.0,
        if near_right_edge { today - 3.0 } else { today + 3.0 },
        height - 8.0,
        escape(&t!(language, "report-as-of-short", today = language.date(report.today)))
    ));
    let mut lx = LABEL;
    for status in Status::ALL.iter().filter(|s| **s != Status::Undated) {
        out.push_str(&format!(
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\n",
            height - 17.0,
            colour(*status),
            lx + 13.0,
            height - 8.0,
            escape(&status_word(language, *status))
        ));
        lx += 75.0;
    }
    out.push_str("</svg>\n");
    out
}

fn truncate(text: &str, max: usize) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}
