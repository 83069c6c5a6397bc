//! `roadmap report`: the weekly status report, for a scheduled CI job.

use roadmap_core::filter::Filter;
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
        (Some(week), _) => week.clone(),
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
    let options = report::Options {
        horizon_weeks: args.weeks,
        filter: Filter::new(args.filter.owner.as_deref(), args.filter.phase.as_deref()),
        owner: args.filter.owner.as_deref(),
        phase: args.filter.phase.as_deref(),
        lights: context.lights,
    };
    let report = Report::build(&roadmaps, &state, as_of, period, &options);
    let rendered = match args.format {
        ReportFormat::Markdown => markdown::render(&context.language, &report),
        ReportFormat::Html => html::render(&context.language, &report),
        ReportFormat::Json => crate::render::json::report(&report)?,
        ReportFormat::Text => text::render(&context.language, &report),
    };
    write_output(&context.terminal, args.output.as_deref(), &rendered)?;
    Ok(ExitCode::Success)
}
