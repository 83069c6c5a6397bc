//! Changing a roadmap file in place: its comments, layout and everything not
//! changed stay exactly as the user wrote them (`toml_edit`, not re-serialising).

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

/// Sets a text of the `[roadmap]` table (`id`, `organisation`), keeping
/// the comment beside it; a key that is not there is added last.
pub fn set_head(text: &str, key: &str, to: &str) -> Result<String> {
    let mut doc = parse(text)?;
    let Some(head) = doc.get_mut("roadmap").and_then(Item::as_table_like_mut) else {
        return Err(refused("the file has no [roadmap] table"));
    };
    match head.get_mut(key) {
        Some(item) => set_string(item, to),
        None => {
            head.insert(key, toml_edit::value(to));
        }
    }
    Ok(doc.to_string())
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
pub fn week_label(monday: NaiveDate) -> String {
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

/// Gives every step without an `id` one made from the first words of its
/// text (`Genomföra uppstartsmöte (kickoff)…` gets `genomfora-uppstartsmote-kickoff`),
/// written first in the step, so that a step can be reworded or moved
/// without its progress losing track of it. Returns the new text and how
/// many steps got an id.
pub fn name_steps(text: &str) -> Result<(String, usize)> {
    let mut doc = parse(text)?;
    let mut named = 0;
    let Some(milestones) = doc.get_mut("milestone").and_then(Item::as_array_of_tables_mut) else {
        return Ok((doc.to_string(), 0));
    };
    for milestone in milestones.iter_mut() {
        let Some(steps) = milestone.get_mut("step").and_then(Item::as_array_of_tables_mut) else {
            continue;
        };
        let ids: Vec<String> = steps
            .iter()
            .filter_map(|s| s.get("id").and_then(Item::as_str).map(str::to_string))
            .collect();
        let mut taken = UniqueIds::taken(ids.iter().map(String::as_str));
        for step in steps.iter_mut() {
            if step.contains_key("id") {
                continue;
            }
            let Some(words) = step.get("text").and_then(Item::as_str) else {
                continue;
            };
            let id = taken.claim(slug(words));
            // Rebuilt with the id first, each other key with its own spacing and comments.
            let keys: Vec<String> = step.iter().map(|(k, _)| k.to_string()).collect();
            let entries: Vec<(toml_edit::Key, Item)> = keys.iter().filter_map(|k| step.remove_entry(k)).collect();
            let indent = entries
                .first()
                .and_then(|(k, _)| k.leaf_decor().prefix())
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            let mut key = toml_edit::Key::new("id");
            key.leaf_decor_mut().set_prefix(indent);
            step.insert_formatted(&key, toml_edit::value(id));
            for (key, item) in entries {
                step.insert_formatted(&key, item);
            }
            named += 1;
        }
    }
    Ok((doc.to_string(), named))
}

/// An id from the first words of a text: letters folded to a-z, at most
/// four words joined by `-`.
pub(crate) fn slug(text: &str) -> String {
    let id = words(text, 4);
    if id.is_empty() || id.bytes().all(|b| b.is_ascii_digit()) {
        format!("steg-{id}").trim_end_matches('-').to_string()
    } else {
        id
    }
}

/// A roadmap id from a file name like "Färdplan Min Profil 2022": its
/// words folded to a-z and joined by `-`, or `plan` when it has none.
pub fn id_from(text: &str) -> String {
    let id = words(text, 8);
    if id.is_empty() { "plan".to_string() } else { id }
}

fn words(text: &str, most: usize) -> String {
    let folded: String = text
        .chars()
        .flat_map(|c| match c.to_lowercase().next().unwrap_or(c) {
            'å' | 'ä' | 'à' | 'á' | 'â' => "a".chars().collect::<Vec<_>>(),
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => vec!['o'],
            'æ' => vec!['a', 'e'],
            'é' | 'è' | 'ê' | 'ë' => vec!['e'],
            'ü' | 'ú' => vec!['u'],
            c if c.is_ascii_alphanumeric() => vec![c],
            _ => vec![' '],
        })
        .collect();
    folded.split_whitespace().take(most).collect::<Vec<_>>().join("-")
}

/// Ids handed out unique: `id`, else `id-2`, `id-3` … In time linear in the
/// ids handed out, however many rows share a title (a hostile workbook can
/// repeat one row a million times).
#[derive(Debug, Default)]
pub(crate) struct UniqueIds {
    taken: foldhash::HashSet<String>,
    /// For each id asked for twice, the next number to try.
    next: foldhash::HashMap<String, usize>,
}

impl UniqueIds {
    /// Ids that are taken already.
    pub(crate) fn taken<'a>(ids: impl IntoIterator<Item = &'a str>) -> UniqueIds {
        UniqueIds {
            taken: ids.into_iter().map(str::to_string).collect(),
            next: foldhash::HashMap::default(),
        }
    }

    /// `id`, or `id-N` for the first N from 2 not taken; taken from now on.
    pub(crate) fn claim(&mut self, id: String) -> String {
        if !self.taken.contains(&id) {
            self.taken.insert(id.clone());
            return id;
        }
        let n = self.next.entry(id.clone()).or_insert(2);
        loop {
            let candidate = format!("{id}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
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
    fn steps_get_ids_from_their_words_and_keep_the_rest() {
        let plan = "[roadmap]\nid = \"p\"\ntitle = \"P\"\nlanguage = \"sv\"\n\n[[milestone]]\nid = \"a\"\ntitle = \"A\"\n\n  [[milestone.step]]\n  text = \"Genomföra uppstartsmöte (kickoff) med beställare\" # viktig\n  owner = \"Gemensam\"\n\n  [[milestone.step]]\n  id = \"egen\"\n  text = \"Egen\"\n\n  [[milestone.step]]\n  text = \"Genomföra uppstartsmöte (kickoff) igen\"\n";
        let (text, named) = name_steps(plan).unwrap();
        assert_eq!(named, 2);
        assert!(
            text.contains("  [[milestone.step]]\n  id = \"genomfora-uppstartsmote-kickoff-med\"\n  text = \"Genomföra uppstartsmöte (kickoff) med beställare\" # viktig\n  owner = \"Gemensam\"\n"),
            "{text}"
        );
        assert!(text.contains("  id = \"egen\"\n  text = \"Egen\""), "{text}");
        assert!(text.contains("id = \"genomfora-uppstartsmote-kickoff-igen\""), "{text}");
        let mut ids = UniqueIds::taken(["a", "a-2"]);
        assert_eq!(ids.claim("a".into()), "a-3");
        assert_eq!(ids.claim("a".into()), "a-4");
        assert_eq!(ids.claim("b".into()), "b");
        assert_eq!(ids.claim("a-3".into()), "a-3-2");
        assert_eq!(slug("2. Steg"), "2-steg");
        assert_eq!(slug("12"), "steg-12");
    }

    #[test]
    fn setting_the_year() {
        assert!(set_year(PLAN, 2027).unwrap().contains("year = 2027\n"));
    }
}
