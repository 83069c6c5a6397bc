//! Everything that depends on where output goes: whether to colour it, how wide
//! it may be, and making text from files safe to print. Decided once, in
//! `Terminal::detect`.

use std::io::{IsTerminal, Write};

use super::Page;

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
        let mut out = String::new();
        self.paint_onto(&mut out, style, &[text]);
        out
    }

    /// `paint` of the pieces of `text`, written onto the end of `out`.
    pub fn paint_onto(&self, out: &mut String, style: Style, text: &[&str]) {
        if self.color {
            out.push_str("\x1b[");
            out.push_str(style.code());
            out.push('m');
        }
        for piece in text {
            out.push_str(piece);
        }
        if self.color {
            out.push_str("\x1b[0m");
        }
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
            Style::Cyan => "36",
        }
    }
}

/// Escapes control characters (an ESC in a title could otherwise rewrite the
/// user's terminal), keeping line breaks and tabs, which tables handle.
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_unsafe(text) {
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

/// Whether `text` holds a character `is_unsafe` names: the same answer as
/// asking each character, read from the UTF-8 bytes, since every report and
/// table goes through it whole. Those characters are the bytes below 0x20
/// (but line breaks and tabs) and 0x7F, and the encodings starting with
/// 0xC2 (C1 controls), 0xD8 (U+061C) and 0xE2 (U+200E and the rest).
pub fn has_unsafe(text: &str) -> bool {
    // Whether the character at a byte is unsafe, from that byte and the two
    // after it (0 past the end). A byte inside a character (0x80-0xBF) is
    // none of the lead bytes asked for, so every byte can be asked.
    #[expect(
        clippy::needless_bitwise_bool,
        reason = "no branches, so that the loop below becomes vector compares"
    )]
    fn starts_unsafe(b0: u8, b1: u8, b2: u8) -> bool {
        // `x.wrapping_sub(low) <= high - low`: x in low..=high, without a branch.
        let within = |x: u8, low: u8, high: u8| x.wrapping_sub(low) <= high - low;
        let control = (within(b0, 0x00, 0x1f) & (b0 != b'\n') & (b0 != b'\t')) | (b0 == 0x7f);
        let c1 = (b0 == 0xc2) & within(b1, 0x80, 0x9f);
        let arabic_mark = (b0 == 0xd8) & (b1 == 0x9c);
        let marks = (b0 == 0xe2)
            & (((b1 == 0x80) & (within(b2, 0x8e, 0x8f) | within(b2, 0xa8, 0xae)))
                | ((b1 == 0x81) & within(b2, 0xa6, 0xa9)));
        control | c1 | arabic_mark | marks
    }
    const PIECE: usize = 32;
    let bytes = text.as_bytes();
    // Every table and report goes through here whole: in pieces of 32
    // bytes (each with the two after it), with no early way out inside,
    // which the compiler makes vector compares of. The rest, and short
    // texts such as a cell, byte by byte, where printable ASCII and line
    // breaks are passed over with one comparison each.
    let pieces = bytes.len().saturating_sub(2) / PIECE;
    for start in (0..pieces).map(|piece| piece * PIECE) {
        let window = &bytes[start..start + PIECE + 2];
        let found = (0..PIECE).fold(false, |found, i| {
            found | starts_unsafe(window[i], window[i + 1], window[i + 2])
        });
        if found {
            return true;
        }
    }
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    (pieces * PIECE..bytes.len()).any(|i| {
        let b = bytes[i];
        !((b' '..0x7f).contains(&b) || b == b'\n') && starts_unsafe(b, at(i + 1), at(i + 2))
    })
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

/// The terminal rule, applied to everything written to stdout or stderr,
/// whatever built it: every character `is_unsafe` names is escaped as
/// `sanitize` does, except the colour sequences (`ESC [ 1 ; 31 m`) when
/// colour is on and the CRLF line ends of CSV and iCalendar. Views sanitize
/// text from files where they place it (so widths are right); this is what
/// makes a view that forgets harmless.
pub fn guard(text: &str, colour: bool) -> std::borrow::Cow<'_, str> {
    if !has_unsafe(text) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let sgr = colour && c == '\x1b' && colour_sequence(rest).is_some();
        if sgr {
            let len = colour_sequence(rest).unwrap_or(0);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if c == '\r' && rest[1..].starts_with('\n') {
            out.push('\r');
        } else if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.into()
}

/// The length of the SGR (colour) sequence `text` starts with, if it does.
fn colour_sequence(text: &str) -> Option<usize> {
    let params = text.strip_prefix("\x1b[")?;
    let len = params.find(|c: char| !c.is_ascii_digit() && c != ';')?;
    params[len..].starts_with('m').then_some(2 + len + 1)
}

impl Terminal {
    /// Writes a command's output to stdout, through `guard`.
    pub fn emit(&self, text: &str) -> roadmap_core::Result<()> {
        let mut out = self.stream();
        out.put(text)?;
        out.finish()
    }

    /// Output written to stdout as it is made (a chart or table of 100,000
    /// rows need not be held whole besides its rows), through `guard`.
    pub fn stream(&self) -> Stream {
        crate::phases::mark("worked out");
        Stream {
            out: std::io::stdout().lock(),
            pending: String::new(),
            color: self.color,
            closed: false,
            failed: None,
        }
    }
}

/// Standard output being written (`Terminal::stream`). Text is held until
/// 64 KiB of whole lines are, and `guard` reads whole lines: a colour
/// sequence or a CRLF is never cut in two. A closed pipe (`roadmap list |
/// head`) is the reader saying it has seen enough, so it is not an error:
/// what follows is dropped.
pub struct Stream {
    out: std::io::StdoutLock<'static>,
    pending: String,
    color: bool,
    closed: bool,
    /// The error that stopped `put_display` (`fmt::Write` cannot carry it).
    failed: Option<roadmap_core::Error>,
}

impl Stream {
    const PIECE: usize = 1 << 16;

    pub fn put(&mut self, text: &str) -> roadmap_core::Result<()> {
        // A whole page (a report) is written from where it is: copied into
        // `pending` first, a national portfolio's report would be held twice.
        if self.pending.is_empty()
            && text.len() >= Self::PIECE
            && let Some(end) = text.rfind('\n')
        {
            let result = self.send(&text[..=end]);
            self.pending.push_str(&text[end + 1..]);
            return result;
        }
        self.pending.push_str(text);
        self.spill()
    }

    /// Writes `value` as its `Display` draws it, without drawing it whole first.
    pub fn put_display(&mut self, value: &dyn std::fmt::Display) -> roadmap_core::Result<()> {
        use std::fmt::Write;
        write!(self, "{value}").map_err(|_| {
            self.failed.take().unwrap_or_else(|| {
                roadmap_core::Error::io(
                    "cannot write to standard output",
                    std::io::Error::other("the output could not be drawn"),
                )
            })
        })
    }

    /// Writes what is left and flushes.
    pub fn finish(mut self) -> roadmap_core::Result<()> {
        self.write(self.pending.len())?;
        let flushed = if self.closed { Ok(()) } else { self.out.flush() };
        self.settle(flushed)
    }

    /// Writes the first `len` bytes of what is pending.
    fn write(&mut self, len: usize) -> roadmap_core::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let result = self.send(&pending[..len]);
        self.pending = pending;
        result
    }

    /// Writes `text`, whole lines, through `guard`.
    fn send(&mut self, text: &str) -> roadmap_core::Result<()> {
        if self.closed {
            return Ok(());
        }
        let written = self.out.write_all(guard(text, self.color).as_bytes());
        self.settle(written)
    }

    fn settle(&mut self, result: std::io::Result<()>) -> roadmap_core::Result<()> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other.map_err(|e| roadmap_core::Error::io("cannot write to standard output", e)),
        }
    }
}

impl Page for Stream {
    fn text(&mut self) -> &mut String {
        &mut self.pending
    }

    /// Writes the whole lines pending, once there are 64 KiB of them.
    fn spill(&mut self) -> roadmap_core::Result<()> {
        if self.pending.len() < Self::PIECE {
            return Ok(());
        }
        let Some(end) = self.pending.rfind('\n') else {
            return Ok(());
        };
        let result = self.write(end + 1);
        self.pending.drain(..=end);
        result
    }

    fn room(&mut self, _len: usize) {}
}

impl std::fmt::Write for Stream {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.put(text).map_err(|e| {
            self.failed = Some(e);
            std::fmt::Error
        })
    }
}

/// Writes a message to stderr, through `guard` (messages are not coloured).
pub fn say(text: &str) {
    eprint!("{}", guard(text, false));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_keeps_colour_only_when_it_is_on_and_crlf_only_as_a_pair() {
        let text = "\x1b[1;31mröd\x1b[0m \x1b]52;c;x\x07 a\rb\r\n\u{202e}";
        assert_eq!(
            guard(text, true),
            "\x1b[1;31mröd\x1b[0m \\u{1b}]52;c;x\\u{7} a\\u{d}b\r\n\\u{202e}"
        );
        assert_eq!(
            guard(text, false),
            "\\u{1b}[1;31mröd\\u{1b}[0m \\u{1b}]52;c;x\\u{7} a\\u{d}b\r\n\\u{202e}"
        );
        assert_eq!(guard("\x1b[2J", true), "\\u{1b}[2J");
        assert_eq!(guard("\x1b[", true), "\\u{1b}[");
    }

    #[test]
    fn every_character_is_read_from_its_bytes_as_it_says_itself() {
        let mut buffer = [0; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(has_unsafe(c.encode_utf8(&mut buffer)), is_unsafe(c), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The byte reading agrees with asking each character, on any text
        /// and on text made of the characters around each unsafe range.
        #[test]
        fn unsafe_text_is_found_as_each_character_would_say(
            any in ".*",
            near in proptest::collection::vec(
                proptest::prop_oneof![
                    0u32..0x100,
                    0x600u32..0x620,
                    0x2000u32..0x2080,
                    proptest::prelude::Just(0x10_ffff),
                ],
                0..12,
            ),
        ) {
            let near: String = near.into_iter().filter_map(char::from_u32).collect();
            for text in [any.as_str(), near.as_str()] {
                proptest::prop_assert_eq!(has_unsafe(text), text.chars().any(is_unsafe), "{:?}", text);
            }
        }
    }

    /// Texts longer than the 32 bytes read at a time, with a character on
    /// either side of each unsafe range at every place: the byte reading
    /// agrees with asking each character, wherever a piece ends.
    #[test]
    fn unsafe_text_is_found_at_every_place_in_a_long_text() {
        let probes = [
            '\x1b', '\x7f', '\u{85}', '\u{9f}', '\u{a0}', '\u{61b}', '\u{61c}', '\u{200d}', '\u{200e}', '\u{2029}',
            '\u{202a}', '\u{202f}', '\u{2065}', '\u{2066}', '\u{2069}', '\u{206a}', '\t', '\n',
        ];
        for filler in ["a", "\u{2500}", "\u{e4}", "\u{2013}", "\u{10ffff}"] {
            for before in 0..70 {
                for probe in probes {
                    let text = format!("{}{probe}{}", filler.repeat(before), filler.repeat(70 - before));
                    assert_eq!(has_unsafe(&text), text.chars().any(is_unsafe), "{text:?}");
                }
            }
        }
    }

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
