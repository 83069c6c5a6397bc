//! Addresses of milestones and steps as people write them. A milestone is
//! `ROADMAP/MILESTONE`; a step is `ROADMAP/MILESTONE/STEP`, where STEP is its
//! place (1-based), its `id`, or its fingerprint (`~1a2b3c4d5e6f`, as the
//! state file records a step without an id). Changes are recorded under a
//! step's key (`Step::key`), so they stay on their step when steps are
//! inserted, deleted, reordered or moved; `Resolver` finds the step a
//! recorded target counts for now.

use foldhash::HashMap;
use std::fmt;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::roadmap::{Milestone, Roadmap, Step};
use crate::target::{Target, TargetKind};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address {
    pub roadmap: String,
    pub milestone: String,
    /// The step's place (1-based), for a step.
    pub step: Option<usize>,
    /// The step's id, when it has one: addresses are shown with it.
    step_id: Option<String>,
}

impl Address {
    pub fn milestone(roadmap: &str, milestone: &str) -> Address {
        Address {
            roadmap: roadmap.into(),
            milestone: milestone.into(),
            step: None,
            step_id: None,
        }
    }

    /// The address of step `index` (1-based) of `milestone`.
    pub fn step_of(roadmap: &str, milestone: &Milestone, index: usize) -> Address {
        Address {
            roadmap: roadmap.into(),
            milestone: milestone.id.clone(),
            step: Some(index),
            step_id: milestone
                .steps
                .get(index.wrapping_sub(1))
                .and_then(|s| s.id().map(str::to_string)),
        }
    }

    /// What a change to this milestone or step is recorded under: the
    /// milestone, or a step by its key (`Step::key`).
    pub fn target(&self, milestone: &Milestone) -> Target {
        match self.step.and_then(|i| milestone.steps.get(i - 1)) {
            Some(step) => step_target(&self.roadmap, &milestone.id, step),
            None => Target::milestone(&self.roadmap, &self.milestone),
        }
    }

    /// The roadmap id an address as written names, read as `resolve` reads
    /// it; `None` when it is no target at all.
    pub fn roadmap_named(text: &str) -> Option<&str> {
        let wanted = Address::wanted(text);
        let target: Target = wanted.parse().ok()?;
        // A target is its text: its roadmap id is where the text begins.
        Some(&wanted[..target.roadmap().len()])
    }

    /// An address as written, without the spaces and slashes around it.
    fn wanted(text: &str) -> &str {
        text.trim().trim_end_matches('/')
    }

    /// Parses and checks an address against the loaded roadmaps. A risk
    /// (`ROADMAP#ID`) is not an address: it is refused as a wrong argument.
    pub fn resolve<'c>(catalog: &'c Catalog, text: &str) -> Result<(Address, &'c Roadmap, &'c Milestone)> {
        let wanted = Address::wanted(text);
        let not_an_address = || {
            Error::usage(
                format!("`{text}` is not a milestone or step address"),
                "write ROADMAP/MILESTONE or ROADMAP/MILESTONE/STEP (a number, or the step's id), like hubs-sdk/projektstart/2",
            )
        };
        let target: Target = wanted.parse().map_err(|_| not_an_address())?;
        match target.kind() {
            TargetKind::Risk => {
                return Err(Error::usage(
                    format!("`{wanted}` is a risk, not a milestone or a step"),
                    "give a milestone or a step, like hubs-sdk/projektstart or hubs-sdk/projektstart/2; a risk is changed with `roadmap risk update`",
                ));
            }
            TargetKind::Plan => return Err(not_an_address()),
            TargetKind::Milestone | TargetKind::Step => {}
        }
        let Some(milestone_id) = target.milestone_id() else {
            return Err(not_an_address());
        };
        let roadmap_id = target.roadmap();
        let roadmap = catalog.roadmap(roadmap_id)?;
        let milestone = roadmap.find_milestone(milestone_id)?;
        let step = match target.step_key() {
            None => None,
            Some(_) if milestone.steps.is_empty() => {
                return Err(Error::usage(
                    format!("milestone `{roadmap_id}/{milestone_id}` has no steps"),
                    format!("address the milestone itself: {roadmap_id}/{milestone_id}"),
                ));
            }
            Some(wanted) => Some(milestone.step_index(wanted).ok_or_else(|| {
                let count = milestone.steps.len();
                let ids: Vec<&str> = milestone.steps.iter().filter_map(Step::id).collect();
                let hint = crate::diagnostic::did_you_mean(wanted, ids.iter().copied()).unwrap_or_else(|| {
                    if ids.is_empty() {
                        format!("`{roadmap_id}/{milestone_id}` has steps 1 to {count}")
                    } else {
                        format!(
                            "`{roadmap_id}/{milestone_id}` has steps 1 to {count}, with the ids {}",
                            ids.join(", ")
                        )
                    }
                });
                Error::usage(format!("`{text}`: there is no step {wanted}"), hint)
            })?),
        };
        let address = match step {
            Some(index) => Address::step_of(&roadmap.id, milestone, index),
            None => Address::milestone(&roadmap.id, &milestone.id),
        };
        Ok((address, roadmap, milestone))
    }
}

/// A roadmap by its id, or a milestone or step in it by its address: what
/// `show` and `checklist` take.
pub fn roadmap_or_address<'c>(
    catalog: &'c Catalog,
    text: &str,
) -> Result<(&'c Roadmap, Option<(Address, &'c Milestone)>)> {
    let wanted = text.trim().trim_end_matches('/');
    if wanted.parse::<Target>().is_ok_and(|t| t.is_work()) {
        let (address, roadmap, milestone) = Address::resolve(catalog, wanted)?;
        return Ok((roadmap, Some((address, milestone))));
    }
    Ok((catalog.roadmap(wanted)?, None))
}

/// `ROADMAP/MILESTONE/KEY`: what changes to `step` are recorded under.
pub fn step_target(roadmap: &str, milestone: &str, step: &Step) -> Target {
    Target::step(roadmap, milestone, step.key())
}

/// How recorded targets are matched to the plan as it is now
/// (`address::Resolver`): a step recorded by its place, id or fingerprint is
/// found wherever it is now.
pub trait Targets {
    /// The target `recorded` counts for now, or `None` when the plan has nothing it matches.
    fn resolve(&self, recorded: &Target) -> Option<Target>;
}

/// Every target stands for itself: a log taken as recorded, with no plan to match it to.
pub struct AsRecorded;

impl Targets for AsRecorded {
    fn resolve(&self, recorded: &Target) -> Option<Target> {
        Some(recorded.clone())
    }
}

/// Finds what a recorded target counts for now, in the roadmaps as they are:
/// a milestone by its id; a step by its key in its milestone, or, when it has
/// moved, the one step of the roadmap with that key; a step recorded by its
/// place (lines written before step keys) by its place now.
pub struct Resolver<'c> {
    /// Each roadmap by its id, with its milestones by theirs: a log names
    /// thousands of milestones, and a plan has up to hundreds.
    roadmaps: HashMap<&'c str, (&'c Roadmap, HashMap<&'c str, &'c Milestone>)>,
}

impl<'c> Resolver<'c> {
    pub fn new(catalog: &'c Catalog) -> Resolver<'c> {
        let milestones = |r: &'c Roadmap| r.milestones.iter().map(|m| (m.id.as_str(), m)).collect();
        Resolver {
            roadmaps: catalog
                .roadmaps
                .iter()
                .map(|r| (r.id.as_str(), (r, milestones(r))))
                .collect(),
        }
    }
}

impl Targets for Resolver<'_> {
    fn resolve(&self, recorded: &Target) -> Option<Target> {
        let (roadmap, milestones) = self.roadmaps.get(recorded.roadmap())?;
        let milestone = match recorded.kind() {
            TargetKind::Plan | TargetKind::Risk => return Some(recorded.clone()),
            TargetKind::Milestone | TargetKind::Step => recorded.milestone_id()?,
        };
        let Some(step) = recorded.step_key() else {
            return milestones.contains_key(milestone).then(|| recorded.clone());
        };
        if let Some(m) = milestones.get(milestone)
            && let Some(index) = m.step_index(step)
        {
            return Some(step_target(&roadmap.id, &m.id, &m.steps[index - 1]));
        }
        if recorded.is_by_place() {
            return None;
        }
        // Moved to another milestone: found when exactly one step of the roadmap has the key.
        let mut found = roadmap.milestones.iter().flat_map(|m| {
            m.steps
                .iter()
                .filter(move |s| s.is_known_as(step))
                .map(move |s| step_target(&roadmap.id, &m.id, s))
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

/// How a target (as `Resolver` found it) is shown to people: with the step's
/// place, or its id when it has one; as recorded when `roadmap` lacks it.
pub fn shown(roadmap: &Roadmap, target: &Target) -> String {
    let (Some(milestone), Some(step)) = (
        target.milestone_id().and_then(|m| roadmap.milestone(m)),
        target.step_key(),
    ) else {
        return target.to_string();
    };
    match milestone.step_index(step) {
        Some(index) => Address::step_of(&roadmap.id, milestone, index).to_string(),
        None => target.to_string(),
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.roadmap, self.milestone)?;
        match (&self.step_id, self.step) {
            (Some(id), _) => write!(f, "/{id}"),
            (None, Some(step)) => write!(f, "/{step}"),
            (None, None) => Ok(()),
        }
    }
}
