//! `roadmap cost PLAN`: a plan's money. With `--spent` or `--forecast` it
//! records an amount spent or a new forecast in the state log (the one write
//! path, `record`), so money merges through git and a report on a past week
//! sees it as it was then; without either it shows the budget, what is spent,
//! the forecast and the cost light.

use roadmap_core::cost::{PlanCost, plan_cost};
use roadmap_core::report::lights::{CostLight, cost_light};
use roadmap_core::state::CostFields;
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::state::record::Roadmaps;
use roadmap_core::target::Target;
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::CostArgs;
use crate::context::Context;
use crate::i18n::{Language, t};
use crate::render::{Format, Table, cell, headers};

pub fn run(context: &Context, args: &CostArgs) -> Result<ExitCode> {
    if args.spent.is_none() && args.forecast.is_none() {
        return show(context, args);
    }
    // Its plan alone, as a tick reads it (`Context::catalog_named`).
    let (catalog, dirs) = context.catalog_named(&[args.roadmap.as_str()])?;
    let roadmap = catalog.roadmap(&args.roadmap)?;
    if let Some(id) = &args.milestone {
        roadmap.find_milestone(id)?;
    }
    let fields = CostFields {
        spent: args.spent,
        milestone: args.milestone.clone(),
        forecast: args.forecast,
    };
    let target = Target::plan(&roadmap.id);
    let recording = context.record(Roadmaps::Named(&catalog, &dirs), &args.by, args.at, |_| {
        Ok(vec![Change::Cost {
            target,
            fields,
            note: args.note.clone(),
        }])
    })?;
    let language = &context.language;
    let mut out = String::new();
    if let Some(spent) = args.spent {
        out.push_str(&t!(
            language,
            "cost-spent-recorded",
            amount = language.amount(spent),
            plan = roadmap.title.as_str(),
            day = language.day_long(args.at.unwrap_or_else(|| context.today()))
        ));
        out.push('\n');
    }
    if let Some(forecast) = args.forecast {
        out.push_str(&t!(
            language,
            "cost-forecast-recorded",
            amount = language.amount(forecast),
            plan = roadmap.title.as_str()
        ));
        out.push('\n');
    }
    if matches!(recording.written, Written::Appended(_)) {
        out.push_str(&recording.confirmation(language));
        out.push('\n');
    }
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}

/// A plan's money as `roadmap cost PLAN --format json` prints it.
#[derive(Serialize)]
struct Money<'a> {
    roadmap: &'a str,
    title: &'a str,
    #[serde(flatten)]
    cost: PlanCost,
    light: Option<CostLight>,
}

fn show(context: &Context, args: &CostArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let roadmap = catalog.roadmap(&args.roadmap)?;
    let read = context.read_state()?;
    let state = read.fold(&catalog);
    let cost = plan_cost(roadmap, &state, context.today());
    let money = Money {
        roadmap: &roadmap.id,
        title: &roadmap.title,
        light: cost_light(&cost, &context.lights),
        cost,
    };
    let language = &context.language;
    let text = match args.format {
        Format::Json => crate::render::json::to_string(&money)?,
        format => {
            let mut table = Table::new(&context.terminal, format);
            table.set_header(headers(
                language,
                format,
                ["col-plan", "col-budget", "col-spent", "col-forecast", "col-cost-light"],
            ));
            let figure = |x: Option<f64>| x.map_or_else(|| "–".to_string(), |x| language.number(x));
            table.add_row([
                cell(format, money.title),
                figure(money.cost.budget),
                figure(money.cost.spent),
                figure(money.cost.forecast),
                light_words(language, money.light.as_ref()),
            ]);
            format!("{table}\n")
        }
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}

/// The cost light and how far over or under budget, or a dash without one.
fn light_words(language: &Language, light: Option<&CostLight>) -> String {
    let Some(light) = light else {
        return "–".to_string();
    };
    let percent = language.number((light.over_percent * 10.0).round() / 10.0);
    let how = if light.over_percent > 0.0 {
        t!(language, "cost-over-budget", percent = percent)
    } else {
        t!(language, "cost-within-budget")
    };
    format!("{} ({how})", crate::render::light_word(language, light.light))
}
