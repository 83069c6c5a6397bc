//! What the views (status, checklist, timeline, overdue) share: the roadmaps
//! and state they read, which roadmaps to show, and the --owner / --phase filter.

use std::collections::HashSet;

use anyhow::Result;
use chrono::NaiveDate;

use super::Context;
use crate::cli::FilterArgs;
use crate::roadmap::catalog::Catalog;
use crate::roadmap::{Milestone, Roadmap, Step};
use crate::state::file::{self, Log};
use crate::state::location::Location;
use crate::state::roadmaps_of;

/// Everything a view reads, loaded once.
pub struct Inputs {
    /// The roadmaps the view shows (see `load`), and every id there is.
    pub catalog: Catalog,
    pub log: Log,
    pub location: Location,
    pub today: NaiveDate,
}

impl Inputs {
    /// Reads the state, then the roadmaps named in `ids` (an address names
    /// its roadmap), or those with recorded progress, or all if none has any.
    /// Roadmaps the view does not show are not read: with hundreds of files,
    /// most of the cost is reading roadmaps.
    pub fn load(context: &Context, ids: &[String]) -> Result<Inputs> {
        let location = context.state_location()?;
        let log = file::read(&location.path)?;
        let catalog = Catalog::load_some(&context.roadmap_dirs(), pick(ids, roadmaps_of(&log.events)))?;
        Ok(Inputs {
            catalog,
            log,
            location,
            today: context.today(),
        })
    }

    /// The roadmaps named, in the order named, or else all that `load` read, in catalog order.
    pub fn select(&self, ids: &[String]) -> Result<Vec<&Roadmap>> {
        if ids.is_empty() {
            Ok(self.catalog.roadmaps.iter().collect())
        } else {
            ids.iter().map(|id| super::find_roadmap(&self.catalog, id)).collect()
        }
    }
}

/// Which roadmaps a view reads, from all there are: those named in `ids` (an
/// address names its roadmap), or those with recorded progress
/// (`state::roadmaps_of`), or all if none has any.
pub fn pick<'a>(ids: &'a [String], tracked: HashSet<&'a str>) -> impl Fn(&[String]) -> Vec<String> + 'a {
    let named: HashSet<&str> = ids.iter().map(|id| id.split('/').next().unwrap_or(id)).collect();
    move |all| {
        let pick = |set: &HashSet<&str>| all.iter().filter(|id| set.contains(id.as_str())).cloned().collect();
        if !named.is_empty() {
            pick(&named)
        } else {
            let tracked: Vec<String> = pick(&tracked);
            if tracked.is_empty() { all.to_vec() } else { tracked }
        }
    }
}

/// Each roadmap with its milestones as they stand on `today`, those the filter lets through.
pub fn filtered_standings<'r>(
    roadmaps: &[&'r Roadmap],
    state: &crate::state::State<'_>,
    today: NaiveDate,
    filter: &Filter,
) -> Vec<(&'r Roadmap, Vec<crate::status::Standing<'r>>)> {
    crate::parallel::map(roadmaps, |r| {
        let standings = crate::status::standings(r, state, today);
        (
            *r,
            standings
                .into_iter()
                .filter(|s| filter.milestone(r, s.milestone))
                .collect(),
        )
    })
}

/// The --owner and --phase filter.
pub struct Filter<'a> {
    owner: Option<&'a str>,
    phase: Option<&'a str>,
}

impl<'a> Filter<'a> {
    pub fn new(args: &'a FilterArgs) -> Self {
        Filter {
            owner: args.owner.as_deref().map(str::trim),
            phase: args.phase.as_deref().map(str::trim),
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

    fn owns(&self, owner: Option<&str>) -> bool {
        let (Some(wanted), Some(owner)) = (self.owner, owner) else {
            return self.owner.is_none();
        };
        let wanted = wanted.to_lowercase();
        let owner = owner.to_lowercase();
        owner == wanted || owner.split(['/', ',', '&']).any(|part| part.trim() == wanted)
    }
}

/// A progress bar of `width` cells.
pub fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width + total / 2).checked_div(total).unwrap_or(0);
    format!(
        "{}{}",
        "█".repeat(filled.min(width)),
        "░".repeat(width - filled.min(width))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_matches_whole_parts_case_insensitively() {
        let args = FilterArgs {
            owner: Some("digg".into()),
            phase: None,
        };
        let filter = Filter::new(&args);
        assert!(filter.owns(Some("AF / Digg")));
        assert!(filter.owns(Some("Digg")));
        assert!(!filter.owns(Some("Diggs")));
        assert!(!filter.owns(None));
    }

    #[test]
    fn bars_round_to_the_nearest_cell() {
        assert_eq!(bar(0, 48, 10), "░░░░░░░░░░");
        assert_eq!(bar(12, 48, 10), "███░░░░░░░");
        assert_eq!(bar(48, 48, 10), "██████████");
        assert_eq!(bar(0, 0, 4), "░░░░");
    }
}
