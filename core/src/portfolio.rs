//! A supplier's portfolio: one plan per customer (often copies of one
//! template), seen together. Each plan is one row, grouped by the
//! organisation it is for: its light, its progress, the next milestone and
//! the one overdue the longest. `status`, `overdue` and `report` take the
//! rows and the count of customers by light from here.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::config::LightRule;
use crate::cost::PlanCost;
use crate::due::Due;
use crate::report::lights::{Light, plan_lights};
use crate::roadmap::Roadmap;
use crate::status::{Standing, Status};

/// A milestone a row names: its address, for scripts, and its title.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub address: String,
    /// Its id in its plan, what a person types after the plan's.
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "crate::due::serialize_dates")]
    pub due: Option<Due>,
    /// For the oldest overdue: how many days past its due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
}

/// One plan of the portfolio.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Who the plan is for: its `organisation`, else its title.
    pub organisation: String,
    pub roadmap: String,
    pub title: String,
    /// The plan's overall light, by the report's rule.
    pub light: Light,
    pub milestones_done: usize,
    pub milestones: usize,
    pub steps_done: usize,
    pub steps: usize,
    /// The open milestone due next that is not overdue.
    pub next: Option<Milestone>,
    /// The milestone overdue the longest.
    pub oldest_overdue: Option<Milestone>,
}

/// Customers (organisations) by their worst light.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LightCounts {
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
}

/// Who `roadmap` is for: its organisation, else its title.
pub fn organisation(roadmap: &Roadmap) -> &str {
    roadmap
        .organisation
        .as_deref()
        .filter(|o| !o.trim().is_empty())
        .unwrap_or(&roadmap.title)
}

/// Whether `roadmaps` are a supplier's portfolio: one plan (by its title)
/// run for more than one organisation, as copies of one template for each
/// customer are. An agency's own plans beside a supplier's, each its own
/// plan, are not one.
pub fn is_portfolio(roadmaps: &[&Roadmap]) -> bool {
    let mut seen: Vec<(String, String)> = Vec::new();
    for roadmap in roadmaps {
        let (title, organisation) = (
            roadmap.title.trim().to_lowercase(),
            organisation(roadmap).to_lowercase(),
        );
        if seen.iter().any(|(t, o)| *t == title && *o != organisation) {
            return true;
        }
        seen.push((title, organisation));
    }
    false
}

/// The rows of `plans` (each roadmap with the standings of all its
/// milestones and its cost, as the caller worked them out) on `today`,
/// looking ahead `horizon_weeks` for the lights, in the order `sorted` gives.
pub fn rows(
    plans: &[(&Roadmap, &[Standing<'_>], &PlanCost)],
    today: NaiveDate,
    horizon_weeks: u32,
    rule: &LightRule,
) -> Vec<Row> {
    let horizon = today + Duration::weeks(i64::from(horizon_weeks));
    let rows: Vec<Row> = plans
        .iter()
        .map(|(r, all, cost)| {
            let refs: Vec<&Standing> = all.iter().collect();
            let lights = plan_lights(&r.id, &r.title, &refs, cost, today, horizon, rule);
            row(r, &refs, lights.overall)
        })
        .collect();
    sorted(rows)
}

/// `rows` by organisation (as a person sorts names), then the worst light
/// first, then title.
pub fn sorted(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by(|a, b| {
        a.organisation
            .to_lowercase()
            .cmp(&b.organisation.to_lowercase())
            .then(b.light.cmp(&a.light))
            .then(a.title.cmp(&b.title))
            .then(a.roadmap.cmp(&b.roadmap))
    });
    rows
}

/// The row of `roadmap`, from its milestones' standings and its light.
pub fn row(roadmap: &Roadmap, all: &[&Standing], light: Light) -> Row {
    let named = |s: &Standing| Milestone {
        address: s.address().to_string(),
        id: s.milestone.id.clone(),
        title: s.milestone.title.clone(),
        due: s.due.clone(),
        days_overdue: s.days_overdue,
    };
    let anchor = |s: &Standing| s.due.as_ref().and_then(Due::anchor);
    let next = all
        .iter()
        .filter(|s| matches!(s.status, Status::Due | Status::Upcoming | Status::Ongoing))
        .min_by_key(|s| (anchor(s).is_none(), anchor(s)))
        .map(|s| named(s));
    let oldest_overdue = all
        .iter()
        .filter(|s| s.status == Status::Overdue)
        .max_by_key(|s| (s.days_overdue, std::cmp::Reverse(s.milestone.id.as_str())))
        .map(|s| named(s));
    Row {
        organisation: organisation(roadmap).to_string(),
        roadmap: roadmap.id.clone(),
        title: roadmap.title.clone(),
        light,
        milestones_done: all.iter().filter(|s| s.status == Status::Done).count(),
        milestones: all.len(),
        steps_done: all.iter().map(|s| s.progress.steps_done).sum(),
        steps: all.iter().map(|s| s.progress.steps_total).sum(),
        next,
        oldest_overdue,
    }
}

/// Each organisation counted once, by the worst light of its plans.
pub fn light_counts(rows: &[Row]) -> LightCounts {
    let mut worst: Vec<(String, Light)> = Vec::new();
    for row in rows {
        let name = row.organisation.to_lowercase();
        match worst.iter_mut().find(|(n, _)| *n == name) {
            Some((_, light)) => *light = (*light).max(row.light),
            None => worst.push((name, row.light)),
        }
    }
    let mut counts = LightCounts::default();
    for (_, light) in worst {
        match light {
            Light::Red => counts.red += 1,
            Light::Yellow => counts.yellow += 1,
            Light::Green => counts.green += 1,
        }
    }
    counts
}
