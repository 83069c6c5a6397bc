//! The message catalogues (`src/i18n/*.ftl`), read with Fluent's own parser
//! (fluent-syntax): each parses without an error, every language has the
//! same messages with the same variables, and every message the code asks
//! for is in them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

const LANGUAGES: [&str; 3] = ["en", "sv", "nb"];

fn catalogue_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n")
}

/// Message id -> the variables its value uses (in every variant).
fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = catalogue_dir().join(format!("{lang}.ftl"));
    let text = std::fs::read_to_string(&path).unwrap();
    let resource = fluent_syntax::parser::parse(text.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(message) => {
                let id = message.id.name.to_string();
                let value = message.value.unwrap_or_else(|| panic!("{lang}: `{id}` has no value"));
                let mut variables = BTreeSet::new();
                pattern_variables(&value, &mut variables);
                assert!(out.insert(id.clone(), variables).is_none(), "{lang}: `{id}` twice");
            }
            Entry::Junk { content } => panic!("{lang}: junk in the catalogue: {content}"),
            Entry::Term(term) => panic!("{lang}: terms are not used here: -{}", term.id.name),
            _ => {}
        }
    }
    out
}

fn pattern_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        InlineExpression::MessageReference { id, .. } => panic!("message references are not used: {}", id.name),
        _ => {}
    }
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let english = messages("en");
    assert!(english.len() > 150, "only {} messages in en.ftl", english.len());
    for lang in &LANGUAGES[1..] {
        let other = messages(lang);
        let missing: Vec<&String> = english.keys().filter(|id| !other.contains_key(*id)).collect();
        let extra: Vec<&String> = other.keys().filter(|id| !english.contains_key(*id)).collect();
        assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
        assert!(extra.is_empty(), "{lang}.ftl has messages en.ftl does not: {extra:?}");
        for (id, variables) in &english {
            assert_eq!(
                &other[id], variables,
                "{lang}: `{id}` uses other variables than in English"
            );
        }
    }
}

/// The ids the code names: `t!(lang, "id"...)`, `lang.text("id", ...)`, and
/// the ids listed for headers (`"col-…"`); `csv-*` are named by their column.
fn ids_in_code() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("t!(") {
                    // `t!(`, not `format!(` or `print!(`.
                    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                    let in_comment = text[line_start..i].trim_start().starts_with("//");
                    if in_comment || text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[i..];
                    let Some(open) = rest.find('"') else { continue };
                    let close = rest[open + 1..].find('"').unwrap() + open + 1;
                    // Only the first string after `t!(lang, `.
                    if rest[..open].contains(')') {
                        continue;
                    }
                    ids.insert(rest[open + 1..close].to_string());
                }
                for prefix in ["\"col-", "\"fact-", "(\"status-", "text(\"", "report-"] {
                    for (i, _) in text.match_indices(prefix) {
                        let start = i + prefix.find('"').map_or(0, |q| q + 1);
                        let rest = &text[start..];
                        let end = rest.find(|c: char| !(c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()));
                        let id = &rest[..end.unwrap_or(rest.len())];
                        if id.len() > 3 && !id.ends_with('-') {
                            ids.insert(id.to_string());
                        }
                    }
                }
            }
        }
    }
    ids.retain(|id| !id.is_empty() && !id.contains(' '));
    ids
}

#[test]
fn every_message_the_code_asks_for_is_in_the_catalogue() {
    let english = messages("en");
    let asked = ids_in_code();
    assert!(asked.len() > 100, "found only {} ids in the code", asked.len());
    let missing: Vec<&String> = asked.iter().filter(|id| !english.contains_key(*id)).collect();
    assert!(missing.is_empty(), "asked for but not in en.ftl: {missing:?}");
    for column in [
        "roadmap",
        "milestone",
        "step",
        "title",
        "owner",
        "due",
        "start",
        "end",
        "status",
        "cost-tkr",
    ] {
        assert!(english.contains_key(&format!("csv-{column}")), "csv-{column}");
    }
}
