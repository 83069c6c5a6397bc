//! `roadmap tick`: pick a milestone, work through its steps in a checklist
//! (done, skipped with a reason, a note), see every change listed with who it
//! is recorded as, confirm, and go on to the next. Only what changed is
//! written. The list is drawn by hand (console) rather than by a ready-made
//! multi-select, because a step has three marks, not two, and the cursor and
//! the marks must be visible without colour.

use std::io::IsTerminal;

use chrono::NaiveDate;
use console::{Key, Term};
use dialoguer::{Input, Select, theme::ColorfulTheme};
use roadmap_core::address::Address;
use roadmap_core::filter::Filter;
use roadmap_core::roadmap::{Milestone, Roadmap};
use roadmap_core::state::change::{Ask, Change};
use roadmap_core::state::file::Written;
use roadmap_core::state::record::Roadmaps;
use roadmap_core::state::{Mark, Op, State};
use roadmap_core::status::{Standing, standings};
use roadmap_core::workspace::Recorder;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::TickArgs;
use crate::context::Context;
use crate::i18n::{Language, t};
use crate::render::{recorder_words, sanitize, say};

/// dialoguer's errors are the terminal's; Ctrl-C in a prompt is its own.
fn prompt_failed(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    Error::io("cannot ask in the terminal", e)
}

/// What leaving now would not record, in the reader's words, for Ctrl-C
/// pressed between two prompts (the signal handler prints it).
static PENDING: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Says, for a Ctrl-C that may come at any moment, what it would leave unrecorded.
fn pending(language: &Language, count: usize) {
    let said = if count > 0 {
        t!(language, "tick-discarded", count = count)
    } else {
        t!(language, "tick-left")
    };
    if let Ok(mut text) = PENDING.lock() {
        *text = said;
    }
}

/// Ctrl-C while no prompt is reading keys: the cursor back, what was not
/// recorded, and exit 130, as a shell expects of an interrupted command.
fn on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        let said = PENDING.lock().map(|t| t.clone()).unwrap_or_default();
        eprint!("\x1b[?25h\n{said}\n");
        std::process::exit(i32::from(ExitCode::Interrupted));
    });
}

/// Whether a prompt's error is Ctrl-C (or Ctrl-Z) pressed in it.
fn interrupted(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::Interrupted)
}

fn term_failed(e: std::io::Error) -> Error {
    Error::io("cannot draw in the terminal", e)
}

pub fn run(context: &Context, args: &TickArgs) -> Result<ExitCode> {
    // Checked first, so a script or CI job fails at once instead of waiting for input.
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::refused(
            "`roadmap tick` needs a terminal to ask questions in",
            "in scripts use `roadmap done ROADMAP/MILESTONE/N` (and `reopen`, `skip`)",
        ));
    }
    // A plan named: that plan alone, as `done` reads it (`Context::catalog_named`).
    let named = args.target.as_deref().and_then(Address::roadmap_named);
    let (catalog, dirs) = match named {
        Some(id) => {
            let (catalog, dirs) = context.catalog_named(&[id])?;
            (catalog, Some(dirs))
        }
        None => (context.catalog()?, None),
    };
    let (roadmaps, only): (Vec<&Roadmap>, Option<&Milestone>) = match args.target.as_deref() {
        None => (context.scope(&catalog, &[])?.roadmaps, None),
        Some(target) if target.contains('/') => {
            let (_, roadmap, milestone) = Address::resolve(&catalog, target)?;
            (vec![roadmap], Some(milestone))
        }
        Some(id) => (vec![catalog.roadmap(id)?], None),
    };
    let filter = context.filter(args.owner.as_deref(), None, &roadmaps)?;
    let location = context.state_location()?;
    // Checks --at against today and finds who the changes are recorded as, before asking anything.
    let (author, recorder) = context.author(&args.by, args.at, &location)?;
    let theme = ColorfulTheme::default();
    let language = &context.language;
    pending(language, 0);
    on_interrupt();
    match ticking(
        context,
        args,
        &theme,
        &catalog,
        dirs.as_deref(),
        &roadmaps,
        only,
        &filter,
        author.now.date_naive(),
        &recorder,
    ) {
        Err(e) if interrupted(&e) => {
            let said = PENDING.lock().map(|t| t.clone()).unwrap_or_default();
            let _ = Term::stderr().show_cursor();
            say(&(said + "\n"));
            Ok(ExitCode::Interrupted)
        }
        other => other,
    }
}

/// The milestones one after another, until the user leaves.
#[allow(clippy::too_many_arguments, reason = "what run decided once, passed on")]
fn ticking(
    context: &Context,
    args: &TickArgs,
    theme: &ColorfulTheme,
    catalog: &roadmap_core::catalog::Catalog,
    // Where every plan is, when only the named one was read.
    dirs: Option<&[std::path::PathBuf]>,
    roadmaps: &[&Roadmap],
    only: Option<&Milestone>,
    filter: &Filter<'_>,
    recorded_on: NaiveDate,
    recorder: &Recorder,
) -> Result<ExitCode> {
    let language = &context.language;
    let today = context.today();
    loop {
        let read = context.read_state()?;
        let state = read.fold(catalog);
        let (roadmap, milestone) = match only {
            Some(m) => (roadmaps[0], m),
            None => match pick_milestone(theme, language, roadmaps, &state, today, filter)? {
                Some(choice) => choice,
                None => break,
            },
        };
        let mut items = items(roadmap, milestone, &state, filter);
        if items.is_empty() {
            say(&(t!(
                language,
                "tick-none-for-owner",
                owner = args.owner.as_deref().unwrap_or("")
            ) + "\n"));
        }
        let mut on = args.at;
        // The list, then the confirmation; "back" returns to the list with the changes kept.
        let mut in_list = true;
        let mut cursor = 0;
        let decided = loop {
            if in_list
                && matches!(
                    checklist(context, theme, roadmap, milestone, &mut items, &mut cursor)?,
                    Leave::Quit
                )
            {
                break None;
            }
            let changes = changes(milestone, &items);
            if changes.is_empty() {
                say(&(t!(language, "tick-nothing-changed") + "\n"));
                break None;
            }
            in_list = false;
            match confirm(
                theme,
                language,
                &items,
                recorder,
                on.unwrap_or(today),
                args.at.is_some(),
            )? {
                Answer::Record => break Some(changes),
                Answer::OtherDay => on = ask_day(theme, language, today)?.or(on),
                Answer::Back => in_list = true,
                Answer::Discard => {
                    say(&(t!(language, "tick-discarded", count = changes.len()) + "\n"));
                    pending(language, 0);
                    break None;
                }
            }
        };
        if let Some(wanted) = decided {
            let on = on.filter(|d| *d != recorded_on);
            let plans = match dirs {
                Some(dirs) => Roadmaps::Named(catalog, dirs),
                None => Roadmaps::Every(catalog),
            };
            let recording = context.record(plans, &args.by, on, |_| Ok(wanted))?;
            pending(language, 0);
            let said = match recording.written {
                Written::Appended(_) => recording.confirmation(language),
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

/// One line of the checklist: a step (or a milestone without steps), its
/// mark when the list opened and as the user has set it, the reason for a
/// skip and a note to record with it.
struct Item {
    address: Address,
    text: String,
    owner: Option<String>,
    before: Mark,
    after: Mark,
    reason: Option<String>,
    note: Option<String>,
}

impl Item {
    /// What is recorded with the change: the skip's reason, then the note.
    fn text_to_record(&self) -> Option<String> {
        let parts: Vec<&str> = self.reason.iter().chain(&self.note).map(String::as_str).collect();
        (!parts.is_empty()).then(|| parts.join(" — "))
    }
}

fn items(roadmap: &Roadmap, milestone: &Milestone, state: &State<'_>, filter: &Filter<'_>) -> Vec<Item> {
    if milestone.steps.is_empty() {
        let address = Address::milestone(&roadmap.id, &milestone.id);
        let mark = state.mark(&address.target(milestone));
        return vec![Item {
            address,
            text: milestone.title.clone(),
            owner: milestone.owner.as_deref().map(str::to_string),
            before: mark,
            after: mark,
            reason: None,
            note: None,
        }];
    }
    milestone
        .steps
        .iter()
        .enumerate()
        .filter(|(_, step)| filter.step(roadmap, milestone, step))
        .map(|(i, step)| {
            let address = Address::step_of(&roadmap.id, milestone, i + 1);
            let mark = state.mark(&address.target(milestone));
            Item {
                address,
                text: step.text.to_string(),
                owner: step.owner.as_deref().map(str::to_string),
                before: mark,
                after: mark,
                reason: None,
                note: None,
            }
        })
        .collect()
}

/// The changes the items ask for: a new mark (with its note), or a note alone.
fn changes(milestone: &Milestone, items: &[Item]) -> Vec<Change> {
    items
        .iter()
        .filter_map(|item| {
            Some(Change::asked(
                &item.address,
                milestone,
                asked(item)?,
                item.text_to_record().as_deref(),
            ))
        })
        .collect()
}

/// What an item asks to record, if anything: a new mark (reopening a
/// skipped step is what un-skips it), or its note alone.
fn asked(item: &Item) -> Option<Ask> {
    match (item.before, item.after) {
        (before, after) if before != after => Some(Ask::Mark(after)),
        _ if item.note.is_some() => Some(Ask::Note),
        _ => None,
    }
}

/// The op the state file records for what an item asks.
fn op_of(item: &Item) -> Option<Op> {
    asked(item).map(|ask| match ask {
        Ask::Mark(Mark::Done) => Op::Done,
        Ask::Mark(Mark::Skipped) => Op::Skip,
        Ask::Mark(Mark::Open) => Op::Reopen,
        Ask::Note => Op::Note,
    })
}

enum Leave {
    Confirm,
    Quit,
}

/// Shows the cursor again however the list is left.
struct CursorBack<'t>(&'t Term);

impl Drop for CursorBack<'_> {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
    }
}

/// The checklist: ↑/↓ move, space done/open, s skip (asks the reason), n a
/// note, enter to review and save, q or esc to leave without saving.
fn checklist(
    context: &Context,
    theme: &ColorfulTheme,
    roadmap: &Roadmap,
    milestone: &Milestone,
    items: &mut [Item],
    at: &mut usize,
) -> Result<Leave> {
    let language = &context.language;
    let term = Term::stderr();
    term.hide_cursor().map_err(term_failed)?;
    let _back = CursorBack(&term);
    let mut drawn = 0usize;
    loop {
        let (rows, columns) = term.size();
        let lines = window(
            screen(context, roadmap, milestone, items, *at, usize::from(columns).max(1)),
            usize::from(rows),
        );
        term.clear_last_lines(drawn).map_err(term_failed)?;
        for line in &lines {
            term.write_line(line).map_err(term_failed)?;
        }
        drawn = lines.len();
        if items.is_empty() {
            return Ok(Leave::Quit);
        }
        let key = term.read_key().map_err(term_failed)?;
        *at = (*at).min(items.len() - 1);
        let item = &mut items[*at];
        match key {
            Key::ArrowUp | Key::Char('k') => *at = at.checked_sub(1).unwrap_or(items.len() - 1),
            Key::ArrowDown | Key::Char('j') | Key::Tab => *at = (*at + 1) % items.len(),
            // A skipped step is opened first, never turned done in one key.
            Key::Char(' ') => {
                item.after = match item.after {
                    Mark::Open => Mark::Done,
                    Mark::Done | Mark::Skipped => Mark::Open,
                };
                item.reason = None;
            }
            Key::Char('s' | 'S') => {
                if item.after == Mark::Skipped {
                    item.after = Mark::Open;
                    item.reason = None;
                } else {
                    term.clear_last_lines(drawn).map_err(term_failed)?;
                    drawn = 0;
                    let prompt = t!(language, "tick-ask-reason", step = sanitize(&item.text).into_owned());
                    if let Some(reason) = ask_text(theme, &prompt, None)? {
                        item.after = Mark::Skipped;
                        item.reason = Some(reason);
                    }
                }
            }
            Key::Char('n' | 'N') => {
                term.clear_last_lines(drawn).map_err(term_failed)?;
                drawn = 0;
                let prompt = t!(language, "tick-ask-note", step = sanitize(&item.text).into_owned());
                if let Some(note) = ask_text(theme, &prompt, item.note.as_deref())? {
                    item.note = Some(note);
                }
            }
            Key::Enter => {
                term.clear_last_lines(drawn).map_err(term_failed)?;
                return Ok(Leave::Confirm);
            }
            // Ctrl-C and Ctrl-Z reach the list as keys: they leave it, saying what is not recorded.
            Key::Escape | Key::Char('q' | 'Q' | '\u{1a}') | Key::CtrlC => {
                term.clear_last_lines(drawn).map_err(term_failed)?;
                let pending = changes(milestone, items).len();
                let left = if pending > 0 {
                    t!(language, "tick-discarded", count = pending)
                } else {
                    t!(language, "tick-left")
                };
                say(&(left + "\n"));
                return Ok(Leave::Quit);
            }
            _ => {}
        }
        pending(language, changes(milestone, items).len());
    }
}

/// The lines that fit a terminal of `rows` rows: all of them, or the title,
/// the cursor's line with as many as fit around it, and the last line (the
/// keys). A redraw clears exactly what was drawn only when nothing scrolled.
fn window(lines: Vec<String>, rows: usize) -> Vec<String> {
    let room = rows.saturating_sub(1).max(1);
    if lines.len() <= room {
        return lines;
    }
    if room < 3 {
        // One or two rows: the cursor's line alone.
        let at = lines
            .iter()
            .position(|l| l.starts_with('>') || l.starts_with("\x1b[1m>"))
            .unwrap_or(0);
        return lines.into_iter().skip(at).take(room).collect();
    }
    let at = lines
        .iter()
        .position(|l| l.starts_with('>') || l.starts_with("\x1b[1m>"))
        .unwrap_or(1);
    let middle = room - 2;
    let first = at
        .saturating_sub(middle / 2)
        .clamp(1, lines.len() - 1 - middle.min(lines.len() - 2));
    let mut out = vec![lines[0].clone()];
    out.extend(lines[first..].iter().take(middle).cloned());
    out.push(lines[lines.len() - 1].clone());
    out
}

/// The lines of the list, each cut to the terminal's width so that none
/// wraps: the redraw clears exactly what was drawn.
fn screen(
    context: &Context,
    roadmap: &Roadmap,
    milestone: &Milestone,
    items: &[Item],
    at: usize,
    width: usize,
) -> Vec<String> {
    let language = &context.language;
    let colour = context.terminal.color;
    // A tab is as wide as the terminal makes it: spaces are as wide as they are counted.
    let fit = |line: String| {
        console::truncate_str(&line.replace('\t', "    "), width.saturating_sub(1).max(1), "…").into_owned()
    };
    let mut lines = vec![fit(sanitize(&format!(
        "{}/{} {}",
        roadmap.id, milestone.id, milestone.title
    ))
    .into_owned())];
    for (i, item) in items.iter().enumerate() {
        let mark = match item.after {
            Mark::Done => "[x]",
            Mark::Skipped => "[-]",
            Mark::Open => "[ ]",
        };
        let changed = if op_of(item).is_some() { "*" } else { " " };
        let cursor = if i == at { ">" } else { " " };
        let number = item.address.step.map_or(String::new(), |n| format!("{n}. "));
        let owner = item.owner.as_deref().map_or(String::new(), |o| format!(" ({o})"));
        let state = match item.after {
            Mark::Skipped => format!(" — {}", t!(language, "status-skipped")),
            _ => String::new(),
        };
        let line = sanitize(&format!("{cursor} {mark}{changed} {number}{}{owner}{state}", item.text)).into_owned();
        let line = fit(line);
        lines.push(if i == at && colour {
            format!("\x1b[1m{line}\x1b[0m")
        } else {
            line
        });
        // What will be recorded with it, on a line of its own so a narrow terminal still shows it.
        if let Some(text) = item.text_to_record() {
            lines.push(fit(sanitize(&format!("       \"{text}\"")).into_owned()));
        }
    }
    // The keys, on as many lines as the width needs: cut, they would lose the way out.
    let mut help = String::new();
    for part in t!(language, "tick-keys").split(" · ") {
        if !help.is_empty() && console::measure_text_width(&help) + 3 + console::measure_text_width(part) >= width {
            lines.push(fit(std::mem::take(&mut help)));
        }
        if !help.is_empty() {
            help.push_str(" · ");
        }
        help.push_str(part);
    }
    lines.push(fit(help));
    lines
}

fn ask_text(theme: &ColorfulTheme, prompt: &str, initial: Option<&str>) -> Result<Option<String>> {
    let mut input = Input::<String>::with_theme(theme).with_prompt(prompt).allow_empty(true);
    if let Some(initial) = initial {
        input = input.with_initial_text(initial);
    }
    let text = input.interact_text().map_err(prompt_failed)?;
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_string()))
}

enum Answer {
    Record,
    OtherDay,
    Back,
    Discard,
}

/// Every change in words, who it is recorded as and on which day, then
/// record, another day, back to the list, or leave without saving.
fn confirm(
    theme: &ColorfulTheme,
    language: &Language,
    items: &[Item],
    recorder: &Recorder,
    on: NaiveDate,
    day_given: bool,
) -> Result<Answer> {
    let mut listed = Vec::new();
    for item in items {
        let Some(op) = op_of(item) else { continue };
        let note = item.text_to_record().map_or(String::new(), |n| format!(" — \"{n}\""));
        listed.push(
            sanitize(&format!(
                "  {:<10} {}{note}",
                crate::render::op_word(language, op),
                item.text
            ))
            .into_owned(),
        );
    }
    let count = listed.len();
    say(&format!(
        "{}\n{}\n",
        t!(
            language,
            "tick-review",
            count = count,
            who = recorder_words(language, recorder),
            day = language.date(on)
        ),
        listed.join("\n")
    ));
    let mut answers = vec![(Answer::Record, t!(language, "tick-record-yes"))];
    if !day_given {
        answers.push((Answer::OtherDay, t!(language, "tick-record-other-day")));
    }
    answers.push((Answer::Back, t!(language, "tick-back")));
    answers.push((Answer::Discard, t!(language, "tick-record-no")));
    let words: Vec<String> = answers.iter().map(|(_, w)| w.clone()).collect();
    let chosen = choose(theme, &t!(language, "tick-record", count = count), &words)?;
    Ok(match chosen {
        Some(i) => answers.into_iter().nth(i).map_or(Answer::Discard, |(a, _)| a),
        None => Answer::Back,
    })
}

/// The day the work was done: today or before, as 2027-03-31 or 31.03.2027.
fn ask_day(theme: &ColorfulTheme, language: &Language, today: NaiveDate) -> Result<Option<NaiveDate>> {
    let prompt = t!(language, "tick-ask-day", today = language.date(today));
    let text: String = Input::with_theme(theme)
        .with_prompt(prompt)
        .allow_empty(true)
        .validate_with(|text: &String| -> std::result::Result<(), String> {
            if text.trim().is_empty() {
                return Ok(());
            }
            match roadmap_core::due::parse_day(text.trim()) {
                Ok(day) if day <= today => Ok(()),
                Ok(_) => Err(t!(language, "tick-day-after-today", today = language.date(today))),
                Err(_) => Err(t!(
                    language,
                    "tick-not-a-day",
                    text = crate::render::sanitize(text.trim()).into_owned()
                )),
            }
        })
        .interact_text()
        .map_err(prompt_failed)?;
    Ok(roadmap_core::due::parse_day(text.trim()).ok())
}

/// Open milestones first, soonest due first; returns None when the user quits.
fn pick_milestone<'r>(
    theme: &ColorfulTheme,
    language: &Language,
    roadmaps: &[&'r Roadmap],
    state: &State<'_>,
    today: NaiveDate,
    filter: &Filter<'_>,
) -> Result<Option<(&'r Roadmap, &'r Milestone)>> {
    let mut choices: Vec<Standing> = roadmaps
        .iter()
        .flat_map(|r| standings(r, state, today))
        .filter(|s| filter.milestone(s.roadmap, s.milestone))
        .collect();
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
            let year = chrono::Datelike::year(&today);
            let due = s
                .due
                .as_ref()
                .map_or(String::new(), |d| format!(" ({})", language.due(d, year)));
            // With more than one plan to pick from, each says whose it is.
            let plan = if roadmaps.len() > 1 {
                format!(" · {}", s.roadmap.id)
            } else {
                String::new()
            };
            sanitize(&format!("[{mark}]{steps} {}{due}{plan}", s.milestone.title)).into_owned()
        })
        .collect();
    items.push(t!(language, "tick-quit"));
    let chosen = choose(theme, &t!(language, "tick-pick-milestone"), &items)?;
    Ok(chosen.and_then(|i| choices.get(i)).map(|s| (s.roadmap, s.milestone)))
}

/// One of `items`, the first by default, or none (Esc): dialoguer's list,
/// each line cut to the terminal's width, where the terminal has the rows
/// for it; in a smaller one (where the list cannot be drawn) the items
/// numbered and a number typed.
fn choose(theme: &ColorfulTheme, prompt: &str, items: &[String]) -> Result<Option<usize>> {
    let (rows, columns) = Term::stderr().size();
    let width = usize::from(columns).saturating_sub(4).max(1);
    let fitted: Vec<String> = items
        .iter()
        .map(|i| console::truncate_str(&i.replace('\t', "    "), width, "…").into_owned())
        .collect();
    if rows >= 8 {
        return Select::with_theme(theme)
            .with_prompt(prompt)
            .items(&fitted)
            .default(0)
            .max_length((usize::from(rows) - 3).min(15))
            .interact_opt()
            .map_err(prompt_failed);
    }
    for (i, item) in fitted.iter().enumerate() {
        say(&format!("{}. {item}\n", i + 1));
    }
    let count = items.len();
    let answer: String = Input::with_theme(theme)
        .with_prompt(format!("{prompt} (1–{count})"))
        .allow_empty(true)
        .validate_with(|text: &String| -> std::result::Result<(), String> {
            match text.trim().parse::<usize>() {
                _ if text.trim().is_empty() => Ok(()),
                Ok(n) if (1..=count).contains(&n) => Ok(()),
                _ => Err(format!("1–{count}")),
            }
        })
        .interact_text()
        .map_err(prompt_failed)?;
    Ok(answer.trim().parse::<usize>().ok().map(|n| n - 1))
}
