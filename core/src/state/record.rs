//! Recording changes: the one way every command writes the state. Under the
//! state's lock it reads the whole file, folds it against the roadmaps as they
//! are, asks the command what to change, and appends the events, with the
//! pins that keep older changes recorded by a step's place on their step.

use std::path::Path;
use std::time::Duration;

use super::State;
use super::change::{Author, Change, events_for, pins};
use super::event::Event;
use super::file::{self, Written};
use crate::address::Resolver;
use crate::catalog::Catalog;
use crate::error::Result;

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
    catalog: &Catalog,
    author: &Author,
    plan: impl FnOnce(&State<'_>) -> Result<Vec<Change>>,
) -> Result<Recorded> {
    let mut asked = Vec::new();
    let written = file::update(path, lock_timeout, waiting, |log| {
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
