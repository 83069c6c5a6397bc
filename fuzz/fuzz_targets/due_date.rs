//! The due-date parser, `Due::parse` and `parse_day`.
//!
//! Input layout: the first byte picks the roadmap year passed to
//! `Due::parse`; the rest (lossily decoded as UTF-8) is the due text.
//!   byte % 8 == 0          -> None (a roadmap without `year`)
//!   byte % 8 == 1..=5      -> an extreme value (i32::MIN, i32::MAX, 0, -1, 10000)
//!   byte % 8 == 6          -> the next 4 bytes, little-endian, as any i32
//!   byte % 8 == 7          -> 1 + the next 2 bytes (LE) % 9999, a valid year
//! An empty input is skipped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_core::due::{Due, parse_day};

fn year_and_text(data: &[u8]) -> Option<(Option<i32>, &[u8])> {
    let (&selector, rest) = data.split_first()?;
    Some(match selector % 8 {
        0 => (None, rest),
        1 => (Some(i32::MIN), rest),
        2 => (Some(i32::MAX), rest),
        3 => (Some(0), rest),
        4 => (Some(-1), rest),
        5 => (Some(10_000), rest),
        6 => {
            if rest.len() < 4 {
                (None, rest)
            } else {
                let (bytes, rest) = rest.split_at(4);
                (Some(i32::from_le_bytes(bytes.try_into().unwrap())), rest)
            }
        }
        _ => {
            if rest.len() < 2 {
                (Some(2027), rest)
            } else {
                let (bytes, rest) = rest.split_at(2);
                let n = u16::from_le_bytes(bytes.try_into().unwrap()) as i32;
                (Some(1 + n % 9999), rest)
            }
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((year, text)) = year_and_text(data) else {
        return;
    };
    let text = String::from_utf8_lossy(text);
    let text = text.as_ref();

    match Due::parse(text, year) {
        Ok(due) => {
            if let (Some(start), Some(end)) = (due.start(), due.end()) {
                assert!(start <= end, "{text:?} (year {year:?}): start {start} after end {end}");
            }
            if due.end().is_some() {
                assert!(due.start().is_some(), "{text:?}: an end without a start");
            }
            if let (Some(start), Some(anchor)) = (due.start(), due.anchor()) {
                assert!(
                    start <= anchor,
                    "{text:?}: held to {anchor}, before its own start {start}"
                );
            }
            assert_eq!(due.to_string(), due.label(), "{text:?}: Display differs from label");
            let again = Due::parse(due.label(), year);
            assert_eq!(
                again.as_ref(),
                Ok(&due),
                "{text:?} (year {year:?}): label {:?} does not parse back to the same due date",
                due.label()
            );
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }

    match parse_day(text) {
        Ok(day) => {
            // A day is also a due date covering exactly that day.
            let due = Due::parse(text, year)
                .unwrap_or_else(|e| panic!("{text:?}: parse_day gives {day} but Due::parse fails: {e}"));
            assert_eq!(
                (due.start(), due.end()),
                (Some(day), Some(day)),
                "{text:?}: parse_day and Due::parse disagree"
            );
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
