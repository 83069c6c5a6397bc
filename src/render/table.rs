//! The views' tables: a header and rows of text, drawn to fit the terminal
//! (comfy-table's UTF-8 borders) or as GitHub-flavoured Markdown.
//!
//! comfy-table lays out and draws every table, except in the case that is
//! most of the work on a large portfolio: no colour, and the table fits the
//! terminal's width as it is. There comfy-table gives each column its widest
//! line and wraps nothing, and this file draws the same bytes in one pass
//! (`draw_plain`), without building comfy-table's cells, rows and lines. A
//! property test (`tests/properties.rs`) draws random tables both ways at
//! every width and requires the same bytes, so there is one behaviour; any
//! table the plain writer is not sure of (a control character, a ragged
//! row) goes to comfy-table.

use std::fmt;

use unicode_width::UnicodeWidthStr;

use super::Format;
use super::terminal::Terminal;

/// A table of text, drawn when it is displayed.
#[derive(Debug, Clone)]
pub struct Table {
    /// The header row, if the table has one.
    header: Option<Row>,
    rows: Vec<Row>,
    /// Columns whose cells are aligned right (numbers).
    right: Vec<usize>,
    layout: Layout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Fitted to `width` columns, with colour when it is on.
    Terminal { width: u16, color: bool },
    /// GitHub-flavoured Markdown, never wrapped (Markdown wraps itself).
    Markdown,
}

impl Table {
    /// A table for `format`: one that fits the terminal, or a Markdown one.
    pub fn new(terminal: &Terminal, format: Format) -> Table {
        Table {
            header: None,
            rows: Vec::new(),
            right: Vec::new(),
            layout: match format {
                Format::Markdown => Layout::Markdown,
                _ => Layout::Terminal {
                    width: terminal.width,
                    color: terminal.color,
                },
            },
        }
    }

    pub fn set_header<S: Into<String>>(&mut self, header: impl IntoIterator<Item = S>) -> &mut Table {
        self.header = Some(Row::new(header));
        self
    }

    pub fn add_row<S: Into<String>>(&mut self, row: impl IntoIterator<Item = S>) -> &mut Table {
        self.rows.push(Row::new(row));
        self
    }

    /// Aligns the cells of column `index` (from 0) to the right.
    pub fn align_right(&mut self, index: usize) -> &mut Table {
        self.right.push(index);
        self
    }

    /// The table as comfy-table draws it.
    fn comfy(&self) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        match self.layout {
            Layout::Markdown => {
                table
                    .load_preset(comfy_table::presets::ASCII_MARKDOWN)
                    .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
                    .force_no_tty();
            }
            Layout::Terminal { width, color } => {
                table
                    .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                    .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
                    .set_width(width);
                if color {
                    table.enforce_styling();
                } else {
                    table.force_no_tty();
                }
            }
        }
        if let Some(header) = &self.header {
            table.set_header(header.cells());
        }
        for row in &self.rows {
            table.add_row(row.cells());
        }
        for index in &self.right {
            if let Some(column) = table.column_mut(*index) {
                column.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        table
    }

    /// The columns' widths when the plain writer draws the table: it has no
    /// colour, it has a header and every row has a cell per column, no cell
    /// holds a control character (other than a line break) and every
    /// column's widest line fits the width. Then comfy-table gives each
    /// column exactly its widest line (at least one character).
    fn plain_widths(&self) -> Option<Vec<usize>> {
        let Layout::Terminal { width, color: false } = self.layout else {
            return None;
        };
        let header = self.header.as_ref()?;
        let columns = header.ends.len();
        if columns == 0 || self.rows.iter().any(|row| row.ends.len() != columns) {
            return None;
        }
        let all = || std::iter::once(header).chain(&self.rows);
        if all().any(|row| has_control(&row.text)) {
            return None;
        }
        let mut widths = vec![1; columns];
        for row in all() {
            for (width, cell) in widths.iter_mut().zip(row.cells()) {
                for line in cell.split('\n') {
                    *width = (*width).max(columns_of(line));
                }
            }
        }
        // The borders (one more than the columns) and a space each side of
        // every cell: the table takes its widths and 3 × columns + 1 more.
        let drawn = widths.iter().sum::<usize>() + 3 * columns + 1;
        (drawn <= usize::from(width)).then_some(widths)
    }

    /// The table drawn in one pass with `widths` (from `plain_widths`),
    /// straight into `out`, a line at a time: `out` is the output itself,
    /// and a quarter of a million rows were a dozen writes each.
    fn draw_plain(&self, widths: &[usize], out: &mut impl fmt::Write) -> fmt::Result {
        let header = self.header.iter();
        rule(out, widths, '┌', '─', '┬', '┐')?;
        out.write_char('\n')?;
        let mut drawn = String::new();
        for (i, row) in header.chain(&self.rows).enumerate() {
            let height = row.height();
            for k in 0..height {
                drawn.clear();
                drawn.push('│');
                for (j, (cell, width)) in row.cells().zip(widths).enumerate() {
                    if j > 0 {
                        drawn.push('┆');
                    }
                    let line = if height == 1 {
                        cell
                    } else {
                        cell.split('\n').nth(k).unwrap_or("")
                    };
                    let pad = width - columns_of(line);
                    drawn.push(' ');
                    if self.right.contains(&j) {
                        spaces(&mut drawn, pad);
                        drawn.push_str(line);
                    } else {
                        drawn.push_str(line);
                        spaces(&mut drawn, pad);
                    }
                    drawn.push(' ');
                }
                drawn.push_str("│\n");
                out.write_str(&drawn)?;
            }
            if i == 0 {
                rule(out, widths, '╞', '═', '╪', '╡')?;
                out.write_char('\n')?;
            }
        }
        // The last line without a line break, as comfy-table ends a table.
        rule(out, widths, '└', '─', '┴', '┘')
    }
}

/// A row's cells one after another in one text, each ending where `ends`
/// says: two allocations a row, where a `Vec<String>` took one a cell and one
/// for the row (`overdue` at 100k keeps a quarter of a million rows).
#[derive(Debug, Clone)]
struct Row {
    text: Box<str>,
    ends: Box<[usize]>,
}

impl Row {
    fn new<S: Into<String>>(cells: impl IntoIterator<Item = S>) -> Row {
        let cells: Vec<String> = cells.into_iter().map(Into::into).collect();
        let mut text = String::with_capacity(cells.iter().map(String::len).sum());
        let ends = cells
            .iter()
            .map(|cell| {
                text.push_str(cell);
                text.len()
            })
            .collect();
        Row {
            text: text.into_boxed_str(),
            ends,
        }
    }

    fn cells(&self) -> impl Iterator<Item = &str> + Clone {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter()).map(|(start, &end)| &self.text[start..end])
    }

    /// The lines the row takes: its tallest cell's.
    fn height(&self) -> usize {
        if !self.text.contains('\n') {
            return 1;
        }
        self.cells().map(|cell| cell.split('\n').count()).max().unwrap_or(1)
    }
}

/// The columns a line of a cell takes: printable ASCII takes one a
/// character (the plain writer draws no control characters), anything else
/// what unicode-width says.
fn columns_of(line: &str) -> usize {
    if line.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        line.len()
    } else {
        line.width()
    }
}

/// `count` spaces: a cell's padding.
fn spaces(out: &mut String, count: usize) {
    out.extend(std::iter::repeat_n(' ', count));
}

/// Whether `text` holds a control character other than a line break
/// (`char::is_control`: U+0000-U+001F and U+007F-U+009F), read from the
/// UTF-8 bytes: the bytes below 0x20 and 0x7F, and 0xC2 followed by
/// 0x80-0x9F. Every cell of a table is asked, a quarter of a million rows
/// at 100k milestones.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n') || b == 0x7f || (b == 0xc2 && bytes.get(i + 1).is_some_and(|next| *next <= 0x9f))
    })
}

/// A horizontal line across the columns.
fn rule(out: &mut impl fmt::Write, widths: &[usize], left: char, line: char, cross: char, right: char) -> fmt::Result {
    out.write_char(left)?;
    for (j, width) in widths.iter().enumerate() {
        if j > 0 {
            out.write_char(cross)?;
        }
        for _ in 0..width + 2 {
            out.write_char(line)?;
        }
    }
    out.write_char(right)
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.plain_widths() {
            Some(widths) => self.draw_plain(&widths, f),
            None => self.comfy().fmt(f),
        }
    }
}

/// The table as the plain writer draws it, if it does, and as comfy-table
/// draws it: for the test that holds the one to the other.
#[doc(hidden)]
pub fn drawn_both_ways(table: &Table) -> (Option<String>, String) {
    let plain = table.plain_widths().map(|widths| {
        let mut out = String::new();
        let _ = table.draw_plain(&widths, &mut out);
        out
    });
    (plain, table.comfy().to_string())
}

#[cfg(test)]
mod tests {
    /// The byte rule gives the character rule's answer for every character,
    /// alone and between others.
    #[test]
    fn control_characters_are_found_from_the_bytes_as_from_the_characters() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let by_char = c.is_control() && c != '\n';
            assert_eq!(super::has_control(&c.to_string()), by_char, "{c:?}");
            assert_eq!(super::has_control(&format!("Öst{c}é")), by_char, "{c:?} inside");
        }
    }
}
