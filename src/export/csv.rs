//! CSV as RFC 4180 says: CRLF line ends, a field quoted when it holds a comma,
//! a double quote or a line break, and quotes inside doubled.

pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
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
        assert_eq!(
            super::write(&["a", "b"], &[vec!["1".into(), "x,y".into()]]),
            "a,b\r\n1,\"x,y\"\r\n"
        );
    }
}
