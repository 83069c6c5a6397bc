//! Turning what the user asked for into new events: what a request on a
//! milestone means for its steps (`expand`), and only changes that change
//! something, each linked to the change it follows (`events_for`).

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::event::{Event, Op, new_id};
use super::{Mark, State};
use crate::address::Address;
use crate::roadmap::Milestone;

/// One requested change to one target (a milestone or step address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub target: String,
    pub op: Op,
    pub note: Option<String>,
    /// For a reschedule: the due date before and after.
    pub moved: Option<(Option<String>, String)>,
}

/// Who and when, shared by all changes of one command.
#[derive(Debug, Clone)]
pub struct Author {
    pub by: String,
    pub now: DateTime<Utc>,
    pub on: Option<NaiveDate>,
}

/// The changes one request on `address` asks for. A milestone with steps is
/// done when all its steps are, so `done` on it ticks each open step;
/// `reopen` reopens it and every closed step.
pub fn expand(state: &State<'_>, address: &Address, milestone: &Milestone, op: Op, note: Option<&str>) -> Vec<Change> {
    let change = |target: String| Change {
        target,
        op,
        note: note.map(str::to_string),
        moved: None,
    };
    if address.step.is_some() || milestone.steps.is_empty() || matches!(op, Op::Skip | Op::Note | Op::Reschedule) {
        return vec![change(address.to_string())];
    }
    let own = address.to_string();
    let steps = (1..=milestone.steps.len()).map(|i| address.step(i).to_string());
    match op {
        Op::Done => {
            let steps: Vec<String> = steps.collect();
            let any_done = steps.iter().any(|s| state.mark(s) == Mark::Done);
            let mut changes: Vec<Change> = steps
                .into_iter()
                .filter(|s| state.mark(s) == Mark::Open)
                .map(change)
                .collect();
            // Ticking the steps is not enough when the milestone was skipped as
            // a whole, or when every step was skipped: mark the milestone itself.
            if state.mark(&own) == Mark::Skipped || (changes.is_empty() && !any_done) {
                changes.insert(0, change(own));
            }
            changes
        }
        _ => std::iter::once(own).chain(steps).map(change).collect(),
    }
}

/// The events that carry out `changes` on the folded `state`, leaving out
/// any that would not change the target's mark (a step already done stays as
/// it is). A note-only change is always recorded.
pub fn events_for(state: &State<'_>, changes: &[Change], author: &Author) -> Vec<Event> {
    // Marks as they will be after the events planned so far, so asking for
    // the same step twice in one command records it once.
    let mut planned: std::collections::HashMap<&str, (Mark, String, DateTime<Utc>)> = std::collections::HashMap::new();
    let mut events = Vec::new();
    // Each change of one command a microsecond after the one before, so they
    // keep the order they were asked in.
    let mut clock = author.now;
    for change in changes {
        let current = state.get(&change.target);
        let (mark, prev, last_at) = match planned.get(change.target.as_str()) {
            Some((mark, id, at)) => (*mark, Some(id.clone()), Some(*at)),
            None => (
                current.map_or(Mark::Open, |t| t.mark),
                current.and_then(|t| t.last).map(|e| e.id.clone()),
                current.and_then(|t| t.last).map(|e| e.at),
            ),
        };
        let wanted = match change.op {
            Op::Done => Some(Mark::Done),
            Op::Reopen => Some(Mark::Open),
            Op::Skip => Some(Mark::Skipped),
            Op::Note | Op::Reschedule => None,
        };
        if wanted == Some(mark) {
            continue;
        }
        // Changes are ordered by time when folded; a clock that went backwards
        // must not put this change before the one it follows.
        let at = match last_at {
            Some(last) if last >= clock => last + Duration::microseconds(1),
            _ => clock,
        };
        clock = at + Duration::microseconds(1);
        let event = Event {
            id: new_id(),
            at,
            by: author.by.clone(),
            op: change.op,
            target: change.target.clone(),
            note: change.note.clone(),
            on: if change.op == Op::Done { author.on } else { None },
            prev: if change.op.sets_state() { prev } else { None },
            from: change.moved.as_ref().and_then(|(from, _)| from.clone()),
            to: change.moved.as_ref().map(|(_, to)| to.clone()),
        };
        if let Some(wanted) = wanted {
            planned.insert(change.target.as_str(), (wanted, event.id.clone(), at));
        }
        events.push(event);
    }
    events
}

/// Now, to the microsecond: fine enough that two commands in a row are ordered.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now - Duration::nanoseconds(i64::from(now.timestamp_subsec_nanos() % 1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author() -> Author {
        Author {
            by: "anna".into(),
            now: "2026-11-22T10:00:00Z".parse().unwrap(),
            on: None,
        }
    }

    fn change(target: &str, op: Op) -> Change {
        Change {
            target: target.into(),
            op,
            note: None,
            moved: None,
        }
    }

    #[test]
    fn records_only_what_changes_and_links_each_to_the_last() {
        let first = events_for(
            &State::default(),
            &[change("r/m/1", Op::Done), change("r/m/1", Op::Done)],
            &author(),
        );
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].prev, None);
        assert!(events_for(&State::fold(&first), &[change("r/m/1", Op::Done)], &author()).is_empty());
        let reopen = events_for(&State::fold(&first), &[change("r/m/1", Op::Reopen)], &author());
        assert_eq!(reopen[0].prev.as_deref(), Some(first[0].id.as_str()));
        // Same clock reading as the change it follows: nudged after it.
        assert!(reopen[0].at > first[0].at);
    }

    #[test]
    fn notes_are_always_recorded() {
        let note = Change {
            target: "r/m".into(),
            op: Op::Note,
            note: Some("klart".into()),
            moved: None,
        };
        assert_eq!(events_for(&State::default(), &[note.clone(), note], &author()).len(), 2);
    }
}
