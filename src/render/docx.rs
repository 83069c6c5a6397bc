//! The report as a Word document, for the steering group's register and for
//! editing before it is sent. It draws the document of `report.rs` in the
//! same order as the HTML page: the title and verdict, then each section
//! under a Word heading style (so the navigation pane and screen readers
//! find them), tables as Word tables whose header row repeats on every
//! page, and the charts as pictures rasterised from the same SVG as the
//! page (resvg) with their description as alt text. A4 portrait with the
//! page's margins, the reader's language on every run and in the document's
//! properties. docx-rust writes the parts; what goes in them is here.

use std::io::Cursor;

use chrono::NaiveDate;
use docx_rust::Docx;
use docx_rust::content_type::{DefaultContentType, OverrideContentType};
use docx_rust::document::{
    AbstractNum, AbstractNumId, Blip, BlipFill, BodyContent, Break, CNvPicPr, CNvPr, DocPr, Drawing, Ext, Extent,
    FillRect, Graphic, GraphicData, Inline, Level, LevelStart, LevelText, Num, NumFmt, Numbering, NvPicPr, Offset, PPr,
    Paragraph, Picture, PrstGeom, Run, SpPr, Stretch, Table as WordTable, TableCell, TableGrid, TableRow, TextSpace,
    Xfrm,
};
use docx_rust::formatting::{
    Bold, BorderStyle, Borders, BottomBorder, CharacterProperty, Color, Fonts, Indent, InsideHorizonBorder, Italics,
    Justification, JustificationVal, KeepNext, Lang as WordLang, LeftBorder, NumberingProperty, OutlineLvl, PageMargin,
    PageSize, ParagraphProperty, SectionProperty, Size, Spacing, TableBorders, TableHeader, TableProperty,
    TableRowProperty, TableWidth, TableWidthUnit, TopBorder,
};
use docx_rust::rels::Relationships;
use docx_rust::styles::{BasedOn, DefaultStyle, Style, StyleType};
use roadmap_core::report::Report;
use roadmap_core::report::lights::Light;
use roadmap_core::{Error, Result};

use super::report::{Block, Chart, Document, Line, Span, Table, document};
use crate::i18n::{Language, t};
use roadmap_core::lang::Lang;

/// A4 in twentieths of a point, and the HTML page's 12 mm margins.
const PAGE_WIDTH: isize = 11_906;
const PAGE_HEIGHT: isize = 16_838;
const MARGIN: isize = 680;
/// The width and height text may take, in twips and in EMU (914,400 an inch).
const TEXT_WIDTH: isize = PAGE_WIDTH - 2 * MARGIN;
const EMU_PER_TWIP: f64 = 635.0;
/// The most of a page a picture may take, so it never runs off the page.
const PICTURE_HEIGHT: isize = PAGE_HEIGHT - 2 * MARGIN - 1_400;
/// Charts are rasterised at this many pixels per SVG unit: 2,000 pixels
/// across the 186 mm of text, about 270 dpi.
const SCALE: f32 = 2.0;
/// The most pixels a chart is drawn with, whatever its height.
const MAX_PIXELS: f32 = 24_000_000.0;

const SCHEMA_IMAGE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
const SCHEMA_CORE: &str = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const SCHEMA_NUMBERING: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
const CONTENT_NUMBERING: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";

/// The report as a `.docx` file's bytes.
pub fn render(language: &Language, report: &Report) -> Result<Vec<u8>> {
    let doc = document(language, report);
    let options = svg_options();
    let pictures: Vec<Placed> = charts(&doc)
        .into_iter()
        .filter_map(|chart| {
            let svg = match chart {
                Chart::Timeline => super::charts::timeline(language, report),
                Chart::Trend => super::charts::trend(language, report),
            };
            Some((chart, rasterise(&options, &svg)?))
        })
        .enumerate()
        .map(|(i, (chart, raster))| Placed {
            chart,
            raster,
            target: format!("media/chart{}.png", i + 1),
            // The relationships below are numbered from one in this order.
            relationship: format!("rId{}", i + 1),
        })
        .collect();
    let mut body = Body {
        language,
        report,
        pictures: &pictures,
        content: Vec::new(),
    };
    body.document(&doc);
    let content = body.content;
    let mut docx = Docx::default();
    docx.styles.default(defaults(language.lang));
    for style in styles() {
        docx.styles.push(style);
    }
    docx.numbering = Some(bullets());
    // docx-rust's content types name an app.xml it does not write here.
    docx.content_types.overrides.retain(|o| o.part != "/docProps/app.xml");
    docx.content_types.overrides.push(OverrideContentType {
        part: "/word/numbering.xml".into(),
        ty: CONTENT_NUMBERING.into(),
    });
    docx.content_types.defaults.push(DefaultContentType {
        ext: "png".into(),
        ty: "image/png".into(),
    });
    // The pictures' relationships first, so their ids are the ones the
    // pictures refer to; docx-rust adds its own after them.
    let mut rels = Relationships::default();
    for picture in &pictures {
        rels.add_rel(SCHEMA_IMAGE, &picture.target);
        docx.media.insert(
            picture.target.clone(),
            (docx_rust::media::MediaType::Image, &picture.raster.png),
        );
    }
    rels.add_rel(SCHEMA_NUMBERING, "numbering.xml");
    docx.document_rels = Some(rels);
    for item in content {
        docx.document.push(item);
    }
    docx.document.push(section());
    // docx-rust names the core properties' relationship wrongly and writes
    // no W3CDTF type on their dates, so Word and python-docx would not find
    // them: the part is written here, under the relationship OPC defines.
    docx.rels.add_rel(SCHEMA_CORE, "docProps/core.xml");
    docx.custom_xml.insert(
        "docProps/core.xml".to_string(),
        core_properties(&doc, language.lang, report.today).into(),
    );
    let written = docx.write(Cursor::new(Vec::new())).map_err(|e| {
        Error::refused(
            format!("the Word document could not be written: {e}"),
            "report this as a bug",
        )
    })?;
    Ok(written.into_inner())
}

/// The document's properties (OPC core properties): its title, the
/// verdict as its subject, the reader's language, and the day it is as of
/// as its date.
fn core_properties(doc: &Document, lang: Lang, day: NaiveDate) -> Vec<u8> {
    let escape = |text: &str| super::escape_html(&clean(text));
    let day = day.format("%Y-%m-%dT00:00:00Z");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:subject>{}: {}</dc:subject><dc:creator>roadmap</dc:creator><dc:language>{}</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">{day}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{day}</dcterms:modified></cp:coreProperties>",
        escape(&doc.title),
        escape(&doc.verdict),
        escape(&doc.sentence),
        tag(lang)
    )
    .into_bytes()
}

/// A length in twips as EMU, the unit of pictures' sizes.
fn emu(twips: isize) -> f64 {
    f64::from(i32::try_from(twips).unwrap_or(i32::MAX)) * EMU_PER_TWIP
}

/// The charts the document shows, in order.
fn charts(doc: &Document) -> Vec<Chart> {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Chart(chart) => Some(*chart),
            _ => None,
        })
        .collect()
}

/// The language tag Word spells the reader's language with.
fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv-SE",
        Lang::Nb => "nb-NO",
        Lang::En => "en-GB",
    }
}

/// A chart drawn as PNG, with its size in SVG units.
struct Raster {
    png: Vec<u8>,
    width: f32,
    height: f32,
}

/// A chart's picture, where it is in the package and the relationship the
/// document refers to it by.
struct Placed {
    chart: Chart,
    raster: Raster,
    target: String,
    relationship: String,
}

/// How the charts' SVG is read: with the system's fonts, the charts' own
/// `system-ui, sans-serif` resolved to a sans-serif face that is there.
fn svg_options() -> resvg::usvg::Options<'static> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    let families: Vec<String> = fonts
        .faces()
        .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
        .collect();
    let preferred = [
        "Arial",
        "Liberation Sans",
        "Helvetica",
        "DejaVu Sans",
        "Noto Sans",
        "Segoe UI",
    ];
    if let Some(family) = preferred
        .iter()
        .find(|p| families.iter().any(|f| f == *p))
        .map(ToString::to_string)
        .or_else(|| families.first().cloned())
    {
        fonts.set_sans_serif_family(family);
    }
    options
}

/// The SVG drawn as PNG, or nothing if it cannot be drawn: the alt text and
/// the tables still say it all.
fn rasterise(options: &resvg::usvg::Options, svg: &str) -> Option<Raster> {
    let tree = resvg::usvg::Tree::from_str(svg, options).ok()?;
    let size = tree.size();
    let (width, height) = (size.width(), size.height());
    let scale = SCALE.min((MAX_PIXELS / (width * height)).sqrt());
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // bounded by MAX_PIXELS
    let mut pixmap = resvg::tiny_skia::Pixmap::new((width * scale).ceil() as u32, (height * scale).ceil() as u32)?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Some(Raster {
        png: pixmap.encode_png().ok()?,
        width,
        height,
    })
}

/// Text as Word may hold it: control characters made visible, as every
/// layout does, and the two non-characters XML forbids replaced.
fn clean(text: &str) -> String {
    super::sanitize(text)
        .chars()
        .map(|c| {
            if matches!(c, '\u{fffe}' | '\u{ffff}') {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// A run of text, its line breaks kept.
fn run(text: &str, property: CharacterProperty<'static>) -> Run<'static> {
    let mut out = Run::default().property(property);
    for (i, part) in clean(text).split('\n').enumerate() {
        if i > 0 {
            out = out.push_break(Break::from(None));
        }
        out = out.push_text((part.to_string(), TextSpace::Preserve));
    }
    out
}

fn plain() -> CharacterProperty<'static> {
    CharacterProperty::default()
}

fn bold() -> CharacterProperty<'static> {
    CharacterProperty::default().bold(Bold::from(true))
}

fn italic() -> CharacterProperty<'static> {
    CharacterProperty::default().italics(Italics::from(true))
}

fn coloured(hex: &str) -> CharacterProperty<'static> {
    CharacterProperty::default().color(Color::from(hex.to_string()))
}

/// A light's colour as text on white: dark enough to read (the yellow is
/// the HTML's amber border, not its fill).
fn light_colour(light: Light) -> &'static str {
    match light {
        Light::Green => "2E7D32",
        Light::Yellow => "8A6D00",
        Light::Red => "C62828",
    }
}

/// A light or a status as its colour and its mark and word, held on one
/// line; any other span as itself.
fn marked(language: &Language, span: &Span) -> (&'static str, String) {
    match span {
        Span::Light(light) => (
            light_colour(*light),
            format!("●\u{a0}{}", super::light_word(language, *light)),
        ),
        Span::Status(status) => (
            &super::charts::colour(*status)[1..],
            format!("{}\u{a0}{}", status.symbol(), super::status_word(language, *status)),
        ),
        Span::Text(text) | Span::Strong(text) => ("1D2330", text.clone()),
    }
}

fn paragraph(style: Option<&str>) -> Paragraph<'static> {
    let property = ParagraphProperty::default();
    Paragraph::default().property(match style {
        Some(id) => property.style_id(id.to_string()),
        None => property,
    })
}

/// The paragraphs of the body, drawn from the document's blocks.
struct Body<'a> {
    language: &'a Language,
    report: &'a Report<'a>,
    pictures: &'a [Placed],
    content: Vec<BodyContent<'static>>,
}

impl Body<'_> {
    fn document(&mut self, doc: &Document) {
        self.push(paragraph(Some("Heading1")).push(run(&doc.title, plain())));
        self.push(paragraph(Some("Subtitle")).push(run(&doc.subtitle, plain())));
        let verdict = paragraph(Some("Verdict"))
            .push(run("● ", coloured(light_colour(doc.light))))
            .push(run(&doc.verdict, bold()))
            .push(run(&format!(": {}.", doc.sentence), plain()));
        self.push(verdict);
        if let Some(filters) = &doc.filters {
            self.push(paragraph(None).push(run(filters, plain())));
        }
        for section in &doc.sections {
            self.push(paragraph(Some("Heading2")).push(run(&section.title, plain())));
            for block in &section.blocks {
                self.block(block);
            }
        }
    }

    fn push(&mut self, paragraph: Paragraph<'static>) {
        self.content.push(BodyContent::Paragraph(paragraph));
    }

    /// `line`'s spans as runs of `paragraph`; `strong`, its text in bold
    /// (a table's first column, which names the row).
    fn line(&self, paragraph: Paragraph<'static>, line: &Line, strong: bool) -> Paragraph<'static> {
        let language = self.language;
        let mut out = paragraph;
        for span in &line.0 {
            out = match span {
                Span::Text(text) if !strong => out.push(run(text, plain())),
                Span::Text(text) | Span::Strong(text) => out.push(run(text, bold())),
                Span::Light(_) | Span::Status(_) => {
                    let (colour, text) = marked(language, span);
                    out.push(run(&text, coloured(colour)))
                }
            };
        }
        out
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(line) => {
                let p = self.line(paragraph(None), line, false);
                self.push(p);
            }
            Block::Empty(text) => {
                self.push(paragraph(None).push(run(text, italic())));
            }
            Block::List(entries) => {
                for entry in entries {
                    let p = self.line(bulleted(0), &entry.line, false);
                    self.push(p);
                    for detail in &entry.details {
                        let p = self.line(paragraph(Some("Detail")), detail, false);
                        self.push(p);
                    }
                }
            }
            Block::Table(table) => {
                let t = self.table(table);
                self.content.push(BodyContent::Table(t));
                // Word joins two tables that touch; a paragraph keeps them apart.
                self.push(paragraph(Some("After")));
            }
            Block::Assessment(text) => self.assessment(text),
            Block::Heading(text) => self.push(paragraph(Some("Heading3")).push(run(text, plain()))),
            Block::Chart(chart) => self.chart_and_table(*chart),
        }
    }

    fn table(&self, table: &Table) -> WordTable<'static> {
        let mut grid = TableGrid::default();
        for width in column_widths(self.language, table) {
            grid = grid.push_column(width);
        }
        let border = || {
            Some(
                BottomBorder::default()
                    .style(BorderStyle::Single)
                    .size(4isize)
                    .color("D8DCE3"),
            )
        };
        let mut out = WordTable {
            grids: grid,
            ..WordTable::default()
        }
        .property(TableProperty {
            width: Some(TableWidth {
                value: Some(5000),
                unit: Some(TableWidthUnit::Pct),
            }),
            borders: Some(TableBorders {
                top: Some(
                    TopBorder::default()
                        .style(BorderStyle::Single)
                        .size(4isize)
                        .color("D8DCE3"),
                ),
                bottom: border(),
                inside_horizon: Some(
                    InsideHorizonBorder::default()
                        .style(BorderStyle::Single)
                        .size(4isize)
                        .color("E3E6EB"),
                ),
                ..TableBorders::default()
            }),
            ..TableProperty::default()
        });
        let align = |numeric: bool| {
            let property = ParagraphProperty::default().style_id("Cell");
            if numeric {
                property.justification(Justification::from(JustificationVal::Right))
            } else {
                property
            }
        };
        let mut head = TableRow::default().property(TableRowProperty {
            table_header: Some(TableHeader::default()),
            ..TableRowProperty::default()
        });
        for column in &table.columns {
            let p = Paragraph::default()
                .property(align(column.numeric))
                .push(run(&column.title, bold()));
            head = head.push_cell(TableCell::paragraph(p));
        }
        out = out.push_row(head);
        for row in &table.rows {
            let mut cells = TableRow::default();
            for (i, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
                let p = Paragraph::default().property(align(column.numeric));
                // The first column names the row, as the HTML's row headers.
                let p = self.line(p, cell, i == 0);
                cells = cells.push_cell(TableCell::paragraph(p));
            }
            out = out.push_row(cells);
        }
        out
    }

    /// A chart as a picture the width of the text (narrower if it would
    /// not fit on a page), its description as alt text; if it could not
    /// be drawn, the description as text.
    fn chart(&mut self, chart: Chart) {
        let language = self.language;
        let (title, description) = match chart {
            Chart::Timeline => (
                t!(language, "report-timeline-label"),
                Some(super::charts::timeline_description(language, self.report)),
            ),
            Chart::Trend => (t!(language, "report-trend-label"), None),
        };
        let alt = match &description {
            Some(d) => format!("{title}: {d}"),
            None => title.clone(),
        };
        let Some((i, picture)) = self.pictures.iter().enumerate().find(|(_, p)| p.chart == chart) else {
            self.push(paragraph(None).push(run(&alt, italic())));
            return;
        };
        let width = emu(TEXT_WIDTH);
        let height = width * f64::from(picture.raster.height) / f64::from(picture.raster.width);
        let limit = emu(PICTURE_HEIGHT);
        let shrink = (limit / height).min(1.0);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a page's size in EMU
        let (cx, cy) = ((width * shrink) as u64, (height * shrink) as u64);
        let id = isize::try_from(i + 1).unwrap_or(1);
        let name = picture.target.trim_start_matches("media/").to_string();
        let inline = Inline {
            dist_t: Some(0),
            dist_b: Some(0),
            dist_l: Some(0),
            dist_r: Some(0),
            extent: Some(Extent { cx, cy }),
            doc_property: DocPr {
                id: Some(id),
                name: Some(name.clone().into()),
                descr: Some(clean(&alt).into()),
            },
            graphic: Some(Graphic {
                a: "http://schemas.openxmlformats.org/drawingml/2006/main".into(),
                data: GraphicData {
                    uri: "http://schemas.openxmlformats.org/drawingml/2006/picture".into(),
                    children: vec![Picture {
                        a: "http://schemas.openxmlformats.org/drawingml/2006/picture".into(),
                        nv_pic_pr: NvPicPr {
                            c_nv_pr: Some(CNvPr {
                                id: Some(id),
                                name: Some(name.into()),
                                descr: Some(clean(&alt).into()),
                            }),
                            c_nv_pic_pr: Some(CNvPicPr {}),
                        },
                        fill: BlipFill {
                            blip: Blip {
                                embed: picture.relationship.clone().into(),
                                cstate: None,
                            },
                            stretch: Some(Stretch {
                                fill_rect: Some(FillRect {}),
                            }),
                        },
                        sp_pr: SpPr {
                            xfrm: Some(Xfrm {
                                offset: Some(Offset { x: Some(0), y: Some(0) }),
                                ext: Some(Ext {
                                    cx: isize::try_from(cx).ok(),
                                    cy: isize::try_from(cy).ok(),
                                }),
                            }),
                            prst_geom: Some(PrstGeom {
                                prst: Some("rect".into()),
                                av_lst: Some(docx_rust::document::AvList {}),
                            }),
                        },
                    }],
                },
            }),
            ..Inline::default()
        };
        let drawing = Drawing {
            anchor: None,
            inline: Some(inline),
        };
        self.push(paragraph(Some("Picture")).push(Run::default().push(drawing)));
    }

    /// A chart, and the timeline's milestones beside it as a table: what
    /// the picture shows, for those who read rather than look (the trend's
    /// table is the report's own next block).
    fn chart_and_table(&mut self, chart: Chart) {
        self.chart(chart);
        if chart == Chart::Timeline {
            for block in super::report::timeline_tables(self.language, self.report) {
                self.block(&block);
            }
        }
    }

    /// The project lead's Markdown as Word paragraphs: paragraphs, lists,
    /// headings as bold lines (the report's own headings keep the outline),
    /// emphasis; links as their text and address; raw HTML as written text.
    fn assessment(&mut self, text: &str) {
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, &super::sanitize(text), &comrak::Options::default());
        for node in root.children() {
            self.markdown_block(node, 0, 0);
        }
    }

    /// One block of the assessment; `depth` is the list level, `nesting`
    /// how deep in the tree it is: past `NESTING`, the rest is its text
    /// alone (a file of a hundred thousand `>` must not exhaust the stack).
    fn markdown_block<'n>(&mut self, node: &'n comrak::nodes::AstNode<'n>, depth: isize, nesting: usize) {
        use comrak::nodes::NodeValue;
        if nesting > NESTING {
            self.push(paragraph(Some("Quote")).push(run(&text_of(node), plain())));
            return;
        }
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Paragraph => {
                let style = if depth > 0 { None } else { Some("Quote") };
                let p = inlines(paragraph(style), node);
                self.push(p);
            }
            NodeValue::Heading(_) => {
                let p = paragraph(Some("Quote"));
                let p = inlines_with(p, node, true);
                self.push(p);
            }
            NodeValue::List(_) => {
                for item in node.children() {
                    for (i, child) in item.children().enumerate() {
                        let is_paragraph = matches!(child.data.borrow().value, NodeValue::Paragraph);
                        if i == 0 && is_paragraph {
                            self.push(inlines(bulleted(depth.min(1)), child));
                        } else {
                            self.markdown_block(child, depth + 1, nesting + 2);
                        }
                    }
                }
            }
            NodeValue::CodeBlock(code) => {
                self.push(paragraph(Some("Quote")).push(run(code.literal.trim_end(), plain())));
            }
            NodeValue::HtmlBlock(html) => {
                self.push(paragraph(Some("Quote")).push(run(html.literal.trim_end(), plain())));
            }
            NodeValue::ThematicBreak => self.push(paragraph(Some("Quote"))),
            _ => {
                for child in node.children() {
                    self.markdown_block(child, depth, nesting + 1);
                }
            }
        }
    }
}

/// The columns' widths in twips, laid out as a browser lays out the page's
/// table: each column at least as wide as its longest word, the rest of the
/// text's width shared by how much more its longest line would take.
fn column_widths(language: &Language, table: &Table) -> Vec<isize> {
    /// A bold character at 9 pt in a wide sans-serif (`DejaVu` is wider
    /// than Arial), and a cell's padding on both sides.
    const CHAR: usize = 135;
    const PADDING: usize = 260;
    let text = |line: &Line| line.0.iter().map(|span| marked(language, span).1).collect::<String>();
    let longest = |texts: &mut dyn Iterator<Item = &str>| texts.map(|t| t.chars().count()).max().unwrap_or(1);
    let (least, most): (Vec<usize>, Vec<usize>) = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let cells: Vec<String> = table.rows.iter().filter_map(|row| row.get(i)).map(text).collect();
            // Split at spaces only: a no-break space holds a mark to its word.
            let word = longest(&mut cells.iter().chain([&column.title]).flat_map(|c| c.split([' ', '\n'])));
            let line = longest(&mut cells.iter().chain([&column.title]).flat_map(|c| c.split('\n')));
            (word * CHAR + PADDING, line.max(word) * CHAR + PADDING)
        })
        .unzip();
    let width = usize::try_from(TEXT_WIDTH).unwrap_or(0);
    let (floor, ceiling): (usize, usize) = (least.iter().sum(), most.iter().sum());
    let widths: Vec<usize> = if floor >= width {
        least.iter().map(|w| w * width / floor.max(1)).collect()
    } else if ceiling <= width {
        most.iter().map(|w| w * width / ceiling.max(1)).collect()
    } else {
        least
            .iter()
            .zip(&most)
            .map(|(l, m)| l + (m - l) * (width - floor) / (ceiling - floor).max(1))
            .collect()
    };
    widths.into_iter().map(|w| isize::try_from(w).unwrap_or(0)).collect()
}

/// How deep the assessment's Markdown is followed, block in block or
/// emphasis in emphasis; deeper, its text is kept without the structure.
const NESTING: usize = 32;

/// The text under a Markdown node, found without recursion.
fn text_of<'n>(node: &'n comrak::nodes::AstNode<'n>) -> String {
    use comrak::nodes::NodeValue;
    let mut out = String::new();
    for descendant in node.descendants() {
        match &descendant.data.borrow().value {
            NodeValue::Text(text) => out.push_str(text),
            NodeValue::Code(code) => out.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// A bulleted paragraph at `level` (0 or 1).
fn bulleted(level: isize) -> Paragraph<'static> {
    Paragraph::default().property(
        ParagraphProperty::default()
            .style_id("ListBullet")
            .numbering(NumberingProperty::from((1, level))),
    )
}

fn inlines<'n>(p: Paragraph<'static>, node: &'n comrak::nodes::AstNode<'n>) -> Paragraph<'static> {
    inlines_with(p, node, false)
}

/// A Markdown block's inline text as runs: strong as bold, emphasis as
/// italics, code as written, links followed by their address.
fn inlines_with<'n>(
    mut p: Paragraph<'static>,
    node: &'n comrak::nodes::AstNode<'n>,
    strong: bool,
) -> Paragraph<'static> {
    fn walk<'n>(
        p: Paragraph<'static>,
        node: &'n comrak::nodes::AstNode<'n>,
        strong: bool,
        emphasis: bool,
        nesting: usize,
    ) -> Paragraph<'static> {
        use comrak::nodes::NodeValue;
        if nesting > NESTING {
            return p.push(run(&text_of(node), CharacterProperty::default()));
        }
        let property = || {
            let mut property = CharacterProperty::default();
            if strong {
                property = property.bold(Bold::from(true));
            }
            if emphasis {
                property = property.italics(Italics::from(true));
            }
            property
        };
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Text(text) => p.push(run(&text, property())),
            NodeValue::Code(code) => p.push(run(&code.literal, property())),
            NodeValue::HtmlInline(html) => p.push(run(&html, property())),
            NodeValue::SoftBreak => p.push(run(" ", property())),
            NodeValue::LineBreak => p.push(run("\n", property())),
            NodeValue::Strong => node.children().fold(p, |p, c| walk(p, c, true, emphasis, nesting + 1)),
            NodeValue::Emph => node.children().fold(p, |p, c| walk(p, c, strong, true, nesting + 1)),
            NodeValue::Link(link) => {
                let p = node
                    .children()
                    .fold(p, |p, c| walk(p, c, strong, emphasis, nesting + 1));
                if link.url.is_empty() {
                    p
                } else {
                    p.push(run(&format!(" <{}>", link.url), property()))
                }
            }
            _ => node
                .children()
                .fold(p, |p, c| walk(p, c, strong, emphasis, nesting + 1)),
        }
    }
    for child in node.children() {
        p = walk(p, child, strong, false, 0);
    }
    p
}

/// A4 portrait, the page's margins.
fn section() -> SectionProperty<'static> {
    SectionProperty {
        page_size: Some(PageSize {
            weight: PAGE_WIDTH,
            height: PAGE_HEIGHT,
        }),
        page_margin: Some(PageMargin {
            top: Some(MARGIN),
            right: Some(MARGIN),
            bottom: Some(MARGIN),
            left: Some(MARGIN),
            header: Some(MARGIN / 2),
            footer: Some(MARGIN / 2),
            gutter: Some(0),
        }),
        ..SectionProperty::default()
    }
}

/// The text's defaults: the print size of the HTML page (9 pt), a font
/// every office suite has or substitutes, the reader's language.
fn defaults(lang: Lang) -> DefaultStyle<'static> {
    let mut character = CharacterProperty::default()
        .size(Size::from(18isize))
        .fonts(Fonts::default().ascii("Arial").h_ansi("Arial").custom("Arial"));
    character.size_complex = Some(docx_rust::formatting::SizeComplex { value: Some(18) });
    character.lang = Some(WordLang {
        val: Some(tag(lang).into()),
        east_asia: None,
        bidi: None,
    });
    DefaultStyle::default()
        .character(character)
        .paragraph(ParagraphProperty::default().spacing(Spacing {
            after: Some(40),
            ..Spacing::default()
        }))
}

/// The styles the document uses: Word's own heading styles (by their
/// built-in names, so Word lists them in the navigation pane in any
/// language), and a few of the report's own.
fn styles() -> Vec<Style<'static>> {
    let heading = |level: isize, size: isize, before: isize| {
        Style::new(StyleType::Paragraph, format!("Heading{level}"))
            .name(format!("heading {level}"))
            .paragraph(ParagraphProperty {
                keep_next: Some(KeepNext::default()),
                spacing: Some(Spacing {
                    before: Some(before),
                    after: Some(60),
                    ..Spacing::default()
                }),
                outline_lvl: Some(OutlineLvl { value: level - 1 }),
                border: (level == 2).then(|| {
                    Borders::default().bottom(
                        BottomBorder::default()
                            .style(BorderStyle::Single)
                            .size(4isize)
                            .color("D8DCE3"),
                    )
                }),
                ..ParagraphProperty::default()
            })
            .character(
                CharacterProperty::default()
                    .bold(Bold::from(true))
                    .size(Size::from(size)),
            )
    };
    let mut normal = Style::new(StyleType::Paragraph, "Normal").name("Normal");
    normal.default = Some(true);
    let indented = |id: &'static str, name: &'static str, left: isize| {
        Style::new(StyleType::Paragraph, id)
            .name(name)
            .paragraph(ParagraphProperty::default().indent(Indent {
                left: Some(left),
                ..Indent::default()
            }))
    };
    let mut quote = Style::new(StyleType::Paragraph, "Quote").name("Quote").paragraph(
        ParagraphProperty::default()
            .indent(Indent {
                left: Some(200),
                ..Indent::default()
            })
            .border(Borders {
                left: Some(
                    LeftBorder::default()
                        .style(BorderStyle::Single)
                        .size(24isize)
                        .space(8isize)
                        .color("1565C0"),
                ),
                ..Borders::default()
            }),
    );
    quote.base = Some(BasedOn { value: "Normal".into() });
    vec![
        normal,
        heading(1, 32, 0),
        heading(2, 23, 180),
        heading(3, 19, 100),
        Style::new(StyleType::Paragraph, "Subtitle")
            .name("Subtitle")
            .paragraph(ParagraphProperty::default().spacing(Spacing {
                after: Some(120),
                ..Spacing::default()
            }))
            .character(coloured("4A5263")),
        Style::new(StyleType::Paragraph, "Verdict")
            .name("Verdict")
            .paragraph(
                ParagraphProperty::default()
                    .spacing(Spacing {
                        after: Some(120),
                        ..Spacing::default()
                    })
                    .indent(Indent {
                        left: Some(120),
                        ..Indent::default()
                    }),
            )
            .character(CharacterProperty::default().size(Size::from(20isize))),
        Style::new(StyleType::Paragraph, "ListBullet").name("List Bullet"),
        indented("Detail", "Detail", 560),
        quote,
        Style::new(StyleType::Paragraph, "Cell")
            .name("Table Text")
            .paragraph(ParagraphProperty::default().spacing(Spacing {
                before: Some(20),
                after: Some(20),
                ..Spacing::default()
            })),
        // A thin paragraph: the one that keeps two tables apart.
        Style::new(StyleType::Paragraph, "After")
            .name("After Table")
            .paragraph(ParagraphProperty::default().spacing(Spacing {
                after: Some(0),
                ..Spacing::default()
            }))
            .character(CharacterProperty::default().size(Size::from(8isize))),
        Style::new(StyleType::Paragraph, "Picture")
            .name("Picture")
            .paragraph(ParagraphProperty::default().spacing(Spacing {
                after: Some(60),
                ..Spacing::default()
            })),
    ]
}

/// One bullet list definition: a dot, and a dash one level in.
fn bullets() -> Numbering<'static> {
    let level = |i: isize, text: &'static str, left: isize| Level {
        i_level: Some(i),
        start: Some(LevelStart { value: Some(1) }),
        number_format: Some(NumFmt { value: "bullet".into() }),
        level_text: Some(LevelText {
            value: Some(text.into()),
        }),
        justification: None,
        p_pr: Some(PPr {
            indent: Some(Indent {
                left: Some(left),
                hanging: Some(240),
                ..Indent::default()
            }),
        }),
        r_pr: Vec::new(),
    };
    Numbering {
        abstract_numberings: vec![AbstractNum {
            abstract_num_id: Some(0),
            nsid: None,
            multi_level_type: None,
            levels: vec![level(0, "•", 360), level(1, "–", 720)],
        }],
        numberings: vec![Num {
            num_id: Some(1),
            abstract_num_id: Some(AbstractNumId { value: Some(0) }),
            level_overrides: Vec::new(),
        }],
    }
}
