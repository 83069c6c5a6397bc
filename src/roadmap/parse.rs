//! Turns the text of a roadmap file into a `Roadmap`, or into every problem
//! in it at once, each located by line and column. The file is read with
//! toml_edit rather than serde so that every key and value keeps its place in
//! the file, and so that one bad field does not hide the next.

use std::collections::HashMap;
use std::ops::Range;

use toml_edit::{Item, TableLike, Value};

use super::{Cost, Kind, Milestone, Origin, Phase, Roadmap, Step, Text};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::due::Due;

const TOP_KEYS: &[&str] = &["roadmap", "parties", "phase", "milestone"];
const ROADMAP_KEYS: &[&str] = &["id", "title", "organisation", "language", "source", "year", "note"];
const PHASE_KEYS: &[&str] = &["id", "title", "note"];
const MILESTONE_KEYS: &[&str] = &[
    "id",
    "phase",
    "title",
    "due",
    "owner",
    "criteria",
    "description",
    "cost_tkr",
    "depends_on",
    "kind",
    "note",
    "step",
];
const STEP_KEYS: &[&str] = &["text", "owner", "note"];

/// Parses a roadmap file. `path` is how the file is named in messages.
pub fn parse(path: &str, bytes: &[u8], origin: Origin) -> Result<Roadmap, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(vec![invalid_utf8(path, bytes, e.valid_up_to())]),
    };
    // Editors on Windows may save a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::in_file(path, 1, 1, "the roadmap file is empty")
                .with_hint("a roadmap needs at least a [roadmap] table with id, title and language"),
        ]);
    }
    let document = match toml_edit::Document::parse(text) {
        Ok(document) => document,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim_end().replace('\n', "; ");
            return Err(vec![Diagnostic::at(
                path,
                text,
                span,
                format!("invalid TOML: {message}"),
            )]);
        }
    };
    let mut reader = Reader {
        path,
        text,
        diagnostics: Vec::new(),
    };
    let roadmap = reader.roadmap(document.as_table(), origin);
    match roadmap {
        Some(roadmap) if reader.diagnostics.is_empty() => Ok(roadmap),
        _ => {
            let mut diagnostics = reader.diagnostics;
            diagnostics.sort_by_key(|d| (d.line, d.column));
            Err(diagnostics)
        }
    }
}

fn invalid_utf8(path: &str, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    // The valid prefix is the same bytes in the lossy copy, so the offset
    // points at the replacement character shown in the line.
    let lossy = String::from_utf8_lossy(bytes);
    Diagnostic::at(
        path,
        &lossy,
        valid_up_to..valid_up_to + '\u{fffd}'.len_utf8(),
        "the file is not valid UTF-8",
    )
    .with_hint("save the file as UTF-8 (roadmap files are TOML, which is always UTF-8)")
}

struct Reader<'a> {
    path: &'a str,
    text: &'a str,
    diagnostics: Vec<Diagnostic>,
}

/// A table in the file, with the place to point at when something is missing from it.
struct Table<'t> {
    table: &'t dyn TableLike,
    span: Option<Range<usize>>,
    /// How to name this table in a message: "[roadmap]", "milestone `3`".
    name: String,
}

impl<'a> Reader<'a> {
    fn error(&mut self, span: Option<Range<usize>>, message: impl Into<String>, hint: Option<String>) {
        let diagnostic = match span {
            Some(span) => Diagnostic::at(self.path, self.text, span, message),
            None => Diagnostic::in_file(self.path, 1, 1, message),
        };
        self.diagnostics.push(diagnostic.with_hint_opt(hint));
    }

    fn roadmap(&mut self, top: &toml_edit::Table, origin: Origin) -> Option<Roadmap> {
        let top = Table {
            table: top,
            span: Some(0..0),
            name: "the file".into(),
        };
        self.unknown_keys(&top, TOP_KEYS);
        let Some(head) = self.sub_table(&top, "roadmap") else {
            if top.table.contains_key("roadmap") {
                // Reported as the wrong type already.
                return None;
            }
            self.error(
                Some(0..0),
                "the file has no [roadmap] table",
                Some("start the file with [roadmap] and its id, title and language".into()),
            );
            return None;
        };
        self.unknown_keys(&head, ROADMAP_KEYS);
        // Every field is read before any missing one stops the build, so all problems are reported.
        let id = self.id(&head);
        let title = self.required_string(&head, "title");
        let language = self.required_string(&head, "language");
        let organisation = self.string(&head, "organisation");
        let source = self.string(&head, "source");
        let note = self.string(&head, "note");
        let year = self.year(&head);
        let parties = self.parties(&top);
        let phases = self.phases(&top);
        let milestones = self.milestones(&top, &phases, year);
        Some(Roadmap {
            id: id?,
            title: title?,
            organisation,
            language: language?,
            source,
            year,
            note,
            parties,
            phases,
            milestones,
            origin,
        })
    }

    fn unknown_keys(&mut self, table: &Table<'_>, allowed: &[&str]) {
        for (key, _) in table.table.iter() {
            if !allowed.contains(&key) {
                let span = table.table.key(key).and_then(toml_edit::Key::span);
                let hint = did_you_mean(key, allowed.iter().copied())
                    .or_else(|| {
                        synonym(key)
                            .filter(|k| allowed.contains(k))
                            .map(|k| format!("did you mean `{k}`?"))
                    })
                    .unwrap_or_else(|| format!("the keys allowed here are {}", list(allowed)));
                self.error(span, format!("unknown key `{key}` in {}", table.name), Some(hint));
            }
        }
    }

    fn key_span(table: &Table<'_>, key: &str) -> Option<Range<usize>> {
        table.table.key(key).and_then(toml_edit::Key::span)
    }

    fn sub_table<'t>(&mut self, parent: &Table<'t>, key: &str) -> Option<Table<'t>> {
        let item = parent.table.get(key)?;
        match item.as_table_like() {
            Some(table) => Some(Table {
                table,
                span: item.span().or_else(|| Self::key_span(parent, key)),
                name: format!("[{key}]"),
            }),
            None => {
                self.wrong_type(item, key, "a table");
                None
            }
        }
    }

    fn wrong_type(&mut self, item: &Item, key: &str, expected: &str) {
        let written = item
            .as_value()
            .map(|v| v.to_string().trim().to_string())
            .unwrap_or_default();
        let scalar = item.as_value().is_some_and(|v| !v.is_array() && !v.is_inline_table());
        let hint = match (expected.starts_with("a string"), item.as_str()) {
            _ if key == "kind" => Some("use \"milestone\" or \"gate\" (a decision point)".to_string()),
            (true, _) if scalar => Some(format!("put it in quotes: {key} = \"{}\"", written.trim_matches('"'))),
            (true, _) => Some(format!("write one piece of text: {key} = \"...\"")),
            (false, Some(text)) if text.trim().parse::<f64>().is_ok() => {
                Some(format!("write it without quotes: {key} = {}", text.trim()))
            }
            _ if key == "year" => Some("write a whole number: year = 2027".to_string()),
            _ if key == "depends_on" => match item.as_str() {
                Some(text) => Some(format!("write a list: depends_on = [\"{text}\"]")),
                None => Some(format!(
                    "write a list of milestone ids in quotes: depends_on = [\"{}\"]",
                    written.trim_matches(['[', ']', ' '])
                )),
            },
            _ if key == "cost_tkr" => {
                Some("write the cost in thousands of SEK as a number: cost_tkr = 1100".to_string())
            }
            _ if expected.starts_with("a table") => Some(format!("write it as a section: [{key}]")),
            _ => None,
        };
        self.error(
            item.span(),
            format!("`{key}` must be {expected}, not {}", article(item.type_name())),
            hint,
        );
    }

    /// A list of tables: `[[key]]` sections, or an inline array of `{ ... }`.
    fn table_list<'t>(&mut self, parent: &Table<'t>, key: &str, name: &str, header: &str) -> Vec<Table<'t>> {
        let Some(item) = parent.table.get(key) else {
            return Vec::new();
        };
        let mut tables = Vec::new();
        if let Some(array) = item.as_array_of_tables() {
            for (i, table) in array.iter().enumerate() {
                let span = table.span().or_else(|| Self::key_span(parent, key));
                tables.push(Table {
                    table,
                    span,
                    name: format!("{name} #{}", i + 1),
                });
            }
        } else if let Some(array) = item.as_array() {
            for (i, value) in array.iter().enumerate() {
                match value.as_inline_table() {
                    Some(table) => tables.push(Table {
                        table,
                        span: value.span(),
                        name: format!("{name} #{}", i + 1),
                    }),
                    None => self.error(
                        value.span(),
                        format!("each `{key}` must be a table, not {}", article(value.type_name())),
                        Some(format!("write each one as a [[{header}]] section")),
                    ),
                }
            }
        } else {
            self.wrong_type(item, key, &format!("a list of tables ([[{header}]] sections)"));
            if item.is_table() {
                let fix = format!("use double brackets, [[{header}]], for each one");
                if let Some(last) = self.diagnostics.last_mut() {
                    last.hint = Some(fix);
                }
            }
        }
        tables
    }

    fn string(&mut self, table: &Table<'_>, key: &str) -> Option<Text> {
        let item = table.table.get(key)?;
        match item.as_str() {
            // A file saved with CRLF line ends keeps them inside multi-line
            // strings; the text means the same as with LF, so it reads the same.
            Some(s) if s.contains('\r') => Some(s.replace("\r\n", "\n").into()),
            Some(s) => Some(s.into()),
            None => {
                self.wrong_type(item, key, "a string");
                None
            }
        }
    }

    fn required_string(&mut self, table: &Table<'_>, key: &str) -> Option<Text> {
        if table.table.get(key).is_none() {
            let misspelt = table
                .table
                .iter()
                .any(|(k, _)| k != key && (did_you_mean(k, [key]).is_some() || synonym(k) == Some(key)));
            if misspelt {
                // The unknown-key error already points at it and suggests `key`.
                return None;
            }
            self.error(
                table.span.clone(),
                format!("{} has no `{key}`", table.name),
                Some(format!("add `{key} = \"...\"`")),
            );
            return None;
        }
        let value = self.string(table, key)?;
        if value.trim().is_empty() {
            let span = table.table.get(key).and_then(Item::span);
            self.error(
                span,
                format!("`{key}` of {} is empty", table.name),
                Some(format!("give `{key}` a value")),
            );
            return None;
        }
        Some(value)
    }

    fn id(&mut self, table: &Table<'_>) -> Option<Text> {
        let id = self.required_string(table, "id")?;
        if is_valid_id(&id) {
            Some(id)
        } else {
            let span = table.table.get("id").and_then(Item::span);
            self.error(
                span,
                format!("`{id}` is not a valid id"),
                Some(
                    "an id is letters a-z, digits, `-`, `_` or `.`, starting with a letter or digit (no spaces or `/`)"
                        .into(),
                ),
            );
            None
        }
    }

    fn year(&mut self, table: &Table<'_>) -> Option<i32> {
        let item = table.table.get("year")?;
        let Some(year) = item.as_integer() else {
            self.wrong_type(item, "year", "a whole number like 2027");
            return None;
        };
        match i32::try_from(year) {
            Ok(year) if (1..=9999).contains(&year) => Some(year),
            _ => {
                self.error(
                    item.span(),
                    format!("year {year} is out of range"),
                    Some("use a year from 1 to 9999".into()),
                );
                None
            }
        }
    }

    fn parties(&mut self, top: &Table<'_>) -> Vec<(Text, Text)> {
        let Some(parties) = self.sub_table(top, "parties") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (code, item) in parties.table.iter() {
            match item.as_str() {
                Some(name) => out.push((code.into(), name.into())),
                None => self.wrong_type(item, code, "a string (the party's full name)"),
            }
        }
        out
    }

    fn phases(&mut self, top: &Table<'_>) -> Vec<Phase> {
        let mut phases: Vec<Phase> = Vec::new();
        for table in self.table_list(top, "phase", "phase", "phase") {
            self.unknown_keys(&table, PHASE_KEYS);
            let (id, title, note) = (
                self.id(&table),
                self.required_string(&table, "title"),
                self.string(&table, "note"),
            );
            let (Some(id), Some(title)) = (id, title) else { continue };
            if phases.iter().any(|p| p.id == id) {
                let span = table.table.get("id").and_then(Item::span);
                self.error(
                    span,
                    format!("duplicate phase id `{id}`"),
                    Some("give each phase its own id".into()),
                );
                continue;
            }
            phases.push(Phase { id, title, note });
        }
        phases
    }

    fn milestones(&mut self, top: &Table<'_>, phases: &[Phase], year: Option<i32>) -> Vec<Milestone> {
        let tables = self.table_list(top, "milestone", "milestone", "milestone");
        let mut milestones = Vec::new();
        // Where each milestone's depends_on entries are, to point at them once all ids are known.
        let mut dependency_spans: Vec<Vec<Option<Range<usize>>>> = Vec::new();
        let mut seen: HashMap<Text, usize> = HashMap::new();
        for mut table in tables {
            let id = self.id(&table);
            if let Some(id) = &id {
                table.name = format!("milestone `{id}`");
                if seen.insert(id.clone(), milestones.len()).is_some() {
                    let span = table.table.get("id").and_then(Item::span);
                    self.error(
                        span,
                        format!("duplicate milestone id `{id}`"),
                        Some("give each milestone its own id".into()),
                    );
                }
            }
            self.unknown_keys(&table, MILESTONE_KEYS);
            let title = self.required_string(&table, "title");
            let phase = self.phase_ref(&table, phases);
            let due = self.due(&table, year);
            let cost_tkr = self.cost(&table);
            let kind = self.kind(&table);
            let (depends_on, spans) = self.string_list(&table, "depends_on");
            let steps = self.steps(&table);
            let milestone = Milestone {
                id: id.unwrap_or_default(),
                phase,
                title: title.unwrap_or_default(),
                due,
                owner: self.string(&table, "owner"),
                criteria: self.string(&table, "criteria"),
                description: self.string(&table, "description"),
                cost_tkr,
                depends_on,
                kind,
                note: self.string(&table, "note"),
                steps,
            };
            milestones.push(milestone);
            dependency_spans.push(spans);
        }
        self.check_dependencies(&milestones, &dependency_spans);
        milestones
    }

    fn phase_ref(&mut self, table: &Table<'_>, phases: &[Phase]) -> Option<Text> {
        let phase = self.string(table, "phase")?;
        if !phases.iter().any(|p| p.id == phase) {
            let span = table.table.get("phase").and_then(Item::span);
            let hint = did_you_mean(&phase, phases.iter().map(|p| p.id.as_str())).or_else(|| {
                Some(if phases.is_empty() {
                    format!("declare it with [[phase]] id = \"{phase}\" and a title")
                } else {
                    format!(
                        "the phases are {}",
                        list(&phases.iter().map(|p| p.id.as_str()).collect::<Vec<_>>())
                    )
                })
            });
            self.error(span, format!("unknown phase `{phase}` in {}", table.name), hint);
        }
        Some(phase)
    }

    fn due(&mut self, table: &Table<'_>, year: Option<i32>) -> Option<Due> {
        let text = self.string(table, "due")?;
        match Due::parse(&text, year) {
            Ok(due) => Some(due),
            Err(e) => {
                let span = table.table.get("due").and_then(Item::span);
                self.error(span, format!("invalid due date in {}: {e}", table.name), e.hint.clone());
                None
            }
        }
    }

    fn cost(&mut self, table: &Table<'_>) -> Option<Cost> {
        let item = table.table.get("cost_tkr")?;
        let cost = match item.as_value() {
            Some(Value::Integer(n)) => Cost::Whole(*n.value()),
            Some(Value::Float(x)) if x.value().is_finite() => Cost::Fraction(*x.value()),
            Some(Value::Float(_)) => {
                self.error(
                    item.span(),
                    format!("`cost_tkr` of {} must be a finite number", table.name),
                    Some("write the cost in thousands of SEK, like 1100".into()),
                );
                return None;
            }
            _ => {
                self.wrong_type(item, "cost_tkr", "a number (thousands of SEK)");
                return None;
            }
        };
        if cost.value() < 0.0 {
            self.error(
                item.span(),
                format!("`cost_tkr` of {} is negative", table.name),
                Some("a cost is zero or more".into()),
            );
            return None;
        }
        Some(cost)
    }

    fn kind(&mut self, table: &Table<'_>) -> Kind {
        match self.string(table, "kind").as_deref() {
            None | Some("milestone") => Kind::Milestone,
            Some("gate") => Kind::Gate,
            Some(other) => {
                let span = table.table.get("kind").and_then(Item::span);
                let hint = did_you_mean(other, ["milestone", "gate"])
                    .unwrap_or_else(|| "use \"milestone\" or \"gate\" (a decision point)".into());
                self.error(span, format!("unknown kind `{other}`"), Some(hint));
                Kind::Milestone
            }
        }
    }

    fn string_list(&mut self, table: &Table<'_>, key: &str) -> (Vec<Text>, Vec<Option<Range<usize>>>) {
        let Some(item) = table.table.get(key) else {
            return (Vec::new(), Vec::new());
        };
        let Some(array) = item.as_array() else {
            self.wrong_type(item, key, "a list of milestone ids, like [\"a\", \"b\"]");
            return (Vec::new(), Vec::new());
        };
        let (mut values, mut spans) = (Vec::new(), Vec::new());
        for value in array {
            match value.as_str() {
                Some(s) => {
                    values.push(s.into());
                    spans.push(value.span());
                }
                None => self.error(
                    value.span(),
                    format!(
                        "each entry of `{key}` must be a string, not {}",
                        article(value.type_name())
                    ),
                    None,
                ),
            }
        }
        (values, spans)
    }

    fn steps(&mut self, milestone: &Table<'_>) -> Vec<Step> {
        let mut steps = Vec::new();
        for mut table in self.table_list(milestone, "step", "step", "milestone.step") {
            table.name = format!("{} in {}", table.name, milestone.name);
            self.unknown_keys(&table, STEP_KEYS);
            let text = self.required_string(&table, "text");
            let owner = self.string(&table, "owner");
            let note = self.string(&table, "note");
            steps.push(Step {
                text: text.unwrap_or_default(),
                owner,
                note,
            });
        }
        steps
    }

    fn check_dependencies(&mut self, milestones: &[Milestone], spans: &[Vec<Option<Range<usize>>>]) {
        let ids: Vec<&str> = milestones.iter().map(|m| m.id.as_str()).collect();
        let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for (m, spans) in milestones.iter().zip(spans) {
            for (dep, span) in m.depends_on.iter().zip(spans) {
                if dep == &m.id {
                    self.error(
                        span.clone(),
                        format!("milestone `{dep}` depends on itself"),
                        Some("remove it from its own depends_on".into()),
                    );
                } else if !index.contains_key(dep.as_str()) {
                    let hint = did_you_mean(dep, ids.iter().copied())
                        .unwrap_or_else(|| "depends_on names milestone ids in the same roadmap".into());
                    self.error(
                        span.clone(),
                        format!("unknown milestone `{dep}` in depends_on of `{}`", m.id),
                        Some(hint),
                    );
                }
            }
        }
        if let Some(cycle) = find_cycle(milestones, &index) {
            let first = cycle[0];
            let next = cycle.get(1).copied().unwrap_or(first);
            let span = milestones[first]
                .depends_on
                .iter()
                .position(|d| d == &milestones[next].id)
                .and_then(|i| spans[first].get(i).cloned().flatten());
            let path: Vec<&str> = cycle
                .iter()
                .chain(std::iter::once(&first))
                .map(|&i| milestones[i].id.as_str())
                .collect();
            self.error(
                span,
                format!("depends_on goes round in a circle: {}", path.join(" -> ")),
                Some("a milestone cannot wait for itself; remove one of these dependencies".into()),
            );
        }
    }
}

/// The first cycle of two or more milestones in the depends_on graph, as indices in order.
/// Self-dependencies are reported on their own and skipped here.
fn find_cycle(milestones: &[Milestone], index: &HashMap<&str, usize>) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; milestones.len()];
    for root in 0..milestones.len() {
        if marks[root] != Mark::New {
            continue;
        }
        // Iterative depth-first search, so a long chain cannot overflow the stack.
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        marks[root] = Mark::OnPath;
        while let Some(&mut (node, ref mut next_edge)) = path.last_mut() {
            let deps = &milestones[node].depends_on;
            if let Some(dep) = deps.get(*next_edge) {
                *next_edge += 1;
                let Some(&target) = index.get(dep.as_str()) else {
                    continue;
                };
                if target == node {
                    continue;
                }
                match marks[target] {
                    Mark::New => {
                        marks[target] = Mark::OnPath;
                        path.push((target, 0));
                    }
                    Mark::OnPath => {
                        let start = path.iter().position(|&(n, _)| n == target).unwrap_or(0);
                        return Some(path[start..].iter().map(|&(n, _)| n).collect());
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                path.pop();
            }
        }
    }
    None
}

/// The key a Swedish or Norwegian plan's column heading corresponds to.
fn synonym(key: &str) -> Option<&'static str> {
    match key.to_lowercase().as_str() {
        "ägare" | "ansvarig" | "eier" | "ansvarlig" => Some("owner"),
        "klarkriterier" | "kriterier" => Some("criteria"),
        "beskrivning" | "beskrivelse" => Some("description"),
        "kostnad" | "kostnad_tkr" | "kostnad tkr" | "cost" => Some("cost_tkr"),
        "datum" | "klar" | "frist" | "dato" | "date" => Some("due"),
        "steg" | "steps" => Some("step"),
        "fas" | "phase_id" => Some("phase"),
        "titel" | "tittel" | "milstolpe" => Some("title"),
        "anteckning" | "notat" | "notes" => Some("note"),
        _ => None,
    }
}

pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn article(type_name: &str) -> String {
    let a = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{a} {type_name}")
}

fn list(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}
