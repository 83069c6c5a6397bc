//! The portfolio table: one row per plan, grouped by the organisation it is
//! for (`roadmap_core::portfolio`), on a terminal or in Markdown.

use roadmap_core::portfolio::{LightCounts, Row};
use roadmap_core::report::lights::Light;

use super::{Format, Style, Table, Terminal, cell, headers, titled};
use super::{light_mark, light_word};
use crate::i18n::{Language, t};

/// The table of `rows`, the organisation named on the first row of its group.
pub fn table_of(terminal: &Terminal, language: &Language, format: Format, rows: &[Row], year: i32) -> String {
    let mut out = Table::new(terminal, format);
    out.set_header(headers(
        language,
        format,
        [
            "col-organisation",
            "col-plan",
            "col-overall",
            "col-steps-done",
            "col-next",
            "col-oldest-overdue",
        ],
    ));
    let mut last: Option<String> = None;
    for row in rows {
        let key = row.organisation.to_lowercase();
        let organisation = if last.as_ref() == Some(&key) {
            String::new()
        } else {
            cell(format, &row.organisation)
        };
        last = Some(key);
        let light = match format {
            Format::Markdown => light_mark(language, row.light),
            _ => terminal.paint(
                match row.light {
                    Light::Red => Style::Red,
                    Light::Yellow => Style::Yellow,
                    Light::Green => Style::Green,
                },
                &light_word(language, row.light),
            ),
        };
        let next = row.next.as_ref().map_or_else(String::new, |m| {
            let due = m.due.as_ref().map(|d| language.due(d, year)).unwrap_or_default();
            format!(
                "{} {}",
                titled(terminal, format, &m.title, &m.id),
                cell(format, &format!("({due})"))
            )
        });
        let oldest = row.oldest_overdue.as_ref().map_or_else(String::new, |m| {
            let days = t!(language, "days", n = m.days_overdue.unwrap_or_default());
            format!(
                "{} {}",
                titled(terminal, format, &m.title, &m.id),
                cell(format, &format!("({days})"))
            )
        });
        out.add_row([
            organisation,
            titled(terminal, format, &row.title, &row.roadmap),
            light,
            progress(language, row),
            next,
            oldest,
        ]);
    }
    format!("{out}\n")
}

/// How far a plan is: its steps done, or its milestones when it has no steps.
pub fn progress(language: &Language, row: &Row) -> String {
    if row.steps > 0 {
        format!("{}/{}", row.steps_done, row.steps)
    } else {
        t!(
            language,
            "portfolio-milestones-done",
            done = row.milestones_done,
            total = row.milestones
        )
    }
}

/// "3 kunder: 1 röd, 1 gul, 1 grön".
pub fn counts_sentence(language: &Language, counts: LightCounts) -> String {
    t!(
        language,
        "portfolio-counts",
        customers = counts.red + counts.yellow + counts.green,
        red = counts.red,
        yellow = counts.yellow,
        green = counts.green
    )
}
