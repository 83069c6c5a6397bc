//! Honouring a request to be forgotten (`roadmap forget`): a person's name
//! replaced by an alias in every change they recorded (`by`), and, when
//! asked, in the notes. The only operation that changes recorded lines;
//! every line it does not change stays byte for byte as it was, and the
//! lines it changes keep their fields in their order (ids, times and
//! everything else as they were), so the state folds to the same progress.

use serde_json::Value;

use crate::error::{Error, Result};

/// What was replaced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// Changes whose `by` was the name.
    pub by: usize,
    /// Notes the name was in.
    pub notes: usize,
}

/// `bytes` (a state file) with `name` replaced by `alias` in every `by`
/// that is the name (any case, spaces around ignored), and with `notes`,
/// wherever the name stands in a note (as written, any case). `None` when
/// the name is nowhere.
pub fn forget(bytes: &[u8], name: &str, alias: &str, notes: bool) -> Result<Option<(Vec<u8>, Forgotten)>> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::usage(
            "an empty name cannot be forgotten",
            "give the name as the changes record it",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::refused(
            "the state file is not valid UTF-8",
            "run `roadmap validate` to find the line",
        )
    })?;
    let mut forgotten = Forgotten::default();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(body) else {
            out.push_str(line);
            continue;
        };
        let mut changed = false;
        if let Some(Value::String(by)) = object.get_mut("by")
            && by.trim().to_lowercase() == name.to_lowercase()
        {
            *by = alias.to_string();
            forgotten.by += 1;
            changed = true;
        }
        if notes
            && let Some(Value::String(note)) = object.get_mut("note")
            && let Some(replaced) = replace_any_case(note, name, alias)
        {
            *note = replaced;
            forgotten.notes += 1;
            changed = true;
        }
        if changed {
            out.push_str(
                &serde_json::to_string(&Value::Object(object))
                    .map_err(|e| Error::io("cannot write a change", e.into()))?,
            );
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    Ok((forgotten != Forgotten::default()).then(|| (out.into_bytes(), forgotten)))
}

/// `text` with every occurrence of `name` (any case) replaced by `alias`;
/// `None` when there is none.
fn replace_any_case(text: &str, name: &str, alias: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let wanted = name.to_lowercase();
    // Lower-casing can change lengths outside ASCII; then only exact matches.
    if lower.len() != text.len() || wanted.len() != name.len() {
        return text.contains(name).then(|| text.replace(name, alias));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut found = false;
    for (at, _) in lower.match_indices(&wanted) {
        out.push_str(&text[rest..at]);
        out.push_str(alias);
        rest = at + wanted.len();
        found = true;
    }
    out.push_str(&text[rest..]);
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "{\"roadmap_state\":2}\n\
{\"id\":\"a\",\"at\":\"2026-11-20T10:00:00Z\",\"by\":\"Anna Berg\",\"op\":\"done\",\"target\":\"r/m\",\"note\":\"Anna Berg ringde kunden\",\"mood\":\"glad\"}\n\
{\"id\":\"b\",\"at\":\"2026-11-20T11:00:00Z\",\"by\":\"bo\",\"op\":\"note\",\"target\":\"r/m\",\"note\":\"Enligt anna berg\"}\n";

    #[test]
    fn replaces_the_name_and_keeps_every_other_byte() {
        let (out, count) = forget(LOG.as_bytes(), " anna berg ", "projektledare", false)
            .unwrap()
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(count, Forgotten { by: 1, notes: 0 });
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "{\"roadmap_state\":2}");
        // Fields in their order, the unknown one kept; the note untouched without --notes.
        assert_eq!(
            lines[1],
            "{\"id\":\"a\",\"at\":\"2026-11-20T10:00:00Z\",\"by\":\"projektledare\",\"op\":\"done\",\"target\":\"r/m\",\"note\":\"Anna Berg ringde kunden\",\"mood\":\"glad\"}"
        );
        assert_eq!(lines[2], LOG.lines().nth(2).unwrap());
    }

    #[test]
    fn with_notes_the_name_goes_from_them_in_any_case() {
        let (out, count) = forget(LOG.as_bytes(), "Anna Berg", "PL", true).unwrap().unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(count, Forgotten { by: 1, notes: 2 });
        assert!(!out.to_lowercase().contains("anna berg"), "{out}");
        assert!(
            out.contains("\"note\":\"PL ringde kunden\"") && out.contains("\"note\":\"Enligt PL\""),
            "{out}"
        );
    }

    #[test]
    fn a_name_that_is_nowhere_changes_nothing() {
        assert_eq!(forget(LOG.as_bytes(), "Cecilia", "x", true).unwrap(), None);
    }
}
