//! Error messages as the user sees them, on stderr: `error: …`, where
//! (file:line:column with the line and a caret under the place), and `help: …`.
//! Everything in them may quote a file the user or a teammate wrote, so all of
//! it is escaped for the terminal.

use std::fmt::Write as _;

use roadmap_core::Error;
use roadmap_core::diagnostic::{Diagnostic, floor_char_boundary};

use super::sanitize;

/// The whole message for `error`, ready for stderr.
pub fn message(error: &Error) -> String {
    match error {
        Error::Roadmaps(found) => {
            let mut out: String = found.iter().map(diagnostic).collect();
            let files = {
                let mut paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
                paths.dedup();
                paths.len()
            };
            let count = found.len();
            let _ = writeln!(
                out,
                "{} in {}; nothing was loaded",
                super::plural(count, "problem", "problems"),
                super::plural(files, "roadmap file", "roadmap files"),
            );
            out
        }
        Error::State(found) => {
            let mut out: String = found.iter().map(diagnostic).collect();
            out.push_str(
                "the state file was not changed; fix it by hand (or restore it from git) and run the command again\n",
            );
            out
        }
        other => {
            let mut out = format!("error: {}\n", sanitize(&other.to_string()));
            if let Some(hint) = other.hint() {
                let _ = writeln!(out, "  help: {}", sanitize(hint));
            }
            out
        }
    }
}

/// One problem in one file, shown the way compilers do.
pub fn diagnostic(d: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", d.severity.as_str(), sanitize(&d.message));
    let number = d.line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, "{pad}--> {}:{}:{}", sanitize(&d.path), d.line, d.column);
    if let Some((text, marks)) = &d.snippet {
        // Measured in the characters shown, after escaping, so the underline
        // stays under the right text (and under å and ø).
        let width = |part: &str| sanitize(part).chars().count();
        let start = floor_char_boundary(text, marks.start.min(text.len()));
        let end = floor_char_boundary(text, marks.end.clamp(start, text.len()));
        let before = width(&text[..start]);
        let under = width(&text[start..end]).max(1);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{number} | {}", sanitize(text));
        let _ = writeln!(out, "{pad} | {}{}", " ".repeat(before), "^".repeat(under));
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "{pad} = help: {}", sanitize(hint));
    }
    out.push('\n');
    out
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
    fn a_problem_at_a_carriage_return_renders() {
        let d = Diagnostic::at("f.toml", "[=p\r\r\r", 3..4, "bad");
        assert!(diagnostic(&d).contains("1 | [=p\n  |    ^\n"), "{d:?}");
    }
}
