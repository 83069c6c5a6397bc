//! Who an owner names: "Kund", "kund" and "Kunden" are one party when the
//! roadmap's `[parties]` says so; "AF / Digg", "AF, Digg" and "AF eller Digg"
//! name both; "Kund mha ITSL" and "Kund med stöd av ITSL" name Kund, with ITSL
//! helping; "Gemensam" names the parties it stands for. The `--owner` filter,
//! the report's "who is waiting on whom" and `validate`'s unknown parties all
//! read owners here.

use foldhash::HashMap;

use crate::roadmap::{Party, Roadmap};

/// One party's part in a piece of work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The party's code in `[parties]`, or the words as written when they
    /// name no party of the roadmap.
    pub party: String,
    /// Whether `party` is a party of `[parties]`.
    pub known: bool,
    /// Helping ("mha", "med stöd av"), not responsible.
    pub helping: bool,
}

/// The words an owner is written in, split where it names more than one:
/// "AF / Digg" and "AF, Digg" name AF and Digg, and so do "AF eller Digg"
/// and "AF mha Digg"; each with whether it is helping.
pub fn owner_parts(owner: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    for part in owner.split(['/', ',', '&']) {
        let (main, help) = split_helper(part);
        for (text, helping) in [(main, false)].into_iter().chain(help.map(|h| (h, true))) {
            for piece in text.split(" eller ") {
                let piece = piece.trim();
                if !piece.is_empty() {
                    out.push((piece, helping));
                }
            }
        }
    }
    out
}

/// "Kund mha ITSL" -> ("Kund", Some("ITSL")).
fn split_helper(part: &str) -> (&str, Option<&str>) {
    for marker in [" mha ", " med stöd av ", " med hjälp av "] {
        if let Some(at) = part.find(marker) {
            return (&part[..at], Some(&part[at + marker.len()..]));
        }
    }
    (part, None)
}

/// `text` without a trailing "(...)" remark: "ITSL (vanligtvis)" -> "ITSL".
fn without_remark(text: &str) -> &str {
    match text.rfind('(') {
        Some(at) if text.trim_end().ends_with(')') && at > 0 => text[..at].trim_end(),
        _ => text,
    }
}

/// The party `words` name: its code, name or an alias, whatever the case;
/// else a party whose code starts the words ("ITSL tillhandahålle uppgifter").
pub fn party<'r>(roadmap: &'r Roadmap, words: &str) -> Option<&'r Party> {
    let same = |p: &Party, words: &str| {
        same_words(&p.code, words) || same_words(&p.name, words) || p.aliases.iter().any(|a| same_words(a, words))
    };
    let words = words.trim();
    let bare = without_remark(words);
    let named = |w: &str| roadmap.parties.iter().find(|p| same(p, w));
    named(words)
        .or_else(|| named(bare))
        .or_else(|| roadmap.parties.iter().find(|p| starts_with_word(bare, &p.code)))
}

/// Whether `a` and `b` are the same words whatever their case (as their
/// lowercase is): most codes and owners are ASCII, compared without
/// lowercasing them into new strings.
fn same_words(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Whether `words` start with `code` and a space, whatever the case (as
/// their lowercase does): "ITSL tillhandahåller uppgifter" starts with ITSL.
fn starts_with_word(words: &str, code: &str) -> bool {
    if code.is_ascii() && words.is_ascii() {
        words.len() > code.len()
            && words.as_bytes()[..code.len()].eq_ignore_ascii_case(code.as_bytes())
            && words.as_bytes()[code.len()] == b' '
    } else {
        words
            .to_lowercase()
            .strip_prefix(&code.to_lowercase())
            .is_some_and(|rest| rest.starts_with(' '))
    }
}

/// An owner as the views show it: the party's code when the owner names one
/// party (so "kund" and "Kund" read alike), else as written.
pub fn shown(roadmap: &Roadmap, owner: &str) -> String {
    match owner_parts(owner).as_slice() {
        [(words, false)] => party(roadmap, words).map_or_else(|| owner.trim().to_string(), |p| p.code.clone()),
        _ => owner.trim().to_string(),
    }
}

/// Every party's share in work owned by `owner`, each party once: a joint
/// party stands for its members; a party both responsible and helping counts
/// as responsible.
pub fn shares(roadmap: &Roadmap, owner: &str) -> Vec<Share> {
    let mut out: Vec<Share> = Vec::new();
    let mut add = |party: String, known: bool, helping: bool| match out.iter_mut().find(|s| s.party == party) {
        Some(existing) => existing.helping &= helping,
        None => out.push(Share { party, known, helping }),
    };
    for (words, helping) in owner_parts(owner) {
        match party(roadmap, words) {
            Some(p) if !p.joint.is_empty() => {
                for member in &p.joint {
                    add(member.clone(), true, helping);
                }
            }
            Some(p) => add(p.code.clone(), true, helping),
            None => add(without_remark(words).to_string(), false, helping),
        }
    }
    out
}

/// Shares, and owners as shown, worked out once per roadmap and owner as
/// written, for one computation over many milestones (the report): a plan's
/// thousands of steps name a handful of owners, and reading an owner's words
/// against `[parties]` (lowercased, aliases tried) is the costly part.
#[derive(Debug, Default)]
pub struct SharesOnce<'r> {
    found: HashMap<(*const Roadmap, &'r str), Vec<Share>>,
    shown: HashMap<(*const Roadmap, &'r str), String>,
}

impl<'r> SharesOnce<'r> {
    /// `shares(roadmap, owner)`, the first time it is asked for.
    pub fn of(&mut self, roadmap: &'r Roadmap, owner: &'r str) -> &[Share] {
        self.found
            .entry((std::ptr::from_ref(roadmap), owner))
            .or_insert_with(|| shares(roadmap, owner))
    }

    /// `shown(roadmap, owner)`, the first time it is asked for.
    pub fn shown(&mut self, roadmap: &'r Roadmap, owner: &'r str) -> &str {
        self.shown
            .entry((std::ptr::from_ref(roadmap), owner))
            .or_insert_with(|| shown(roadmap, owner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::Origin;

    /// Every text of up to `most` of these pieces: ASCII, letters whose
    /// lowercase is ASCII (the Kelvin sign), longer (İ) or depends on its place (Σ).
    fn texts(most: u32) -> Vec<String> {
        let pieces = ["a", "A", "k", "K", "\u{212a}", "ö", "Ö", " ", "Σ", "σ", "ς", "İ", "i"];
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..most {
            last = last.iter().flat_map(|t| pieces.map(|p| format!("{t}{p}"))).collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn words_compare_as_their_lowercase_does() {
        let short = texts(2);
        for a in &short {
            for b in &short {
                assert_eq!(same_words(a, b), a.to_lowercase() == b.to_lowercase(), "{a:?} {b:?}");
            }
        }
        for words in &texts(3) {
            for code in &short {
                let lowered = words
                    .to_lowercase()
                    .strip_prefix(&code.to_lowercase())
                    .is_some_and(|rest| rest.starts_with(' '));
                assert_eq!(starts_with_word(words, code), lowered, "{words:?} {code:?}");
            }
        }
    }

    fn roadmap() -> Roadmap {
        let text = r#"
[roadmap]
id = "r"
title = "R"
language = "sv"

[parties]
ITSL = "ITSL Solutions AB"
Kund = { name = "Kunden (kommunen)", aliases = ["kund", "Beställaren"] }
Gemensam = { name = "Gemensamt", joint = ["Kund", "ITSL"] }

[[milestone]]
id = "m"
title = "M"
"#;
        crate::roadmap::parse::parse(
            "r.toml",
            text.as_bytes(),
            Origin::File {
                path: "r.toml".into(),
                replaces_shipped: false,
            },
        )
        .unwrap()
    }

    fn who(owner: &str) -> Vec<(String, bool, bool)> {
        shares(&roadmap(), owner)
            .into_iter()
            .map(|s| (s.party, s.known, s.helping))
            .collect()
    }

    #[test]
    fn aliases_and_case_name_one_party() {
        for owner in ["Kund", "kund", "KUND", "Beställaren", "Kunden (kommunen)"] {
            assert_eq!(who(owner), [("Kund".to_string(), true, false)], "{owner}");
        }
    }

    #[test]
    fn helpers_lists_alternatives_and_joint_parties() {
        assert_eq!(
            who("Kund mha ITSL"),
            [("Kund".into(), true, false), ("ITSL".into(), true, true)]
        );
        assert_eq!(
            who("Kund med stöd av ITSL (vanligtvis)"),
            [("Kund".into(), true, false), ("ITSL".into(), true, true)]
        );
        assert_eq!(
            who("Gemensam"),
            [("Kund".into(), true, false), ("ITSL".into(), true, false)]
        );
        assert_eq!(
            who("Kund, ITSL tillhandahålle uppgifter"),
            [("Kund".into(), true, false), ("ITSL".into(), true, false)]
        );
        assert_eq!(
            who("PFLD eller VO"),
            [("PFLD".into(), false, false), ("VO".into(), false, false)]
        );
        assert_eq!(owner_parts("AF / Digg"), [("AF", false), ("Digg", false)]);
    }
}
