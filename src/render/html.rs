//! The report as one self-contained HTML page: inline CSS and inline SVG
//! charts (the timeline and the milestone trend), no scripts and nothing
//! fetched, so it can be published from CI or opened from disk. It is made
//! to meet WCAG 2.1 AA (public bodies' pages must): the page's language,
//! headings in order, table headers, text for every chart and colours with
//! enough contrast; and to print on A4.

use chrono::{Datelike, Duration, NaiveDate};

use roadmap_core::report::lights::Light;
use roadmap_core::report::{GanttTask, Happening, MilestoneItem, Report, Trend, Verdict, roadmap_title};
use roadmap_core::status::Status;

use super::report as words;
use super::{due_as_moved, status_word};
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
main{max-width:1040px;margin:0 auto;padding:24px}h1{font-size:26px;margin:0 0 4px}h1 small{font-weight:normal;color:#4a5263;font-size:16px}\
h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #d8dce3;padding-bottom:4px}\
.headline{font-size:17px;padding:10px 14px;border-radius:6px;border-left:6px solid}\
.late{background:#fdecec;border-color:#c62828}.at_risk{background:#fff6e0;border-color:#9a6700}.on_track{background:#e8f5e9;border-color:#2e7d32}\
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e6eb;vertical-align:top}\
th{background:#eef0f4;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:13px;color:#37474f}\
.bar{display:inline-block;width:120px;height:10px;background:#e3e6eb;border-radius:5px;vertical-align:middle;margin-right:6px}\
.bar i{display:block;height:100%;background:#2e7d32;border-radius:5px}ul{background:#fff;padding:8px 8px 8px 28px;margin:0}\
.dot{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;vertical-align:-1px}\
td.light{white-space:nowrap}.green{background:#2e7d32}.yellow{background:#9a6700}.red{background:#c62828}\
svg{background:#fff;width:100%;height:auto;border:1px solid #e3e6eb}.muted{color:#4a5263}\
details{margin-top:6px}footer{margin-top:32px;color:#4a5263;font-size:13px}\
@page{size:A4;margin:14mm}\
@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}h2{break-after:avoid}\
tr,li,svg{break-inside:avoid}table{page-break-inside:auto}thead{display:table-header-group}details{display:none}}";

/// Bar colours, each at least 3:1 against white (WCAG 1.4.11).
fn colour(status: Status) -> &'static str {
    match status {
        Status::Done => "#2e7d32",
        Status::Skipped => "#7b8494",
        Status::Overdue => "#c62828",
        Status::Due => "#9a6700",
        Status::Upcoming => "#1565c0",
        Status::Ongoing => "#00796b",
        Status::Undated => "#757575",
    }
}

fn light_class(light: Light) -> &'static str {
    match light {
        Light::Green => "green",
        Light::Yellow => "yellow",
        Light::Red => "red",
    }
}

/// A light as a coloured dot (for the eye) and its word (for everyone).
fn light(language: &Language, light: Light) -> String {
    format!(
        "<span class=\"dot {}\" aria-hidden=\"true\"></span>{}",
        light_class(light),
        escape(&words::light_word(language, light))
    )
}

fn heading(out: &mut String, text: &str) {
    out.push_str(&format!("<h2>{}</h2>\n", escape(text)));
}

fn muted(out: &mut String, text: &str) {
    out.push_str(&format!("<p class=\"muted\">{}</p>\n", escape(text)));
}

/// A table head: column headers for `ids`.
fn head(language: &Language, ids: &[&str]) -> String {
    let cells: String = ids
        .iter()
        .map(|id| format!("<th scope=\"col\">{}</th>", escape(&language.text(id, None))))
        .collect();
    format!("<table>\n<thead><tr>{cells}</tr></thead>\n<tbody>\n")
}

fn progress_bar(done: usize, total: usize) -> String {
    if total == 0 {
        return "–".into();
    }
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    format!("<span class=\"bar\" aria-hidden=\"true\"><i style=\"width:{percent}%\"></i></span>{done}/{total}")
}

fn note(note: Option<&str>) -> String {
    note.map(|n| format!(": {}", escape(n))).unwrap_or_default()
}

fn list(out: &mut String, items: Vec<String>, empty: &str) {
    if items.is_empty() {
        muted(out, empty);
        return;
    }
    out.push_str("<ul>\n");
    for item in items {
        out.push_str(&format!("<li>{item}</li>\n"));
    }
    out.push_str("</ul>\n");
}

fn happening(language: &Language, h: &Happening) -> String {
    format!(
        "<code>{}</code> {} — {}{}",
        escape(&h.address),
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

pub fn render(language: &Language, report: &Report) -> String {
    let title = t!(
        language,
        "report-title",
        period = words::period_name(language, &report.period)
    );
    let (verdict, reason) = words::headline(language, &report.headline);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        language.lang.code(),
        escape(&title)
    );
    let as_of = t!(language, "report-as-of-short", today = language.date(report.today));
    let small = match report.period.week {
        Some(_) => format!("{} · {as_of}", language.dates(report.period.start, report.period.end)),
        None => as_of,
    };
    out.push_str(&format!(
        "<h1>{} <small>{}</small></h1>\n<p class=\"headline {}\"><strong>{}</strong>: {}.</p>\n",
        escape(&title),
        escape(&small),
        match report.headline.verdict {
            Verdict::Late => "late",
            Verdict::AtRisk => "at_risk",
            Verdict::OnTrack => "on_track",
        },
        escape(&verdict),
        escape(&reason)
    ));
    if let Some(filters) = words::filters(language, report.owner.as_deref(), report.phase.as_deref()) {
        out.push_str(&format!("<p>{}</p>\n", escape(&filters)));
    }

    heading(&mut out, &t!(language, "report-lights"));
    out.push_str(&head(
        language,
        &["col-plan", "col-overall", "col-time", "col-cost-light", "col-why"],
    ));
    for l in &report.lights {
        let mut why = words::causes(language, &l.time.causes, 3);
        if let Some(cost) = l.cost.as_ref().filter(|c| c.late_tkr > 0.0) {
            why.push(words::cost(language, cost));
        }
        out.push_str(&format!(
            "<tr><th scope=\"row\">{} <code>{}</code></th><td class=\"light\">{}</td><td class=\"light\">{}</td><td class=\"light\">{}</td><td>{}</td></tr>\n",
            escape(&l.title),
            escape(&l.roadmap),
            light(language, l.overall),
            light(language, l.time.light),
            l.cost.as_ref().map_or_else(|| "–".to_string(), |c| light(language, c.light)),
            why.iter().map(|w| escape(w)).collect::<Vec<_>>().join("<br>")
        ));
    }
    out.push_str("</tbody>\n</table>\n");

    heading(&mut out, &t!(language, "report-decisions"));
    let decisions = report
        .decisions
        .iter()
        .map(|d| {
            let criteria = d
                .criteria
                .as_deref()
                .map(|c| format!(": {}", escape(c)))
                .unwrap_or_default();
            format!(
                "<strong>{}</strong> <code>{}</code>{criteria} — {}",
                escape(&d.item.title),
                escape(&d.item.address),
                escape(&words::decision(language, d).join("; "))
            )
        })
        .collect();
    list(&mut out, decisions, &t!(language, "report-decisions-none"));

    heading(&mut out, &t!(language, "report-timeline"));
    out.push_str(&timeline(language, report));

    heading(&mut out, &t!(language, "report-progress"));
    out.push_str(&head(
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
            "<tr><th scope=\"row\">{} <code>{}</code></th><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&r.title),
            escape(&r.id),
            progress_bar(r.steps_done, r.steps),
            progress_bar(r.milestones_done, r.milestones),
            r.by_status.get(Status::Overdue),
            r.by_status.get(Status::Due),
            r.by_status.get(Status::Upcoming),
            escape(&cost)
        ));
    }
    out.push_str("</tbody>\n</table>\n");

    heading(&mut out, &t!(language, "report-deviations"));
    let deviations = report
        .deviations
        .iter()
        .map(|d| {
            format!(
                "<code>{}</code> {} — {}{}",
                escape(&d.address),
                escape(&words::happening_title(language, &d.title)),
                escape(&words::deviation(language, d)),
                note(d.note.as_deref())
            )
        })
        .collect();
    list(&mut out, deviations, &t!(language, "report-deviations-none"));
    heading(&mut out, &t!(language, "report-trend"));
    out.push_str(&trend_chart(language, report));

    heading(&mut out, &t!(language, "report-risks"));
    if report.risks.is_empty() {
        muted(&mut out, &t!(language, "report-risks-none"));
    } else {
        out.push_str(&head(
            language,
            &["col-severity", "col-risk", "col-owner", "col-action"],
        ));
        for r in &report.risks {
            let milestone = r
                .milestone
                .as_deref()
                .map(|m| format!(" (<code>{}/{}</code>)", escape(&r.roadmap), escape(m)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<tr><td class=\"n\">{}</td><td><code>{}</code> {}{milestone}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&t!(
                    language,
                    "risk-severity",
                    severity = r.severity,
                    likelihood = r.likelihood,
                    impact = r.impact
                )),
                escape(&r.id),
                escape(&r.text),
                escape(r.owner.as_deref().unwrap_or("")),
                escape(r.action.as_deref().unwrap_or(""))
            ));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    for (title, risks, closed) in [
        (t!(language, "report-risks-opened"), &report.risks_opened, false),
        (t!(language, "report-risks-closed"), &report.risks_closed, true),
    ] {
        if risks.is_empty() {
            continue;
        }
        out.push_str(&format!("<p>{}:</p>\n", escape(&title)));
        let items = risks
            .iter()
            .map(|r| {
                if closed {
                    escape(&t!(
                        language,
                        "risk-closed-line",
                        id = r.id.as_str(),
                        text = r.text.as_str(),
                        day = r.closed_on.map(|d| language.date(d)).unwrap_or_default()
                    )) + &note(r.closing_note.as_deref())
                } else {
                    escape(&t!(
                        language,
                        "risk-opened-line",
                        id = r.id.as_str(),
                        text = r.text.as_str(),
                        by = r.by.as_str(),
                        day = language.date(r.opened_on)
                    ))
                }
            })
            .collect();
        list(&mut out, items, "");
    }

    heading(&mut out, &t!(language, "report-done"));
    list(
        &mut out,
        report.done.iter().map(|h| happening(language, h)).collect(),
        &t!(language, "report-done-none"),
    );
    heading(&mut out, &t!(language, "report-completed"));
    list(
        &mut out,
        report.completed.iter().map(|h| happening(language, h)).collect(),
        &t!(language, "report-completed-none"),
    );
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
    let blockers = report
        .blockers
        .iter()
        .map(|b| {
            let waiting: Vec<String> = b
                .waiting
                .iter()
                .map(|a| format!("<code>{}</code>", escape(a)))
                .collect();
            t!(
                language,
                "blocker-line",
                what = format!("<code>{}</code> {}", escape(&b.address), escape(&b.title)),
                n = b.waiting.len(),
                list = waiting.join(", ")
            )
        })
        .collect();
    list(&mut out, blockers, &t!(language, "report-blocked-none"));

    heading(&mut out, &t!(language, "report-waiting"));
    out.push_str(&head(
        language,
        &[
            "col-owner",
            "col-open",
            "col-of-which-overdue",
            "col-helping",
            "col-waited-on",
        ],
    ));
    for p in &report.parties {
        let waits: Vec<String> = p
            .waited_on
            .iter()
            .map(|w| {
                t!(
                    language,
                    "wait-text",
                    waiting = format!("<code>{}</code>", escape(&w.waiting)),
                    on = format!("<code>{}</code>", escape(&w.on))
                )
            })
            .collect();
        out.push_str(&format!(
            "<tr><th scope=\"row\">{} <code>{}</code></th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
            escape(&words::party(language, p)),
            escape(&p.roadmap),
            p.open,
            p.overdue,
            p.helping,
            waits.join("<br>")
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    heading(&mut out, &t!(language, "report-notes"));
    list(
        &mut out,
        report.notes.iter().map(|h| happening(language, h)).collect(),
        &t!(language, "report-notes-none"),
    );
    out.push_str(&format!(
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        escape(&t!(
            language,
            "report-footer",
            period = words::period_name(language, &report.period),
            today = language.date(report.today)
        ))
    ));
    out
}

fn items(out: &mut String, language: &Language, list: &[MilestoneItem], empty: &str, overdue: bool) {
    if list.is_empty() {
        muted(out, empty);
        return;
    }
    let first = if overdue { "col-overdue-by" } else { "col-status" };
    out.push_str(&head(
        language,
        &[first, "col-what", "col-due", "col-owner", "col-steps"],
    ));
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
            "<tr><td><span class=\"dot\" style=\"background:{}\" aria-hidden=\"true\"></span>{}</td><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td class=\"n\">{steps}</td></tr>\n",
            colour(m.status),
            escape(&lead),
            escape(&m.address),
            escape(&m.title),
            escape(&due_as_moved(
                language,
                m.due.as_ref().map(|d| d.label.as_str()),
                m.baseline.as_ref()
            )),
            escape(&words::owners(m))
        ));
    }
    out.push_str("</tbody>\n</table>\n");
}

const WIDTH: f64 = 1000.0;
const LABEL: f64 = 300.0;
const RIGHT: f64 = 14.0;
const ROW: f64 = 18.0;
const TOP: f64 = 58.0;

/// A tick of the time axis: where, and its label.
struct Tick {
    day: NaiveDate,
    label: String,
}

/// Month ticks (every 1, 3, 6 or 12 months, so that labels do not crowd),
/// or week ticks for a chart shorter than about four months.
fn ticks(language: &Language, from: NaiveDate, to: NaiveDate) -> Vec<Tick> {
    let days = (to - from).num_days();
    let mut out = Vec::new();
    if days <= 120 {
        let mut day = from + Duration::days(i64::from((7 - from.weekday().num_days_from_monday()) % 7));
        while day <= to {
            out.push(Tick {
                day,
                label: t!(language, "week-short", week = day.iso_week().week()),
            });
            day += Duration::weeks(1);
        }
        return out;
    }
    let months = (to.year() - from.year()) * 12 + to.month0().cast_signed() - from.month0().cast_signed() + 1;
    let step = [1, 3, 6, 12].into_iter().find(|s| months / s <= 24).unwrap_or(12);
    let mut day = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while day <= to {
        if day >= from && day.month0().cast_signed() % step == 0 {
            out.push(Tick {
                day,
                label: t!(language, "month-short", month = day.month()),
            });
        }
        day = day
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(to + Duration::days(1));
    }
    out
}

/// A row of the timeline: a heading per roadmap and per phase, then its tasks.
enum Row<'a> {
    Roadmap(&'a str),
    Phase(&'a str),
    Task(&'a GanttTask),
}

/// What a swatch of the timeline's legend stands for.
enum Swatch {
    Status(Status),
    Gate,
    Baseline,
}

/// The timeline as SVG: a row per dated milestone, grouped by roadmap and
/// phase; bars coloured by status, a gate as a diamond, where a moved
/// milestone was first planned as a dashed outline; month (or week) ticks;
/// a line for today labelled above the rows; the legend below them.
fn timeline(language: &Language, report: &Report) -> String {
    let tasks = &report.timeline;
    if tasks.is_empty() {
        return format!("<p class=\"muted\">{}</p>\n", escape(&t!(language, "report-no-dates")));
    }
    let earliest = tasks
        .iter()
        .flat_map(|t| [Some(t.start), t.baseline.map(|b| b.0)])
        .flatten()
        .min();
    let latest = tasks
        .iter()
        .flat_map(|t| [Some(t.end), t.baseline.map(|b| b.1)])
        .flatten()
        .max();
    let from = earliest.unwrap_or(report.today).min(report.today);
    let to = latest.unwrap_or(report.today).max(report.today);
    let days = (to - from).num_days() as f64 + 1.0;
    let x = |day: NaiveDate| LABEL + (day - from).num_days() as f64 / days * (WIDTH - LABEL - RIGHT);
    // Rows: a heading per roadmap and per phase, then its tasks.
    let mut rows: Vec<Row> = Vec::new();
    let (mut roadmap, mut phase): (Option<&str>, Option<&str>) = (None, None);
    for task in tasks {
        if roadmap != Some(task.roadmap.as_str()) {
            roadmap = Some(task.roadmap.as_str());
            phase = None;
            rows.push(Row::Roadmap(roadmap_title(report, &task.roadmap)));
        }
        if task.phase.as_deref() != phase {
            phase = task.phase.as_deref();
            if let Some(title) = task.phase_title.as_deref().or(task.phase.as_deref()) {
                rows.push(Row::Phase(title));
            }
        }
        rows.push(Row::Task(task));
    }
    let bottom = TOP + ROW * rows.len() as f64;
    let legend: Vec<(Swatch, String)> = Status::ALL
        .iter()
        .filter(|s| **s != Status::Undated)
        .map(|s| (Swatch::Status(*s), status_word(language, *s)))
        .chain([
            (Swatch::Gate, t!(language, "legend-gate")),
            (Swatch::Baseline, t!(language, "legend-baseline")),
        ])
        .collect();
    let legend_top = bottom + 22.0;
    let height = legend_top + 24.0 * 2.0;
    let overdue = tasks.iter().filter(|t| t.status == Status::Overdue).count();
    let label = t!(language, "report-timeline-label");
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\n<title id=\"timeline-title\">{}</title>\n<desc id=\"timeline-desc\">{}</desc>\n",
        escape(&label),
        escape(&format!(
            "{} – {}: {} · {} {}",
            language.date(from),
            language.date(to),
            t!(language, "col-milestones"),
            overdue,
            status_word(language, Status::Overdue)
        ))
    );
    // The axis: years above, months or weeks below, a faint line at each tick.
    for year in from.year()..=to.year() {
        let Some(jan1) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let at = x(jan1.max(from));
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"16\" font-weight=\"bold\" fill=\"#1d2330\">{year}</text>\n",
            at + 2.0
        ));
    }
    for tick in ticks(language, from, to) {
        let px = x(tick.day);
        out.push_str(&format!(
            "<line x1=\"{px:.1}\" y1=\"22\" x2=\"{px:.1}\" y2=\"{bottom:.1}\" stroke=\"#e3e6eb\"/><text x=\"{:.1}\" y=\"34\" fill=\"#4a5263\">{}</text>\n",
            px + 2.0,
            escape(&tick.label)
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        match row {
            Row::Roadmap(title) => out.push_str(&format!(
                "<text x=\"6\" y=\"{:.1}\" font-weight=\"bold\">{}</text>\n",
                y + 13.0,
                escape(&truncate(title, 60))
            )),
            Row::Phase(title) => out.push_str(&format!(
                "<text x=\"12\" y=\"{:.1}\" font-style=\"italic\" fill=\"#4a5263\">{}</text>\n",
                y + 13.0,
                escape(&truncate(title, 56))
            )),
            Row::Task(task) => out.push_str(&task_row(language, task, y, &x)),
        }
    }
    // Today: the line over the rows, its label above them, clear of the legend.
    let today = x(report.today);
    let right = today > WIDTH - 140.0;
    out.push_str(&format!(
        "<line x1=\"{today:.1}\" y1=\"{:.1}\" x2=\"{today:.1}\" y2=\"{bottom:.1}\" stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#c62828\" text-anchor=\"{}\">{}</text>\n",
        TOP - 14.0,
        if right { today - 4.0 } else { today + 4.0 },
        TOP - 4.0,
        if right { "end" } else { "start" },
        escape(&t!(language, "report-as-of-short", today = language.date(report.today)))
    ));
    let mut lx = 10.0;
    let mut ly = legend_top;
    for (swatch, word) in &legend {
        let width = 24.0 + word.chars().count() as f64 * 6.5;
        if lx + width > WIDTH - 10.0 {
            lx = 10.0;
            ly += 22.0;
        }
        let mark = match swatch {
            Swatch::Status(status) => format!(
                "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"12\" height=\"10\" fill=\"{}\"/>",
                ly - 9.0,
                colour(*status)
            ),
            Swatch::Gate => format!("<polygon points=\"{}\" fill=\"#1d2330\"/>", diamond(lx + 6.0, ly - 4.0)),
            Swatch::Baseline => format!(
                "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"12\" height=\"10\" fill=\"none\" stroke=\"#4a5263\" stroke-dasharray=\"3 2\"/>",
                ly - 9.0
            ),
        };
        out.push_str(&format!(
            "{mark}<text x=\"{:.1}\" y=\"{ly:.1}\">{}</text>\n",
            lx + 17.0,
            escape(word)
        ));
        lx += width;
    }
    out.push_str("</svg>\n");
    out
}

fn diamond(cx: f64, cy: f64) -> String {
    format!(
        "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
        cx,
        cy - 7.0,
        cx + 7.0,
        cy,
        cx,
        cy + 7.0,
        cx - 7.0,
        cy
    )
}

fn task_row(language: &Language, task: &GanttTask, y: f64, x: &dyn Fn(NaiveDate) -> f64) -> String {
    let mut out = format!(
        "<text x=\"22\" y=\"{:.1}\">{}</text>",
        y + 13.0,
        escape(&truncate(&format!("{} {}", task.id, task.title), 44))
    );
    let tip = escape(&format!(
        "{}: {} ({})",
        task.id,
        task.title,
        status_word(language, task.status)
    ));
    if let Some((start, end)) = task.baseline {
        let (x1, x2) = (x(start), x(end + Duration::days(1)));
        out.push_str(&format!(
            "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"12\" rx=\"2\" fill=\"none\" stroke=\"#4a5263\" stroke-dasharray=\"3 2\"/>",
            y + 3.0,
            (x2 - x1).max(4.0)
        ));
    }
    if task.gate {
        out.push_str(&format!(
            "<polygon points=\"{}\" fill=\"{}\"><title>{tip}</title></polygon>\n",
            diamond(x(task.end + Duration::days(1)), y + 9.0),
            colour(task.status)
        ));
    } else {
        let (x1, x2) = (x(task.start), x(task.end + Duration::days(1)));
        out.push_str(&format!(
            "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"12\" rx=\"2\" fill=\"{}\"><title>{tip}</title></rect>\n",
            y + 3.0,
            (x2 - x1).max(4.0),
            colour(task.status)
        ));
    }
    out
}

const TREND_HEIGHT: f64 = 260.0;
const PALETTE: [&str; 6] = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#9a6700", "#00796b"];

/// The milestone trend: for each moved milestone, its planned end (up) by
/// the day the plan said so (across), held until the report's day. Flat is
/// healthy; rising is slipping. A table below gives the same for people who
/// cannot see the chart.
fn trend_chart(language: &Language, report: &Report) -> String {
    let trends: Vec<&Trend> = report.trends.iter().filter(|t| !t.points.is_empty()).collect();
    if trends.is_empty() {
        return format!("<p class=\"muted\">{}</p>\n", escape(&t!(language, "report-no-trend")));
    }
    let days: Vec<NaiveDate> = trends
        .iter()
        .flat_map(|t| t.points.iter().map(|p| p.0))
        .chain([report.today])
        .collect();
    let planned: Vec<NaiveDate> = trends.iter().flat_map(|t| t.points.iter().map(|p| p.1)).collect();
    // Two weeks before the first move, so the baseline shows as a line before it jumps.
    let first = *days.iter().min().unwrap_or(&report.today);
    let (x0, x1) = (first - Duration::weeks(2), *days.iter().max().unwrap_or(&report.today));
    let (y0, y1) = (
        *planned.iter().min().unwrap_or(&report.today),
        *planned.iter().max().unwrap_or(&report.today),
    );
    let span = |a: NaiveDate, b: NaiveDate| ((b - a).num_days() as f64).max(1.0);
    let (left, right, top, bottom) = (90.0, WIDTH - 230.0, 20.0, TREND_HEIGHT - 40.0);
    let x = |d: NaiveDate| left + (d - x0).num_days() as f64 / span(x0, x1) * (right - left);
    let y = |d: NaiveDate| bottom - (d - y0).num_days() as f64 / span(y0, y1) * (bottom - top);
    let label = t!(language, "report-trend-label");
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {TREND_HEIGHT}\" role=\"img\" aria-labelledby=\"trend-title\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\n<title id=\"trend-title\">{}</title>\n",
        escape(&label)
    );
    out.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#4a5263\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\" stroke=\"#4a5263\"/>\n"
    ));
    for (d, anchor) in [(x0, "start"), (x1, "end")] {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"#4a5263\">{}</text>\n",
            x(d),
            bottom + 16.0,
            escape(&language.date(d))
        ));
    }
    for d in [y0, y1] {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#4a5263\">{}</text><line x1=\"{left}\" y1=\"{:.1}\" x2=\"{right}\" y2=\"{:.1}\" stroke=\"#e3e6eb\"/>\n",
            left - 6.0,
            y(d) + 4.0,
            escape(&language.date(d)),
            y(d),
            y(d)
        ));
    }
    let mut labels: Vec<(f64, &str, String)> = Vec::new();
    for (i, trend) in trends.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        // A step line: a plan holds until the next move, then jumps.
        let mut points = vec![format!("{:.1},{:.1}", x(x0), y(trend.points[0].1))];
        for (j, (day, end)) in trend.points.iter().enumerate() {
            if j > 0 {
                points.push(format!("{:.1},{:.1}", x(*day), y(trend.points[j - 1].1)));
            }
            points.push(format!("{:.1},{:.1}", x(*day), y(*end)));
        }
        let last = trend.points.last().map_or(report.today, |p| p.1);
        points.push(format!("{:.1},{:.1}", x(x1), y(last)));
        out.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n",
            points.join(" ")
        ));
        for (day, end) in &trend.points {
            out.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{colour}\"><title>{}</title></circle>\n",
                x(*day),
                y(*end),
                escape(&format!(
                    "{}: {}",
                    trend.address,
                    t!(
                        language,
                        "trend-planned",
                        planned = language.date(*end),
                        day = language.date(*day)
                    )
                ))
            ));
        }
        labels.push((y(last), colour, trend.address.clone()));
    }
    // Labels at the lines' right ends, pushed apart so none covers another.
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut below = f64::MIN;
    for (at, colour, address) in labels {
        let at = at.max(below + 12.0);
        below = at;
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">{}</text>\n",
            right + 8.0,
            at + 4.0,
            escape(&truncate(&address, 34))
        ));
    }
    out.push_str("</svg>\n");
    // The same, as a table, for whoever cannot see the chart.
    out.push_str(&format!("<details><summary>{}</summary>\n", escape(&label)));
    out.push_str(&head(language, &["col-milestone", "col-moved"]));
    for trend in &trends {
        let plans: Vec<String> = trend
            .points
            .iter()
            .map(|(day, end)| {
                t!(
                    language,
                    "trend-planned",
                    planned = language.date(*end),
                    day = language.date(*day)
                )
            })
            .collect();
        out.push_str(&format!(
            "<tr><th scope=\"row\"><code>{}</code> {}</th><td>{}</td></tr>\n",
            escape(&trend.address),
            escape(&trend.title),
            escape(&plans.join("; "))
        ));
    }
    out.push_str("</tbody>\n</table>\n</details>\n");
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
