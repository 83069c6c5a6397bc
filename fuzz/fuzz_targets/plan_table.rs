//! `roadmap import`: reading a plan table from any bytes, then the roadmap
//! file written from it.
//!
//! Input layout: the first byte picks the kind of file (% 5: CSV, TSV,
//! Markdown, Word, MS Project XML; spreadsheets are calamine's own and
//! fuzzed there); the rest is the file. Whatever is read must not panic, and a plan that is
//! read must be written as a roadmap file the roadmap parser accepts.
#![no_main]

#[path = "written.rs"]
mod written;

use libfuzzer_sys::fuzz_target;
use roadmap_core::import::read::{Kind, tables};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kind = match selector % 5 {
        0 => Kind::Delimited(None),
        1 => Kind::Delimited(Some(b'\t')),
        2 => Kind::Markdown,
        3 => Kind::Word,
        _ => {
            // A project plan is read whole, not as tables.
            if let Ok((plan, _)) = roadmap_core::import::project::plan(bytes) {
                written::loads(&plan, "fuzz.xml");
            }
            return;
        }
    };
    let Ok(tables) = tables(kind, bytes) else {
        return;
    };
    // Each table on its own, and the plan the import's policy chooses
    // (a document's sections merged).
    let sections = matches!(kind, Kind::Markdown | Kind::Word);
    let chosen = roadmap_core::import::choose::choose(&tables, None, &[], sections).map(|c| c.plan);
    let each = tables
        .iter()
        .map(|table| roadmap_core::import::plan(table, &[]).map_err(|_| ()));
    for plan in each.chain(std::iter::once(chosen.map_err(|_| ()))) {
        let Ok(plan) = plan else {
            continue;
        };
        written::loads(&plan, "fuzz.csv");
    }
});
