//! `JUnit` XML, as GitLab, Azure DevOps and Jenkins show test results: a test
//! suite per roadmap, a test case per dated milestone. An overdue milestone
//! is a failure (how long, whose), a skipped one is skipped, every other is
//! a test that passes. Text goes through `escape_html`, whose five entities
//! are XML's, after control characters are made visible (XML 1.0 forbids them).

use super::escape_html as escape;

/// How one milestone came out.
pub enum Outcome {
    Passed,
    Failed { message: String, details: String },
    Skipped { message: String },
}

pub struct Case {
    /// The milestone's title, with its address for those who must type it.
    pub name: String,
    pub outcome: Outcome,
}

pub struct Suite {
    /// The roadmap's id (the `JUnit` class name).
    pub id: String,
    /// Who the plan is for and its title, as the suite's name.
    pub name: String,
    pub cases: Vec<Case>,
}

/// The document for `suites`, stamped with `today` (an ISO day).
pub fn document(title: &str, today: &str, suites: &[Suite]) -> String {
    let count = |f: fn(&Outcome) -> bool| -> usize {
        suites
            .iter()
            .map(|s| s.cases.iter().filter(|c| f(&c.outcome)).count())
            .sum()
    };
    let failed = |o: &Outcome| matches!(o, Outcome::Failed { .. });
    let skipped = |o: &Outcome| matches!(o, Outcome::Skipped { .. });
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\">\n",
        escape(title),
        count(failed),
        count(skipped)
    ));
    for suite in suites {
        let in_suite = |f: fn(&Outcome) -> bool| suite.cases.iter().filter(|c| f(&c.outcome)).count();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\" timestamp=\"{today}T00:00:00\">\n",
            escape(&suite.name),
            suite.cases.len(),
            in_suite(failed),
            in_suite(skipped)
        ));
        for case in &suite.cases {
            let head = format!(
                "    <testcase classname=\"{}\" name=\"{}\" time=\"0\"",
                escape(&suite.id),
                escape(&case.name)
            );
            match &case.outcome {
                Outcome::Passed => out.push_str(&format!("{head}/>\n")),
                Outcome::Failed { message, details } => out.push_str(&format!(
                    "{head}>\n      <failure type=\"overdue\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    escape(message),
                    escape(details)
                )),
                Outcome::Skipped { message } => out.push_str(&format!(
                    "{head}>\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                    escape(message)
                )),
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
