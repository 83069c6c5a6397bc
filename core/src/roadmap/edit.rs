//! Changing a roadmap file in place: its comments, layout and everything not
//! changed stay exactly as the user wrote them (toml_edit, not re-serialising).

use chrono::{Datelike, Duration, NaiveDate};
use toml_edit::{DocumentMut, Item, Value};

use crate::due::{Due, Span};
use crate::error::{Error, Result};

fn refused(message: impl Into<String>) -> Error {
    Error::Refused {
        message: message.into(),
        hint: None,
    }
}

/// One due date changed by an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub milestone: String,
    pub from: Option<String>,
    pub to: String,
}

fn parse(text: &str) -> Result<DocumentMut> {
    text.parse::<DocumentMut>()
        .map_err(|e| refused(format!("the roadmap file is not valid TOML: {}", e.message())))
}

/// Replaces a value, keeping the comment and spacing around it.
fn set_string(item: &mut Item, text: &str) {
    let mut value = Value::from(text);
    if let Some(old) = item.as_value() {
        *value.decor_mut() = old.decor().clone();
    }
    *item = Item::Value(value);
}

/// Sets `[roadmap] year`.
pub fn set_year(text: &str, year: i32) -> Result<String> {
    let mut doc = parse(text)?;
    let Some(head) = doc.get_mut("roadmap").and_then(Item::as_table_like_mut) else {
        return Err(refused("the file has no [roadmap] table"));
    };
    match head.get_mut("year") {
        Some(item) => {
            let mut value = Value::from(i64::from(year));
            if let Some(old) = item.as_value() {
                *value.decor_mut() = old.decor().clone();
            }
            *item = Item::Value(value);
        }
        None => {
            head.insert("year", toml_edit::value(i64::from(year)));
        }
    }
    Ok(doc.to_string())
}

/// The ISO week label of the week that starts on `monday`.
fn week_label(monday: NaiveDate) -> String {
    let week = monday.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// Places a week plan ("V13-14" … "V23-28", no year) in time: its first week
/// becomes the week that starts on `start_monday` and every later week keeps
/// its distance. Returns the new text and what moved.
pub fn place_weeks(text: &str, start_monday: NaiveDate) -> Result<(String, Vec<Moved>)> {
    let mut doc = parse(text)?;
    let milestones = doc.get_mut("milestone").and_then(Item::as_array_of_tables_mut);
    let Some(milestones) = milestones else {
        return Err(refused("the roadmap has no [[milestone]] sections to place"));
    };
    let mut plans = Vec::new();
    for table in milestones.iter() {
        let Some(label) = table.get("due").and_then(Item::as_str) else {
            continue;
        };
        if let Ok(due) = Due::parse(label, None)
            && let Span::UnplacedWeeks { first, last } = due.span()
        {
            plans.push((*first, *last));
        }
    }
    let Some(first_week) = plans.iter().map(|(first, _)| *first).min() else {
        return Err(refused("there are no bare week numbers (like V15 or V13-14) to place"));
    };
    let mut moved = Vec::new();
    for table in milestones.iter_mut() {
        let id = table.get("id").and_then(Item::as_str).unwrap_or_default().to_string();
        let Some(item) = table.get_mut("due") else { continue };
        let Some(label) = item.as_str().map(str::to_string) else {
            continue;
        };
        let Ok(due) = Due::parse(&label, None) else { continue };
        let Span::UnplacedWeeks { first, last } = *due.span() else {
            continue;
        };
        let from = start_monday + Duration::weeks(i64::from(first - first_week));
        let to = start_monday + Duration::weeks(i64::from(last - first_week));
        let new = if first == last {
            week_label(from)
        } else {
            format!("{}..{}", week_label(from), week_label(to))
        };
        set_string(item, &new);
        moved.push(Moved {
            milestone: id,
            from: Some(label),
            to: new,
        });
    }
    Ok((doc.to_string(), moved))
}

/// Sets the due date of one milestone, adding the key if it has none.
pub fn set_due(text: &str, milestone: &str, due: &str) -> Result<(String, Option<String>)> {
    let mut doc = parse(text)?;
    let tables = doc.get_mut("milestone").and_then(Item::as_array_of_tables_mut);
    let Some(table) = tables.and_then(|t| {
        t.iter_mut()
            .find(|t| t.get("id").and_then(Item::as_str) == Some(milestone))
    }) else {
        return Err(refused(format!(
            "milestone `{milestone}` is not a [[milestone]] section of the file"
        )));
    };
    let old = table.get("due").and_then(Item::as_str).map(str::to_string);
    match table.get_mut("due") {
        Some(item) => set_string(item, due),
        None => {
            table.insert("due", toml_edit::value(due));
        }
    }
    Ok((doc.to_string(), old))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "# Min plan\n[roadmap]\nid = \"p\" # kort\ntitle = \"P\"\nlanguage = \"sv\"\n\n[[milestone]]\nid = \"a\"\ntitle = \"A\"\ndue = \"V13-14\" # två veckor\n\n[[milestone]]\nid = \"b\"\ntitle = \"B\"\ndue = \"V23-28\"\n\n[[milestone]]\nid = \"c\"\ntitle = \"C\"\n";

    #[test]
    fn placing_weeks_keeps_distances_and_comments() {
        let monday = NaiveDate::from_ymd_opt(2027, 5, 17).unwrap(); // ISO 2027-W20
        let (text, moved) = place_weeks(PLAN, monday).unwrap();
        assert!(text.contains("due = \"2027-W20..2027-W21\" # två veckor\n"), "{text}");
        assert!(text.contains("due = \"2027-W30..2027-W35\"\n"), "{text}");
        assert!(text.starts_with("# Min plan\n[roadmap]\nid = \"p\" # kort\n"), "{text}");
        assert_eq!(moved.len(), 2);
    }

    #[test]
    fn weeks_placed_across_a_new_year() {
        // 2026-12-28 is the Monday of 2026-W53; ten weeks on is 2027-W10.
        let (text, _) = place_weeks(PLAN, NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()).unwrap();
        assert!(text.contains("due = \"2026-W53..2027-W01\""), "{text}");
        assert!(text.contains("due = \"2027-W10..2027-W15\""), "{text}");
    }

    #[test]
    fn setting_a_due_date_keeps_the_rest() {
        let (text, old) = set_due(PLAN, "a", "2027-W22").unwrap();
        assert_eq!(old.as_deref(), Some("V13-14"));
        assert!(text.contains("due = \"2027-W22\" # två veckor\n"), "{text}");
        let (text, old) = set_due(PLAN, "c", "2027-05").unwrap();
        assert_eq!(old, None);
        assert!(text.contains("due = \"2027-05\""), "{text}");
        assert!(set_due(PLAN, "x", "2027").is_err());
    }

    #[test]
    fn setting_the_year() {
        assert!(set_year(PLAN, 2027).unwrap().contains("year = 2027\n"));
    }
}
