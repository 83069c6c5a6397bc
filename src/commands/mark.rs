//! `roadmap done`, `reopen`, `skip` and `note`: record changes in the state.

use roadmap_core::address::Address;
use roadmap_core::state::Op;
use roadmap_core::state::change::{Change, expand};
use roadmap_core::state::file::Written;
use roadmap_core::state::record::record;
use roadmap_core::{ExitCode, Result};

use crate::cli::{ByArg, DoneArgs, NoteArgs, ReopenArgs, SkipArgs};
use crate::context::Context;
use crate::i18n::t;
use crate::render::{op_word, recorded as recorded_line, sanitize};

pub fn done(context: &Context, args: &DoneArgs) -> Result<ExitCode> {
    mark(
        context,
        &args.targets,
        Op::Done,
        args.note.as_deref(),
        &args.by,
        args.at,
    )
}

pub fn reopen(context: &Context, args: &ReopenArgs) -> Result<ExitCode> {
    mark(context, &args.targets, Op::Reopen, args.note.as_deref(), &args.by, None)
}

pub fn skip(context: &Context, args: &SkipArgs) -> Result<ExitCode> {
    mark(context, &args.targets, Op::Skip, Some(&args.note), &args.by, None)
}

pub fn note(context: &Context, args: &NoteArgs) -> Result<ExitCode> {
    mark(
        context,
        std::slice::from_ref(&args.target),
        Op::Note,
        Some(&args.text),
        &args.by,
        None,
    )
}

fn mark(
    context: &Context,
    targets: &[String],
    op: Op,
    note: Option<&str>,
    by: &ByArg,
    on: Option<chrono::NaiveDate>,
) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    // Every address is checked before anything is written.
    let resolved = targets
        .iter()
        .map(|t| Address::resolve(&catalog, t).map(|(address, _, milestone)| (address, milestone)))
        .collect::<Result<Vec<_>>>()?;
    let location = context.state_location()?;
    let (author, recorder) = context.author(by, on, &location)?;
    let recorded = record(
        &location.path,
        context.lock_timeout(),
        context.waiting_message(&location),
        &catalog,
        &author,
        |state| {
            Ok(resolved
                .iter()
                .flat_map(|(a, m)| expand(state, a, m, op, note))
                .collect::<Vec<Change>>())
        },
    )?;
    let language = &context.language;
    let words: Vec<String> = recorded.events.iter().map(|e| op_word(language, e.op)).collect();
    let width = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (event, word) in recorded.events.iter().zip(&words) {
        let (address, text) = shown(&catalog, &event.target);
        out.push_str(&format!("{word:<width$} {address}  {}\n", sanitize(&text)));
    }
    match recorded.written {
        Written::Nothing => out.push_str(&match op {
            Op::Done => t!(language, "mark-nothing-done"),
            Op::Reopen => t!(language, "mark-nothing-open"),
            Op::Skip => t!(language, "mark-nothing-skipped"),
            _ => t!(language, "mark-nothing-noted"),
        }),
        Written::Appended(_) => out.push_str(&recorded_line(language, recorded.events.len(), &recorder, &location)),
    }
    out.push('\n');
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}

/// A recorded target as people know it (a step by its place, or its id), and its text.
fn shown(catalog: &roadmap_core::catalog::Catalog, target: &str) -> (String, String) {
    match catalog.get(target.split('/').next().unwrap_or_default()) {
        Some(roadmap) => (
            roadmap_core::address::shown(roadmap, target),
            roadmap.text_at(target).unwrap_or_default().to_string(),
        ),
        None => (target.to_string(), String::new()),
    }
}
