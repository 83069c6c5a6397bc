//! `roadmap done`, `reopen`, `skip` and `note`: record changes in the state.

use anyhow::Result;

use super::Context;
use crate::address::Address;
use crate::cli::{ByArg, DoneArgs, NoteArgs, ReopenArgs, SkipArgs};
use crate::exit_code::ExitCode;
use crate::roadmap::Milestone;
use crate::roadmap::catalog::Catalog;
use crate::state::change::{Author, Change, events_for};
use crate::state::file::{self, Written};
use crate::state::{Event, Mark, Op, State};
use crate::terminal::{emit, sanitize};

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
    // Only the roadmaps the addresses name are read: a tick must stay instant among hundreds.
    let catalog = Catalog::load_some(&context.roadmap_dirs(), |_| {
        targets
            .iter()
            .map(|t| t.trim().split('/').next().unwrap_or_default().to_string())
            .collect()
    })?;
    // Every address is checked before anything is written.
    let resolved = targets
        .iter()
        .map(|t| Address::resolve(&catalog, t).map(|(address, _, milestone)| (address, milestone)))
        .collect::<Result<Vec<_>>>()?;
    let location = context.state_location()?;
    let author = context.author(by, on);
    let mut appended = Vec::new();
    // A milestone's history with its steps': `done` on a milestone ticks them.
    let scope: Vec<String> = resolved
        .iter()
        .map(|(a, _)| Address::milestone(&a.roadmap, &a.milestone).to_string())
        .collect();
    let written = file::update(&location.path, context.lock_timeout()?, &scope, |log| {
        let state = State::fold(&log.events);
        let changes: Vec<Change> = resolved
            .iter()
            .flat_map(|(a, m)| expand(&state, a, m, op, note))
            .collect();
        appended = events_for(&state, &changes, &author);
        Ok(appended.clone())
    })?;
    let mut out = String::new();
    for event in &appended {
        out.push_str(&describe(&catalog, event));
    }
    match written {
        Written::Nothing => out.push_str(&format!("nothing to change: already {}\n", past_tense(op))),
        Written::Appended(n) => {
            out.push_str(&format!(
                "recorded {n} change{} in {}\n",
                if n == 1 { "" } else { "s" },
                location.path.display()
            ));
        }
    }
    emit(&out)?;
    Ok(ExitCode::Success)
}

/// The changes one address asks for. A milestone with steps is done when all
/// its steps are, so `done` on it ticks each open step; `reopen` reopens it
/// and every closed step.
fn expand(state: &State<'_>, address: &Address, milestone: &Milestone, op: Op, note: Option<&str>) -> Vec<Change> {
    let change = |target: String| Change {
        target,
        op,
        note: note.map(str::to_string),
        moved: None,
    };
    if address.step.is_some() || milestone.steps.is_empty() || matches!(op, Op::Skip | Op::Note) {
        return vec![change(address.to_string())];
    }
    let own = address.to_string();
    let steps = (1..=milestone.steps.len()).map(|i| address.step(i).to_string());
    match op {
        Op::Done => {
            let steps: Vec<String> = steps.collect();
            let any_done = steps.iter().any(|s| state.mark(s) == Mark::Done);
            let mut changes: Vec<Change> = steps
                .into_iter()
                .filter(|s| state.mark(s) == Mark::Open)
                .map(change)
                .collect();
            // Ticking the steps is not enough when the milestone was skipped as
            // a whole, or when every step was skipped: mark the milestone itself.
            if state.mark(&own) == Mark::Skipped || (changes.is_empty() && !any_done) {
                changes.insert(0, change(own));
            }
            changes
        }
        _ => std::iter::once(own).chain(steps).map(change).collect(),
    }
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

fn describe(catalog: &Catalog, event: &Event) -> String {
    let title = title_of(catalog, &event.target).unwrap_or_default();
    format!("{:<6} {}  {}\n", event.op.as_str(), event.target, sanitize(&title))
}

/// The title of a milestone or the text of a step, by address.
pub fn title_of(catalog: &Catalog, target: &str) -> Option<String> {
    catalog
        .get(target.split('/').next()?)?
        .text_at(target)
        .map(str::to_string)
}

/// For `tick`: record the given marks for `targets`, re-checked against the
/// state as it is under the lock.
pub fn apply(context: &Context, author: &Author, wanted: &[(String, Op)]) -> Result<Written> {
    let location = context.state_location()?;
    let changes: Vec<Change> = wanted
        .iter()
        .map(|(t, op)| Change {
            target: t.clone(),
            op: *op,
            note: None,
            moved: None,
        })
        .collect();
    let scope: Vec<String> = wanted.iter().map(|(t, _)| t.clone()).collect();
    file::update(&location.path, context.lock_timeout()?, &scope, |log| {
        Ok(events_for(&State::fold(&log.events), &changes, author))
    })
}
