//! A table written row by row, for lists too long to lay out in memory:
//! `overdue` over 100k milestones prints a quarter of a million rows.
//!
//! It draws exactly what comfy-table draws for the other views: the same
//! borders (`UTF8_FULL_CONDENSED`, or a Markdown pipe table), the same column
//! widths (comfy-table's dynamic arrangement, ported in `fit`) and the same
//! wrapping (`split_line`); a property test compares the two on random
//! tables. What it needs of the rows, the widest line of each column, the
//! caller measures as it gathers them, so rows can be written as they come.

use std::io::{self, Write};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::terminal::{Style, Terminal};

/// How the table is drawn.
#[derive(Debug, Clone, Copy)]
pub enum Look {
    /// Box drawing, fitted to the terminal's width, colour as the terminal allows.
    Terminal(Terminal),
    /// A GitHub-flavoured Markdown table, never wrapped (Markdown wraps itself).
    Markdown,
}

#[derive(Clone)]
pub struct Table {
    look: Look,
    /// The content width of each column.
    widths: Vec<usize>,
    /// Reused for every row: each cell's lines as byte ranges of its text.
    lines: Vec<Vec<(usize, usize)>>,
    /// Reused for every row: the width of each of those lines, when it was
    /// measured to see whether it fits (most cells fit, and measuring is
    /// most of the cost of drawing a row); empty for a wrapped cell.
    line_widths: Vec<Vec<usize>>,
}

/// The display width of the widest line of `text`.
pub fn text_width(text: &str) -> usize {
    if memchr::memchr(b'\n', text.as_bytes()).is_none() {
        return width(text);
    }
    text.split('\n').map(width).max().unwrap_or(0)
}

/// The display width of one line. Text in Swedish and Norwegian is almost
/// all one column per character (printable ASCII and U+00C0-U+02FF, which a
/// test checks against unicode-width): counting characters there is several
/// times faster than looking up each one, and it is done for every cell.
fn width(line: &str) -> usize {
    // One pass without an early exit, so that it runs on whole vectors:
    // whether every byte is of a narrow character, and how many characters.
    let (narrow, chars) = line.as_bytes().iter().fold((true, 0usize), |(narrow, chars), &b| {
        (
            narrow & matches!(b, 0x20..=0x7e | 0x80..=0xbf | 0xc3..=0xcb),
            chars + usize::from((b & 0xc0) != 0x80),
        )
    });
    if narrow { chars } else { line.width() }
}

impl Table {
    /// A table whose widest lines, column by column, are `widest` (headers
    /// included). A table too wide for the terminal asks
    /// `longest_after_split(column, width)`: see `fit`.
    pub fn new(look: Look, widest: &[usize], longest_after_split: impl FnMut(usize, usize) -> usize) -> Table {
        let widths = match look {
            Look::Markdown => widest.to_vec(),
            Look::Terminal(terminal) => fit(widest, usize::from(terminal.width), longest_after_split),
        };
        Table {
            look,
            lines: vec![Vec::new(); widths.len()],
            line_widths: vec![Vec::new(); widths.len()],
            widths,
        }
    }

    /// The top border and the header.
    pub fn write_head(&mut self, out: &mut impl Write, headers: &[&str]) -> io::Result<()> {
        match self.look {
            Look::Markdown => {
                self.write_row(out, headers, &[])?;
                out.write_all(b"|")?;
                for width in &self.widths {
                    out.write_all("-".repeat(width + 2).as_bytes())?;
                    out.write_all(b"|")?;
                }
                out.write_all(b"\n")
            }
            Look::Terminal(_) => {
                self.rule(out, ['┌', '─', '┬', '┐'])?;
                self.write_row(out, headers, &[])?;
                self.rule(out, ['╞', '═', '╪', '╡'])
            }
        }
    }

    /// The bottom border.
    pub fn write_foot(&self, out: &mut impl Write) -> io::Result<()> {
        match self.look {
            Look::Markdown => Ok(()),
            Look::Terminal(_) => self.rule(out, ['└', '─', '┴', '┘']),
        }
    }

    /// One row: cells wrapped to their column, `styles[i]` (if any) painting cell i.
    pub fn write_row(
        &mut self,
        out: &mut impl Write,
        cells: &[impl AsRef<str>],
        styles: &[Option<Style>],
    ) -> io::Result<()> {
        self.lay_out(cells);
        self.draw(out, cells, styles)
    }

    /// Like `write_row`, for cells whose lines' display widths are known:
    /// `widths[i]` has one width for each line of cell i. A cell with a line
    /// wider than its column is wrapped as `write_row` would.
    pub fn write_measured_row(
        &mut self,
        out: &mut impl Write,
        cells: &[impl AsRef<str>],
        widths: &[&[usize]],
        styles: &[Option<Style>],
    ) -> io::Result<()> {
        if !self.place_measured(cells, widths) {
            self.lay_out(cells);
        }
        self.draw(out, cells, styles)
    }

    /// Each cell's lines where all fit their column as measured; false when one does not.
    fn place_measured(&mut self, cells: &[impl AsRef<str>], widths: &[&[usize]]) -> bool {
        for ((((text, width), lines), line_widths), known) in cells
            .iter()
            .zip(&self.widths)
            .zip(&mut self.lines)
            .zip(&mut self.line_widths)
            .zip(widths)
        {
            let text = text.as_ref();
            lines.clear();
            line_widths.clear();
            let mut start = 0;
            for (line, measured) in text.split('\n').zip(known.iter()) {
                if *measured > *width {
                    return false;
                }
                lines.push((start, start + line.len()));
                line_widths.push(*measured);
                start += line.len() + 1;
            }
            if start != text.len() + 1 || matches!(self.look, Look::Markdown) && lines.len() > 1 {
                return false;
            }
        }
        true
    }

    /// Each cell's lines, measured, and wrapped where wider than the column.
    fn lay_out(&mut self, cells: &[impl AsRef<str>]) {
        let wrapping = matches!(self.look, Look::Terminal(_));
        for (((text, width), lines), line_widths) in cells
            .iter()
            .zip(&self.widths)
            .zip(&mut self.lines)
            .zip(&mut self.line_widths)
        {
            let text = text.as_ref();
            lines.clear();
            line_widths.clear();
            if !wrapping {
                lines.push((0, text.len()));
                line_widths.push(self::width(text));
                continue;
            }
            let mut start = 0;
            for line in text.split('\n') {
                let measured = self::width(line);
                if measured > *width {
                    lines.clear();
                    line_widths.clear();
                    wrap(text, *width, lines);
                    break;
                }
                lines.push((start, start + line.len()));
                line_widths.push(measured);
                start += line.len() + 1;
            }
        }
    }

    fn draw(&self, out: &mut impl Write, cells: &[impl AsRef<str>], styles: &[Option<Style>]) -> io::Result<()> {
        let (outer, inner) = match self.look {
            Look::Markdown => ("|", "|"),
            Look::Terminal(_) => ("│", "┆"),
        };
        let height = self.lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for row in 0..height {
            for (column, (((text, width), lines), line_widths)) in cells
                .iter()
                .zip(&self.widths)
                .zip(&self.lines)
                .zip(&self.line_widths)
                .enumerate()
            {
                out.write_all(if column == 0 { outer } else { inner }.as_bytes())?;
                out.write_all(b" ")?;
                let line = lines.get(row).map_or("", |&(start, end)| &text.as_ref()[start..end]);
                let style = styles.get(column).copied().flatten();
                match (self.look, style) {
                    (Look::Terminal(terminal), Some(style)) if !line.is_empty() => {
                        out.write_all(terminal.paint(style, line).as_bytes())?;
                    }
                    _ => out.write_all(line.as_bytes())?,
                }
                let shown = line_widths.get(row).copied().unwrap_or_else(|| self::width(line));
                pad(out, width.saturating_sub(shown) + 1)?;
            }
            out.write_all(outer.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn rule(&self, out: &mut impl Write, [left, line, cross, right]: [char; 4]) -> io::Result<()> {
        let mut text = String::new();
        text.push(left);
        for (i, width) in self.widths.iter().enumerate() {
            if i > 0 {
                text.push(cross);
            }
            text.extend(std::iter::repeat_n(line, width + 2));
        }
        text.push(right);
        text.push('\n');
        out.write_all(text.as_bytes())
    }
}

fn pad(out: &mut impl Write, n: usize) -> io::Result<()> {
    const SPACES: &[u8] = &[b' '; 64];
    let mut left = n;
    while left > 0 {
        let now = left.min(SPACES.len());
        out.write_all(&SPACES[..now])?;
        left -= now;
    }
    Ok(())
}

/// Content widths for columns whose widest lines are `widest`, in a table at
/// most `total` columns wide (borders, and one space of padding each side):
/// comfy-table's dynamic arrangement. `longest_after_split(column, width)`
/// is the longest line of a column's cells, header included, split to `width`.
fn fit(widest: &[usize], total: usize, mut longest_after_split: impl FnMut(usize, usize) -> usize) -> Vec<usize> {
    let frame = widest.len() + 1 + 2 * widest.len();
    let mut left = total.saturating_sub(frame);
    let mut widths: Vec<Option<usize>> = vec![None; widest.len()];
    let mut open = widest.len();
    let fix = |widths: &mut Vec<Option<usize>>, i: usize, width: usize, left: &mut usize, open: &mut usize| {
        widths[i] = Some(width.max(1));
        *left = left.saturating_sub(width);
        *open -= 1;
    };
    // Keep whole every column no wider than an even share of what is left;
    // each one kept leaves more for the others, so look again until none is.
    let mut kept_one = true;
    while kept_one && open > 0 && left / open > 0 {
        kept_one = false;
        for (i, &w) in widest.iter().enumerate() {
            if widths[i].is_none() && open > 0 && w.max(1) <= left / open {
                fix(&mut widths, i, w.max(1), &mut left, &mut open);
                kept_one = true;
            }
        }
    }
    // A column whose text, wrapped to an even share, leaves 3 or more
    // columns of it unused is kept at that narrower width.
    kept_one = true;
    while kept_one && open > 0 {
        kept_one = false;
        for i in 0..widest.len() {
            if widths[i].is_some() || open == 0 {
                continue;
            }
            let share = left / open;
            let longest = longest_after_split(i, share);
            if share.saturating_sub(longest) >= 3 {
                fix(&mut widths, i, longest, &mut left, &mut open);
                kept_one = true;
            }
        }
    }
    // The rest share what is left evenly; the remainder goes to the leftmost.
    let open = open.max(1);
    let left = left.max(open);
    let (share, mut extra) = (left / open, left % open);
    widths
        .into_iter()
        .map(|w| {
            w.unwrap_or_else(|| {
                let bonus = usize::from(extra > 0);
                extra = extra.saturating_sub(1);
                share + bonus
            })
        })
        .collect()
}

/// Splits `text` into lines at most `width` wide, as comfy-table does: at
/// its line breaks, then between words, filling a line with the start of a
/// word too wide for any line. Lines are byte ranges of `text`; the space a
/// line is broken at is dropped.
fn wrap(text: &str, width: usize, lines: &mut Vec<(usize, usize)>) {
    if memchr::memchr(b'\n', text.as_bytes()).is_none() && self::width(text) <= width {
        lines.push((0, text.len()));
        return;
    }
    let mut base = 0;
    for line in text.split('\n') {
        if self::width(line) <= width {
            lines.push((base, base + line.len()));
        } else {
            split_line(text, (base, base + line.len()), width.max(1), lines);
        }
        base += line.len() + 1;
    }
}

/// A line with fewer free columns than this is full (comfy-table's MIN_FREE_CHARS).
const MIN_FREE: usize = 2;

/// comfy-table's `split_line`, on byte ranges of `text` instead of new strings.
fn split_line(text: &str, (start, end): (usize, usize), width: usize, lines: &mut Vec<(usize, usize)>) {
    // The words still to place, last first (a word cut in two goes back as its tail).
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut at = start;
    for word in text[start..end].split(' ') {
        words.push((at, at + word.len()));
        at += word.len() + 1;
    }
    words.reverse();
    // The line being filled: empty, or a range and its width.
    let mut current: Option<(usize, usize)> = None;
    let mut current_width = 0;
    let full = |range: (usize, usize), w: usize, lines: &mut Vec<(usize, usize)>| {
        if w > width.saturating_sub(MIN_FREE) {
            lines.push(range);
            None
        } else {
            Some(range)
        }
    };
    while let Some(next) = words.pop() {
        let next_width = self::width(&text[next.0..next.1]);
        let gap = usize::from(current.is_some());
        if current_width + gap + next_width <= width {
            let joined = current.map_or(next, |(from, _)| (from, next.1));
            current_width += gap + next_width;
            // An empty word (two spaces in a row) does not start a line.
            current = if joined.0 == joined.1 && current.is_none() {
                None
            } else {
                full(joined, current_width, lines)
            };
            if current.is_none() {
                current_width = 0;
            }
            continue;
        }
        let free = width.saturating_sub(current_width + gap);
        if let Some(line) = current
            && free <= MIN_FREE
        {
            words.push(next);
            lines.push(line);
            current = None;
            current_width = 0;
            continue;
        }
        if next_width > width {
            // Fill the line with as much of the word as fits (at least one grapheme).
            let mut cut = next.0;
            let mut cut_width = 0;
            for (offset, grapheme) in text[next.0..next.1].grapheme_indices(true) {
                let w = grapheme.width();
                if cut_width + w > free {
                    break;
                }
                cut = next.0 + offset + grapheme.len();
                cut_width += w;
            }
            if current.is_none() && cut == next.0 {
                cut = next.0 + text[next.0..next.1].chars().next().map_or(0, char::len_utf8);
            }
            lines.push(current.map_or((next.0, cut), |(from, _)| (from, cut)));
            words.push((cut, next.1));
            current = None;
            current_width = 0;
            continue;
        }
        lines.extend(current);
        current_width = next_width;
        current = full(next, next_width, lines);
        if current.is_none() {
            current_width = 0;
        }
    }
    lines.extend(current);
}

/// The longest line of `text`, in bytes, once split to `width` (comfy-table
/// measures it in bytes): how `Table::new` learns whether a column needs less
/// than an even share once its text is wrapped.
pub fn longest_after_split(text: &str, width: usize, scratch: &mut Vec<(usize, usize)>) -> usize {
    scratch.clear();
    for line in text.split('\n') {
        if self::width(line) > width {
            split_line(line, (0, line.len()), width.max(1), scratch);
        } else {
            scratch.push((0, line.len()));
        }
    }
    scratch.iter().map(|(a, b)| b - a).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        let mut lines = Vec::new();
        wrap(text, width, &mut lines);
        lines.iter().map(|&(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn the_counted_characters_are_one_column_wide() {
        for c in (' '..='~').chain('\u{c0}'..='\u{2ff}') {
            assert_eq!(c.to_string().width(), 1, "{c:?} U+{:04X}", u32::from(c));
            assert_eq!(width(&c.to_string()), 1);
        }
        assert_eq!(
            width("Förändra «Min Profil» 漢字"),
            "Förändra «Min Profil» 漢字".width()
        );
    }

    #[test]
    fn wraps_between_words_and_inside_words_only_when_they_are_too_wide() {
        assert_eq!(
            wrapped("Digg beslut gällande Min Profil", 24),
            ["Digg beslut gällande Min", "Profil"]
        );
        assert_eq!(
            wrapped("Digg beslut gällande Min Profil", 40),
            ["Digg beslut gällande Min Profil"]
        );
        assert_eq!(
            wrapped("min-profil/18\nDigg beslut", 12),
            ["min-profil/1", "8", "Digg beslut"]
        );
        assert_eq!(
            wrapped("infrastrukturmoduler och", 10),
            ["infrastruk", "turmoduler", "och"]
        );
        assert_eq!(wrapped("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(wrapped("", 5), [""]);
    }

    #[test]
    fn columns_that_fit_stay_whole_and_the_rest_share_evenly() {
        // 4 columns: 13 columns of frame.
        let unsplittable = |column: usize, _: usize| [7, 40, 7, 40][column];
        assert_eq!(fit(&[7, 40, 6, 20], 160, unsplittable), [7, 40, 6, 20]);
        // 80 - 13 = 67 to share: 7 and 6 fit an even share; 54 left for two.
        assert_eq!(fit(&[7, 40, 6, 40], 80, unsplittable), [7, 27, 6, 27]);
        assert_eq!(fit(&[7, 41, 6, 20], 80, unsplittable), [7, 34, 6, 20]);
        // Odd space: the leftmost open column gets the extra one.
        assert_eq!(fit(&[7, 40, 7, 40], 80, unsplittable), [7, 27, 7, 26]);
        // A column whose words wrap to 20 of its 26 keeps 20; the other gets the rest.
        let wraps_short = |column: usize, _: usize| if column == 3 { 20 } else { 40 };
        assert_eq!(fit(&[7, 40, 7, 40], 80, wraps_short), [7, 33, 7, 20]);
    }

    /// Renders `rows` with this module, the way `overdue` does.
    fn ours(look: Look, headers: &[&str], rows: &[Vec<String>]) -> String {
        let cells = |row: &[String], column: usize| row[column].clone();
        let mut widest: Vec<usize> = headers.iter().map(|h| text_width(h)).collect();
        for row in rows {
            for (column, w) in widest.iter_mut().enumerate() {
                *w = (*w).max(text_width(&cells(row, column)));
            }
        }
        let mut scratch = Vec::new();
        let mut table = Table::new(look, &widest, |column, width| {
            let mut longest = longest_after_split(headers[column], width, &mut scratch);
            for row in rows {
                longest = longest.max(longest_after_split(&cells(row, column), width, &mut scratch));
            }
            longest
        });
        let mut out = Vec::new();
        table.write_head(&mut out, headers).unwrap();
        for row in rows {
            let row: Vec<&str> = row.iter().map(String::as_str).collect();
            table.write_row(&mut out, &row, &[]).unwrap();
        }
        table.write_foot(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The same rows through comfy-table, as the other views draw their tables.
    fn comfy(mut table: comfy_table::Table, headers: &[&str], rows: &[Vec<String>]) -> String {
        table.set_header(headers.to_vec());
        for row in rows {
            table.add_row(row.clone());
        }
        format!("{table}\n")
    }

    fn cell_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "a",
            "och",
            "Digg",
            "säkerhetsgranskning",
            "infrastrukturmoduler",
            "漢字",
            "bench-0019/m072",
            "2021-07-01",
            "",
            "Förbereda",
            "x1234567890123456789012345",
        ]);
        let separator = prop::sample::select(vec![" ", " ", " ", "  ", "\n"]);
        prop::collection::vec((word, separator), 0..8).prop_map(|parts| {
            let mut text: String = parts.iter().map(|(w, s)| format!("{w}{s}")).collect();
            text.pop();
            text
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Whatever the text and the width, the table is the one comfy-table draws.
        #[test]
        fn draws_what_comfy_table_draws(
            rows in proptest::collection::vec(proptest::collection::vec(cell_text(), 4), 0..6),
            width in 20u16..140,
        ) {
            let headers = ["OVERDUE", "WHAT", "DUE", "OWNER"];
            let terminal = Terminal { color: false, width };
            proptest::prop_assert_eq!(
                ours(Look::Terminal(terminal), &headers, &rows),
                comfy(terminal.table(), &headers, &rows)
            );
            // Markdown cells come without line breaks (`commands::cell` makes them `<br>`).
            let rows: Vec<Vec<String>> = rows.iter().map(|row| row.iter().map(|c| c.replace('\n', "<br>")).collect()).collect();
            proptest::prop_assert_eq!(
                ours(Look::Markdown, &headers, &rows),
                comfy(crate::commands::markdown_table(), &headers, &rows)
            );
        }
    }
}
