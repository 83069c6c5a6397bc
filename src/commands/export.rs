//! `roadmap export`: milestones for a calendar (iCalendar), a spreadsheet
//! (CSV), a Mermaid Gantt chart or JSON (the report's).

use anyhow::Result;

use super::Context;
use super::view::Inputs;
use crate::address::Address;
use crate::cli::{ExportArgs, ExportFormat};
use crate::exit_code::ExitCode;
use crate::export::{csv, ics};
use crate::report::{Period, Report};
use crate::state::State;
use crate::status::{Standing, standings};

pub fn run(context: &Context, args: &ExportArgs) -> Result<ExitCode> {
    let inputs = Inputs::load(context, &args.roadmaps)?;
    let state = State::fold(&inputs.log.events);
    let roadmaps = inputs.select(&args.roadmaps)?;
    let all: Vec<Standing> = roadmaps
        .iter()
        .flat_map(|r| standings(r, &state, inputs.today))
        .collect();
    let text = match args.format {
        ExportFormat::Ics => {
            let name = roadmaps
                .iter()
                .map(|r| r.title.as_str())
                .collect::<Vec<_>>()
                .join(" · ");
            ics::calendar(
                &name,
                inputs.today,
                &all.iter().filter_map(calendar_event).collect::<Vec<_>>(),
            )
        }
        ExportFormat::Csv => spreadsheet(&all, &state),
        ExportFormat::Mermaid | ExportFormat::Json => {
            let report = Report::build(&roadmaps, &state, inputs.today, Period::week_of(inputs.today), 4);
            if args.format == ExportFormat::Json {
                super::json::to_string(&report)?
            } else {
                crate::report::mermaid::gantt(&report)
            }
        }
    };
    super::write_output(args.output.as_deref(), &text)?;
    Ok(ExitCode::Success)
}

/// An all-day event over the whole due range; an open-ended one on its first day.
fn calendar_event(s: &Standing) -> Option<ics::Event> {
    let due = s.milestone.due.as_ref()?;
    let start = due.start()?;
    let last = due.end().unwrap_or(start);
    let m = s.milestone;
    let mut description = vec![
        format!("{} ({})", s.roadmap.title, s.roadmap.id),
        format!("Due: {}", due.label()),
    ];
    if due.end().is_none() {
        description.push(format!("Open-ended: from {start} on"));
    }
    description.extend(m.owner.as_ref().map(|o| format!("Owner: {o}")));
    description.push(format!("Status: {}", s.status.as_str()));
    if s.progress.steps_total > 0 {
        description.push(format!(
            "Steps: {}/{} done",
            s.progress.steps_done, s.progress.steps_total
        ));
    }
    description.extend(m.criteria.as_ref().map(|c| format!("Criteria: {c}")));
    Some(ics::Event {
        uid: format!("{}@roadmap", Address::milestone(&s.roadmap.id, &m.id)),
        summary: m.title.to_string(),
        description: description.join("\n"),
        categories: vec![s.roadmap.id.to_string(), s.status.as_str().to_string()],
        start,
        end_exclusive: last.succ_opt().unwrap_or(last),
    })
}

fn spreadsheet(all: &[Standing], state: &State<'_>) -> String {
    let header = [
        "roadmap",
        "milestone",
        "step",
        "title",
        "owner",
        "due",
        "start",
        "end",
        "status",
        "cost_tkr",
    ];
    let mut rows = Vec::new();
    for s in all {
        let m = s.milestone;
        let due = m.due.as_ref();
        let dates = |f: fn(&crate::due::Due) -> Option<chrono::NaiveDate>| {
            due.and_then(f).map(|d| d.to_string()).unwrap_or_default()
        };
        rows.push(vec![
            s.roadmap.id.to_string(),
            m.id.to_string(),
            String::new(),
            m.title.to_string(),
            m.owner.as_deref().unwrap_or_default().to_string(),
            due.map(|d| d.label().to_string()).unwrap_or_default(),
            dates(crate::due::Due::start),
            dates(crate::due::Due::end),
            s.status.as_str().to_string(),
            m.cost_tkr.map(|c| c.to_string()).unwrap_or_default(),
        ]);
        let address = Address::milestone(&s.roadmap.id, &m.id);
        for (i, step) in m.steps.iter().enumerate() {
            let mark = state.mark(&address.step(i + 1).to_string()).as_str();
            rows.push(vec![
                s.roadmap.id.to_string(),
                m.id.to_string(),
                (i + 1).to_string(),
                step.text.to_string(),
                step.owner.as_deref().unwrap_or_default().to_string(),
                String::new(),
                String::new(),
                String::new(),
                mark.to_string(),
                String::new(),
            ]);
        }
    }
    csv::write(&header, &rows)
}
