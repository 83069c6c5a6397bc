//! What exports give other programs: a calendar event per dated milestone and
//! a spreadsheet row per milestone and per step. The binary writes them out as
//! iCalendar and CSV.

use chrono::NaiveDate;

use crate::due::Due;
use crate::roadmap::{Cost, Milestone, Roadmap};
use crate::status::Standing;

/// One all-day calendar event: a dated milestone over its whole due range,
/// or on its first day when the range is open-ended.
pub struct CalendarEntry<'s, 'r> {
    /// Stable across exports, so a calendar that imports again updates the
    /// event instead of adding a second one.
    pub uid: String,
    pub standing: &'s Standing<'r>,
    pub start: NaiveDate,
    /// The day after the last day (an all-day event's end is exclusive).
    pub end_exclusive: NaiveDate,
    pub open_ended: bool,
}

/// The calendar events of `standings`, in their order; undated milestones have none.
pub fn calendar<'s, 'r>(standings: &'s [Standing<'r>]) -> Vec<CalendarEntry<'s, 'r>> {
    standings
        .iter()
        .filter_map(|s| {
            let due = s.due.as_ref()?;
            let start = due.start()?;
            let last = due.end().unwrap_or(start);
            Some(CalendarEntry {
                uid: format!("{}@roadmap", s.address()),
                standing: s,
                start,
                end_exclusive: last.succ_opt().unwrap_or(last),
                open_ended: due.end().is_none(),
            })
        })
        .collect()
}

/// One row of the spreadsheet: a milestone, or one of its steps (`step` is its number).
pub struct SheetRow<'r> {
    pub roadmap: &'r Roadmap,
    pub milestone: &'r Milestone,
    pub step: Option<usize>,
    pub title: &'r str,
    pub owner: Option<&'r str>,
    /// A milestone's due date; steps have none of their own.
    pub due: Option<&'r Due>,
    /// A milestone's status, or a step's mark ("open", "done" or "skipped").
    pub status: &'static str,
    pub cost_tkr: Option<Cost>,
}

/// A row per milestone, each followed by a row per step, in plan order.
pub fn spreadsheet<'s>(standings: &'s [Standing<'_>]) -> Vec<SheetRow<'s>> {
    let mut rows = Vec::new();
    for s in standings {
        let m = s.milestone;
        rows.push(SheetRow {
            roadmap: s.roadmap,
            milestone: m,
            step: None,
            title: &m.title,
            owner: m.owner.as_deref(),
            due: s.due.as_ref(),
            status: s.status.as_str(),
            cost_tkr: m.cost_tkr,
        });
        for (i, (step, mark)) in m.steps.iter().zip(&s.steps).enumerate() {
            rows.push(SheetRow {
                roadmap: s.roadmap,
                milestone: m,
                step: Some(i + 1),
                title: &step.text,
                owner: step.owner.as_deref(),
                due: None,
                status: mark.as_str(),
                cost_tkr: None,
            });
        }
    }
    rows
}
