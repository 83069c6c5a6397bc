//! `roadmap export`: milestones for a calendar (iCalendar), a spreadsheet
//! (Excel or CSV), a Mermaid Gantt chart or JSON (the report's).

use roadmap_core::export::Events;
use roadmap_core::report::{Period, Report};
use roadmap_core::status::{Standing, standings};
use roadmap_core::{ExitCode, Result};

use crate::cli::{ExportArgs, ExportFormat, IcsEvents};
use crate::context::Context;
use crate::i18n::t;
use crate::render::{csv, ics, write_output, xlsx};

pub fn run(context: &Context, args: &ExportArgs) -> Result<ExitCode> {
    if args.excel && args.format != ExportFormat::Csv {
        return Err(roadmap_core::Error::usage(
            "--excel is for --format csv",
            "write `roadmap export --format csv --excel`",
        ));
    }
    let (catalog, read) = context.read()?;
    let state = read.fold(&catalog);
    let roadmaps = context.scope(&catalog, &args.roadmaps)?.roadmaps;
    let today = context.today();
    let all: Vec<Standing> = roadmaps.iter().flat_map(|r| standings(r, &state, today)).collect();
    let text = match args.format {
        ExportFormat::Ics => {
            let name = roadmaps
                .iter()
                .map(|r| r.title.as_str())
                .collect::<Vec<_>>()
                .join(" · ");
            let events = match args.events {
                IcsEvents::Auto => Events::Auto,
                IcsEvents::Range => Events::Range,
                IcsEvents::Deadline => Events::Deadline,
            };
            let workspace = context.workspace_id.as_deref();
            // With --workspace, ids two workspaces share are qualified apart.
            if workspace.is_none() && context.global.workspaces.is_empty() {
                let why = match roadmap_core::workspace::find_workspace(&context.cwd) {
                    Some(_) => t!(context.language, "export-why-no-id"),
                    None => t!(context.language, "export-why-no-workspace"),
                };
                crate::render::say(&(t!(context.language, "export-no-workspace-id", why = why) + "\n"));
            }
            let entries = roadmap_core::export::calendar(&all, workspace, events);
            ics::calendar(&context.language, &name, today, &entries)
        }
        ExportFormat::Csv => {
            let dialect = if args.excel {
                csv::Dialect::Excel
            } else {
                csv::Dialect::Plain
            };
            csv::spreadsheet(
                &context.language,
                dialect,
                &roadmap_core::export::spreadsheet(&all, &state),
            )
        }
        ExportFormat::Xlsx => {
            let Some(path) = args.output.as_deref() else {
                return Err(roadmap_core::Error::usage(
                    "an Excel workbook is not text to print: say where to write it",
                    "write `roadmap export --format xlsx -o roadmap.xlsx`",
                ));
            };
            let rows = roadmap_core::export::spreadsheet(&all, &state);
            crate::render::write_file(
                &context.language,
                path,
                &xlsx::workbook(&context.language, &rows)?,
                args.force,
            )?;
            return Ok(ExitCode::Success);
        }
        ExportFormat::Mspdi => {
            let title = roadmaps
                .iter()
                .map(|r| r.title.as_str())
                .collect::<Vec<_>>()
                .join(" · ");
            let tasks = roadmap_core::export::project(&roadmaps, &all, &t!(context.language, "mspdi-undated"));
            crate::render::mspdi::project(&title, today, &tasks)
        }
        ExportFormat::Mermaid | ExportFormat::Json => {
            let options = roadmap_core::report::Options {
                horizon_weeks: roadmap_core::report::DEFAULT_HORIZON_WEEKS,
                filter: roadmap_core::filter::Filter::default(),
                owner: None,
                phase: None,
                lights: context.lights,
                assessment: None,
            };
            let report = Report::gather(&roadmaps, &state, today, Period::week_of(today), options).report();
            if args.format == ExportFormat::Json {
                crate::render::json::to_string(&report)?
            } else {
                let mut chart = String::with_capacity(crate::render::mermaid::room(&report));
                crate::render::mermaid::gantt(&context.language, &report, &mut chart)?;
                chart
            }
        }
    };
    write_output(
        &context.terminal,
        &context.language,
        args.output.as_deref(),
        args.force,
        &text,
    )?;
    Ok(ExitCode::Success)
}
