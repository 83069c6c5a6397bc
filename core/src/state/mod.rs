//! What has happened: the state file's log of changes, folded into the
//! current mark of every milestone and step.
//!
//! The fold is order-independent: changes are applied sorted by time (then
//! id), and a change seen twice counts once, so any git merge of two logs
//! gives the same state whatever order the lines end up in.

pub mod change;
pub mod event;
pub mod file;
pub mod forget;
pub mod record;

use foldhash::HashMap;
use std::borrow::Borrow;

pub use crate::address::{AsRecorded, Targets};
use crate::target::Target;
pub use event::{CostFields, Event, Op, RiskFields};

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
    /// The moves of the due date that count, oldest first: a move made
    /// independently of a later one (on another branch) does not.
    pub moves: Vec<&'a Event>,
}

impl TargetState<'_> {
    /// The due date as last moved, as written (`None` when it never moved).
    pub fn moved_to(&self) -> Option<&str> {
        self.moves.last().and_then(|e| e.to.as_deref())
    }
}

/// Two changes to one target made without seeing each other, that disagree.
#[derive(Debug)]
pub struct Contradiction<'a> {
    pub target: &'a Target,
    /// The one the merge rule keeps: the later by time, then by id.
    pub kept: &'a Event,
    pub overruled: Vec<&'a Event>,
}

/// A change as it counts: the line, and the target it counts for now.
#[derive(Debug, Clone)]
pub struct Counted<'a> {
    pub event: &'a Event,
    /// What the recorded target is now: a milestone, or a step by its key
    /// (`ROADMAP/MILESTONE/KEY`); the target as recorded when it matches nothing.
    pub target: Target,
    /// Whether the target is still in the plan.
    pub matched: bool,
}

/// What `target` counts for after the rekeys: its own, else its
/// milestone's (a milestone re-attached takes its steps along).
fn rekey(rekeyed: &HashMap<&Target, Target>, target: &Target) -> Target {
    // Most logs have no rekeys: nothing to look up, nor a milestone's
    // target to make for it.
    if rekeyed.is_empty() {
        return target.clone();
    }
    if let Some(to) = rekeyed.get(target) {
        return to.clone();
    }
    match (target.milestone_target(), target.step_key()) {
        (Some(milestone), Some(key)) => match rekeyed
            .get(&milestone)
            .and_then(|to| to.milestone_id().map(|m| (to, m)))
        {
            Some((to, m)) => Target::step(to.roadmap(), m, key),
            None => target.clone(),
        },
        _ => target.clone(),
    }
}

/// The renames of whole roadmaps in a log, in the order they count.
struct Renames<'a> {
    /// (place in the sorted log, old id, new id)
    renames: Vec<(usize, &'a str, &'a str)>,
}

impl<'a> Renames<'a> {
    fn of(sorted: &[&'a Event]) -> Renames<'a> {
        let renames = sorted
            .iter()
            .enumerate()
            .filter_map(|(place, e)| Some((place, e.target.roadmap(), e.renamed_to()?)))
            .collect();
        Renames { renames }
    }

    /// The id a change at `place` under the roadmap `id` counts for: every
    /// rename after it, in order (a rename back undoes one), or `None` when
    /// no rename after it is of its roadmap.
    fn after(&self, place: usize, id: &str) -> Option<&'a str> {
        let mut now: Option<&'a str> = None;
        for &(_, from, to) in self.renames.iter().filter(|(at, ..)| *at > place) {
            if now.unwrap_or(id) == from {
                now = Some(to);
            }
        }
        now.filter(|n| *n != id)
    }
}

/// The state folded from a log.
#[derive(Debug, Default)]
pub struct State<'a> {
    targets: HashMap<Target, TargetState<'a>>,
    /// Every change in the order they are applied, with what it counts for.
    pub ordered: Vec<Counted<'a>>,
    /// Where each plan's cost changes are in `ordered`, by the id they count
    /// for now: a plan's money is read without going through every change.
    costs: HashMap<String, Vec<usize>>,
}

impl<'a> State<'a> {
    /// Applies `events` in time order (then by id), each once, to the targets
    /// they count for now (`targets`).
    pub fn fold(events: &'a [Event], targets: &impl Targets) -> State<'a> {
        State::fold_until(events, targets, None)
    }

    /// Like `fold`, with only the changes recorded on or before `last_day`
    /// (UTC): the state as it was then, as a report of a past period shows it.
    pub fn fold_until(events: &'a [Event], targets: &impl Targets, last_day: Option<chrono::NaiveDate>) -> State<'a> {
        // Room for every change (a filter hides the count from `collect`,
        // which would grow the list by doubling).
        let mut sorted: Vec<&Event> = Vec::with_capacity(events.len());
        sorted.extend(
            events
                .iter()
                .filter(|e| last_day.is_none_or(|day| e.at.date_naive() <= day)),
        );
        sorted.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        sorted.dedup_by(|a, b| a.id == b.id);
        // A rekey says where the changes recorded under a target (a step, or
        // a milestone with its steps) count from now on; the latest one for
        // a target wins, as for any change.
        let mut rekeyed: HashMap<&Target, Target> = HashMap::default();
        for event in sorted.iter().filter(|e| e.op == Op::Rekey) {
            if let Some(to) = event.rekey_to() {
                rekeyed.insert(&event.target, to);
            }
        }
        let renames = Renames::of(&sorted);
        // Room for a target per change: grown by doubling, the map was
        // rehashed into fresh memory at each step (4 % of a 10k `status`).
        let mut resolved: HashMap<Target, Option<Target>> =
            HashMap::with_capacity_and_hasher(sorted.len(), foldhash::fast::RandomState::default());
        let ordered: Vec<Counted> = sorted
            .into_iter()
            .enumerate()
            .map(|(place, event)| {
                let recorded = rekey(&rekeyed, &event.target);
                let recorded = match renames.after(place, recorded.roadmap()) {
                    Some(roadmap) => rekey(&rekeyed, &recorded.in_roadmap(roadmap)),
                    None => recorded,
                };
                // A risk or a plan's cost names its roadmap (and itself), never a milestone or step.
                if !recorded.is_work() {
                    return Counted {
                        event,
                        matched: true,
                        target: recorded,
                    };
                }
                let now = resolved
                    .entry(recorded)
                    .or_insert_with_key(|recorded| targets.resolve(recorded))
                    .clone();
                Counted {
                    event,
                    matched: now.is_some(),
                    target: now.unwrap_or_else(|| event.target.clone()),
                }
            })
            .collect();
        let mut state: HashMap<Target, TargetState> =
            HashMap::with_capacity_and_hasher(ordered.len(), foldhash::fast::RandomState::default());
        let mut costs: HashMap<String, Vec<usize>> = HashMap::default();
        for (place, counted) in ordered.iter().enumerate() {
            let event = counted.event;
            if event.op == Op::Cost {
                costs
                    .entry(counted.target.roadmap().to_string())
                    .or_default()
                    .push(place);
            }
            let target = state.entry(counted.target.clone()).or_default();
            match event.op {
                Op::Done => target.mark = Mark::Done,
                Op::Reopen => target.mark = Mark::Open,
                Op::Skip => target.mark = Mark::Skipped,
                Op::Note | Op::Rekey | Op::Risk | Op::Cost | Op::Rename | Op::Forget => {}
                Op::Reschedule => {
                    // A move made from the same date after the same move as a
                    // later one was made without seeing it: the later one counts.
                    target.moves.retain(|m| !(m.prev == event.prev && m.from == event.from));
                    target.moves.push(event);
                }
            }
            if event.op.sets_state() {
                target.last = Some(event);
            }
            if event.note.is_some() {
                target.notes.push(event);
            }
        }
        State {
            targets: state,
            ordered,
            costs,
        }
    }

    /// The cost changes that count for the plan `roadmap`, in the order they apply.
    pub fn cost_changes(&self, roadmap: &str) -> impl Iterator<Item = &Counted<'a>> + '_ {
        self.costs
            .get(roadmap)
            .into_iter()
            .flatten()
            .map(|&place| &self.ordered[place])
    }

    /// What is recorded for a target, given as a `Target` or as its text.
    pub fn get<T: Borrow<str> + ?Sized>(&self, target: &T) -> Option<&TargetState<'a>> {
        self.targets.get(target.borrow())
    }

    pub fn mark<T: Borrow<str> + ?Sized>(&self, target: &T) -> Mark {
        self.get(target).map_or(Mark::Open, |t| t.mark)
    }

    /// The changes whose target the plan no longer has: a step reworded or
    /// deleted, a milestone removed. They are kept and count for nothing.
    pub fn unmatched(&self) -> impl Iterator<Item = &Counted<'a>> + '_ {
        self.ordered.iter().filter(|c| !c.matched)
    }

    /// Changes made independently (the same `prev`) that disagree: different
    /// marks, or moves of the due date from the same date to different dates.
    pub fn contradictions(&self) -> Vec<Contradiction<'_>> {
        type Fork<'s> = (&'s Target, bool, Option<&'s str>, Option<&'s str>);
        let mut forks: HashMap<Fork, Vec<&Event>> = HashMap::default();
        for counted in &self.ordered {
            let event = counted.event;
            let key: Fork = match event.op {
                op if op.sets_state() => (&counted.target, false, event.prev.as_deref(), None),
                Op::Reschedule => (&counted.target, true, event.prev.as_deref(), event.from.as_deref()),
                _ => continue,
            };
            forks.entry(key).or_default().push(event);
        }
        let disagree = |events: &[&Event]| events.iter().any(|e| e.op != events[0].op || e.to != events[0].to);
        let mut found: Vec<Contradiction> = forks
            .into_iter()
            .filter(|(_, events)| disagree(events))
            .filter_map(|((target, ..), mut events)| {
                let kept = events.pop()?;
                Some(Contradiction {
                    target,
                    kept,
                    overruled: events,
                })
            })
            .collect();
        found.sort_by(|a, b| (a.target, a.kept.at).cmp(&(b.target, b.kept.at)));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Target {
        text.parse().unwrap()
    }

    fn event(id: &str, at: &str, op: Op, target: &str, prev: Option<&str>) -> Event {
        Event {
            id: id.into(),
            at: at.parse().unwrap(),
            by: "anna".into(),
            op,
            target: target.parse().unwrap(),
            note: None,
            on: None,
            prev: prev.map(Into::into),
            from: None,
            to: None,
            text: None,
            risk: None,
            cost: None,
        }
    }

    fn renamed(id: &str, at: &str, from: &str, to: &str) -> Event {
        let mut e = event(id, at, Op::Rename, from, None);
        e.to = Some(to.into());
        e
    }

    #[test]
    fn a_rename_carries_what_came_before_it_and_not_what_came_after() {
        // Done under `a` on the 20th; `a` renamed `b` on the 21st; a new
        // plan adopted as `a` ticked on the 22nd; `b` renamed back to `a`
        // on the 23rd would send the 20th's change to `a` again.
        let before = event("1", "2026-11-20T10:00:00Z", Op::Done, "a/m/1", None);
        let rename = renamed("2", "2026-11-21T10:00:00Z", "a", "b");
        let after = event("3", "2026-11-22T10:00:00Z", Op::Done, "a/m/2", None);
        let mut noted = event("4", "2026-11-20T09:00:00Z", Op::Note, "a/m", None);
        noted.note = Some("Avtalet signerat".into());
        let events = [after.clone(), rename.clone(), before.clone(), noted];
        let state = State::fold(&events, &AsRecorded);
        assert_eq!(state.mark(&t("b/m/1")), Mark::Done);
        assert_eq!(state.mark(&t("a/m/1")), Mark::Open);
        assert_eq!(state.mark(&t("a/m/2")), Mark::Done);
        assert_eq!(state.mark(&t("b/m/2")), Mark::Open);
        assert!(state.get(&t("b/m")).is_some_and(|m| m.notes.len() == 1));
        // Chains: a -> b -> c carries the 20th's change to c; b -> a back
        // carries it to a.
        let chain = [
            before.clone(),
            rename.clone(),
            renamed("5", "2026-11-23T10:00:00Z", "b", "c"),
        ];
        assert_eq!(State::fold(&chain, &AsRecorded).mark(&t("c/m/1")), Mark::Done);
        let back = [before, rename, renamed("5", "2026-11-23T10:00:00Z", "b", "a")];
        assert_eq!(State::fold(&back, &AsRecorded).mark(&t("a/m/1")), Mark::Done);
    }

    #[test]
    fn a_milestone_reattached_takes_its_steps_along() {
        let step = event("1", "2026-11-20T10:00:00Z", Op::Done, "r/gammal/kickoff", None);
        let mut rekey = event("2", "2026-11-21T10:00:00Z", Op::Rekey, "r/gammal", None);
        rekey.to = Some("r/ny".into());
        let events = [step, rekey];
        let state = State::fold(&events, &AsRecorded);
        assert_eq!(state.mark(&t("r/ny/kickoff")), Mark::Done);
        assert_eq!(state.mark(&t("r/gammal/kickoff")), Mark::Open);
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
            assert_eq!(State::fold(&events, &AsRecorded).mark(&t("r/m/1")), Mark::Open);
        }
        assert!(State::fold(&[a, b], &AsRecorded).contradictions().is_empty());
    }

    #[test]
    fn independent_disagreeing_changes_are_a_contradiction_resolved_by_time() {
        let base = event("a", "2026-11-20T10:00:00Z", Op::Done, "r/m/1", None);
        let reopened = event("b", "2026-11-21T10:00:00Z", Op::Reopen, "r/m/1", Some("a"));
        let skipped = event("c", "2026-11-21T09:00:00Z", Op::Skip, "r/m/1", Some("a"));
        let events = [base, skipped, reopened];
        let state = State::fold(&events, &AsRecorded);
        assert_eq!(state.mark(&t("r/m/1")), Mark::Open);
        let found = state.contradictions();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kept.id, "b");
        assert_eq!(found[0].overruled[0].id, "c");
    }

    #[test]
    fn two_moves_from_the_same_date_on_two_branches_the_later_counts() {
        let mv = |id: &str, at: &str, to: &str| Event {
            op: Op::Reschedule,
            from: Some("V20".into()),
            to: Some(to.into()),
            ..event(id, at, Op::Reschedule, "r/m", None)
        };
        let events = [
            mv("a", "2026-11-20T10:00:00Z", "V22"),
            mv("b", "2026-11-21T10:00:00Z", "V24"),
        ];
        let state = State::fold(&events, &AsRecorded);
        let target = state.get(&t("r/m")).unwrap();
        assert_eq!(target.moved_to(), Some("V24"));
        assert_eq!(target.moves.len(), 1, "the overruled move does not count");
        let found = state.contradictions();
        assert_eq!((found.len(), found[0].kept.id.as_str()), (1, "b"));
    }

    #[test]
    fn moves_one_after_another_all_count() {
        let mut first = event("a", "2026-11-20T10:00:00Z", Op::Reschedule, "r/m", None);
        first.from = Some("V20".into());
        first.to = Some("V22".into());
        let mut second = event("b", "2026-11-21T10:00:00Z", Op::Reschedule, "r/m", Some("a"));
        second.from = Some("V22".into());
        second.to = Some("V23".into());
        let events = [first, second];
        let state = State::fold(&events, &AsRecorded);
        assert_eq!(state.get(&t("r/m")).unwrap().moves.len(), 2);
        assert_eq!(state.get(&t("r/m")).unwrap().moves[0].from.as_deref(), Some("V20"));
        assert!(state.contradictions().is_empty());
    }

    #[test]
    fn the_same_tick_on_two_branches_is_no_contradiction() {
        let one = event("a", "2026-11-20T10:00:00Z", Op::Done, "r/m/1", None);
        let two = event("b", "2026-11-20T10:05:00Z", Op::Done, "r/m/1", None);
        let events = [one, two];
        let state = State::fold(&events, &AsRecorded);
        assert_eq!(state.mark(&t("r/m/1")), Mark::Done);
        assert!(state.contradictions().is_empty());
    }
}
