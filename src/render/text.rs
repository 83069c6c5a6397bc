//! The report as plain text, for a terminal or an e-mail: the document of
//! `report.rs`, a heading per section, lists as indented lines, a table's
//! rows as a line each with its columns named.

use roadmap_core::report::Report;

use super::report::{self as words, Block, Line, Span, Table};
use super::{sanitize, status_word};
use crate::i18n::Language;

fn line(language: &Language, line: &Line) -> String {
    line.0
        .iter()
        .map(|span| match span {
            Span::Text(text) | Span::Strong(text) => text.clone(),
            Span::Light(light) => super::light_word(language, *light).to_uppercase(),
            Span::Status(status) => format!("{} {}", status.symbol(), status_word(language, *status)),
        })
        .collect()
}

/// Each row: its first cell, then the others named by their column.
fn table(language: &Language, table: &Table, out: &mut String) {
    for row in &table.rows {
        let mut cells = row.iter().zip(&table.columns);
        if let Some((first, _)) = cells.next() {
            out.push_str(&format!("  - {}\n", line(language, first)));
        }
        for (cell, column) in cells {
            let text = line(language, cell);
            if text.is_empty() || text == "–" {
                continue;
            }
            let indent = "\n        ";
            out.push_str(&format!("      {}: {}\n", column.title, text.replace('\n', indent)));
        }
    }
}

pub fn render(language: &Language, report: &Report) -> String {
    let doc = words::document(language, report);
    let mut out = String::with_capacity(doc.text_len());
    out.push_str(&format!(
        "{}\n{}\n\n{}: {}.\n",
        doc.title, doc.subtitle, doc.verdict, doc.sentence
    ));
    if let Some(filters) = &doc.filters {
        out.push_str(&format!("{filters}\n"));
    }
    for section in &doc.sections {
        // Plain text draws no pictures: a section that is only a picture is left out.
        if section.blocks.iter().all(|b| matches!(b, Block::Chart(_))) {
            continue;
        }
        out.push_str(&format!(
            "\n{}\n{}\n",
            section.title,
            "─".repeat(section.title.chars().count())
        ));
        for block in &section.blocks {
            match block {
                Block::Paragraph(l) => out.push_str(&format!("{}\n", line(language, l))),
                Block::Empty(text) => out.push_str(&format!("  ({text})\n")),
                Block::List(entries) => {
                    for entry in entries {
                        out.push_str(&format!("  - {}\n", line(language, &entry.line)));
                        for detail in &entry.details {
                            out.push_str(&format!("      {}\n", line(language, detail)));
                        }
                    }
                }
                Block::Table(t) => table(language, t, &mut out),
                Block::Heading(text) => out.push_str(&format!("  {text}\n")),
                Block::Assessment(text) => {
                    for l in text.lines() {
                        out.push_str(&format!("  {l}\n"));
                    }
                }
                // Plain text draws no pictures: the trend's data follows as a
                // table, the timeline's dates are in the lists above.
                Block::Chart(_) => {}
            }
        }
    }
    sanitize(&out).into_owned()
}
