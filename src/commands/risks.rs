//! `roadmap risks`: the risk log, open risks first, the most severe first.

use roadmap_core::risk::{self, Risk};
use roadmap_core::{ExitCode, Result};

use crate::cli::RisksArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::{Format, Table, cell, headers};

pub fn run(context: &Context, args: &RisksArgs) -> Result<ExitCode> {
    let (catalog, read) = context.read()?;
    let state = read.fold(&catalog);
    let scope = context.scope(&catalog, &args.roadmaps)?;
    let mut risks: Vec<Risk> = risk::risks(&state)
        .into_iter()
        .filter(|r| scope.roadmaps.iter().any(|m| m.id == r.roadmap))
        .filter(|r| args.all || !r.closed)
        .collect();
    risks.sort_by(|a, b| {
        (a.closed, std::cmp::Reverse(a.severity), a.opened_on).cmp(&(
            b.closed,
            std::cmp::Reverse(b.severity),
            b.opened_on,
        ))
    });
    let language = &context.language;
    let text = match args.format {
        Format::Json => crate::render::json::to_string(&risks)?,
        _ if risks.is_empty() => t!(language, "risks-none") + "\n",
        format => {
            let mut table = Table::new(&context.terminal, format);
            table.set_header(headers(
                language,
                format,
                [
                    "col-id",
                    "col-severity",
                    "col-risk",
                    "col-owner",
                    "col-action",
                    "col-status",
                ],
            ));
            for r in &risks {
                let what = match &r.milestone {
                    Some(m) => format!("{}\n({}/{m})", r.text, r.roadmap),
                    None => format!("{}\n({})", r.text, r.roadmap),
                };
                let status = if let Some(day) = r.closed_on {
                    t!(language, "risk-status-closed", day = language.date(day))
                } else {
                    t!(language, "risk-status-open", day = language.date(r.opened_on))
                };
                table.add_row([
                    r.id.clone(),
                    t!(
                        language,
                        "risk-severity",
                        severity = r.severity,
                        likelihood = r.likelihood,
                        impact = r.impact
                    ),
                    cell(format, &what),
                    cell(format, r.owner.as_deref().unwrap_or("–")),
                    cell(format, r.action.as_deref().unwrap_or("–")),
                    status,
                ]);
            }
            format!("{table}\n")
        }
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}
