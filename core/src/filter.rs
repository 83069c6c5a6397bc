//! The `--owner` and `--phase` filters: which milestones and steps a view or
//! report shows.

use crate::roadmap::{Milestone, Roadmap, Step};

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

    pub fn is_active(&self) -> bool {
        self.owner.is_some() || self.phase.is_some()
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
                self.owns(milestone.owner.as_deref()) || milestone.steps.iter().any(|s| self.owns(s.owner.as_deref()))
            })
    }

    /// A step is shown when it has the owner, or has none and its milestone has.
    pub fn step(&self, milestone: &Milestone, step: &Step) -> bool {
        self.owner.is_none() || self.owns(step.owner.as_deref().or(milestone.owner.as_deref()))
    }

    /// An owner like "AF / Digg" counts for AF and for Digg, whatever the case.
    fn owns(&self, owner: Option<&str>) -> bool {
        let (Some(wanted), Some(owner)) = (self.owner, owner) else {
            return self.owner.is_none();
        };
        owner.eq_ignore_ascii_case(wanted)
            || owner.to_lowercase() == wanted.to_lowercase()
            || owner_parts(owner)
                .iter()
                .any(|part| part.to_lowercase() == wanted.to_lowercase())
    }
}

/// The parties an owner names: "AF / Digg" and "AF, Digg" name AF and Digg,
/// and so does "AF mha Digg" (med hjälp av: AF, helped by Digg).
pub fn owner_parts(owner: &str) -> Vec<&str> {
    owner
        .split(['/', ',', '&'])
        .flat_map(|part| part.split(" mha "))
        // "PFLD eller VO": either party, so the work is each one's to see.
        .flat_map(|part| part.split(" eller "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_matches_whole_parts_case_insensitively() {
        let filter = Filter::new(Some("digg"), None);
        assert!(filter.owns(Some("AF / Digg")));
        assert!(filter.owns(Some("Digg")));
        assert!(!filter.owns(Some("Diggs")));
        assert!(!filter.owns(None));
        assert!(filter.owns(Some("Kund mha Digg")));
    }

    #[test]
    fn owners_name_their_parties() {
        assert_eq!(owner_parts("AF / Digg"), ["AF", "Digg"]);
        assert_eq!(owner_parts("PFLD eller VO"), ["PFLD", "VO"]);
        assert_eq!(owner_parts("Kund mha ITSL"), ["Kund", "ITSL"]);
        assert_eq!(owner_parts("Kund, ITSL"), ["Kund", "ITSL"]);
        assert_eq!(owner_parts("Gemensam"), ["Gemensam"]);
    }
}
