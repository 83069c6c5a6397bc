//! `roadmap status`: where each roadmap stands.

use foldhash::HashMap;

use roadmap_core::cost::{PlanCost, plan_cost};
use roadmap_core::due::Due;
use roadmap_core::portfolio::{self, Row};
use roadmap_core::roadmap::{Cost, Kind, Roadmap};
use roadmap_core::schedule::Baseline;
use roadmap_core::status::{Standing, Status, standings};
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::StatusArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::json::DueJson;
use crate::render::{
    Format, Style, Table, bar, cell, due_as_moved, headers, sanitize, status_count, status_text, wrap,
};

/// How many milestones "next" lists.
const NEXT: usize = 5;

#[derive(Serialize)]
struct StatusJson<'a> {
    today: String,
    state: String,
    /// One row per plan, by organisation: its light, progress, next and oldest overdue milestone.
    portfolio: &'a [Row],
    roadmaps: Vec<RoadmapJson<'a>>,
    /// The shipped roadmaps not shown because the user has roadmaps of their own.
    left_out: Vec<&'a str>,
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
    /// The plan's budget, what is spent and its forecast, in thousands.
    cost: PlanCost,
    next: Vec<&'a str>,
    /// Recorded changes to steps or milestones the roadmap no longer has.
    unmatched_changes: usize,
}

#[derive(Serialize)]
struct MilestoneJson<'a> {
    id: &'a str,
    title: &'a str,
    phase: Option<&'a str>,
    owner: Option<&'a str>,
    kind: Kind,
    due: Option<DueJson<'a>>,
    status: Status,
    /// The due date before the first reschedule; null when it never moved
    /// or had no date (`baseline_undated`).
    baseline: Option<&'a str>,
    /// It had no due date before its first move.
    baseline_undated: bool,
    blocked: bool,
    blocked_by: &'a [&'a str],
    steps_done: usize,
    steps_total: usize,
    cost_tkr: Option<Cost>,
}

impl<'a> MilestoneJson<'a> {
    fn new(s: &'a Standing<'a>) -> Self {
        let m = s.milestone;
        MilestoneJson {
            id: &m.id,
            title: &m.title,
            phase: m.phase.as_deref(),
            owner: m.owner.as_deref(),
            kind: m.kind,
            due: s.due.as_ref().map(DueJson::new),
            status: s.status,
            baseline: s.baseline.as_ref().and_then(Baseline::due).map(Due::label),
            baseline_undated: s.baseline == Some(Baseline::Undated),
            blocked: !s.blocked_by.is_empty(),
            blocked_by: &s.blocked_by,
            steps_done: s.progress.steps_done,
            steps_total: s.progress.steps_total,
            cost_tkr: m.cost_tkr,
        }
    }
}

pub fn run(context: &Context, args: &StatusArgs) -> Result<ExitCode> {
    let (catalog, read) = context.read()?;
    let state = read.fold(&catalog);
    let today = context.today();
    let scope = context.scope(&catalog, &args.roadmaps)?;
    let filter = context.filter(
        args.filter.owner.as_deref(),
        args.filter.phase.as_deref(),
        &scope.roadmaps,
    )?;
    // Changes that count for nothing, by roadmap: counted in one pass.
    let mut unmatched: HashMap<&str, usize> = HashMap::default();
    for change in state.unmatched() {
        *unmatched.entry(change.event.target.roadmap()).or_default() += 1;
    }
    // Each plan's standings and cost are worked out once: the portfolio's
    // lights read all of them, the view the milestones the filters keep.
    let all: Vec<(&Roadmap, Vec<Standing>, PlanCost)> = scope
        .roadmaps
        .iter()
        .map(|r| (*r, standings(r, &state, today), plan_cost(r, &state, today)))
        .collect();
    let rows = portfolio::rows(
        &all.iter()
            .map(|(r, standings, cost)| (*r, standings.as_slice(), cost))
            .collect::<Vec<_>>(),
        today,
        roadmap_core::report::DEFAULT_HORIZON_WEEKS,
        &context.lights,
    );
    let shown: Vec<(&Roadmap, Vec<Standing>, usize, PlanCost)> = all
        .into_iter()
        .map(|(r, standings, cost)| {
            let mine = standings
                .into_iter()
                .filter(|s| filter.milestone(r, s.milestone))
                .collect();
            (r, mine, unmatched.get(r.id.as_str()).copied().unwrap_or(0), cost)
        })
        .collect();
    let left_out: Vec<&str> = scope.left_out.iter().map(|r| r.id.as_str()).collect();
    // Plans for several organisations, none named: one line per plan.
    let overview = args.roadmaps.is_empty() && portfolio::is_portfolio(&scope.roadmaps);
    let text = match args.format {
        Format::Json => {
            let json = StatusJson {
                today: today.to_string(),
                state: read.location.path.display().to_string(),
                portfolio: &rows,
                roadmaps: shown
                    .iter()
                    .map(|(r, standings, unmatched, cost)| RoadmapJson {
                        id: &r.id,
                        title: &r.title,
                        summary: summarise(standings, *unmatched, cost.clone()),
                        milestones: standings.iter().map(MilestoneJson::new).collect(),
                    })
                    .collect(),
                left_out: left_out.clone(),
            };
            crate::render::json::to_string(&json)?
        }
        format if overview => {
            let language = &context.language;
            let counts = crate::render::portfolio::counts_sentence(language, portfolio::light_counts(&rows));
            let mut out = match format {
                Format::Markdown => format!("**{counts}**\n\n"),
                _ => format!("{}\n", context.terminal.paint(Style::Bold, &counts)),
            };
            out.push_str(&crate::render::portfolio::table_of(
                &context.terminal,
                language,
                format,
                &rows,
                context.year(),
            ));
            let footer = format!(
                "{}\n{}\n",
                t!(language, "portfolio-details"),
                t!(
                    language,
                    "status-footer",
                    state = crate::render::location(language, &read.location),
                    today = language.date(today)
                )
            );
            out.push_str(&match format {
                Format::Markdown => footer.lines().map(|l| format!("\n_{l}_\n")).collect(),
                _ => context.terminal.paint(Style::Dim, &footer),
            });
            out
        }
        format => {
            // Each plan written as it is made: a portfolio's page is never
            // held whole, nor copied into fresh memory each time it grows.
            let mut out = context.terminal.stream();
            for (roadmap, standings, unmatched, cost) in &shown {
                out.put(&roadmap_text(
                    context,
                    format,
                    roadmap,
                    standings,
                    &summarise(standings, *unmatched, cost.clone()),
                ))?;
            }
            let language = &context.language;
            let mut footer = String::new();
            if !left_out.is_empty() {
                let note = t!(
                    language,
                    "status-left-out",
                    roadmaps = left_out.join(", "),
                    first = left_out[0]
                );
                if format == Format::Markdown {
                    footer.push_str(&note);
                } else {
                    footer.push_str(&wrap(&note, usize::from(context.terminal.width), 0, 2));
                }
                footer.push('\n');
            }
            footer.push_str(&t!(
                language,
                "status-footer",
                state = crate::render::location(language, &read.location),
                today = language.date(today)
            ));
            footer.push('\n');
            out.put(&match format {
                Format::Markdown => footer.lines().map(|l| format!("_{l}_\n")).collect(),
                _ => context.terminal.paint(Style::Dim, &footer),
            })?;
            return out.finish().map(|()| ExitCode::Success);
        }
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}

fn summarise<'a>(standings: &'a [Standing<'a>], unmatched_changes: usize, cost: PlanCost) -> Summary<'a> {
    let mut by_status = serde_json::Map::new();
    for status in Status::ALL {
        by_status.insert(
            status.as_str().into(),
            standings.iter().filter(|s| s.status == status).count().into(),
        );
    }
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
        cost,
        next: next(standings).iter().map(|s| s.milestone.id.as_str()).collect(),
        unmatched_changes,
    }
}

/// The open milestones to look at first: overdue (longest overdue first), then
/// due, upcoming and ongoing, each soonest first.
fn next<'s, 'a>(standings: &'s [Standing<'a>]) -> Vec<&'s Standing<'a>> {
    let mut open: Vec<&Standing> = standings
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                Status::Overdue | Status::Due | Status::Upcoming | Status::Ongoing
            )
        })
        .collect();
    open.sort_by_key(|s| (s.status, s.due.as_ref().and_then(Due::anchor)));
    open.truncate(NEXT);
    open
}

fn roadmap_text(
    context: &Context,
    format: Format,
    roadmap: &Roadmap,
    standings: &[Standing],
    summary: &Summary<'_>,
) -> String {
    let language = &context.language;
    let unmatched = summary.unmatched_changes;
    let mut lines: Vec<(String, String)> = Vec::new();
    let percent = |done: usize, total: usize| (done * 100 + total / 2).checked_div(total).unwrap_or(0);
    if summary.steps > 0 {
        lines.push((
            t!(language, "status-label-steps"),
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
        t!(language, "status-label-milestones"),
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
            (n > 0).then(|| status_count(language, *status, n))
        })
        .collect();
    lines.push((t!(language, "status-label-status"), counts.join(" · ")));
    let overdue_label = t!(language, "status-label-overdue");
    lines.push((overdue_label.clone(), summary.overdue.to_string()));
    if summary.blocked > 0 {
        lines.push((t!(language, "status-label-blocked"), summary.blocked.to_string()));
    }
    let cost = &summary.cost;
    let money: Vec<String> = [
        cost.budget
            .map(|b| t!(language, "status-cost-budget", amount = language.amount(b))),
        cost.spent
            .map(|s| t!(language, "cost-field-spent", amount = language.amount(s))),
        cost.forecast
            .map(|f| t!(language, "cost-field-forecast", amount = language.amount(f))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !money.is_empty() {
        lines.push((t!(language, "status-label-cost"), money.join(" · ")));
    }
    if unmatched > 0 {
        lines.push((
            t!(language, "status-label-unmatched"),
            t!(language, "status-unmatched", count = unmatched),
        ));
    }
    let label_width = lines.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0) + 1;
    let mut out = String::new();
    if format == Format::Markdown {
        out.push_str(&format!("## {} (`{}`)\n\n", cell(format, &roadmap.title), roadmap.id));
        for (key, value) in &lines {
            out.push_str(&format!("- **{key}**: {}\n", value.replace(['█', '░'], "").trim()));
        }
        out.push('\n');
    } else {
        out.push_str(&format!(
            "{} ({})\n",
            context.terminal.paint(Style::Bold, &sanitize(&roadmap.title)),
            roadmap.id
        ));
        for (key, value) in &lines {
            let value = if *key == overdue_label && summary.overdue > 0 {
                context.terminal.paint(Style::Red, value)
            } else {
                value.clone()
            };
            out.push_str(&format!("  {key:<label_width$}{value}\n"));
        }
    }
    let next = next(standings);
    if !next.is_empty() {
        let mut table = Table::new(&context.terminal, format);
        table.set_header(headers(
            language,
            format,
            ["col-next", "col-milestone", "col-due", "col-owner", "col-steps"],
        ));
        for s in next {
            let mut title = s.milestone.title.clone();
            if !s.blocked_by.is_empty() {
                title.push(' ');
                title.push_str(&t!(
                    language,
                    "blocked-by-paren",
                    milestones = crate::render::titles_of(s.roadmap, &s.blocked_by)
                ));
            }
            table.add_row([
                status_text(&context.terminal, language, format, s.status),
                crate::render::titled(&context.terminal, format, &title, &s.milestone.id),
                cell(
                    format,
                    &due_as_moved(language, s.due.as_ref(), s.baseline.as_ref(), context.year()),
                ),
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
