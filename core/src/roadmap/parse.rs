//! Turns the text of a roadmap file into a `Roadmap`, or into every problem
//! in it at once, each located by line and column. The file is read into a
//! tree that keeps the place of every key and value (toml-spanner) rather than
//! straight into structs with serde, so that every problem points at its place
//! in the file and one bad field does not hide the next.

use foldhash::{HashMap, HashSet};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use toml_spanner::{ArrayStyle, Item, Table as TomlTable, TableStyle, Value};

use super::{Cost, Kind, Milestone, Origin, Party, Phase, Place, Roadmap, Step};
use crate::diagnostic::{Diagnostic, LineIndex, did_you_mean};
use crate::due::{Due, Span};

const PARTY_KEYS: &[&str] = &["name", "aliases", "joint"];
const TOP_KEYS: &[&str] = &["roadmap", "parties", "phase", "milestone"];
const ROADMAP_KEYS: &[&str] = &[
    "id",
    "title",
    "organisation",
    "language",
    "source",
    "year",
    "budget_tkr",
    "note",
];
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
    "proposal",
    "note",
    "step",
];
const STEP_KEYS: &[&str] = &["id", "text", "owner", "note"];

/// Parses a roadmap file. `path` is how the file is named in messages.
pub fn parse(path: &str, bytes: &[u8], origin: Origin) -> Result<Roadmap, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Err(vec![crate::diagnostic::invalid_utf8(
                path,
                bytes,
                e,
                "the file is not valid UTF-8",
                "save the file as UTF-8 (roadmap files are TOML, which is always UTF-8)",
            )]);
        }
    };
    // Editors on Windows may save a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::in_file(path, 1, 1, "the roadmap file is empty")
                .with_hint("a roadmap needs at least a [roadmap] table with id, title and language"),
        ]);
    }
    if let Some(at) = conflict_marker(text) {
        return Err(vec![
            Diagnostic::at(
                path,
                text,
                at..at + 7,
                format!(
                    "unresolved git merge conflict in {path}:{}",
                    text[..at].matches('\n').count() + 1
                ),
            )
            .with_hint(
                "keep the lines you want between <<<<<<<, ======= and >>>>>>>, delete the three marker lines, \
                     save, and `git add` the file (`git diff` shows both sides)",
            ),
        ]);
    }
    let arena = toml_spanner::Arena::new();
    let document = match toml_spanner::parse(text, &arena) {
        Ok(document) => document,
        Err(e) => return Err(vec![toml_error(path, text, &e)]),
    };
    let mut reader = Reader {
        path,
        text,
        diagnostics: Vec::new(),
        lines: std::cell::OnceCell::new(),
        fingerprints: super::Fingerprinter::default(),
        shared: HashSet::default(),
    };
    let roadmap = reader.roadmap(document.table(), origin);
    match roadmap {
        Some(roadmap) if reader.diagnostics.is_empty() => Ok(roadmap),
        _ => {
            let mut diagnostics = reader.diagnostics;
            diagnostics.sort_by_key(|d| (d.line, d.column));
            Err(diagnostics)
        }
    }
}

/// Where the first line that git writes into a file it could not merge
/// (`<<<<<<< HEAD`) starts, if the file has one.
fn conflict_marker(text: &str) -> Option<usize> {
    // One search through the file for `<` (a byte search, where a search for
    // the whole marker walks the text more slowly), then a look around each:
    // a line starts at the file's start or after a line break.
    text.match_indices('<')
        .map(|(at, _)| at)
        .find(|&at| (at == 0 || text.as_bytes()[at - 1] == b'\n') && text[at..].starts_with("<<<<<<<"))
}

/// `at`, or the start of the character it falls in.
fn floor(text: &str, at: usize) -> usize {
    crate::diagnostic::floor_char_boundary(text, at)
}

/// A TOML syntax error, with advice for the mistakes people make most.
pub(crate) fn toml_error(path: &str, text: &str, e: &toml_spanner::Error) -> Diagnostic {
    use toml_spanner::ErrorKind;
    let key = e.path().map(ToString::to_string).filter(|p| !p.is_empty());
    let message = match (e.kind(), &key) {
        // The parser's own words for this one show a raw line break.
        (ErrorKind::Unexpected('\n' | '\r'), Some(key)) => format!("`{key}` has no value"),
        _ => e.message_with_path(text).trim_end().replace('\n', "; "),
    };
    let hint = match e.kind() {
        ErrorKind::InvalidEscape(_) => Some(
            "a backslash starts an escape in \"...\"; write \\\\ for a backslash, or use single quotes: 'C:\\Projekt'",
        ),
        ErrorKind::Unexpected('\n' | '\r') => Some("write the value on the same line as its key: title = \"...\""),
        ErrorKind::UnterminatedString(_) => Some("close the string with the quote it was opened with"),
        ErrorKind::MissingArrayComma | ErrorKind::UnclosedArray => {
            Some("a list is written [\"a\", \"b\"], with a comma between entries and ] at the end")
        }
        ErrorKind::DuplicateKey { .. } => Some("each key may be given once in a table; remove one of them"),
        ErrorKind::DuplicateTable { .. } => Some("each [table] may be given once; put all its keys under one header"),
        ErrorKind::Wanted { expected, .. } if expected.contains("bracket") => {
            Some("a section header is written on one line: [roadmap], or [[milestone]] for each milestone")
        }
        _ => None,
    };
    // A bare key is ASCII letters, digits, - and _: "Leverantör = …" stops at the ö.
    let at = span(e.span()).start.min(text.len());
    let line_start = text[..floor(text, at)].rfind('\n').map_or(0, |i| i + 1);
    let in_key = !text[line_start..floor(text, at)].contains(['=', '"', '\'']);
    let hint = match text.get(floor(text, at)..).and_then(|rest| rest.chars().next()) {
        Some(c) if in_key && c.is_alphabetic() && !c.is_ascii() => {
            Some("a key with letters outside a-z (å, ä, ö, æ, ø) is written in quotes: \"Leverantör\" = \"...\"")
        }
        _ => hint,
    };
    Diagnostic::at(path, text, span(e.span()), format!("invalid TOML: {message}"))
        .with_hint_opt(hint.map(str::to_string))
}

fn span(span: toml_spanner::Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

struct Reader<'a> {
    path: &'a str,
    text: &'a str,
    diagnostics: Vec<Diagnostic>,
    /// Where the lines start, found at the first problem.
    lines: std::cell::OnceCell<LineIndex>,
    fingerprints: super::Fingerprinter,
    /// The texts that `shared_string` has read.
    shared: HashSet<Arc<str>>,
}

/// A table in the file, with the place to point at when something is missing from it.
struct Table<'t, 'de> {
    entries: &'t TomlTable<'de>,
    span: Option<Range<usize>>,
    name: Name<'de>,
}

impl<'t, 'de> Table<'t, 'de> {
    fn get(&self, key: &str) -> Option<&'t Item<'de>> {
        field(self.entries, key)
    }
}

/// The value of `key` in `table`. Each value of a portfolio's milestones and
/// steps is looked up here, and keys are a few letters: they are compared in
/// line rather than through a call to `memcmp` per key of the table.
fn field<'t, 'de>(table: &'t TomlTable<'de>, key: &str) -> Option<&'t Item<'de>> {
    table
        .entries()
        .iter()
        .find(|(k, _)| same_key(k.name, key))
        .map(|(_, item)| item)
}

/// `a == b`, for the short keys of a roadmap file.
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// How to name a table in a message: "[roadmap]", "milestone `3`", "step #2
/// in milestone `a`". Written out only when there is a problem to report.
#[derive(Clone, Copy)]
enum Name<'de> {
    File,
    Section(&'static str),
    Phase(usize),
    Milestone(Which<'de>),
    Step(usize, Which<'de>),
    Party(&'de str),
}

/// A milestone by its id, or by its place when it has no usable id.
#[derive(Clone, Copy)]
enum Which<'de> {
    Id(&'de str),
    Number(usize),
}

impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Name::File => f.write_str("the file"),
            Name::Section(key) => write!(f, "[{key}]"),
            Name::Phase(n) => write!(f, "phase #{n}"),
            Name::Milestone(Which::Id(id)) => write!(f, "milestone `{id}`"),
            Name::Milestone(Which::Number(n)) => write!(f, "milestone #{n}"),
            Name::Step(n, milestone) => write!(f, "step #{n} in {}", Name::Milestone(*milestone)),
            Name::Party(code) => write!(f, "party `{code}`"),
        }
    }
}

/// How TOML names the type of a value, as people see it written.
fn type_name(item: &Item<'_>) -> &'static str {
    match item.value() {
        Value::Table(table) if table.style() == TableStyle::Inline => "inline table",
        Value::Array(array) if array.style() == ArrayStyle::Header => "array of tables",
        _ => item.type_str(),
    }
}

fn is_scalar(item: &Item<'_>) -> bool {
    !matches!(item.value(), Value::Table(_) | Value::Array(_))
}

impl<'a> Reader<'a> {
    fn error(&mut self, span: Option<Range<usize>>, message: impl Into<String>, hint: Option<String>) {
        let diagnostic = match span {
            Some(span) => self
                .lines
                .get_or_init(|| LineIndex::new(self.text))
                .at(self.path, self.text, span, message),
            None => Diagnostic::in_file(self.path, 1, 1, message),
        };
        self.diagnostics.push(diagnostic.with_hint_opt(hint));
    }

    /// The text of the file at `item`, as written.
    fn written(&self, item: &Item<'_>) -> &'a str {
        self.text.get(span(item.span())).unwrap_or_default().trim()
    }

    fn roadmap(&mut self, top: &TomlTable<'_>, origin: Origin) -> Option<Roadmap> {
        let top = Table {
            entries: top,
            span: Some(0..0),
            name: Name::File,
        };
        self.unknown_keys(&top, TOP_KEYS);
        let Some(head) = self.sub_table(&top, "roadmap") else {
            if top.get("roadmap").is_some() {
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
        let budget_tkr = self.amount(&head, "budget_tkr");
        let parties = self.parties(&top);
        let phases = self.phases(&top);
        let mut milestones = self.milestones(&top, &phases, year);
        let year = year.or_else(|| self.place_bare_weeks(&mut milestones));
        Some(Roadmap {
            id: id?,
            title: title?,
            organisation,
            language: language?,
            source,
            year,
            budget_tkr,
            note,
            parties,
            phases,
            milestones,
            origin,
        })
    }

    fn unknown_keys(&mut self, table: &Table<'_, '_>, allowed: &[&str]) {
        for (key, _) in table.entries {
            let key_name = key.name;
            if !allowed.iter().any(|k| same_key(k, key_name)) {
                let hint = did_you_mean(key_name, allowed.iter().copied())
                    .or_else(|| {
                        synonym(key_name)
                            .filter(|k| allowed.contains(k))
                            .map(|k| format!("did you mean `{k}`?"))
                    })
                    .unwrap_or_else(|| format!("the keys allowed here are {}", list(allowed)));
                self.error(
                    Some(span(key.span)),
                    format!("unknown key `{key_name}` in {}", table.name),
                    Some(hint),
                );
            }
        }
    }

    fn sub_table<'t, 'de>(&mut self, parent: &Table<'t, 'de>, key: &'static str) -> Option<Table<'t, 'de>> {
        let item = parent.get(key)?;
        if let Some(table) = item.as_table() {
            Some(Table {
                entries: table,
                span: Some(span(item.span())),
                name: Name::Section(key),
            })
        } else {
            self.wrong_type(item, key, "a table");
            None
        }
    }

    fn wrong_type(&mut self, item: &Item<'_>, key: &str, expected: &str) {
        let written = self.written(item);
        let scalar = is_scalar(item);
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
            Some(span(item.span())),
            format!("`{key}` must be {expected}, not {}", article(type_name(item))),
            hint,
        );
    }

    /// A list of tables: `[[key]]` sections, or an inline array of `{ ... }`.
    fn table_list<'t, 'de>(
        &mut self,
        parent: &Table<'t, 'de>,
        key: &str,
        header: &str,
        name: impl Fn(usize) -> Name<'de>,
    ) -> Vec<Table<'t, 'de>> {
        let Some(item) = parent.get(key) else {
            return Vec::new();
        };
        let mut tables = Vec::new();
        let Some(array) = item.as_array() else {
            self.wrong_type(item, key, &format!("a list of tables ([[{header}]] sections)"));
            if item.as_table().is_some() {
                let fix = format!("use double brackets, [[{header}]], for each one");
                if let Some(last) = self.diagnostics.last_mut() {
                    last.hint = Some(fix);
                }
            }
            return tables;
        };
        for (i, value) in array.iter().enumerate() {
            match value.as_table() {
                Some(table) => tables.push(Table {
                    entries: table,
                    span: Some(span(value.span())),
                    name: name(i + 1),
                }),
                None => self.error(
                    Some(span(value.span())),
                    format!("each `{key}` must be a table, not {}", article(type_name(value))),
                    Some(format!("write each one as a [[{header}]] section")),
                ),
            }
        }
        tables
    }

    fn string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<String> {
        self.str(table, key).map(Cow::into_owned)
    }

    /// The text of `key`, as the file means it.
    fn str<'t>(&mut self, table: &Table<'t, '_>, key: &str) -> Option<Cow<'t, str>> {
        let item = table.get(key)?;
        match item.as_str() {
            // A file saved with CRLF line ends keeps them inside multi-line
            // strings; the text means the same as with LF, so it reads the same.
            Some(s) if s.contains('\r') => Some(Cow::Owned(s.replace("\r\n", "\n"))),
            Some(s) => Some(Cow::Borrowed(s)),
            None => {
                self.wrong_type(item, key, "a string");
                None
            }
        }
    }

    /// The text of `key`, one for every place in the file that writes the
    /// same: a plan has a few parties and hundreds of steps that name them.
    fn shared_string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Arc<str>> {
        let text = self.str(table, key)?;
        if let Some(shared) = self.shared.get(&*text) {
            return Some(Arc::clone(shared));
        }
        let shared: Arc<str> = Arc::from(text);
        self.shared.insert(Arc::clone(&shared));
        Some(shared)
    }

    fn required_string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<String> {
        if table.get(key).is_none() {
            let misspelt = table
                .entries
                .iter()
                .any(|(k, _)| k.name != key && (did_you_mean(k.name, [key]).is_some() || synonym(k.name) == Some(key)));
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
            let at = table.get(key).map(|i| span(i.span()));
            self.error(
                at,
                format!("`{key}` of {} is empty", table.name),
                Some(format!("give `{key}` a value")),
            );
            return None;
        }
        Some(value)
    }

    fn id(&mut self, table: &Table<'_, '_>) -> Option<String> {
        let id = self.required_string(table, "id")?;
        if is_valid_id(&id) {
            Some(id)
        } else {
            let at = table.get("id").map(|i| span(i.span()));
            self.error(
                at,
                format!("`{id}` is not a valid id"),
                Some(
                    "an id is letters a-z, digits, `-`, `_` or `.`, starting with a letter or digit (no spaces or `/`)"
                        .into(),
                ),
            );
            None
        }
    }

    fn year(&mut self, table: &Table<'_, '_>) -> Option<i32> {
        let item = table.get("year")?;
        let Value::Integer(year) = item.value() else {
            self.wrong_type(item, "year", "a whole number like 2027");
            return None;
        };
        let year = year.as_i128();
        match i32::try_from(year) {
            Ok(year) if (1..=9999).contains(&year) => Some(year),
            _ => {
                self.error(
                    Some(span(item.span())),
                    format!("year {year} is out of range"),
                    Some("use a year from 1 to 9999".into()),
                );
                None
            }
        }
    }

    /// `[parties]`: `CODE = "full name"`, or `CODE = { name = "...", aliases
    /// = ["..."], joint = ["CODE", ...] }` for a party written in other ways
    /// too, or one that stands for several together ("Gemensam").
    fn parties(&mut self, top: &Table<'_, '_>) -> Vec<Party> {
        let Some(parties) = self.sub_table(top, "parties") else {
            return Vec::new();
        };
        let mut out: Vec<Party> = Vec::new();
        let mut joints = Vec::new();
        for (code, item) in parties.entries {
            if let Some(name) = item.as_str() {
                out.push(Party::named(code.name, name));
                continue;
            }
            let Some(table) = item.as_table() else {
                self.wrong_type(
                    item,
                    code.name,
                    "a string (the party's full name) or a table { name = \"...\", aliases = [...] }",
                );
                continue;
            };
            let table = Table {
                entries: table,
                span: Some(span(item.span())),
                name: Name::Party(code.name),
            };
            self.unknown_keys(&table, PARTY_KEYS);
            let name = self.required_string(&table, "name");
            let aliases = self.text_list(&table, "aliases");
            let joint = self.text_list(&table, "joint");
            joints.push((code.name, joint.clone()));
            if let Some(name) = name {
                out.push(Party {
                    aliases: aliases.into_iter().map(|(a, _)| a).collect(),
                    joint: joint.into_iter().map(|(j, _)| j).collect(),
                    ..Party::named(code.name, &name)
                });
            }
        }
        for (code, joint) in joints {
            for (other, at) in joint {
                if other == code {
                    self.error(
                        Some(at),
                        format!("`joint` of party `{code}` names `{code}` itself"),
                        Some("list the parties it stands for together, not itself".into()),
                    );
                } else if !out.iter().any(|p| p.code == other) {
                    let hint = did_you_mean(&other, out.iter().map(|p| p.code.as_str())).unwrap_or_else(|| {
                        format!(
                            "name parties of [parties]: {}",
                            list(&out.iter().map(|p| p.code.as_str()).collect::<Vec<_>>())
                        )
                    });
                    self.error(
                        Some(at),
                        format!("`joint` of party `{code}` names `{other}`, which is not another party"),
                        Some(hint),
                    );
                }
            }
        }
        out
    }

    /// A list of strings, with where each is written.
    fn text_list(&mut self, table: &Table<'_, '_>, key: &str) -> Vec<(String, Range<usize>)> {
        let Some(item) = table.get(key) else {
            return Vec::new();
        };
        let Some(array) = item.as_array().filter(|a| a.style() == ArrayStyle::Inline) else {
            self.wrong_type(item, key, "a list of strings, like [\"a\", \"b\"]");
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array {
            match value.as_str() {
                Some(s) => out.push((s.to_string(), span(value.span()))),
                None => self.error(
                    Some(span(value.span())),
                    format!(
                        "each entry of `{key}` must be a string, not {}",
                        article(type_name(value))
                    ),
                    None,
                ),
            }
        }
        out
    }

    fn phases(&mut self, top: &Table<'_, '_>) -> Vec<Phase> {
        let mut phases: Vec<Phase> = Vec::new();
        for table in self.table_list(top, "phase", "phase", Name::Phase) {
            self.unknown_keys(&table, PHASE_KEYS);
            let (id, title, note) = (
                self.id(&table),
                self.required_string(&table, "title"),
                self.string(&table, "note"),
            );
            let (Some(id), Some(title)) = (id, title) else { continue };
            if phases.iter().any(|p| p.id == id) {
                let at = table.get("id").map(|i| span(i.span()));
                self.error(
                    at,
                    format!("duplicate phase id `{id}`"),
                    Some("give each phase its own id".into()),
                );
                continue;
            }
            phases.push(Phase { id, title, note });
        }
        phases
    }

    fn milestones(&mut self, top: &Table<'_, '_>, phases: &[Phase], year: Option<i32>) -> Vec<Milestone> {
        let tables = self.table_list(top, "milestone", "milestone", |n| Name::Milestone(Which::Number(n)));
        // Sized once: grown by doubling, the lists of a portfolio's
        // milestones and steps held a third more room than they used.
        let mut milestones = Vec::with_capacity(tables.len());
        // Where each milestone's depends_on entries are, to point at them once all ids are known.
        let mut dependency_spans: Vec<Vec<Range<usize>>> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::default();
        for mut table in tables {
            let id = self.id(&table);
            if let Some(id) = &id {
                if let Some(written) = table.get("id").and_then(Item::as_str) {
                    table.name = Name::Milestone(Which::Id(written));
                }
                if seen.insert(id.clone(), milestones.len()).is_some() {
                    let at = table.get("id").map(|i| span(i.span()));
                    self.error(
                        at,
                        format!("duplicate milestone id `{id}`"),
                        Some("give each milestone its own id".into()),
                    );
                }
            }
            self.unknown_keys(&table, MILESTONE_KEYS);
            let title = self.required_string(&table, "title");
            let phase = self.phase_ref(&table, phases);
            let due = self.due(&table, year);
            let cost_tkr = self.amount(&table, "cost_tkr");
            let kind = self.kind(&table);
            let proposal = self.string(&table, "proposal");
            if proposal.is_some() && kind != Kind::Gate {
                let at = table.get("proposal").map(|i| span(i.span()));
                self.error(
                    at,
                    format!("{} has a `proposal`, and only a gate has one", table.name),
                    Some("make it a decision point with kind = \"gate\", or move the text to its note".into()),
                );
            }
            let (depends_on, dependency_places) = self.string_list(&table, "depends_on");
            let steps = self.steps(&table);
            let at = |key: &str| table.get(key).map(|i| Place::new(span(i.span())));
            let spans = super::Spans {
                milestone: Place::new(table.span.clone().unwrap_or(0..0)),
                due: at("due"),
                owner: at("owner"),
                step_owners: Self::step_owner_spans(&table),
            };
            let milestone = Milestone {
                id: id.unwrap_or_default(),
                phase,
                title: title.unwrap_or_default(),
                due,
                owner: self.shared_string(&table, "owner"),
                criteria: self.string(&table, "criteria"),
                description: self.string(&table, "description"),
                cost_tkr,
                depends_on,
                kind,
                proposal,
                note: self.string(&table, "note"),
                steps,
                spans,
            };
            milestones.push(milestone);
            dependency_spans.push(dependency_places);
        }
        self.check_dependencies(&milestones, &dependency_spans);
        milestones
    }

    fn phase_ref(&mut self, table: &Table<'_, '_>, phases: &[Phase]) -> Option<Arc<str>> {
        let phase = self.shared_string(table, "phase")?;
        if !phases.iter().any(|p| *p.id == *phase) {
            let at = table.get("phase").map(|i| span(i.span()));
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
            self.error(at, format!("unknown phase `{phase}` in {}", table.name), hint);
        }
        Some(phase)
    }

    /// A plan without a `year` whose dated milestones all fall in one year
    /// is a plan for that year: its bare weeks (`V12`) are that year's, as
    /// its reader means them. Where the dated milestones span several
    /// years, a bare week's year cannot be told: an error, rather than a
    /// week that is never overdue. A plan with no dated milestone (a
    /// template, as the shipped Hubs plan) keeps its weeks unplaced.
    fn place_bare_weeks(&mut self, milestones: &mut [Milestone]) -> Option<i32> {
        let unplaced = |m: &Milestone| matches!(m.due.as_ref().map(Due::span), Some(Span::UnplacedWeeks { .. }));
        if !milestones.iter().any(unplaced) {
            return None;
        }
        let years: std::collections::BTreeSet<i32> = milestones
            .iter()
            .filter_map(|m| m.due.as_ref())
            .flat_map(|d| [d.start(), d.end()])
            .flatten()
            .map(|d| chrono::Datelike::year(&d))
            .collect();
        let (Some(first), Some(last)) = (years.first().copied(), years.last().copied()) else {
            return None;
        };
        for m in milestones.iter_mut().filter(|m| unplaced(m)) {
            let Some(label) = m.due.as_ref().map(|d| d.label().to_string()) else {
                continue;
            };
            if first != last {
                self.error(
                    m.spans.due.map(Place::range),
                    format!(
                        "`{label}` of milestone `{}` has no year, and the plan's dated milestones fall in {first} to {last}",
                        m.id
                    ),
                    Some(format!(
                        "add `year = {last}` (or the year meant) under [roadmap], or write the week with its year, like `{last}-W{:02}`",
                        match m.due.as_ref().map(Due::span) {
                            Some(Span::UnplacedWeeks { first, .. }) => *first,
                            _ => 1,
                        }
                    )),
                );
                continue;
            }
            match Due::parse(&label, Some(first)) {
                Ok(due) => m.due = Some(due),
                Err(e) => self.error(
                    m.spans.due.map(Place::range),
                    format!(
                        "invalid due date in milestone `{}`: {e} (read in {first}, the year of the plan's dates)",
                        m.id
                    ),
                    e.hint.clone(),
                ),
            }
        }
        (first == last).then_some(first)
    }

    fn due(&mut self, table: &Table<'_, '_>, year: Option<i32>) -> Option<Due> {
        let text = self.string(table, "due")?;
        match Due::parse(&text, year) {
            Ok(due) => Some(due),
            Err(e) => {
                let at = table.get("due").map(|i| span(i.span()));
                self.error(at, format!("invalid due date in {}: {e}", table.name), e.hint.clone());
                None
            }
        }
    }

    /// An amount in thousands (`cost_tkr`, `budget_tkr`): a number, zero or more.
    fn amount(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Cost> {
        let item = table.get(key)?;
        let at = Some(span(item.span()));
        let cost = match item.value() {
            Value::Integer(n) => {
                if let Ok(n) = i64::try_from(n.as_i128()) {
                    Cost::Whole(n)
                } else {
                    self.error(
                        at,
                        format!("`{key}` of {} is too large a number", table.name),
                        Some(format!("write the amount in thousands of SEK, like {key} = 1100")),
                    );
                    return None;
                }
            }
            Value::Float(x) if x.is_finite() => Cost::Fraction(*x),
            Value::Float(_) => {
                self.error(
                    at,
                    format!("`{key}` of {} must be a finite number", table.name),
                    Some(format!("write the amount in thousands of SEK, like {key} = 1100")),
                );
                return None;
            }
            _ => {
                self.wrong_type(item, key, "a number (thousands of SEK)");
                return None;
            }
        };
        if cost.value() < 0.0 {
            self.error(
                at,
                format!("`{key}` of {} is negative", table.name),
                Some("an amount is zero or more".into()),
            );
            return None;
        }
        Some(cost)
    }

    fn kind(&mut self, table: &Table<'_, '_>) -> Kind {
        match self.string(table, "kind").as_deref() {
            None | Some("milestone") => Kind::Milestone,
            Some("gate") => Kind::Gate,
            Some(other) => {
                let at = table.get("kind").map(|i| span(i.span()));
                let hint = did_you_mean(other, ["milestone", "gate"])
                    .unwrap_or_else(|| "use \"milestone\" or \"gate\" (a decision point)".into());
                self.error(at, format!("unknown kind `{other}`"), Some(hint));
                Kind::Milestone
            }
        }
    }

    fn string_list(&mut self, table: &Table<'_, '_>, key: &str) -> (Vec<String>, Vec<Range<usize>>) {
        let Some(item) = table.get(key) else {
            return (Vec::new(), Vec::new());
        };
        let Some(array) = item.as_array().filter(|a| a.style() == ArrayStyle::Inline) else {
            self.wrong_type(item, key, "a list of milestone ids, like [\"a\", \"b\"]");
            return (Vec::new(), Vec::new());
        };
        let (mut values, mut spans) = (Vec::new(), Vec::new());
        for value in array {
            match value.as_str() {
                Some(s) => {
                    values.push(s.to_string());
                    spans.push(span(value.span()));
                }
                None => self.error(
                    Some(span(value.span())),
                    format!(
                        "each entry of `{key}` must be a string, not {}",
                        article(type_name(value))
                    ),
                    None,
                ),
            }
        }
        (values, spans)
    }

    fn steps(&mut self, milestone: &Table<'_, '_>) -> Vec<Step> {
        let Name::Milestone(which) = milestone.name else {
            return Vec::new();
        };
        let tables = self.table_list(milestone, "step", "milestone.step", |n| Name::Step(n, which));
        let mut steps = Vec::with_capacity(tables.len());
        for table in tables {
            self.unknown_keys(&table, STEP_KEYS);
            let id = self.step_id(&table, &steps);
            let text = self.required_string(&table, "text");
            let owner = self.shared_string(&table, "owner");
            let note = self.string(&table, "note");
            steps.push(Step::new(id, text.unwrap_or_default(), owner, note));
        }
        self.fingerprints.fingerprint(&mut steps);
        steps
    }

    /// Where each step's `owner` is written, in order (problems in the steps are reported by `steps`).
    fn step_owner_spans(milestone: &Table<'_, '_>) -> Vec<Option<Place>> {
        let Some(steps) = milestone.get("step").and_then(Item::as_array) else {
            return Vec::new();
        };
        let mut spans = Vec::with_capacity(steps.len());
        spans.extend(
            steps
                .iter()
                .filter_map(Item::as_table)
                .map(|step| field(step, "owner").map(|i| Place::new(span(i.span())))),
        );
        spans
    }

    /// A step's optional `id`: like a milestone id, but not a number (a
    /// number addresses a step by its place) and not used twice in one milestone.
    fn step_id(&mut self, table: &Table<'_, '_>, before: &[Step]) -> Option<String> {
        let id = self.string(table, "id")?;
        let at = table.get("id").map(|i| span(i.span()));
        if !is_valid_id(&id) {
            self.error(
                at,
                format!("`{id}` is not a valid step id"),
                Some("a step id is letters a-z, digits, `-`, `_` or `.`, like `kickoff`".into()),
            );
            return None;
        }
        if id.bytes().all(|b| b.is_ascii_digit()) {
            self.error(
                at,
                format!("step id `{id}` is a number"),
                Some("numbers address steps by their place (`ROADMAP/MILESTONE/2`); give the step a name, like `kickoff`".into()),
            );
            return None;
        }
        if before.iter().any(|s| s.id() == Some(id.as_str())) {
            self.error(
                at,
                format!("duplicate step id `{id}` in {}", table.name),
                Some("give each step of a milestone its own id".into()),
            );
            return None;
        }
        Some(id)
    }

    fn check_dependencies(&mut self, milestones: &[Milestone], spans: &[Vec<Range<usize>>]) {
        let ids: Vec<&str> = milestones.iter().map(|m| m.id.as_str()).collect();
        let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for (m, spans) in milestones.iter().zip(spans) {
            for (dep, at) in m.depends_on.iter().zip(spans) {
                if dep == &m.id {
                    self.error(
                        Some(at.clone()),
                        format!("milestone `{dep}` depends on itself"),
                        Some("remove it from its own depends_on".into()),
                    );
                } else if !index.contains_key(dep.as_str()) {
                    let hint = did_you_mean(dep, ids.iter().copied())
                        .unwrap_or_else(|| "depends_on names milestone ids in the same roadmap".into());
                    self.error(
                        Some(at.clone()),
                        format!("unknown milestone `{dep}` in depends_on of `{}`", m.id),
                        Some(hint),
                    );
                }
            }
        }
        if let Some(cycle) = find_cycle(milestones.len(), |i| &milestones[i].depends_on, &index) {
            let first = cycle[0];
            let next = cycle.get(1).copied().unwrap_or(first);
            let at = milestones[first]
                .depends_on
                .iter()
                .position(|d| d == &milestones[next].id)
                .and_then(|i| spans[first].get(i).cloned());
            let path: Vec<&str> = cycle
                .iter()
                .chain(std::iter::once(&first))
                .map(|&i| milestones[i].id.as_str())
                .collect();
            self.error(
                at,
                format!("depends_on goes round in a circle: {}", path.join(" -> ")),
                Some("a milestone cannot wait for itself; remove one of these dependencies".into()),
            );
        }
    }
}

/// The first cycle of two or more milestones in a `depends_on` graph of
/// `count` milestones (`depends_on(i)` the ids milestone `i` waits for,
/// `index` each id's milestone), as indices in order. Self-dependencies are
/// left to the caller (the parser reports them on their own).
pub(crate) fn find_cycle<'m>(
    count: usize,
    depends_on: impl Fn(usize) -> &'m [String],
    index: &HashMap<&str, usize>,
) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; count];
    for root in 0..count {
        if marks[root] != Mark::New {
            continue;
        }
        // Iterative depth-first search, so a long chain cannot overflow the stack.
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        marks[root] = Mark::OnPath;
        while let Some(&mut (node, ref mut next_edge)) = path.last_mut() {
            if let Some(dep) = depends_on(node).get(*next_edge) {
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

#[cfg(test)]
mod tests {
    use super::conflict_marker;

    #[test]
    fn a_conflict_marker_counts_only_at_the_start_of_a_line() {
        assert_eq!(conflict_marker("<<<<<<< HEAD\n"), Some(0));
        assert_eq!(conflict_marker("a = 1\n<<<<<<< HEAD\n"), Some(6));
        assert_eq!(conflict_marker("a = \"<<<<<<<\"\n"), None);
        assert_eq!(conflict_marker("x<<<<<<<<<<<<<<\n<<<<<<<<\n"), Some(16));
        assert_eq!(conflict_marker("a\r\n<<<<<<< b\n"), Some(3));
        assert_eq!(conflict_marker("<<<<<<"), None);
    }

    /// Every text of up to six of these pieces: the marker is found where
    /// the first line that begins with it begins, as read line by line.
    #[test]
    fn a_conflict_marker_is_found_where_the_first_line_that_begins_with_it_begins() {
        let pieces = ["<", "<<<<<<<", "<<<<<<", "\n", "\r\n", "a", "é"];
        let by_lines = |text: &str| {
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                if line.starts_with("<<<<<<<") {
                    return Some(start);
                }
                start += line.len();
            }
            None
        };
        let n = pieces.len();
        let mut text = String::new();
        for length in 0..=6u32 {
            for mut code in 0..n.pow(length) {
                text.clear();
                for _ in 0..length {
                    text.push_str(pieces[code % n]);
                    code /= n;
                }
                assert_eq!(conflict_marker(&text), by_lines(&text), "{text:?}");
            }
        }
    }
}
