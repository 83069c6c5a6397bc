//! `roadmap done`, `reopen`, `skip` and `note`: record changes in the state.

use roadmap_core::address::Address;
use roadmap_core::state::change::{Change, events_for, expand};
use roadmap_core::state::file::{self, Written};
use roadmap_core::state::{Op, State};
use roadmap_core::{ExitCode, Result};

use crate::cli::{ByArg, DoneArgs, NoteArgs, ReopenArgs, SkipArgs};
use crate::context::Context;
use crate::render::{emit, plural, sanitize};

pub fn done(context: &Context, args: &DoneArgs) -> Result<ExitCode> {
    record(
        context,
        &args.targets,
        Op::Done,
        args.note.as_deref(),
        &args.by,
        args.at,
    )
}

pub fn reopen(context: &Context, args: &ReopenArgs) -> Result<ExitCode> {
    record(context, &args.targets, Op::Reopen, args.note.as_deref(), &args.by, None)
}

pub fn skip(context: &Context, args: &SkipArgs) -> Result<ExitCode> {
    record(context, &args.targets, Op::Skip, Some(&args.note), &args.by, None)
}

pub fn note(context: &Context, args: &NoteArgs) -> Result<ExitCode> {
    record(
        context,
        std::slice::from_ref(&args.target),
        Op::Note,
        Some(&args.text),
        &args.by,
        None,
    )
}

fn record(
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
    let author = context.author(by, on);
    let mut appended = Vec::new();
    let written = file::update(
        &location.path,
        context.lock_timeout()?,
        Context::waiting_message(&location),
        |log| {
            let state = State::fold(&log.events);
            let changes: Vec<Change> = resolved
                .iter()
                .flat_map(|(a, m)| expand(&state, a, m, op, note))
                .collect();
            appended = events_for(&state, &changes, &author);
            Ok(appended.clone())
        },
    )?;
    let mut out = String::new();
    for event in &appended {
        let title = catalog.text_at(&event.target).unwrap_or_default();
        out.push_str(&format!(
            "{:<6} {}  {}\n",
            event.op.as_str(),
            event.target,
            sanitize(title)
        ));
    }
    match written {
        Written::Nothing => out.push_str(&format!("nothing to change: already {}\n", past_tense(op))),
        Written::Appended(n) => out.push_str(&format!(
            "recorded {} in {}\n",
            plural(n, "change", "changes"),
            location.path.display()
        )),
    }
    emit(&out)?;
    Ok(ExitCode::Success)
}

fn past_tense(op: Op) -> &'static str {
    match op {
        Op::Done => "done",
        Op::Reopen => "open",
        Op::Skip => "skipped",
        Op::Note => "noted",
        Op::Reschedule => "rescheduled",
    }
}
