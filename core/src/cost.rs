//! What a plan costs: its budget (its `budget_tkr`, else its milestones'
//! `cost_tkr` added up), what has been spent on it to date (every amount
//! recorded with `roadmap cost --spent`, on its day) and what it is now
//! expected to cost in all (the latest `--forecast`). Spending and forecasts
//! are changes in the state log like ticks, so they merge through git and a
//! report on a past period sees them as they were then.

use chrono::NaiveDate;
use serde::Serialize;

use crate::roadmap::{Roadmap, total_tkr};
use crate::state::State;

/// An amount in thousands as people write it: `450`, `1 250,5`, `−50`,
/// `2,5 tkr`; none for anything else.
pub fn read_tkr(text: &str) -> Option<f64> {
    let text = text.trim();
    let text = text
        .strip_suffix("tkr")
        .or_else(|| text.strip_suffix("kkr"))
        .unwrap_or(text);
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '.',
            '\u{2212}' => '-',
            c => c,
        })
        .collect();
    digits.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A plan's money on a day, in thousands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanCost {
    /// The budget: `budget_tkr`, else the milestones' costs added up; none
    /// when the plan gives neither.
    #[serde(rename = "budget_tkr")]
    pub budget: Option<f64>,
    /// Whether the budget is the plan's own `budget_tkr`.
    pub budget_given: bool,
    /// Spent to date, when anything is recorded.
    #[serde(rename = "spent_tkr")]
    pub spent: Option<f64>,
    /// The latest forecast of the whole cost, when one is recorded.
    #[serde(rename = "forecast_tkr")]
    pub forecast: Option<f64>,
    /// The day the forecast was recorded.
    pub forecast_on: Option<NaiveDate>,
}

impl PlanCost {
    /// What the plan is expected to cost in all: the forecast, else what it
    /// has cost so far; none when neither is recorded.
    pub fn expected(&self) -> Option<f64> {
        self.forecast.or(self.spent)
    }

    /// How far over the budget that is, in percent of the budget (negative
    /// when under); none without a budget above zero or an expectation.
    pub fn over_budget_percent(&self) -> Option<f64> {
        let budget = self.budget.filter(|b| *b > 0.0)?;
        Some((self.expected()? - budget) * 100.0 / budget)
    }
}

/// The money of `roadmap` as the state has it on `day`: spending counts on
/// its own day (`--on`), the forecast recorded last counts.
pub fn plan_cost(roadmap: &Roadmap, state: &State<'_>, day: NaiveDate) -> PlanCost {
    let costs: Vec<f64> = roadmap
        .milestones
        .iter()
        .filter_map(|m| m.cost_tkr.map(crate::roadmap::Cost::value))
        .collect();
    let budget = match roadmap.budget_tkr {
        Some(budget) => Some(budget.value()),
        None if !costs.is_empty() => Some(total_tkr(costs)),
        None => None,
    };
    let mut spent: Option<f64> = None;
    let mut forecast = None;
    for counted in state.cost_changes(&roadmap.id) {
        let event = counted.event;
        let Some(cost) = &event.cost else {
            continue;
        };
        if let Some(amount) = cost.spent.filter(|_| event.day() <= day) {
            spent = Some(spent.unwrap_or(0.0) + amount);
        }
        if let Some(expected) = cost.forecast {
            forecast = Some((expected, event.at.date_naive()));
        }
    }
    PlanCost {
        budget,
        budget_given: roadmap.budget_tkr.is_some(),
        spent,
        forecast: forecast.map(|(f, _)| f),
        forecast_on: forecast.map(|(_, on)| on),
    }
}

#[cfg(test)]
mod tests {
    use super::read_tkr;

    #[test]
    fn amounts_as_people_write_them() {
        assert_eq!(read_tkr("1 100"), Some(1100.0));
        assert_eq!(read_tkr("1\u{202f}250,5"), Some(1250.5));
        assert_eq!(read_tkr("2,5 tkr"), Some(2.5));
        assert_eq!(read_tkr("\u{2212}50"), Some(-50.0));
        assert_eq!(read_tkr("-50"), Some(-50.0));
        assert_eq!(read_tkr("ca 500"), None);
        assert_eq!(read_tkr("inf"), None);
        assert_eq!(read_tkr(""), None);
    }
}
