//! `roadmap log [ADDR]`: the history of changes.

use anyhow::Result;
use serde::Serialize;

use super::{Context, cell, table_for};
use crate::cli::{Format, LogArgs};
use crate::exit_code::ExitCode;
use crate::state::{State, file};
use crate::terminal::emit;

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
    let location = context.state_location()?;
    let log = file::read(&location.path)?;
    let state = State::fold(&log.events);
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
            super::json::to_string(&entries)?
        }
        _ if events.is_empty() => format!("no changes recorded in {}\n", location.path.display()),
        format => {
            let mut table = table_for(context, format);
            table.set_header(["WHEN (UTC)", "WHO", "CHANGE", "WHAT", "NOTE"]);
            for e in &events {
                let title =
                    super::mark::title_of(&catalog, &e.target).unwrap_or_else(|| "(no longer in the roadmap)".into());
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

fn covers(filter: &str, target: &str) -> bool {
    target == filter || target.strip_prefix(filter).is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_filter_covers_what_lies_under_it() {
        assert!(super::covers("hubs-sdk", "hubs-sdk/projektstart/1"));
        assert!(super::covers("hubs-sdk/projektstart", "hubs-sdk/projektstart"));
        assert!(!super::covers("hubs-sdk/projektstart", "hubs-sdk/projektstart-2"));
    }
}
