//! `roadmap report`: the weekly status report, for a scheduled CI job.

use anyhow::Result;

use super::Context;
use super::view::Inputs;
use crate::cli::{ReportArgs, ReportFormat};
use crate::due::{Due, Precision};
use crate::exit_code::ExitCode;
use crate::report::{Period, Report, html, markdown, text};
use crate::state::State;

pub fn run(context: &Context, args: &ReportArgs) -> Result<ExitCode> {
    let inputs = Inputs::load(context, &args.roadmaps)?;
    let state = State::fold(&inputs.log.events);
    let roadmaps = inputs.select(&args.roadmaps)?;
    let period = match (&args.week, args.since) {
        (Some(week), _) => week_period(week)?,
        (None, Some(since)) if since > inputs.today => {
            return Err(crate::advice(
                format!("--since {since} is after today ({})", inputs.today),
                "give a day on or before today",
            ));
        }
        (None, Some(since)) => Period::since(since, inputs.today),
        (None, None) => Period::week_of(inputs.today),
    };
    let report = Report::build(&roadmaps, &state, inputs.today, period, args.weeks);
    let rendered = match args.format {
        ReportFormat::Markdown => markdown::render(&report),
        ReportFormat::Html => html::render(&report),
        ReportFormat::Json => super::json::to_string(&report)?,
        ReportFormat::Text => text::render(&report),
    };
    super::write_output(args.output.as_deref(), &rendered)?;
    Ok(ExitCode::Success)
}

fn week_period(text: &str) -> Result<Period> {
    let due = Due::parse(text, None)
        .map_err(|e| crate::advice(format!("--week {text}: {e}"), e.hint.clone().unwrap_or_default()))?;
    match (due.precision(), due.start(), due.end()) {
        (Some(Precision::Week), Some(start), Some(end)) if (end - start).num_days() == 6 => Ok(Period {
            label: due.label().to_string(),
            start,
            end,
        }),
        _ => Err(crate::advice(
            format!("--week {text} is not one ISO week"),
            "write a week like 2026-W48",
        )),
    }
}
