//! The facts of the weekly status report for a steering group, gathered once
//! from the roadmaps and the state; the binary renders them as Markdown, HTML,
//! JSON or plain text. `lights.rs` decides the traffic lights, `people.rs`
//! who is waiting on whom and what blocks the plan. Everything here is
//! deterministic for the same roadmaps, state, period and today.

pub mod lights;
pub mod people;

use foldhash::{HashMap, HashSet};
use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::address::Address;
use crate::config::LightRule;
use crate::cost::{PlanCost, plan_cost};
use crate::due::Due;
use crate::filter::Filter;
use crate::parties::SharesOnce;
use crate::portfolio;
use crate::risk::Risk;
use crate::roadmap::{Kind, Roadmap};
use crate::schedule::Baseline;
use crate::state::{Mark, Op, RiskFields, State};
use crate::status::{Standing, Status, StatusCounts, standings};
use crate::target::Target;
use lights::{AtRisk, Dimension, Light, Named, PlanLights};
use people::{Blocker, Dependents, PartyLoad};

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

/// The report's verdict and what it rests on; the renderers word it.
#[derive(Debug, Clone, Serialize)]
pub struct Headline<'r> {
    pub verdict: Verdict,
    /// The light the verdict follows: the worst, what it measures, and whose.
    pub worst: Option<WorstLight>,
    /// Milestones overdue, and how long the oldest of them has been.
    pub overdue: usize,
    pub oldest_days: i64,
    /// The milestone overdue the longest.
    pub oldest: Option<Named<'r>>,
    /// Milestones due within the horizon that are blocked or behind.
    pub at_risk: usize,
    /// Decisions due whose prerequisites are overdue or at risk.
    pub threatened: Vec<Threatened>,
    /// The plans whose light is not green, the worst first, with the
    /// milestones behind each (at most three named).
    pub plans: Vec<HeadlinePlan>,
}

/// The worst light of the report.
#[derive(Debug, Clone, Serialize)]
pub struct WorstLight {
    pub light: Light,
    pub dimension: Dimension,
    pub roadmap: String,
    pub title: String,
}

/// A decision whose prerequisites are late.
#[derive(Debug, Clone, Serialize)]
pub struct Threatened {
    pub address: String,
    pub title: String,
    #[serde(serialize_with = "crate::due::serialize_dates")]
    pub due: Option<Due>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeadlinePlan {
    pub roadmap: String,
    pub title: String,
    pub light: Light,
    pub milestones: Vec<String>,
    /// The same milestones' titles.
    pub titles: Vec<String>,
    /// How many more milestones are behind the light than are named.
    pub more: usize,
}

/// A decision the steering group is asked to take: a gate due soon or overdue.
#[derive(Debug, Clone, Serialize)]
pub struct Decision<'r> {
    pub item: MilestoneItem<'r>,
    /// What is to be decided: the gate's done-criteria, else its description.
    pub criteria: Option<String>,
    /// The decision proposed, when the plan gives one (`proposal`).
    pub proposal: Option<String>,
    /// What it waits for (its `depends_on`), each as it stands.
    pub prerequisites: Vec<MilestoneItem<'r>>,
    /// Whether a prerequisite is overdue or at risk.
    pub threatened: bool,
    /// The unfinished milestones that wait on it, directly or through others.
    pub waiting: Vec<String>,
    /// The same, with their titles.
    pub behind: Vec<Named<'r>>,
}

/// What kind of deviation from the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationKind {
    /// A due date moved.
    Moved,
    /// Marked not applicable.
    Skipped,
    /// Done work opened again.
    Reopened,
    /// The due date ended in the period with the work not done.
    BecameOverdue,
}

/// Something that went off the plan in the period: its cause (the note)
/// and its consequence (what waits behind it).
#[derive(Debug, Clone, Serialize)]
pub struct Deviation<'r> {
    pub kind: DeviationKind,
    pub address: String,
    pub roadmap: String,
    pub title: String,
    /// For a step, its milestone's title.
    pub milestone_title: Option<String>,
    /// Who recorded it (none for a milestone that became overdue).
    pub by: Option<String>,
    pub day: NaiveDate,
    /// The reason given.
    pub note: Option<String>,
    /// For a move: from and to, as written, and how many days the end moved.
    pub from: Option<String>,
    pub to: Option<String>,
    pub days: Option<i64>,
    /// The same from and to, read in the plan's year.
    #[serde(skip)]
    pub moved: Option<(Option<Due>, Due)>,
    /// The unfinished milestones that wait on it.
    pub behind: Vec<Named<'r>>,
}

/// How a moved milestone's planned date changed over time, for the trend chart.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub address: String,
    pub title: String,
    /// The end the plan first had (before the first move), when it had one.
    pub baseline_end: Option<NaiveDate>,
    /// (day the plan said so, the end it was planned to), oldest first; the
    /// first point is the baseline, as it stood until the day of the first move.
    pub points: Vec<(NaiveDate, NaiveDate)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoadmapProgress {
    pub id: String,
    pub title: String,
    pub milestones: usize,
    pub milestones_done: usize,
    pub steps: usize,
    pub steps_done: usize,
    pub by_status: StatusCounts,
}

/// A plan's money: its budget, what it has cost so far, what it is expected
/// to cost, and the budget of its late milestones (exposure, never a light).
#[derive(Debug, Clone, Serialize)]
pub struct PlanBudget<'r> {
    pub roadmap: String,
    pub title: String,
    #[serde(flatten)]
    pub cost: PlanCost,
    /// The budget (`cost_tkr`) of the open milestones that are overdue or
    /// late against their baseline.
    pub exposure_tkr: f64,
    pub exposed: Vec<Named<'r>>,
}

/// A milestone in a list of the report.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneItem<'r> {
    pub address: String,
    pub roadmap: &'r str,
    pub title: &'r str,
    pub owner: Option<String>,
    #[serde(serialize_with = "crate::due::serialize_dates")]
    pub due: Option<Due>,
    /// The due date before the first reschedule; null when it never moved
    /// or had no date (`baseline_undated`).
    #[serde(serialize_with = "crate::schedule::baseline_label")]
    pub baseline: Option<Baseline>,
    /// It had no due date before its first move.
    pub baseline_undated: bool,
    pub status: Status,
    pub steps_done: usize,
    pub steps_total: usize,
    /// For overdue milestones: days since the due range ended.
    pub days_overdue: Option<i64>,
    /// For blocked milestones: the addresses of what they wait for.
    pub blocked_by: Vec<String>,
    /// The owners of its open steps, for a milestone without an owner of its own.
    pub step_owners: Vec<String>,
    /// A decision point.
    pub gate: bool,
    /// Due within the look-ahead and blocked or behind: which.
    pub at_risk: Option<AtRisk<'r>>,
}

/// A change recorded in the period.
#[derive(Debug, Clone, Serialize)]
pub struct Happening {
    pub address: String,
    pub roadmap: String,
    pub title: String,
    /// For a step, its milestone's title.
    pub milestone_title: Option<String>,
    pub by: String,
    /// The day it happened: for work done, the day it was done (`--at`).
    pub day: NaiveDate,
    /// The day it was recorded (UTC), which puts it in a period.
    pub recorded: NaiveDate,
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

/// A dated milestone for the Gantt chart; its text is the plan's, lent.
#[derive(Debug, Clone, Serialize)]
pub struct GanttTask<'r> {
    pub roadmap: &'r str,
    pub id: &'r str,
    pub title: &'r str,
    pub status: Status,
    pub start: NaiveDate,
    /// Inclusive; for an open-ended range, the end of the report's horizon.
    pub end: NaiveDate,
    pub open_ended: bool,
    pub phase: Option<&'r str>,
    pub phase_title: Option<&'r str>,
    pub gate: bool,
    /// Where the bar was first planned, when the milestone has moved.
    pub baseline: Option<(NaiveDate, NaiveDate)>,
}

/// A skip, a reopening or a move of a due date recorded in the period.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// `skip`, `reopen` or `reschedule`.
    pub op: Op,
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

/// A change to a risk recorded in the period: what it set, and why.
#[derive(Debug, Clone, Serialize)]
pub struct RiskChange {
    pub id: String,
    pub roadmap: String,
    /// The risk's text as it stands.
    pub text: String,
    pub by: String,
    pub day: NaiveDate,
    /// What the change set (only what it changed).
    pub set: RiskFields,
    /// The likelihood and impact before it, when it changed them.
    pub likelihood_before: Option<u8>,
    pub impact_before: Option<u8>,
    pub note: Option<String>,
    /// It added the risk.
    pub added: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report<'r> {
    /// The day the report is as of: the last day of the period, or today if
    /// the period has not ended yet. Only changes recorded on or before it count.
    pub today: NaiveDate,
    pub period: Period,
    pub horizon_weeks: u32,
    pub headline: Headline<'r>,
    /// The project lead's assessment of the period, as written (Markdown).
    pub assessment: Option<String>,
    pub roadmaps: Vec<RoadmapProgress>,
    pub done: Vec<Happening>,
    /// Milestones that became done in the period (by their own mark or by their last step).
    pub completed: Vec<Happening>,
    /// Skips, reopenings and moves of due dates in the period, with their reasons.
    pub changes: Vec<Changed>,
    /// Milestones due now, and those whose deadline falls within the look-ahead.
    pub coming_due: Vec<MilestoneItem<'r>>,
    pub overdue: Vec<MilestoneItem<'r>>,
    pub blocked: Vec<MilestoneItem<'r>>,
    pub open_by_owner: Vec<OwnerLoad>,
    pub notes: Vec<Happening>,
    pub timeline: Vec<GanttTask<'r>>,
    /// The filters the report was made with (`--owner`, `--phase`).
    pub owner: Option<String>,
    pub phase: Option<String>,
    pub lights: Vec<PlanLights<'r>>,
    pub budgets: Vec<PlanBudget<'r>>,
    pub decisions: Vec<Decision<'r>>,
    pub deviations: Vec<Deviation<'r>>,
    /// Open risks, the most severe first; those opened and closed in the period.
    pub risks: Vec<Risk>,
    pub risks_opened: Vec<Risk>,
    pub risks_closed: Vec<Risk>,
    /// Every change to a risk recorded in the period, with its note.
    pub risk_changes: Vec<RiskChange>,
    /// Each party's work and what the others wait on it for.
    pub parties: Vec<PartyLoad<'r>>,
    /// The unfinished milestones at the root of the blocked chains.
    pub blockers: Vec<Blocker<'r>>,
    pub trends: Vec<Trend>,
    /// With plans for more than one organisation (a supplier's customers):
    /// one row per plan, by organisation; empty otherwise.
    pub portfolio: Vec<portfolio::Row>,
    /// The organisations by the worst light of their plans, with `portfolio`.
    pub customers: Option<portfolio::LightCounts>,
}

/// The owner of work that names none, in the JSON; views say it in words.
pub const NO_OWNER: &str = "(no owner)";
/// The title of a change's target that the roadmap no longer has.
pub const GONE: &str = "(no longer in the roadmap)";

/// The day a report on `period` is as of, when it is made on `today`.
pub fn as_of(period: &Period, today: NaiveDate) -> NaiveDate {
    period.end.min(today)
}

/// How many weeks ahead "coming due" and "at risk" look, unless asked otherwise.
pub const DEFAULT_HORIZON_WEEKS: u32 = 4;

/// What a report is made with besides the roadmaps and the state.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    pub horizon_weeks: u32,
    /// Only the milestones and steps `--owner` and `--phase` let through.
    pub filter: Filter<'a>,
    pub owner: Option<&'a str>,
    pub phase: Option<&'a str>,
    pub lights: LightRule,
    /// The project lead's assessment of the period, as written.
    pub assessment: Option<&'a str>,
}

/// What a report reads from the state: each milestone's standing, the plans'
/// money, and what happened. Gathered first (`Report::gather`), so that the
/// state, a national portfolio's hundred thousand changes and their fold, can
/// be let go before the report's own lists are made (`Gathered::report`).
pub struct Gathered<'g, 'r> {
    /// What it was gathered for, which the report is made for too.
    roadmaps: &'g [&'r Roadmap],
    today: NaiveDate,
    period: Period,
    options: Options<'g>,
    /// Every milestone's standing, roadmap by roadmap, the filter's or not.
    everything: Vec<Standing<'r>>,
    costs: Vec<PlanCost>,
    done: Vec<Happening>,
    notes: Vec<Happening>,
    changes: Vec<Changed>,
    completed: Vec<Happening>,
    risks: Vec<Risk>,
    risk_changes: Vec<RiskChange>,
    trends: Vec<Trend>,
}

/// The standings the filter lets through.
fn filtered<'s, 'r>(everything: &'s [Standing<'r>], filter: &Filter) -> Vec<&'s Standing<'r>> {
    everything
        .iter()
        .filter(|s| filter.milestone(s.roadmap, s.milestone))
        .collect()
}

impl<'r> Report<'r> {
    /// What the report on `period` reads from `state` as it was on `today`,
    /// the day it is as of (`as_of`); fold the state with `State::fold_until`
    /// that day, so that a report on a past period comes out the same
    /// whenever it is made.
    pub fn gather<'g>(
        roadmaps: &'g [&'r Roadmap],
        state: &State<'_>,
        today: NaiveDate,
        period: Period,
        options: Options<'g>,
    ) -> Gathered<'g, 'r> {
        let filter = &options.filter;
        // Sized once: grown by doubling, a national portfolio's standings
        // were copied into fresh memory at every doubling.
        let mut everything: Vec<Standing> = Vec::with_capacity(roadmaps.iter().map(|r| r.milestones.len()).sum());
        for roadmap in roadmaps {
            everything.extend(standings(roadmap, state, today));
        }
        let all = filtered(&everything, filter);
        let costs: Vec<PlanCost> = roadmaps.iter().map(|r| plan_cost(r, state, today)).collect();
        // A change is in scope when it is to a milestone shown, or to one of its steps.
        // Each milestone shown by its roadmap's id and its own: no target
        // made per milestone to be asked about a few changes.
        let shown: HashSet<(&str, &str)> = all
            .iter()
            .map(|s| (s.roadmap.id.as_str(), s.milestone.id.as_str()))
            .collect();
        let in_scope = |target: &Target| {
            target
                .milestone_id()
                .is_some_and(|m| shown.contains(&(target.roadmap(), m)))
        };
        let (done, notes, changes) = happenings(roadmaps, state, &period, &in_scope);
        let completed = completed(&all, state, &period);
        let risks: Vec<Risk> = crate::risk::risks(state)
            .into_iter()
            .filter(|r| roadmaps.iter().any(|m| m.id == r.roadmap))
            .filter(|r| {
                options.phase.is_none()
                    || r.milestone
                        .as_ref()
                        .is_some_and(|m| in_scope(&Target::milestone(&r.roadmap, m)))
            })
            .filter(|r| options.owner.is_none() || filter.owns(roadmap_of(roadmaps, &r.roadmap), r.owner.as_deref()))
            .collect();
        let risk_changes = risk_changes(state, &risks, &period);
        let trends = trends(&all, state);
        Gathered {
            roadmaps,
            today,
            period,
            options,
            everything,
            costs,
            done,
            notes,
            changes,
            completed,
            risks,
            risk_changes,
            trends,
        }
    }
}

impl<'r> Gathered<'_, 'r> {
    /// The report that was gathered for.
    pub fn report(self) -> Report<'r> {
        let (roadmaps, today, period, options) = (self.roadmaps, self.today, self.period, &self.options);
        let horizon_weeks = options.horizon_weeks;
        let filter = &options.filter;
        let horizon = today + Duration::weeks(i64::from(horizon_weeks));
        let all = filtered(&self.everything, filter);
        // Open work, for the lists of what is late and what comes: with
        // `--owner`, only work the owner has an open part in.
        let open: Vec<&Standing> = all.iter().copied().filter(|s| filter.has_open_work(s)).collect();
        // Each owner's words read against `[parties]` once for the whole
        // report: the lists of milestones, the decisions, the loads and the
        // root blockers all ask.
        let mut once = SharesOnce::default();
        let end_of = |s: &Standing| s.due.as_ref().and_then(Due::end);

        let mut overdue: Vec<&Standing> = open.iter().copied().filter(|s| s.status == Status::Overdue).collect();
        overdue.sort_by_key(|s| (end_of(s), s.roadmap.id.as_str()));
        // Coming due: its deadline falls within the look-ahead. A range that
        // has begun but ends after it ("VT2027" in February) is not coming
        // due yet; the ones due now are among these, marked so.
        let mut coming: Vec<&Standing> = open
            .iter()
            .copied()
            .filter(|s| {
                matches!(s.status, Status::Due | Status::Upcoming) && end_of(s).is_some_and(|end| end <= horizon)
            })
            .collect();
        coming.sort_by_key(|s| (end_of(s), s.roadmap.id.as_str()));
        let blocked: Vec<&Standing> = open.iter().copied().filter(|s| !s.blocked_by.is_empty()).collect();
        // Each plan's milestones, grouped once: a national portfolio has a thousand plans.
        let mut by_plan: HashMap<&str, Vec<&Standing>> = HashMap::default();
        for s in all.iter().filter(|s| !s.status.is_open() || filter.has_open_work(s)) {
            by_plan.entry(s.roadmap.id.as_str()).or_default().push(*s);
        }
        let mine = |r: &Roadmap| by_plan.get(r.id.as_str()).cloned().unwrap_or_default();
        let lights: Vec<PlanLights> = roadmaps
            .iter()
            .zip(&self.costs)
            .map(|(r, cost)| lights::plan_lights(&r.id, &r.title, &mine(r), cost, today, horizon, &options.lights))
            .collect();
        let behind = Dependents::new(&all);
        let decisions = decisions(&all, &behind, today, horizon, filter, &mut once);
        let headline = headline(&overdue, &coming, &lights, &decisions, today, horizon);
        let roadmap_progress = roadmaps.iter().map(|r| progress(r, &mine(r))).collect();
        let budgets = roadmaps
            .iter()
            .zip(self.costs)
            .filter(|(_, cost)| cost.budget.is_some() || cost.spent.is_some() || cost.forecast.is_some())
            .map(|(r, cost)| budget(r, cost, &mine(r)))
            .collect();
        let deviations = deviations(&self.changes, &all, &behind, roadmaps, &period, today);
        let mut open_risks: Vec<Risk> = self.risks.iter().filter(|r| !r.closed).cloned().collect();
        open_risks.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.opened_on.cmp(&b.opened_on)));
        let risks_opened = self
            .risks
            .iter()
            .filter(|r| period.contains(r.opened_on))
            .cloned()
            .collect();
        let risks_closed = self
            .risks
            .iter()
            .filter(|r| r.closed_on.is_some_and(|d| period.contains(d)))
            .cloned()
            .collect();
        let portfolio = if portfolio::is_portfolio(roadmaps) {
            portfolio::sorted(
                roadmaps
                    .iter()
                    .zip(&lights)
                    .map(|(r, l)| portfolio::row(r, &mine(r), l.overall))
                    .collect(),
            )
        } else {
            Vec::new()
        };
        let customers = (!portfolio.is_empty()).then(|| portfolio::light_counts(&portfolio));
        let parties: Vec<PartyLoad> = people::loads(&all, filter, &mut once)
            .into_iter()
            .filter(|load| filter.is_party(roadmap_of(roadmaps, &load.roadmap), &load.party))
            .collect();
        let mut items = |list: &[&Standing<'r>]| -> Vec<MilestoneItem<'r>> {
            list.iter()
                .map(|s| milestone_item(s, filter, today, horizon, &mut once))
                .collect()
        };
        let coming_due = items(&coming);
        let overdue_items = items(&overdue);
        let blocked = items(&blocked);
        Report {
            today,
            period,
            horizon_weeks,
            headline,
            assessment: options.assessment.map(str::to_string),
            roadmaps: roadmap_progress,
            done: self.done,
            completed: self.completed,
            changes: self.changes,
            coming_due,
            overdue: overdue_items,
            blocked,
            open_by_owner: open_by_owner(&parties),
            notes: self.notes,
            timeline: timeline(&all, horizon),
            owner: options.owner.map(str::to_string),
            phase: options.phase.map(str::to_string),
            lights,
            budgets,
            decisions,
            deviations,
            risks: open_risks,
            risks_opened,
            risks_closed,
            risk_changes: self.risk_changes,
            blockers: people::root_blockers(&open, filter, &mut once),
            parties,
            trends: self.trends,
            portfolio,
            customers,
        }
    }
}

fn roadmap_of<'r>(roadmaps: &[&'r Roadmap], id: &str) -> &'r Roadmap {
    roadmaps.iter().find(|r| r.id == id).copied().unwrap_or(roadmaps[0])
}

fn milestone_item<'r>(
    s: &Standing<'r>,
    filter: &Filter,
    today: NaiveDate,
    horizon: NaiveDate,
    once: &mut SharesOnce<'r>,
) -> MilestoneItem<'r> {
    let mut step_owners: Vec<String> = Vec::new();
    if s.milestone.owner.is_none() {
        // Each party once, as `[parties]` names it ("Kund mha ITSL" is Kund
        // and ITSL, "Gemensam" the parties it stands for).
        for owner in people::open_work(s, filter).flatten() {
            for share in once.of(s.roadmap, owner) {
                if !step_owners.contains(&share.party) {
                    step_owners.push(share.party.clone());
                }
            }
        }
    }
    MilestoneItem {
        address: s.address().to_string(),
        roadmap: &s.roadmap.id,
        title: &s.milestone.title,
        owner: s
            .milestone
            .owner
            .as_deref()
            .map(|o| once.shown(s.roadmap, o).to_string()),
        due: s.due.clone(),
        baseline: s.baseline.clone(),
        baseline_undated: s.baseline == Some(Baseline::Undated),
        status: s.status,
        steps_done: s.progress.steps_done,
        steps_total: s.progress.steps_total,
        days_overdue: s.days_overdue,
        blocked_by: s
            .blocked_by
            .iter()
            .map(|id| Address::milestone(&s.roadmap.id, id).to_string())
            .collect(),
        step_owners,
        gate: s.milestone.kind == Kind::Gate,
        at_risk: lights::at_risk(s, today, horizon),
    }
}

/// The verdict is the worst plan's light: red is late, yellow at risk.
fn headline<'r>(
    overdue: &[&Standing<'r>],
    coming: &[&Standing<'r>],
    lights: &[PlanLights<'r>],
    decisions: &[Decision<'r>],
    today: NaiveDate,
    horizon: NaiveDate,
) -> Headline<'r> {
    // Of plans with the same light, the one furthest behind.
    let behind = |l: &PlanLights| l.time.causes.first().map_or(0, |c| c.late_days);
    let worst_plan = lights.iter().filter(|l| l.overall != Light::Green).max_by(|a, b| {
        a.overall
            .cmp(&b.overall)
            .then_with(|| behind(a).cmp(&behind(b)))
            .then_with(|| b.roadmap.cmp(&a.roadmap))
    });
    let verdict = match worst_plan.map(|l| l.overall) {
        Some(Light::Red) => Verdict::Late,
        Some(Light::Yellow) => Verdict::AtRisk,
        _ => Verdict::OnTrack,
    };
    let worst = worst_plan.map(|l| WorstLight {
        light: l.overall,
        dimension: l.worst(),
        roadmap: l.roadmap.clone(),
        title: l.title.clone(),
    });
    let mut plans: Vec<HeadlinePlan> = lights
        .iter()
        .filter(|l| l.overall != Light::Green)
        .map(|l| {
            let named: Vec<&lights::Cause> = l.time.causes.iter().take(3).collect();
            HeadlinePlan {
                roadmap: l.roadmap.clone(),
                title: l.title.clone(),
                light: l.overall,
                milestones: named.iter().map(|c| c.address.clone()).collect(),
                titles: named.iter().map(|c| c.title.to_string()).collect(),
                more: l.time.causes.len().saturating_sub(3),
            }
        })
        .collect();
    plans.sort_by_key(|p| std::cmp::Reverse(p.light));
    let oldest = overdue
        .iter()
        .max_by_key(|s| (s.days_overdue, std::cmp::Reverse(s.address())))
        .copied();
    let at_risk = coming
        .iter()
        .filter(|s| lights::at_risk(s, today, horizon).is_some())
        .count();
    Headline {
        verdict,
        worst,
        overdue: overdue.len(),
        oldest_days: oldest.and_then(|s| s.days_overdue).unwrap_or(0),
        oldest: oldest.map(|s| Named {
            address: s.address().to_string(),
            title: &s.milestone.title,
        }),
        at_risk,
        threatened: decisions
            .iter()
            .filter(|d| d.threatened)
            .map(|d| Threatened {
                address: d.item.address.clone(),
                title: d.item.title.to_string(),
                due: d.item.due.clone(),
            })
            .collect(),
        plans,
    }
}

/// Gates that are open and overdue, due now, or with their deadline within
/// the horizon: what each waits for, how that stands, and what waits on it.
fn decisions<'r>(
    all: &[&Standing<'r>],
    behind: &Dependents<'_, 'r>,
    today: NaiveDate,
    horizon: NaiveDate,
    filter: &Filter,
    once: &mut SharesOnce<'r>,
) -> Vec<Decision<'r>> {
    let by_id = by_id(all);
    let mut out: Vec<Decision> = all
        .iter()
        .filter(|s| s.milestone.kind == Kind::Gate && s.status.is_open())
        .filter(|s| {
            matches!(s.status, Status::Overdue | Status::Due | Status::Ongoing)
                || s.due.as_ref().and_then(Due::end).is_some_and(|end| end <= horizon)
        })
        .map(|s| {
            let prerequisites: Vec<MilestoneItem> = s
                .milestone
                .depends_on
                .iter()
                .filter_map(|id| by_id.get(&(s.roadmap.id.as_str(), id.as_str())))
                .map(|p| milestone_item(p, filter, today, horizon, once))
                .collect();
            let threatened = prerequisites
                .iter()
                .any(|p| p.status == Status::Overdue || p.at_risk.is_some());
            let waiting = behind.behind(s);
            Decision {
                item: milestone_item(s, filter, today, horizon, once),
                criteria: s.milestone.criteria.clone().or_else(|| s.milestone.description.clone()),
                proposal: s.milestone.proposal.clone(),
                prerequisites,
                threatened,
                behind: named(&waiting),
                waiting: waiting.into_keys().collect(),
            }
        })
        .collect();
    out.sort_by_key(|d| (d.item.due.as_ref().and_then(Due::end), d.item.address.clone()));
    out
}

/// The milestones by roadmap and id.
fn by_id<'s, 'r>(all: &[&'s Standing<'r>]) -> HashMap<(&'s str, &'s str), &'s Standing<'r>> {
    all.iter()
        .map(|s| ((s.roadmap.id.as_str(), s.milestone.id.as_str()), *s))
        .collect()
}

/// Milestones by address (as `Dependents::behind` finds them), with their titles.
fn named<'r>(milestones: &BTreeMap<String, &Standing<'r>>) -> Vec<Named<'r>> {
    milestones
        .iter()
        .map(|(address, s)| Named {
            address: address.clone(),
            title: &s.milestone.title,
        })
        .collect()
}

/// The milestone an address (of a milestone or of one of its steps) is in.
fn standing_at<'s, 'r>(address: &str, by_id: &HashMap<(&str, &str), &'s Standing<'r>>) -> Option<&'s Standing<'r>> {
    let target: Target = address.parse().ok()?;
    by_id.get(&(target.roadmap(), target.milestone_id()?)).copied()
}

/// The day a due date as the state recorded it is held to.
fn anchor(label: &str, year: Option<i32>) -> Option<NaiveDate> {
    Due::recorded(label, year).anchor()
}

/// Moves, skips and reopenings recorded in the period, and the milestones
/// that became overdue in it (their due date ended in the period), by day,
/// each with what waits behind it.
fn deviations<'r>(
    changes: &[Changed],
    all: &[&Standing<'r>],
    behind: &Dependents<'_, 'r>,
    roadmaps: &[&Roadmap],
    period: &Period,
    today: NaiveDate,
) -> Vec<Deviation<'r>> {
    let by_id = by_id(all);
    let year = |roadmap: &str| roadmaps.iter().find(|r| r.id == roadmap).and_then(|r| r.year);
    let moved = |c: &Changed| {
        let to = Due::recorded(c.to.as_deref()?, year(&c.roadmap));
        Some((c.from.as_deref().map(|f| Due::recorded(f, year(&c.roadmap))), to))
    };
    let consequence = |address: &str| {
        standing_at(address, &by_id)
            .map(|s| named(&behind.behind(s)))
            .unwrap_or_default()
    };
    let milestone_title = |address: &str| {
        let target: Target = address.parse().ok()?;
        target.step_key()?;
        standing_at(address, &by_id).map(|s| s.milestone.title.clone())
    };
    let mut out: Vec<Deviation> = changes
        .iter()
        .map(|c| {
            let days = match (&c.from, &c.to) {
                (Some(from), Some(to)) => anchor(from, year(&c.roadmap))
                    .zip(anchor(to, year(&c.roadmap)))
                    .map(|(a, b)| (b - a).num_days()),
                _ => None,
            };
            Deviation {
                kind: match c.op {
                    Op::Skip => DeviationKind::Skipped,
                    Op::Reopen => DeviationKind::Reopened,
                    _ => DeviationKind::Moved,
                },
                address: c.address.clone(),
                roadmap: c.roadmap.clone(),
                title: c.title.clone(),
                milestone_title: milestone_title(&c.address),
                by: Some(c.by.clone()),
                day: c.day,
                note: c.note.clone(),
                from: c.from.clone(),
                to: c.to.clone(),
                days,
                moved: moved(c),
                behind: consequence(&c.address),
            }
        })
        .collect();
    for s in all.iter().filter(|s| s.status == Status::Overdue) {
        let Some(end) = s.due.as_ref().and_then(Due::end) else {
            continue;
        };
        let became = end + Duration::days(1);
        if period.contains(became) && became <= today {
            out.push(Deviation {
                kind: DeviationKind::BecameOverdue,
                address: s.address().to_string(),
                roadmap: s.roadmap.id.clone(),
                title: s.milestone.title.clone(),
                milestone_title: None,
                by: None,
                day: became,
                note: None,
                from: None,
                to: None,
                days: None,
                moved: None,
                behind: named(&behind.behind(s)),
            });
        }
    }
    out.sort_by(|a, b| (a.day, &a.address).cmp(&(b.day, &b.address)));
    out
}

/// The planned end of each moved milestone over time.
fn trends(all: &[&Standing], state: &State<'_>) -> Vec<Trend> {
    all.iter()
        .filter_map(|s| {
            let target = state.get(&s.target())?;
            let first = target.moves.first()?;
            let year = s.roadmap.year;
            let mut moves: Vec<(NaiveDate, NaiveDate)> = Vec::new();
            for m in &target.moves {
                if let Some(end) = m.to.as_deref().and_then(|t| anchor(t, year)) {
                    moves.push((m.at.date_naive(), end));
                }
            }
            // Several moves the same day: the day's last plan counts for it.
            moves.dedup_by(|later, earlier| {
                let same = later.0 == earlier.0;
                if same {
                    earlier.1 = later.1;
                }
                same
            });
            // The baseline as it stood until the first move, on that day.
            let baseline = first.from.as_deref().and_then(|b| anchor(b, year));
            let points: Vec<(NaiveDate, NaiveDate)> = baseline
                .map(|end| (first.at.date_naive(), end))
                .into_iter()
                .chain(moves)
                .collect();
            (!points.is_empty()).then(|| Trend {
                address: s.address().to_string(),
                title: s.milestone.title.clone(),
                baseline_end: baseline,
                points,
            })
        })
        .collect()
}

fn progress(roadmap: &Roadmap, mine: &[&Standing]) -> RoadmapProgress {
    let by_status = StatusCounts::of(mine.iter().map(|s| s.status));
    RoadmapProgress {
        id: roadmap.id.clone(),
        title: roadmap.title.clone(),
        milestones: mine.len(),
        milestones_done: mine.iter().filter(|s| s.status == Status::Done).count(),
        steps: mine.iter().map(|s| s.progress.steps_total).sum(),
        steps_done: mine.iter().map(|s| s.progress.steps_done).sum(),
        by_status,
    }
}

/// A plan's money, with the budget of its late milestones.
fn budget<'r>(roadmap: &Roadmap, cost: PlanCost, mine: &[&Standing<'r>]) -> PlanBudget<'r> {
    let moved_later = |s: &Standing| {
        let before = s.baseline.as_ref().and_then(Baseline::due).and_then(Due::anchor);
        let now = s.due.as_ref().and_then(Due::anchor);
        matches!((before, now), (Some(before), Some(now)) if now > before)
    };
    let late: Vec<&Standing> = mine
        .iter()
        .copied()
        .filter(|s| s.status.is_open() && s.milestone.cost_tkr.is_some())
        .filter(|s| s.status == Status::Overdue || moved_later(s))
        .collect();
    PlanBudget {
        roadmap: roadmap.id.clone(),
        title: roadmap.title.clone(),
        cost,
        exposure_tkr: crate::roadmap::total_tkr(
            late.iter()
                .filter_map(|s| s.milestone.cost_tkr.map(crate::roadmap::Cost::value)),
        ),
        exposed: late
            .iter()
            .map(|s| Named {
                address: s.address().to_string(),
                title: &s.milestone.title,
            })
            .collect(),
    }
}

/// What was done (and still is), the notes added, and the skips, reopenings
/// and moves: each in the period it was recorded in (UTC), so a report on a
/// past period never changes when work is recorded late with `--at`.
fn happenings(
    roadmaps: &[&Roadmap],
    state: &State<'_>,
    period: &Period,
    in_scope: &dyn Fn(&Target) -> bool,
) -> (Vec<Happening>, Vec<Happening>, Vec<Changed>) {
    let (mut done, mut notes, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    let by_id: HashMap<&str, &Roadmap> = roadmaps.iter().map(|r| (r.id.as_str(), *r)).collect();
    for counted in &state.ordered {
        let (event, target) = (counted.event, &counted.target);
        let recorded = event.at.date_naive();
        if !target.is_work() || !period.contains(recorded) {
            continue;
        }
        let Some(roadmap) = by_id.get(target.roadmap()) else {
            continue;
        };
        // A change to a milestone or step the filters leave out (or gone: kept, shown as gone).
        if counted.matched && !in_scope(target) {
            continue;
        }
        let happening = |day: NaiveDate| Happening {
            address: crate::address::shown(roadmap, target),
            roadmap: roadmap.id.clone(),
            title: roadmap.text_at(target).map_or_else(|| GONE.into(), str::to_string),
            milestone_title: target
                .step_key()
                .and(target.milestone_id())
                .and_then(|m| roadmap.milestone(m))
                .map(|m| m.title.clone()),
            by: event.by.clone(),
            day,
            recorded,
            note: event.note.clone(),
        };
        let last = state.get(target).and_then(|t| t.last);
        if event.op == Op::Done && state.mark(target) == Mark::Done && last.is_some_and(|l| l.id == event.id) {
            done.push(happening(event.day()));
        }
        if event.note.is_some() {
            notes.push(happening(recorded));
        }
        if matches!(event.op, Op::Skip | Op::Reopen | Op::Reschedule) {
            let h = happening(recorded);
            changes.push(Changed {
                op: event.op,
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

/// Every change to a risk recorded in the period, oldest first.
fn risk_changes(state: &State<'_>, risks: &[Risk], period: &Period) -> Vec<RiskChange> {
    let by_target: HashMap<(&str, &str), &Risk> =
        risks.iter().map(|r| ((r.roadmap.as_str(), r.id.as_str()), r)).collect();
    // Each risk's likelihood and impact as the changes so far left them.
    let mut scores: HashMap<&Target, (Option<u8>, Option<u8>)> = HashMap::default();
    let mut out = Vec::new();
    for counted in state.ordered.iter().filter(|c| c.event.op == Op::Risk) {
        let event = counted.event;
        let target = &counted.target;
        let added = !scores.contains_key(target);
        let (Some(id), Some(set)) = (target.risk_id(), event.risk.as_ref()) else {
            continue;
        };
        let score = scores.entry(target).or_default();
        let (likelihood_before, impact_before) = *score;
        *score = (set.likelihood.or(score.0), set.impact.or(score.1));
        let Some(risk) = by_target.get(&(target.roadmap(), id)) else {
            continue;
        };
        let day = event.at.date_naive();
        if period.contains(day) {
            out.push(RiskChange {
                id: id.to_string(),
                roadmap: risk.roadmap.clone(),
                text: risk.text.clone(),
                by: event.by.clone(),
                day,
                set: RiskFields::clone(set),
                likelihood_before: likelihood_before.filter(|_| set.likelihood.is_some()),
                impact_before: impact_before.filter(|_| set.impact.is_some()),
                note: event.note.clone(),
                added,
            });
        }
    }
    out
}

/// The milestones done now whose last change (its own mark, or a step's) was
/// recorded in the period: they were completed in it.
fn completed(all: &[&Standing], state: &State<'_>, period: &Period) -> Vec<Happening> {
    let mut found: Vec<Happening> = all
        .iter()
        .filter(|s| s.status == Status::Done)
        .filter_map(|s| {
            let steps = s
                .milestone
                .steps
                .iter()
                .map(|step| crate::address::step_target(&s.roadmap.id, &s.milestone.id, step));
            let last = std::iter::once(s.target())
                .chain(steps)
                .filter_map(|t| state.get(&t).and_then(|t| t.last))
                .max_by_key(|e| (e.at, e.day()))?;
            let recorded = last.at.date_naive();
            period.contains(recorded).then(|| Happening {
                address: s.address().to_string(),
                roadmap: s.roadmap.id.clone(),
                title: s.milestone.title.clone(),
                milestone_title: None,
                by: last.by.clone(),
                day: last.day(),
                recorded,
                note: None,
            })
        })
        .collect();
    found.sort_by(|a, b| (a.day, &a.address).cmp(&(b.day, &b.address)));
    found
}

/// Open work by party, across the roadmaps (the JSON's `open_by_owner`).
fn open_by_owner(parties: &[PartyLoad]) -> Vec<OwnerLoad> {
    let mut loads: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for p in parties.iter().filter(|p| p.open > 0) {
        let load = loads.entry(p.party.clone()).or_default();
        load.0 += p.open;
        load.1 += p.overdue;
    }
    loads
        .into_iter()
        .map(|(owner, (open, overdue))| OwnerLoad { owner, open, overdue })
        .collect()
}

fn timeline<'r>(all: &[&Standing<'r>], horizon: NaiveDate) -> Vec<GanttTask<'r>> {
    // Room for every milestone: the filter hides the count from `collect`.
    let mut tasks = Vec::with_capacity(all.len());
    tasks.extend(all.iter().filter_map(|s| {
        let due = s.due.as_ref()?;
        let start = due.start()?;
        let baseline = s
            .baseline
            .as_ref()
            .and_then(Baseline::due)
            .and_then(|b| Some((b.start()?, b.anchor()?)));
        Some(GanttTask {
            roadmap: &s.roadmap.id,
            id: &s.milestone.id,
            title: &s.milestone.title,
            status: s.status,
            start,
            end: due.end().unwrap_or_else(|| horizon.max(start)),
            open_ended: due.end().is_none(),
            phase: s.milestone.phase.as_deref(),
            phase_title: s.milestone.phase.as_deref().and_then(|p| s.roadmap.phase_title(p)),
            gate: s.milestone.kind == Kind::Gate,
            baseline,
        })
    }));
    tasks
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
