//! Recording changes: the one way every command writes the state. Under the
//! state's lock it reads the whole file, folds it against the roadmaps as they
//! are, asks the command what to change, and appends the events, with the
//! pins that keep older changes recorded by a step's place on their step.

use std::path::{Path, PathBuf};
use std::time::Duration;

use foldhash::HashSet;

use super::State;
use super::change::{Author, Change, events_for, pins};
use super::event::{Event, Op};
use super::file::{self, Written};
use crate::address::Resolver;
use crate::catalog::Catalog;
use crate::error::Result;

/// The roadmaps a write folds the log against.
#[derive(Debug, Clone, Copy)]
pub enum Roadmaps<'c> {
    /// Every roadmap.
    Every(&'c Catalog),
    /// Only the ones the changes are on (`Catalog::load_named`), and the
    /// folders to load every one from when the log needs them (`folds_alone`).
    Named(&'c Catalog, &'c [PathBuf]),
}

/// Whether `events` fold against only the roadmaps in `catalog` to what
/// they fold to against every roadmap, for each target in them, and leave
/// no pin to make in any other: no roadmap was ever renamed, no rekey moves
/// changes from one roadmap to another, and every change recorded by a
/// step's place in a roadmap not loaded is pinned already. Then each change
/// counts in its own roadmap, resolved against that roadmap alone.
fn folds_alone(events: &[Event], catalog: &Catalog) -> bool {
    let mut pinned = HashSet::default();
    for event in events {
        match (event.op, event.rekey_to()) {
            (Op::Rename, _) => return false,
            (Op::Rekey, Some(to)) if to.roadmap() != event.target.roadmap() => return false,
            // A rekey the fold reads (one whose `to` is no milestone or
            // step moves nothing, and pins nothing either).
            (Op::Rekey, Some(_)) => {
                pinned.insert(&event.target);
            }
            _ => {}
        }
    }
    events.iter().all(|e| {
        e.op == Op::Rekey
            || !e.target.is_by_place()
            || catalog.get(e.target.roadmap()).is_some()
            || pinned.contains(&e.target)
    })
}

/// What a write did: the events the command asked for (pins not counted).
#[derive(Debug)]
pub struct Recorded {
    pub events: Vec<Event>,
    pub written: Written,
}

/// Records the changes `plan` asks for, given the state as it is under the
/// lock. Nothing is written when they would change nothing.
pub fn record(
    path: &Path,
    lock_timeout: Option<Duration>,
    waiting: impl FnOnce(),
    roadmaps: Roadmaps<'_>,
    author: &Author,
    plan: impl FnOnce(&State<'_>) -> Result<Vec<Change>>,
) -> Result<Recorded> {
    let mut asked = Vec::new();
    let written = file::update(path, lock_timeout, waiting, |log| {
        let every;
        let catalog = match roadmaps {
            Roadmaps::Every(catalog) => catalog,
            Roadmaps::Named(catalog, _) if folds_alone(&log.events, catalog) => catalog,
            Roadmaps::Named(_, dirs) => {
                every = Catalog::load(dirs)?;
                &every
            }
        };
        let state = State::fold(&log.events, &Resolver::new(catalog));
        asked = events_for(&state, &plan(&state)?, author);
        if asked.is_empty() {
            return Ok(Vec::new());
        }
        let mut events = events_for(&state, &pins(&state), author);
        // The pins go first, and the new changes follow them in time, in order.
        if let (Some(last), Some(first)) = (events.last().map(|e| e.at), asked.first().map(|e| e.at))
            && first <= last
        {
            let shift = last - first + chrono::Duration::microseconds(1);
            for event in &mut asked {
                event.at += shift;
            }
        }
        events.extend(asked.iter().cloned());
        Ok(events)
    })?;
    Ok(Recorded { events: asked, written })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(op: &str, target: &str, to: Option<&str>) -> Event {
        let to = to.map_or(String::new(), |to| format!(",\"to\":\"{to}\""));
        serde_json::from_str(&format!(
            "{{\"id\":\"e-{op}-{target}\",\"at\":\"2026-11-20T10:00:00Z\",\"by\":\"anna\",\"op\":\"{op}\",\"target\":\"{target}\"{to}}}"
        ))
        .unwrap()
    }

    #[test]
    fn a_log_folds_against_the_named_roadmaps_alone_only_when_no_other_can_change_it() {
        let catalog = Catalog::load_named(&[], &["hubs-sdk"]).unwrap();
        assert_eq!(catalog.roadmaps.len(), 1);
        let alone = |events: &[Event]| folds_alone(events, &catalog);
        let old_tick = event("done", "annan/m/2", None);
        // Steps of the loaded plan by place, and by key anywhere: pinned as they are written.
        assert!(alone(&[event("done", "hubs-sdk/projektstart/1", None)]));
        assert!(alone(&[event("done", "annan/m/~2d607541a5d5", None)]));
        // A step of another plan by its place is pinned only by a rekey the fold reads.
        assert!(!alone(std::slice::from_ref(&old_tick)));
        assert!(alone(&[
            old_tick.clone(),
            event("rekey", "annan/m/2", Some("annan/m/~2d607541a5d5"))
        ]));
        assert!(!alone(&[old_tick.clone(), event("rekey", "annan/m/2", Some("annan"))]));
        // Changes moved from one plan to another, or a plan renamed: every plan is needed.
        assert!(!alone(&[event("rekey", "annan/m/2", Some("hubs-sdk/m/~2d607541a5d5"))]));
        assert!(!alone(&[event("rename", "annan", Some("ny"))]));
    }
}
