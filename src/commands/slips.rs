//! `roadmap slips`: what moved, how far, how often and why, from the
//! reschedules recorded in the state.

use roadmap_core::address::Address;
use roadmap_core::due::Due;
use roadmap_core::schedule::{Baseline, baseline, due_now};
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::SlipsArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::{Format, Table, baseline_words, cell, headers, titled};

#[derive(Serialize)]
struct Slip<'a> {
    address: String,
    title: &'a str,
    /// The due date before the first move, as written; null when it had none.
    #[serde(serialize_with = "roadmap_core::schedule::baseline_label")]
    baseline: Option<Baseline>,
    /// It had no due date before its first move.
    baseline_undated: bool,
    /// The due date now, as written.
    #[serde(serialize_with = "label")]
    current: Option<Due>,
    /// Days the end of the due range moved (later is positive); null when either is undated.
    days_moved: Option<i64>,
    moves: Vec<Move<'a>>,
}

#[derive(Serialize)]
struct Move<'a> {
    from: Option<&'a str>,
    to: Option<&'a str>,
    by: &'a str,
    at: String,
    note: Option<&'a str>,
}

#[allow(
    clippy::ref_option,
    reason = "serde's serialize_with passes a reference to the field"
)]
fn label<S: serde::Serializer>(due: &Option<Due>, s: S) -> Result<S::Ok, S::Error> {
    match due {
        Some(due) => s.serialize_str(due.label()),
        None => s.serialize_none(),
    }
}

pub fn run(context: &Context, args: &SlipsArgs) -> Result<ExitCode> {
    let (catalog, read) = context.read()?;
    let state = read.fold(&catalog);
    let mut slips = Vec::new();
    for roadmap in context.scope(&catalog, &args.roadmaps)?.roadmaps {
        for m in &roadmap.milestones {
            let address = Address::milestone(&roadmap.id, &m.id);
            let Some(target) = state.get(&address.target(m)).filter(|t| !t.moves.is_empty()) else {
                continue;
            };
            let first = baseline(roadmap, m, &state);
            let current = due_now(roadmap, m, &state);
            let days_moved = match (
                first.as_ref().and_then(Baseline::due).and_then(Due::anchor),
                current.as_ref().and_then(Due::anchor),
            ) {
                (Some(before), Some(now)) => Some((now - before).num_days()),
                _ => None,
            };
            let moves = target
                .moves
                .iter()
                .map(|e| Move {
                    from: e.from.as_deref(),
                    to: e.to.as_deref(),
                    by: &e.by,
                    at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    note: e.note.as_deref(),
                })
                .collect();
            slips.push(Slip {
                address: address.to_string(),
                title: &m.title,
                baseline_undated: first == Some(Baseline::Undated),
                baseline: first,
                current,
                days_moved,
                moves,
            });
        }
    }
    let text = match args.format {
        Format::Json => crate::render::json::to_string(&slips)?,
        _ if slips.is_empty() => t!(context.language, "slips-none") + "\n",
        format => {
            let language = &context.language;
            let year = context.year();
            let mut table = Table::new(&context.terminal, format);
            table.set_header(headers(
                language,
                format,
                [
                    "col-milestone",
                    "col-baseline",
                    "col-now",
                    "col-moved",
                    "col-times",
                    "col-why",
                ],
            ));
            let no_date = t!(language, "no-date");
            for s in &slips {
                let why: Vec<&str> = s.moves.iter().filter_map(|m| m.note).collect();
                table.add_row([
                    titled(&context.terminal, format, s.title, &s.address),
                    cell(
                        format,
                        &s.baseline
                            .as_ref()
                            .map_or_else(|| no_date.clone(), |b| baseline_words(language, b, year)),
                    ),
                    cell(
                        format,
                        &s.current
                            .as_ref()
                            .map_or_else(|| no_date.clone(), |d| language.due(d, year)),
                    ),
                    s.days_moved.map_or_else(
                        || "–".into(),
                        |d| t!(language, "slips-days", sign = if d > 0 { "+" } else { "" }, n = d),
                    ),
                    s.moves.len().to_string(),
                    cell(format, &why.join("; ")),
                ]);
            }
            format!("{table}\n")
        }
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}
