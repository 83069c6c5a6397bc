//! The facts of the weekly status report, gathered once from the roadmaps and
//! the state; the binary renders them as Markdown, HTML, JSON or plain text.
//! Everything here is deterministic for the same roadmaps, state, period and today.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::address::Address;
use crate::due::Due;
use crate::roadmap::Roadmap;
use crate::state::{Mark, Op, State};
use crate::status::{Standing, Status, standings};

/// The days a report covers, inclusive.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The ISO year and week, when the period is one.
    #[serde(skip)]
    pub week: Option<(i32, u32)>,
}

impl Period {
    /// The ISO week that contains `day`.
    pub fn week_of(day: NaiveDate) -> Period {
        let week = day.iso_week();
        let start = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        Period {
            label: format!("{}-W{:02}", week.year(), week.week()),
            start,
            end: start + Duration::days(6),
            week: Some((week.year(), week.week())),
        }
    }

    pub fn since(start: NaiveDate, today: NaiveDate) -> Period {
        Period {
            label: format!("{start} – {today}"),
            start,
            end: today,
            week: None,
        }
    }

    fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// On track, at risk or late, by the rule in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    OnTrack,
    AtRisk,
    Late,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::OnTrack => "on track",
            Verdict::AtRisk => "at risk",
            Verdict::Late => "late",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub verdict: Verdict,
    /// The reason in English, for scripts (JSON does not change with the
    /// language); people read it from the counts below, in their language.
    pub reason: String,
    /// Milestones overdue, and how long the oldest of them has been.
    pub overdue: usize,
    pub oldest_days: i64,
    /// Milestones due within the horizon that are blocked or less than half done.
    pub at_risk: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DueDates {
    pub label: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl DueDates {
    fn new(due: &Due) -> DueDates {
        DueDates {
            label: due.label().to_string(),
            start: due.start(),
            end: due.end(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CostTotals {
    pub done: f64,
    pub total: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoadmapProgress {
    pub id: String,
    pub title: String,
    pub milestones: usize,
    pub milestones_done: usize,
    pub steps: usize,
    pub steps_done: usize,
    pub by_status: BTreeMap<&'static str, usize>,
    pub cost_tkr: Option<CostTotals>,
}

/// A milestone in a list of the report.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneItem {
    pub address: String,
    pub roadmap: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<DueDates>,
    /// The due date before the first reschedule; null when it never moved.
    pub baseline: Option<String>,
    pub status: Status,
    pub steps_done: usize,
    pub steps_total: usize,
    /// For overdue milestones: days since the due range ended.
    pub days_overdue: Option<i64>,
    /// For blocked milestones: the addresses of what they wait for.
    pub blocked_by: Vec<String>,
}

/// A change recorded in the period.
#[derive(Debug, Clone, Serialize)]
pub struct Happening {
    pub address: String,
    pub roadmap: String,
    pub title: String,
    pub by: String,
    pub day: NaiveDate,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnerLoad {
    pub owner: String,
    /// Open milestones without steps, and open steps, that are this owner's.
    pub open: usize,
    /// Of those, how many belong to overdue milestones.
    pub overdue: usize,
}

/// A dated milestone for the Gantt chart.
#[derive(Debug, Clone, Serialize)]
pub struct GanttTask {
    pub roadmap: String,
    pub id: String,
    pub title: String,
    pub status: Status,
    pub start: NaiveDate,
    /// Inclusive; for an open-ended range, the end of the report's horizon.
    pub end: NaiveDate,
    pub open_ended: bool,
}

/// A skip, a reopening or a move of a due date recorded in the period.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// "skip", "reopen" or "reschedule".
    pub op: &'static str,
    pub address: String,
    pub roadmap: String,
    pub title: String,
    pub by: String,
    pub day: NaiveDate,
    /// The reason given.
    pub note: Option<String>,
    /// For a reschedule: the due date before and after.
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The day the report is as of: the last day of the period, or today if
    /// the period has not ended yet. Only changes recorded on or before it count.
    pub today: NaiveDate,
    pub period: Period,
    pub horizon_weeks: u32,
    pub headline: Headline,
    pub roadmaps: Vec<RoadmapProgress>,
    pub done: Vec<Happening>,
    /// Milestones that became done in the period (by their own mark or by their last step).
    pub completed: Vec<Happening>,
    /// Skips, reopenings and moves of due dates in the period, with their reasons.
    pub changes: Vec<Changed>,
    pub coming_due: Vec<MilestoneItem>,
    pub overdue: Vec<MilestoneItem>,
    pub blocked: Vec<MilestoneItem>,
    pub open_by_owner: Vec<OwnerLoad>,
    pub notes: Vec<Happening>,
    pub timeline: Vec<GanttTask>,
}

/// The owner of work that names none, in the JSON; views say it in words.
pub const NO_OWNER: &str = "(no owner)";
/// The title of a change's target that the roadmap no longer has.
pub const GONE: &str = "(no longer in the roadmap)";

/// The day a report on `period` is as of, when it is made on `today`.
pub fn as_of(period: &Period, today: NaiveDate) -> NaiveDate {
    period.end.min(today)
}

impl Report {
    /// The report on `period` with `state` as it was on `today`, the day it
    /// is as of (`as_of`); fold the state with `State::fold_until` that day,
    /// so that a report on a past period comes out the same whenever it is made.
    pub fn build(
        roadmaps: &[&Roadmap],
        state: &State<'_>,
        today: NaiveDate,
        period: Period,
        horizon_weeks: u32,
    ) -> Report {
        let horizon = today + Duration::weeks(i64::from(horizon_weeks));
        let all: Vec<Standing> = roadmaps.iter().flat_map(|r| standings(r, state, today)).collect();
        let item = |s: &Standing| MilestoneItem {
            address: Address::milestone(&s.roadmap.id, &s.milestone.id).to_string(),
            roadmap: s.roadmap.id.clone(),
            title: s.milestone.title.clone(),
            owner: s.milestone.owner.clone(),
            due: s.due.as_ref().map(DueDates::new),
            baseline: s.baseline.clone(),
            status: s.status,
            steps_done: s.progress.steps_done,
            steps_total: s.progress.steps_total,
            days_overdue: s.days_overdue(today),
            blocked_by: s
                .blocked_by
                .iter()
                .map(|id| Address::milestone(&s.roadmap.id, id).to_string())
                .collect(),
        };
        let end_of = |s: &Standing| s.due.as_ref().and_then(Due::end);
        let start_of = |s: &Standing| s.due.as_ref().and_then(Due::start);

        let mut overdue: Vec<&Standing> = all.iter().filter(|s| s.status == Status::Overdue).collect();
        overdue.sort_by_key(|s| (end_of(s), s.roadmap.id.as_str()));
        let mut coming: Vec<&Standing> = all
            .iter()
            .filter(|s| match s.status {
                Status::Due => true,
                Status::Upcoming => start_of(s).is_some_and(|start| start <= horizon),
                _ => false,
            })
            .collect();
        coming.sort_by_key(|s| (end_of(s), start_of(s)));
        let blocked: Vec<&Standing> = all
            .iter()
            .filter(|s| s.status.is_open() && !s.blocked_by.is_empty())
            .collect();

        let headline = headline(&overdue, &coming, horizon, today);
        let mut by_roadmap: std::collections::HashMap<&str, Vec<&Standing>> = std::collections::HashMap::new();
        for s in &all {
            by_roadmap.entry(s.roadmap.id.as_str()).or_default().push(s);
        }
        let roadmap_progress = roadmaps
            .iter()
            .map(|r| progress(r, by_roadmap.get(r.id.as_str()).map_or(&[][..], Vec::as_slice)))
            .collect();
        let (done, notes, changes) = happenings(roadmaps, state, &period);
        let completed = completed(&all, state, &period);
        Report {
            today,
            period,
            horizon_weeks,
            headline,
            roadmaps: roadmap_progress,
            done,
            completed,
            changes,
            coming_due: coming.iter().map(|s| item(s)).collect(),
            overdue: overdue.iter().map(|s| item(s)).collect(),
            blocked: blocked.iter().map(|s| item(s)).collect(),
            open_by_owner: open_by_owner(&all),
            notes,
            timeline: timeline(&all, horizon),
        }
    }
}

/// Late when anything is overdue; at risk when something ending within the
/// horizon is blocked or has fewer than half its steps done; else on track.
fn headline(overdue: &[&Standing], coming: &[&Standing], horizon: NaiveDate, today: NaiveDate) -> Headline {
    if let Some(oldest) = overdue.first() {
        let days = oldest.days_overdue(today).unwrap_or(0);
        return Headline {
            verdict: Verdict::Late,
            reason: format!(
                "{} milestone{} overdue, the oldest by {days} day{}",
                overdue.len(),
                if overdue.len() == 1 { " is" } else { "s are" },
                if days == 1 { "" } else { "s" }
            ),
            overdue: overdue.len(),
            oldest_days: days,
            at_risk: 0,
        };
    }
    let at_risk: Vec<&&Standing> = coming
        .iter()
        .filter(|s| {
            s.milestone
                .due
                .as_ref()
                .and_then(Due::end)
                .is_some_and(|end| end <= horizon)
        })
        .filter(|s| {
            !s.blocked_by.is_empty()
                || (s.progress.steps_total > 0 && s.progress.steps_done * 2 < s.progress.steps_total)
        })
        .collect();
    if !at_risk.is_empty() {
        return Headline {
            verdict: Verdict::AtRisk,
            reason: format!(
                "nothing is overdue, but {} milestone{} due soon {} blocked or less than half done",
                at_risk.len(),
                if at_risk.len() == 1 { "" } else { "s" },
                if at_risk.len() == 1 { "is" } else { "are" }
            ),
            overdue: 0,
            oldest_days: 0,
            at_risk: at_risk.len(),
        };
    }
    Headline {
        verdict: Verdict::OnTrack,
        reason: "nothing is overdue, and nothing due soon is blocked or behind".into(),
        overdue: 0,
        oldest_days: 0,
        at_risk: 0,
    }
}

fn progress(roadmap: &Roadmap, mine: &[&Standing]) -> RoadmapProgress {
    let mut by_status = BTreeMap::new();
    for status in Status::ALL {
        by_status.insert(status.as_str(), mine.iter().filter(|s| s.status == status).count());
    }
    let costs: Vec<(f64, bool)> = mine
        .iter()
        .filter_map(|s| s.milestone.cost_tkr.map(|c| (c.value(), s.status == Status::Done)))
        .collect();
    RoadmapProgress {
        id: roadmap.id.clone(),
        title: roadmap.title.clone(),
        milestones: mine.len(),
        milestones_done: mine.iter().filter(|s| s.status == Status::Done).count(),
        steps: mine.iter().map(|s| s.progress.steps_total).sum(),
        steps_done: mine.iter().map(|s| s.progress.steps_done).sum(),
        by_status,
        cost_tkr: (!costs.is_empty()).then(|| CostTotals {
            done: costs.iter().filter(|(_, d)| *d).map(|(c, _)| c).sum(),
            total: costs.iter().map(|(c, _)| c).sum(),
        }),
    }
}

/// What was done in the period (and still is), the notes added in it, and the
/// skips, reopenings and moves recorded in it.
fn happenings(
    roadmaps: &[&Roadmap],
    state: &State<'_>,
    period: &Period,
) -> (Vec<Happening>, Vec<Happening>, Vec<Changed>) {
    let (mut done, mut notes, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    let by_id: std::collections::HashMap<&str, &Roadmap> = roadmaps.iter().map(|r| (r.id.as_str(), *r)).collect();
    for counted in &state.ordered {
        let (event, target) = (counted.event, counted.target.as_str());
        let Some(roadmap) = target.split('/').next().and_then(|id| by_id.get(id)) else {
            continue;
        };
        let happening = |day: NaiveDate| Happening {
            address: crate::address::shown(roadmap, target),
            roadmap: roadmap.id.clone(),
            title: roadmap.text_at(target).map_or_else(|| GONE.into(), str::to_string),
            by: event.by.clone(),
            day,
            note: event.note.clone(),
        };
        let last = state.get(target).and_then(|t| t.last);
        if event.op == Op::Done
            && period.contains(event.day())
            && state.mark(target) == Mark::Done
            && last.is_some_and(|l| l.id == event.id)
        {
            done.push(happening(event.day()));
        }
        if event.note.is_some() && period.contains(event.at.date_naive()) {
            notes.push(happening(event.at.date_naive()));
        }
        if matches!(event.op, Op::Skip | Op::Reopen | Op::Reschedule) && period.contains(event.at.date_naive()) {
            let h = happening(event.at.date_naive());
            changes.push(Changed {
                op: event.op.as_str(),
                address: h.address,
                roadmap: h.roadmap,
                title: h.title,
                by: h.by,
                day: h.day,
                note: h.note,
                from: event.from.clone(),
                to: event.to.clone(),
            });
        }
    }
    (done, notes, changes)
}

/// The milestones done now whose last change (its own mark, or a step's) was
/// made in the period: they were completed in it.
fn completed(all: &[Standing], state: &State<'_>, period: &Period) -> Vec<Happening> {
    let mut found: Vec<Happening> = all
        .iter()
        .filter(|s| s.status == Status::Done)
        .filter_map(|s| {
            let own = format!("{}/{}", s.roadmap.id, s.milestone.id);
            let steps = s
                .milestone
                .steps
                .iter()
                .map(|step| crate::address::step_target(&s.roadmap.id, &s.milestone.id, step));
            let last = std::iter::once(own.clone())
                .chain(steps)
                .filter_map(|t| state.get(&t).and_then(|t| t.last))
                .max_by_key(|e| (e.day(), e.at))?;
            period.contains(last.day()).then(|| Happening {
                address: own,
                roadmap: s.roadmap.id.clone(),
                title: s.milestone.title.clone(),
                by: last.by.clone(),
                day: last.day(),
                note: None,
            })
        })
        .collect();
    found.sort_by(|a, b| (a.day, &a.address).cmp(&(b.day, &b.address)));
    found
}

fn open_by_owner(all: &[Standing]) -> Vec<OwnerLoad> {
    let mut loads: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for s in all.iter().filter(|s| s.status.is_open()) {
        let overdue = usize::from(s.status == Status::Overdue);
        let milestone_owner = s.milestone.owner.clone().unwrap_or_else(|| NO_OWNER.into());
        if s.milestone.steps.is_empty() {
            let load = loads.entry(milestone_owner).or_default();
            load.0 += 1;
            load.1 += overdue;
            continue;
        }
        for (_, step) in s.open_steps() {
            let owner = step.owner.clone().unwrap_or_else(|| milestone_owner.clone());
            let load = loads.entry(owner).or_default();
            load.0 += 1;
            load.1 += overdue;
        }
    }
    loads
        .into_iter()
        .map(|(owner, (open, overdue))| OwnerLoad { owner, open, overdue })
        .collect()
}

fn timeline(all: &[Standing], horizon: NaiveDate) -> Vec<GanttTask> {
    all.iter()
        .filter_map(|s| {
            let due = s.due.as_ref()?;
            let start = due.start()?;
            Some(GanttTask {
                roadmap: s.roadmap.id.clone(),
                id: s.milestone.id.clone(),
                title: s.milestone.title.clone(),
                status: s.status,
                start,
                end: due.end().unwrap_or_else(|| horizon.max(start)),
                open_ended: due.end().is_none(),
            })
        })
        .collect()
}

/// Roadmap titles by id, for the renderers' section headings.
pub fn roadmap_title<'r>(report: &'r Report, id: &'r str) -> &'r str {
    report
        .roadmaps
        .iter()
        .find(|r| r.id == id)
        .map_or(id, |r| r.title.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_runs_monday_to_sunday() {
        // 2026-11-22 is a Sunday in ISO week 47; 2027-01-01 is a Friday in 2026-W53.
        let week = Period::week_of("2026-11-22".parse().unwrap());
        assert_eq!(
            (week.label.as_str(), week.start.to_string(), week.end.to_string()),
            ("2026-W47", "2026-11-16".into(), "2026-11-22".into())
        );
        let week = Period::week_of("2027-01-01".parse().unwrap());
        assert_eq!(
            (week.label.as_str(), week.start.to_string(), week.end.to_string()),
            ("2026-W53", "2026-12-28".into(), "2027-01-03".into())
        );
    }
}
