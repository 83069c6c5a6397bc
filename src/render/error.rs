//! Error messages as the user sees them, on stderr: `error: …`, where
//! (<file:line:column> with the line and a caret under the place), and `help: …`.
//! Everything in them may quote a file the user or a teammate wrote, so all of
//! it is escaped for the terminal.

use std::fmt::Write as _;

use roadmap_core::Error;
use roadmap_core::diagnostic::{Diagnostic, floor_char_boundary};

use super::sanitize;

/// The most of a message or hint shown: a value quoted whole could be
/// megabytes (a 1 MB `due`).
const MESSAGE: usize = 400;
/// The most of the line a problem is on shown, around the problem.
const LINE: usize = 120;

/// `text` made safe for a terminal and cut to `max` characters.
fn bounded(text: &str, max: usize) -> String {
    let safe = sanitize(text);
    let count = safe.chars().count();
    if count <= max {
        return safe.into_owned();
    }
    let kept: String = safe.chars().take(max).collect();
    format!("{kept}… ({} more characters)", count - max)
}

/// "1 problem", "3 problems": error messages and `validate` stay English
/// (see the README's "Language").
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The most problems shown at once: a file with eighty thousand bad lines
/// is fixed from the first ones, not read through.
const MOST_SHOWN: usize = 50;

/// The first `MOST_SHOWN` of `found`, and how many more there are.
fn diagnostics(found: &[Diagnostic]) -> String {
    let mut out: String = found.iter().take(MOST_SHOWN).map(diagnostic).collect();
    if found.len() > MOST_SHOWN {
        let more = found.len() - MOST_SHOWN;
        let word = if more == 1 { "problem" } else { "problems" };
        let _ = writeln!(
            out,
            "… and {more} more {word} not shown: fix these and run the command again\n"
        );
    }
    out
}

/// The whole message for `error`, ready for stderr.
pub fn message(error: &Error) -> String {
    match error {
        Error::Roadmaps(found) => {
            let mut out = diagnostics(found);
            let files = {
                let mut paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
                paths.dedup();
                paths.len()
            };
            let count = found.len();
            let _ = writeln!(
                out,
                "{} in {}; nothing was loaded",
                plural(count, "problem", "problems"),
                plural(files, "roadmap file", "roadmap files"),
            );
            out
        }
        Error::Config(found) => {
            let mut out = diagnostics(found);
            out.push_str("fix the workspace settings and run the command again\n");
            out
        }
        Error::State(found) => {
            let mut out = diagnostics(found);
            out.push_str(
                "the state file was not changed; fix it by hand (or restore it from git) and run the command again\n",
            );
            out
        }
        other => {
            let mut out = format!("error: {}\n", bounded(&other.to_string(), MESSAGE));
            if let Some(hint) = hint(other) {
                let _ = writeln!(out, "  help: {}", bounded(&hint, MESSAGE));
            }
            out
        }
    }
}

/// What to do about `error`: its own hint, or for an error the core leaves
/// to the command line to advise on, where to give what is missing.
fn hint(error: &Error) -> Option<String> {
    match error {
        Error::NoRecorder => Some(
            "say who with --by NAME, or set ROADMAP_USER, or `git config user.name` in the workspace's repository"
                .to_string(),
        ),
        Error::NoStateHome => Some("name one with --state PATH or ROADMAP_STATE".to_string()),
        Error::Exists { .. } => Some("give --force to replace it, or another path".to_string()),
        Error::WeekWithoutYear { roadmap, week, .. } => Some(format!(
            "write the week with its year, like YEAR-W{week:02}, or place the plan first: roadmap init {roadmap} --start WEEK"
        )),
        other => other.hint().map(str::to_string),
    }
}

/// One problem in one file, shown the way compilers do.
pub fn diagnostic(d: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", d.severity.as_str(), bounded(&d.message, MESSAGE));
    let number = d.line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, "{pad}--> {}:{}:{}", bounded(&d.path, MESSAGE), d.line, d.column);
    if let Some((text, marks)) = &d.snippet {
        let (shown, before, under) = excerpt(text, marks);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{number} | {shown}");
        let _ = writeln!(out, "{pad} | {}{}", " ".repeat(before), "^".repeat(under));
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "{pad} = help: {}", bounded(hint, MESSAGE));
    }
    out.push('\n');
    out
}

/// The line a problem is on as shown (escaped for the terminal, and cut to
/// about `LINE` characters around the problem when longer), with the column
/// the underline starts at and how long it is, in characters shown.
fn excerpt(text: &str, marks: &std::ops::Range<usize>) -> (String, usize, usize) {
    let start = floor_char_boundary(text, marks.start.min(text.len()));
    let end = floor_char_boundary(text, marks.end.clamp(start, text.len()));
    // Measured in the characters shown, after escaping, so the underline
    // stays under the right text (and under å and ø).
    let before: Vec<char> = sanitize(&text[..start]).chars().collect();
    let marked: Vec<char> = sanitize(&text[start..end]).chars().collect();
    let after: Vec<char> = sanitize(&text[end..]).chars().collect();
    if before.len() + marked.len() + after.len() <= LINE {
        let shown: String = before.iter().chain(&marked).chain(&after).collect();
        return (shown, before.len(), marked.len().max(1));
    }
    let lead = before.len().min(LINE / 3);
    let mark = marked.len().min(LINE - lead);
    let tail = after.len().min(LINE - lead - mark);
    let mut shown = String::new();
    let cut_before = lead < before.len();
    if cut_before {
        shown.push('…');
    }
    shown.extend(&before[before.len() - lead..]);
    shown.extend(&marked[..mark]);
    shown.extend(&after[..tail]);
    if tail < after.len() || mark < marked.len() {
        shown.push('…');
    }
    (shown, lead + usize::from(cut_before), mark.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_line_and_underlines_the_place() {
        let text = "a = 1\nägare = \"x\"\n";
        let shown = diagnostic(&Diagnostic::at("f.toml", text, 15..18, "bad"));
        assert!(shown.contains("--> f.toml:2:9"), "{shown}");
        assert!(shown.contains("2 | ägare = \"x\"\n  |         ^^^"), "{shown}");
    }

    #[test]
    fn escapes_what_it_quotes_and_underlines_the_escaped_text() {
        let text = "depends_on = [\"\u{202e}\", \"nope\"]\n";
        let start = text.find("\"nope").unwrap();
        let d = Diagnostic::at("f.toml", text, start..start + 6, "unknown milestone `\u{1b}[2J`");
        let shown = diagnostic(&d);
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'), "{shown:?}");
        let lines: Vec<&str> = shown.lines().collect();
        let code = lines[3].find("\"nope").unwrap();
        assert_eq!(lines[4].find('^'), Some(code), "{shown}");
    }

    #[test]
    fn a_huge_line_is_shown_around_the_problem() {
        let text = format!("due = \"{}\"\n", "x".repeat(1_000_000));
        let d = Diagnostic::at(
            "f.toml",
            &text,
            6..text.len() - 1,
            format!("`{}` is not a date", "x".repeat(1_000_000)),
        );
        let shown = diagnostic(&d);
        assert!(shown.len() < 2_000, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        assert!(
            lines[3].starts_with("1 | due = \"xxx") && lines[3].ends_with('…'),
            "{shown}"
        );
        assert!(lines[4].starts_with("  |       ^^^"), "{shown}");
    }

    #[test]
    fn a_problem_at_a_carriage_return_renders() {
        let d = Diagnostic::at("f.toml", "[=p\r\r\r", 3..4, "bad");
        assert!(diagnostic(&d).contains("1 | [=p\n  |    ^\n"), "{d:?}");
    }
}
