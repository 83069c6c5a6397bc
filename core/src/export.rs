//! What exports give other programs: a calendar event per dated milestone and
//! a spreadsheet row per milestone and per step. The binary writes them out as
//! iCalendar and CSV.

use chrono::NaiveDate;

use crate::address::step_target;
use crate::due::Due;
use crate::roadmap::{Cost, Milestone, Roadmap};
use crate::state::{Mark, State};
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
    /// The milestone's due date as it stands, on its steps' rows too (a
    /// filtered sheet of steps still says when they are due).
    pub due: Option<&'r Due>,
    /// A milestone's status, or a step's mark ("open", "done" or "skipped").
    pub status: &'static str,
    pub cost_tkr: Option<Cost>,
    /// Who marked it done or skipped, and the day the work was done (the
    /// `--at` day, else the day it was recorded, in UTC).
    pub done_by: Option<&'r str>,
    pub done_on: Option<NaiveDate>,
    /// The plan's note, then each recorded note, oldest first.
    pub notes: Vec<&'r str>,
}

/// A row per milestone, each followed by a row per step, in plan order.
pub fn spreadsheet<'s>(standings: &'s [Standing<'_>], state: &'s State<'_>) -> Vec<SheetRow<'s>> {
    let mut rows = Vec::new();
    let recorded = |target: &str, plan_note: Option<&'s str>| {
        let got = state.get(target);
        let closed = got
            .and_then(|t| t.last)
            .filter(|_| got.is_some_and(|t| matches!(t.mark, Mark::Done | Mark::Skipped)));
        let notes: Vec<&'s str> = plan_note
            .into_iter()
            .chain(
                got.into_iter()
                    .flat_map(|t| t.notes.iter().filter_map(|e| e.note.as_deref())),
            )
            .collect();
        (
            closed.map(|e| e.by.as_str()),
            closed.map(|e| e.on.unwrap_or_else(|| e.at.date_naive())),
            notes,
        )
    };
    for s in standings {
        let m = s.milestone;
        let (done_by, done_on, notes) = recorded(&s.address().to_string(), m.note.as_deref());
        rows.push(SheetRow {
            roadmap: s.roadmap,
            milestone: m,
            step: None,
            title: &m.title,
            owner: m.owner.as_deref(),
            due: s.due.as_ref(),
            status: s.status.as_str(),
            cost_tkr: m.cost_tkr,
            done_by,
            done_on,
            notes,
        });
        for (i, (step, mark)) in m.steps.iter().zip(&s.steps).enumerate() {
            let (done_by, done_on, notes) = recorded(&step_target(&s.roadmap.id, &m.id, step), step.note.as_deref());
            rows.push(SheetRow {
                roadmap: s.roadmap,
                milestone: m,
                step: Some(i + 1),
                title: &step.text,
                owner: step.owner.as_deref(),
                due: s.due.as_ref(),
                status: mark.as_str(),
                cost_tkr: None,
                done_by,
                done_on,
                notes,
            });
        }
    }
    rows
}
