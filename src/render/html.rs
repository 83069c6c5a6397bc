//! The report as one self-contained HTML page: inline CSS and an inline SVG
//! timeline, no scripts and nothing fetched, so it can be published from CI
//! or opened from disk.

use chrono::{Datelike, NaiveDate};

use roadmap_core::report::{Changed, Happening, MilestoneItem, Report, roadmap_title};
use roadmap_core::status::Status;

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

pub fn render(report: &Report) -> String {
    let title = format!("Status report {}", report.period.label);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(&title)
    );
    out.push_str(&format!(
        "<h1>{} <small>{} – {} · as of {}</small></h1>\n<p class=\"headline {}\"><strong>{}</strong>: {}.</p>\n",
        escape(&title),
        report.period.start,
        report.period.end,
        report.today,
        serde_json::to_value(report.headline.verdict)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        escape(&capitalise(report.headline.verdict.as_str())),
        escape(&report.headline.reason)
    ));
    out.push_str("<h2>Timeline</h2>\n");
    out.push_str(&svg(report));
    out.push_str("<h2>Progress</h2>\n<table>\n<tr><th>Roadmap</th><th>Steps done</th><th>Milestones done</th><th>Overdue</th><th>Due</th><th>Upcoming</th><th>Cost done (tkr)</th></tr>\n");
    for r in &report.roadmaps {
        let cost = r.cost_tkr.as_ref().map_or_else(String::new, |c| {
            format!(
                "{} of {}",
                super::markdown::number(c.done),
                super::markdown::number(c.total)
            )
        });
        out.push_str(&format!(
            "<tr><td>{} <code>{}</code></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{cost}</td></tr>\n",
            escape(&r.title),
            escape(&r.id),
            progress_bar(r.steps_done, r.steps),
            progress_bar(r.milestones_done, r.milestones),
            r.by_status["overdue"],
            r.by_status["due"],
            r.by_status["upcoming"]
        ));
    }
    out.push_str("</table>\n<h2>Done in the period</h2>\n");
    happenings(&mut out, &report.done, "Nothing was marked done in the period.");
    out.push_str("<h2>Completed in the period</h2>\n");
    happenings(&mut out, &report.completed, "No milestone was completed in the period.");
    out.push_str("<h2>Skipped, reopened and moved in the period</h2>\n");
    changes(&mut out, &report.changes);
    out.push_str(&format!(
        "<h2>Coming due in the next {} weeks</h2>\n",
        report.horizon_weeks
    ));
    items(&mut out, &report.coming_due, "Nothing falls due.", false);
    out.push_str("<h2>Overdue</h2>\n");
    items(&mut out, &report.overdue, "Nothing is overdue.", true);
    out.push_str("<h2>Blocked</h2>\n");
    if report.blocked.is_empty() {
        out.push_str("<p class=\"muted\">Nothing is blocked.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for m in &report.blocked {
            let waits: Vec<String> = m
                .blocked_by
                .iter()
                .map(|a| format!("<code>{}</code>", escape(a)))
                .collect();
            out.push_str(&format!(
                "<li><code>{}</code> {} waits for {}</li>\n",
                escape(&m.address),
                escape(&m.title),
                waits.join(", ")
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str(
        "<h2>Open work by owner</h2>\n<table>\n<tr><th>Owner</th><th>Open</th><th>Of which overdue</th></tr>\n",
    );
    for load in &report.open_by_owner {
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&load.owner),
            load.open,
            load.overdue
        ));
    }
    out.push_str("</table>\n<h2>Notes added in the period</h2>\n");
    happenings(&mut out, &report.notes, "No notes were added in the period.");
    out.push_str(&format!(
        "<footer>Written by roadmap for {} on {}.</footer>\n</main>\n</body>\n</html>\n",
        escape(&report.period.label),
        report.today
    ));
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn progress_bar(done: usize, total: usize) -> String {
    if total == 0 {
        return "–".into();
    }
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    format!("<span class=\"bar\"><i style=\"width:{percent}%\"></i></span>{done}/{total}")
}

fn happenings(out: &mut String, list: &[Happening], empty: &str) {
    if list.is_empty() {
        out.push_str(&format!("<p class=\"muted\">{empty}</p>\n"));
        return;
    }
    out.push_str("<ul>\n");
    for h in list {
        let note = h
            .note
            .as_deref()
            .map(|n| format!(": {}", escape(n)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<li><code>{}</code> {} — {}, {}{note}</li>\n",
            escape(&h.address),
            escape(&h.title),
            escape(&h.by),
            h.day
        ));
    }
    out.push_str("</ul>\n");
}

fn changes(out: &mut String, list: &[Changed]) {
    if list.is_empty() {
        out.push_str("<p class=\"muted\">Nothing was skipped, reopened or moved in the period.</p>\n");
        return;
    }
    out.push_str("<ul>\n");
    for c in list {
        let what = match c.op {
            "skip" => "skipped".to_string(),
            "reopen" => "reopened".to_string(),
            _ => format!(
                "moved from {} to {}",
                escape(c.from.as_deref().unwrap_or("no date")),
                escape(c.to.as_deref().unwrap_or("no date"))
            ),
        };
        let note = c
            .note
            .as_deref()
            .map(|n| format!(": {}", escape(n)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<li><code>{}</code> {} — {what} by {}, {}{note}</li>\n",
            escape(&c.address),
            escape(&c.title),
            escape(&c.by),
            c.day
        ));
    }
    out.push_str("</ul>\n");
}

fn items(out: &mut String, list: &[MilestoneItem], empty: &str, overdue: bool) {
    if list.is_empty() {
        out.push_str(&format!("<p class=\"muted\">{empty}</p>\n"));
        return;
    }
    let first = if overdue { "Overdue by" } else { "Status" };
    out.push_str(&format!(
        "<table>\n<tr><th>{first}</th><th>What</th><th>Due</th><th>Owner</th><th>Steps</th></tr>\n"
    ));
    for m in list {
        let lead = if overdue {
            format!("{} days", m.days_overdue.unwrap_or(0))
        } else {
            m.status.as_str().to_string()
        };
        let steps = if m.steps_total > 0 {
            format!("{}/{}", m.steps_done, m.steps_total)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "<tr><td style=\"color:{}\">{lead}</td><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td class=\"n\">{steps}</td></tr>\n",
            colour(m.status),
            escape(&m.address),
            escape(&m.title),
            escape(&match (&m.due, &m.baseline) {
                (Some(d), Some(b)) => format!("{} (baseline {b})", d.label),
                (Some(d), None) => d.label.clone(),
                (None, _) => String::new(),
            }),
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
fn svg(report: &Report) -> String {
    let tasks = &report.timeline;
    if tasks.is_empty() {
        return "<p class=\"muted\">No milestone has a date yet.</p>\n".into();
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
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"Timeline of the milestones\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\n"
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
                    task.status.as_str()
                ));
            }
        }
    }
    let today = x(report.today);
    // Near the right edge the label goes to the left of the line, so it is not cut off.
    let near_right_edge = today > WIDTH - 100.0;
    let anchor = if near_right_edge { "end" } else { "start" };
    out.push_str(&format!(
        "<line x1=\"{today:.1}\" y1=\"{:.1}\" x2=\"{today:.1}\" y2=\"{:.1}\" stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#c62828\" text-anchor=\"{anchor}\">as of {}</text>\n",
        TOP - 10.0,
        height - 20.0,
        if near_right_edge { today - 3.0 } else { today + 3.0 },
        height - 8.0,
        report.today
    ));
    let mut lx = LABEL;
    for status in Status::ALL.iter().filter(|s| **s != Status::Undated) {
        out.push_str(&format!(
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\n",
            height - 17.0,
            colour(*status),
            lx + 13.0,
            height - 8.0,
            status.as_str()
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
