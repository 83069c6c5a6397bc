//! How far a milestone has come, from the roadmap and the folded state.
//! A milestone with steps is done when all its steps are (skipped steps count
//! as not applicable), or when it is marked done itself.

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
        let mut marks = MilestoneMarks::default();
        marks.read(roadmap_id, milestone, state);
        marks.progress()
    }

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

/// The marks of one milestone and of its steps, and its address, read from
/// the state into buffers that are reused milestone after milestone: this
/// runs for every step of every milestone a view shows.
#[derive(Debug, Default)]
pub struct MilestoneMarks {
    /// `ROADMAP/MILESTONE`.
    pub address: String,
    pub own: Mark,
    /// Step `i + 1`'s mark at `i`.
    pub steps: Vec<Mark>,
    key: String,
}

impl MilestoneMarks {
    pub fn read(&mut self, roadmap_id: &str, milestone: &Milestone, state: &impl MarkOf) {
        self.address.clear();
        self.address.push_str(roadmap_id);
        self.address.push('/');
        self.address.push_str(&milestone.id);
        self.own = state.mark_of(&self.address);
        self.steps.clear();
        for index in 1..=milestone.steps.len() {
            let mark = state.mark_of(self.step_address(index));
            self.steps.push(mark);
        }
    }

    /// `ROADMAP/MILESTONE/N` for step `index` of the milestone last read.
    pub fn step_address(&mut self, index: usize) -> &str {
        self.key.clear();
        self.key.push_str(&self.address);
        self.key.push('/');
        self.key.push_str(decimal(index, &mut [0; 20]));
        &self.key
    }

    pub fn progress(&self) -> Progress {
        Progress::from_marks(self.own, &self.steps)
    }
}

/// `n` in decimal, without the formatting machinery: this runs for every step.
fn decimal(mut n: usize, buffer: &mut [u8; 20]) -> &str {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buffer[at..]).unwrap_or("0")
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 1234, usize::MAX] {
            assert_eq!(super::decimal(n, &mut [0; 20]), n.to_string());
        }
    }
}
