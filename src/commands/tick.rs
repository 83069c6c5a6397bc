//! `roadmap tick`: pick a milestone, tick its steps in a checklist, confirm,
//! and go on to the next. Only what changed is written.

use std::io::IsTerminal;

use dialoguer::{MultiSelect, Select, theme::ColorfulTheme};
use roadmap_core::address::Address;
use roadmap_core::roadmap::{Milestone, Roadmap};
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::state::record::record;
use roadmap_core::state::{Mark, Op, State};
use roadmap_core::status::{Standing, standings};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::TickArgs;
use crate::context::Context;
use crate::i18n::{Language, t};
use crate::render::{recorded as recorded_line, sanitize, say};

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
        None => (catalog.scope(&[])?.roadmaps, None),
        Some(target) if target.contains('/') => {
            let (_, roadmap, milestone) = Address::resolve(&catalog, target)?;
            (vec![roadmap], Some(milestone))
        }
        Some(id) => (vec![catalog.roadmap(id)?], None),
    };
    let location = context.state_location()?;
    let (author, recorder) = context.author(&args.by, None, &location)?;
    let theme = ColorfulTheme::default();
    let language = &context.language;
    loop {
        let read = context.read_state()?;
        let state = read.fold(&catalog);
        let (roadmap, milestone) = match only {
            Some(m) => (roadmaps[0], m),
            None => match pick_milestone(&theme, language, &roadmaps, &state, context.today())? {
                Some(choice) => choice,
                None => break,
            },
        };
        let wanted = checklist(&theme, language, roadmap, milestone, &state)?;
        if wanted.is_empty() {
            say(&(t!(language, "tick-nothing-changed") + "\n"));
        } else if confirm(&theme, language, wanted.len())? {
            let recorded = record(
                &location.path,
                context.lock_timeout(),
                context.waiting_message(&location),
                &catalog,
                &author,
                |_| Ok(wanted),
            )?;
            let said = match recorded.written {
                Written::Appended(_) => recorded_line(language, recorded.events.len(), &recorder, &location),
                Written::Nothing => t!(language, "tick-nothing-meanwhile"),
            };
            say(&(said + "\n"));
        }
        if only.is_some() {
            break;
        }
    }
    Ok(ExitCode::Success)
}

/// Whether to record the changes: a choice of two answers in words, so
/// that it reads the same in every language (a y/n prompt would not).
fn confirm(theme: &ColorfulTheme, language: &Language, count: usize) -> Result<bool> {
    let answers = [t!(language, "tick-record-yes"), t!(language, "tick-record-no")];
    let chosen = Select::with_theme(theme)
        .with_prompt(t!(language, "tick-record", count = count))
        .items(&answers)
        .default(0)
        .interact_opt()
        .map_err(prompt_failed)?;
    Ok(chosen == Some(0))
}

/// Open milestones first, soonest due first; returns None when the user quits.
fn pick_milestone<'r>(
    theme: &ColorfulTheme,
    language: &Language,
    roadmaps: &[&'r Roadmap],
    state: &State<'_>,
    today: chrono::NaiveDate,
) -> Result<Option<(&'r Roadmap, &'r Milestone)>> {
    let mut choices: Vec<Standing> = roadmaps.iter().flat_map(|r| standings(r, state, today)).collect();
    let start = |s: &Standing| s.due.as_ref().and_then(roadmap_core::due::Due::start);
    choices.sort_by_key(|s| (!s.progress.is_open(), start(s).is_none(), start(s)));
    let mut items: Vec<String> = choices
        .iter()
        .map(|s| {
            let p = &s.progress;
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
            let due = s.due.as_ref().map_or(String::new(), |d| format!(" ({})", d.label()));
            let (r, m) = (s.roadmap, s.milestone);
            sanitize(&format!("[{mark}] {}/{}{steps} {}{due}", r.id, m.id, m.title)).into_owned()
        })
        .collect();
    items.push(t!(language, "tick-quit"));
    let chosen = Select::with_theme(theme)
        .with_prompt(t!(language, "tick-pick-milestone"))
        .items(&items)
        .default(0)
        .max_length(15)
        .interact_opt()
        .map_err(prompt_failed)?;
    Ok(chosen.and_then(|i| choices.get(i)).map(|s| (s.roadmap, s.milestone)))
}

/// The checklist for one milestone; returns the changes the user made.
fn checklist(
    theme: &ColorfulTheme,
    language: &Language,
    roadmap: &Roadmap,
    milestone: &Milestone,
    state: &State<'_>,
) -> Result<Vec<Change>> {
    let addresses: Vec<Address> = if milestone.steps.is_empty() {
        vec![Address::milestone(&roadmap.id, &milestone.id)]
    } else {
        (1..=milestone.steps.len())
            .map(|i| Address::step_of(&roadmap.id, milestone, i))
            .collect()
    };
    let targets: Vec<String> = addresses.iter().map(|a| a.target(milestone)).collect();
    let items: Vec<String> = addresses
        .iter()
        .zip(&targets)
        .map(|(a, t)| {
            let text = a
                .step
                .map_or(milestone.title.as_str(), |i| milestone.steps[i - 1].text.as_str());
            let skipped = if state.mark(t) == Mark::Skipped {
                format!(" ({})", t!(language, "status-skipped"))
            } else {
                String::new()
            };
            sanitize(&format!("{text}{skipped}")).into_owned()
        })
        .collect();
    let before: Vec<bool> = targets.iter().map(|t| state.mark(t) == Mark::Done).collect();
    let prompt = sanitize(&format!(
        "{}/{} {} ({})",
        roadmap.id,
        milestone.id,
        milestone.title,
        t!(language, "tick-keys")
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
    for (i, address) in addresses.iter().enumerate() {
        let now = selected.contains(&i);
        if now && !before[i] {
            changes.push(Change::at(address, milestone, Op::Done, None));
        } else if !now && before[i] {
            changes.push(Change::at(address, milestone, Op::Reopen, None));
        }
    }
    Ok(changes)
}
