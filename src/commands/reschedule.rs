//! `roadmap reschedule ROADMAP/MILESTONE DUE`: moves a milestone's due date.
//! The move is recorded in the state log only, old and new; the roadmap file
//! keeps its date as the baseline (see `roadmap_core::schedule`).

use roadmap_core::address::Address;
use roadmap_core::schedule::{Baseline, baseline, due_now, read_move};
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::RescheduleArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::{baseline_words, sanitize};

pub fn run(context: &Context, args: &RescheduleArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let (address, roadmap, milestone) = Address::resolve(&catalog, &args.target)?;
    if address.step.is_some() {
        return Err(Error::refused(
            "steps have no due dates of their own",
            format!("reschedule the milestone: {}/{}", address.roadmap, address.milestone),
        ));
    }
    let mut moved = None;
    let recording = context.record(&catalog, &args.by, None, |state| {
        let due = due_now(roadmap, milestone, state);
        let new = read_move(&args.due, roadmap, state)?;
        // Where it was first due: before its first move, or (never moved) now.
        let first =
            baseline(roadmap, milestone, state).unwrap_or_else(|| due.clone().map_or(Baseline::Undated, Baseline::Due));
        let old = due.map(|d| d.label().to_string());
        moved = Some((old.clone(), new.label().to_string(), first));
        if old.as_deref() == Some(new.label()) {
            return Ok(Vec::new());
        }
        Ok(vec![Change::Reschedule {
            target: address.target(milestone),
            from: old,
            to: new.label().to_string(),
            note: args.note.clone(),
        }])
    })?;
    let Some((old, new, baseline)) = moved else {
        return Ok(ExitCode::Success);
    };
    let language = &context.language;
    let no_date = || t!(language, "no-date");
    let address = address.to_string();
    let mut out = String::new();
    if new != args.due.trim() {
        out.push_str(&t!(
            language,
            "reschedule-read-as",
            written = sanitize(args.due.trim()).into_owned(),
            due = new.as_str()
        ));
        out.push('\n');
    }
    match recording.written {
        Written::Nothing => out.push_str(&t!(
            language,
            "reschedule-nothing",
            address = address.as_str(),
            due = new.as_str()
        )),
        Written::Appended(_) => out.push_str(&format!(
            "{}\n{}",
            t!(
                language,
                "reschedule-done",
                address = address.as_str(),
                from = old.unwrap_or_else(no_date),
                to = new.as_str(),
                baseline = baseline_words(language, &baseline, context.year())
            ),
            recording.confirmation(language)
        )),
    }
    out.push('\n');
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
