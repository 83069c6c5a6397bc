//! A table written row by row, for lists too long to lay out in memory:
//! `overdue` over 100k milestones prints a quarter of a million rows.
//!
//! It draws what the comfy-table tables of the other views draw (the
//! `UTF8_FULL_CONDENSED` borders, or a Markdown pipe table), from the widest
//! line of each column, measured by the caller in a first pass. Columns that
//! fit keep their width; when the table is wider than the terminal, the
//! columns narrower than an even share are kept whole and the others share
//! what is left evenly, wrapping at spaces (comfy-table's rule, without its
//! finer re-fitting of wrapped columns).

use std::io::{self, Write};

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

pub struct Table {
    look: Look,
    /// The content width of each column.
    widths: Vec<usize>,
    /// Reused for every row: each cell's lines as byte ranges of its text.
    lines: Vec<Vec<(usize, usize)>>,
}

/// The display width of the widest line of `text`.
pub fn text_width(text: &str) -> usize {
    text.split('\n').map(width).max().unwrap_or(0)
}

fn width(line: &str) -> usize {
    if line.is_ascii() { line.len() } else { line.width() }
}

impl Table {
    /// A table whose widest lines, column by column, are `widest` (headers included).
    pub fn new(look: Look, widest: &[usize]) -> Table {
        let widths = match look {
            Look::Markdown => widest.to_vec(),
            Look::Terminal(terminal) => fit(widest, usize::from(terminal.width)),
        };
        Table {
            look,
            lines: vec![Vec::new(); widths.len()],
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
    pub fn write_row(&mut self, out: &mut impl Write, cells: &[&str], styles: &[Option<Style>]) -> io::Result<()> {
        let (outer, inner) = match self.look {
            Look::Markdown => ("|", "|"),
            Look::Terminal(_) => ("│", "┆"),
        };
        let wrapping = matches!(self.look, Look::Terminal(_));
        for ((text, width), lines) in cells.iter().zip(&self.widths).zip(&mut self.lines) {
            lines.clear();
            if wrapping {
                wrap(text, *width, lines);
            } else {
                lines.push((0, text.len()));
            }
        }
        let height = self.lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for row in 0..height {
            for (column, ((text, width), lines)) in cells.iter().zip(&self.widths).zip(&self.lines).enumerate() {
                out.write_all(if column == 0 { outer } else { inner }.as_bytes())?;
                out.write_all(b" ")?;
                let line = lines.get(row).map_or("", |&(start, end)| &text[start..end]);
                let style = styles.get(column).copied().flatten();
                match (self.look, style) {
                    (Look::Terminal(terminal), Some(style)) if !line.is_empty() => {
                        out.write_all(terminal.paint(style, line).as_bytes())?;
                    }
                    _ => out.write_all(line.as_bytes())?,
                }
                pad(out, width.saturating_sub(self::width(line)) + 1)?;
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
/// most `total` columns wide (borders and one space of padding each side).
fn fit(widest: &[usize], total: usize) -> Vec<usize> {
    let frame = widest.len() + 1 + 2 * widest.len();
    let mut left = total.saturating_sub(frame);
    if widest.iter().sum::<usize>() <= left {
        return widest.to_vec();
    }
    let mut widths: Vec<Option<usize>> = vec![None; widest.len()];
    let mut open = widest.len();
    // Keep whole every column narrower than an even share of what is left;
    // each one kept leaves more for the others, so look again until none is.
    let mut kept_one = true;
    while kept_one && open > 0 {
        kept_one = false;
        for (i, &w) in widest.iter().enumerate() {
            if widths[i].is_none() && open > 0 && w <= left / open {
                widths[i] = Some(w);
                left -= w;
                open -= 1;
                kept_one = true;
            }
        }
    }
    // The rest share what is left; the remainder goes to the leftmost.
    let open = open.max(1);
    let (share, mut extra) = (left.max(open) / open, left.max(open) % open);
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

/// Splits `text` into lines at most `width` wide: at its line breaks, then
/// between words, and inside a word only when it is wider than a whole line.
/// Lines are byte ranges of `text`; the spaces a line is broken at are dropped.
fn wrap(text: &str, width: usize, lines: &mut Vec<(usize, usize)>) {
    let width = width.max(1);
    let mut start = 0;
    for paragraph in text.split('\n') {
        let base = start;
        start += paragraph.len() + 1;
        if self::width(paragraph) <= width {
            lines.push((base, base + paragraph.len()));
            continue;
        }
        // The line being built, as a range, and its width.
        let mut line: Option<(usize, usize)> = None;
        let mut line_width = 0;
        let mut at = 0;
        for word in paragraph.split(' ') {
            let (word_start, word_end) = (base + at, base + at + word.len());
            at += word.len() + 1;
            if word.is_empty() {
                continue;
            }
            let word_width = self::width(word);
            match line {
                Some((from, _)) if line_width + 1 + word_width <= width => {
                    line = Some((from, word_end));
                    line_width += 1 + word_width;
                    continue;
                }
                Some(full) => lines.push(full),
                None => {}
            }
            if word_width <= width {
                line = Some((word_start, word_end));
                line_width = word_width;
                continue;
            }
            // A word wider than a line: cut it into full lines, keep the tail.
            let mut piece_start = word_start;
            let mut piece_width = 0;
            for (offset, c) in text[word_start..word_end].char_indices() {
                let c_width = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if piece_width + c_width > width && piece_width > 0 {
                    lines.push((piece_start, word_start + offset));
                    piece_start = word_start + offset;
                    piece_width = 0;
                }
                piece_width += c_width;
            }
            line = Some((piece_start, word_end));
            line_width = piece_width;
        }
        lines.extend(line);
        if lines.last().is_none_or(|&(_, end)| end < base) {
            lines.push((base, base));
        }
    }
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
        assert_eq!(fit(&[7, 40, 6, 20], 160), [7, 40, 6, 20]);
        // 80 - 13 = 67 to share: 7 and 6 fit an even share; 54 left for two.
        assert_eq!(fit(&[7, 40, 6, 40], 80), [7, 27, 6, 27]);
        assert_eq!(fit(&[7, 41, 6, 20], 80), [7, 34, 6, 20]);
        // Odd space: the leftmost open column gets the extra one.
        assert_eq!(fit(&[7, 40, 7, 40], 80), [7, 27, 7, 26]);
    }
}
