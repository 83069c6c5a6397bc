//! The traffic lights of the steering-group report: per plan a light for
//! time and, where the plan has a budget and something spent or forecast,
//! one for cost, and an overall light, the worst of them. Each comes with
//! what is behind it. The rule is the README's ("The lights"); its thresholds
//! are the workspace's `[lights]` (`config.rs`), by default those of
//! Denmark's state IT council: time red at more than 3 months late against
//! the baseline, yellow at 1 to 3; cost red at more than 10 % over budget,
//! yellow at any overrun up to that.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::LightRule;
use crate::cost::PlanCost;
use crate::due::Due;
use crate::schedule::Baseline;
use crate::status::{Standing, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Yellow,
    Red,
}

/// What a light measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Time,
    Cost,
}

/// A milestone named in a fact: its address (for scripts) and title (for people).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named<'r> {
    pub address: String,
    pub title: &'r str,
}

/// Why a milestone due within the look-ahead is at risk: the cause that holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AtRisk<'r> {
    /// It waits on milestones that are not done.
    Blocked { by: Vec<Named<'r>> },
    /// Less than half its steps are done with less than half its time left.
    Behind {
        steps_done: usize,
        steps_total: usize,
        /// Days left to its deadline, today counted.
        days_left: i64,
    },
}

/// Why a milestone counts against a light.
#[derive(Debug, Clone, Serialize)]
pub struct Cause<'r> {
    pub address: String,
    pub title: &'r str,
    /// Days late against the baseline: today past the end it was first
    /// planned to, or how far its current due date ends after that end.
    pub late_days: i64,
    /// Days past its current due date, when it is overdue.
    pub overdue_days: Option<i64>,
    /// The due date it was first planned to, when it has moved.
    #[serde(serialize_with = "crate::schedule::baseline_label")]
    pub baseline: Option<Baseline>,
    /// It had no due date before its first move.
    pub baseline_undated: bool,
    /// Due within the look-ahead, and blocked or behind.
    pub at_risk: bool,
    /// Which of the two, when it is at risk.
    pub why_at_risk: Option<AtRisk<'r>>,
    pub cost_tkr: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionLight<'r> {
    pub light: Light,
    /// The milestones behind the light, the worst first.
    pub causes: Vec<Cause<'r>>,
}

/// Money against budget: what the plan is expected to cost in all (the
/// forecast, else what it has cost so far) against its budget.
#[derive(Debug, Clone, Serialize)]
pub struct CostLight {
    pub light: Light,
    pub budget_tkr: f64,
    pub expected_tkr: f64,
    /// How far over the budget, in percent of it (negative when under).
    pub over_percent: f64,
    /// Whether `expected_tkr` is a forecast (else what was spent so far).
    pub from_forecast: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanLights<'r> {
    pub roadmap: String,
    pub title: String,
    pub overall: Light,
    pub time: DimensionLight<'r>,
    /// None for a plan without a budget, or with nothing spent or forecast.
    pub cost: Option<CostLight>,
}

impl PlanLights<'_> {
    /// The dimension the overall light comes from: time, unless cost is worse.
    pub fn worst(&self) -> Dimension {
        match &self.cost {
            Some(cost) if cost.light > self.time.light => Dimension::Cost,
            _ => Dimension::Time,
        }
    }
}

/// Whether `s` is at risk on `today`, looking ahead to `horizon`: it is open
/// and not overdue, its deadline falls in the look-ahead, and it is blocked
/// or behind. Behind is less than half its steps done (skipped ones left
/// out) with less than half its time left: the time from the longer of its
/// due range and the look-ahead.
pub fn at_risk<'r>(s: &Standing<'r>, today: NaiveDate, horizon: NaiveDate) -> Option<AtRisk<'r>> {
    if !s.status.is_open() || s.status == Status::Overdue {
        return None;
    }
    let due = s.due.as_ref()?;
    let end = due.end().filter(|end| *end <= horizon)?;
    if !s.blocked_by.is_empty() {
        let by = s
            .blocked_by
            .iter()
            .map(|id| Named {
                address: format!("{}/{id}", s.roadmap.id),
                title: s.roadmap.milestone(id).map_or(*id, |m| m.title.as_str()),
            })
            .collect();
        return Some(AtRisk::Blocked { by });
    }
    let p = s.progress;
    let counted = p.steps_total - p.steps_skipped;
    if counted == 0 {
        return None;
    }
    let days_left = (end - today).num_days() + 1;
    let span = due.start().map_or(1, |start| (end - start).num_days() + 1);
    let time = span.max((horizon - today).num_days()).max(1);
    let behind = p.steps_done * 2 < counted && days_left * 2 < time;
    behind.then_some(AtRisk::Behind {
        steps_done: p.steps_done,
        steps_total: counted,
        days_left,
    })
}

/// How late an open milestone is against its baseline, and whether it is at risk.
fn cause<'r>(s: &Standing<'r>, today: NaiveDate, horizon: NaiveDate) -> Option<Cause<'r>> {
    if !s.status.is_open() {
        return None;
    }
    let current = s.due.as_ref().and_then(Due::anchor);
    let baseline_end = match &s.baseline {
        Some(baseline) => baseline.due().and_then(Due::anchor),
        None => current,
    };
    let late_past = baseline_end.map_or(0, |end| (today - end).num_days().max(0));
    let slipped = match (baseline_end, current) {
        (Some(before), Some(now)) => (now - before).num_days().max(0),
        _ => 0,
    };
    let overdue_days = s.days_overdue;
    let why_at_risk = at_risk(s, today, horizon);
    let late_days = late_past.max(slipped);
    (late_days > 0 || overdue_days.is_some() || why_at_risk.is_some()).then(|| Cause {
        address: s.address().to_string(),
        title: &s.milestone.title,
        late_days,
        overdue_days,
        baseline: s.baseline.clone(),
        baseline_undated: s.baseline == Some(Baseline::Undated),
        at_risk: why_at_risk.is_some(),
        why_at_risk,
        cost_tkr: s.milestone.cost_tkr.map(crate::roadmap::Cost::value),
    })
}

/// The milestones late against their baseline or overdue, among those
/// behind a plan's time light: the exposure of the budget (their costs).
pub fn late<'c, 'r>(causes: &'c [Cause<'r>]) -> impl Iterator<Item = &'c Cause<'r>> {
    causes.iter().filter(|c| c.late_days > 0 || c.overdue_days.is_some())
}

/// The cost light of a plan: what it is expected to cost in all against its
/// budget; none without a budget or with nothing spent or forecast.
pub fn cost_light(cost: &PlanCost, rule: &LightRule) -> Option<CostLight> {
    let over = cost.over_budget_percent()?;
    let light = if over > rule.cost_red_percent {
        Light::Red
    } else if over > rule.cost_yellow_percent {
        Light::Yellow
    } else {
        Light::Green
    };
    Some(CostLight {
        light,
        budget_tkr: cost.budget.unwrap_or_default(),
        expected_tkr: cost.expected().unwrap_or_default(),
        over_percent: over,
        from_forecast: cost.forecast.is_some(),
    })
}

/// The lights of one plan on `today`, looking ahead to `horizon`.
pub fn plan_lights<'r>(
    id: &str,
    title: &str,
    standings: &[&Standing<'r>],
    cost: &PlanCost,
    today: NaiveDate,
    horizon: NaiveDate,
    rule: &LightRule,
) -> PlanLights<'r> {
    let mut causes: Vec<Cause> = standings.iter().filter_map(|s| cause(s, today, horizon)).collect();
    causes.sort_by(|a, b| b.late_days.cmp(&a.late_days).then_with(|| a.address.cmp(&b.address)));
    let time_light = |c: &Cause| {
        if c.late_days > rule.time_red_days {
            Light::Red
        } else if c.late_days >= rule.time_yellow_days || c.overdue_days.is_some() || c.at_risk {
            Light::Yellow
        } else {
            Light::Green
        }
    };
    let time = causes.iter().map(time_light).max().unwrap_or(Light::Green);
    // The causes of the light are kept where they are, the others let go:
    // a national portfolio has tens of thousands.
    causes.retain(|c| time_light(c) == time && time != Light::Green);
    causes.shrink_to_fit();
    let cost = cost_light(cost, rule);
    let overall = time.max(cost.as_ref().map_or(Light::Green, |c| c.light));
    PlanLights {
        roadmap: id.to_string(),
        title: title.to_string(),
        overall,
        time: DimensionLight { light: time, causes },
        cost,
    }
}
