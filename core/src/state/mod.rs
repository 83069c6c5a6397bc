//! What has happened: the state file's log of changes, folded into the
//! current mark of every milestone and step.
//!
//! The fold is order-independent: changes are applied sorted by time (then
//! id), and a change seen twice counts once, so any git merge of two logs
//! gives the same state whatever order the lines end up in.

pub mod change;
pub mod event;
pub mod file;

use std::collections::HashMap;

pub use event::{Event, Op};

/// The current mark of one milestone or step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    #[default]
    Open,
    Done,
    Skipped,
}

impl Mark {
    /// "open", "done" or "skipped", as the JSON and CSV outputs write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Open => "open",
            Mark::Done => "done",
            Mark::Skipped => "skipped",
        }
    }
}

/// Everything recorded about one target.
#[derive(Debug, Default, Clone)]
pub struct TargetState<'a> {
    pub mark: Mark,
    /// The change that set the mark, if any.
    pub last: Option<&'a Event>,
    /// Every change with a note, oldest first.
    pub notes: Vec<&'a Event>,
    /// Every move of the due date, oldest first.
    pub moves: Vec<&'a Event>,
}

impl TargetState<'_> {
    /// The due date the plan had before its first move, if it ever moved.
    /// `Some(None)`: it had no due date at first.
    pub fn baseline(&self) -> Option<Option<&str>> {
        self.moves.first().map(|e| e.from.as_deref())
    }
}

/// Two changes to one target made without seeing each other, that disagree.
#[derive(Debug)]
pub struct Contradiction<'a> {
    pub target: &'a str,
    /// The one the merge rule keeps: the later by time, then by id.
    pub kept: &'a Event,
    pub overruled: Vec<&'a Event>,
}

/// The state folded from a log.
#[derive(Debug, Default)]
pub struct State<'a> {
    targets: HashMap<&'a str, TargetState<'a>>,
    /// Every change in the order they are applied.
    pub ordered: Vec<&'a Event>,
}

impl<'a> State<'a> {
    pub fn fold(events: &'a [Event]) -> State<'a> {
        let mut ordered: Vec<&Event> = events.iter().collect();
        ordered.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        ordered.dedup_by(|a, b| a.id == b.id);
        let mut targets: HashMap<&str, TargetState> = HashMap::with_capacity(ordered.len());
        for event in &ordered {
            let target = targets.entry(event.target.as_str()).or_default();
            match event.op {
                Op::Done => target.mark = Mark::Done,
                Op::Reopen => target.mark = Mark::Open,
                Op::Skip => target.mark = Mark::Skipped,
                Op::Note => {}
                Op::Reschedule => target.moves.push(event),
            }
            if event.op.sets_state() {
                target.last = Some(event);
            }
            if event.note.is_some() {
                target.notes.push(event);
            }
        }
        State { targets, ordered }
    }

    pub fn get(&self, target: &str) -> Option<&TargetState<'a>> {
        self.targets.get(target)
    }

    pub fn mark(&self, target: &str) -> Mark {
        self.targets.get(target).map_or(Mark::Open, |t| t.mark)
    }

    pub fn targets(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.targets.keys().copied()
    }

    /// The roadmaps that have recorded changes.
    pub fn roadmaps(&self) -> std::collections::HashSet<&'a str> {
        self.targets().filter_map(|t| t.split('/').next()).collect()
    }

    /// Changes made independently (the same `prev`) that set different marks.
    pub fn contradictions(&self) -> Vec<Contradiction<'a>> {
        let mut forks: HashMap<(&str, Option<&str>), Vec<&Event>> = HashMap::new();
        for event in self.ordered.iter().filter(|e| e.op.sets_state()) {
            forks
                .entry((event.target.as_str(), event.prev.as_deref()))
                .or_default()
                .push(event);
        }
        let mut found: Vec<Contradiction> = forks
            .into_iter()
            .filter(|(_, events)| events.iter().any(|e| e.op != events[0].op))
            .map(|((target, _), mut events)| {
                let kept = events.pop().expect("a fork has events");
                Contradiction {
                    target,
                    kept,
                    overruled: events,
                }
            })
            .collect();
        found.sort_by(|a, b| (a.target, a.kept.at).cmp(&(b.target, b.kept.at)));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, at: &str, op: Op, target: &str, prev: Option<&str>) -> Event {
        Event {
            id: id.into(),
            at: at.parse().unwrap(),
            by: "anna".into(),
            op,
            target: target.into(),
            note: None,
            on: None,
            prev: prev.map(Into::into),
            from: None,
            to: None,
        }
    }

    #[test]
    fn later_change_wins_whatever_the_line_order() {
        let a = event("a", "2026-11-20T10:00:00Z", Op::Done, "r/m/1", None);
        let b = event("b", "2026-11-20T11:00:00Z", Op::Reopen, "r/m/1", Some("a"));
        for events in [
            vec![a.clone(), b.clone()],
            vec![b.clone(), a.clone()],
            vec![b.clone(), a.clone(), b.clone()],
        ] {
            assert_eq!(State::fold(&events).mark("r/m/1"), Mark::Open);
        }
        assert!(State::fold(&[a, b]).contradictions().is_empty());
    }

    #[test]
    fn independent_disagreeing_changes_are_a_contradiction_resolved_by_time() {
        let base = event("a", "2026-11-20T10:00:00Z", Op::Done, "r/m/1", None);
        let reopened = event("b", "2026-11-21T10:00:00Z", Op::Reopen, "r/m/1", Some("a"));
        let skipped = event("c", "2026-11-21T09:00:00Z", Op::Skip, "r/m/1", Some("a"));
        let events = [base, skipped, reopened];
        let state = State::fold(&events);
        assert_eq!(state.mark("r/m/1"), Mark::Open);
        let found = state.contradictions();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kept.id, "b");
        assert_eq!(found[0].overruled[0].id, "c");
    }

    #[test]
    fn the_same_tick_on_two_branches_is_no_contradiction() {
        let one = event("a", "2026-11-20T10:00:00Z", Op::Done, "r/m/1", None);
        let two = event("b", "2026-11-20T10:05:00Z", Op::Done, "r/m/1", None);
        let events = [one, two];
        let state = State::fold(&events);
        assert_eq!(state.mark("r/m/1"), Mark::Done);
        assert!(state.contradictions().is_empty());
    }
}
