//! The JSON shapes shared by several commands. They are documented in the
//! README and kept stable: fields may be added, never renamed or removed.

use serde::Serialize;

use roadmap_core::due::Due;
use roadmap_core::lang::Lang;
use roadmap_core::report::Report;

use crate::i18n::{Language, Why};

/// A due date: as written, and as the first and last day it covers.
/// `start` and `end` are null when the date is unknown or a week plan not yet
/// placed in a year; `end` alone is null for an open-ended range.
#[derive(Serialize)]
pub struct DueJson<'a> {
    pub label: &'a str,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl<'a> DueJson<'a> {
    pub fn new(due: &'a Due) -> Self {
        DueJson {
            label: due.label(),
            start: due.start().map(|d| d.to_string()),
            end: due.end().map(|d| d.to_string()),
        }
    }
}

/// The report as JSON: its facts, and the headline's reason in the words of
/// the English report (the JSON is the same in every language).
pub fn report(report: &Report) -> roadmap_core::Result<String> {
    let mut value = serde_json::to_value(report).map_err(|e| roadmap_core::Error::io("cannot write JSON", e.into()))?;
    let english = Language::new(Lang::En, Why::Default);
    value["headline"]["reason"] = super::report::verdict_sentence(&english, report).into();
    to_string(&value)
}

/// `value` as pretty-printed JSON with a final line end. The characters a
/// terminal would act on that `serde_json` writes as they are (DEL, C1
/// controls, bidirectional overrides; see `terminal::is_unsafe`) are written
/// as `\uXXXX` escapes: the same JSON to a parser, harmless on a screen.
pub fn to_string(value: &impl Serialize) -> roadmap_core::Result<String> {
    let mut raw =
        serde_json::to_string_pretty(value).map_err(|e| roadmap_core::Error::io("cannot write JSON", e.into()))?;
    if !super::terminal::has_unsafe(&raw) {
        raw.push('\n');
        return Ok(raw);
    }
    let mut text = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if super::terminal::is_unsafe(c) {
            // Every such character is in the Basic Multilingual Plane: one escape.
            text.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            text.push(c);
        }
    }
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn characters_a_terminal_acts_on_are_escaped_and_read_back_the_same() {
        let value = serde_json::json!({"note": "a\u{9b}2J\u{202e}b\u{7f}\u{1b}[31m"});
        let text = super::to_string(&value).unwrap();
        assert!(!text.chars().any(super::super::terminal::is_unsafe), "{text:?}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
