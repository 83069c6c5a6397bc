//! CSV as RFC 4180 says: CRLF line ends, a field quoted when it holds a comma,
//! a double quote or a line break, and quotes inside doubled. Text from the
//! files is untrusted: control characters are written as visible escapes
//! (`terminal::sanitize`), and a cell a spreadsheet would read as a formula
//! (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a `'`
//! in front, as OWASP recommends against CSV injection.

use roadmap_core::export::SheetRow;

/// The spreadsheet export: a header row, then a row per milestone and per step.
pub fn spreadsheet(rows: &[SheetRow<'_>]) -> String {
    let header = [
        "roadmap",
        "milestone",
        "step",
        "title",
        "owner",
        "due",
        "start",
        "end",
        "status",
        "cost_tkr",
    ];
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.roadmap.id.clone(),
                r.milestone.id.clone(),
                r.step.map(|n| n.to_string()).unwrap_or_default(),
                r.title.to_string(),
                r.owner.unwrap_or_default().to_string(),
                r.due.map(|d| d.label().to_string()).unwrap_or_default(),
                day(r.due.and_then(roadmap_core::due::Due::start)),
                day(r.due.and_then(roadmap_core::due::Due::end)),
                r.status.to_string(),
                r.cost_tkr.map(|c| c.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    write(&header, &rows)
}

pub fn field(text: &str) -> String {
    let visible = super::sanitize(text);
    let text = if visible.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{visible}")
    } else {
        visible.into_owned()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn write(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |fields: Vec<String>| fields.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| field(h)).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(|f| field(f)).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(super::field("Val av teknik"), "Val av teknik");
        assert_eq!(super::field("a, b"), "\"a, b\"");
        assert_eq!(super::field("\"Säkra\" möten"), "\"\"\"Säkra\"\" möten\"");
        assert_eq!(super::field("rad 1\nrad 2"), "\"rad 1\nrad 2\"");
        assert_eq!(super::field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(super::field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::field("-2+3"), "'-2+3");
        assert_eq!(super::field("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            super::write(&["a", "b"], &[vec!["1".into(), "x,y".into()]]),
            "a,b\r\n1,\"x,y\"\r\n"
        );
    }
}
