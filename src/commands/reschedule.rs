//! `roadmap reschedule ROADMAP/MILESTONE DUE`: moves a milestone's due date.
//! The move is recorded in the state log only, old and new; the roadmap file
//! keeps its date as the baseline (see `roadmap_core::schedule`).

use roadmap_core::address::Address;
use roadmap_core::roadmap::Milestone;
use roadmap_core::schedule::{Baseline, baseline, due_now, following, read_move, shifted, weeks_between};
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::state::record::Roadmaps;
use roadmap_core::target::Target;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::RescheduleArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::{baseline_words, sanitize};

pub fn run(context: &Context, args: &RescheduleArgs) -> Result<ExitCode> {
    // Its plan alone, as a tick reads it (`Context::catalog_named`).
    let named: Vec<&str> = Address::roadmap_named(&args.target).into_iter().collect();
    let (catalog, dirs) = context.catalog_named(&named)?;
    let (address, roadmap, milestone) = Address::resolve(&catalog, &args.target)?;
    if address.step.is_some() {
        return Err(Error::refused(
            "steps have no due dates of their own",
            format!("reschedule the milestone: {}/{}", address.roadmap, address.milestone),
        ));
    }
    let mut moved = None;
    // The milestones after it: moved along (--shift-following), or the ones
    // the move now puts before it.
    let mut along: Vec<(&Milestone, Option<String>, String)> = Vec::new();
    let mut kept: Vec<&Milestone> = Vec::new();
    let mut overtaken: Vec<&Milestone> = Vec::new();
    let recording = context.record(Roadmaps::Named(&catalog, &dirs), &args.by, None, |state| {
        let due = due_now(roadmap, milestone, state);
        let new = read_move(&args.due, roadmap, state)?;
        // Where it was first due: before its first move, or (never moved) now.
        let first =
            baseline(roadmap, milestone, state).unwrap_or_else(|| due.clone().map_or(Baseline::Undated, Baseline::Due));
        let old_label = due.as_ref().map(|d| d.label().to_string());
        moved = Some((old_label.clone(), new.label().to_string(), first));
        if old_label.as_deref() == Some(new.label()) {
            return Ok(Vec::new());
        }
        let mut changes = vec![Change::Reschedule {
            target: address.target(milestone),
            from: old_label,
            to: new.label().to_string(),
            note: args.note.clone(),
        }];
        let followers = following(roadmap, milestone, state);
        let weeks = due.as_ref().and_then(|old| weeks_between(old, &new));
        if args.shift_following {
            let Some(weeks) = weeks.filter(|w| *w != 0) else {
                return Ok(changes);
            };
            for m in followers {
                let now = due_now(roadmap, m, state);
                match now.as_ref().and_then(|d| shifted(d, weeks)) {
                    Some(to) => {
                        let from = now.map(|d| d.label().to_string());
                        changes.push(Change::Reschedule {
                            target: Target::milestone(&roadmap.id, &m.id),
                            from: from.clone(),
                            to: to.clone(),
                            note: args.note.clone(),
                        });
                        along.push((m, from, to));
                    }
                    None => kept.push(m),
                }
            }
        } else if let Some(end) = new.anchor() {
            overtaken = followers
                .into_iter()
                .filter(|m| {
                    due_now(roadmap, m, state)
                        .and_then(|d| d.anchor())
                        .is_some_and(|e| e < end)
                })
                .collect();
        }
        Ok(changes)
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
    let id_of = |m: &Milestone| format!("{}/{}", roadmap.id, m.id);
    match recording.written {
        Written::Nothing => out.push_str(&t!(
            language,
            "reschedule-nothing",
            address = address.as_str(),
            due = new.as_str()
        )),
        Written::Appended(_) => {
            out.push_str(&t!(
                language,
                "reschedule-done",
                address = address.as_str(),
                from = old.unwrap_or_else(no_date),
                to = new.as_str(),
                baseline = baseline_words(language, &baseline, context.year())
            ));
            out.push('\n');
            for (m, from, to) in &along {
                out.push_str(&t!(
                    language,
                    "reschedule-along",
                    title = sanitize(&m.title).into_owned(),
                    address = id_of(m),
                    from = from.clone().unwrap_or_else(no_date),
                    to = to.as_str()
                ));
                out.push('\n');
            }
            for m in &kept {
                out.push_str(&t!(
                    language,
                    "reschedule-not-along",
                    title = sanitize(&m.title).into_owned(),
                    address = id_of(m)
                ));
                out.push('\n');
            }
            out.push_str(&recording.confirmation(language));
        }
    }
    out.push('\n');
    if !overtaken.is_empty() {
        let titles: Vec<String> = overtaken
            .iter()
            .map(|m| format!("{} ({})", sanitize(&m.title), id_of(m)))
            .collect();
        crate::render::say(&format!(
            "{}\n  {}\n",
            t!(
                language,
                "reschedule-overtaken",
                count = overtaken.len(),
                milestones = titles.join(", ")
            ),
            t!(language, "reschedule-overtaken-hint", first = id_of(overtaken[0]))
        ));
    }
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
