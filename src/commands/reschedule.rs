//! `roadmap reschedule ROADMAP/MILESTONE DUE`: moves a due date in the user's
//! copy of a roadmap and records the move, old and new, in the state history.

use roadmap_core::address::Address;
use roadmap_core::due::Due;
use roadmap_core::error::Doing;
use roadmap_core::roadmap::{Origin, edit, parse};
use roadmap_core::state::change::{Change, events_for};
use roadmap_core::state::file::{self, Written};
use roadmap_core::state::{Op, State};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::RescheduleArgs;
use crate::context::Context;
use crate::render::emit;

pub fn run(context: &Context, args: &RescheduleArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let (address, roadmap, milestone) = Address::resolve(&catalog, &args.target)?;
    if address.step.is_some() {
        return Err(Error::refused(
            "steps have no due dates of their own",
            format!("reschedule the milestone: {}/{}", address.roadmap, address.milestone),
        ));
    }
    let Origin::File { path, .. } = &roadmap.origin else {
        return Err(Error::refused(
            format!("`{}` is a shipped roadmap, which cannot be changed", roadmap.id),
            format!("adopt a copy of your own first: roadmap init {}", roadmap.id),
        ));
    };
    let new = Due::parse(&args.due, roadmap.year).map_err(|e| {
        Error::refused(
            format!("`{}` is not a due date: {e}", args.due),
            e.hint.clone().unwrap_or_default(),
        )
    })?;
    let old = milestone.due.as_ref().map(|d| d.label().to_string());
    if old.as_deref() == Some(new.label()) {
        emit(&format!(
            "nothing to change: {address} is already due {}\n",
            new.label()
        ))?;
        return Ok(ExitCode::Success);
    }
    let location = context.state_location()?;
    let author = context.author(&args.by, None);
    let mut baseline = None;
    // The roadmap file is written under the state's lock, just before the
    // history records the move, so two reschedules cannot interleave.
    let written = file::update(
        &location.path,
        context.lock_timeout()?,
        Context::waiting_message(&location),
        |log| {
            let state = State::fold(&log.events);
            baseline = state
                .get(&address.to_string())
                .and_then(|t| t.baseline())
                .map(|b| b.unwrap_or("none").to_string());
            let text = std::fs::read_to_string(path).doing(|| format!("cannot read {}", path.display()))?;
            let (text, _) = edit::set_due(&text, &milestone.id, new.label())?;
            let shown = path.display().to_string();
            parse::parse(&shown, text.as_bytes(), roadmap.origin.clone()).map_err(Error::Roadmaps)?;
            roadmap_core::atomic_write::write(path, text.as_bytes()).doing(|| format!("cannot write {shown}"))?;
            let change = Change {
                target: address.to_string(),
                op: Op::Reschedule,
                note: args.note.clone(),
                moved: Some((old.clone(), new.label().to_string())),
            };
            Ok(events_for(&state, &[change], &author))
        },
    )?;
    let baseline = baseline.or_else(|| old.clone()).unwrap_or_else(|| "none".into());
    let mut out = format!(
        "rescheduled {address}: {} -> {} (baseline {baseline})\n",
        old.as_deref().unwrap_or("no date"),
        new.label()
    );
    if let Written::Appended(_) = written {
        out.push_str(&format!(
            "recorded in {}; the roadmap file {} was updated\n",
            location.path.display(),
            path.display()
        ));
    }
    emit(&out)?;
    Ok(ExitCode::Success)
}
