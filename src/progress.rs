//! How far a milestone has come, from the roadmap and the folded state.
//! A milestone with steps is done when all its steps are (skipped steps count
//! as not applicable), or when it is marked done itself.

use std::fmt::Write as _;

use crate::roadmap::Milestone;
use crate::state::{Mark, MarkOf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: bool,
    pub skipped: bool,
    pub steps_done: usize,
    pub steps_skipped: usize,
    pub steps_total: usize,
}

impl Progress {
    pub fn of(roadmap_id: &str, milestone: &Milestone, state: &impl MarkOf) -> Progress {
        // One buffer for every step's address: this runs for every step of
        // every milestone on every view, so it should not allocate per step.
        let mut key = format!("{roadmap_id}/{}/", milestone.id);
        let base = key.len();
        let own = state.mark_of(&key[..base - 1]);
        let mut progress = Progress {
            steps_total: milestone.steps.len(),
            ..Progress::default()
        };
        for index in 1..=milestone.steps.len() {
            key.truncate(base);
            let _ = write!(key, "{index}");
            match state.mark_of(&key) {
                Mark::Done => progress.steps_done += 1,
                Mark::Skipped => progress.steps_skipped += 1,
                Mark::Open => {}
            }
        }
        let all_steps_closed =
            progress.steps_total > 0 && progress.steps_done + progress.steps_skipped == progress.steps_total;
        progress.done = own == Mark::Done || (own == Mark::Open && all_steps_closed && progress.steps_done > 0);
        progress.skipped = !progress.done && (own == Mark::Skipped || (all_steps_closed && progress.steps_done == 0));
        progress
    }

    /// Open: neither done nor skipped.
    pub fn is_open(&self) -> bool {
        !self.done && !self.skipped
    }
}
