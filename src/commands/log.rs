//! `roadmap log [ADDR]`: the history of changes.

use roadmap_core::address::{Address, shown};
use roadmap_core::state::Op;
use roadmap_core::target::{Scope, Target, TargetKind};
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::LogArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::{Format, Table, cell, cost_change, headers, op_word, risk_change, titled};

#[derive(Serialize)]
struct EntryJson<'a> {
    id: &'a str,
    at: String,
    by: &'a str,
    op: &'a str,
    /// As recorded.
    target: &'a str,
    /// What it counts for now (a step by its key); null when the roadmaps no longer have it.
    counts_for: Option<&'a str>,
    /// That, as people write it (a step by its place, or its id); null as `counts_for`.
    address: Option<String>,
    note: Option<&'a str>,
    on: Option<String>,
    from: Option<&'a str>,
    to: Option<&'a str>,
}

pub fn run(context: &Context, args: &LogArgs) -> Result<ExitCode> {
    let (catalog, read) = context.read()?;
    let state = read.fold(&catalog);
    // An address is looked up as any other, so a step given by its place
    // finds the changes recorded under its key; a roadmap id, or a target
    // as recorded, is taken as written.
    let filter = args.target.as_deref().map(|t| {
        let t = t.trim().trim_end_matches('/');
        match (Address::resolve(&catalog, t), t.parse::<Target>()) {
            (Ok((address, _, milestone)), _) => Scope::Target(address.target(milestone)),
            // A word alone is a roadmap's id or a risk's.
            (Err(_), Ok(target)) if target.kind() != TargetKind::Plan => Scope::Target(target),
            (Err(_), _) => Scope::Word(t.to_string()),
        }
    });
    let by = args.by.as_deref().map(str::trim);
    let events: Vec<_> = state
        .ordered
        .iter()
        .filter(|c| {
            filter
                .as_ref()
                .is_none_or(|f| f.covers(&c.target) || f.covers(&c.event.target))
        })
        // Since a day: recorded on it or later (the UTC day, as recorded).
        .filter(|c| args.since.is_none_or(|day| c.event.at.date_naive() >= day))
        .filter(|c| by.is_none_or(|name| c.event.by.trim().to_lowercase() == name.to_lowercase()))
        .collect();
    let text = match args.format {
        Format::Json => {
            let entries: Vec<EntryJson> = events
                .iter()
                .map(|c| {
                    let e = c.event;
                    EntryJson {
                        id: &e.id,
                        at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        by: &e.by,
                        op: e.op.as_str(),
                        target: e.target.as_str(),
                        counts_for: c.matched.then_some(c.target.as_str()),
                        address: c
                            .matched
                            .then(|| catalog.get(c.target.roadmap()))
                            .flatten()
                            .map(|r| shown(r, &c.target)),
                        note: e.note.as_deref(),
                        on: e.on.map(|d| d.to_string()),
                        from: e.from.as_deref(),
                        to: e.to.as_deref(),
                    }
                })
                .collect();
            crate::render::json::to_string(&entries)?
        }
        _ if events.is_empty() && !state.ordered.is_empty() => {
            t!(context.language, "log-none-match", count = state.ordered.len()) + "\n"
        }
        _ if events.is_empty() => {
            t!(
                context.language,
                "log-empty",
                path = read.location.path.display().to_string()
            ) + "\n"
        }
        format => {
            let language = &context.language;
            let mut table = Table::new(&context.terminal, format);
            table.set_header(headers(
                language,
                format,
                ["col-when", "col-who", "col-change", "col-what", "col-note"],
            ));
            for c in &events {
                let e = c.event;
                let roadmap = catalog.get(c.target.roadmap());
                let what = match (c.matched, roadmap) {
                    _ if e.op == Op::Risk => cell(
                        format,
                        &format!(
                            "{}\n{}",
                            e.target,
                            e.risk.as_ref().map(|r| risk_change(language, r)).unwrap_or_default()
                        ),
                    ),
                    _ if e.op == Op::Forget => cell(format, &format!("→ {}", e.to.as_deref().unwrap_or_default())),
                    _ if e.op == Op::Rename => cell(
                        format,
                        &format!("{} → {}", e.target, e.renamed_to().unwrap_or_default()),
                    ),
                    (_, Some(roadmap)) if e.op == Op::Cost => cell(
                        format,
                        &format!(
                            "{}\n{}",
                            roadmap.title,
                            e.cost.as_ref().map(|c| cost_change(language, c)).unwrap_or_default()
                        ),
                    ),
                    (true, Some(roadmap)) => titled(
                        &context.terminal,
                        format,
                        roadmap.text_at(&c.target).unwrap_or_default(),
                        &shown(roadmap, &c.target),
                    ),
                    _ => cell(
                        format,
                        &format!(
                            "{}\n{}",
                            e.target,
                            t!(language, "log-gone", text = e.text.as_deref().unwrap_or(""))
                        ),
                    ),
                };
                let when = match e.on {
                    Some(on) => t!(
                        language,
                        "log-when-for",
                        when = language.date_time(e.at),
                        day = language.date(on)
                    ),
                    None => language.date_time(e.at),
                };
                let no_date = || t!(language, "no-date");
                let change = match e.op {
                    Op::Reschedule => format!(
                        "{} {} → {}",
                        op_word(language, Op::Reschedule),
                        e.from.clone().unwrap_or_else(no_date),
                        e.to.clone().unwrap_or_else(no_date)
                    ),
                    op => op_word(language, op),
                };
                table.add_row([
                    when,
                    cell(format, &e.by),
                    cell(format, &change),
                    what,
                    cell(format, e.note.as_deref().unwrap_or("")),
                ]);
            }
            format!("{table}\n")
        }
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}
