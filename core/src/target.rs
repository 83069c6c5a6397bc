//! What a recorded change is about: a milestone (`ROADMAP/MILESTONE`), a
//! step (`ROADMAP/MILESTONE/KEY`, KEY a step's id, its fingerprint or, in
//! lines written before step keys, its place), a risk (`ROADMAP#ID`), or a
//! plan as a whole (`ROADMAP`: what it cost and is expected to cost).
//!
//! The grammar lives here and nowhere else: every other module asks a
//! `Target` for its parts, so a risk can never be taken for a step.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// What a target names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetKind {
    Plan,
    Milestone,
    Step,
    Risk,
}

impl TargetKind {
    /// How the state file's messages name it.
    pub fn name(self) -> &'static str {
        match self {
            TargetKind::Plan => "plan",
            TargetKind::Milestone => "milestone",
            TargetKind::Step => "step",
            TargetKind::Risk => "risk",
        }
    }
}

/// A milestone, a step or a risk, as the state file records it. It keeps
/// its text whole (so it prints back as written) and where the parts end.
/// The text alone says what it is (the parts are read from it), so a target
/// is its text: equal, ordered and hashed as it, and found in a map by it
/// (`Borrow<str>`) without making one.
#[derive(Clone)]
pub struct Target {
    text: String,
    kind: TargetKind,
    /// The end of the roadmap id in `text`.
    roadmap_end: usize,
    /// For a step: the end of the milestone id.
    milestone_end: usize,
}

/// Why a text is not a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotATarget(pub String);

impl fmt::Display for NotATarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not ROADMAP, ROADMAP/MILESTONE, ROADMAP/MILESTONE/STEP or ROADMAP#RISK",
            self.0
        )
    }
}

impl std::error::Error for NotATarget {}

impl PartialEq for Target {
    fn eq(&self, other: &Target) -> bool {
        self.text == other.text
    }
}

impl Eq for Target {}

impl PartialOrd for Target {
    fn partial_cmp(&self, other: &Target) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Target {
    fn cmp(&self, other: &Target) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl Hash for Target {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl Borrow<str> for Target {
    fn borrow(&self) -> &str {
        &self.text
    }
}

/// Writes the text of a milestone's target (`key` none) or a step's into
/// `text`, cleared first: what `Target::milestone` and `Target::step` hold,
/// for looking one up without allocating a target per milestone and step.
pub fn write_work(text: &mut String, roadmap: &str, milestone: &str, key: Option<&str>) {
    text.clear();
    text.push_str(roadmap);
    text.push('/');
    text.push_str(milestone);
    if let Some(key) = key {
        text.push('/');
        text.push_str(key);
    }
}

impl Target {
    /// A plan as a whole.
    pub fn plan(roadmap: &str) -> Target {
        Target {
            text: roadmap.to_string(),
            kind: TargetKind::Plan,
            roadmap_end: roadmap.len(),
            milestone_end: roadmap.len(),
        }
    }

    pub fn milestone(roadmap: &str, milestone: &str) -> Target {
        let mut text = String::with_capacity(roadmap.len() + 1 + milestone.len());
        write_work(&mut text, roadmap, milestone, None);
        Target {
            text,
            kind: TargetKind::Milestone,
            roadmap_end: roadmap.len(),
            milestone_end: roadmap.len() + 1 + milestone.len(),
        }
    }

    /// The step whose key (its id or fingerprint) is `key`.
    pub fn step(roadmap: &str, milestone: &str, key: &str) -> Target {
        let mut text = String::with_capacity(roadmap.len() + milestone.len() + key.len() + 2);
        write_work(&mut text, roadmap, milestone, Some(key));
        Target {
            text,
            kind: TargetKind::Step,
            roadmap_end: roadmap.len(),
            milestone_end: roadmap.len() + 1 + milestone.len(),
        }
    }

    pub fn risk(roadmap: &str, id: &str) -> Target {
        Target {
            text: format!("{roadmap}#{id}"),
            kind: TargetKind::Risk,
            roadmap_end: roadmap.len(),
            milestone_end: roadmap.len(),
        }
    }

    pub fn kind(&self) -> TargetKind {
        self.kind
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn roadmap(&self) -> &str {
        &self.text[..self.roadmap_end]
    }

    /// The milestone's id, for a milestone or a step.
    pub fn milestone_id(&self) -> Option<&str> {
        self.is_work()
            .then(|| &self.text[self.roadmap_end + 1..self.milestone_end])
    }

    /// Whether it is a milestone or a step (what marks and notes are about).
    pub fn is_work(&self) -> bool {
        matches!(self.kind, TargetKind::Milestone | TargetKind::Step)
    }

    /// The step's key as recorded (an id, a fingerprint, or a place).
    pub fn step_key(&self) -> Option<&str> {
        (self.kind == TargetKind::Step).then(|| &self.text[self.milestone_end + 1..])
    }

    pub fn risk_id(&self) -> Option<&str> {
        (self.kind == TargetKind::Risk).then(|| &self.text[self.roadmap_end + 1..])
    }

    /// The milestone a milestone or step target is of.
    pub fn milestone_target(&self) -> Option<Target> {
        match self.kind {
            TargetKind::Milestone => Some(self.clone()),
            TargetKind::Step => Some(Target {
                text: self.text[..self.milestone_end].to_string(),
                kind: TargetKind::Milestone,
                ..*self
            }),
            TargetKind::Plan | TargetKind::Risk => None,
        }
    }

    /// A step recorded by its place (`ROADMAP/MILESTONE/2`), as lines
    /// written before step keys have them.
    pub fn is_by_place(&self) -> bool {
        self.step_key().is_some_and(|k| k.bytes().all(|b| b.is_ascii_digit()))
    }

    /// The same target in the roadmap `roadmap`: what a change recorded
    /// before a roadmap was renamed is about after it.
    pub fn in_roadmap(&self, roadmap: &str) -> Target {
        let tail = &self.text[self.roadmap_end..];
        let shift = |end: usize| end - self.roadmap_end + roadmap.len();
        Target {
            text: format!("{roadmap}{tail}"),
            kind: self.kind,
            roadmap_end: roadmap.len(),
            milestone_end: shift(self.milestone_end),
        }
    }

    /// Whether this target is `other` or lies under it: everything of a
    /// roadmap under its plan, a step under its milestone.
    pub fn lies_under(&self, other: &Target) -> bool {
        self == other
            || (other.kind == TargetKind::Plan && self.roadmap() == other.roadmap())
            || (other.kind == TargetKind::Milestone
                && self.kind == TargetKind::Step
                && self.text[..self.milestone_end] == other.text)
    }
}

impl FromStr for Target {
    type Err = NotATarget;

    /// `ROADMAP#ID` (one `#`, no `/`), or `ROADMAP`, `ROADMAP/MILESTONE` or
    /// `ROADMAP/MILESTONE/KEY` (no `#`), every part not empty: found in one
    /// pass over the text (a state file holds a target or two a line). Ids
    /// in roadmap files are narrower, but a state line may name what no
    /// roadmap has (it is kept, and counts for nothing).
    fn from_str(text: &str) -> Result<Target, NotATarget> {
        let refuse = || NotATarget(text.to_string());
        let mut slashes = [0; 2];
        let mut count = 0;
        let mut hash = None;
        for (at, byte) in text.bytes().enumerate() {
            match byte {
                b'/' if count < 2 && hash.is_none() => {
                    slashes[count] = at;
                    count += 1;
                }
                b'#' if count == 0 && hash.is_none() => hash = Some(at),
                b'/' | b'#' => return Err(refuse()),
                _ => {}
            }
        }
        let ends: &[usize] = match hash {
            Some(at) => &[at],
            None => &slashes[..count],
        };
        // Every part between the separators has something in it.
        let mut start = 0;
        for &end in ends.iter().chain([&text.len()]) {
            if end == start {
                return Err(refuse());
            }
            start = end + 1;
        }
        let (kind, roadmap_end, milestone_end) = match (hash, count) {
            (Some(at), _) => (TargetKind::Risk, at, at),
            (None, 0) => (TargetKind::Plan, text.len(), text.len()),
            (None, 1) => (TargetKind::Milestone, slashes[0], text.len()),
            _ => (TargetKind::Step, slashes[0], slashes[1]),
        };
        Ok(Target {
            text: text.to_string(),
            kind,
            roadmap_end,
            milestone_end,
        })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Target({})", self.text)
    }
}

impl serde::Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for Target {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Target, D::Error> {
        deserialize_text(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// A string field read in place where the input has it as it is (no
/// escapes), copied only where it must be unescaped. serde's own
/// `Cow<str>` always copies, and a state file has a target and a time on
/// every line.
pub(crate) fn deserialize_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<std::borrow::Cow<'de, str>, D::Error> {
    struct Text;
    impl<'de> serde::de::Visitor<'de> for Text {
        type Value = std::borrow::Cow<'de, str>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Borrowed(text))
        }

        fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(text.to_string()))
        }

        fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(text))
        }
    }
    d.deserialize_str(Text)
}

/// The parts of an address as far as it is typed (`hubs-sdk/proj`), for
/// shell completion.
pub fn typed_parts(text: &str) -> Vec<&str> {
    text.split('/').collect()
}

/// What `roadmap log` is asked about: a target and what lies under it, or a
/// word that is a roadmap's id (all its targets) or a risk's id.
#[derive(Debug, Clone)]
pub enum Scope {
    Target(Target),
    Word(String),
}

impl Scope {
    pub fn covers(&self, target: &Target) -> bool {
        match self {
            Scope::Target(scope) => target.lies_under(scope),
            Scope::Word(word) => target.roadmap() == word || target.risk_id() == Some(word.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grammar as the module's head says it, split by split: the parts
    /// of a target (what the one-pass reading must agree with).
    fn parts_by_splitting(text: &str) -> Option<(TargetKind, Vec<String>)> {
        let part = |p: &str| !p.is_empty() && !p.contains(['/', '#']);
        if let Some((roadmap, id)) = text.split_once('#') {
            return (part(roadmap) && part(id)).then(|| (TargetKind::Risk, vec![roadmap.into(), id.into()]));
        }
        let parts: Vec<&str> = text.split('/').collect();
        let kind = match parts.len() {
            1 => TargetKind::Plan,
            2 => TargetKind::Milestone,
            3 => TargetKind::Step,
            _ => return None,
        };
        parts
            .iter()
            .all(|p| part(p))
            .then(|| (kind, parts.iter().map(|p| (*p).to_string()).collect()))
    }

    #[test]
    fn every_short_text_reads_as_splitting_it_would() {
        // Every text of up to seven of `a`, `é`, `/` and `#`: 21,845 texts.
        let mut texts = vec![String::new()];
        let mut last = texts.clone();
        for _ in 0..7 {
            last = last
                .iter()
                .flat_map(|t| ["a", "é", "/", "#"].map(|c| format!("{t}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        assert_eq!(texts.len(), 21_845);
        for text in &texts {
            let read = text.parse::<Target>().ok().map(|t| {
                let parts = match t.kind() {
                    TargetKind::Plan => vec![t.roadmap()],
                    TargetKind::Milestone => vec![t.roadmap(), t.milestone_id().unwrap()],
                    TargetKind::Step => vec![t.roadmap(), t.milestone_id().unwrap(), t.step_key().unwrap()],
                    TargetKind::Risk => vec![t.roadmap(), t.risk_id().unwrap()],
                };
                assert_eq!(t.as_str(), text);
                (t.kind(), parts.into_iter().map(str::to_string).collect())
            });
            assert_eq!(read, parts_by_splitting(text), "{text:?}");
        }
    }

    #[test]
    fn each_kind_prints_back_as_written_and_gives_its_parts() {
        let step: Target = "hubs-sdk/projektstart/~2d607541a5d5".parse().unwrap();
        assert_eq!(step.kind(), TargetKind::Step);
        assert_eq!(step.to_string(), "hubs-sdk/projektstart/~2d607541a5d5");
        assert_eq!(
            (step.roadmap(), step.milestone_id(), step.step_key()),
            ("hubs-sdk", Some("projektstart"), Some("~2d607541a5d5"))
        );
        assert_eq!(
            step.milestone_target().unwrap(),
            Target::milestone("hubs-sdk", "projektstart")
        );
        let risk: Target = "hubs-sdk#r-3f2a9c1b".parse().unwrap();
        assert_eq!(
            (risk.kind(), risk.roadmap(), risk.risk_id(), risk.milestone_id()),
            (TargetKind::Risk, "hubs-sdk", Some("r-3f2a9c1b"), None)
        );
        assert!(risk.milestone_target().is_none());
        let milestone: Target = "min-profil/22".parse().unwrap();
        assert_eq!((milestone.kind(), milestone.step_key()), (TargetKind::Milestone, None));
        assert!(Target::step("r", "m", "2").is_by_place());
        assert!(!Target::step("r", "m", "kickoff").is_by_place());
    }

    #[test]
    fn anything_else_is_refused() {
        let plan: Target = "hubs-sdk".parse().unwrap();
        assert_eq!(
            (plan.kind(), plan.roadmap(), plan.milestone_id()),
            (TargetKind::Plan, "hubs-sdk", None)
        );
        for text in ["", "a/b/c/d", "a//b", "/a", "a/", "a#", "#r", "a#b#c", "a/b#c"] {
            assert!(text.parse::<Target>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn a_scope_covers_what_lies_under_it() {
        let t = |s: &str| s.parse::<Target>().unwrap();
        let word = |w: &str| Scope::Word(w.into());
        assert!(word("hubs-sdk").covers(&t("hubs-sdk/projektstart/1")));
        assert!(word("hubs-sdk").covers(&t("hubs-sdk#r-3f2a9c1b")));
        assert!(word("r-3f2a9c1b").covers(&t("hubs-sdk#r-3f2a9c1b")));
        assert!(!word("r-3f2a").covers(&t("hubs-sdk#r-3f2a9c1b")));
        let milestone = Scope::Target(t("hubs-sdk/projektstart"));
        assert!(milestone.covers(&t("hubs-sdk/projektstart")));
        assert!(milestone.covers(&t("hubs-sdk/projektstart/2")));
        assert!(!milestone.covers(&t("hubs-sdk/projektstart-2")));
        assert!(!milestone.covers(&t("hubs-sdk/projektstart-2/1")));
    }
}
