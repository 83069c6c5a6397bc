//! `roadmap overdue`: overdue milestones and their open steps, with how long
//! overdue and whose. `--fail-on-overdue` makes it a CI gate (exit 3).

use anyhow::Result;
use serde::Serialize;

use super::json::DueJson;
use super::view::{Filter, Inputs};
use super::{Context, cell, table_for};
use crate::address::Address;
use crate::cli::{Format, OverdueArgs};
use crate::exit_code::ExitCode;
use crate::state::{Mark, State};
use crate::status::{Status, standings};
use crate::terminal::{Style, emit};

#[derive(Serialize)]
struct OverdueJson<'a> {
    today: String,
    overdue: Vec<&'a Item<'a>>,
}

/// One overdue milestone, or one open step of an overdue milestone.
#[derive(Serialize)]
struct Item<'a> {
    address: String,
    roadmap: &'a str,
    milestone: &'a str,
    step: Option<usize>,
    title: &'a str,
    owner: Option<&'a str>,
    due: DueJson<'a>,
    days_overdue: i64,
}

pub fn run(context: &Context, args: &OverdueArgs) -> Result<ExitCode> {
    let inputs = Inputs::load(context, &args.roadmaps)?;
    let state = State::fold(&inputs.log.events);
    let filter = Filter::new(&args.filter);
    let mut items = Vec::new();
    for roadmap in inputs.select(&args.roadmaps)? {
        for s in standings(roadmap, &state, inputs.today) {
            let (Status::Overdue, Some(due), Some(days)) =
                (s.status, s.milestone.due.as_ref(), s.days_overdue(inputs.today))
            else {
                continue;
            };
            if !filter.milestone(roadmap, s.milestone) {
                continue;
            }
            let m = s.milestone;
            let address = Address::milestone(&roadmap.id, &m.id);
            let item = |step: Option<usize>| {
                let (title, owner) = match step.and_then(|i| m.steps.get(i - 1)) {
                    Some(s) => (s.text.as_str(), s.owner.as_deref().or(m.owner.as_deref())),
                    None => (m.title.as_str(), m.owner.as_deref()),
                };
                Item {
                    address: step.map_or_else(|| address.to_string(), |i| address.step(i).to_string()),
                    roadmap: &roadmap.id,
                    milestone: &m.id,
                    step,
                    title,
                    owner,
                    due: DueJson::new(due),
                    days_overdue: days,
                }
            };
            // Filtered to a step owner, a milestone with no owner of its own adds nothing.
            if !(filter.is_active() && m.owner.is_none() && !m.steps.is_empty()) {
                items.push(item(None));
            }
            for (i, step) in m.steps.iter().enumerate() {
                if state.mark(&address.step(i + 1).to_string()) == Mark::Open && filter.step(m, step) {
                    items.push(item(Some(i + 1)));
                }
            }
        }
    }
    items.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then_with(|| a.address.cmp(&b.address))
    });
    let text = match args.format {
        Format::Json => super::json::to_string(&OverdueJson {
            today: inputs.today.to_string(),
            overdue: items.iter().collect::<Vec<_>>(),
        })?,
        _ if items.is_empty() => format!("nothing is overdue (today {})\n", inputs.today),
        format => {
            let mut table = table_for(context, format);
            table.set_header(["OVERDUE", "WHAT", "DUE", "OWNER"]);
            for item in &items {
                let age = age(item.days_overdue);
                table.add_row([
                    if format == Format::Markdown {
                        age
                    } else {
                        context.terminal.paint(Style::Red, &age)
                    },
                    cell(format, &format!("{}\n{}", item.address, item.title))
                        .replace("\n", if format == Format::Markdown { " " } else { "\n" }),
                    cell(format, item.due.label),
                    cell(format, item.owner.unwrap_or("")),
                ]);
            }
            let milestones = items.iter().filter(|i| i.step.is_none()).count();
            let steps = items.len() - milestones;
            format!(
                "{table}\n{milestones} overdue milestone{}, {steps} open step{} in them (today {})\n",
                plural(milestones),
                plural(steps),
                inputs.today
            )
        }
    };
    emit(&text)?;
    Ok(if args.fail_on_overdue && !items.is_empty() {
        ExitCode::Overdue
    } else {
        ExitCode::Success
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// How long overdue, as a person would say it: "3 days", "5 weeks", "14 months", "2 years".
fn age(days: i64) -> String {
    let (n, unit) = match days {
        ..14 => (days, "day"),
        14..61 => (days / 7, "week"),
        61..731 => (days * 12 / 365, "month"),
        _ => (days / 365, "year"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    #[test]
    fn ages_read_naturally() {
        assert_eq!(super::age(1), "1 day");
        assert_eq!(super::age(13), "13 days");
        assert_eq!(super::age(14), "2 weeks");
        assert_eq!(super::age(60), "8 weeks");
        assert_eq!(super::age(61), "2 months");
        assert_eq!(super::age(730), "24 months");
        assert_eq!(super::age(731), "2 years");
    }
}
