//! A plan table (from Excel, Word, CSV or Markdown) read into milestones:
//! which column is which, from headers in Swedish, Norwegian or English;
//! a heading row between milestone rows starts a phase; bullets in a steps
//! cell become steps, a trailing "(PARTY)" their owner. Nothing is guessed:
//! a due date the notation parser cannot read is kept as text for a note.

pub mod choose;
mod compound;
pub mod project;
pub mod read;
pub mod risks;
pub mod toml;
pub mod update;

use crate::due::Due;
use crate::lang::Lang;
use crate::roadmap::edit::{UniqueIds, id_from, slug};
use crate::roadmap::parse::is_valid_id;
use crate::state::Mark;
use read::{Cell, Table};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Id,
    Title,
    Due,
    Criteria,
    Description,
    Owner,
    Cost,
    Phase,
    Steps,
    Note,
    /// Done, skipped or open, as the sheet says (recorded as changes, not written to the file).
    Status,
    /// When the work starts: with a due date, the due date becomes a range.
    Start,
}

impl Key {
    pub const ALL: [Key; 12] = [
        Key::Id,
        Key::Title,
        Key::Due,
        Key::Criteria,
        Key::Description,
        Key::Owner,
        Key::Cost,
        Key::Phase,
        Key::Steps,
        Key::Note,
        Key::Status,
        Key::Start,
    ];

    /// The name used by `--column KEY=HEADER`: the roadmap file's own field.
    pub fn name(self) -> &'static str {
        match self {
            Key::Id => "id",
            Key::Title => "title",
            Key::Due => "due",
            Key::Criteria => "criteria",
            Key::Description => "description",
            Key::Owner => "owner",
            Key::Cost => "cost_tkr",
            Key::Phase => "phase",
            Key::Steps => "steps",
            Key::Note => "note",
            Key::Status => "status",
            Key::Start => "start",
        }
    }

    pub fn parse(name: &str) -> Option<Key> {
        let name = name.trim().to_lowercase();
        Key::ALL
            .into_iter()
            .find(|k| k.name() == name || (*k == Key::Cost && name == "cost"))
    }
}

/// Header words, in the order they are tried: the more specific first, so
/// "Beskrivning av milstolpe" is a description and "Klarkriterier" criteria,
/// not a title or a due date. A header matches when these words occur in it
/// as whole words.
const HEADERS: &[(Key, Lang, &[&str])] = &[
    (Key::Id, Lang::Sv, &["nr", "nummer", "id"]),
    (Key::Id, Lang::En, &["no", "number", "ref"]),
    (
        Key::Steps,
        Lang::Sv,
        &["steg", "aktiviteter", "checklista", "vad utförs", "moment"],
    ),
    (Key::Steps, Lang::Nb, &["oppgaver", "gjøremål", "sjekkliste", "tiltak"]),
    (Key::Steps, Lang::En, &["steps", "tasks", "activities", "checklist"]),
    (
        Key::Criteria,
        Lang::Sv,
        &["klarkriterier", "klarkriterium", "kriterier"],
    ),
    (
        Key::Criteria,
        Lang::Nb,
        &["ferdigkriterier", "ferdigkriterium", "akseptkriterier"],
    ),
    (
        Key::Criteria,
        Lang::En,
        &["done criteria", "criteria", "definition of done"],
    ),
    (Key::Description, Lang::Sv, &["beskrivning"]),
    (Key::Description, Lang::Nb, &["beskrivelse"]),
    (Key::Description, Lang::En, &["description", "details"]),
    (Key::Cost, Lang::Sv, &["kostnad", "kostnader", "tkr", "budget"]),
    (Key::Cost, Lang::En, &["cost", "costs"]),
    (Key::Owner, Lang::Sv, &["ansvarig", "ansvar", "ägare", "vem"]),
    (Key::Owner, Lang::Nb, &["ansvarlig", "eier"]),
    (Key::Owner, Lang::En, &["owner", "responsible", "who"]),
    (Key::Phase, Lang::Sv, &["fas", "etapp"]),
    (Key::Phase, Lang::Nb, &["fase"]),
    (Key::Phase, Lang::En, &["phase", "stage"]),
    (
        Key::Note,
        Lang::Sv,
        &["anteckning", "anteckningar", "kommentar", "notering"],
    ),
    (Key::Note, Lang::Nb, &["merknad", "merknader", "notat"]),
    (Key::Note, Lang::En, &["note", "notes", "comment", "comments"]),
    // "Status" and "Start" are English words too: they decide no language.
    (Key::Status, Lang::Sv, &["läge", "lägesstatus"]),
    (Key::Status, Lang::En, &["status", "state", "progress"]),
    (Key::Start, Lang::Sv, &["startdatum", "påbörjas", "från"]),
    (Key::Start, Lang::Nb, &["startdato", "oppstart", "fra"]),
    (
        Key::Start,
        Lang::En,
        &["start", "start date", "begin", "begins", "from"],
    ),
    (
        Key::Due,
        Lang::Sv,
        &[
            "klart datum",
            "klar",
            "klart",
            "tidsplan",
            "tidplan",
            "datum",
            "vecka",
            "tertial",
            "slutdatum",
        ],
    ),
    (
        Key::Due,
        Lang::Nb,
        &["frist", "tidsfrist", "ferdig", "dato", "uke", "sluttdato", "tidspunkt"],
    ),
    (
        Key::Due,
        Lang::En,
        &["due", "due date", "deadline", "date", "when", "week", "end"],
    ),
    (
        Key::Title,
        Lang::Sv,
        &[
            "milstolpe",
            "milstolpar",
            "leverans",
            "rubrik",
            "titel",
            "aktivitet",
            "uppgift",
        ],
    ),
    (
        Key::Title,
        Lang::Nb,
        &[
            "milepæl",
            "milepel",
            "milepæler",
            "leveranse",
            "tittel",
            "oppgave",
            "aktivitet",
        ],
    ),
    (
        Key::Title,
        Lang::En,
        &["milestone", "milestones", "deliverable", "title"],
    ),
];

/// Lower case, letters and digits only, single spaces: "Klar (tertial)"
/// is "klar tertial".
fn words(text: &str) -> String {
    let lowered: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has_phrase(header: &str, phrase: &str) -> bool {
    format!(" {header} ").contains(&format!(" {phrase} "))
}

/// The key a header names, and the language whose word it is.
fn recognise(header: &str) -> Option<(Key, Lang)> {
    let header = words(header);
    HEADERS
        .iter()
        .find(|(_, _, phrases)| phrases.iter().any(|p| has_phrase(&header, p)))
        .map(|(key, lang, _)| (*key, *lang))
}

/// A column the user named with `--column KEY=HEADER`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub key: Key,
    pub header: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The language of the headers, when they were all one language's.
    pub language: Option<Lang>,
    /// Each column used, with its header.
    pub columns: Vec<(Key, String)>,
    /// Headers that were not used.
    pub unused: Vec<String>,
    pub phases: Vec<Phase>,
    pub milestones: Vec<Milestone>,
    /// Rows left out as totals ("Summa", "Totalt"): their row and title.
    pub totals: Vec<(usize, String)>,
    /// The title row above the header, when the sheet has one.
    pub title_row: Option<String>,
    /// The year the title row names ("… 2027"), for bare weeks.
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub id: String,
    pub title: String,
    /// The heading as the document writes it, when the title leaves out its
    /// section number ("10.2 MVP- och rapportfas").
    pub heading: Option<String>,
    /// A note given by hand, kept when the plan is imported again.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Milestone {
    /// The row in the table, counted from 1 with the header.
    pub row: usize,
    pub id: String,
    pub phase: Option<String>,
    pub title: String,
    pub due: Option<String>,
    /// A due date as written that is not a date the notation knows.
    pub unread_due: Option<String>,
    pub criteria: Option<String>,
    pub description: Option<String>,
    pub owner: Option<String>,
    pub cost_tkr: Option<f64>,
    /// A cost as written that is not a number.
    pub unread_cost: Option<String>,
    pub note: Option<String>,
    pub steps: Vec<Step>,
    /// Done or skipped, as the Status column says (open says nothing),
    /// with the words it says it in.
    pub status: Option<(Mark, String)>,
    /// A status as written that is none the import knows.
    pub unread_status: Option<String>,
    /// A start as written that does not make a range with the due date.
    pub unread_start: Option<String>,
    /// What only a roadmap file says, kept when a plan is imported again
    /// (`update`): the milestones it depends on, whether it is a gate, the
    /// decision proposed.
    pub depends_on: Vec<String>,
    pub gate: bool,
    pub proposal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    pub text: String,
    pub owner: Option<String>,
    /// An id and a note given by hand, kept when the plan is imported again.
    pub id: Option<String>,
    pub note: Option<String>,
}

/// Why a table could not be read as a plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// No row in the first ten has a header for the milestone column.
    NoHeader { first_row: Vec<String> },
    /// `--column` named a header the table does not have.
    NoSuchHeader {
        key: Key,
        header: String,
        headers: Vec<String>,
    },
}

/// The plan in `table`. `named` columns override what the headers say.
pub fn plan(table: &Table, named: &[Named]) -> Result<Plan, Problem> {
    let (header_row, columns) = header(table, named)?;
    let headers: Vec<String> = table.rows[header_row].iter().map(Cell::text).collect();
    let col = |key: Key| columns.iter().find(|(k, _, _)| *k == key).map(|(_, i, _)| *i);
    let title_col = col(Key::Title).unwrap_or(0);
    let languages: Vec<Lang> = columns.iter().filter_map(|(_, _, l)| *l).collect();
    // Swedish or Norwegian when the headers are; English words (shared by
    // many tables) decide only alone; both Nordic languages at once, neither.
    let nordic: Vec<Lang> = languages.iter().copied().filter(|l| *l != Lang::En).collect();
    let language = match nordic.first() {
        Some(first) if nordic.iter().all(|l| l == first) => Some(*first),
        Some(_) => None,
        None => (!languages.is_empty()).then_some(Lang::En),
    };

    let title_row = title_row(table, header_row).or_else(|| table.title.clone());
    let year = title_row.as_deref().and_then(year_in);
    let mut phases = Phases::default();
    let mut milestones: Vec<Milestone> = Vec::new();
    let mut totals = Vec::new();
    let mut ids = UniqueIds::default();
    let mut current_phase: Option<String> = None;
    for (index, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        let get = |key: Key| -> Option<&Cell> { col(key).and_then(|i| row.get(i)).filter(|c| !c.is_empty()) };
        let filled: Vec<(usize, String)> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(i, c)| (i, c.text()))
            .collect();
        if filled.is_empty() {
            continue;
        }
        let distinct = {
            let mut texts: Vec<&str> = filled.iter().map(|(_, t)| t.as_str()).collect();
            texts.dedup();
            texts.len()
        };
        // A heading between milestone rows: one text, outside the milestone
        // column (or the same text across the row, as a merged cell reads).
        if distinct == 1 && (filled[0].0 != title_col || filled.len() > 1) && columns.len() > 1 {
            current_phase = Some(phases.add(filled[0].1.clone(), None));
            continue;
        }
        let Some(title) = get(Key::Title).map(Cell::text) else {
            continue;
        };
        if is_total(&title) {
            totals.push((index + 1, one_line(&title)));
            continue;
        }
        let mut m = Milestone {
            row: index + 1,
            title: one_line(&title),
            ..Milestone::default()
        };
        let wanted = get(Key::Id).map(Cell::text).filter(|id| is_valid_id(id));
        m.id = ids.claim(wanted.unwrap_or_else(|| slug(&title)));
        m.phase = get(Key::Phase)
            .map(Cell::text)
            .map(|title| phases.named(title))
            .or_else(|| current_phase.clone());
        let start = get(Key::Start).map(Cell::text);
        if let Some(cell) = get(Key::Due) {
            let text = cell.text();
            match Due::parse(&text, year) {
                Ok(_) => m.due = Some(text),
                Err(_) => m.unread_due = Some(text),
            }
        }
        // A start and a due date are a range, when they make one.
        if let Some(start) = start {
            let begins = |text: &str| Due::parse(text, year).ok().and_then(|d| d.start());
            match &m.due {
                // The due date begins there already (a sheet exported from here
                // has both), or is a week with no year, which no day can start.
                Some(due)
                    if begins(due) == begins(&start) || (begins(due).is_none() && Due::parse(due, year).is_ok()) => {}
                Some(due) if Due::parse(&format!("{start}..{due}"), year).is_ok() => {
                    m.due = Some(format!("{start}..{due}"));
                }
                _ => m.unread_start = Some(start),
            }
        }
        if let Some(text) = get(Key::Status).map(Cell::text) {
            match status_of(&text) {
                Some(Mark::Open) => {}
                Some(mark) => m.status = Some((mark, one_line(&text))),
                None => m.unread_status = Some(text),
            }
        }
        m.criteria = get(Key::Criteria).map(Cell::text);
        m.description = get(Key::Description).map(Cell::text);
        m.owner = get(Key::Owner).map(|c| one_line(&c.text()));
        m.note = get(Key::Note).map(Cell::text);
        if let Some(cell) = get(Key::Cost) {
            match cost(cell) {
                Some(n) => m.cost_tkr = Some(n),
                None => m.unread_cost = Some(cell.text()),
            }
        }
        m.steps = get(Key::Steps).map(|c| steps(&c.text())).unwrap_or_default();
        milestones.push(m);
    }
    let unused = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.is_empty() && !columns.iter().any(|(_, c, _)| c == i))
        .map(|(_, h)| h.clone())
        .collect();
    let mut plan = Plan {
        language,
        columns: columns.iter().map(|(k, i, _)| (*k, headers[*i].clone())).collect(),
        unused,
        phases: phases.list,
        milestones,
        totals,
        title_row,
        year,
    };
    unplaceable_weeks(&mut plan);
    Ok(plan)
}

/// Bare weeks ("v.12") in a plan with no year whose dated rows fall in more
/// than one year cannot be placed (a roadmap file refuses them): they are
/// kept as unread text, for a note, instead.
fn unplaceable_weeks(plan: &mut Plan) {
    if plan.year.is_some() {
        return;
    }
    let read = |m: &Milestone| m.due.as_deref().and_then(|d| Due::parse(d, None).ok());
    let years: std::collections::BTreeSet<i32> = plan
        .milestones
        .iter()
        .filter_map(read)
        .flat_map(|d| [d.start(), d.end()])
        .flatten()
        .map(|d| chrono::Datelike::year(&d))
        .collect();
    if years.len() < 2 {
        return;
    }
    for m in &mut plan.milestones {
        if read(m).is_some_and(|d| matches!(d.span(), crate::due::Span::UnplacedWeeks { .. })) {
            m.unread_due = m.due.take();
        }
    }
}

/// The title of the sheet: the one text of a row above the header
/// ("Projektplan – Införande av e-arkiv, Härnösands kommun 2027").
fn title_row(table: &Table, header_row: usize) -> Option<String> {
    table.rows[..header_row].iter().find_map(|row| {
        let mut texts: Vec<String> = row.iter().filter(|c| !c.is_empty()).map(Cell::text).collect();
        texts.dedup();
        match texts.as_slice() {
            [one] => Some(one_line(one)),
            _ => None,
        }
    })
}

/// The year a title names: a four-digit number from 1900 to 2199 standing alone.
fn year_in(title: &str) -> Option<i32> {
    let mut found = title
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1900..2200).contains(y));
    let year = found.next()?;
    // "2026–2027" names no one year.
    found.next().is_none().then_some(year)
}

/// A totals row: "Summa", "Totalt", "Total", "Sum", "I alt" and the like,
/// alone or before what is summed ("Summa kostnad").
fn is_total(title: &str) -> bool {
    const TOTALS: [&str; 9] = [
        "summa",
        "totalt",
        "total",
        "sum",
        "totalsumma",
        "sammanlagt",
        "i alt",
        "totalsum",
        "totals",
    ];
    let words = words(title);
    TOTALS
        .iter()
        .any(|t| words == *t || words.strip_prefix(t).is_some_and(|rest| rest.starts_with(' ')))
}

/// What a Status cell says: done, skipped, or open (under way or not begun).
fn status_of(text: &str) -> Option<Mark> {
    const DONE: [&str; 14] = [
        "klar",
        "klart",
        "avslutad",
        "avslutat",
        "genomförd",
        "genomfört",
        "levererad",
        "ferdig",
        "fullført",
        "levert",
        "done",
        "complete",
        "completed",
        "finished",
    ];
    const SKIPPED: [&str; 12] = [
        "ej aktuell",
        "ej aktuellt",
        "utgår",
        "utgått",
        "struken",
        "ikke aktuelt",
        "ikke aktuell",
        "bortfalt",
        "n a",
        "not applicable",
        "cancelled",
        "canceled",
    ];
    const OPEN: [&str; 32] = [
        "pågår",
        "pågående",
        "ej påbörjad",
        "ej påbörjat",
        "ej startad",
        "inte påbörjad",
        "planerad",
        "försenad",
        "ikke startet",
        "ikke påbegynt",
        "påbegynt",
        "forsinket",
        "in progress",
        "not started",
        "planned",
        "delayed",
        // The statuses an export writes.
        "öppen",
        "kommande",
        "löpande",
        "odaterad",
        "ska vara klar nu",
        "åpen",
        "kommende",
        "løpende",
        "udatert",
        "frist nå",
        "open",
        "upcoming",
        "ongoing",
        "undated",
        "due",
        "overdue",
    ];
    let said = words(text);
    if DONE.contains(&said.as_str()) {
        Some(Mark::Done)
    } else if SKIPPED.contains(&said.as_str()) {
        Some(Mark::Skipped)
    } else if OPEN.contains(&said.as_str()) || said.is_empty() {
        Some(Mark::Open)
    } else {
        None
    }
}

/// The changes that record what the Status column says, on `roadmap` as
/// written from `plan`: a milestone marked done or not applicable, where
/// nothing is recorded on it or its steps yet (what the state says stands,
/// and an import made again records nothing twice). `note` says where the
/// status was read; the status's own words follow it.
pub fn status_changes(
    plan: &Plan,
    roadmap: &crate::roadmap::Roadmap,
    state: &crate::state::State<'_>,
    note: &str,
) -> Vec<crate::state::change::Change> {
    use crate::address::Address;
    use crate::state::change::{Ask, expand};
    let mut out = Vec::new();
    for m in &plan.milestones {
        let (Some((mark, words)), Some(milestone)) = (&m.status, roadmap.milestone(&m.id)) else {
            continue;
        };
        let address = Address::milestone(&roadmap.id, &milestone.id);
        let recorded = std::iter::once(address.target(milestone))
            .chain((1..=milestone.steps.len()).map(|i| Address::step_of(&roadmap.id, milestone, i).target(milestone)))
            .any(|target| state.get(&target).is_some());
        if !recorded {
            let note = format!("{note}: {words}");
            out.extend(expand(state, &address, milestone, Ask::Mark(*mark), Some(&note)));
        }
    }
    out
}

/// The plans of several tables of one document, each under its heading, as
/// one plan: a table without heading rows of its own is a phase named by the
/// heading before it (without its section number), its milestones in it.
/// Ids stay unique across the tables.
pub fn merge(parts: Vec<(String, Plan)>) -> Option<Plan> {
    let mut parts = parts.into_iter();
    let (first_heading, first) = parts.next()?;
    let mut merged = Plan {
        phases: Vec::new(),
        milestones: Vec::new(),
        totals: Vec::new(),
        ..first.clone()
    };
    let mut phases = Phases::default();
    let mut ids = UniqueIds::default();
    for (heading, part) in std::iter::once((first_heading, first)).chain(parts) {
        let title = without_number(&heading);
        let own_phase = (part.phases.is_empty() && !title.is_empty()).then(|| {
            let numbered = (title != heading.trim()).then(|| heading.trim().to_string());
            phases.add(title.to_string(), numbered)
        });
        let mut renamed: foldhash::HashMap<String, String> = foldhash::HashMap::default();
        for phase in part.phases {
            let id = phases.ids.claim(phase.id.clone());
            renamed.insert(phase.id.clone(), id.clone());
            phases.list.push(Phase { id, ..phase });
        }
        for mut m in part.milestones {
            m.id = ids.claim(m.id.clone());
            m.phase = match m.phase.take() {
                Some(p) => renamed.get(&p).cloned(),
                None => own_phase.clone(),
            };
            merged.milestones.push(m);
        }
        for header in part.unused {
            if !merged.unused.contains(&header) {
                merged.unused.push(header);
            }
        }
        merged.totals.extend(part.totals);
    }
    merged.phases = phases.list;
    unplaceable_weeks(&mut merged);
    Some(merged)
}

/// The phases of a plan as they are found, each with an id of its own.
#[derive(Default)]
struct Phases {
    list: Vec<Phase>,
    ids: UniqueIds,
    /// The first phase of each title, for a phase column naming it again.
    by_title: foldhash::HashMap<String, String>,
}

impl Phases {
    /// A new phase of `title` (a heading row starts one, whatever its
    /// title); its id.
    fn add(&mut self, title: String, heading: Option<String>) -> String {
        let id = self.ids.claim(id_from(&title));
        self.by_title.entry(title.clone()).or_insert_with(|| id.clone());
        self.list.push(Phase {
            id: id.clone(),
            title,
            heading,
            note: None,
        });
        id
    }

    /// The phase a phase column names: the one of that title, else a new one.
    fn named(&mut self, title: String) -> String {
        match self.by_title.get(&title) {
            Some(id) => id.clone(),
            None => self.add(title, None),
        }
    }
}

/// "10.2 MVP- och rapportfas" is "MVP- och rapportfas", "2. Tidplan" and
/// "3 Tidplan" are "Tidplan"; "2024 års plan" keeps its year.
fn without_number(heading: &str) -> &str {
    let heading = heading.trim();
    match heading.split_once(' ') {
        Some((number, rest))
            if number.chars().next().is_some_and(|c| c.is_ascii_digit())
                && number.chars().all(|c| c.is_ascii_digit() || c == '.')
                && (number.contains('.') || number.parse::<u32>().is_ok_and(|n| n < 100)) =>
        {
            rest.trim()
        }
        _ => heading,
    }
}

/// Each key's column, and the language of the header word that named it
/// (none when `--column` named it).
type Columns = Vec<(Key, usize, Option<Lang>)>;

/// The header row (the first of the first ten rows that names a milestone
/// column and one more) and each key's column in it.
fn header(table: &Table, named: &[Named]) -> Result<(usize, Columns), Problem> {
    let first_row = || {
        table
            .rows
            .iter()
            .find(|r| r.iter().any(|c| !c.is_empty()))
            .map(|r| r.iter().map(Cell::text).collect())
            .unwrap_or_default()
    };
    for (index, row) in table.rows.iter().enumerate().take(10) {
        let headers: Vec<String> = row.iter().map(Cell::text).collect();
        let mut columns: Columns = Vec::new();
        for n in named {
            if let Some(i) = headers.iter().position(|h| words(h) == words(&n.header)) {
                columns.push((n.key, i, None));
            }
        }
        for (i, h) in headers.iter().enumerate() {
            if columns.iter().any(|(_, c, _)| *c == i) {
                continue;
            }
            if let Some((key, lang)) = recognise(h)
                && !columns.iter().any(|(k, _, _)| *k == key)
            {
                columns.push((key, i, Some(lang)));
            }
        }
        // A sheet this tool exported names the milestone's id "Milstolpe"
        // beside its "Titel": the title is the title, the milestone its id.
        let titled = headers
            .iter()
            .position(|h| ["titel", "title", "tittel"].contains(&words(h).as_str()));
        if let Some(t) = titled
            && !columns.iter().any(|(_, c, _)| *c == t)
            && let Some(at) = columns.iter().position(|(k, _, _)| *k == Key::Title)
        {
            let id_free = !columns.iter().any(|(k, _, _)| *k == Key::Id);
            let (_, was, lang) = columns.remove(at);
            columns.push((Key::Title, t, lang));
            if id_free {
                columns.push((Key::Id, was, lang));
            }
        }
        let has_title = columns.iter().any(|(k, _, _)| *k == Key::Title);
        if has_title && columns.len() >= 2 {
            if let Some(n) = named
                .iter()
                .find(|n| !headers.iter().any(|h| words(h) == words(&n.header)))
            {
                return Err(Problem::NoSuchHeader {
                    key: n.key,
                    header: n.header.clone(),
                    headers: headers.into_iter().filter(|h| !h.is_empty()).collect(),
                });
            }
            columns.sort_by_key(|(_, i, _)| *i);
            return Ok((index, columns));
        }
    }
    if let Some(n) = named.first() {
        let headers: Vec<String> = first_row();
        if !headers.iter().any(|h| words(h) == words(&n.header)) {
            return Err(Problem::NoSuchHeader {
                key: n.key,
                header: n.header.clone(),
                headers: headers.into_iter().filter(|h| !h.is_empty()).collect(),
            });
        }
    }
    Err(Problem::NoHeader { first_row: first_row() })
}

/// A title or an owner on one line: the line breaks of a narrow table cell
/// are not part of the text.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cost in thousands: `1100`, `1 100`, `1100,5`, `1 100 tkr`; one a
/// roadmap file can hold (below a million billion tkr), else none, and the
/// text is kept in the note.
fn cost(cell: &Cell) -> Option<f64> {
    let n = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) => crate::cost::read_tkr(t)?,
        _ => return None,
    };
    (n.is_finite() && (0.0..1e15).contains(&n)).then_some(n)
}

const BULLETS: &[char] = &['•', '·', '▪', '◦', '○', '●', '-', '–', '—', '*', '\u{F0B7}', '\u{F0A7}'];

/// The steps of a cell: each bullet (or, without bullets, each line) one
/// step; a line that starts without a bullet continues the one before. A
/// trailing party in parentheses, "… (ITSL).", is the step's owner.
pub fn steps(cell: &str) -> Vec<Step> {
    // "• A (Gemensam) • B (ITSL) • C (Kund)" on one line is three steps.
    let split: Vec<String> = cell.lines().flat_map(one_line_bullets).collect();
    let lines: Vec<&str> = split.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    let bulleted = |l: &str| l.starts_with(BULLETS) || numbered(l).is_some();
    let any_bullets = lines.iter().any(|l| bulleted(l));
    let mut items: Vec<String> = Vec::new();
    for line in lines {
        if bulleted(line) || !any_bullets || items.is_empty() {
            let text = numbered(line)
                .unwrap_or_else(|| line.trim_start_matches(BULLETS))
                .trim();
            items.push(text.to_string());
        } else if let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(line);
        }
    }
    items.into_iter().filter(|t| !t.is_empty()).map(|t| party(&t)).collect()
}

/// A line with a bullet inside it as well as before it, split at each:
/// only round and square bullets, which never join words as a dash can.
fn one_line_bullets(line: &str) -> Vec<String> {
    const INLINE: &[char] = &['•', '▪', '◦', '●', '\u{F0B7}', '\u{F0A7}'];
    let trimmed = line.trim();
    let inside = trimmed
        .char_indices()
        .skip(1)
        .filter(|(_, c)| INLINE.contains(c))
        .count();
    if inside == 0 || !trimmed.starts_with(INLINE) {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for c in trimmed.chars() {
        if INLINE.contains(&c) && !current.trim().is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    out.push(current);
    out
}

/// "1. text" or "1) text": the text.
fn numbered(line: &str) -> Option<&str> {
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &line[digits..];
    rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))
}

/// "Genomföra uppstartsmöte (kickoff) med beställare (Gemensam)." is the text
/// "Genomföra uppstartsmöte (kickoff) med beställare." owned by "Gemensam".
/// Only a short parenthesis that starts with a capital letter, at the very
/// end, is taken for a party: "(se bilaga 2)" stays text.
fn party(text: &str) -> Step {
    let trimmed = text.trim_end();
    let (body, tail) = match trimmed.strip_suffix(['.', ';', ',']) {
        Some(body) => (body.trim_end(), &trimmed[body.len()..]),
        None => (trimmed, ""),
    };
    if let Some(open) = body.rfind('(')
        && body.ends_with(')')
    {
        let inside = body[open + 1..body.len() - 1].trim();
        let before = body[..open].trim_end();
        let looks_like_party = !inside.is_empty()
            && inside.chars().count() <= 40
            && inside.split_whitespace().count() <= 5
            && inside.chars().next().is_some_and(char::is_uppercase)
            && !inside.contains(['(', ')'])
            && !before.is_empty();
        if looks_like_party {
            return Step {
                text: format!("{before}{}", tail.trim()),
                owner: Some(inside.to_string()),
                ..Step::default()
            };
        }
    }
    Step {
        text: trimmed.to_string(),
        ..Step::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_three_languages() {
        for (header, key) in [
            ("Nr", Key::Id),
            ("Milstolpe", Key::Title),
            ("Milepæl", Key::Title),
            ("Milestone", Key::Title),
            ("Klart datum", Key::Due),
            ("Klar (tertial)", Key::Due),
            ("Tidsplan", Key::Due),
            ("Frist", Key::Due),
            ("Due", Key::Due),
            ("Klarkriterier", Key::Criteria),
            ("Ferdigkriterier", Key::Criteria),
            ("Done criteria", Key::Criteria),
            ("Beskrivning av milstolpe", Key::Description),
            ("Beskrivelse", Key::Description),
            ("Ansvarig", Key::Owner),
            ("Ansvarlig", Key::Owner),
            ("Owner", Key::Owner),
            ("Kostnad tkr", Key::Cost),
            ("Cost", Key::Cost),
            ("Fas", Key::Phase),
            ("Phase", Key::Phase),
            ("Beskrivning, vad utförs, vem ansvarar", Key::Steps),
        ] {
            assert_eq!(recognise(header).map(|(k, _)| k), Some(key), "{header}");
        }
        assert_eq!(recognise("Övrigt"), None);
    }

    #[test]
    fn bullets_become_steps_with_their_party() {
        let s = steps(
            "• Genomföra uppstartsmöte (kickoff) med beställare och leverantör (Gemensam).\n• Upprätta tidplan (ITSL).\n  fortsätter här\n• Läsa (se bilaga 2)",
        );
        assert_eq!(s.len(), 3);
        assert_eq!(
            s[0].text,
            "Genomföra uppstartsmöte (kickoff) med beställare och leverantör."
        );
        assert_eq!(s[0].owner.as_deref(), Some("Gemensam"));
        assert_eq!(s[1].text, "Upprätta tidplan (ITSL). fortsätter här");
        assert_eq!(s[1].owner, None, "the party is not at the end of the step any more");
        assert_eq!(s[2].text, "Läsa (se bilaga 2)");
        assert_eq!(s[2].owner, None);
        let s = steps("Signering av kontrakt (Kund mha ITSL)");
        assert_eq!(s[0].owner.as_deref(), Some("Kund mha ITSL"));
    }

    #[test]
    fn section_numbers_leave_a_heading_but_years_stay() {
        assert_eq!(without_number("10.2 MVP- och rapportfas"), "MVP- och rapportfas");
        assert_eq!(without_number("2. Tidplan"), "Tidplan");
        assert_eq!(without_number("3 Tidplan"), "Tidplan");
        assert_eq!(without_number("2024 års plan"), "2024 års plan");
        assert_eq!(without_number("Beslutsfas"), "Beslutsfas");
    }

    #[test]
    fn costs_as_people_write_them() {
        assert_eq!(cost(&Cell::Text("1 100".into())), Some(1100.0));
        assert_eq!(cost(&Cell::Text("2,5 tkr".into())), Some(2.5));
        assert_eq!(cost(&Cell::Number(750.0)), Some(750.0));
        assert_eq!(cost(&Cell::Text("ca 500".into())), None);
    }
}
