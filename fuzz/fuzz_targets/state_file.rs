//! The state reader: any bytes in `.roadmap/state.jsonl` (a torn write, a
//! botched merge, a hand edit) must give a `Log` or a report of the bad lines,
//! never a panic; a `Log` must fold into a `State` and list its contradictions.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use roadmap_core::Error;
use roadmap_core::address::{AsRecorded, Resolver};
use roadmap_core::catalog::Catalog;
use roadmap_core::state::State;

/// The shipped roadmaps, for folding the changes against real targets.
fn shipped() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(&[]).expect("the shipped roadmaps load"))
}

fuzz_target!(|data: &[u8]| {
    match roadmap_core::state::file::parse("state.jsonl", data) {
        Ok(log) => {
            assert_eq!(log.events.len(), log.lines.len(), "one line number per event");
            // As recorded, and against the shipped roadmaps (steps found by key, moved, gone).
            let _ = State::fold(&log.events, &AsRecorded).contradictions();
            let state = State::fold(&log.events, &Resolver::new(shipped()));
            assert!(state.ordered.len() <= log.events.len());
            let _ = state.unmatched().count();
            for c in state.contradictions() {
                assert!(!c.overruled.is_empty(), "a contradiction overrules something");
                let _ = state.mark(c.target);
            }
            for counted in &state.ordered {
                let _ = state.get(&counted.target).map(|t| t.moved_to());
                let _ = state.cost_changes(counted.target.roadmap()).count();
            }
        }
        Err(error) => {
            let Error::State(found) = &error else {
                panic!("a state file that does not parse is reported as one: {error:?}");
            };
            assert!(!found.is_empty(), "a broken state file without a diagnostic");
            let shown = roadmap::render::error::message(&error);
            // Nothing from the file may reach a terminal as a control character.
            assert!(
                !shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "unescaped control character: {shown:?}"
            );
        }
    }
});
