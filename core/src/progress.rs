//! How far a milestone has come, from the marks of it and of its steps.
//! A milestone with steps is done when all its steps are (skipped steps count
//! as not applicable), or when it is marked done itself.

use crate::state::Mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: bool,
    pub skipped: bool,
    pub steps_done: usize,
    pub steps_skipped: usize,
    pub steps_total: usize,
}

impl Progress {
    /// The progress of a milestone whose own mark is `own` and whose steps' marks are `steps`.
    pub fn from_marks(own: Mark, steps: &[Mark]) -> Progress {
        let mut progress = Progress {
            steps_total: steps.len(),
            ..Progress::default()
        };
        for mark in steps {
            match mark {
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
