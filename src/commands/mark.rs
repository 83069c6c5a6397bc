//! `roadmap done`, `reopen`, `skip` and `note`: record changes in the state.

use roadmap_core::address::Address;
use roadmap_core::catalog::Catalog;
use roadmap_core::state::Mark;
use roadmap_core::state::change::{Ask, Change, expand};
use roadmap_core::state::file::Written;
use roadmap_core::state::record::Roadmaps;
use roadmap_core::target::Target;
use roadmap_core::{ExitCode, Result};

use crate::cli::{ByArg, DoneArgs, NoteArgs, ReopenArgs, SkipArgs};
use crate::context::Context;
use crate::i18n::t;
use crate::render::{op_word, sanitize};

pub fn done(context: &Context, args: &DoneArgs) -> Result<ExitCode> {
    mark(
        context,
        &args.targets,
        Ask::Mark(Mark::Done),
        args.note.as_deref(),
        &args.by,
        args.at,
    )
}

pub fn reopen(context: &Context, args: &ReopenArgs) -> Result<ExitCode> {
    mark(
        context,
        &args.targets,
        Ask::Mark(Mark::Open),
        args.note.as_deref(),
        &args.by,
        None,
    )
}

pub fn skip(context: &Context, args: &SkipArgs) -> Result<ExitCode> {
    mark(
        context,
        &args.targets,
        Ask::Mark(Mark::Skipped),
        Some(&args.note),
        &args.by,
        None,
    )
}

pub fn note(context: &Context, args: &NoteArgs) -> Result<ExitCode> {
    mark(
        context,
        std::slice::from_ref(&args.target),
        Ask::Note,
        Some(&args.text),
        &args.by,
        None,
    )
}

/// Records `ask` (a new mark, or a note alone) on each of `targets`.
fn mark(
    context: &Context,
    targets: &[String],
    ask: Ask,
    note: Option<&str>,
    by: &ByArg,
    on: Option<chrono::NaiveDate>,
) -> Result<ExitCode> {
    let named: Vec<&str> = targets.iter().filter_map(|t| Address::roadmap_named(t)).collect();
    let (catalog, dirs) = context.catalog_named(&named)?;
    // Every address is checked before anything is written.
    let resolved = targets
        .iter()
        .map(|t| Address::resolve(&catalog, t).map(|(address, _, milestone)| (address, milestone)))
        .collect::<Result<Vec<_>>>()?;
    let recording = context.record(Roadmaps::Named(&catalog, &dirs), by, on, |state| {
        Ok(resolved
            .iter()
            .flat_map(|(a, m)| expand(state, a, m, ask, note))
            .collect::<Vec<Change>>())
    })?;
    let language = &context.language;
    let words: Vec<String> = recording.events.iter().map(|e| op_word(language, e.op)).collect();
    let width = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (event, word) in recording.events.iter().zip(&words) {
        let (address, text) = shown(&catalog, &event.target);
        out.push_str(&format!("{word:<width$} {address}  {}\n", sanitize(&text)));
    }
    match recording.written {
        Written::Nothing => out.push_str(&match ask {
            Ask::Mark(Mark::Done) => t!(language, "mark-nothing-done"),
            Ask::Mark(Mark::Open) => t!(language, "mark-nothing-open"),
            Ask::Mark(Mark::Skipped) => t!(language, "mark-nothing-skipped"),
            Ask::Note => t!(language, "mark-nothing-noted"),
        }),
        Written::Appended(_) => out.push_str(&recording.confirmation(language)),
    }
    out.push('\n');
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}

/// A recorded target as people know it (a step by its place, or its id), and its text.
fn shown(catalog: &Catalog, target: &Target) -> (String, String) {
    match catalog.get(target.roadmap()) {
        Some(roadmap) => (
            roadmap_core::address::shown(roadmap, target),
            roadmap.text_at(target).unwrap_or_default().to_string(),
        ),
        None => (target.to_string(), String::new()),
    }
}
