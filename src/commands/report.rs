//! `roadmap report`: the weekly status report, for a scheduled CI job.

use roadmap_core::report::{self, Period, Report};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::{ReportArgs, ReportFormat};
use crate::context::Context;
use crate::render::{docx, html, markdown, text, write_output, write_page};

/// The project lead's assessment of `period`: the file given, else the
/// workspace's for the period, if it has one.
fn assessment(context: &Context, given: Option<&std::path::Path>, period: &Period) -> Result<Option<String>> {
    let workspace = roadmap_core::workspace::find_workspace(&context.cwd);
    let path = match (given, workspace) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(dir)) => roadmap_core::workspace::assessment_file(&dir, period),
        (None, None) => return Ok(None),
    };
    let what = "the assessment";
    let Some(bytes) = roadmap_core::files::read(&path, roadmap_core::files::ROADMAP_LIMIT, what)? else {
        return match given {
            Some(path) => Err(Error::usage(
                format!("there is no assessment {}", path.display()),
                "give the path of a Markdown file with the project lead's assessment of the period",
            )),
            None => Ok(None),
        };
    };
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Error::refused(
            format!("the assessment {} is not UTF-8", path.display()),
            "save it as UTF-8 text (Markdown)",
        )
    })
}

pub fn run(context: &Context, args: &ReportArgs) -> Result<ExitCode> {
    let (catalog, read) = context.read()?;
    let roadmaps = context.scope(&catalog, &args.roadmaps)?.roadmaps;
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
    let assessment = assessment(context, args.assessment.as_deref(), &period)?;
    let state = read.fold_until(&catalog, as_of);
    let options = report::Options {
        horizon_weeks: args.weeks,
        filter: context.filter(args.filter.owner.as_deref(), args.filter.phase.as_deref(), &roadmaps)?,
        owner: args.filter.owner.as_deref(),
        phase: args.filter.phase.as_deref(),
        lights: context.lights,
        assessment: assessment.as_deref(),
    };
    let gathered = Report::gather(&roadmaps, &state, as_of, period, options);
    // The report's own lists need no more of the state: a national
    // portfolio's changes and their fold give them their room.
    drop(state);
    drop(read);
    let report = gathered.report();
    let rendered = match args.format {
        ReportFormat::Markdown => {
            // Drawn onto standard output as it goes: a national portfolio's
            // page is never held whole.
            write_page(
                &context.terminal,
                &context.language,
                args.output.as_deref(),
                args.force,
                |page| markdown::render(&context.language, &report, args.mermaid_fence, page),
            )?;
            return Ok(ExitCode::Success);
        }
        ReportFormat::Html => html::render(&context.language, &report),
        ReportFormat::Json => crate::render::json::report(&report)?,
        ReportFormat::Text => text::render(&context.language, &report),
        ReportFormat::Docx => {
            let Some(path) = args.output.as_deref() else {
                return Err(Error::usage(
                    "a Word document is not text to print: say where to write it",
                    "write `roadmap report --format docx -o report.docx`",
                ));
            };
            crate::render::write_file(
                &context.language,
                path,
                &docx::render(&context.language, &report)?,
                args.force,
            )?;
            return Ok(ExitCode::Success);
        }
    };
    write_output(
        &context.terminal,
        &context.language,
        args.output.as_deref(),
        args.force,
        &rendered,
    )?;
    Ok(ExitCode::Success)
}
