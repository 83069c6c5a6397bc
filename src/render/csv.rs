//! CSV as RFC 4180 says: CRLF line ends, a field quoted when it holds a comma,
//! a double quote or a line break, and quotes inside doubled. Text from the
//! files is untrusted: control characters are written as visible escapes
//! (`terminal::sanitize`), and a cell a spreadsheet would read as a formula
//! (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a `'`
//! in front, as OWASP recommends against CSV injection.

use roadmap_core::export::{RowStatus, SheetRow};
use roadmap_core::state::Mark;
use roadmap_core::status::Status;

use crate::i18n::{Language, t};

/// Who the file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Scripts and imports: RFC 4180 with `,`, column keys and status values
    /// that never change with the language.
    Plain,
    /// A person opening it in Excel with Swedish or Norwegian settings: `;`
    /// between fields, a byte-order mark (or Excel reads UTF-8 as Latin-1),
    /// the header and the statuses in the language, decimal commas.
    Excel,
}

pub const KEYS: [&str; 13] = [
    "roadmap",
    "milestone",
    "step",
    "title",
    "owner",
    "due",
    "start",
    "end",
    "status",
    "cost_tkr",
    "done_by",
    "done_on",
    "note",
];

/// The spreadsheet export: a header row, then a row per milestone and per step.
pub fn spreadsheet(language: &Language, dialect: Dialect, rows: &[SheetRow<'_>]) -> String {
    let header: Vec<String> = match dialect {
        Dialect::Plain => KEYS.iter().map(std::string::ToString::to_string).collect(),
        Dialect::Excel => KEYS
            .iter()
            .map(|k| language.text(&format!("csv-{}", k.replace('_', "-")), None))
            .collect(),
    };
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.roadmap.id.clone(),
                r.milestone.id.clone(),
                r.step.map(|n| n.to_string()).unwrap_or_default(),
                r.title.to_string(),
                r.owner.unwrap_or_default().to_string(),
                r.due.map(|d| d.label().to_string()).unwrap_or_default(),
                day(r.due.and_then(roadmap_core::due::Due::start)),
                day(r.due.and_then(roadmap_core::due::Due::end)),
                match dialect {
                    Dialect::Plain => r.status.as_str().to_string(),
                    Dialect::Excel => status(language, r.status),
                },
                r.cost_tkr
                    .map(|c| match dialect {
                        Dialect::Plain => c.to_string(),
                        // Grouping would make Excel read it as text.
                        Dialect::Excel => c.to_string().replace('.', ","),
                    })
                    .unwrap_or_default(),
                r.done_by.unwrap_or_default().to_string(),
                day(r.done_on),
                r.notes.join("\n"),
            ]
        })
        .collect();
    match dialect {
        Dialect::Plain => write(',', &header, &rows),
        Dialect::Excel => format!("\u{feff}{}", write(';', &header, &rows)),
    }
}

/// A row's status or mark in words, for the Excel dialect.
pub fn status(language: &Language, value: RowStatus) -> String {
    match value {
        RowStatus::Milestone(status) => super::status_word(language, status),
        RowStatus::Step(Mark::Done) => super::status_word(language, Status::Done),
        RowStatus::Step(Mark::Skipped) => super::status_word(language, Status::Skipped),
        RowStatus::Step(Mark::Open) => t!(language, "mark-open"),
    }
}

/// One field, neutralised (see the module's comment) and quoted when it
/// holds the separator, a quote or a line break.
pub fn field(separator: char, text: &str) -> String {
    let visible = super::sanitize(text);
    let text = if visible.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{visible}")
    } else {
        visible.into_owned()
    };
    if text.contains([separator, '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn write(separator: char, header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |fields: &[String]| {
        let quoted: Vec<String> = fields.iter().map(|f| field(separator, f)).collect();
        quoted.join(&separator.to_string()) + "\r\n"
    };
    out.push_str(&line(header));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_only_what_needs_it() {
        let field = |text| super::field(',', text);
        assert_eq!(field("Val av teknik"), "Val av teknik");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("\"Säkra\" möten"), "\"\"\"Säkra\"\" möten\"");
        assert_eq!(field("rad 1\nrad 2"), "\"rad 1\nrad 2\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(super::field(';', "a; b, c"), "\"a; b, c\"");
        assert_eq!(
            super::write(',', &["a".into(), "b".into()], &[vec!["1".into(), "x,y".into()]]),
            "a,b\r\n1,\"x,y\"\r\n"
        );
    }
}
