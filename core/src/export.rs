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
            let (done_by, done_on, notes) = recorded(&step_target(&s.roadmap.id, &m.id, step), step.note());
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

/// A task of a project plan (MS Project and the tools that read its XML):
/// a plan or phase as a summary task, a milestone as a task under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// 1, 2, …: unique in the file, the number predecessors name.
    pub uid: usize,
    pub name: String,
    /// 1 for the top level.
    pub outline_level: usize,
    pub summary: bool,
    /// The first and last day; none for an undated milestone.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// The last day of a long range (over `DEADLINE_AFTER_DAYS`), as the
    /// calendar export shows it: the task is that day, with a deadline.
    pub deadline: Option<NaiveDate>,
    /// A gate, or a milestone due on one day: a milestone in MS Project's sense.
    pub milestone: bool,
    /// 0 to 100: its steps done of those that apply, or 100 when done.
    pub percent_complete: u8,
    /// The uids of the tasks it depends on (`depends_on`).
    pub predecessors: Vec<usize>,
    pub owner: Option<String>,
    pub notes: Option<String>,
    /// The milestone's address, for a milestone.
    pub address: Option<String>,
    /// The id people type (a phase's or a milestone's), as the WBS code,
    /// so that an import of the file gives the same ids.
    pub code: Option<String>,
}

/// The tasks of `standings` (in plan order): with more than one roadmap a
/// summary task per roadmap, then a summary task per phase, then a task per
/// milestone. Undated milestones are kept, without dates, saying so in
/// their notes (`undated`).
pub fn project(roadmaps: &[&Roadmap], standings: &[Standing<'_>], undated: &str) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::new();
    let top = usize::from(roadmaps.len() > 1);
    let summary = |uid: usize, name: &str, level: usize| Task {
        uid,
        name: name.to_string(),
        outline_level: level,
        summary: true,
        dates: None,
        deadline: None,
        milestone: false,
        percent_complete: 0,
        predecessors: Vec::new(),
        owner: None,
        notes: None,
        address: None,
        code: None,
    };
    for roadmap in roadmaps {
        let mine: Vec<&Standing> = standings.iter().filter(|s| s.roadmap.id == roadmap.id).collect();
        if top == 1 {
            tasks.push(summary(tasks.len() + 1, &roadmap.title, 1));
        }
        let first_of_plan = tasks.len();
        let mut phase: Option<&str> = None;
        for s in &mine {
            let m = s.milestone;
            if m.phase.as_deref() != phase {
                phase = m.phase.as_deref();
                if let Some(id) = phase {
                    let title = roadmap
                        .phases
                        .iter()
                        .find(|p| p.id == id)
                        .map_or(id, |p| p.title.as_str());
                    let mut phase_task = summary(tasks.len() + 1, title, top + 1);
                    phase_task.code = Some(id.to_string());
                    tasks.push(phase_task);
                }
            }
            let level = top + 1 + usize::from(phase.is_some());
            let dates = s.due.as_ref().and_then(|d| {
                let first = d.start()?;
                Some((first, d.end().unwrap_or(first)))
            });
            let long = dates.is_some_and(|(a, b)| (b - a).num_days() + 1 > DEADLINE_AFTER_DAYS);
            let p = &s.progress;
            let applies = p.steps_total - p.steps_skipped;
            let percent = if s.status == Status::Done {
                100
            } else {
                (p.steps_done * 100).checked_div(applies).unwrap_or(0)
            };
            tasks.push(Task {
                uid: tasks.len() + 1,
                name: m.title.clone(),
                outline_level: level,
                summary: false,
                dates: match (dates, long) {
                    (Some((_, last)), true) => Some((last, last)),
                    _ => dates,
                },
                deadline: dates.filter(|_| long).map(|(_, last)| last),
                milestone: m.kind == crate::roadmap::Kind::Gate || dates.is_some_and(|(a, b)| a == b),
                percent_complete: u8::try_from(percent.min(100)).unwrap_or(100),
                predecessors: Vec::new(),
                owner: m.owner.as_deref().map(str::to_string),
                notes: match (&m.criteria, dates) {
                    // An unplaced week plan keeps its weeks in the note.
                    (_, None) => Some(match &m.due {
                        Some(due) => format!("{}: {undated}", due.label()),
                        None => undated.to_string(),
                    }),
                    (Some(criteria), _) => Some(criteria.clone()),
                    (None, _) => None,
                },
                address: Some(s.address().to_string()),
                code: Some(m.id.clone()),
            });
        }
        // Dependencies within the plan, by the uids just given.
        let uids: foldhash::HashMap<&str, usize> = tasks[first_of_plan..]
            .iter()
            .filter(|t| !t.summary)
            .zip(&mine)
            .map(|(t, s)| (s.milestone.id.as_str(), t.uid))
            .collect();
        for (task, s) in tasks[first_of_plan..].iter_mut().filter(|t| !t.summary).zip(&mine) {
            task.predecessors = s
                .milestone
                .depends_on
                .iter()
                .filter_map(|id| uids.get(id.as_str()).copied())
                .collect();
        }
    }
    // A summary task spans what is under it.
    for i in (0..tasks.len()).rev() {
        if !tasks[i].summary {
            continue;
        }
        let level = tasks[i].outline_level;
        let under = tasks[i + 1..]
            .iter()
            .take_while(|t| t.outline_level > level)
            .filter_map(|t| t.dates);
        let span = under.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, (a, b)| match acc {
            Some((x, y)) => Some((x.min(a), y.max(b))),
            None => Some((a, b)),
        });
        tasks[i].dates = span;
    }
    tasks
}
