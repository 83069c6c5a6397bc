//! The `--owner` and `--phase` filters: which milestones and steps a view or
//! report shows.

use crate::roadmap::{Milestone, Roadmap, Step};
use crate::status::Standing;

#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    owner: Option<&'a str>,
    phase: Option<&'a str>,
}

impl<'a> Filter<'a> {
    pub fn new(owner: Option<&'a str>, phase: Option<&'a str>) -> Self {
        Filter {
            owner: owner.map(str::trim),
            phase: phase.map(str::trim),
        }
    }

    pub fn has_owner(&self) -> bool {
        self.owner.is_some()
    }

    /// Whether `party` (a code of `[parties]`, or an owner's words) is the
    /// party the owner filter names; any party when none is named.
    pub fn is_party(&self, roadmap: &Roadmap, party: &str) -> bool {
        let Some(wanted) = self.owner else {
            return true;
        };
        party.to_lowercase() == wanted.to_lowercase()
            || crate::parties::party(roadmap, wanted).is_some_and(|p| p.code == party)
    }

    /// What the filters name that nothing in `roadmaps` is: an owner no
    /// milestone, step or party has, a phase none of them has. With the
    /// names there are, the closest first.
    pub fn unmatched(&self, roadmaps: &[&Roadmap]) -> Option<Unmatched> {
        if let Some(wanted) = self.owner {
            let owns = roadmaps.iter().any(|r| {
                crate::parties::party(r, wanted).is_some()
                    || r.milestones.iter().any(|m| {
                        self.owns(r, m.owner.as_deref()) || m.steps.iter().any(|s| self.owns(r, s.owner.as_deref()))
                    })
            });
            if !owns {
                let mut known: Vec<String> = Vec::new();
                for r in roadmaps {
                    known.extend(r.parties.iter().map(|p| p.code.clone()));
                    let owners = r.milestones.iter().flat_map(|m| {
                        m.owner
                            .as_deref()
                            .into_iter()
                            .chain(m.steps.iter().filter_map(|s| s.owner.as_deref()))
                    });
                    for owner in owners {
                        known.push(crate::parties::shown(r, owner));
                    }
                }
                return Some(Unmatched::Owner {
                    asked: wanted.to_string(),
                    known: closest(wanted, known),
                });
            }
        }
        if let Some(wanted) = self.phase {
            let has = roadmaps.iter().any(|r| {
                r.phases
                    .iter()
                    .any(|p| p.id.eq_ignore_ascii_case(wanted) || p.title.to_lowercase() == wanted.to_lowercase())
            });
            if !has {
                let known = roadmaps
                    .iter()
                    .flat_map(|r| r.phases.iter().map(|p| p.title.clone()))
                    .collect();
                return Some(Unmatched::Phase {
                    asked: wanted.to_string(),
                    known: closest(wanted, known),
                });
            }
        }
        None
    }

    /// A milestone is shown when its phase matches and it, or one of its steps, has the owner.
    pub fn milestone(&self, roadmap: &Roadmap, milestone: &Milestone) -> bool {
        let phase_ok = self.phase.is_none_or(|wanted| {
            milestone.phase.as_deref().is_some_and(|id| {
                id.eq_ignore_ascii_case(wanted)
                    || roadmap
                        .phase_title(id)
                        .is_some_and(|t| t.to_lowercase() == wanted.to_lowercase())
            })
        });
        phase_ok
            && self.owner.is_none_or(|_| {
                self.owns(roadmap, milestone.owner.as_deref())
                    || milestone.steps.iter().any(|s| self.owns(roadmap, s.owner.as_deref()))
            })
    }

    /// Whether `s` has open work of the wanted owner (with none named, any
    /// open work): an open step of theirs, or the milestone itself when it
    /// has no steps. Overdue or coming work is the owner's only so: a
    /// milestone of theirs whose open steps are all another's is not.
    pub fn has_open_work(&self, s: &Standing) -> bool {
        let m = s.milestone;
        if !s.status.is_open() {
            return false;
        }
        if self.owner.is_none() {
            return true;
        }
        if m.steps.is_empty() {
            return self.owns(s.roadmap, m.owner.as_deref());
        }
        s.open_steps().any(|(_, step)| self.step(s.roadmap, m, step))
    }

    /// A step is shown when it has the owner, or has none and its milestone has.
    pub fn step(&self, roadmap: &Roadmap, milestone: &Milestone, step: &Step) -> bool {
        self.owner.is_none() || self.owns(roadmap, step.owner.as_deref().or(milestone.owner.as_deref()))
    }

    /// Whether the wanted party has a share in work owned by `owner`
    /// (`parties::shares`: "AF / Digg" counts for AF and for Digg, "Kund mha
    /// ITSL" for ITSL too, "Gemensam" for each party it stands for, aliases
    /// and case as the roadmap's `[parties]` has them).
    pub fn owns(&self, roadmap: &Roadmap, owner: Option<&str>) -> bool {
        let (Some(wanted), Some(owner)) = (self.owner, owner) else {
            return self.owner.is_none();
        };
        let wanted_party = crate::parties::party(roadmap, wanted).map(|p| p.code.as_str());
        owner.to_lowercase() == wanted.to_lowercase()
            || crate::parties::shares(roadmap, owner).iter().any(|share| {
                share.party.to_lowercase() == wanted.to_lowercase() || Some(share.party.as_str()) == wanted_party
            })
    }
}

/// A filter that lets nothing through, and the names it could have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    Owner { asked: String, known: Vec<String> },
    Phase { asked: String, known: Vec<String> },
}

/// `known`, each once, the closest to `asked` first.
fn closest(asked: &str, mut known: Vec<String>) -> Vec<String> {
    known.sort();
    known.dedup();
    let lower = asked.to_lowercase();
    known.sort_by_key(|k| strsim::damerau_levenshtein(&lower, &k.to_lowercase()));
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_matches_whole_parts_case_insensitively() {
        let catalog = crate::catalog::Catalog::load(&[]).unwrap();
        let roadmap = catalog.roadmap("min-profil").unwrap();
        let filter = Filter::new(Some("digg"), None);
        assert!(filter.owns(roadmap, Some("AF / Digg")));
        assert!(filter.owns(roadmap, Some("Digg")));
        assert!(!filter.owns(roadmap, Some("Diggs")));
        assert!(!filter.owns(roadmap, None));
        assert!(filter.owns(roadmap, Some("Kund mha Digg")));
        // By the party's full name too.
        let by_name = Filter::new(Some("Arbetsförmedlingen"), None);
        assert!(by_name.owns(roadmap, Some("AF")));
    }
}
