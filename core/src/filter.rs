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
                self.owns(roadmap, milestone.owner.as_deref())
                    || milestone.steps.iter().any(|s| self.owns(roadmap, s.owner.as_deref()))
            })
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
