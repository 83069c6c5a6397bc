//! The report as GitHub-flavoured Markdown, with a Mermaid Gantt chart.

use roadmap_core::Result;
use roadmap_core::report::Report;

use super::report::{self as words, Block, Chart, Line, Span, Table};
use super::{Page, mermaid, status_word};
use crate::i18n::Language;

/// Escapes text so Markdown shows it as written: no emphasis, links, HTML or
/// table breaks from a title that happens to hold `*`, `_`, `<` or `|`, and
/// control characters made visible escapes first (`terminal::sanitize`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// `escape(text)`, written onto the end of `out`: a 10k report has tens of
/// thousands of cells, each written where it goes rather than made apart.
fn push_escaped(out: &mut String, text: &str) {
    let text = super::sanitize(text);
    out.reserve(text.len());
    let markup = |b| {
        matches!(
            b,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'#' | b'~'
        )
    };
    super::push_in_runs(out, &text, markup, push_escaped_char);
}

/// One character as Markdown shows it as written: markup escaped, a line
/// break as a space, any other control character left out.
fn push_escaped_char(out: &mut String, c: char) {
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

/// A line of spans, written onto the end of `out`.
fn push_line(out: &mut String, language: &Language, line: &Line) {
    for span in &line.0 {
        match span {
            Span::Text(text) => push_escaped_lines(out, text),
            Span::Strong(text) => {
                out.push_str("**");
                push_escaped(out, text);
                out.push_str("**");
            }
            Span::Light(light) => out.push_str(&super::light_mark(language, *light)),
            Span::Status(status) => {
                out.push_str(status.symbol());
                out.push(' ');
                push_escaped(out, &status_word(language, *status));
            }
        }
    }
}

/// Text that may hold line breaks, for a table cell or a list item: its
/// lines joined by `<br>`.
fn push_escaped_lines(out: &mut String, text: &str) {
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        push_escaped(out, part);
    }
}

fn table(page: &mut dyn Page, language: &Language, table: &Table) -> Result<()> {
    let out = page.text();
    out.push_str("| ");
    for (i, column) in table.columns.iter().enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        push_escaped(out, &column.title);
    }
    out.push_str(" |\n|");
    for column in &table.columns {
        out.push_str(if column.numeric { "---:|" } else { "---|" });
    }
    out.push('\n');
    for row in &table.rows {
        let out = page.text();
        out.push_str("| ");
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            push_line(out, language, cell);
        }
        out.push_str(" |\n");
        page.spill()?;
    }
    Ok(())
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

/// Draws the report onto `page`, a whole line at a time where it may be long.
pub fn render(language: &Language, report: &Report, fence: Fence, page: &mut dyn Page) -> Result<()> {
    // The heading, then each section made as it is drawn: onto standard
    // output, a national portfolio's report is never held whole.
    let doc = words::heading(language, report);
    page.room(doc.text_len());
    let out = page.text();
    out.push_str(&format!(
        "# {}\n\n_{}_\n\n**{}**: {}.\n",
        escape(&doc.title),
        escape(&doc.subtitle),
        escape(&doc.verdict),
        escape(&doc.sentence)
    ));
    if let Some(filters) = &doc.filters {
        out.push_str(&format!("\n{}\n", escape(filters)));
    }
    for section in words::sections(language, report) {
        let has_chart = section.blocks.contains(&Block::Chart(Chart::Timeline));
        page.room(section.text_len() + if has_chart { mermaid::room(report) } else { 0 });
        page.text().push_str(&format!("\n## {}\n\n", escape(&section.title)));
        for (i, block) in section.blocks.iter().enumerate() {
            if i > 0 {
                page.text().push('\n');
            }
            match block {
                Block::Paragraph(l) => {
                    push_line(page.text(), language, l);
                    page.text().push('\n');
                }
                Block::Empty(text) => page.text().push_str(&format!("_{}_\n", escape(text))),
                Block::List(entries) => {
                    for entry in entries {
                        let out = page.text();
                        out.push_str("- ");
                        push_line(out, language, &entry.line);
                        out.push('\n');
                        for detail in &entry.details {
                            out.push_str("  - ");
                            push_line(out, language, detail);
                            out.push('\n');
                        }
                        page.spill()?;
                    }
                }
                Block::Table(t) => table(page, language, t)?,
                Block::Assessment(text) => page.text().push_str(&assessment(text)),
                Block::Heading(text) => page.text().push_str(&format!("### {}\n", escape(text))),
                Block::Chart(Chart::Timeline) => {
                    let (open, close) = match fence {
                        Fence::Backticks => ("```mermaid\n", "```\n"),
                        Fence::Colons => ("::: mermaid\n", ":::\n"),
                    };
                    page.text().push_str(open);
                    mermaid::gantt(language, report, page)?;
                    page.text().push_str(close);
                }
                // The trend's data follows as a table; Markdown draws no picture.
                Block::Chart(Chart::Trend) => {}
            }
            page.spill()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_escaped_as_when_read_one_at_a_time() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("a{c}b"),
                format!("{c}\u{c2}*{c}"),
                format!("ä{c}\n"),
            ] {
                let by_char = crate::render::escaped_char_by_char(&text, push_escaped_char);
                assert_eq!(escape(&text), by_char, "{text:?}");
            }
        }
    }

    #[test]
    fn markup_and_controls_in_text_show_as_written() {
        assert_eq!(escape("<script>*x*</script>"), "\\<script\\>\\*x\\*\\</script\\>");
        assert_eq!(escape("a\u{1b}[2J"), "a\\\\u{1b}\\[2J");
    }
}
