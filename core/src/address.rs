//! Addresses of milestones and steps: `ROADMAP/MILESTONE` and
//! `ROADMAP/MILESTONE/N`, with N the step's 1-based position.

use std::fmt;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::roadmap::{Milestone, Roadmap};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address {
    pub roadmap: String,
    pub milestone: String,
    pub step: Option<usize>,
}

impl Address {
    pub fn milestone(roadmap: &str, milestone: &str) -> Address {
        Address {
            roadmap: roadmap.into(),
            milestone: milestone.into(),
            step: None,
        }
    }

    pub fn step(&self, index: usize) -> Address {
        Address {
            step: Some(index),
            ..self.clone()
        }
    }

    /// Parses and checks an address against the loaded roadmaps.
    pub fn resolve<'c>(catalog: &'c Catalog, text: &str) -> Result<(Address, &'c Roadmap, &'c Milestone)> {
        let parts: Vec<&str> = text.trim().trim_end_matches('/').split('/').collect();
        let (roadmap_id, milestone_id, step) = match parts.as_slice() {
            [r, m] => (*r, *m, None),
            [r, m, n] => (*r, *m, Some(*n)),
            _ => {
                return Err(Error::refused(
                    format!("`{text}` is not a milestone or step address"),
                    "write ROADMAP/MILESTONE or ROADMAP/MILESTONE/N, like hubs-sdk/projektstart/2",
                ));
            }
        };
        let roadmap = catalog.roadmap(roadmap_id)?;
        let milestone = roadmap.find_milestone(milestone_id)?;
        let step = match step {
            None => None,
            Some(n) => {
                let count = milestone.steps.len();
                match n.parse::<usize>() {
                    Ok(i) if (1..=count).contains(&i) => Some(i),
                    _ if count == 0 => {
                        return Err(Error::refused(
                            format!("milestone `{roadmap_id}/{milestone_id}` has no steps"),
                            format!("address the milestone itself: {roadmap_id}/{milestone_id}"),
                        ));
                    }
                    _ => {
                        return Err(Error::refused(
                            format!("`{text}`: there is no step {n}"),
                            format!("`{roadmap_id}/{milestone_id}` has steps 1 to {count}"),
                        ));
                    }
                }
            }
        };
        let address = Address {
            roadmap: roadmap.id.to_string(),
            milestone: milestone.id.to_string(),
            step,
        };
        Ok((address, roadmap, milestone))
    }

    /// Whether an address read from the state file names something the roadmaps still have.
    pub fn exists_in(catalog: &Catalog, target: &str) -> bool {
        let parts: Vec<&str> = target.split('/').collect();
        let Some(roadmap) = parts.first().and_then(|id| catalog.get(id)) else {
            return false;
        };
        let Some(milestone) = parts.get(1).and_then(|id| roadmap.milestone(id)) else {
            return false;
        };
        match parts.get(2) {
            None => parts.len() == 2,
            Some(n) => {
                parts.len() == 3
                    && n.parse::<usize>()
                        .is_ok_and(|i| (1..=milestone.steps.len()).contains(&i))
            }
        }
    }
}

/// Whether `target` is `filter` or lies under it (`hubs-sdk` covers `hubs-sdk/projektstart/1`).
pub fn covers(filter: &str, target: &str) -> bool {
    target == filter || target.strip_prefix(filter).is_some_and(|rest| rest.starts_with('/'))
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.roadmap, self.milestone)?;
        if let Some(step) = self.step {
            write!(f, "/{step}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_filter_covers_what_lies_under_it() {
        assert!(super::covers("hubs-sdk", "hubs-sdk/projektstart/1"));
        assert!(super::covers("hubs-sdk/projektstart", "hubs-sdk/projektstart"));
        assert!(!super::covers("hubs-sdk/projektstart", "hubs-sdk/projektstart-2"));
    }
}
