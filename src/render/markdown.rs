//! The report as GitHub-flavoured Markdown, with a Mermaid Gantt chart.

use roadmap_core::report::{Changed, Happening, MilestoneItem, Report};

/// Escapes text so Markdown shows it as written: no emphasis, links, HTML or
/// table breaks from a title that happens to hold `*`, `_`, `<` or `|`, and
/// control characters made visible escapes first (`terminal::sanitize`).
pub fn escape(text: &str) -> String {
    let text = super::sanitize(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as inline code: fenced by more backticks than any run of them in it
/// (so a backtick cannot end the span), on one line, with control characters
/// made visible. Inside a code span Markdown shows HTML as text; a `|` is
/// escaped for tables (GFM reads it before the span).
pub fn code(text: &str) -> String {
    let text = super::sanitize(text)
        .replace(['\n', '\r', '\t'], " ")
        .replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn due(item: &MilestoneItem) -> String {
    let due = item.due.as_ref().map_or_else(String::new, |d| escape(&d.label));
    match &item.baseline {
        Some(baseline) => format!("{due} (baseline {})", escape(baseline)),
        None => due,
    }
}

fn steps(item: &MilestoneItem) -> String {
    if item.steps_total > 0 {
        format!("{}/{}", item.steps_done, item.steps_total)
    } else {
        String::new()
    }
}

fn happening(h: &Happening) -> String {
    let note = h
        .note
        .as_deref()
        .map(|n| format!(": {}", escape(n)))
        .unwrap_or_default();
    format!(
        "- {} {} — {}, {}{note}\n",
        code(&h.address),
        escape(&h.title),
        escape(&h.by),
        h.day
    )
}

fn changed(c: &Changed) -> String {
    let what = match c.op {
        "skip" => "skipped".to_string(),
        "reopen" => "reopened".to_string(),
        _ => format!(
            "moved from {} to {}",
            escape(c.from.as_deref().unwrap_or("no date")),
            escape(c.to.as_deref().unwrap_or("no date"))
        ),
    };
    let note = c
        .note
        .as_deref()
        .map(|n| format!(": {}", escape(n)))
        .unwrap_or_default();
    format!(
        "- {} {} — {what} by {}, {}{note}\n",
        code(&c.address),
        escape(&c.title),
        escape(&c.by),
        c.day
    )
}

pub fn render(report: &Report) -> String {
    let mut out = format!(
        "# Status report {} ({} – {})\n\n**{}**: {}.\n\n_As of {}._\n\n",
        report.period.label,
        report.period.start,
        report.period.end,
        capitalise(report.headline.verdict.as_str()),
        report.headline.reason,
        report.today
    );
    out.push_str("## Progress\n\n| Roadmap | Steps done | Milestones done | Overdue | Due | Upcoming | Cost done (tkr) |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for r in &report.roadmaps {
        let cost = r
            .cost_tkr
            .as_ref()
            .map_or_else(String::new, |c| format!("{} of {}", number(c.done), number(c.total)));
        out.push_str(&format!(
            "| {} ({}) | {} | {}/{} | {} | {} | {} | {cost} |\n",
            escape(&r.title),
            code(&r.id),
            fraction(r.steps_done, r.steps),
            r.milestones_done,
            r.milestones,
            r.by_status["overdue"],
            r.by_status["due"],
            r.by_status["upcoming"]
        ));
    }
    out.push_str("\n## Done in the period\n\n");
    if report.done.is_empty() {
        out.push_str("Nothing was marked done in the period.\n");
    }
    for h in &report.done {
        out.push_str(&happening(h));
    }
    out.push_str("\n## Completed in the period\n\n");
    if report.completed.is_empty() {
        out.push_str("No milestone was completed in the period.\n");
    }
    for h in &report.completed {
        out.push_str(&happening(h));
    }
    out.push_str("\n## Skipped, reopened and moved in the period\n\n");
    if report.changes.is_empty() {
        out.push_str("Nothing was skipped, reopened or moved in the period.\n");
    }
    for c in &report.changes {
        out.push_str(&changed(c));
    }
    out.push_str(&format!(
        "\n## Coming due in the next {} weeks\n\n",
        report.horizon_weeks
    ));
    milestone_table(
        &mut out,
        &report.coming_due,
        "Nothing falls due.",
        |m| {
            [
                format!("{} {}", code(&m.address), escape(&m.title)),
                due(m),
                m.status.as_str().into(),
                owner(m),
                steps(m),
            ]
        },
        ["What", "Due", "Status", "Owner", "Steps"],
    );
    out.push_str("\n## Overdue\n\n");
    milestone_table(
        &mut out,
        &report.overdue,
        "Nothing is overdue.",
        |m| {
            [
                format!("{} days", m.days_overdue.unwrap_or(0)),
                format!("{} {}", code(&m.address), escape(&m.title)),
                due(m),
                owner(m),
                steps(m),
            ]
        },
        ["Overdue by", "What", "Due", "Owner", "Steps"],
    );
    out.push_str("\n## Blocked\n\n");
    if report.blocked.is_empty() {
        out.push_str("Nothing is blocked.\n");
    }
    for m in &report.blocked {
        let waits: Vec<String> = m.blocked_by.iter().map(|a| code(a)).collect();
        out.push_str(&format!(
            "- {} {} waits for {}\n",
            code(&m.address),
            escape(&m.title),
            waits.join(", ")
        ));
    }
    out.push_str("\n## Open work by owner\n\n| Owner | Open | Of which overdue |\n|---|---:|---:|\n");
    for load in &report.open_by_owner {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            escape(&load.owner),
            load.open,
            load.overdue
        ));
    }
    out.push_str("\n## Notes added in the period\n\n");
    if report.notes.is_empty() {
        out.push_str("No notes were added in the period.\n");
    }
    for h in &report.notes {
        out.push_str(&happening(h));
    }
    out.push_str("\n## Timeline\n\n```mermaid\n");
    out.push_str(&super::mermaid::gantt(report));
    out.push_str("```\n");
    out
}

fn owner(m: &MilestoneItem) -> String {
    m.owner.as_deref().map(escape).unwrap_or_default()
}

fn milestone_table<const N: usize>(
    out: &mut String,
    items: &[MilestoneItem],
    empty: &str,
    row: impl Fn(&MilestoneItem) -> [String; N],
    header: [&str; N],
) {
    if items.is_empty() {
        out.push_str(empty);
        out.push('\n');
        return;
    }
    out.push_str(&format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(N)));
    for item in items {
        out.push_str(&format!("| {} |\n", row(item).join(" | ")));
    }
}

/// "7/48", or "–" when there is nothing to count.
pub fn fraction(done: usize, total: usize) -> String {
    if total == 0 {
        "–".into()
    } else {
        format!("{done}/{total}")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn number(x: f64) -> String {
    roadmap_core::roadmap::format_amount(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_span_cannot_be_closed_from_inside() {
        assert_eq!(code("hubs-sdk/projektstart/1"), "`hubs-sdk/projektstart/1`");
        assert_eq!(
            code("a`<img src=x onerror=alert(1)>`b"),
            "``a`<img src=x onerror=alert(1)>`b``"
        );
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("a|b\nc"), "`a\\|b c`");
    }

    #[test]
    fn markup_and_controls_in_text_show_as_written() {
        assert_eq!(escape("<script>*x*</script>"), "\\<script\\>\\*x\\*\\</script\\>");
        assert_eq!(escape("a\u{1b}[2J"), "a\\\\u{1b}\\[2J");
    }
}
