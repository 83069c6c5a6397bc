//! Problems found in a file the user wrote, located by line and column, with
//! the line they are on, so that the binary can show them the way compilers
//! do and the fix is obvious without opening the file.

use std::ops::Range;

/// How bad a problem is: an error stops the command; a warning or a note
/// is reported and the command goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The source line the problem is on, and the byte range to underline in it.
    pub snippet: Option<(String, Range<usize>)>,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A stable name for this problem, as code-review tools match problems
    /// between runs: a hash of its file and message (not its line, so an
    /// edit above it does not make it new), and `occurrence` (its place
    /// among problems with the same file and message).
    pub fn fingerprint(&self, occurrence: usize) -> String {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(format!("{}\0{}\0{occurrence}", self.path, self.message).as_bytes());
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }

    /// A problem at a byte range of `text`, the whole content of `path`.
    pub fn at(path: &str, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..start].matches('\n').count() + 1;
        Diagnostic::on_line(path, text, line, line_start, span, message)
    }

    /// The problem at `span`, on line `line` (from 1) that starts at byte `line_start`.
    pub(crate) fn on_line(
        path: &str,
        text: &str,
        line: usize,
        line_start: usize,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let column = text[line_start..start].chars().count() + 1;
        // The line shown stops before a trailing '\r'; so does the underline.
        let mark_start = (start - line_start).min(line_text.len());
        let mark_end = (end.min(line_start + line_text.len()) - line_start).max(mark_start);
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line,
            column,
            message: message.into(),
            snippet: Some((line_text.to_string(), mark_start..mark_end)),
            hint: None,
        }
    }

    /// A problem that belongs to the file as a whole, or to a place with no
    /// source text to show (an invalid UTF-8 byte, say).
    pub fn in_file(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line,
            column,
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint.or(self.hint);
        self
    }
}

/// `bytes` of `path` are not UTF-8: where the first bad byte is, shown on its
/// line (the valid prefix is the same bytes in a lossy copy, so the caret
/// lands on the replacement character), with what the file should be.
pub fn invalid_utf8(path: &str, bytes: &[u8], error: std::str::Utf8Error, message: &str, hint: &str) -> Diagnostic {
    let lossy = String::from_utf8_lossy(bytes);
    let at = error.valid_up_to();
    Diagnostic::at(path, &lossy, at..at + '\u{fffd}'.len_utf8(), message).with_hint(hint)
}

/// The largest char boundary of `text` at or before `index`.
pub fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Where each line of a text starts, found once: a file with many problems
/// has each located by a binary search, not by counting lines from the
/// start of the file again.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The problem at `span` of `text`, the text this index was made from.
    pub fn at(&self, path: &str, text: &str, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line = self.starts.partition_point(|s| *s <= start).max(1);
        Diagnostic::on_line(path, text, line, self.starts[line - 1], span, message)
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_in_characters() {
        let text = "a = 1\nägare = \"x\"\n";
        let d = Diagnostic::at("f.toml", text, 15..18, "bad");
        assert_eq!((d.line, d.column), (2, 9));
        assert_eq!(d.snippet, Some(("ägare = \"x\"".to_string(), 9..12)));
    }

    #[test]
    fn a_line_index_locates_as_counting_does() {
        let text = "a = 1\nägare = \"x\"\r\n\n[lights]\nx = 2";
        let index = LineIndex::new(text);
        for at in 0..text.len() {
            if text.is_char_boundary(at) {
                assert_eq!(
                    index.at("f", text, at..at, "m"),
                    Diagnostic::at("f", text, at..at, "m"),
                    "{at}"
                );
            }
        }
    }

    #[test]
    fn a_problem_at_a_carriage_return_stops_the_line_before_it() {
        // Found by fuzzing: the shown line stops before the '\r' the error points at.
        let d = Diagnostic::at("f.toml", "[=p\r\r\r", 3..4, "bad");
        assert_eq!(d.snippet, Some(("[=p".to_string(), 3..3)));
    }

    #[test]
    fn suggests_only_near_misses() {
        let ids = ["projektstart", "uppstart"];
        assert_eq!(
            did_you_mean("projekstart", ids).as_deref(),
            Some("did you mean `projektstart`?")
        );
        assert_eq!(did_you_mean("helt-annat", ids), None);
    }
}
