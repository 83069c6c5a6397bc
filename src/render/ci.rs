//! Problems as CI platforms show them beside the code: GitLab's Code
//! Quality report (a JSON array, shown in merge requests) and GitHub's
//! workflow commands (`::error file=…,line=…,col=…::message`, shown as
//! annotations on the lines of a pull request).

use foldhash::HashMap;

use roadmap_core::diagnostic::{Diagnostic, Severity};
use serde::Serialize;

use super::sanitize;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// GitLab's Code Quality report: errors are major, warnings minor, notes
/// info; each with a fingerprint that stays the same from run to run.
/// Written as every JSON output is (`json::to_string`).
/// `paths` gives each problem's file as the repository names it.
pub fn gitlab(problems: &[(&Diagnostic, String)]) -> roadmap_core::Result<String> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::default();
    let issues: Vec<Issue> = problems
        .iter()
        .map(|(d, path)| {
            let occurrence = seen.entry((path.as_str(), d.message.as_str())).or_default();
            *occurrence += 1;
            let description = match &d.hint {
                Some(hint) => format!("{} ({hint})", d.message),
                None => d.message.clone(),
            };
            Issue {
                description,
                check_name: match d.severity {
                    Severity::Error => "roadmap-error",
                    Severity::Warning => "roadmap-warning",
                    Severity::Note => "roadmap-note",
                },
                fingerprint: d.fingerprint(*occurrence),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Note => "info",
                },
                location: Location {
                    path,
                    lines: Lines { begin: d.line.max(1) },
                },
            }
        })
        .collect();
    super::json::to_string(&issues)
}

/// GitHub's workflow commands, one line per problem: `::error`,
/// `::warning` or `::notice`, with the file, line and column, and the
/// message (and hint) escaped as GitHub reads them back.
pub fn github(problems: &[(&Diagnostic, String)]) -> String {
    let mut out = String::new();
    for (d, path) in problems {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let message = match &d.hint {
            Some(hint) => format!("{}\nhelp: {hint}", d.message),
            None => d.message.clone(),
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={}::{}\n",
            property(path),
            d.line.max(1),
            d.column.max(1),
            data(&sanitize(&message))
        ));
    }
    out
}

/// A command's data: `%`, carriage return and line feed escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value: as data, and `:` and `,` too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        // The toolkit's escapeData and escapeProperty, by hand.
        assert_eq!(super::data("50% klart\r\nnästa"), "50%25 klart%0D%0Anästa");
        assert_eq!(super::property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
