//! Where a milestone's due date stands, and how a new one is read.
//!
//! A roadmap file's `due` is the baseline. `roadmap reschedule` records each
//! move in the state log only (`from`, `to`), so that moves merge through git
//! like ticks: two people who move dates on two branches get no conflict, and
//! when both moved the same milestone from the same date, the later move
//! counts (the state's merge rule; `validate` shows the other).

use chrono::{Datelike, NaiveDate};

use crate::due::{Due, Span};
use crate::error::{Error, Result};
use crate::roadmap::{Milestone, Roadmap};
use crate::state::{State, TargetState};
use crate::target::Target;

/// The due date of `milestone` as it stands: where the moves that count last
/// put it (read as the roadmap file would read it), else the file's. The one
/// answer to "when is it due now", for every view, the report and the exports.
pub fn due_now(roadmap: &Roadmap, milestone: &Milestone, state: &State<'_>) -> Option<Due> {
    due_as_recorded(
        roadmap,
        milestone,
        state.get(&Target::milestone(&roadmap.id, &milestone.id)),
    )
}

/// `due_now`, from what the state records for the milestone (`recorded`),
/// found already: the standings look each milestone up once for all three.
pub fn due_as_recorded(roadmap: &Roadmap, milestone: &Milestone, recorded: Option<&TargetState<'_>>) -> Option<Due> {
    let moved = recorded
        .and_then(TargetState::moved_to)
        .and_then(|label| Due::parse(label, roadmap.year).ok());
    moved.or_else(|| milestone.due.clone())
}

/// Where a milestone's due date was before its first move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// It was due then.
    Due(Due),
    /// It had no due date: its first move gave it one.
    Undated,
}

impl Baseline {
    /// The due date it had, if it had one.
    pub fn due(&self) -> Option<&Due> {
        match self {
            Baseline::Due(due) => Some(due),
            Baseline::Undated => None,
        }
    }
}

/// The baseline of `milestone`: where it was due before the first move that
/// counts; `None` when it never moved.
pub fn baseline(roadmap: &Roadmap, milestone: &Milestone, state: &State<'_>) -> Option<Baseline> {
    baseline_as_recorded(roadmap, state.get(&Target::milestone(&roadmap.id, &milestone.id)))
}

/// `baseline`, from what the state records for the milestone (`recorded`).
pub fn baseline_as_recorded(roadmap: &Roadmap, recorded: Option<&TargetState<'_>>) -> Option<Baseline> {
    let first = recorded?.moves.first()?;
    Some(match first.from.as_deref() {
        Some(label) => Baseline::Due(Due::recorded(label, roadmap.year)),
        None => Baseline::Undated,
    })
}

/// A baseline in the JSON outputs: the due date as written, or null (when
/// it never moved, or had no date; `baseline_undated` tells the two apart).
#[allow(clippy::ref_option)] // serde's `serialize_with` passes the field by reference
pub fn baseline_label<S: serde::Serializer>(baseline: &Option<Baseline>, s: S) -> Result<S::Ok, S::Error> {
    match baseline.as_ref().and_then(Baseline::due) {
        Some(due) => s.serialize_str(due.label()),
        None => s.serialize_none(),
    }
}

/// A new due date for a milestone of `roadmap`, in any notation. Bare weeks
/// (`V21`) in a roadmap without a `year` are read in the years the plan
/// spans as it stands, and recorded as the ISO week they are (`2027-W21`),
/// so that they mean the same whatever happens to the plan later; when the
/// plan spans no year, or two years in which the week falls, the user is
/// asked for the ISO week.
pub fn read_move(text: &str, roadmap: &Roadmap, state: &State<'_>) -> Result<Due> {
    let due = Due::parse(text, roadmap.year).map_err(|e| {
        Error::refused(
            format!("`{text}` is not a due date: {e}"),
            e.hint.clone().unwrap_or_default(),
        )
    })?;
    let Span::UnplacedWeeks { first, last } = *due.span() else {
        return Ok(due);
    };
    let dated: Vec<(NaiveDate, NaiveDate)> = roadmap
        .milestones
        .iter()
        .filter_map(|m| {
            let due = due_now(roadmap, m, state)?;
            Some((due.start()?, due.anchor()?))
        })
        .collect();
    let Some(span_start) = dated.iter().map(|(s, _)| *s).min() else {
        return Err(Error::WeekWithoutYear {
            text: text.to_string(),
            roadmap: roadmap.id.clone(),
            week: first,
        });
    };
    let span_end = dated.iter().map(|(_, e)| *e).max().unwrap_or(span_start);
    let week = |year: i32, week: u32, weekday| NaiveDate::from_isoywd_opt(year, week, weekday);
    let candidates: Vec<i32> = (span_start.iso_week().year()..=span_end.iso_week().year())
        .filter(|&year| {
            let (Some(from), Some(to)) = (
                week(year, first, chrono::Weekday::Mon),
                week(year, last, chrono::Weekday::Sun),
            ) else {
                return false;
            };
            from <= span_end && to >= span_start
        })
        .collect();
    let [year] = candidates.as_slice() else {
        let years: Vec<String> = (span_start.iso_week().year()..=span_end.iso_week().year())
            .map(|y| format!("{y}-W{first:02}"))
            .collect();
        return Err(Error::refused(
            format!(
                "`{text}` has no year, and `{}` runs from {span_start} to {span_end}",
                roadmap.id
            ),
            format!("write the ISO week: {}", years.join(" or ")),
        ));
    };
    let label = if first == last {
        format!("{year}-W{first:02}")
    } else {
        format!("{year}-W{first:02}..{year}-W{last:02}")
    };
    Due::parse(&label, roadmap.year)
        .map_err(|e| Error::refused(format!("`{text}` is not a week of {year}: {e}"), "write the ISO week"))
}

/// The open milestones that come after `milestone` in `roadmap`: those that
/// depend on it, directly or through others, when the plan says what
/// depends on what; else every milestone after it in the plan. What
/// `reschedule --shift-following` moves along, and what a move without it
/// is checked against.
pub fn following<'r>(roadmap: &'r Roadmap, milestone: &Milestone, state: &State<'_>) -> Vec<&'r Milestone> {
    let open = |m: &Milestone| {
        let target = Target::milestone(&roadmap.id, &m.id);
        !matches!(
            state.mark(&target),
            crate::state::Mark::Done | crate::state::Mark::Skipped
        )
    };
    let after: Vec<&Milestone> = if roadmap.milestones.iter().any(|m| !m.depends_on.is_empty()) {
        let mut found: Vec<&str> = vec![milestone.id.as_str()];
        let mut i = 0;
        while i < found.len() {
            let id = found[i];
            for m in &roadmap.milestones {
                if m.depends_on.iter().any(|d| d == id) && !found.contains(&m.id.as_str()) {
                    found.push(&m.id);
                }
            }
            i += 1;
        }
        roadmap
            .milestones
            .iter()
            .filter(|m| m.id != milestone.id && found.contains(&m.id.as_str()))
            .collect()
    } else {
        roadmap
            .milestones
            .iter()
            .skip_while(|m| m.id != milestone.id)
            .skip(1)
            .collect()
    };
    after.into_iter().filter(|m| open(m)).collect()
}

/// `due` moved by `weeks` whole weeks, written as an ISO week or range of
/// weeks (a due date in weeks) or days (one in days); `None` for a due date
/// in months, quarters or longer, or without dates, which a number of weeks
/// does not move to a date of its own kind.
pub fn shifted(due: &Due, weeks: i64) -> Option<String> {
    use crate::due::Precision;
    let (Span::Dated { start, end: Some(end) }, Some(precision)) = (due.span(), due.precision()) else {
        return None;
    };
    let by = chrono::Duration::weeks(weeks);
    let (start, end) = (*start + by, *end + by);
    let week = |day: NaiveDate| {
        let w = day.iso_week();
        format!("{}-W{:02}", w.year(), w.week())
    };
    let range = |a: String, b: String| if a == b { a } else { format!("{a}..{b}") };
    match precision {
        Precision::Week => Some(range(week(start), week(end))),
        Precision::Day => Some(range(start.to_string(), end.to_string())),
        _ => None,
    }
}

/// Whole weeks from `from` to `to` (by their ends, else starts), rounded
/// to the nearest week.
pub fn weeks_between(from: &Due, to: &Due) -> Option<i64> {
    let days = (to.anchor()? - from.anchor()?).num_days();
    Some((days + 3).div_euclid(7))
}

#[cfg(test)]
mod shift_tests {
    use super::*;

    #[test]
    fn a_move_in_weeks_moves_weeks_and_days_and_leaves_months() {
        let due = |t: &str| Due::parse(t, Some(2027)).unwrap();
        // 2027-W18..W19 three weeks on is W21..W22 (by hand: 18 + 3, 19 + 3).
        assert_eq!(
            shifted(&due("2027-W18..2027-W19"), 3).as_deref(),
            Some("2027-W21..2027-W22")
        );
        // Across a year: 2027-W51 + 2 is 2028-W01 (2027 has 52 ISO weeks).
        assert_eq!(shifted(&due("2027-W51"), 2).as_deref(), Some("2028-W01"));
        // 2027-04-30 two weeks on is 2027-05-14.
        assert_eq!(shifted(&due("2027-04-30"), 2).as_deref(), Some("2027-05-14"));
        assert_eq!(shifted(&due("HT2027"), 2), None);
        assert_eq!(shifted(&due("2027-05"), 2), None);
        // V14-15 to V18-19: four weeks.
        assert_eq!(weeks_between(&due("V14-15"), &due("V18-19")), Some(4));
    }
}
