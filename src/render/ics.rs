//! iCalendar (RFC 5545): one all-day event per dated milestone (over its
//! range, or on its last day as a deadline: `export::Events`). Lines end in
//! CRLF and are folded at 75 octets without splitting a character; text is
//! escaped (backslash, semicolon, comma, line break) as section 3.3.11 says.

use chrono::NaiveDate;
use roadmap_core::export::CalendarEntry;

use crate::i18n::{Language, t};

/// TEXT as section 3.3.11 escapes it, after control characters from the
/// files are made visible escapes (`terminal::sanitize`): a line break can
/// only be `\n`, so no text can start a property of its own.
pub fn escape(text: &str) -> String {
    let text = super::sanitize(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line: at most 75 octets a line, continuation lines start with a space.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// What the event's description says: roadmap, due as it stands (and as
/// first planned, when it moved), owner, status, steps, criteria.
fn description(language: &Language, entry: &CalendarEntry<'_, '_>) -> String {
    let s = entry.standing;
    let m = s.milestone;
    // A calendar is read in any year: weeks say theirs (no reader's year is 0).
    let mut lines = vec![
        format!("{} ({})", s.roadmap.title, s.roadmap.id),
        t!(
            language,
            "ics-due",
            due = super::due_as_moved(language, s.due.as_ref(), s.baseline.as_ref(), 0)
        ),
    ];
    if entry.open_ended {
        lines.push(t!(language, "ics-open-ended", start = language.date(entry.start)));
    }
    if entry.deadline
        && let Some((first, last)) = s.due.as_ref().and_then(|d| Some((d.start()?, d.end()?)))
    {
        lines.push(t!(language, "ics-deadline", dates = language.dates(first, last)));
    }
    lines.extend(m.owner.as_deref().map(|o| t!(language, "ics-owner", owner = o)));
    lines.push(t!(
        language,
        "ics-status",
        status = super::status_word(language, s.status)
    ));
    if s.progress.steps_total > 0 {
        lines.push(t!(
            language,
            "ics-steps",
            done = s.progress.steps_done,
            total = s.progress.steps_total
        ));
    }
    lines.extend(
        m.criteria
            .as_ref()
            .map(|c| t!(language, "ics-criteria", criteria = c.as_str())),
    );
    lines.join("\n")
}

/// A whole calendar. `stamp` is the DTSTAMP of every event: the day the export
/// describes, so the same inputs give the same file.
pub fn calendar(language: &Language, name: &str, stamp: NaiveDate, entries: &[CalendarEntry<'_, '_>]) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//roadmap//roadmap export//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        out.push_str(&fold(line));
    }
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", escape(name))));
    // Several plans (a supplier's customers) in one calendar: each event
    // says whose it is, as two customers' milestones have the same title.
    let several = entries
        .iter()
        .any(|e| e.standing.roadmap.id != entries[0].standing.roadmap.id);
    for entry in entries {
        let s = entry.standing;
        let summary = if several {
            format!(
                "{}: {}",
                roadmap_core::portfolio::organisation(s.roadmap),
                s.milestone.title
            )
        } else {
            s.milestone.title.clone()
        };
        out.push_str(&fold("BEGIN:VEVENT"));
        out.push_str(&fold(&format!("UID:{}", escape(&entry.uid))));
        out.push_str(&fold(&format!("DTSTAMP:{}T000000Z", date(stamp))));
        out.push_str(&fold(&format!("DTSTART;VALUE=DATE:{}", date(entry.start))));
        out.push_str(&fold(&format!("DTEND;VALUE=DATE:{}", date(entry.end_exclusive))));
        out.push_str(&fold(&format!("SUMMARY:{}", escape(&summary))));
        out.push_str(&fold(&format!("DESCRIPTION:{}", escape(&description(language, entry)))));
        // Categories are for the people who filter their calendar by them.
        let categories = [escape(&s.roadmap.id), escape(&super::status_word(language, s.status))];
        out.push_str(&fold(&format!("CATEGORIES:{}", categories.join(","))));
        out.push_str(&fold("TRANSP:TRANSPARENT"));
        out.push_str(&fold("END:VEVENT"));
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "å".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
