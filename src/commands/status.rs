//! `roadmap status`: where each roadmap stands.

use anyhow::Result;
use serde::Serialize;

use super::json::DueJson;
use super::view::{Filter, Inputs, bar};
use super::{Context, cell, table_for};
use crate::cli::{Format, StatusArgs};
use crate::exit_code::ExitCode;
use crate::roadmap::{Cost, Kind, Roadmap};
use crate::state::State;
use crate::status::{Standing, Status};
use crate::terminal::{Style, emit, sanitize};

/// How many milestones "next" lists.
const NEXT: usize = 5;

#[derive(Serialize)]
struct StatusJson<'a> {
    today: String,
    state: String,
    roadmaps: Vec<RoadmapJson<'a>>,
}

#[derive(Serialize)]
struct RoadmapJson<'a> {
    id: &'a str,
    title: &'a str,
    summary: Summary<'a>,
    milestones: Vec<MilestoneJson<'a>>,
}

#[derive(Serialize)]
struct Summary<'a> {
    milestones: usize,
    milestones_done: usize,
    steps: usize,
    steps_done: usize,
    by_status: serde_json::Map<String, serde_json::Value>,
    overdue: usize,
    blocked: usize,
    cost_tkr: Option<CostSummary>,
    next: Vec<&'a str>,
}

#[derive(Serialize)]
struct CostSummary {
    done: f64,
    total: f64,
}

#[derive(Serialize)]
pub struct MilestoneJson<'a> {
    id: &'a str,
    title: &'a str,
    phase: Option<&'a str>,
    owner: Option<&'a str>,
    kind: Kind,
    due: Option<DueJson<'a>>,
    status: Status,
    /// The due date before the first reschedule; null when it never moved.
    baseline: Option<&'a str>,
    blocked: bool,
    blocked_by: &'a [&'a str],
    steps_done: usize,
    steps_total: usize,
    cost_tkr: Option<Cost>,
}

impl<'a> MilestoneJson<'a> {
    pub fn new(s: &'a Standing<'a>) -> Self {
        let m = s.milestone;
        MilestoneJson {
            id: &m.id,
            title: &m.title,
            phase: m.phase.as_deref(),
            owner: m.owner.as_deref(),
            kind: m.kind,
            due: m.due.as_ref().map(DueJson::new),
            status: s.status,
            baseline: s.baseline.as_deref(),
            blocked: !s.blocked_by.is_empty(),
            blocked_by: &s.blocked_by,
            steps_done: s.progress.steps_done,
            steps_total: s.progress.steps_total,
            cost_tkr: m.cost_tkr,
        }
    }
}

pub fn run(context: &Context, args: &StatusArgs) -> Result<ExitCode> {
    let inputs = Inputs::load(context, &args.roadmaps)?;
    let state = State::fold(&inputs.log.events);
    let filter = Filter::new(&args.filter);
    let roadmaps = inputs.select(&args.roadmaps)?;
    let shown = super::view::filtered_standings(&roadmaps, &state, inputs.today, &filter);
    let text = match args.format {
        Format::Json => {
            let json = StatusJson {
                today: inputs.today.to_string(),
                state: inputs.location.path.display().to_string(),
                roadmaps: shown
                    .iter()
                    .map(|(r, standings)| RoadmapJson {
                        id: &r.id,
                        title: &r.title,
                        summary: summarise(standings, inputs.today),
                        milestones: standings.iter().map(MilestoneJson::new).collect(),
                    })
                    .collect(),
            };
            super::json::to_string(&json)?
        }
        format => {
            let mut out: String = crate::parallel::map(&shown, |(roadmap, standings)| {
                roadmap_text(context, format, roadmap, standings, inputs.today)
            })
            .concat();
            let footer = format!("state: {} · today {}\n", inputs.location.describe(), inputs.today);
            out.push_str(&match format {
                Format::Markdown => format!("_{}_\n", footer.trim_end()),
                _ => context.terminal.paint(Style::Dim, &footer),
            });
            out
        }
    };
    emit(&text)?;
    Ok(ExitCode::Success)
}

fn summarise<'a>(standings: &'a [Standing<'a>], today: chrono::NaiveDate) -> Summary<'a> {
    let mut by_status = serde_json::Map::new();
    for status in Status::ALL {
        by_status.insert(
            status.as_str().into(),
            standings.iter().filter(|s| s.status == status).count().into(),
        );
    }
    let costs: Vec<(f64, bool)> = standings
        .iter()
        .filter_map(|s| s.milestone.cost_tkr.map(|c| (c.value(), s.status == Status::Done)))
        .collect();
    Summary {
        milestones: standings.len(),
        milestones_done: standings.iter().filter(|s| s.status == Status::Done).count(),
        steps: standings.iter().map(|s| s.progress.steps_total).sum(),
        steps_done: standings.iter().map(|s| s.progress.steps_done).sum(),
        by_status,
        overdue: standings.iter().filter(|s| s.status == Status::Overdue).count(),
        blocked: standings
            .iter()
            .filter(|s| s.status.is_open() && !s.blocked_by.is_empty())
            .count(),
        cost_tkr: (!costs.is_empty()).then(|| CostSummary {
            done: costs.iter().filter(|(_, done)| *done).map(|(c, _)| c).sum(),
            total: costs.iter().map(|(c, _)| c).sum(),
        }),
        next: next(standings, today).iter().map(|s| s.milestone.id.as_str()).collect(),
    }
}

/// The open milestones to look at first: overdue (longest overdue first), then
/// due, upcoming and ongoing, each soonest first.
fn next<'s, 'a>(standings: &'s [Standing<'a>], _today: chrono::NaiveDate) -> Vec<&'s Standing<'a>> {
    let mut open: Vec<&Standing> = standings
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                Status::Overdue | Status::Due | Status::Upcoming | Status::Ongoing
            )
        })
        .collect();
    open.sort_by_key(|s| {
        let due = s.milestone.due.as_ref();
        (
            s.status,
            due.and_then(crate::due::Due::end)
                .or_else(|| due.and_then(crate::due::Due::start)),
        )
    });
    open.truncate(NEXT);
    open
}

/// The colour of a status, the same in every view.
pub fn status_style(status: Status) -> Style {
    match status {
        Status::Done => Style::Green,
        Status::Skipped | Status::Undated => Style::Dim,
        Status::Overdue => Style::Red,
        Status::Due => Style::Yellow,
        Status::Upcoming => Style::Blue,
        Status::Ongoing => Style::Cyan,
    }
}

pub fn paint_status(context: &Context, status: Status) -> String {
    let style = status_style(status);
    context
        .terminal
        .paint(style, &format!("{} {}", status.symbol(), status.as_str()))
}

fn roadmap_text(
    context: &Context,
    format: Format,
    roadmap: &Roadmap,
    standings: &[Standing],
    today: chrono::NaiveDate,
) -> String {
    let summary = summarise(standings, today);
    let mut lines: Vec<(&str, String)> = Vec::new();
    let percent = |done: usize, total: usize| (done * 100 + total / 2).checked_div(total).unwrap_or(0);
    if summary.steps > 0 {
        lines.push((
            "steps",
            format!(
                "{} {:>3}/{} {:>3}%",
                bar(summary.steps_done, summary.steps, 24),
                summary.steps_done,
                summary.steps,
                percent(summary.steps_done, summary.steps)
            ),
        ));
    }
    lines.push((
        "milestones",
        format!(
            "{} {:>3}/{} {:>3}%",
            bar(summary.milestones_done, summary.milestones, 24),
            summary.milestones_done,
            summary.milestones,
            percent(summary.milestones_done, summary.milestones)
        ),
    ));
    let counts: Vec<String> = Status::ALL
        .iter()
        .filter_map(|status| {
            let n = standings.iter().filter(|s| s.status == *status).count();
            (n > 0).then(|| format!("{n} {}", status.as_str()))
        })
        .collect();
    lines.push(("status", counts.join(" · ")));
    lines.push(("overdue", summary.overdue.to_string()));
    if summary.blocked > 0 {
        lines.push(("blocked", summary.blocked.to_string()));
    }
    if let Some(cost) = &summary.cost_tkr {
        lines.push((
            "cost",
            format!(
                "{} of {} tkr done",
                crate::roadmap::format_amount(cost.done),
                crate::roadmap::format_amount(cost.total)
            ),
        ));
    }
    let mut out = String::new();
    match format {
        Format::Markdown => {
            out.push_str(&format!("## {} (`{}`)\n\n", cell(format, &roadmap.title), roadmap.id));
            for (key, value) in &lines {
                out.push_str(&format!("- **{key}**: {}\n", value.replace(['█', '░'], "").trim()));
            }
            out.push('\n');
        }
        _ => {
            out.push_str(&format!(
                "{} ({})\n",
                context.terminal.paint(Style::Bold, &sanitize(&roadmap.title)),
                roadmap.id
            ));
            for (key, value) in &lines {
                let value = if *key == "overdue" && summary.overdue > 0 {
                    context.terminal.paint(Style::Red, value)
                } else {
                    value.clone()
                };
                out.push_str(&format!("  {key:<11}{value}\n"));
            }
        }
    }
    let next = next(standings, today);
    if !next.is_empty() {
        let mut table = table_for(context, format);
        table.set_header(["NEXT", "MILESTONE", "DUE", "OWNER", "STEPS"]);
        for s in next {
            let mut title = s.milestone.title.to_string();
            if !s.blocked_by.is_empty() {
                title.push_str(&format!(" (blocked by {})", s.blocked_by.join(", ")));
            }
            table.add_row([
                if format == Format::Markdown {
                    format!("{} {}", s.status.symbol(), s.status.as_str())
                } else {
                    paint_status(context, s.status)
                },
                cell(format, &format!("{} {title}", s.milestone.id)),
                cell(format, &due_with_baseline(s)),
                cell(format, s.milestone.owner.as_deref().unwrap_or("")),
                if s.progress.steps_total > 0 {
                    format!("{}/{}", s.progress.steps_done, s.progress.steps_total)
                } else {
                    String::new()
                },
            ]);
        }
        out.push_str(&format!("{table}\n"));
    }
    out.push('\n');
    out
}

/// The due date as written, and where it started if it has moved: "2027-W23 (was 2027-W22)".
pub fn due_with_baseline(s: &Standing) -> String {
    let due = s.milestone.due.as_ref().map_or("", crate::due::Due::label);
    match &s.baseline {
        Some(baseline) => format!("{due} (was {baseline})"),
        None => due.to_string(),
    }
}
