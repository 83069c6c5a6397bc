//! `roadmap report`: the weekly status report, for a scheduled CI job.

use roadmap_core::due::{Due, Precision};
use roadmap_core::report::{self, Period, Report};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::{ReportArgs, ReportFormat};
use crate::context::Context;
use crate::render::{html, markdown, text, write_output};

pub fn run(context: &Context, args: &ReportArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let read = context.read_state()?;
    let roadmaps = catalog.scope(&args.roadmaps)?.roadmaps;
    let today = context.today();
    let period = match (&args.week, args.since) {
        (Some(week), _) => week_period(week)?,
        (None, Some(since)) if since > today => {
            return Err(Error::refused(
                format!("--since {since} is after today ({today})"),
                "give a day on or before today",
            ));
        }
        (None, Some(since)) => Period::since(since, today),
        (None, None) => Period::week_of(today),
    };
    let as_of = report::as_of(&period, today);
    let state = read.fold_until(&catalog, as_of);
    let report = Report::build(&roadmaps, &state, as_of, period, args.weeks);
    let rendered = match args.format {
        ReportFormat::Markdown => markdown::render(&report),
        ReportFormat::Html => html::render(&report),
        ReportFormat::Json => crate::render::json::to_string(&report)?,
        ReportFormat::Text => text::render(&report),
    };
    write_output(args.output.as_deref(), &rendered)?;
    Ok(ExitCode::Success)
}

fn week_period(text: &str) -> Result<Period> {
    let due = Due::parse(text, None)
        .map_err(|e| Error::refused(format!("--week {text}: {e}"), e.hint.clone().unwrap_or_default()))?;
    match (due.precision(), due.start(), due.end()) {
        (Some(Precision::Week), Some(start), Some(end)) if (end - start).num_days() == 6 => Ok(Period {
            label: due.label().to_string(),
            start,
            end,
        }),
        _ => Err(Error::refused(
            format!("--week {text} is not one ISO week"),
            "write a week like 2026-W48",
        )),
    }
}
