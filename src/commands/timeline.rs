//! `roadmap timeline`: a Gantt chart in the terminal. One row per milestone,
//! grouped by phase; each bar covers the columns holding the days of its due
//! range; a marker for today; a scale (weeks, months, quarters or years)
//! chosen so the labels fit the width.

use chrono::{Datelike, Duration, NaiveDate};
use roadmap_core::due::{Due, Span};
use roadmap_core::roadmap::Roadmap;
use roadmap_core::status::{Standing, Status, standings};
use roadmap_core::{Error, ExitCode, Result};
use serde::Serialize;

use crate::cli::TimelineArgs;
use crate::context::Context;
use crate::i18n::{Language, t};
use crate::render::json::DueJson;
use crate::render::{Format, Style, Terminal, dates_text, sanitize, status_style, status_word};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Scale {
    Weeks,
    Months,
    Quarters,
    Years,
}

/// The chart's window and resolution.
#[derive(Debug, Clone, Copy)]
struct Grid {
    from: NaiveDate,
    to: NaiveDate,
    days_per_column: i64,
    columns: usize,
    scale: Scale,
}

impl Grid {
    fn new(from: NaiveDate, to: NaiveDate, width: usize) -> Grid {
        let days = (to - from).num_days() + 1;
        let width = i64::try_from(width.max(10)).unwrap_or(10);
        let days_per_column = (days + width - 1) / width;
        let columns = usize::try_from((days + days_per_column - 1) / days_per_column).unwrap_or(0);
        // The finest scale whose labels still fit: a week needs 3 columns
        // ("15 "), a month 4 ("Jan "), a quarter 3 ("Q1 "), a year 5.
        let scale = match days_per_column {
            ..=2 => Scale::Weeks,
            3..=7 => Scale::Months,
            8..=30 => Scale::Quarters,
            _ => Scale::Years,
        };
        Grid {
            from,
            to,
            days_per_column,
            columns,
            scale,
        }
    }

    /// The column holding `day`, if it is in the window.
    fn column(&self, day: NaiveDate) -> Option<usize> {
        if day < self.from || day > self.to {
            return None;
        }
        usize::try_from((day - self.from).num_days() / self.days_per_column).ok()
    }

    fn column_clamped(&self, day: NaiveDate) -> usize {
        self.column(day.clamp(self.from, self.to)).unwrap_or(0)
    }

    /// Where each unit of the scale starts, with its label; and where each year starts.
    fn ticks(&self, language: &Language) -> (Vec<Tick>, Vec<Tick>) {
        let (mut fine, mut years) = (Vec::new(), Vec::new());
        let mut day = self.from;
        while day <= self.to {
            if let Some(column) = self.column(day) {
                if day.ordinal() == 1 || day == self.from {
                    years.push((column, day.year().to_string()));
                }
                let label = match self.scale {
                    Scale::Weeks if day.weekday() == chrono::Weekday::Mon => {
                        Some(format!("{:02}", day.iso_week().week()))
                    }
                    Scale::Months if day.day() == 1 => Some(t!(language, "month-short", month = day.month())),
                    Scale::Quarters if day.day() == 1 && day.month() % 3 == 1 => {
                        Some(t!(language, "quarter-short", quarter = day.month() / 3 + 1))
                    }
                    _ => None,
                };
                fine.extend(label.map(|l| (column, l)));
            }
            day += Duration::days(1);
        }
        (fine, years)
    }
}

/// A label and the column it starts at.
type Tick = (usize, String);

/// Writes labels into a line of `columns` cells, skipping any that would overlap.
fn label_line(columns: usize, labels: &[Tick]) -> String {
    let mut cells = vec![' '; columns];
    let mut free_from = 0;
    for (column, label) in labels {
        let len = label.chars().count();
        if *column < free_from || column + len > columns {
            continue;
        }
        for (i, c) in label.chars().enumerate() {
            cells[column + i] = c;
        }
        free_from = column + len + 1;
    }
    cells.into_iter().collect::<String>().trim_end().to_string()
}

#[derive(Serialize)]
struct TimelineJson<'a> {
    today: String,
    from: String,
    to: String,
    scale: Scale,
    days_per_column: i64,
    rows: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct RowJson<'a> {
    roadmap: &'a str,
    id: &'a str,
    title: &'a str,
    phase: Option<&'a str>,
    status: Status,
    due: Option<DueJson<'a>>,
    /// First and last chart column of the bar (0-based), null when undated or outside the window.
    columns: Option<[usize; 2]>,
}

pub fn run(context: &Context, args: &TimelineArgs) -> Result<ExitCode> {
    let (catalog, read) = context.read()?;
    let state = read.fold(&catalog);
    let today = context.today();
    let roadmaps = context.scope(&catalog, &args.roadmaps)?.roadmaps;
    let filter = context.filter(args.filter.owner.as_deref(), args.filter.phase.as_deref(), &roadmaps)?;
    let groups: Vec<(&Roadmap, Vec<Standing>)> = roadmaps
        .into_iter()
        .map(|r| {
            let mine = standings(r, &state, today)
                .into_iter()
                .filter(|s| filter.milestone(r, s.milestone))
                .collect();
            (r, mine)
        })
        .collect();
    let all: Vec<&Standing> = groups.iter().flat_map(|(_, s)| s).collect();
    let (from, to) = window(args, &all, today)?;
    let width = usize::from(context.terminal.width);
    let label_width = all
        .iter()
        .map(|s| s.milestone.title.chars().count())
        .max()
        .unwrap_or(10)
        .clamp(10, (width / 3).max(10));
    // "! " + label + " │" + chart
    let chart_width = width.saturating_sub(label_width + 5).max(10);
    let grid = Grid::new(from, to, chart_width);
    if args.format == Format::Json {
        let rows = all
            .iter()
            .map(|s| RowJson {
                roadmap: &s.roadmap.id,
                id: &s.milestone.id,
                title: &s.milestone.title,
                phase: s.milestone.phase.as_deref(),
                status: s.status,
                due: s.due.as_ref().map(DueJson::new),
                columns: bar_columns(&grid, s.due.as_ref()).map(|(a, b, _, _)| [a, b]),
            })
            .collect();
        context.terminal.emit(&crate::render::json::to_string(&TimelineJson {
            today: today.to_string(),
            from: grid.from.to_string(),
            to: grid.to.to_string(),
            scale: grid.scale,
            days_per_column: grid.days_per_column,
            rows,
        })?)?;
        return Ok(ExitCode::Success);
    }
    let markdown = args.format == Format::Markdown;
    let terminal = Terminal {
        color: context.terminal.color && !markdown,
        ..context.terminal
    };
    let mut out = context.terminal.stream();
    if markdown {
        out.put("```text\n")?;
    }
    chart(
        terminal,
        &context.language,
        &grid,
        &groups,
        label_width,
        today,
        &mut |piece| out.put(piece),
    )?;
    if markdown {
        out.put("```\n")?;
    }
    out.finish()?;
    Ok(ExitCode::Success)
}

/// The window: --from / --to, else from the first start to the last end of
/// the dated milestones, widened to include today.
fn window(args: &TimelineArgs, rows: &[&Standing], today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let dated: Vec<(NaiveDate, Option<NaiveDate>)> = rows
        .iter()
        .filter_map(|s| match s.due.as_ref().map(Due::span) {
            Some(Span::Dated { start, end }) => Some((*start, *end)),
            _ => None,
        })
        .collect();
    let first = dated.iter().map(|(s, _)| *s).min().map_or(today, |d| d.min(today));
    let last = dated
        .iter()
        .map(|(s, e)| e.unwrap_or(*s))
        .max()
        .map_or(today, |d| d.max(today));
    let from = args.from.unwrap_or(first);
    let to = args.to.unwrap_or_else(|| last.max(from));
    if to < from {
        return Err(Error::usage(
            format!("the chart would end ({to}) before it starts ({from})"),
            "give --to a date after --from",
        ));
    }
    // A few extra days either side, so bars at the edges are visibly whole.
    Ok((from, to.max(from + Duration::days(6))))
}

/// First and last column of a due range's bar, and whether it runs past the left or right edge.
fn bar_columns(grid: &Grid, due: Option<&Due>) -> Option<(usize, usize, bool, bool)> {
    let Some(Span::Dated { start, end }) = due.map(Due::span) else {
        return None;
    };
    let end = end.unwrap_or(NaiveDate::MAX);
    if end < grid.from || *start > grid.to {
        return None;
    }
    Some((
        grid.column_clamped(*start),
        grid.column_clamped(end),
        *start < grid.from,
        end > grid.to,
    ))
}

fn chart(
    terminal: Terminal,
    language: &Language,
    grid: &Grid,
    groups: &[(&Roadmap, Vec<Standing>)],
    label_width: usize,
    today: NaiveDate,
    put: &mut dyn FnMut(&str) -> Result<()>,
) -> Result<()> {
    let pad = " ".repeat(label_width + 4);
    let (fine, years) = grid.ticks(language);
    let mut out = String::new();
    out.push_str(&format!("{pad}{}\n", label_line(grid.columns, &years)));
    if grid.scale != Scale::Years {
        out.push_str(&format!("{pad}{}\n", label_line(grid.columns, &fine)));
    }
    let today_column = grid.column(today);
    if let Some(column) = today_column {
        let label = format!("▼ {}", t!(language, "timeline-today", today = language.date(today)));
        let line = if column + label.chars().count() <= grid.columns {
            format!("{}{label}", " ".repeat(column))
        } else {
            format!("{}▼", " ".repeat(column))
        };
        out.push_str(&format!("{pad}{}\n", terminal.paint(Style::Bold, &line)));
    }
    for (roadmap, standings) in groups {
        // Written a plan at a time: the whole chart of a national portfolio
        // is tens of MiB that nothing needs at once.
        put(&out)?;
        out.clear();
        if groups.len() > 1 {
            out.push_str(&format!(
                "{}\n",
                terminal.paint(Style::Bold, &format!("{} ({})", sanitize(&roadmap.title), roadmap.id))
            ));
        }
        let mut phases: Vec<Option<&str>> = roadmap.phases.iter().map(|p| Some(p.id.as_str())).collect();
        phases.push(None);
        for phase in phases {
            let rows: Vec<&Standing> = standings
                .iter()
                .filter(|s| s.milestone.phase.as_deref() == phase)
                .collect();
            if rows.is_empty() {
                continue;
            }
            if let Some(id) = phase {
                let title = roadmap.phase_title(id).unwrap_or(id);
                out.push_str(&format!(
                    "  {}\n",
                    terminal.paint(Style::Dim, &truncate(&sanitize(title), label_width + grid.columns))
                ));
            }
            for s in rows {
                out.push_str(&row(
                    terminal,
                    language,
                    grid,
                    s,
                    label_width,
                    today_column,
                    chrono::Datelike::year(&today),
                ));
            }
        }
    }
    out.push_str(&terminal.paint(Style::Dim, &legend(language)));
    put(&out)
}

fn legend(language: &Language) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{} {}", s.symbol(), status_word(language, *s)))
        .collect();
    format!("{}\n", parts.join("  "))
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut short: String = text.chars().take(width.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

fn row(
    terminal: Terminal,
    language: &Language,
    grid: &Grid,
    s: &Standing,
    label_width: usize,
    today_column: Option<usize>,
    year: i32,
) -> String {
    let label = truncate(&sanitize(&s.milestone.title), label_width);
    let label = format!("{label}{}", " ".repeat(label_width - label.chars().count()));
    let style = status_style(s.status);
    let symbol = terminal.paint(style, s.status.symbol());
    let chart = if let Some((first, last, left, right)) = bar_columns(grid, s.due.as_ref()) {
        let fill = if s.status == Status::Skipped { '░' } else { '█' };
        // The empty columns either side of the bar, with today's line where it falls.
        let blank = |columns: std::ops::Range<usize>| -> String {
            columns
                .map(|c| if Some(c) == today_column { '│' } else { ' ' })
                .collect()
        };
        let mut bar: String = (first..=last).map(|_| fill).collect();
        if left {
            bar.replace_range(..fill.len_utf8(), "◀");
        }
        if right {
            let cut = bar.len() - fill.len_utf8();
            bar.replace_range(cut.., "▶");
        }
        let (before, after) = (blank(0..first), blank(last + 1..grid.columns));
        format!("{before}{}{after}", terminal.paint(style, &bar))
    } else {
        let text = match s.due.as_ref() {
            Some(due) => format!("{} ({})", language.due(due, year), dates_text(language, due)),
            None => t!(language, "no-date"),
        };
        terminal.paint(Style::Dim, &truncate(&sanitize(&text), grid.columns))
    };
    format!("{symbol} {label} │{}\n", chart.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_half_year_bar_covers_exactly_its_six_months_at_one_day_per_column() {
        let grid = Grid::new(day("2021-01-01"), day("2021-12-31"), 365);
        assert_eq!(grid.days_per_column, 1);
        let due = Due::parse("HT2021", None).unwrap();
        // 1 July is day 181 of 2021 (0-based), 31 December day 364.
        assert_eq!(bar_columns(&grid, Some(&due)), Some((181, 364, false, false)));
    }

    #[test]
    fn a_week_bar_is_seven_days() {
        let grid = Grid::new(day("2027-04-05"), day("2027-05-02"), 28);
        let due = Due::parse("V15", Some(2027)).unwrap();
        // ISO week 15 of 2027: 12 to 18 April, days 7 to 13 of the window.
        assert_eq!(bar_columns(&grid, Some(&due)), Some((7, 13, false, false)));
        assert_eq!(grid.scale, Scale::Weeks);
    }

    #[test]
    fn open_ended_ranges_run_to_the_right_edge() {
        let grid = Grid::new(day("2022-01-01"), day("2024-12-31"), 60);
        let due = Due::parse("VT2023..", None).unwrap();
        let (_, last, left, right) = bar_columns(&grid, Some(&due)).unwrap();
        assert_eq!((last, left, right), (grid.columns - 1, false, true));
    }

    #[test]
    fn the_scale_fits_the_width() {
        assert_eq!(Grid::new(day("2021-01-01"), day("2021-12-31"), 60).scale, Scale::Months);
        assert_eq!(Grid::new(day("2021-01-01"), day("2028-12-31"), 60).scale, Scale::Years);
        assert_eq!(
            Grid::new(day("2021-01-01"), day("2022-12-31"), 60).scale,
            Scale::Quarters
        );
    }

    #[test]
    fn labels_never_overlap() {
        assert_eq!(
            label_line(10, &[(0, "2021".into()), (2, "2022".into()), (6, "2023".into())]),
            "2021  2023"
        );
    }
}
