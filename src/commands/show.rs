//! `roadmap show ID` and `roadmap show ID/MILESTONE`: a roadmap laid out in
//! full, or one milestone with everything the file says about it.

use roadmap_core::due::Due;
use roadmap_core::roadmap::{Cost, Kind, Milestone, Roadmap};
use roadmap_core::schedule::Baseline;
use roadmap_core::state::State;
use roadmap_core::status::standings;
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::ShowArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::json::DueJson;
use crate::render::{Format, Style, Table, baseline_words, cell, dates_text, due_as_moved, headers, sanitize};

#[derive(Serialize)]
struct RoadmapJson<'a> {
    id: &'a str,
    title: &'a str,
    organisation: Option<&'a str>,
    language: &'a str,
    source: Option<&'a str>,
    year: Option<i32>,
    budget_tkr: Option<Cost>,
    note: Option<&'a str>,
    parties: Vec<PartyJson<'a>>,
    phases: Vec<PhaseJson<'a>>,
    milestones: Vec<MilestoneJson<'a>>,
}

#[derive(Serialize)]
struct PartyJson<'a> {
    code: &'a str,
    name: &'a str,
    aliases: &'a [String],
    /// The parties a joint party stands for.
    joint: &'a [String],
}

#[derive(Serialize)]
struct PhaseJson<'a> {
    id: &'a str,
    title: &'a str,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct MilestoneJson<'a> {
    id: &'a str,
    phase: Option<&'a str>,
    title: &'a str,
    owner: Option<&'a str>,
    kind: Kind,
    due: Option<DueJson<'a>>,
    /// The due date before the first reschedule; null when it never moved
    /// or had no date (`baseline_undated`).
    baseline: Option<&'a str>,
    /// It had no due date before its first move.
    baseline_undated: bool,
    cost_tkr: Option<Cost>,
    depends_on: &'a [String],
    criteria: Option<&'a str>,
    description: Option<&'a str>,
    /// A gate's proposed decision.
    proposal: Option<&'a str>,
    note: Option<&'a str>,
    steps: Vec<StepJson<'a>>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    index: usize,
    /// Its id, when the file gives one.
    id: Option<&'a str>,
    /// What changes to it are recorded under: its id, else its text's fingerprint.
    key: &'a str,
    text: &'a str,
    owner: Option<&'a str>,
    note: Option<&'a str>,
}

impl<'a> MilestoneJson<'a> {
    fn new(m: &'a Milestone, schedule: &'a Schedule) -> Self {
        let dates = &schedule[m.id.as_str()];
        MilestoneJson {
            baseline: dates.baseline.as_ref().and_then(Baseline::due).map(Due::label),
            baseline_undated: dates.baseline == Some(Baseline::Undated),
            id: &m.id,
            phase: m.phase.as_deref(),
            title: &m.title,
            owner: m.owner.as_deref(),
            kind: m.kind,
            due: dates.due.as_ref().map(DueJson::new),
            cost_tkr: m.cost_tkr,
            depends_on: &m.depends_on,
            criteria: m.criteria.as_deref(),
            description: m.description.as_deref(),
            proposal: m.proposal.as_deref(),
            note: m.note.as_deref(),
            steps: m
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| StepJson {
                    index: i + 1,
                    id: s.id(),
                    key: s.key(),
                    text: &s.text,
                    owner: s.owner.as_deref(),
                    note: s.note(),
                })
                .collect(),
        }
    }
}

impl<'a> RoadmapJson<'a> {
    fn new(r: &'a Roadmap, schedule: &'a Schedule) -> Self {
        RoadmapJson {
            id: &r.id,
            title: &r.title,
            organisation: r.organisation.as_deref(),
            language: &r.language,
            source: r.source.as_deref(),
            year: r.year,
            budget_tkr: r.budget_tkr,
            note: r.note.as_deref(),
            parties: r
                .parties
                .iter()
                .map(|p| PartyJson {
                    code: &p.code,
                    name: &p.name,
                    aliases: &p.aliases,
                    joint: &p.joint,
                })
                .collect(),
            phases: r
                .phases
                .iter()
                .map(|p| PhaseJson {
                    id: &p.id,
                    title: &p.title,
                    note: p.note.as_deref(),
                })
                .collect(),
            milestones: r.milestones.iter().map(|m| MilestoneJson::new(m, schedule)).collect(),
        }
    }
}

pub fn run(context: &Context, args: &ShowArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let (roadmap, milestone) = roadmap_core::address::roadmap_or_address(&catalog, &args.target)?;
    let read = context.read_state()?;
    let schedule = schedule(roadmap, &read.fold(&catalog), context.today());
    let text = match milestone.map(|(_, m)| m) {
        None => match args.format {
            Format::Json => crate::render::json::to_string(&RoadmapJson::new(roadmap, &schedule))?,
            _ => roadmap_text(context, roadmap, args.format, &schedule),
        },
        Some(milestone) => match args.format {
            Format::Json => crate::render::json::to_string(&MilestoneJson::new(milestone, &schedule))?,
            _ => milestone_text(context, roadmap, milestone, args.format, &schedule),
        },
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}

/// A milestone's due date as it stands and where it started.
struct Dates {
    due: Option<Due>,
    /// Where it was due before the first move; `None` when it never moved.
    baseline: Option<Baseline>,
}

/// Milestone id -> its dates.
type Schedule = foldhash::HashMap<String, Dates>;

fn schedule(roadmap: &Roadmap, state: &State<'_>, today: chrono::NaiveDate) -> Schedule {
    standings(roadmap, state, today)
        .into_iter()
        .map(|s| {
            let dates = Dates {
                due: s.due,
                baseline: s.baseline,
            };
            (s.milestone.id.clone(), dates)
        })
        .collect()
}

fn heading(context: &Context, format: Format, text: &str) -> String {
    match format {
        Format::Markdown => format!("## {text}\n\n"),
        _ => format!("{}\n", context.terminal.paint(Style::Bold, text)),
    }
}

fn roadmap_text(context: &Context, roadmap: &Roadmap, format: Format, schedule: &Schedule) -> String {
    let mut out = match format {
        Format::Markdown => format!("# {} (`{}`)\n\n", cell(format, &roadmap.title), roadmap.id),
        _ => format!(
            "{} ({})\n",
            context.terminal.paint(Style::Bold, &sanitize(&roadmap.title)),
            roadmap.id
        ),
    };
    let language = &context.language;
    let key = |id: &str| language.text(id, None);
    let mut facts = vec![(key("fact-language"), roadmap.language.clone())];
    facts.extend(
        roadmap
            .organisation
            .as_ref()
            .map(|o| (key("fact-organisation"), o.clone())),
    );
    facts.extend(roadmap.source.as_ref().map(|s| (key("fact-source"), s.clone())));
    facts.extend(roadmap.year.map(|y| (key("fact-year"), y.to_string())));
    if !roadmap.parties.is_empty() {
        let parties: Vec<String> = roadmap
            .parties
            .iter()
            .map(|p| format!("{} = {}", p.code, p.name))
            .collect();
        facts.push((key("fact-parties"), parties.join("; ")));
    }
    facts.extend(roadmap.note.as_ref().map(|n| (key("fact-note"), n.clone())));
    out.push_str(&facts_table(context, format, &facts));
    out.push('\n');

    let mut groups: Vec<(Option<String>, Vec<&Milestone>)> = roadmap
        .phases
        .iter()
        .map(|p| {
            (
                Some(format!("{} ({})", p.title, p.id)),
                roadmap
                    .milestones
                    .iter()
                    .filter(|m| m.phase.as_deref() == Some(p.id.as_str()))
                    .collect(),
            )
        })
        .collect();
    let unphased: Vec<&Milestone> = roadmap.milestones.iter().filter(|m| m.phase.is_none()).collect();
    if !unphased.is_empty() {
        let title = (!roadmap.phases.is_empty()).then(|| t!(language, "show-no-phase"));
        groups.push((title, unphased));
    }
    for (title, milestones) in groups {
        if let Some(title) = title {
            out.push_str(&heading(context, format, &sanitize(&title)));
            if format == Format::Markdown {
                out.push('\n');
            }
        }
        out.push_str(&milestone_table(context, format, &milestones, schedule));
        out.push('\n');
    }
    let costs: Vec<f64> = roadmap
        .milestones
        .iter()
        .filter_map(|m| m.cost_tkr.map(Cost::value))
        .collect();
    if !costs.is_empty() {
        out.push_str(&t!(
            language,
            "show-total-cost",
            total = language.number(roadmap_core::roadmap::total_tkr(costs.iter().copied()))
        ));
        out.push_str("\n\n");
    }
    for milestone in roadmap.milestones.iter().filter(|m| !m.steps.is_empty()) {
        let title = format!("{}/{} {}", roadmap.id, milestone.id, milestone.title);
        out.push_str(&heading(context, format, &sanitize(&title)));
        if format == Format::Markdown {
            out.push('\n');
        }
        out.push_str(&steps_table(context, format, milestone));
        out.push('\n');
    }
    out
}

fn milestone_table(context: &Context, format: Format, milestones: &[&Milestone], schedule: &Schedule) -> String {
    let language = &context.language;
    let year = context.year();
    let mut table = Table::new(&context.terminal, format);
    table.set_header(headers(
        language,
        format,
        [
            "col-id",
            "col-milestone",
            "col-due",
            "col-dates",
            "col-owner",
            "col-cost",
            "col-steps",
        ],
    ));
    for m in milestones {
        let title = match m.kind {
            Kind::Gate => t!(language, "show-gate-title", title = m.title.as_str()),
            Kind::Milestone => m.title.clone(),
        };
        table.add_row([
            cell(format, &m.id),
            cell(format, &title),
            match &schedule[m.id.as_str()] {
                Dates { due: Some(d), baseline } => {
                    cell(format, &due_as_moved(language, Some(d), baseline.as_ref(), year))
                }
                Dates { due: None, .. } => "–".into(),
            },
            schedule[m.id.as_str()]
                .due
                .as_ref()
                .map_or_else(|| t!(language, "dates-unknown"), |d| dates_text(language, d)),
            cell(format, m.owner.as_deref().unwrap_or("–")),
            m.cost_tkr.map_or_else(|| "–".into(), |c| language.number(c.value())),
            if m.steps.is_empty() {
                "–".into()
            } else {
                m.steps.len().to_string()
            },
        ]);
    }
    table.align_right(5);
    format!("{table}\n")
}

fn steps_table(context: &Context, format: Format, milestone: &Milestone) -> String {
    let language = &context.language;
    let mut table = Table::new(&context.terminal, format);
    let [step, owner] = headers(language, format, ["col-step", "col-owner"]);
    table.set_header(["#".to_string(), step, owner]);
    for (i, step) in milestone.steps.iter().enumerate() {
        let text = match step.note() {
            Some(note) => format!("{}\n({note})", step.text),
            None => step.text.to_string(),
        };
        table.add_row([
            (i + 1).to_string(),
            cell(format, &text),
            cell(format, step.owner.as_deref().unwrap_or("–")),
        ]);
    }
    format!("{table}\n")
}

fn facts_table(context: &Context, format: Format, facts: &[(String, String)]) -> String {
    let mut table = Table::new(&context.terminal, format);
    if format == Format::Markdown {
        table.set_header(["", ""]);
    }
    for (key, value) in facts {
        table.add_row([key.clone(), cell(format, value)]);
    }
    format!("{table}\n")
}

fn milestone_text(context: &Context, roadmap: &Roadmap, m: &Milestone, format: Format, schedule: &Schedule) -> String {
    let title = format!("{}/{} {}", roadmap.id, m.id, m.title);
    let mut out = match format {
        Format::Markdown => format!("# {}\n\n", cell(format, &title)),
        _ => format!("{}\n", context.terminal.paint(Style::Bold, &sanitize(&title))),
    };
    let language = &context.language;
    let year = context.year();
    let key = |id: &str| language.text(id, None);
    let mut facts = Vec::new();
    if let Some(phase) = &m.phase {
        let name = roadmap
            .phase_title(phase)
            .map_or_else(|| phase.to_string(), |t| format!("{t} ({phase})"));
        facts.push((key("fact-phase"), name));
    }
    if m.kind == Kind::Gate {
        facts.push((key("fact-kind"), key("fact-kind-gate")));
    }
    facts.push((
        key("fact-due"),
        schedule[m.id.as_str()].due.as_ref().map_or_else(
            || t!(language, "dates-unknown"),
            |d| format!("{} ({})", language.due(d, year), dates_text(language, d)),
        ),
    ));
    facts.extend(
        schedule[m.id.as_str()]
            .baseline
            .as_ref()
            .map(|b| (key("fact-baseline"), baseline_words(language, b, year))),
    );
    facts.extend(m.owner.as_deref().map(|o| (key("fact-owner"), o.to_string())));
    facts.extend(m.cost_tkr.map(|c| {
        (
            key("fact-cost"),
            t!(language, "amount-tkr", amount = language.number(c.value())),
        )
    }));
    if !m.depends_on.is_empty() {
        facts.push((key("fact-depends-on"), m.depends_on.join(", ")));
    }
    facts.extend(m.criteria.as_ref().map(|c| (key("fact-criteria"), c.clone())));
    facts.extend(m.description.as_ref().map(|d| (key("fact-description"), d.clone())));
    facts.extend(m.note.as_ref().map(|n| (key("fact-note"), n.clone())));
    out.push_str(&facts_table(context, format, &facts));
    if !m.steps.is_empty() {
        out.push('\n');
        out.push_str(&steps_table(context, format, m));
    }
    out
}
