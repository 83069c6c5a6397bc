//! `roadmap import`: reading a plan table from any bytes, then the roadmap
//! file written from it.
//!
//! Input layout: the first byte picks the kind of file (% 4: CSV, TSV,
//! Markdown, Word; spreadsheets are calamine's own and fuzzed there); the
//! rest is the file. Whatever is read must not panic, and a plan that is
//! read must be written as a roadmap file the roadmap parser accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_core::import::read::{Kind, tables};
use roadmap_core::import::toml::{Head, Wording, write};
use roadmap_core::roadmap::{Origin, parse};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kind = match selector % 4 {
        0 => Kind::Delimited(None),
        1 => Kind::Delimited(Some(b'\t')),
        2 => Kind::Markdown,
        _ => Kind::Word,
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
        if plan.milestones.is_empty() {
            continue;
        }
        let head = Head {
            id: "fuzz",
            title: "fuzz",
            language: "sv",
            source: "fuzz.csv",
            year: plan.year,
            organisation: None,
            note: None,
            budget_tkr: None,
            parties: &[],
        };
        let words = |w: Wording<'_>| match w {
            Wording::UnreadDue(t) | Wording::UnreadCost(t) => format!("as written: {t}"),
            _ => "a comment\nof two lines".to_string(),
        };
        let text = write(&plan, &head, &words);
        let origin = Origin::File {
            path: "fuzz.toml".into(),
            replaces_shipped: false,
        };
        if let Err(problems) = parse::parse("fuzz.toml", text.as_bytes(), origin) {
            panic!("the imported plan does not load: {problems:?}\n{text}");
        }
    }
});
