//! A plan imported again into the roadmap an earlier import wrote. A row is
//! the milestone it was by what survives an edit of the sheet: its title
//! (as the file has it, then folded to its letters and digits), never its
//! number, which moves when a row is inserted above it. What the sheet does
//! not hold (the plan's year, `[parties]`, organisation and budget, a
//! milestone's `depends_on`, gate and proposal, notes and step ids added by
//! hand) is kept from the file. A due date the sheet changed is a move, to be
//! recorded with the sheet as its reason: the file says what the sheet says,
//! and the first move's `from` stays the baseline.
//! Recorded progress never lands on another milestone: a new row gets an id
//! no milestone has had.

use foldhash::HashSet;

use super::{Key, Plan, Step};
use crate::address::Address;
use crate::due::Due;
use crate::roadmap::edit::{UniqueIds, slug};
use crate::roadmap::{Kind, Roadmap};
use crate::schedule::due_now;
use crate::state::State;

/// What an import made again changes in the roadmap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// A row the roadmap did not have: a new milestone, with its new id.
    Added { id: String, title: String },
    /// A milestone no row names any more.
    Removed { id: String, title: String },
    /// A row matched by its folded title, written otherwise now.
    Renamed { id: String, from: String, to: String },
    /// The sheet's due date is not where the milestone stands: a move.
    Moved {
        id: String,
        title: String,
        from: Option<String>,
        to: String,
    },
    /// Another owner.
    Reowned {
        id: String,
        title: String,
        from: Option<String>,
        to: Option<String>,
    },
}

/// A milestone the sheet no longer has, on which something is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub id: String,
    pub title: String,
    /// How many changes are recorded on it and its steps.
    pub changes: usize,
}

#[derive(Debug, Clone)]
pub struct Update {
    /// The plan as it is to be written: ids, baselines and what only the
    /// file says carried over.
    pub plan: Plan,
    pub differences: Vec<Difference>,
    /// Removed milestones that have recorded progress.
    pub dropped: Vec<Dropped>,
}

/// Letters and digits only, lower case: "Förstudie-rapport." and
/// "förstudierapport" are one title.
fn folded(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The plan of the sheet, matched to `old` (the roadmap the earlier import
/// wrote, as `state` has it).
pub fn update(old: &Roadmap, mut plan: Plan, state: &State<'_>) -> Update {
    let has = |key: Key| plan.columns.iter().any(|(k, _)| *k == key);
    let (has_owner, has_note, has_criteria, has_description, has_cost, has_steps) = (
        has(Key::Owner),
        has(Key::Note),
        has(Key::Criteria),
        has(Key::Description),
        has(Key::Cost),
        has(Key::Steps),
    );
    // A sheet with neither phase rows nor a phase column says nothing of phases.
    let keeps_phases = plan.phases.is_empty() && !has(Key::Phase);
    if keeps_phases {
        plan.phases = old
            .phases
            .iter()
            .map(|p| super::Phase {
                id: p.id.clone(),
                title: p.title.clone(),
                heading: None,
                note: p.note.clone(),
            })
            .collect();
    }
    let mut taken: HashSet<usize> = HashSet::default();
    let mut ids = UniqueIds::taken(old.milestones.iter().map(|m| m.id.as_str()));
    let mut differences = Vec::new();
    // Phases by title: an old phase keeps its id and note.
    let mut phase_ids: Vec<(String, String)> = Vec::new();
    for phase in &mut plan.phases {
        if let Some(was) = old.phases.iter().find(|p| folded(&p.title) == folded(&phase.title)) {
            phase_ids.push((phase.id.clone(), was.id.clone()));
            phase.id.clone_from(&was.id);
            phase.note.clone_from(&was.note);
        }
    }
    for m in &mut plan.milestones {
        if let Some(phase) = &m.phase
            && let Some((_, id)) = phase_ids.iter().find(|(new, _)| new == phase)
        {
            m.phase = Some(id.clone());
        }
        let found = old
            .milestones
            .iter()
            .enumerate()
            .find(|(i, o)| !taken.contains(i) && o.title == m.title)
            .or_else(|| {
                old.milestones
                    .iter()
                    .enumerate()
                    .find(|(i, o)| !taken.contains(i) && folded(&o.title) == folded(&m.title))
            });
        let Some((index, was)) = found else {
            m.id = ids.claim(slug(&m.title));
            differences.push(Difference::Added {
                id: m.id.clone(),
                title: m.title.clone(),
            });
            continue;
        };
        taken.insert(index);
        m.id.clone_from(&was.id);
        if was.title != m.title {
            differences.push(Difference::Renamed {
                id: m.id.clone(),
                from: was.title.clone(),
                to: m.title.clone(),
            });
        }
        // A due date the sheet changed since the last import is a move, from
        // where the milestone stands now (a `reschedule` made since counts)
        // to where the sheet puts it; a date the sheet did not change leaves
        // any move made in the tool as it is.
        let last = was.due.as_ref().map(Due::label);
        let now = due_now(old, was, state);
        let same = |due: Option<&Due>, sheet: &str| {
            due.is_some_and(|d| {
                d.label() == sheet
                    || Due::parse(sheet, old.year).is_ok_and(|s| s.span() == d.span() && s.precision() == d.precision())
            })
        };
        // A move is a date that is neither what the last import wrote nor
        // where the milestone stands now (a sheet exported from here says
        // the latter); the file then says what the sheet says.
        match m.due.clone() {
            Some(sheet) if !same(was.due.as_ref(), &sheet) && !same(now.as_ref(), &sheet) => {
                differences.push(Difference::Moved {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    from: now.as_ref().map(|d| d.label().to_string()),
                    to: sheet,
                });
            }
            _ => m.due = last.map(str::to_string),
        }
        if keeps_phases {
            m.phase = was.phase.as_deref().map(str::to_string);
        }
        if has_owner {
            if m.owner.as_deref() != was.owner.as_deref() {
                differences.push(Difference::Reowned {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    from: was.owner.as_deref().map(str::to_string),
                    to: m.owner.clone(),
                });
            }
        } else {
            m.owner = was.owner.as_deref().map(str::to_string);
        }
        if !has_criteria {
            m.criteria.clone_from(&was.criteria);
        }
        if !has_description {
            m.description.clone_from(&was.description);
        }
        if !has_cost {
            m.cost_tkr = was.cost_tkr.map(crate::roadmap::Cost::value);
        }
        // A sheet exported from here says the file's note and the notes
        // recorded since, a line each: that is the note the file has.
        let recorded: Vec<&str> = state
            .get(&Address::milestone(&old.id, &was.id).target(was))
            .map(|t| t.notes.iter().filter_map(|e| e.note.as_deref()).collect())
            .unwrap_or_default();
        let known = |note: &str| {
            note.lines().map(str::trim).filter(|l| !l.is_empty()).all(|line| {
                was.note.as_deref().is_some_and(|n| n.lines().any(|l| l.trim() == line))
                    || recorded.iter().any(|r| r.lines().any(|l| l.trim() == line))
            })
        };
        if !has_note || m.note.as_deref().is_none_or(known) {
            m.note.clone_from(&was.note);
        }
        m.depends_on.clone_from(&was.depends_on);
        m.gate = was.kind == Kind::Gate;
        m.proposal.clone_from(&was.proposal);
        if has_steps {
            keep_steps(&mut m.steps, &was.steps);
        } else {
            m.steps = was
                .steps
                .iter()
                .map(|s| Step {
                    text: s.text.to_string(),
                    owner: s.owner.as_deref().map(str::to_string),
                    id: s.id().map(str::to_string),
                    note: s.note().map(str::to_string),
                })
                .collect();
        }
    }
    // What depends on a milestone the sheet no longer has depends on nothing there.
    let kept: HashSet<String> = plan.milestones.iter().map(|m| m.id.clone()).collect();
    for m in &mut plan.milestones {
        m.depends_on.retain(|d| kept.contains(d));
    }
    let mut dropped = Vec::new();
    for (_, was) in old.milestones.iter().enumerate().filter(|(i, _)| !taken.contains(i)) {
        differences.push(Difference::Removed {
            id: was.id.clone(),
            title: was.title.clone(),
        });
        let address = Address::milestone(&old.id, &was.id);
        let targets = std::iter::once(address.target(was))
            .chain((1..=was.steps.len()).map(|s| Address::step_of(&old.id, was, s).target(was)));
        let changes: usize = targets
            .filter_map(|t| state.get(&t))
            .map(|t| usize::from(t.last.is_some()) + t.notes.len() + t.moves.len())
            .sum();
        if changes > 0 {
            dropped.push(Dropped {
                id: was.id.clone(),
                title: was.title.clone(),
                changes,
            });
        }
    }
    plan.year = old.year.or(plan.year);
    Update {
        plan,
        differences,
        dropped,
    }
}

/// A step the file had with the same text keeps its id, note and (when the
/// sheet names none) owner: its progress is recorded under its id or text.
fn keep_steps(steps: &mut [Step], was: &[crate::roadmap::Step]) {
    let mut used: HashSet<usize> = HashSet::default();
    for step in steps {
        let Some((i, old)) = was
            .iter()
            .enumerate()
            .find(|(i, o)| !used.contains(i) && folded(&o.text) == folded(&step.text))
        else {
            continue;
        };
        used.insert(i);
        step.id = old.id().map(str::to_string);
        step.note = old.note().map(str::to_string);
        if step.owner.is_none() {
            step.owner = old.owner.as_deref().map(str::to_string);
        }
        // The text as the file had it, so a step keyed by its text keeps its key.
        if old.id().is_none() {
            step.text = old.text.to_string();
        }
    }
}
