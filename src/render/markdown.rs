//! The report as GitHub-flavoured Markdown, with a Mermaid Gantt chart.

use roadmap_core::report::Report;

use super::report::{self as words, Block, Chart, Line, Span, Table};
use super::status_word;
use crate::i18n::Language;

/// Escapes text so Markdown shows it as written: no emphasis, links, HTML or
/// table breaks from a title that happens to hold `*`, `_`, `<` or `|`, and
/// control characters made visible escapes first (`terminal::sanitize`).
pub fn escape(text: &str) -> String {
    let text = super::sanitize(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn line(language: &Language, line: &Line) -> String {
    line.0
        .iter()
        .map(|span| match span {
            Span::Text(text) => escape_lines(text),
            Span::Strong(text) => format!("**{}**", escape(text)),
            Span::Light(light) => super::light_mark(language, *light),
            Span::Status(status) => format!("{} {}", status.symbol(), escape(&status_word(language, *status))),
        })
        .collect()
}

/// Text that may hold line breaks, for a table cell or a list item.
fn escape_lines(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("<br>")
}

fn table(language: &Language, table: &Table) -> String {
    let head: Vec<String> = table.columns.iter().map(|c| escape(&c.title)).collect();
    let align: String = table
        .columns
        .iter()
        .map(|c| if c.numeric { "---:|" } else { "---|" })
        .collect();
    let mut out = format!("| {} |\n|{align}\n", head.join(" | "));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|cell| line(language, cell)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The project lead's words as a quotation: their Markdown kept, every line quoted.
fn assessment(text: &str) -> String {
    let text = super::sanitize(text);
    text.lines()
        .map(|l| format!("> {l}\n").replace(">  \n", ">\n"))
        .collect::<String>()
        .replace("> \n", ">\n")
}

/// How the Mermaid chart is fenced: ```` ```mermaid ```` (GitHub, GitLab)
/// or `::: mermaid` (Azure DevOps' wiki).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Fence {
    #[value(name = "backticks")]
    Backticks,
    #[value(name = "azure")]
    Colons,
}

pub fn render(language: &Language, report: &Report, fence: Fence) -> String {
    let doc = words::document(language, report);
    let mut out = format!(
        "# {}\n\n_{}_\n\n**{}**: {}.\n",
        escape(&doc.title),
        escape(&doc.subtitle),
        escape(&doc.verdict),
        escape(&doc.sentence)
    );
    if let Some(filters) = &doc.filters {
        out.push_str(&format!("\n{}\n", escape(filters)));
    }
    for section in &doc.sections {
        out.push_str(&format!("\n## {}\n\n", escape(&section.title)));
        for (i, block) in section.blocks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            match block {
                Block::Paragraph(l) => out.push_str(&format!("{}\n", line(language, l))),
                Block::Empty(text) => out.push_str(&format!("_{}_\n", escape(text))),
                Block::List(entries) => {
                    for entry in entries {
                        out.push_str(&format!("- {}\n", line(language, &entry.line)));
                        for detail in &entry.details {
                            out.push_str(&format!("  - {}\n", line(language, detail)));
                        }
                    }
                }
                Block::Table(t) => out.push_str(&table(language, t)),
                Block::Assessment(text) => out.push_str(&assessment(text)),
                Block::Heading(text) => out.push_str(&format!("### {}\n", escape(text))),
                Block::Chart(Chart::Timeline) => {
                    let (open, close) = match fence {
                        Fence::Backticks => ("```mermaid\n", "```\n"),
                        Fence::Colons => ("::: mermaid\n", ":::\n"),
                    };
                    out.push_str(open);
                    out.push_str(&super::mermaid::gantt(language, report));
                    out.push_str(close);
                }
                // The trend's data follows as a table; Markdown draws no picture.
                Block::Chart(Chart::Trend) => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_in_text_show_as_written() {
        assert_eq!(escape("<script>*x*</script>"), "\\<script\\>\\*x\\*\\</script\\>");
        assert_eq!(escape("a\u{1b}[2J"), "a\\\\u{1b}\\[2J");
    }
}
