//! Where one run's wall time goes, phase by phase, for `bench/phases.sh`.
//! The timers exist only in a build with the `phases` feature: in the
//! shipped binary `mark` and `report` are empty and compile to nothing.
//! With the feature, `ROADMAP_PHASES=1` prints on standard error, as the run
//! ends, each phase and the milliseconds from the mark before it.
//!
//! The marks, in the order a view passes them: `arguments` (the command
//! line read, the configuration and language found), `roadmaps read`,
//! `state read` (for a view, `Context::read` reads a large state file
//! beside the roadmaps: what is left of it once they are read),
//! `state folded`, `worked out` (the command's own work, up to
//! its first output) and `output` (written and flushed; a table drawn as it
//! is written counts here).

#[cfg(feature = "phases")]
mod timers {
    use std::sync::Mutex;
    use std::time::Instant;

    static MARKS: Mutex<Vec<(&'static str, Instant)>> = Mutex::new(Vec::new());

    pub fn mark(phase: &'static str) {
        if let Ok(mut marks) = MARKS.lock() {
            marks.push((phase, Instant::now()));
        }
    }

    pub fn report() {
        if std::env::var_os("ROADMAP_PHASES").is_none() {
            return;
        }
        let Ok(marks) = MARKS.lock() else { return };
        let mut text = String::new();
        for pair in marks.windows(2) {
            let ms = pair[1].1.duration_since(pair[0].1).as_secs_f64() * 1000.0;
            text.push_str(&format!("phase\t{}\t{ms:.3}\n", pair[1].0));
        }
        if let (Some(first), Some(last)) = (marks.first(), marks.last()) {
            let ms = last.1.duration_since(first.1).as_secs_f64() * 1000.0;
            text.push_str(&format!("phase\ttotal\t{ms:.3}\n"));
        }
        eprint!("{text}");
    }
}

/// Marks the end of `phase` (a timer build only).
#[inline]
pub fn mark(phase: &'static str) {
    #[cfg(feature = "phases")]
    timers::mark(phase);
    #[cfg(not(feature = "phases"))]
    let _ = phase;
}

/// Prints the phases when `ROADMAP_PHASES` is set (a timer build only).
#[inline]
pub fn report() {
    #[cfg(feature = "phases")]
    timers::report();
}
