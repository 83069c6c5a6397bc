//! The JSON shapes shared by several commands. They are documented in the
//! README and kept stable: fields may be added, never renamed or removed.

use serde::Serialize;

use roadmap_core::due::Due;

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

/// `value` as pretty-printed JSON with a final line end.
pub fn to_string(value: &impl Serialize) -> roadmap_core::Result<String> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| roadmap_core::Error::io("cannot write JSON", e.into()))?;
    text.push('\n');
    Ok(text)
}
