//! A risk table (a sheet "Risker" beside the plan, a table in a document):
//! each row a risk with its likelihood and consequence, the action and who
//! owns it, read into the risk log. A risk already in the log with the same
//! text is updated, never added twice, so importing again changes only what
//! the sheet changed.

use super::read::{Cell, Table};
use crate::risk::Risk;
use crate::state::RiskFields;
use crate::state::change::Change;
use crate::target::Target;

/// What a column of a risk table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Risk,
    Likelihood,
    Impact,
    Action,
    Owner,
}

/// Header words, Swedish, Norwegian and English, the more specific first.
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Likelihood,
        &["sannolikhet", "sannsynlighet", "likelihood", "probability", "s"],
    ),
    (
        Column::Impact,
        &["konsekvens", "konsekvenser", "impact", "consequence", "k"],
    ),
    (
        Column::Action,
        &[
            "åtgärd",
            "åtgärder",
            "åtgärdsplan",
            "tiltak",
            "action",
            "actions",
            "mitigation",
        ],
    ),
    (Column::Owner, &["ansvarig", "ansvarlig", "ägare", "eier", "owner"]),
    (
        Column::Risk,
        &[
            "risk",
            "risker",
            "riskbeskrivning",
            "beskrivning",
            "risiko",
            "risikoer",
            "risikobeskrivelse",
            "risks",
            "description",
        ],
    ),
];

/// One risk as the table gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskRow {
    /// The row in the table, counted from 1.
    pub row: usize,
    pub text: String,
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub action: Option<String>,
    pub owner: Option<String>,
}

/// The risks in `table`, if it is a risk table: a header row (in the
/// first ten) that names the risk and its likelihood or consequence.
pub fn risk_rows(table: &Table) -> Option<Vec<RiskRow>> {
    let words = |cell: &Cell| super::words(&cell.text());
    let (header_row, columns) = table.rows.iter().take(10).enumerate().find_map(|(index, row)| {
        let mut columns: Vec<(Column, usize)> = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            let header = words(cell);
            if let Some((column, _)) = HEADERS.iter().find(|(c, names)| {
                !columns.iter().any(|(k, _)| k == c) && names.iter().any(|n| super::has_phrase(&header, n))
            }) {
                columns.push((*column, i));
            }
        }
        let has = |c: Column| columns.iter().any(|(k, _)| *k == c);
        (has(Column::Risk) && (has(Column::Likelihood) || has(Column::Impact))).then_some((index, columns))
    })?;
    let col = |c: Column| columns.iter().find(|(k, _)| *k == c).map(|(_, i)| *i);
    let mut rows = Vec::new();
    for (index, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        let get = |c: Column| col(c).and_then(|i| row.get(i)).filter(|c| !c.is_empty());
        let Some(text) = get(Column::Risk).map(|c| super::one_line(&c.text())) else {
            continue;
        };
        rows.push(RiskRow {
            row: index + 1,
            text,
            likelihood: get(Column::Likelihood).and_then(score),
            impact: get(Column::Impact).and_then(score),
            action: get(Column::Action).map(Cell::text),
            owner: get(Column::Owner).map(|c| super::one_line(&c.text())),
        });
    }
    Some(rows)
}

/// A score from 1 to 5, as a number or its digit.
fn score(cell: &Cell) -> Option<u8> {
    let n = match cell {
        Cell::Number(n) if n.fract() == 0.0 => *n,
        Cell::Text(t) => t.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (1.0..=5.0).contains(&n).then(|| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole number from 1 to 5"
        )]
        let n = n as u8;
        n
    })
}

/// What importing `rows` into the risk log of `roadmap` changes.
#[derive(Debug, Default)]
pub struct RiskImport {
    pub changes: Vec<Change>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows without a likelihood or a consequence from 1 to 5: their row and text.
    pub unscored: Vec<(usize, String)>,
}

/// The changes that bring the risk log of `roadmap` to what `rows` say: a
/// risk of the same text is updated in what differs (a closed one stays
/// closed: the log, not the sheet, says when a risk is over), a new text is
/// a new risk; `note` says where it was read.
pub fn import_risks(rows: &[RiskRow], roadmap: &str, log: &[Risk], note: &str) -> RiskImport {
    let folded = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut out = RiskImport::default();
    for row in rows {
        let existing = log
            .iter()
            .find(|r| r.roadmap == roadmap && folded(&r.text) == folded(&row.text));
        if let Some(risk) = existing {
            let fields = RiskFields {
                likelihood: row.likelihood.filter(|n| *n != risk.likelihood),
                impact: row.impact.filter(|n| *n != risk.impact),
                owner: row.owner.clone().filter(|o| Some(o) != risk.owner.as_ref()),
                action: row.action.clone().filter(|a| Some(a) != risk.action.as_ref()),
                ..RiskFields::default()
            };
            if fields == RiskFields::default() {
                out.unchanged += 1;
            } else {
                out.updated += 1;
                out.changes.push(Change::Risk {
                    target: Target::risk(roadmap, &risk.id),
                    fields,
                    note: Some(note.to_string()),
                });
            }
            continue;
        }
        let (Some(likelihood), Some(impact)) = (row.likelihood, row.impact) else {
            out.unscored.push((row.row, row.text.clone()));
            continue;
        };
        out.added += 1;
        out.changes.push(Change::Risk {
            target: Target::risk(roadmap, &crate::risk::new_id()),
            fields: RiskFields {
                text: Some(row.text.clone()),
                likelihood: Some(likelihood),
                impact: Some(impact),
                owner: row.owner.clone(),
                action: row.action.clone(),
                ..RiskFields::default()
            },
            note: Some(note.to_string()),
        });
    }
    out
}
