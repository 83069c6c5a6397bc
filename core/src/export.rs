//! What exports give other programs: a calendar event per dated milestone and
//! a spreadsheet row per milestone and per step. The binary writes them out as
//! iCalendar and CSV.

use chrono::NaiveDate;

use crate::address::step_target;
use crate::due::Due;
use crate::roadmap::{Cost, Milestone, Roadmap};
use crate::state::{Mark, State};
use crate::status::{Standing, Status};

/// How a milestone's due range becomes a calendar event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Events {
    /// A range of up to `DEADLINE_AFTER_DAYS` days as itself, a longer one as
    /// a deadline: "HT2027" does not blanket half a year of the calendar.
    Auto,
    /// Every range as an event over all its days.
    Range,
    /// Every milestone as a one-day event on its last day.
    Deadline,
}

/// The longest range `Events::Auto` shows as a range: four weeks.
pub const DEADLINE_AFTER_DAYS: i64 = 28;

/// One all-day calendar event: a dated milestone over its due range, or on
/// its last day as a deadline, or on its first day when the range is
/// open-ended.
pub struct CalendarEntry<'s, 'r> {
    /// Unique to the workspace and stable across exports, so a calendar that
    /// imports again updates the event instead of adding a second one, and
    /// two workspaces' events of the same plan are two events.
    pub uid: String,
    pub standing: &'s Standing<'r>,
    pub start: NaiveDate,
    /// The day after the last day (an all-day event's end is exclusive).
    pub end_exclusive: NaiveDate,
    pub open_ended: bool,
    /// Shown on its last day only; the range is `due`'s.
    pub deadline: bool,
}

/// The calendar events of `standings`, in their order; undated milestones
/// have none. `workspace` is the workspace's id, when it has one.
pub fn calendar<'s, 'r>(
    standings: &'s [Standing<'r>],
    workspace: Option<&str>,
    events: Events,
) -> Vec<CalendarEntry<'s, 'r>> {
    standings
        .iter()
        .filter_map(|s| {
            let due = s.due.as_ref()?;
            let first = due.start()?;
            let last = due.end().unwrap_or(first);
            let days = (last - first).num_days() + 1;
            let deadline = due.end().is_some()
                && days > 1
                && match events {
                    Events::Auto => days > DEADLINE_AFTER_DAYS,
                    Events::Range => false,
                    Events::Deadline => true,
                };
            let start = if deadline { last } else { first };
            Some(CalendarEntry {
                uid: match workspace {
                    Some(id) => format!("{}@{id}.roadmap", s.address()),
                    None => format!("{}@roadmap", s.address()),
                },
                standing: s,
                start,
                end_exclusive: last.succ_opt().unwrap_or(last),
                open_ended: due.end().is_none(),
                deadline,
            })
        })
        .collect()
}

/// Where a row stands: a milestone's status, or a step's mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    Milestone(Status),
    Step(Mark),
}

impl RowStatus {
    /// The name the CSV for scripts writes: a status, or `open`, `done`, `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            RowStatus::Milestone(status) => status.as_str(),
            RowStatus::Step(mark) => mark.as_str(),
        }
    }
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
    pub status: RowStatus,
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
    let recorded = |target: &crate::target::Target, plan_note: Option<&'s str>| {
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
        let (done_by, done_on, notes) = recorded(&s.target(), m.note.as_deref());
        rows.push(SheetRow {
            roadmap: s.roadmap,
            milestone: m,
            step: None,
            title: &m.title,
            owner: m.owner.as_deref(),
            due: s.due.as_ref(),
            status: RowStatus::Milestone(s.status),
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
                status: RowStatus::Step(*mark),
                cost_tkr: None,
                done_by,
                done_on,
                notes,
            });
        }
    }
    rows
}
