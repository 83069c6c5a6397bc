//! Where "overdue" is decided: the status of each milestone on a given day,
//! from its due range and its progress. The rules are documented in the README.

use chrono::NaiveDate;
use serde::Serialize;

use crate::address::Address;
use crate::due::{Due, Span};
use crate::progress::Progress;
use crate::roadmap::{Milestone, Roadmap};
use crate::schedule::{Baseline, baseline_as_recorded, due_as_recorded};
use crate::state::{Mark, State, TargetState};
use crate::target::{Target, write_work};

/// Exactly one per milestone, decided in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Marked done, or all its steps are.
    Done,
    /// Marked not applicable.
    Skipped,
    /// Not done, and its due range ended before today.
    Overdue,
    /// Today lies inside its due range.
    Due,
    /// Its due range starts after today.
    Upcoming,
    /// An open-ended range ("VT2023..") that has started.
    Ongoing,
    /// No date, or a week plan not yet placed in a year.
    Undated,
}

impl Status {
    /// Every status, in the order they are decided (and their discriminants').
    pub const ALL: [Status; 7] = [
        Status::Done,
        Status::Skipped,
        Status::Overdue,
        Status::Due,
        Status::Upcoming,
        Status::Ongoing,
        Status::Undated,
    ];

    pub fn decide(due: Option<&Due>, progress: &Progress, today: NaiveDate) -> Status {
        if progress.done {
            return Status::Done;
        }
        if progress.skipped {
            return Status::Skipped;
        }
        if days_past_due(due, today).is_some() {
            return Status::Overdue;
        }
        match due.map(Due::span) {
            Some(Span::Dated { start, end: Some(_) }) if *start <= today => Status::Due,
            Some(Span::Dated { start, .. }) if *start > today => Status::Upcoming,
            Some(Span::Dated { end: None, .. }) => Status::Ongoing,
            _ => Status::Undated,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Skipped => "skipped",
            Status::Overdue => "overdue",
            Status::Due => "due",
            Status::Upcoming => "upcoming",
            Status::Ongoing => "ongoing",
            Status::Undated => "undated",
        }
    }

    /// A symbol that tells the status apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Done => "✓",
            Status::Skipped => "–",
            Status::Overdue => "!",
            Status::Due => "●",
            Status::Upcoming => "○",
            Status::Ongoing => "→",
            Status::Undated => "?",
        }
    }

    /// Still to be done: counts toward open work.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Skipped)
    }
}

/// How many milestones have each status. The JSON outputs give it as an
/// object keyed by status, in the order of `Status::ALL`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts([usize; Status::ALL.len()]);

impl StatusCounts {
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for status in statuses {
            counts.0[status as usize] += 1;
        }
        counts
    }

    pub fn get(&self, status: Status) -> usize {
        self.0[status as usize]
    }
}

impl Serialize for StatusCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(Status::ALL.len()))?;
        for status in Status::ALL {
            map.serialize_entry(status.as_str(), &self.get(status))?;
        }
        map.end()
    }
}

/// Days since a due range ended, if it ended before `today`: a milestone so
/// due is overdue unless it is done or skipped (`Status::decide`).
pub fn days_past_due(due: Option<&Due>, today: NaiveDate) -> Option<i64> {
    match due.map(Due::span) {
        Some(Span::Dated { end: Some(end), .. }) if *end < today => Some((today - *end).num_days()),
        _ => None,
    }
}

/// One milestone as it stands on a given day.
#[derive(Debug)]
pub struct Standing<'r> {
    pub roadmap: &'r Roadmap,
    pub milestone: &'r Milestone,
    /// The due date as it stands: the plan's, or where the state last moved it.
    pub due: Option<Due>,
    /// The mark of each step, in file order.
    pub steps: Vec<Mark>,
    pub progress: Progress,
    pub status: Status,
    /// The `depends_on` milestones that are neither done nor skipped.
    pub blocked_by: Vec<&'r str>,
    /// Where its due date was before the first move; `None` when it never moved.
    pub baseline: Option<Baseline>,
    /// For an overdue milestone: the days since its due range ended.
    pub days_overdue: Option<i64>,
}

impl<'r> Standing<'r> {
    /// The address of the milestone.
    pub fn address(&self) -> Address {
        Address::milestone(&self.roadmap.id, &self.milestone.id)
    }

    /// What changes to the milestone itself are recorded under.
    pub fn target(&self) -> Target {
        Target::milestone(&self.roadmap.id, &self.milestone.id)
    }

    /// The steps that are still open, with their 1-based numbers.
    pub fn open_steps(&self) -> impl Iterator<Item = (usize, &'r crate::roadmap::Step)> + '_ {
        let milestone: &'r Milestone = self.milestone;
        milestone
            .steps
            .iter()
            .zip(&self.steps)
            .enumerate()
            .filter(|(_, (_, mark))| **mark == Mark::Open)
            .map(|(i, (step, _))| (i + 1, step))
    }
}

/// Every milestone of `roadmap` as it stands on `today`, in file order: the
/// one path from the plan and the state to a milestone's status, for every
/// view, the report and the exports.
pub fn standings<'r>(roadmap: &'r Roadmap, state: &State<'_>, today: NaiveDate) -> Vec<Standing<'r>> {
    // Each target's text is written into one buffer to look it up; a
    // milestone's record is looked up once, for its mark, due date and baseline.
    let mut text = String::new();
    let mut recorded = |milestone: &str, key: Option<&str>| {
        write_work(&mut text, &roadmap.id, milestone, key);
        state.get(text.as_str())
    };
    let mark = |recorded: Option<&TargetState>| recorded.map_or(Mark::Open, |t| t.mark);
    let read: Vec<(Option<&TargetState>, Vec<Mark>)> = roadmap
        .milestones
        .iter()
        .map(|m| {
            let own = recorded(&m.id, None);
            let steps = m
                .steps
                .iter()
                .map(|step| mark(recorded(&m.id, Some(step.key()))))
                .collect();
            (own, steps)
        })
        .collect();
    let progress: Vec<Progress> = read
        .iter()
        .map(|(own, steps)| Progress::from_marks(mark(*own), steps))
        .collect();
    // Parsing checked that every `depends_on` names a milestone of this roadmap.
    let open: foldhash::HashSet<&str> = roadmap
        .milestones
        .iter()
        .zip(&progress)
        .filter(|(_, p)| p.is_open())
        .map(|(m, _)| m.id.as_str())
        .collect();
    roadmap
        .milestones
        .iter()
        .zip(read)
        .zip(progress)
        .map(|((milestone, (own, steps)), progress)| {
            let due = due_as_recorded(roadmap, milestone, own);
            let status = Status::decide(due.as_ref(), &progress, today);
            Standing {
                roadmap,
                milestone,
                status,
                days_overdue: days_past_due(due.as_ref(), today).filter(|_| status == Status::Overdue),
                baseline: baseline_as_recorded(roadmap, own),
                due,
                steps,
                progress,
                blocked_by: milestone
                    .depends_on
                    .iter()
                    .map(String::as_str)
                    .filter(|dep| open.contains(dep))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn status(due: &str, year: Option<i32>, today: &str) -> Status {
        let due = Due::parse(due, year).unwrap();
        Status::decide(Some(&due), &Progress::default(), day(today))
    }

    #[test]
    fn a_term_is_due_to_its_last_day_and_overdue_the_day_after() {
        assert_eq!(status("HT2021", None, "2021-06-30"), Status::Upcoming);
        assert_eq!(status("HT2021", None, "2021-07-01"), Status::Due);
        assert_eq!(status("HT2021", None, "2021-12-31"), Status::Due);
        assert_eq!(status("HT2021", None, "2022-01-01"), Status::Overdue);
        assert_eq!(status("VT2022", None, "2022-01-15"), Status::Due);
        assert_eq!(status("VT2022", None, "2022-06-30"), Status::Due);
        assert_eq!(status("VT2022", None, "2022-07-01"), Status::Overdue);
    }

    #[test]
    fn tertials_weeks_and_days_at_their_edges() {
        // 2023 T2 is 1 May to 31 August.
        assert_eq!(status("2023 T2", None, "2023-04-30"), Status::Upcoming);
        assert_eq!(status("2023 T2", None, "2023-08-31"), Status::Due);
        assert_eq!(status("2023 T2", None, "2023-09-01"), Status::Overdue);
        // ISO week 15 of 2027 is Monday 12 to Sunday 18 April.
        assert_eq!(status("V15", Some(2027), "2027-04-11"), Status::Upcoming);
        assert_eq!(status("V15", Some(2027), "2027-04-18"), Status::Due);
        assert_eq!(status("V15", Some(2027), "2027-04-19"), Status::Overdue);
        assert_eq!(status("31.03.2016", None, "2016-03-31"), Status::Due);
        assert_eq!(status("31.03.2016", None, "2016-04-01"), Status::Overdue);
    }

    #[test]
    fn open_ended_ranges_are_ongoing_once_started_and_never_overdue() {
        assert_eq!(status("VT2023..", None, "2022-12-31"), Status::Upcoming);
        assert_eq!(status("VT2023..", None, "2023-01-01"), Status::Ongoing);
        assert_eq!(status("VT2023..", None, "2040-01-01"), Status::Ongoing);
    }

    #[test]
    fn undated_week_plans_and_unknown_dates_are_never_overdue() {
        assert_eq!(status("V23-28", None, "2099-01-01"), Status::Undated);
        assert_eq!(status("??.??.????", None, "2099-01-01"), Status::Undated);
        assert_eq!(
            Status::decide(None, &Progress::default(), day("2099-01-01")),
            Status::Undated
        );
    }

    #[test]
    fn done_and_skipped_come_before_any_date_rule() {
        let due = Due::parse("HT2021", None).unwrap();
        let done = Progress {
            done: true,
            ..Progress::default()
        };
        let skipped = Progress {
            skipped: true,
            ..Progress::default()
        };
        assert_eq!(Status::decide(Some(&due), &done, day("2030-01-01")), Status::Done);
        assert_eq!(Status::decide(Some(&due), &skipped, day("2030-01-01")), Status::Skipped);
    }
}
