//! Turning what the user asked for into new events: what a request on a
//! milestone means for its steps (`expand`), the pins that keep changes
//! recorded by a step's place on their step (`pins`), and only changes that
//! change something, each linked to the change it follows (`events_for`).

use foldhash::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::event::{CostFields, Event, Op, RiskFields, new_id};
use super::{Mark, State};
use crate::address::Address;
use crate::roadmap::Milestone;
use crate::target::Target;

/// One requested change to one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new mark (done, open again, or skipped) for a milestone or a step,
    /// with a note; for a step, its text now, kept for people to read.
    Mark {
        target: Target,
        to: Mark,
        note: Option<String>,
        text: Option<String>,
    },
    /// A note alone; the mark stays.
    Note {
        target: Target,
        note: String,
        text: Option<String>,
    },
    /// A milestone's due date moved, from the date it had (none when it had
    /// none) to a new one, both as written.
    Reschedule {
        target: Target,
        from: Option<String>,
        to: String,
        note: Option<String>,
    },
    /// The changes recorded under `recorded` (a step, or a milestone and its
    /// steps) count for `counts_for` from now on.
    Rekey { recorded: Target, counts_for: Target },
    /// The roadmap `from` is `to` now: what was recorded under `from` so far
    /// counts for `to`.
    Rename { from: Target, to: Target },
    /// A risk added or changed: the fields it sets.
    Risk {
        target: Target,
        fields: RiskFields,
        note: Option<String>,
    },
    /// Money on a plan: an amount spent (on the author's day, else the day
    /// it is recorded), a new forecast, or both.
    Cost {
        target: Target,
        fields: CostFields,
        note: Option<String>,
    },
}

/// What a person asks of a milestone or a step: a new mark, or a note alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Mark(Mark),
    Note,
}

impl Change {
    /// The change `ask` on `address` (in `milestone`), with `note`.
    pub fn asked(address: &Address, milestone: &Milestone, ask: Ask, note: Option<&str>) -> Change {
        let target = address.target(milestone);
        let text = address
            .step
            .and_then(|i| milestone.steps.get(i - 1))
            .map(|s| s.text.to_string());
        match ask {
            Ask::Mark(to) => Change::Mark {
                target,
                to,
                note: note.map(str::to_string),
                text,
            },
            Ask::Note => Change::Note {
                target,
                note: note.unwrap_or_default().to_string(),
                text,
            },
        }
    }

    fn target(&self) -> &Target {
        match self {
            Change::Mark { target, .. }
            | Change::Note { target, .. }
            | Change::Reschedule { target, .. }
            | Change::Risk { target, .. }
            | Change::Cost { target, .. } => target,
            Change::Rekey { recorded, .. } => recorded,
            Change::Rename { from, .. } => from,
        }
    }

    /// The op the state file records it as.
    fn op(&self) -> Op {
        match self {
            Change::Mark { to: Mark::Done, .. } => Op::Done,
            Change::Mark { to: Mark::Open, .. } => Op::Reopen,
            Change::Mark { to: Mark::Skipped, .. } => Op::Skip,
            Change::Note { .. } => Op::Note,
            Change::Reschedule { .. } => Op::Reschedule,
            Change::Rekey { .. } => Op::Rekey,
            Change::Rename { .. } => Op::Rename,
            Change::Risk { .. } => Op::Risk,
            Change::Cost { .. } => Op::Cost,
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

/// The changes one request (`ask`) on `address` asks for. A milestone with steps is done when all its steps
/// are, so done on it ticks each open step; reopening it reopens it and every
/// step that is done. A skipped step stays skipped ("not applicable here" is
/// a decision): reopen it by its own address.
pub fn expand(
    state: &State<'_>,
    address: &Address,
    milestone: &Milestone,
    ask: Ask,
    note: Option<&str>,
) -> Vec<Change> {
    let change = |address: &Address| Change::asked(address, milestone, ask, note);
    if address.step.is_some() || milestone.steps.is_empty() || matches!(ask, Ask::Note | Ask::Mark(Mark::Skipped)) {
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
    match ask {
        Ask::Mark(Mark::Done) => {
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
        Ask::Mark(Mark::Open) => std::iter::once(change(address))
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
    let pinned: HashSet<&Target> = state
        .ordered
        .iter()
        .filter(|c| c.event.op == Op::Rekey)
        .map(|c| &c.event.target)
        .collect();
    let mut seen = HashSet::default();
    state
        .ordered
        .iter()
        .filter(|c| c.matched && c.event.op != Op::Rekey && c.event.target.is_by_place())
        .filter(|c| !pinned.contains(&c.event.target) && seen.insert(&c.event.target))
        .map(|c| Change::Rekey {
            recorded: c.event.target.clone(),
            counts_for: c.target.clone(),
        })
        .collect()
}

/// The events that carry out `changes` on the folded `state`, leaving out
/// any that would not change the target's mark (a step already done stays as
/// it is). A note, a move, a rekey or a risk change is always recorded.
pub fn events_for(state: &State<'_>, changes: &[Change], author: &Author) -> Vec<Event> {
    // Marks as they will be after the events planned so far, so asking for
    // the same step twice in one command records it once.
    let mut planned: HashMap<&Target, (Mark, String, DateTime<Utc>)> = HashMap::default();
    let mut moved: HashMap<&Target, String> = HashMap::default();
    let mut events = Vec::new();
    // Each change of one command a microsecond after the one before, so they
    // keep the order they were asked in.
    let mut clock = author.now;
    for change in changes {
        let target = change.target();
        let op = change.op();
        let current = state.get(target);
        let (mark, prev, last_at) = match planned.get(target) {
            Some((mark, id, at)) => (*mark, Some(id.clone()), Some(*at)),
            None => (
                current.map_or(Mark::Open, |t| t.mark),
                current.and_then(|t| t.last).map(|e| e.id.clone()),
                current.and_then(|t| t.last).map(|e| e.at),
            ),
        };
        let wanted = match change {
            Change::Mark { to, .. } => Some(*to),
            _ => None,
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
        let prev = match change {
            Change::Mark { .. } => prev,
            // A move follows the last move that counts, so that two moves made
            // without seeing each other are told apart from one after another.
            Change::Reschedule { .. } => moved.get(target).cloned().or_else(|| last_move.map(|e| e.id.clone())),
            _ => None,
        };
        let mut event = Event {
            id: new_id(),
            at,
            by: author.by.clone(),
            op,
            target: target.clone(),
            note: None,
            on: None,
            prev,
            from: None,
            to: None,
            text: None,
            risk: None,
            cost: None,
        };
        match change {
            Change::Mark { note, text, to, .. } => {
                event.note.clone_from(note);
                event.text.clone_from(text);
                event.on = if *to == Mark::Done { author.on } else { None };
            }
            Change::Note { note, text, .. } => {
                event.note = Some(note.clone());
                event.text.clone_from(text);
            }
            Change::Reschedule { from, to, note, .. } => {
                event.from.clone_from(from);
                event.to = Some(to.clone());
                event.note.clone_from(note);
            }
            Change::Rekey { counts_for, .. } => event.to = Some(counts_for.to_string()),
            Change::Rename { to, .. } => event.to = Some(to.to_string()),
            Change::Risk { fields, note, .. } => {
                event.risk = Some(Box::new(fields.clone()));
                event.note.clone_from(note);
            }
            Change::Cost { fields, note, .. } => {
                event.cost = Some(Box::new(fields.clone()));
                event.on = author.on;
                event.note.clone_from(note);
            }
        }
        if let Some(wanted) = wanted {
            planned.insert(target, (wanted, event.id.clone(), at));
        }
        if op == Op::Reschedule {
            moved.insert(target, event.id.clone());
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

    fn target(text: &str) -> Target {
        text.parse().unwrap()
    }

    fn mark(text: &str, to: Mark) -> Change {
        Change::Mark {
            target: target(text),
            to,
            note: None,
            text: None,
        }
    }

    fn reschedule(text: &str) -> Change {
        Change::Reschedule {
            target: target(text),
            from: None,
            to: "2027-W20".into(),
            note: None,
        }
    }

    #[test]
    fn records_only_what_changes_and_links_each_to_the_last() {
        let first = events_for(
            &State::default(),
            &[mark("r/m/a", Mark::Done), mark("r/m/a", Mark::Done)],
            &author(),
        );
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].prev, None);
        let state = State::fold(&first, &AsRecorded);
        assert!(events_for(&state, &[mark("r/m/a", Mark::Done)], &author()).is_empty());
        let reopen = events_for(&state, &[mark("r/m/a", Mark::Open)], &author());
        assert_eq!(reopen[0].prev.as_deref(), Some(first[0].id.as_str()));
        // Same clock reading as the change it follows: nudged after it.
        assert!(reopen[0].at > first[0].at);
    }

    #[test]
    fn notes_are_always_recorded() {
        let note = Change::Note {
            target: target("r/m"),
            note: "klart".into(),
            text: None,
        };
        assert_eq!(events_for(&State::default(), &[note.clone(), note], &author()).len(), 2);
    }

    #[test]
    fn a_move_follows_the_last_move() {
        let first = events_for(&State::default(), &[reschedule("r/m")], &author());
        let state = State::fold(&first, &AsRecorded);
        let second = events_for(&state, &[reschedule("r/m")], &author());
        assert_eq!(second[0].prev.as_deref(), Some(first[0].id.as_str()));
    }
}
