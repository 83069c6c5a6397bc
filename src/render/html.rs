//! The report as one self-contained HTML page: inline CSS and inline SVG
//! charts (`charts.rs`), no scripts and nothing fetched, so it can be
//! published from CI or opened from disk. It draws the document of
//! `report.rs` section by section. It is made to meet WCAG 2.1 AA (public
//! bodies' pages must): the page's language, headings in order, table
//! headers, text for every chart and colours with enough contrast; and to
//! print on A4 with the summary on the first page.

use roadmap_core::report::Report;
use roadmap_core::report::lights::Light;
use roadmap_core::status::Status;

use super::escape_html as escape;
use super::report::{Block, Chart, Document, Line, Span, Table, document};
use crate::i18n::Language;

const STYLE: &str = "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}\
main{max-width:1040px;margin:0 auto;padding:24px}h1{font-size:24px;margin:0}p.sub{margin:2px 0 12px;color:#4a5263}\
h2{font-size:18px;margin:22px 0 6px;border-bottom:1px solid #d8dce3;padding-bottom:3px}\
.verdict{font-size:16px;padding:10px 14px;border-radius:6px;border-left:6px solid;margin:0 0 8px}\
.verdict.red{background:#fdecec;border-color:#c62828}.verdict.yellow{background:#fff8db;border-color:#8a6d00}.verdict.green{background:#e8f5e9;border-color:#2e7d32}\
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:4px 7px;border-bottom:1px solid #e3e6eb;vertical-align:top}\
th{background:#eef0f4;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
ul{background:#fff;padding:6px 8px 6px 26px;margin:0}li{margin:2px 0}\
ul.details{background:none;padding:0 0 0 4px;list-style:none;color:#37404f}\
.dot{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;vertical-align:-1px;box-sizing:border-box}\
td.light{white-space:nowrap}.dot.green{background:#2e7d32}.dot.yellow{background:#f9c513;border:1.5px solid #5c4400}.dot.red{background:#c62828}\
.status{white-space:nowrap}.muted{color:#4a5263}blockquote{margin:0;padding:8px 14px;background:#fff;border-left:4px solid #1565c0}\
blockquote p{margin:4px 0}svg{display:block;width:100%;height:auto;background:#fff}\
h3{font-size:15px;margin:10px 0 4px;color:#37404f}#lights th[scope=row]{width:24%}#lights td:last-child{width:50%}\
@page{size:A4;margin:12mm}\
@media print{body{background:#fff;font-size:9pt;line-height:1.35}main{max-width:none;padding:0}h1{font-size:16pt}p.sub{margin:0 0 6pt}\
h2{font-size:11.5pt;margin:9pt 0 3pt;break-after:avoid}h3{font-size:9.5pt;margin:5pt 0 2pt;break-after:avoid}\
.verdict{font-size:10pt;padding:6px 10px}th,td{padding:2px 5px}ul{padding:2px 6px 2px 20px}li{margin:1px 0}\
blockquote{padding:4px 10px}tr,li{break-inside:avoid}thead{display:table-header-group}}\
@media (max-width:820px){main{padding:12px}h1{font-size:20px}}";

/// A light as a coloured dot (for the eye) and its word (for everyone).
fn light(language: &Language, light: Light) -> String {
    let class = match light {
        Light::Green => "green",
        Light::Yellow => "yellow",
        Light::Red => "red",
    };
    format!(
        "<span class=\"dot {class}\" aria-hidden=\"true\"></span>{}",
        escape(&super::light_word(language, light))
    )
}

fn status(language: &Language, status: Status) -> String {
    format!(
        "<span class=\"status\" style=\"color:{}\">{} {}</span>",
        super::charts::colour(status),
        status.symbol(),
        escape(&super::status_word(language, status))
    )
}

fn line(language: &Language, line: &Line) -> String {
    line.0
        .iter()
        .map(|span| match span {
            Span::Text(text) => escape(text).replace('\n', "<br>"),
            Span::Strong(text) => format!("<strong>{}</strong>", escape(text)),
            Span::Light(l) => light(language, *l),
            Span::Status(s) => status(language, *s),
        })
        .collect()
}

fn table(language: &Language, table: &Table) -> String {
    let class = |numeric: bool| if numeric { " class=\"n\"" } else { "" };
    let head: String = table
        .columns
        .iter()
        .map(|c| format!("<th scope=\"col\"{}>{}</th>", class(c.numeric), escape(&c.title)))
        .collect();
    let mut out = format!("<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
            if i == 0 {
                out.push_str(&format!("<th scope=\"row\">{}</th>", line(language, cell)));
            } else {
                let lights = cell.0.len() == 1 && matches!(cell.0[0], Span::Light(_));
                let class = if lights {
                    " class=\"light\""
                } else {
                    class(column.numeric)
                };
                out.push_str(&format!("<td{class}>{}</td>", line(language, cell)));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The project lead's Markdown as HTML: raw HTML in it is left out and
/// links are only kept when safe (comrak's defaults), control characters
/// are made visible first.
fn assessment(text: &str) -> String {
    let options = comrak::Options::default();
    let html = comrak::markdown_to_html(&super::sanitize(text), &options);
    format!("<blockquote>\n{html}</blockquote>\n")
}

fn block(language: &Language, report: &Report, block: &Block) -> String {
    match block {
        Block::Paragraph(l) => format!("<p>{}</p>\n", line(language, l)),
        Block::Empty(text) => format!("<p class=\"muted\">{}</p>\n", escape(text)),
        Block::List(entries) => {
            let mut out = String::from("<ul>\n");
            for entry in entries {
                out.push_str(&format!("<li>{}", line(language, &entry.line)));
                if !entry.details.is_empty() {
                    out.push_str("<ul class=\"details\">");
                    for detail in &entry.details {
                        out.push_str(&format!("<li>{}</li>", line(language, detail)));
                    }
                    out.push_str("</ul>");
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
            out
        }
        Block::Table(t) => table(language, t),
        Block::Assessment(text) => assessment(text),
        Block::Heading(text) => format!("<h3>{}</h3>\n", escape(text)),
        Block::Chart(Chart::Timeline) => super::charts::timeline(language, report),
        Block::Chart(Chart::Trend) => super::charts::trend(language, report),
    }
}

pub fn render(language: &Language, report: &Report) -> String {
    draw(language, report, &document(language, report))
}

fn draw(language: &Language, report: &Report, doc: &Document) -> String {
    let class = match doc.light {
        Light::Green => "green",
        Light::Yellow => "yellow",
        Light::Red => "red",
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<p class=\"verdict {class}\"><strong>{}</strong>: {}.</p>\n",
        language.lang.code(),
        escape(&doc.title),
        escape(&doc.title),
        escape(&doc.subtitle),
        escape(&doc.verdict),
        escape(&doc.sentence)
    );
    if let Some(filters) = &doc.filters {
        out.push_str(&format!("<p>{}</p>\n", escape(filters)));
    }
    for section in &doc.sections {
        out.push_str(&format!(
            "<section id=\"{}\">\n<h2>{}</h2>\n",
            section.id,
            escape(&section.title)
        ));
        for b in &section.blocks {
            out.push_str(&block(language, report, b));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
