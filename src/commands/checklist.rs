//! `roadmap checklist ROADMAP[/MILESTONE]`: milestones with their steps ticked
//! off, owners, notes, and who ticked what and when.

use roadmap_core::address::step_target;
use roadmap_core::filter::Filter;
use roadmap_core::roadmap::Milestone;
use roadmap_core::state::{Event, Mark, State, TargetState};
use roadmap_core::status::{Standing, Status, standings};
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::ChecklistArgs;
use crate::context::Context;
use crate::i18n::{Language, t};
use crate::render::json::DueJson;
use crate::render::{Format, Style, cell, op_word, sanitize, status_text, status_word, wrap};

#[derive(Serialize)]
struct ChecklistJson<'a> {
    roadmap: &'a str,
    title: &'a str,
    milestones: Vec<MilestoneJson<'a>>,
}

#[derive(Serialize)]
struct MilestoneJson<'a> {
    id: &'a str,
    title: &'a str,
    owner: Option<&'a str>,
    due: Option<DueJson<'a>>,
    status: Status,
    steps_done: usize,
    steps_total: usize,
    changed: Option<ChangeJson<'a>>,
    notes: Vec<NoteJson<'a>>,
    steps: Vec<StepJson<'a>>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    index: usize,
    /// The step's id, when the roadmap gives it one.
    id: Option<&'a str>,
    text: &'a str,
    owner: Option<&'a str>,
    /// "open", "done" or "skipped".
    mark: &'static str,
    changed: Option<ChangeJson<'a>>,
    notes: Vec<NoteJson<'a>>,
}

/// The change that set the current mark.
#[derive(Serialize)]
struct ChangeJson<'a> {
    op: &'static str,
    by: &'a str,
    at: String,
    on: Option<String>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    by: &'a str,
    at: String,
    text: &'a str,
}

fn change_json<'a>(target: Option<&TargetState<'a>>) -> Option<ChangeJson<'a>> {
    let event = target?.last?;
    Some(ChangeJson {
        op: event.op.as_str(),
        by: &event.by,
        at: timestamp(event),
        on: event.on.map(|d| d.to_string()),
    })
}

fn notes_json<'a>(target: Option<&TargetState<'a>>) -> Vec<NoteJson<'a>> {
    target.map_or_else(Vec::new, |t| {
        t.notes
            .iter()
            .map(|e| NoteJson {
                by: &e.by,
                at: timestamp(e),
                text: e.note.as_deref().unwrap_or(""),
            })
            .collect()
    })
}

fn timestamp(event: &Event) -> String {
    event.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn run(context: &Context, args: &ChecklistArgs) -> Result<ExitCode> {
    let (catalog, read) = context.read()?;
    let state = read.fold(&catalog);
    let (roadmap, only) = roadmap_core::address::roadmap_or_address(&catalog, &args.target)?;
    let filter = context.filter(args.filter.owner.as_deref(), args.filter.phase.as_deref(), &[roadmap])?;
    let only = only.map(|(_, m)| m.id.as_str());
    let shown: Vec<Standing> = standings(roadmap, &state, context.today())
        .into_iter()
        .filter(|s| only.is_none_or(|id| s.milestone.id == id) && filter.milestone(roadmap, s.milestone))
        .collect();
    let text = match args.format {
        Format::Json => {
            let milestones = shown
                .iter()
                .map(|s| {
                    let own = state.get(&s.target());
                    MilestoneJson {
                        id: &s.milestone.id,
                        title: &s.milestone.title,
                        owner: s.milestone.owner.as_deref(),
                        due: s.due.as_ref().map(DueJson::new),
                        status: s.status,
                        steps_done: s.progress.steps_done,
                        steps_total: s.progress.steps_total,
                        changed: change_json(own),
                        notes: notes_json(own),
                        steps: s
                            .milestone
                            .steps
                            .iter()
                            .enumerate()
                            .filter(|(_, step)| filter.step(roadmap, s.milestone, step))
                            .map(|(i, step)| {
                                let target = state.get(&step_target(&roadmap.id, &s.milestone.id, step));
                                StepJson {
                                    index: i + 1,
                                    id: step.id(),
                                    text: &step.text,
                                    owner: step.owner.as_deref(),
                                    mark: s.steps[i].as_str(),
                                    changed: change_json(target),
                                    notes: notes_json(target),
                                }
                            })
                            .collect(),
                    }
                })
                .collect();
            crate::render::json::to_string(&ChecklistJson {
                roadmap: &roadmap.id,
                title: &roadmap.title,
                milestones,
            })?
        }
        format => {
            let mut out = match format {
                Format::Markdown => format!("# {} (`{}`)\n\n", cell(format, &roadmap.title), roadmap.id),
                _ => format!(
                    "{} ({})\n\n",
                    context.terminal.paint(Style::Bold, &sanitize(&roadmap.title)),
                    roadmap.id
                ),
            };
            let unmatched = state
                .unmatched()
                .filter(|c| c.event.target.roadmap() == roadmap.id)
                .count();
            if unmatched > 0 {
                out.push_str(&t!(context.language, "checklist-unmatched", count = unmatched));
                out.push_str("\n\n");
            }
            for s in &shown {
                out.push_str(&milestone_text(context, format, &roadmap.id, s, &state, &filter));
            }
            out
        }
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}

fn tick(mark: Mark) -> &'static str {
    match mark {
        Mark::Done => "[x]",
        Mark::Skipped => "[-]",
        Mark::Open => "[ ]",
    }
}

/// "done by anna 2026-11-20 10:00: Kickoff hölls" lines for one target.
fn history(language: &Language, target: Option<&TargetState<'_>>) -> Vec<String> {
    let Some(target) = target else { return Vec::new() };
    let mut lines = Vec::new();
    if let Some(last) = target.last {
        let when = language.date_time(last.at);
        let line = if let Some(day) = last.on {
            t!(
                language,
                "checklist-changed-for",
                what = op_word(language, last.op),
                by = last.by.as_str(),
                when = when,
                day = language.date(day)
            )
        } else {
            t!(
                language,
                "checklist-changed",
                what = op_word(language, last.op),
                by = last.by.as_str(),
                when = when
            )
        };
        lines.push(line);
    }
    for note in &target.notes {
        lines.push(t!(
            language,
            "checklist-note",
            by = note.by.as_str(),
            day = language.date(note.at.date_naive()),
            text = note.note.as_deref().unwrap_or("")
        ));
    }
    lines
}

fn milestone_text(
    context: &Context,
    format: Format,
    roadmap: &str,
    s: &Standing,
    state: &State<'_>,
    filter: &Filter,
) -> String {
    let m: &Milestone = s.milestone;
    let own = state.get(&s.target());
    let width = usize::from(context.terminal.width);
    let progress = if m.steps.is_empty() {
        tick(match s.status {
            Status::Done => Mark::Done,
            Status::Skipped => Mark::Skipped,
            _ => Mark::Open,
        })
        .to_string()
    } else {
        format!("[{}/{}]", s.progress.steps_done, s.progress.steps_total)
    };
    let mut facts = Vec::new();
    facts.extend(
        s.due
            .as_ref()
            .map(|d| crate::render::due_as_moved(&context.language, Some(d), s.baseline.as_ref(), context.year())),
    );
    // The status is coloured after wrapping, so that its escape codes are
    // neither escaped as text nor counted as width.
    let language = &context.language;
    let status = format!("{} {}", s.status.symbol(), status_word(language, s.status));
    facts.push(match format {
        Format::Markdown => status_word(language, s.status),
        _ => status.clone(),
    });
    facts.extend(m.owner.as_deref().map(str::to_string));
    if !s.blocked_by.is_empty() {
        facts.push(t!(
            language,
            "blocked-by",
            milestones = crate::render::titles_of(s.roadmap, &s.blocked_by)
        ));
    }
    let mut out = String::new();
    if format == Format::Markdown {
        out.push_str(&format!("## {progress} {} `{}`\n\n", cell(format, &m.title), m.id));
        out.push_str(&format!("{}\n\n", cell(format, &facts.join(" · "))));
        for line in history(language, own) {
            out.push_str(&format!("> {}\n", cell(format, &line)));
        }
        for (i, step) in m
            .steps
            .iter()
            .enumerate()
            .filter(|(_, step)| filter.step(s.roadmap, m, step))
        {
            let target = state.get(&step_target(roadmap, &m.id, step));
            let mark = s.steps[i];
            let owner = step
                .owner
                .as_deref()
                .map(|o| format!(" _({})_", cell(format, o)))
                .unwrap_or_default();
            let check = if mark == Mark::Done { "[x]" } else { "[ ]" };
            let skipped = if mark == Mark::Skipped {
                format!(" ~~{}~~", status_word(language, Status::Skipped))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "- {check} {}. {}{owner}{skipped}\n",
                i + 1,
                cell(format, &step.text)
            ));
            for line in history(language, target) {
                out.push_str(&format!("  - {}\n", cell(format, &line)));
            }
        }
        out.push('\n');
    } else {
        let head = wrap(&format!("{progress} {}", sanitize(&m.title)), width, 0, 4);
        out.push_str(&context.terminal.paint(Style::Bold, &head));
        // The id is what `done` takes: there, but muted.
        out.push_str(&context.terminal.paint(Style::Dim, &format!(" ({})", m.id)));
        out.push('\n');
        let wrapped = wrap(&sanitize(&facts.join(" · ")), width, 4, 4);
        let painted = wrapped.replacen(&status, &status_text(&context.terminal, language, format, s.status), 1);
        out.push_str(&format!("    {painted}\n"));
        for line in history(language, own) {
            out.push_str(&format!(
                "    {}\n",
                context.terminal.paint(Style::Dim, &wrap(&sanitize(&line), width, 4, 6))
            ));
        }
        for (i, step) in m
            .steps
            .iter()
            .enumerate()
            .filter(|(_, step)| filter.step(s.roadmap, m, step))
        {
            let target = state.get(&step_target(roadmap, &m.id, step));
            let mark = s.steps[i];
            let number = format!("{}.", i + 1);
            let owner = step
                .owner
                .as_deref()
                .map(|o| format!(" ({})", sanitize(o)))
                .unwrap_or_default();
            let line = format!("  {} {number} {}{owner}", tick(mark), sanitize(&step.text));
            // Continuation lines start under the step's text.
            let indent = 7 + number.chars().count();
            out.push_str(&wrap(&line, width, 0, indent));
            out.push('\n');
            for line in history(language, target) {
                out.push_str(&format!(
                    "{}{}\n",
                    " ".repeat(indent),
                    context
                        .terminal
                        .paint(Style::Dim, &wrap(&sanitize(&line), width, indent, indent + 2))
                ));
            }
        }
        out.push('\n');
    }
    out
}
