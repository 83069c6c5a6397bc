//! The state reader: any bytes in `.roadmap/state.jsonl` (a torn write, a
//! botched merge, a hand edit) must give a `Log` or a `Corrupt` report, never
//! a panic; a `Log` must fold into a `State` and list its contradictions.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap::state::State;

fuzz_target!(|data: &[u8]| {
    match roadmap::state::file::parse("state.jsonl", data) {
        Ok(log) => {
            assert_eq!(log.events.len(), log.lines.len(), "one line number per event");
            let state = State::fold(&log.events);
            assert!(state.ordered.len() <= log.events.len());
            for c in state.contradictions() {
                assert!(!c.overruled.is_empty(), "a contradiction overrules something");
                let _ = state.mark(c.target);
            }
            for target in state.targets() {
                let _ = state.get(target).map(|t| t.baseline());
            }
        }
        Err(corrupt) => {
            assert!(!corrupt.diagnostics.is_empty(), "Corrupt without a diagnostic");
            let shown = corrupt.to_string();
            // Nothing from the file may reach a terminal as a control character.
            assert!(!shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "unescaped control character: {shown:?}");
        }
    }
});
