//! Every number before a word agrees with it: each catalogue message that
//! takes a count is rendered by Fluent with the count at 0, 1 and 2, in
//! each language, and each word that follows a count is checked against
//! the forms below, written out by a reader of each language: a form for
//! one ("1 dag", "1 försenad", "1 åpen") is wrong after 0 or 2, a form for
//! many ("2 dagar", "2 öppna", "2 åpne") is wrong after 1. A word the lists
//! do not know fails the test until a reader adds it, so no message slips
//! past unread.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey};

/// The words a count stands before, per language: (for one, for many).
/// Words the same for both are listed as such.
fn forms(lang: &str) -> Vec<(&'static str, &'static str)> {
    match lang {
        "sv" => vec![
            ("dag", "dagar"),
            ("vecka", "veckor"),
            ("milstolpe", "milstolpar"),
            ("fas", "faser"),
            ("ändring", "ändringar"),
            ("försenad", "försenade"),
            ("öppen", "öppna"),
            ("klar", "klara"),
            ("odaterad", "odaterade"),
            ("fil", "filer"),
            ("färdplansfil", "färdplansfiler"),
            ("risk", "risker"),
            ("rad", "rader"),
            ("steg", "steg"),
            ("problem", "problem"),
            ("fel", "fel"),
            ("varning", "varningar"),
            ("kolumn", "kolumner"),
            ("tabell", "tabeller"),
            ("blad", "blad"),
            ("ej", "ej"),
            ("av", "av"),
            ("till", "till"),
            ("kommande", "kommande"),
            ("löpande", "löpande"),
            ("förfaller", "förfaller"),
            ("tkr", "tkr"),
            ("kr", "kr"),
            ("månad", "månader"),
            ("år", "år"),
            ("registrerad", "registrerade"),
            ("öppet", "öppna"),
            ("ändringen", "ändringarna"),
            ("är", "är"),
            ("kund", "kunder"),
            ("röd", "röda"),
            ("gul", "gula"),
            ("grön", "gröna"),
            ("arbetsyta", "arbetsytor"),
            ("anteckning", "anteckningar"),
            ("senare", "senare"),
        ],
        "nb" => vec![
            ("dag", "dager"),
            ("uke", "uker"),
            ("milepæl", "milepæler"),
            ("fase", "faser"),
            ("endring", "endringer"),
            ("forsinket", "forsinket"),
            ("åpen", "åpne"),
            ("ferdig", "ferdige"),
            ("udatert", "udaterte"),
            ("fil", "filer"),
            ("veikartfil", "veikartfiler"),
            ("risiko", "risikoer"),
            ("rad", "rader"),
            ("steg", "steg"),
            ("problem", "problemer"),
            ("feil", "feil"),
            ("advarsel", "advarsler"),
            ("kolonne", "kolonner"),
            ("tabell", "tabeller"),
            ("ark", "ark"),
            ("ikke", "ikke"),
            ("av", "av"),
            ("til", "til"),
            ("kommende", "kommende"),
            ("løpende", "løpende"),
            ("har", "har"),
            ("kr", "kr"),
            ("forsinket", "forsinkede"),
            ("måned", "måneder"),
            ("år", "år"),
            ("registrert", "registrerte"),
            ("åpent", "åpne"),
            ("endringen", "endringene"),
            ("er", "er"),
            ("kunde", "kunder"),
            ("rød", "røde"),
            ("gul", "gule"),
            ("grønn", "grønne"),
            ("arbeidsområde", "arbeidsområder"),
            ("notat", "notater"),
            ("senere", "senere"),
        ],
        _ => vec![
            ("day", "days"),
            ("week", "weeks"),
            ("milestone", "milestones"),
            ("phase", "phases"),
            ("change", "changes"),
            ("step", "steps"),
            ("file", "files"),
            ("roadmap", "roadmaps"),
            ("risk", "risks"),
            ("row", "rows"),
            ("problem", "problems"),
            ("error", "errors"),
            ("warning", "warnings"),
            ("column", "columns"),
            ("table", "tables"),
            ("sheet", "sheets"),
            ("more", "more"),
            ("of", "of"),
            ("overdue", "overdue"),
            ("open", "open"),
            ("done", "done"),
            ("skipped", "skipped"),
            ("due", "due"),
            ("upcoming", "upcoming"),
            ("ongoing", "ongoing"),
            ("undated", "undated"),
            ("not", "not"),
            ("tkr", "tkr"),
            ("kr", "kr"),
            ("month", "months"),
            ("year", "years"),
            ("is", "are"),
            ("customer", "customers"),
            ("red", "red"),
            ("yellow", "yellow"),
            ("green", "green"),
            ("workspace", "workspaces"),
            ("note", "notes"),
            ("later", "later"),
        ],
    }
}

/// After these the next word is the one that agrees: "1 ej aktuell",
/// "2 ikke aktuelle".
fn modifiers(lang: &str) -> Vec<(&'static str, &'static str)> {
    match lang {
        "sv" => vec![
            ("aktuell", "aktuella"),
            ("nu", "nu"),
            ("registrerad", "registrerade"),
            ("senare", "senare"),
        ],
        "nb" => vec![
            ("aktuelt", "aktuelle"),
            ("frist", "frist"),
            ("registrert", "registrert"),
            ("senere", "senere"),
        ],
        _ => vec![
            ("applicable", "applicable"),
            ("recorded", "recorded"),
            ("later", "later"),
        ],
    }
}

const LANGUAGES: [&str; 3] = ["sv", "nb", "en"];

fn catalogue(lang: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/i18n/{lang}.ftl"))).unwrap()
}

/// For each message, the variables it selects on: plural ones (variants
/// `one`/`other`) and the keys of other selectors.
#[derive(Default, Debug)]
struct Selectors {
    plural: BTreeSet<String>,
    keyed: BTreeMap<String, BTreeSet<String>>,
    all: BTreeSet<String>,
}

fn walk_pattern(pattern: &Pattern<&str>, out: &mut Selectors) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, out);
        }
    }
}

fn walk_expression(expression: &Expression<&str>, out: &mut Selectors) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, out),
        Expression::Select { selector, variants } => {
            if let InlineExpression::VariableReference { id } = selector {
                let keys: BTreeSet<String> = variants
                    .iter()
                    .map(|v| match &v.key {
                        VariantKey::Identifier { name } => (*name).to_string(),
                        VariantKey::NumberLiteral { value } => (*value).to_string(),
                    })
                    .collect();
                let name = id.name.to_string();
                if keys
                    .iter()
                    .any(|k| ["one", "other", "zero", "few", "many"].contains(&k.as_str()))
                {
                    out.plural.insert(name.clone());
                } else {
                    out.keyed.entry(name.clone()).or_default().extend(keys);
                }
                out.all.insert(name);
            }
            for variant in variants {
                walk_pattern(&variant.value, out);
            }
        }
    }
}

fn walk_inline(inline: &InlineExpression<&str>, out: &mut Selectors) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.all.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, out),
        _ => {}
    }
}

/// Every message of every catalogue: id -> what it selects on.
fn messages() -> BTreeMap<String, Selectors> {
    let mut out: BTreeMap<String, Selectors> = BTreeMap::new();
    for lang in LANGUAGES {
        let text = catalogue(lang);
        let resource = fluent_syntax::parser::parse(text.as_str()).unwrap();
        for entry in resource.body {
            if let Entry::Message(message) = entry
                && let Some(value) = &message.value
            {
                walk_pattern(value, out.entry(message.id.name.to_string()).or_default());
            }
        }
    }
    out
}

/// A variable that holds a count: selected on for its plural somewhere.
fn counts(all: &BTreeMap<String, Selectors>) -> BTreeSet<String> {
    all.values().flat_map(|s| s.plural.iter().cloned()).collect()
}

/// Every word that follows one of `values` standing alone in `text`, with the count.
fn counted_words(text: &str, lang: &str) -> Vec<(u32, String)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let modifiers: BTreeSet<&str> = modifiers(lang).iter().flat_map(|(a, b)| [*a, *b]).collect();
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Ok(n) = token.parse::<u32>() else {
            continue;
        };
        let word = |j: usize| {
            tokens
                .get(j)
                .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
                .unwrap_or_default()
        };
        let next = word(i + 1);
        if next.is_empty() {
            continue;
        }
        out.push((n, next.clone()));
        // "1 ej aktuell", "2 är registrerade": the word after a negation
        // or a verb agrees too.
        if ["ej", "ikke", "not", "förfaller", "har", "är", "er", "is", "are"].contains(&next.as_str())
            && modifiers.contains(word(i + 2).as_str())
        {
            out.push((n, word(i + 2)));
        }
    }
    out
}

fn render(bundle: &FluentBundle<FluentResource>, id: &str, args: &FluentArgs) -> String {
    let pattern = bundle.get_message(id).and_then(|m| m.value()).unwrap();
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(args), &mut errors).into_owned()
}

#[test]
fn every_count_agrees_with_the_word_after_it_in_every_language() {
    let all = messages();
    let counts = counts(&all);
    let mut wrong = Vec::new();
    let mut unknown = BTreeSet::new();
    let mut checked = 0;
    for lang in LANGUAGES {
        let resource = FluentResource::try_new(catalogue(lang)).unwrap();
        let mut bundle = FluentBundle::new(vec![lang.parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).unwrap();
        let mut forms = forms(lang);
        forms.extend(modifiers(lang));
        let singular: BTreeSet<&str> = forms.iter().map(|(one, _)| *one).collect();
        let plural: BTreeSet<&str> = forms.iter().map(|(_, many)| *many).collect();
        for (id, selectors) in &all {
            let numeric: Vec<&String> = selectors.all.iter().filter(|v| counts.contains(*v)).collect();
            if numeric.is_empty() {
                continue;
            }
            // Every key of a selector on words (a status, a month), each with every count.
            let mut keyed: Vec<Vec<(String, String)>> = vec![Vec::new()];
            for (variable, keys) in &selectors.keyed {
                keyed = keyed
                    .into_iter()
                    .flat_map(|set| {
                        keys.iter().map(move |k| {
                            let mut set = set.clone();
                            set.push((variable.clone(), k.clone()));
                            set
                        })
                    })
                    .collect();
            }
            for n in [0_u32, 1, 2] {
                for words in &keyed {
                    let mut args = FluentArgs::new();
                    for variable in &selectors.all {
                        if counts.contains(variable) {
                            args.set(variable.clone(), n);
                        } else if let Some((_, key)) = words.iter().find(|(v, _)| v == variable) {
                            args.set(variable.clone(), key.clone());
                        } else {
                            args.set(variable.clone(), "…");
                        }
                    }
                    let text = render(&bundle, id, &args);
                    checked += 1;
                    for (count, word) in counted_words(&text, lang) {
                        if count != n {
                            continue;
                        }
                        let is_one = singular.contains(word.as_str());
                        let is_many = plural.contains(word.as_str());
                        if !is_one && !is_many {
                            unknown.insert(format!("{lang}: {word} (in {id}: {text:?})"));
                        } else if (n == 1 && !is_one) || (n != 1 && !is_many) {
                            wrong.push(format!("{lang} {id}: {text:?}"));
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} renderings");
    assert!(
        unknown.is_empty(),
        "words after a count that no reader has listed yet:\n{}",
        unknown.into_iter().collect::<Vec<_>>().join("\n")
    );
    assert!(wrong.is_empty(), "a count that disagrees:\n{}", wrong.join("\n"));
}
