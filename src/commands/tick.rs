//! `roadmap tick`: pick a milestone, tick its steps in a checklist, confirm,
//! and go on to the next. Only what changed is written.

use std::io::IsTerminal;

use dialoguer::{Confirm, MultiSelect, Select, theme::ColorfulTheme};
use roadmap_core::address::Address;
use roadmap_core::catalog::Catalog;
use roadmap_core::progress::Progress;
use roadmap_core::roadmap::{Milestone, Roadmap};
use roadmap_core::state::change::{Author, Change, events_for};
use roadmap_core::state::file::{self, Written};
use roadmap_core::state::{Mark, Op, State};
use roadmap_core::status::standings;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::TickArgs;
use crate::context::Context;
use crate::render::sanitize;

/// dialoguer's errors are the terminal's.
fn prompt_failed(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    Error::io("cannot ask in the terminal", e)
}

pub fn run(context: &Context, args: &TickArgs) -> Result<ExitCode> {
    // Checked first, so a script or CI job fails at once instead of waiting for input.
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::refused(
            "`roadmap tick` needs a terminal to ask questions in",
            "in scripts use `roadmap done ROADMAP/MILESTONE/N` (and `reopen`, `skip`)",
        ));
    }
    let catalog = context.catalog()?;
    let (roadmaps, only): (Vec<&Roadmap>, Option<&Milestone>) = match args.target.as_deref() {
        None => (catalog.roadmaps.iter().collect(), None),
        Some(target) if target.contains('/') => {
            let (_, roadmap, milestone) = Address::resolve(&catalog, target)?;
            (vec![roadmap], Some(milestone))
        }
        Some(id) => (vec![catalog.roadmap(id)?], None),
    };
    let author = context.author(&args.by, None);
    let theme = ColorfulTheme::default();
    loop {
        let read = context.read_state()?;
        let state = read.fold();
        let (roadmap, milestone) = match only {
            Some(m) => (roadmaps[0], m),
            None => match pick_milestone(&theme, &roadmaps, &state, context.today())? {
                Some(choice) => choice,
                None => break,
            },
        };
        let wanted = checklist(&theme, &catalog, roadmap, milestone, &state)?;
        let location = &read.location;
        if wanted.is_empty() {
            eprintln!("nothing changed");
        } else if Confirm::with_theme(&theme)
            .with_prompt(format!(
                "Record {} change{}?",
                wanted.len(),
                if wanted.len() == 1 { "" } else { "s" }
            ))
            .default(true)
            .interact()
            .map_err(prompt_failed)?
        {
            match record(context, location, &author, &wanted)? {
                Written::Appended(n) => eprintln!("recorded {n} change(s) in {}", location.path.display()),
                Written::Nothing => eprintln!("nothing to change: someone else recorded the same meanwhile"),
            }
        }
        if only.is_some() {
            break;
        }
    }
    Ok(ExitCode::Success)
}

/// Open milestones first, soonest due first; returns None when the user quits.
fn pick_milestone<'r>(
    theme: &ColorfulTheme,
    roadmaps: &[&'r Roadmap],
    state: &State<'_>,
    today: chrono::NaiveDate,
) -> Result<Option<(&'r Roadmap, &'r Milestone)>> {
    let mut choices: Vec<(&Roadmap, &Milestone, Progress)> = roadmaps
        .iter()
        .flat_map(|r| standings(r, state, today))
        .map(|s| (s.roadmap, s.milestone, s.progress))
        .collect();
    choices.sort_by_key(|(_, m, p)| {
        (
            !p.is_open(),
            m.due.as_ref().and_then(roadmap_core::due::Due::start).is_none(),
            m.due.as_ref().and_then(roadmap_core::due::Due::start),
        )
    });
    let mut items: Vec<String> = choices
        .iter()
        .map(|(r, m, p)| {
            let mark = if p.done {
                "x"
            } else if p.skipped {
                "-"
            } else {
                " "
            };
            let steps = if p.steps_total > 0 {
                format!(" [{}/{}]", p.steps_done, p.steps_total)
            } else {
                String::new()
            };
            let due = m.due.as_ref().map_or(String::new(), |d| format!(" ({})", d.label()));
            sanitize(&format!("[{mark}] {}/{}{steps} {}{due}", r.id, m.id, m.title)).into_owned()
        })
        .collect();
    items.push("Quit".into());
    let chosen = Select::with_theme(theme)
        .with_prompt("Milestone")
        .items(&items)
        .default(0)
        .max_length(15)
        .interact_opt()
        .map_err(prompt_failed)?;
    Ok(chosen.and_then(|i| choices.get(i)).map(|(r, m, _)| (*r, *m)))
}

/// The checklist for one milestone; returns the changes the user made.
fn checklist(
    theme: &ColorfulTheme,
    catalog: &Catalog,
    roadmap: &Roadmap,
    milestone: &Milestone,
    state: &State<'_>,
) -> Result<Vec<(String, Op)>> {
    let address = Address::milestone(&roadmap.id, &milestone.id);
    let targets: Vec<String> = if milestone.steps.is_empty() {
        vec![address.to_string()]
    } else {
        (1..=milestone.steps.len())
            .map(|i| address.step(i).to_string())
            .collect()
    };
    let items: Vec<String> = targets
        .iter()
        .map(|t| {
            let text = catalog.text_at(t).unwrap_or_default();
            let skipped = if state.mark(t) == Mark::Skipped {
                " (skipped)"
            } else {
                ""
            };
            sanitize(&format!("{text}{skipped}")).into_owned()
        })
        .collect();
    let before: Vec<bool> = targets.iter().map(|t| state.mark(t) == Mark::Done).collect();
    let prompt = sanitize(&format!(
        "{}/{} {} (space ticks, enter confirms)",
        roadmap.id, milestone.id, milestone.title
    ))
    .into_owned();
    let Some(selected) = MultiSelect::with_theme(theme)
        .with_prompt(prompt)
        .items(&items)
        .defaults(&before)
        .interact_opt()
        .map_err(prompt_failed)?
    else {
        return Ok(Vec::new());
    };
    let mut changes = Vec::new();
    for (i, target) in targets.into_iter().enumerate() {
        let now = selected.contains(&i);
        if now && !before[i] {
            changes.push((target, Op::Done));
        } else if !now && before[i] {
            changes.push((target, Op::Reopen));
        }
    }
    Ok(changes)
}

/// Records the marks chosen, re-checked against the state as it is under the lock.
fn record(
    context: &Context,
    location: &roadmap_core::workspace::Location,
    author: &Author,
    wanted: &[(String, Op)],
) -> Result<Written> {
    let changes: Vec<Change> = wanted
        .iter()
        .map(|(target, op)| Change {
            target: target.clone(),
            op: *op,
            note: None,
            moved: None,
        })
        .collect();
    file::update(
        &location.path,
        context.lock_timeout()?,
        Context::waiting_message(location),
        |log| Ok(events_for(&State::fold(&log.events), &changes, author)),
    )
}
