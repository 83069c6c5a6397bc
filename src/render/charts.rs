//! The report's two pictures as inline SVG: the timeline (a row per dated
//! milestone, grouped by plan and phase) and the milestone trend (each moved
//! milestone's planned end by the day the plan said so). Each has a title and
//! a description for screen readers, colours of at least 3:1 against white,
//! and scales to the page's width.

use chrono::{Datelike, Duration, NaiveDate};
use roadmap_core::report::{GanttTask, Report, Trend, roadmap_title};
use roadmap_core::status::Status;

use super::escape_html as escape;
use super::status_word;
use crate::i18n::{Language, t};

const WIDTH: f64 = 1000.0;
const LABEL: f64 = 330.0;
const RIGHT: f64 = 16.0;
const ROW: f64 = 18.0;
const TOP: f64 = 62.0;
/// The text size, in the chart's own units: a 1000-wide chart drawn 700
/// pixels wide still shows it at about 9 points.
const FONT: f64 = 13.0;
/// The width of one character at that size, near enough to lay out labels.
const CHAR: f64 = 7.2;

/// Bar colours, each at least 3:1 against white (WCAG 1.4.11).
pub fn colour(status: Status) -> &'static str {
    match status {
        Status::Done => "#2e7d32",
        Status::Skipped => "#6b7280",
        Status::Overdue => "#c62828",
        Status::Due => "#b45309",
        Status::Upcoming => "#1565c0",
        Status::Ongoing => "#00796b",
        Status::Undated => "#757575",
    }
}

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
    let step = [1, 2, 3, 6, 12].into_iter().find(|s| months / s <= 14).unwrap_or(12);
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
    Task(&'a GanttTask<'a>),
}

/// What a swatch of the timeline's legend stands for.
enum Swatch {
    Status(Status),
    Gate,
    Baseline,
}

fn truncate(text: &str, max: usize) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
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

/// The days between two dates, as a float for drawing.
#[allow(clippy::cast_precision_loss)] // days between dates of years 1 to 9999
fn span_days(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64
}

/// The days the timeline spans: every milestone's dates, its first plan's
/// and today.
fn timeline_span(report: &Report) -> (NaiveDate, NaiveDate) {
    let tasks = &report.timeline;
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
    (
        earliest.unwrap_or(report.today).min(report.today),
        latest.unwrap_or(report.today).max(report.today),
    )
}

/// What the timeline shows, in words: its span, how many milestones and
/// how many of them overdue (the SVG's description, a picture's alt text).
pub fn timeline_description(language: &Language, report: &Report) -> String {
    let (from, to) = timeline_span(report);
    t!(
        language,
        "timeline-desc",
        from = language.day_long(from),
        to = language.day_long(to),
        count = report.timeline.len(),
        overdue = report.timeline.iter().filter(|t| t.status == Status::Overdue).count()
    )
}

/// The timeline as SVG: a row per dated milestone, grouped by roadmap and
/// phase, labelled with its title; bars coloured by status, a gate as a
/// diamond, where a moved milestone was first planned as a dashed outline;
/// month (or week) ticks; a line for today labelled above the rows; below
/// them the legend of what the chart shows.
pub fn timeline(language: &Language, report: &Report) -> String {
    let tasks = &report.timeline;
    let (from, to) = timeline_span(report);
    let days = span_days(from, to) + 1.0;
    let x = |day: NaiveDate| LABEL + span_days(from, day) / days * (WIDTH - LABEL - RIGHT);
    let mut rows: Vec<Row> = Vec::new();
    let (mut roadmap, mut phase): (Option<&str>, Option<&str>) = (None, None);
    for task in tasks {
        if roadmap != Some(task.roadmap) {
            roadmap = Some(task.roadmap);
            phase = None;
            rows.push(Row::Roadmap(roadmap_title(report, task.roadmap)));
        }
        if task.phase != phase {
            phase = task.phase;
            if let Some(title) = task.phase_title.or(task.phase) {
                rows.push(Row::Phase(title));
            }
        }
        rows.push(Row::Task(task));
    }
    #[allow(clippy::cast_precision_loss)] // a few hundred rows
    let bottom = TOP + ROW * rows.len() as f64;
    // The legend: the statuses the chart shows, then gates and first plans if any.
    let mut legend: Vec<(Swatch, String)> = Status::ALL
        .iter()
        .filter(|s| tasks.iter().any(|t| t.status == **s))
        .map(|s| (Swatch::Status(*s), status_word(language, *s)))
        .collect();
    if tasks.iter().any(|t| t.gate) {
        legend.push((Swatch::Gate, t!(language, "legend-gate")));
    }
    if tasks.iter().any(|t| t.baseline.is_some()) {
        legend.push((Swatch::Baseline, t!(language, "legend-baseline")));
    }
    let mut placed = Vec::new();
    let (mut lx, mut ly) = (10.0, bottom + 26.0);
    for (swatch, word) in legend {
        // Generous for the word: a wider font than the estimate must not run
        // it into the next swatch.
        #[allow(clippy::cast_precision_loss)] // a word's length
        let width = 40.0 + word.chars().count() as f64 * CHAR * 1.2;
        if lx + width > WIDTH - 10.0 {
            lx = 10.0;
            ly += 24.0;
        }
        placed.push((lx, ly, swatch, word));
        lx += width;
    }
    let height = ly + 18.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" font-family=\"system-ui, sans-serif\" font-size=\"{FONT}\">\n<title id=\"timeline-title\">{}</title>\n<desc id=\"timeline-desc\">{}</desc>\n",
        escape(&t!(language, "report-timeline-label")),
        escape(&timeline_description(language, report))
    );
    // The axis: years above, months or weeks below, a faint line at each tick.
    for year in from.year()..=to.year() {
        let Some(jan1) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let at = x(jan1.max(from));
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"18\" font-weight=\"bold\" fill=\"#1d2330\">{year}</text>\n",
            at + 2.0
        ));
    }
    for tick in ticks(language, from, to) {
        let px = x(tick.day);
        out.push_str(&format!(
            "<line x1=\"{px:.1}\" y1=\"24\" x2=\"{px:.1}\" y2=\"{bottom:.1}\" stroke=\"#e3e6eb\"/><text x=\"{:.1}\" y=\"38\" fill=\"#4a5263\">{}</text>\n",
            px + 2.0,
            escape(&tick.label)
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)] // a few hundred rows
        let y = TOP + ROW * i as f64;
        match row {
            Row::Roadmap(title) => out.push_str(&format!(
                "<text x=\"6\" y=\"{:.1}\" font-weight=\"bold\">{}</text>\n",
                y + 15.0,
                escape(&truncate(title, 60))
            )),
            Row::Phase(title) => out.push_str(&format!(
                "<text x=\"12\" y=\"{:.1}\" font-style=\"italic\" fill=\"#4a5263\">{}</text>\n",
                y + 15.0,
                escape(&truncate(title, 42))
            )),
            Row::Task(task) => out.push_str(&task_row(language, task, y, &x)),
        }
    }
    // Today: the line over the rows, its label above them.
    let today = x(report.today);
    let right = today > WIDTH - 200.0;
    out.push_str(&format!(
        "<line x1=\"{today:.1}\" y1=\"{:.1}\" x2=\"{today:.1}\" y2=\"{bottom:.1}\" stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#c62828\" text-anchor=\"{}\">{}</text>\n",
        TOP - 14.0,
        if right { today - 4.0 } else { today + 4.0 },
        TOP - 4.0,
        if right { "end" } else { "start" },
        escape(&t!(language, "report-as-of", today = language.day_long(report.today)))
    ));
    for (lx, ly, swatch, word) in placed {
        let mark = match swatch {
            Swatch::Status(status) => format!(
                "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"14\" height=\"11\" fill=\"{}\"/>",
                ly - 10.0,
                colour(status)
            ),
            Swatch::Gate => format!("<polygon points=\"{}\" fill=\"#1d2330\"/>", diamond(lx + 7.0, ly - 4.5)),
            Swatch::Baseline => format!(
                "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"14\" height=\"11\" fill=\"none\" stroke=\"#4a5263\" stroke-dasharray=\"3 2\"/>",
                ly - 10.0
            ),
        };
        out.push_str(&format!(
            "{mark}<text x=\"{:.1}\" y=\"{ly:.1}\">{}</text>\n",
            lx + 20.0,
            escape(&word)
        ));
    }
    out.push_str("</svg>\n");
    out
}

fn task_row(language: &Language, task: &GanttTask, y: f64, x: &dyn Fn(NaiveDate) -> f64) -> String {
    let mut out = format!(
        "<text x=\"22\" y=\"{:.1}\">{}</text>",
        y + 15.0,
        escape(&truncate(task.title, 42))
    );
    let tip = escape(&format!("{} ({})", task.title, status_word(language, task.status)));
    if let Some((start, end)) = task.baseline {
        let (x1, x2) = (x(start), x(end + Duration::days(1)));
        out.push_str(&format!(
            "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"13\" rx=\"2\" fill=\"none\" stroke=\"#4a5263\" stroke-dasharray=\"3 2\"/>",
            y + 4.0,
            (x2 - x1).max(4.0)
        ));
    }
    if task.gate {
        out.push_str(&format!(
            "<polygon points=\"{}\" fill=\"{}\"><title>{tip}</title></polygon>\n",
            diamond(x(task.end + Duration::days(1)), y + 10.5),
            colour(task.status)
        ));
    } else {
        let (x1, x2) = (x(task.start), x(task.end + Duration::days(1)));
        out.push_str(&format!(
            "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"13\" rx=\"2\" fill=\"{}\"><title>{tip}</title></rect>\n",
            y + 4.0,
            (x2 - x1).max(4.0),
            colour(task.status)
        ));
    }
    out
}

const TREND_HEIGHT: f64 = 220.0;
const PALETTE: [&str; 6] = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#b45309", "#00796b"];

/// Days evenly through `from`..=`to` for an axis: about `count` of them.
fn axis_days(from: NaiveDate, to: NaiveDate, count: i64) -> Vec<NaiveDate> {
    let span = (to - from).num_days().max(1);
    let step = (span / count).max(1);
    let mut days: Vec<NaiveDate> = (0..=span / step).map(|i| from + Duration::days(i * step)).collect();
    // The last label is `to` itself; one closer to it than half a step
    // would be drawn over it.
    if days.len() > 1 && days.last().is_some_and(|last| (to - *last).num_days() * 2 < step) {
        days.pop();
    }
    if days.last() != Some(&to) {
        days.push(to);
    }
    days
}

/// The milestone trend: for each moved milestone, its planned end (up) by
/// the day the plan said so (across), from its first plan at the left edge
/// to the report's day. Flat is healthy; rising is slipping. Each line is
/// labelled with its milestone's title.
pub fn trend(language: &Language, report: &Report) -> String {
    let trends: Vec<&Trend> = report.trends.iter().filter(|t| !t.points.is_empty()).collect();
    let days: Vec<NaiveDate> = trends
        .iter()
        .flat_map(|t| t.points.iter().map(|p| p.0))
        .chain([report.today])
        .collect();
    let planned: Vec<NaiveDate> = trends.iter().flat_map(|t| t.points.iter().map(|p| p.1)).collect();
    // Two weeks before the first move, so the first plan shows as a line before it jumps.
    let first = *days.iter().min().unwrap_or(&report.today);
    let (x0, x1) = (first - Duration::weeks(2), *days.iter().max().unwrap_or(&report.today));
    let (y0, y1) = (
        *planned.iter().min().unwrap_or(&report.today),
        *planned.iter().max().unwrap_or(&report.today),
    );
    // A little room above and below the lines.
    let (y0, y1) = (y0 - Duration::days(7), y1 + Duration::days(7));
    let (left, right, top, bottom) = (130.0, WIDTH - 290.0, 20.0, TREND_HEIGHT - 44.0);
    let x = |d: NaiveDate| left + span_days(x0, d) / span_days(x0, x1).max(1.0) * (right - left);
    let y = |d: NaiveDate| bottom - span_days(y0, d) / span_days(y0, y1).max(1.0) * (bottom - top);
    let label = t!(language, "report-trend-label");
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {TREND_HEIGHT}\" role=\"img\" aria-labelledby=\"trend-title\" font-family=\"system-ui, sans-serif\" font-size=\"{FONT}\">\n<title id=\"trend-title\">{}</title>\n",
        escape(&label)
    );
    out.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#4a5263\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\" stroke=\"#4a5263\"/>\n"
    ));
    let short = |d: NaiveDate| {
        t!(
            language,
            "day-short",
            day = d.day(),
            month = t!(language, "month-short", month = d.month())
        )
    };
    for (i, d) in axis_days(x0, x1, 5).into_iter().enumerate() {
        let anchor = if i == 0 { "start" } else { "middle" };
        out.push_str(&format!(
            "<line x1=\"{px:.1}\" y1=\"{bottom}\" x2=\"{px:.1}\" y2=\"{:.1}\" stroke=\"#4a5263\"/><text x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"#4a5263\">{}</text>\n",
            bottom + 5.0,
            bottom + 20.0,
            escape(&short(d)),
            px = x(d)
        ));
    }
    for d in axis_days(y0, y1, 5) {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#4a5263\">{}</text><line x1=\"{left}\" y1=\"{py:.1}\" x2=\"{right}\" y2=\"{py:.1}\" stroke=\"#e3e6eb\"/>\n",
            left - 8.0,
            y(d) + 4.0,
            escape(&short(d)),
            py = y(d)
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
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>\n",
            points.join(" ")
        ));
        for (day, end) in trend.points.iter().skip(usize::from(trend.baseline_end.is_some())) {
            out.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{colour}\"><title>{}</title></circle>\n",
                x(*day),
                y(*end),
                escape(&format!(
                    "{}: {}",
                    trend.title,
                    t!(
                        language,
                        "trend-planned",
                        planned = language.day_long(*end),
                        day = language.day_long(*day)
                    )
                ))
            ));
        }
        labels.push((y(last), colour, trend.title.clone()));
    }
    // Labels at the lines' right ends, pushed apart so none covers another.
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut below = f64::MIN;
    for (at, colour, title) in labels {
        let at = at.max(below + 16.0);
        below = at;
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">{}</text>\n",
            right + 8.0,
            at + 4.0,
            escape(&truncate(&title, 36))
        ));
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::axis_days;

    #[test]
    fn axis_labels_end_on_the_last_day_and_never_crowd_it() {
        let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        // 58 days in steps of 11: 12 Mar, 23 Mar, 3 Apr, 14 Apr, 25 Apr, then
        // 6 May would sit 3 days from 9 May, so 9 May takes its place.
        assert_eq!(
            axis_days(day(3, 12), day(5, 9), 5),
            [day(3, 12), day(3, 23), day(4, 3), day(4, 14), day(4, 25), day(5, 9)]
        );
        // A span that divides evenly ends on its own last day.
        assert_eq!(
            axis_days(day(1, 1), day(1, 11), 5),
            [day(1, 1), day(1, 3), day(1, 5), day(1, 7), day(1, 9), day(1, 11)]
        );
    }
}
