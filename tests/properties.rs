//! Properties that must hold for every input, checked with proptest.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use roadmap_core::due::{Due, Span};
use roadmap_core::progress::Progress;
use roadmap_core::state::{AsRecorded, Event, Mark, Op, State};
use roadmap_core::status::Status;

/// A valid day between 1990 and 2060.
fn day() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2060, 1u32..=366).prop_filter_map("a day of the year", |(y, d)| NaiveDate::from_yo_opt(y, d))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The last day of month `m` (1-12) of year `y`, by chrono's arithmetic.
fn month_end(y: i32, m: u32) -> NaiveDate {
    let next = if m == 12 { ymd(y + 1, 1, 1) } else { ymd(y, m + 1, 1) };
    next.pred_opt().unwrap()
}

/// One period as a person would write it, with the first and last day it
/// covers as worked out here (not by the parser).
fn period() -> impl Strategy<Value = (String, NaiveDate, NaiveDate)> {
    prop_oneof![
        day().prop_map(|d| (d.format("%Y-%m-%d").to_string(), d, d)),
        day().prop_map(|d| (format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()), d, d)),
        day().prop_map(|d| (format!("{}.{}.{}", d.day(), d.month(), d.year()), d, d)),
        day().prop_map(|d| {
            let (y, w) = (d.iso_week().year(), d.iso_week().week());
            let monday = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).unwrap();
            (format!("{y}-W{w:02}"), monday, monday + chrono::Duration::days(6))
        }),
        (1990i32..2060, 1u32..=12).prop_map(|(y, m)| (format!("{y}-{m:02}"), ymd(y, m, 1), month_end(y, m))),
        (1990i32..2060, 1u32..=4).prop_map(|(y, q)| (format!("{y}-Q{q}"), ymd(y, 3 * q - 2, 1), month_end(y, 3 * q))),
        (1990i32..2060, 1u32..=3, prop::bool::ANY).prop_map(|(y, t, dash)| {
            let text = if dash { format!("{y}-T{t}") } else { format!("{y} T{t}") };
            (text, ymd(y, 4 * t - 3, 1), month_end(y, 4 * t))
        }),
        (1990i32..2060, prop::bool::ANY).prop_map(|(y, spring)| {
            if spring {
                (format!("VT{y}"), ymd(y, 1, 1), ymd(y, 6, 30))
            } else {
                (format!("HT{y}"), ymd(y, 7, 1), ymd(y, 12, 31))
            }
        }),
        (1990i32..2060).prop_map(|y| (y.to_string(), ymd(y, 1, 1), ymd(y, 12, 31))),
    ]
}

/// Any due notation (a period, a range of two, an open-ended range, bare
/// weeks with or without the plan's year), the year it is read in, and the
/// days it covers as worked out here; `None` for a range that ends before it
/// starts, which must be refused.
fn notation() -> impl Strategy<Value = (String, Option<i32>, Option<Span>)> {
    let dated = |start, end| Some(Span::Dated { start, end });
    prop_oneof![
        period().prop_map(move |(text, start, end)| (text, None, dated(start, Some(end)))),
        (period(), period()).prop_map(move |((a, start, _), (b, _, end))| {
            let span = (end >= start).then_some(Span::Dated { start, end: Some(end) });
            (format!("{a}..{b}"), None, span)
        }),
        period().prop_map(move |(text, start, _)| (format!("{text}.."), None, dated(start, None))),
        (1u32..=52, 0u32..=5, prop::option::of(1990i32..2060)).prop_map(|(w, extra, year)| {
            let last = (w + extra).min(52);
            let text = if last == w {
                format!("V{w}")
            } else {
                format!("V{w}-{last}")
            };
            let span = match year {
                Some(y) => Span::Dated {
                    start: NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).unwrap(),
                    end: Some(NaiveDate::from_isoywd_opt(y, last, chrono::Weekday::Sun).unwrap()),
                },
                None => Span::UnplacedWeeks { first: w, last },
            };
            (text, year, Some(span))
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_notation_covers_the_days_worked_out_for_it_and_prints_back((text, year, expected) in notation()) {
        match (Due::parse(&text, year), expected) {
            (Ok(due), Some(span)) => {
                prop_assert_eq!(due.span(), &span, "{}", text);
                prop_assert_eq!(due.label(), text.as_str());
            }
            (Err(e), None) => prop_assert!(e.message.contains("before"), "{}: {}", text, e.message),
            (got, want) => prop_assert!(false, "{}: parsed {:?}, expected {:?}", text, got.map(|d| d.span().clone()), want),
        }
    }

    #[test]
    fn a_done_milestone_is_never_overdue((text, year, _) in notation(), today in day(), steps in 0usize..10) {
        if let Ok(due) = Due::parse(&text, year) {
            let done = Progress { done: true, steps_total: steps, steps_done: steps, ..Progress::default() };
            prop_assert_eq!(Status::decide(Some(&due), &done, today), Status::Done);
            // And an undated or unplaced one is never overdue, done or not.
            if !matches!(due.span(), Span::Dated { .. }) {
                prop_assert_eq!(Status::decide(Some(&due), &Progress::default(), today), Status::Undated);
            }
        }
    }
}

/// A change to one of a few targets, at one of a few times.
fn event() -> impl Strategy<Value = Event> {
    (0u32..1000, 0usize..4, 0usize..4, 0i64..50, prop::option::of(0u32..1000)).prop_map(
        |(id, target, op, minute, prev)| Event {
            id: format!("e{id}"),
            at: "2026-11-20T10:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap()
                + chrono::Duration::minutes(minute),
            by: "anna".into(),
            op: [Op::Done, Op::Reopen, Op::Skip, Op::Note][op],
            target: roadmap_core::target::Target::step("r", "m", &target.to_string()),
            note: None,
            on: None,
            prev: prev.map(|p| format!("e{p}")),
            from: None,
            to: None,
            text: None,
            risk: None,
            cost: None,
        },
    )
}

fn marks(events: &[Event]) -> Vec<Mark> {
    let state = State::fold(events, &AsRecorded);
    (0..4)
        .map(|t| state.mark(&roadmap_core::target::Target::step("r", "m", &t.to_string())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// What makes git merges safe: the order of lines and duplicated lines do not matter.
    #[test]
    fn the_same_events_in_any_order_with_duplicates_give_the_same_state(
        events in prop::collection::vec(event(), 0..30),
        order in prop::collection::vec(any::<prop::sample::Index>(), 0..60),
    ) {
        // Ids are unique per change: keep the first event of each id, as a real log has.
        let mut seen = std::collections::HashSet::new();
        let events: Vec<Event> = events.into_iter().filter(|e| seen.insert(e.id.clone())).collect();
        let expected = marks(&events);
        let mut shuffled: Vec<Event> = events.clone();
        if !events.is_empty() {
            // Reorder, and add duplicates picked by `order`.
            shuffled.reverse();
            for index in &order {
                shuffled.push(events[index.index(events.len())].clone());
            }
            let pivot = order.first().map_or(0, |i| i.index(shuffled.len()));
            shuffled.rotate_left(pivot);
        }
        prop_assert_eq!(marks(&shuffled), expected);
        let contradictions = |events: &[Event]| {
            let state = State::fold(events, &AsRecorded);
            let mut found: Vec<(String, String)> = state.contradictions().iter().map(|c| (c.target.to_string(), c.kept.id.clone())).collect();
            found.sort();
            found
        };
        prop_assert_eq!(contradictions(&shuffled), contradictions(&events));
    }
}

/// A cell's text: letters, spaces, wide characters (CJK, emoji), combining
/// marks, a zero-width space, line breaks, and now and then a tab or an
/// escape character.
fn cell_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            10 => Just("a"),
            10 => Just("Öst"),
            6 => Just(" "),
            4 => Just("ab cd"),
            4 => Just("漢字"),
            3 => Just("🔴"),
            3 => Just("e\u{301}"),
            2 => Just("\u{200b}"),
            3 => Just("–"),
            4 => Just("\n"),
            1 => Just("\t"),
            1 => Just("\u{1b}[31m"),
        ],
        0..14,
    )
    .prop_map(|parts| parts.concat())
}

/// A table: a header of 1-6 columns and up to 12 rows, almost always of as
/// many cells; sometimes one row short or long.
fn table_text() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (1usize..7).prop_flat_map(|columns| {
        (
            proptest::collection::vec(cell_text(), columns),
            proptest::collection::vec(
                prop_oneof![
                    20 => proptest::collection::vec(cell_text(), columns),
                    1 => proptest::collection::vec(cell_text(), 0..8),
                ],
                0..12,
            ),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The views' tables have one behaviour: where the plain writer draws a
    /// table (no colour, it fits), it draws the very bytes comfy-table does,
    /// at every width from 20 to 400, at the widths around the table's own
    /// (where it just fits or just does not), and with a column aligned right.
    #[test]
    fn the_plain_table_writer_draws_what_comfy_table_draws(
        width in 20u16..=400,
        near in proptest::option::weighted(0.7, -3i32..=3),
        (header, rows) in table_text(),
        right in proptest::option::of(0usize..7),
    ) {
        use roadmap::render::{Format, Table, Terminal, table::drawn_both_ways};
        let table = |width: u16| {
            let mut table = Table::new(&Terminal { color: false, width }, Format::Table);
            table.set_header(header.clone());
            for row in &rows {
                table.add_row(row.clone());
            }
            if let Some(column) = right {
                table.align_right(column);
            }
            table
        };
        // The table's own width: its top border as comfy-table draws it
        // unconstrained.
        let own = drawn_both_ways(&table(1000)).1.lines().next().unwrap_or("").chars().count();
        let width = match near {
            Some(delta) => u16::try_from((i32::try_from(own).unwrap() + delta).clamp(20, 1000)).unwrap(),
            None => width,
        };
        let (plain, comfy) = drawn_both_ways(&table(width));
        if let Some(plain) = plain {
            prop_assert_eq!(plain, comfy);
        }
    }
}

/// The plain writer is the one that draws an ordinary table, and a table
/// that does not fit, or has colour, is left to comfy-table.
#[test]
fn the_plain_writer_draws_a_table_that_fits_and_only_that() {
    use roadmap::render::{Format, Table, Terminal, table::drawn_both_ways};
    let draw = |width: u16, color: bool| {
        let mut table = Table::new(&Terminal { color, width }, Format::Table);
        table.set_header(["Försenad", "Vad"]);
        table.add_row(["21 dagar", "Projektstart och planering\nhubs-sdk/start"]);
        table.add_row(["3 dagar", "漢字 🔴"]);
        table.align_right(0);
        drawn_both_ways(&table)
    };
    let (plain, comfy) = draw(80, false);
    assert_eq!(
        plain.as_deref(),
        Some(
            "┌──────────┬────────────────────────────┐\n\
             │ Försenad ┆ Vad                        │\n\
             ╞══════════╪════════════════════════════╡\n\
             │ 21 dagar ┆ Projektstart och planering │\n\
             │          ┆ hubs-sdk/start             │\n\
             │  3 dagar ┆ 漢字 🔴                    │\n\
             └──────────┴────────────────────────────┘"
        )
    );
    assert_eq!(plain.unwrap(), comfy);
    assert_eq!(draw(30, false).0, None, "does not fit in 30 columns");
    assert_eq!(draw(80, true).0, None, "colour");
}
