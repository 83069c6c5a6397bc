//! The traffic lights of the steering-group report: per plan a light for
//! time and, where the plan has costs, one for cost, and an overall light,
//! the worst of them. Each comes with the milestones behind it. The rule is
//! the README's ("The steering-group report"); its thresholds are the
//! workspace's `[lights]` (`config.rs`), by default those of Denmark's state
//! IT council: time red at more than 3 months late, yellow at 1 to 3; cost
//! red at more than 10 % of the plan's cost tied up in late work.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::LightRule;
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

/// Why a milestone counts against a light.
#[derive(Debug, Clone, Serialize)]
pub struct Cause {
    pub address: String,
    pub title: String,
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
    /// Due within the look-ahead, and blocked or less than half done.
    pub at_risk: bool,
    pub cost_tkr: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionLight {
    pub light: Light,
    /// The milestones behind the light, the worst first.
    pub causes: Vec<Cause>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CostLight {
    pub light: Light,
    /// The cost (tkr) of late work, and its share of the plan's cost.
    pub late_tkr: f64,
    pub total_tkr: f64,
    pub late_percent: f64,
    pub causes: Vec<Cause>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanLights {
    pub roadmap: String,
    pub title: String,
    pub overall: Light,
    pub time: DimensionLight,
    /// None for a plan without costs.
    pub cost: Option<CostLight>,
}

/// How late an open milestone is against its baseline, and whether it is at risk.
fn cause(s: &Standing, today: NaiveDate, horizon: NaiveDate) -> Option<Cause> {
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
    let ends_soon = s.due.as_ref().and_then(Due::end).is_some_and(|end| end <= horizon);
    let behind = s.progress.steps_total > 0 && s.progress.steps_done * 2 < s.progress.steps_total;
    let at_risk = s.status != Status::Overdue && ends_soon && (!s.blocked_by.is_empty() || behind);
    let late_days = late_past.max(slipped);
    (late_days > 0 || overdue_days.is_some() || at_risk).then(|| Cause {
        address: s.address().to_string(),
        title: s.milestone.title.clone(),
        late_days,
        overdue_days,
        baseline: s.baseline.clone(),
        baseline_undated: s.baseline == Some(Baseline::Undated),
        at_risk,
        cost_tkr: s.milestone.cost_tkr.map(crate::roadmap::Cost::value),
    })
}

/// The lights of one plan on `today`, looking ahead to `horizon`.
pub fn plan_lights(
    id: &str,
    title: &str,
    standings: &[&Standing],
    today: NaiveDate,
    horizon: NaiveDate,
    rule: &LightRule,
) -> PlanLights {
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
    let time_causes: Vec<Cause> = causes
        .iter()
        .filter(|c| time_light(c) == time && time != Light::Green)
        .cloned()
        .collect();
    let total: f64 = standings
        .iter()
        .filter_map(|s| s.milestone.cost_tkr.map(crate::roadmap::Cost::value))
        .sum();
    let costs = standings.iter().any(|s| s.milestone.cost_tkr.is_some());
    let cost = costs.then(|| {
        let late: Vec<Cause> = causes
            .iter()
            .filter(|c| c.cost_tkr.is_some() && (c.late_days > 0 || c.overdue_days.is_some()))
            .cloned()
            .collect();
        let late_tkr = crate::roadmap::total_tkr(late.iter().filter_map(|c| c.cost_tkr));
        let late_percent = if total > 0.0 { late_tkr * 100.0 / total } else { 0.0 };
        let light = if late_percent > rule.cost_red_percent {
            Light::Red
        } else if late_percent > rule.cost_yellow_percent {
            Light::Yellow
        } else {
            Light::Green
        };
        CostLight {
            light,
            late_tkr,
            total_tkr: total,
            late_percent,
            causes: if light == Light::Green { Vec::new() } else { late },
        }
    });
    let overall = time.max(cost.as_ref().map_or(Light::Green, |c| c.light));
    PlanLights {
        roadmap: id.to_string(),
        title: title.to_string(),
        overall,
        time: DimensionLight {
            light: time,
            causes: time_causes,
        },
        cost,
    }
}
