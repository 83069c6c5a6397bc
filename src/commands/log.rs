//! `roadmap log [ADDR]`: the history of changes.

use roadmap_core::address::covers;
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::LogArgs;
use crate::context::Context;
use crate::render::{Format, cell, emit, table};

#[derive(Serialize)]
struct EntryJson<'a> {
    id: &'a str,
    at: String,
    by: &'a str,
    op: &'a str,
    target: &'a str,
    note: Option<&'a str>,
    on: Option<String>,
}

pub fn run(context: &Context, args: &LogArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let read = context.read_state()?;
    let state = read.fold();
    let filter = args.target.as_deref().map(|t| t.trim_end_matches('/'));
    let events: Vec<_> = state
        .ordered
        .iter()
        .filter(|e| filter.is_none_or(|f| covers(f, &e.target)))
        .collect();
    let text = match args.format {
        Format::Json => {
            let entries: Vec<EntryJson> = events
                .iter()
                .map(|e| EntryJson {
                    id: &e.id,
                    at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    by: &e.by,
                    op: e.op.as_str(),
                    target: &e.target,
                    note: e.note.as_deref(),
                    on: e.on.map(|d| d.to_string()),
                })
                .collect();
            crate::render::json::to_string(&entries)?
        }
        _ if events.is_empty() => format!("no changes recorded in {}\n", read.location.path.display()),
        format => {
            let mut table = table(&context.terminal, format);
            table.set_header(["WHEN (UTC)", "WHO", "CHANGE", "WHAT", "NOTE"]);
            for e in &events {
                let title = catalog.text_at(&e.target).unwrap_or("(no longer in the roadmap)");
                let when = match e.on {
                    Some(on) => format!("{} (for {on})", e.at.format("%Y-%m-%d %H:%M")),
                    None => e.at.format("%Y-%m-%d %H:%M").to_string(),
                };
                table.add_row([
                    when,
                    cell(format, &e.by),
                    e.op.as_str().to_string(),
                    cell(format, &format!("{}\n{title}", e.target)),
                    cell(format, e.note.as_deref().unwrap_or("")),
                ]);
            }
            format!("{table}\n")
        }
    };
    emit(&text)?;
    Ok(ExitCode::Success)
}
