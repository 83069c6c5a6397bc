//! Turning what the user asked for into new events: what a request on a
//! milestone means for its steps (`expand`), the pins that keep changes
//! recorded by a step's place on their step (`pins`), and only changes that
//! change something, each linked to the change it follows (`events_for`).

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::event::{Event, Op, new_id};
use super::{Mark, State};
use crate::address::Address;
use crate::roadmap::Milestone;

/// One requested change to one target: a milestone's address, or a step's
/// key (`Address::target`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    pub target: String,
    pub op: Option<Op>,
    pub note: Option<String>,
    /// For a reschedule, the due date before; absent when there was none.
    pub from: Option<String>,
    /// For a reschedule, the due date after; for a rekey, the new target.
    pub to: Option<String>,
    /// For a step, its text now, kept with the change for people to read.
    pub text: Option<String>,
    /// For a risk, the fields it sets.
    pub risk: Option<super::event::RiskFields>,
}

impl Change {
    pub fn new(target: String, op: Op) -> Change {
        Change {
            target,
            op: Some(op),
            ..Change::default()
        }
    }

    /// The change `op` to `address` in `milestone`, with the step's text.
    pub fn at(address: &Address, milestone: &Milestone, op: Op, note: Option<&str>) -> Change {
        Change {
            note: note.map(str::to_string),
            text: address
                .step
                .and_then(|i| milestone.steps.get(i - 1))
                .map(|s| s.text.clone()),
            ..Change::new(address.target(milestone), op)
        }
    }
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
/// `reopen` reopens it and every step that is done. A skipped step stays
/// skipped ("not applicable here" is a decision): reopen it by its own address.
pub fn expand(state: &State<'_>, address: &Address, milestone: &Milestone, op: Op, note: Option<&str>) -> Vec<Change> {
    let change = |address: &Address| Change::at(address, milestone, op, note);
    if address.step.is_some() || milestone.steps.is_empty() || matches!(op, Op::Skip | Op::Note) {
        return vec![change(address)];
    }
    let steps: Vec<(Address, Mark)> = (1..=milestone.steps.len())
        .map(|i| {
            let step = Address::step_of(&address.roadmap, milestone, i);
            let mark = state.mark(&step.target(milestone));
            (step, mark)
        })
        .collect();
    let own = state.mark(&address.target(milestone));
    match op {
        Op::Done => {
            let any_done = steps.iter().any(|(_, m)| *m == Mark::Done);
            let mut changes: Vec<Change> = steps
                .iter()
                .filter(|(_, m)| *m == Mark::Open)
                .map(|(s, _)| change(s))
                .collect();
            // Ticking the steps is not enough when the milestone was skipped as
            // a whole, or when every step was skipped: mark the milestone itself.
            if own == Mark::Skipped || (changes.is_empty() && !any_done) {
                changes.insert(0, change(address));
            }
            changes
        }
        Op::Reopen => std::iter::once(change(address))
            .chain(steps.iter().filter(|(_, m)| *m == Mark::Done).map(|(s, _)| change(s)))
            .collect(),
        _ => vec![change(address)],
    }
}

/// Rekeys that pin each change recorded by a step's place (as state files
/// written before step keys have them) to the key of the step at that place
/// now, so that inserting or moving steps later does not move it. Only
/// places not pinned before, and only those the roadmaps still have.
pub fn pins(state: &State<'_>) -> Vec<Change> {
    let pinned: HashSet<&str> = state
        .ordered
        .iter()
        .filter(|c| c.event.op == Op::Rekey)
        .map(|c| c.event.target.as_str())
        .collect();
    let mut seen = HashSet::new();
    state
        .ordered
        .iter()
        .filter(|c| c.matched && c.event.op != Op::Rekey && is_by_place(&c.event.target))
        .filter(|c| !pinned.contains(c.event.target.as_str()) && seen.insert(c.event.target.as_str()))
        .map(|c| Change {
            to: Some(c.target.clone()),
            ..Change::new(c.event.target.clone(), Op::Rekey)
        })
        .collect()
}

/// Whether a recorded target names a step by its place: `ROADMAP/MILESTONE/N`.
fn is_by_place(target: &str) -> bool {
    let mut parts = target.split('/');
    let step = parts.nth(2);
    parts.next().is_none() && step.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
}

/// The events that carry out `changes` on the folded `state`, leaving out
/// any that would not change the target's mark (a step already done stays as
/// it is). A note, a move or a rekey is always recorded.
pub fn events_for(state: &State<'_>, changes: &[Change], author: &Author) -> Vec<Event> {
    // Marks as they will be after the events planned so far, so asking for
    // the same step twice in one command records it once.
    let mut planned: std::collections::HashMap<&str, (Mark, String, DateTime<Utc>)> = std::collections::HashMap::new();
    let mut moved: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    let mut events = Vec::new();
    // Each change of one command a microsecond after the one before, so they
    // keep the order they were asked in.
    let mut clock = author.now;
    for change in changes {
        let Some(op) = change.op else { continue };
        let current = state.get(&change.target);
        let (mark, prev, last_at) = match planned.get(change.target.as_str()) {
            Some((mark, id, at)) => (*mark, Some(id.clone()), Some(*at)),
            None => (
                current.map_or(Mark::Open, |t| t.mark),
                current.and_then(|t| t.last).map(|e| e.id.clone()),
                current.and_then(|t| t.last).map(|e| e.at),
            ),
        };
        let wanted = match op {
            Op::Done => Some(Mark::Done),
            Op::Reopen => Some(Mark::Open),
            Op::Skip => Some(Mark::Skipped),
            Op::Note | Op::Reschedule | Op::Rekey | Op::Risk => None,
        };
        if wanted == Some(mark) {
            continue;
        }
        // Changes are ordered by time when folded; a clock that went backwards
        // must not put this change before the one it follows.
        let last_move = current.and_then(|t| t.moves.last());
        let after = last_at.max(last_move.map(|e| e.at));
        let at = match after {
            Some(last) if last >= clock => last + Duration::microseconds(1),
            _ => clock,
        };
        clock = at + Duration::microseconds(1);
        let prev = match op {
            o if o.sets_state() => prev,
            // A move follows the last move that counts, so that two moves made
            // without seeing each other are told apart from one after another.
            Op::Reschedule => moved
                .get(change.target.as_str())
                .cloned()
                .or_else(|| last_move.map(|e| e.id.clone())),
            _ => None,
        };
        let event = Event {
            id: new_id(),
            at,
            by: author.by.clone(),
            op,
            target: change.target.clone(),
            note: change.note.clone(),
            on: if op == Op::Done { author.on } else { None },
            prev,
            from: change.from.clone(),
            to: change.to.clone(),
            text: change.text.clone(),
            risk: change.risk.clone(),
        };
        if let Some(wanted) = wanted {
            planned.insert(change.target.as_str(), (wanted, event.id.clone(), at));
        }
        if op == Op::Reschedule {
            moved.insert(change.target.as_str(), event.id.clone());
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
    use crate::state::AsRecorded;

    fn author() -> Author {
        Author {
            by: "anna".into(),
            now: "2026-11-22T10:00:00Z".parse().unwrap(),
            on: None,
        }
    }

    #[test]
    fn records_only_what_changes_and_links_each_to_the_last() {
        let first = events_for(
            &State::default(),
            &[
                Change::new("r/m/a".into(), Op::Done),
                Change::new("r/m/a".into(), Op::Done),
            ],
            &author(),
        );
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].prev, None);
        let state = State::fold(&first, &AsRecorded);
        assert!(events_for(&state, &[Change::new("r/m/a".into(), Op::Done)], &author()).is_empty());
        let reopen = events_for(&state, &[Change::new("r/m/a".into(), Op::Reopen)], &author());
        assert_eq!(reopen[0].prev.as_deref(), Some(first[0].id.as_str()));
        // Same clock reading as the change it follows: nudged after it.
        assert!(reopen[0].at > first[0].at);
    }

    #[test]
    fn notes_are_always_recorded() {
        let note = Change {
            note: Some("klart".into()),
            ..Change::new("r/m".into(), Op::Note)
        };
        assert_eq!(events_for(&State::default(), &[note.clone(), note], &author()).len(), 2);
    }

    #[test]
    fn a_move_follows_the_last_move() {
        let first = events_for(
            &State::default(),
            &[Change::new("r/m".into(), Op::Reschedule)],
            &author(),
        );
        let state = State::fold(&first, &AsRecorded);
        let second = events_for(&state, &[Change::new("r/m".into(), Op::Reschedule)], &author());
        assert_eq!(second[0].prev.as_deref(), Some(first[0].id.as_str()));
    }

    #[test]
    fn places_are_told_from_keys() {
        assert!(is_by_place("r/m/2"));
        assert!(!is_by_place("r/m/kickoff"));
        assert!(!is_by_place("r/m/~0a1b2c3d4e5f"));
        assert!(!is_by_place("r/m"));
    }
}
