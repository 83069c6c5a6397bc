//! An imported plan as a roadmap file: commented, laid out as the shipped
//! roadmaps are, every value escaped for TOML. The words of the comments and
//! of the notes about what could not be read come from the caller, in the
//! plan's language.

use super::{Milestone, Plan};

/// What the file says about the import, for the caller to put in words.
pub enum Wording<'a> {
    /// The first comment: where the plan came from and how.
    Source,
    /// Which header became which field.
    Columns(String),
    /// Headers that were not read.
    Unused(String),
    /// The owners the table names, to write under `[parties]` with full names.
    Owners(String),
    /// A milestone's note when its due date could not be read: the text as written.
    UnreadDue(&'a str),
    /// A milestone's note when its cost is not a number: the text as written.
    UnreadCost(&'a str),
    /// A phase's note when its title leaves out the heading's number: the heading as written.
    Heading(&'a str),
    /// A milestone's note when its start does not make a range with its due date.
    UnreadStart(&'a str),
    /// A milestone's note when its status is none the import knows.
    UnreadStatus(&'a str),
}

/// The roadmap's own fields.
pub struct Head<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub language: &'a str,
    pub source: &'a str,
    /// The year the title row names, for bare weeks.
    pub year: Option<i32>,
    /// What an earlier import's file says that no sheet does, kept when the
    /// plan is imported again: written as they were.
    pub organisation: Option<&'a str>,
    pub note: Option<&'a str>,
    pub budget_tkr: Option<f64>,
    pub parties: &'a [crate::roadmap::Party],
}

pub fn write(plan: &Plan, head: &Head<'_>, words: &dyn Fn(Wording<'_>) -> String) -> String {
    let mut out = String::new();
    comment(&mut out, &words(Wording::Source));
    let columns: Vec<String> = plan
        .columns
        .iter()
        .map(|(key, header)| format!("{header} → {}", key.name()))
        .collect();
    if !columns.is_empty() {
        comment(&mut out, &words(Wording::Columns(columns.join(", "))));
    }
    if !plan.unused.is_empty() {
        comment(&mut out, &words(Wording::Unused(plan.unused.join(", "))));
    }
    out.push_str("\n[roadmap]\n");
    field(&mut out, "id", head.id);
    field(&mut out, "title", head.title);
    field(&mut out, "language", head.language);
    field(&mut out, "source", head.source);
    if let Some(organisation) = head.organisation {
        field(&mut out, "organisation", organisation);
    }
    if let Some(year) = head.year {
        out.push_str(&format!("year = {year}\n"));
    }
    if let Some(budget) = head.budget_tkr {
        out.push_str(&format!("budget_tkr = {budget}\n"));
    }
    if let Some(note) = head.note {
        field(&mut out, "note", note);
    }

    let owners = owners(plan);
    if !head.parties.is_empty() {
        out.push_str("\n[parties]\n");
        for party in head.parties {
            out.push_str(&party_line(party));
        }
    } else if !owners.is_empty() {
        out.push('\n');
        comment(&mut out, &words(Wording::Owners(owners.join(", "))));
        comment(&mut out, "[parties]");
        for owner in &owners {
            comment(&mut out, &format!("{} = \"…\"", key(owner)));
        }
    }
    for phase in &plan.phases {
        out.push_str("\n[[phase]]\n");
        field(&mut out, "id", &phase.id);
        field(&mut out, "title", &phase.title);
        if let Some(note) = &phase.note {
            field(&mut out, "note", note);
        } else if let Some(heading) = &phase.heading {
            field(&mut out, "note", &words(Wording::Heading(heading)));
        }
    }
    for m in &plan.milestones {
        out.push_str("\n[[milestone]]\n");
        milestone(&mut out, m, words);
    }
    out
}

fn milestone(out: &mut String, m: &Milestone, words: &dyn Fn(Wording<'_>) -> String) {
    field(out, "id", &m.id);
    if let Some(phase) = &m.phase {
        field(out, "phase", phase);
    }
    field(out, "title", &m.title);
    if let Some(due) = &m.due {
        field(out, "due", due);
    }
    if m.gate {
        field(out, "kind", "gate");
    }
    for (name, value) in [
        ("criteria", &m.criteria),
        ("description", &m.description),
        ("owner", &m.owner),
    ] {
        if let Some(value) = value {
            field(out, name, value);
        }
    }
    if let Some(cost) = m.cost_tkr {
        out.push_str(&format!("cost_tkr = {cost}\n"));
    }
    if !m.depends_on.is_empty() {
        let ids: Vec<String> = m.depends_on.iter().map(|d| string(d)).collect();
        out.push_str(&format!("depends_on = [{}]\n", ids.join(", ")));
    }
    if let Some(proposal) = &m.proposal {
        field(out, "proposal", proposal);
    }
    let notes: Vec<String> = m
        .note
        .iter()
        .cloned()
        .chain(m.unread_due.as_deref().map(|t| words(Wording::UnreadDue(t))))
        .chain(m.unread_cost.as_deref().map(|t| words(Wording::UnreadCost(t))))
        .chain(m.unread_start.as_deref().map(|t| words(Wording::UnreadStart(t))))
        .chain(m.unread_status.as_deref().map(|t| words(Wording::UnreadStatus(t))))
        .collect();
    if !notes.is_empty() {
        field(out, "note", &notes.join("\n"));
    }
    for step in &m.steps {
        out.push_str("\n  [[milestone.step]]\n");
        if let Some(id) = &step.id {
            out.push_str("  ");
            field(out, "id", id);
        }
        out.push_str("  ");
        field(out, "text", &step.text);
        for (name, value) in [("owner", &step.owner), ("note", &step.note)] {
            if let Some(value) = value {
                out.push_str("  ");
                field(out, name, value);
            }
        }
    }
}

/// The distinct parties the owners of milestones and steps name ("AF /
/// Digg" names two), in the order they appear.
fn owners(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let all = plan
        .milestones
        .iter()
        .flat_map(|m| m.owner.iter().chain(m.steps.iter().flat_map(|s| s.owner.iter())));
    for owner in all {
        for (party, _) in crate::parties::owner_parts(owner) {
            if !out.iter().any(|o| o == party) {
                out.push(party.to_string());
            }
        }
    }
    out
}

/// One party as `[parties]` writes it: `ITSL = "ITSL Solutions AB"`, or
/// with its aliases and the parties it stands for.
fn party_line(party: &crate::roadmap::Party) -> String {
    let list = |items: &[String]| items.iter().map(|i| string(i)).collect::<Vec<_>>().join(", ");
    if party.aliases.is_empty() && party.joint.is_empty() {
        return format!("{} = {}\n", key(&party.code), string(&party.name));
    }
    let mut fields = vec![format!("name = {}", string(&party.name))];
    if !party.aliases.is_empty() {
        fields.push(format!("aliases = [{}]", list(&party.aliases)));
    }
    if !party.joint.is_empty() {
        fields.push(format!("joint = [{}]", list(&party.joint)));
    }
    format!("{} = {{ {} }}\n", key(&party.code), fields.join(", "))
}

fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        out.push_str("# ");
        // A comment ends at a line break and may hold no other control
        // character (TOML refuses them): a header or file name with one in it
        // shows it as an escape.
        for c in line.chars() {
            if c.is_control() && c != '\t' {
                out.extend(c.escape_unicode());
            } else {
                out.push(c);
            }
        }
        out.push('\n');
    }
}

fn field(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(" = ");
    out.push_str(&string(value));
    out.push('\n');
}

/// A bare key when the text is one, else a quoted one.
fn key(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        text.to_string()
    } else {
        string(text)
    }
}

/// A TOML basic string; a multi-line one (as people write them) when the
/// text has line breaks. Quotes and backslashes are escaped in both, so no
/// text can end the string early.
pub fn string(text: &str) -> String {
    let multi = text.contains('\n');
    let mut out = String::from(if multi { "\"\"\"\n" } else { "\"" });
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multi => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str(if multi { "\"\"\"" } else { "\"" });
    out
}

#[cfg(test)]
mod tests {
    use super::string;

    #[test]
    fn strings_cannot_end_early() {
        assert_eq!(string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string("a\n\"\"\"\nb"), "\"\"\"\na\n\\\"\\\"\\\"\nb\"\"\"");
        assert_eq!(string("\u{1b}[31m"), "\"\\u001B[31m\"");
    }
}
