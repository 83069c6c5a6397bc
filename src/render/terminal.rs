//! Everything that depends on where output goes: whether to colour it, how wide
//! it may be, and making text from files safe to print. Decided once, in
//! `Terminal::detect`.

use std::io::{IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How output is to be written, decided once from flags and environment.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub color: bool,
    /// Columns available; tables and charts fit inside this.
    pub width: u16,
}

/// The width used when output is not a terminal and `COLUMNS` does not say:
/// wide enough for any table, so piped output is never wrapped mid-word.
const PIPE_WIDTH: u16 = 160;

impl Terminal {
    pub fn detect(choice: ColorChoice) -> Self {
        let is_tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_tty && !no_color && std::env::var("TERM").is_ok_and(|t| t != "dumb"),
        };
        let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok());
        let from_tty = if is_tty {
            terminal_size::terminal_size().map(|(w, _)| w.0)
        } else {
            None
        };
        let width = from_env.or(from_tty).unwrap_or(PIPE_WIDTH).clamp(40, 1000);
        Terminal { color, width }
    }

    /// Wraps `text` in an ANSI style when colour is on; returns it unchanged otherwise.
    pub fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("\x1b[{}m{text}\x1b[0m", style.code())
        } else {
            text.to_string()
        }
    }

    /// A comfy-table set up for this terminal: its width, and styling only when colour is on.
    pub fn table(&self) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table
            .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
            .set_width(self.width);
        if self.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        table
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Bold,
    Dim,
    Red,
    Green,
    Yellow,
    Blue,
    Cyan,
    Magenta,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Bold => "1",
            Style::Dim => "2",
            Style::Red => "31",
            Style::Green => "32",
            Style::Yellow => "33",
            Style::Blue => "34",
            Style::Magenta => "35",
            Style::Cyan => "36",
        }
    }
}

/// Escapes control characters (an ESC in a title could otherwise rewrite the
/// user's terminal), keeping line breaks and tabs, which tables handle.
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Whether a character from a file must not reach a terminal as it is: a
/// control character (C0, DEL, C1: escape sequences, bells, backspaces)
/// other than a line break or a tab, or one that reorders or breaks lines
/// (bidirectional overrides and isolates, line and paragraph separators).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}'
        )
}

/// Wraps `text` at word boundaries to `width` columns: the first line after
/// `first` (already printed by the caller, counted in columns), the rest
/// indented by `indent` spaces. Line breaks in the text are kept.
pub fn wrap(text: &str, width: usize, first: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut column = first;
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
        }
        // Leading spaces are layout (a checklist's indent), not word gaps.
        let body = paragraph.trim_start_matches(' ');
        let lead = paragraph.len() - body.len();
        out.push_str(&paragraph[..lead]);
        column += lead;
        let mut line_start = true;
        for word in body.split(' ').filter(|w| !w.is_empty()) {
            let len = word.chars().count();
            if !line_start && column + 1 + len > width {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                column = indent;
                line_start = true;
            }
            if !line_start {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += len;
            line_start = false;
        }
    }
    out
}

/// Writes a command's output to stdout. A closed pipe (`roadmap list | head`)
/// is the reader saying it has seen enough, so it is not an error.
pub fn emit(text: &str) -> roadmap_core::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| roadmap_core::Error::io("cannot write to standard output", e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters_but_keeps_newlines() {
        assert_eq!(sanitize("a\x1b[31mb\nc\td"), "a\\u{1b}[31mb\nc\td");
        assert_eq!(sanitize("Förändra"), "Förändra");
    }

    #[test]
    fn wraps_at_words_with_a_hanging_indent() {
        assert_eq!(
            wrap("Förbereda och skicka in anmälan", 22, 4, 4),
            "Förbereda och\n    skicka in anmälan"
        );
        assert_eq!(
            wrap("  [x] 1. Signering av kontrakt", 20, 0, 9),
            "  [x] 1. Signering\n         av kontrakt"
        );
        assert_eq!(wrap("a\nb", 80, 0, 2), "a\n  b");
    }

    #[test]
    fn paints_only_with_colour() {
        let plain = Terminal {
            color: false,
            width: 80,
        };
        assert_eq!(plain.paint(Style::Red, "x"), "x");
        let colored = Terminal { color: true, ..plain };
        assert_eq!(colored.paint(Style::Red, "x"), "\x1b[31mx\x1b[0m");
    }
}
