//! The roadmap: what must happen, by when and by whom, as a roadmap file says.
//! `parse` turns a file into a `Roadmap` (or every problem in it at once);
//! `edit` changes a file in place; `crate::catalog` finds the files.

pub mod edit;
pub mod parse;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::due::Due;
use crate::error::Error;

#[derive(Debug, Clone)]
pub struct Roadmap {
    pub id: String,
    pub title: String,
    pub organisation: Option<String>,
    pub language: String,
    /// The document it was transcribed from, if any.
    pub source: Option<String>,
    /// The year bare week numbers ("V15") fall in.
    pub year: Option<i32>,
    /// The plan's budget in thousands; else its milestones' costs add up to it.
    pub budget_tkr: Option<Cost>,
    pub note: Option<String>,
    /// Short code -> full name, in file order.
    pub parties: Vec<Party>,
    pub phases: Vec<Phase>,
    pub milestones: Vec<Milestone>,
    pub origin: Origin,
}

/// Where a roadmap was loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the binary; the name of its file under `roadmaps/`.
    Shipped(&'static str),
    File {
        path: PathBuf,
        /// It has the id of a shipped roadmap, which it hides.
        replaces_shipped: bool,
    },
}

impl Origin {
    /// How the file is named in messages: its path, or `roadmaps/NAME` for a shipped one.
    pub fn file_name(&self) -> String {
        match self {
            Origin::Shipped(name) => format!("roadmaps/{name}"),
            Origin::File { path, .. } => path.display().to_string(),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Origin::Shipped(_) => "shipped".to_string(),
            Origin::File { path, replaces_shipped } => {
                let path = path.display();
                if *replaces_shipped {
                    format!("{path} (replaces shipped)")
                } else {
                    path.to_string()
                }
            }
        }
    }
}

/// A party of `[parties]`: its code (what owners write), its full name, the
/// other ways the plan writes it, and, for a party that stands for several
/// together ("Gemensam"), the parties it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub code: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub joint: Vec<String>,
}

impl Party {
    pub fn named(code: &str, name: &str) -> Party {
        Party {
            code: code.to_string(),
            name: name.to_string(),
            aliases: Vec::new(),
            joint: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Phase {
    pub id: String,
    pub title: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Milestone,
    Gate,
}

#[derive(Debug, Clone)]
pub struct Milestone {
    pub id: String,
    /// Shared with every milestone of the file in the same phase.
    pub phase: Option<Arc<str>>,
    pub title: String,
    pub due: Option<Due>,
    /// Shared with every milestone and step of the file that names the same owner.
    pub owner: Option<Arc<str>>,
    pub criteria: Option<String>,
    pub description: Option<String>,
    pub cost_tkr: Option<Cost>,
    pub depends_on: Vec<String>,
    pub kind: Kind,
    /// For a gate: the decision the steering group is asked to take.
    pub proposal: Option<String>,
    pub note: Option<String>,
    pub steps: Vec<Step>,
    /// Where it is written, for messages about it.
    pub spans: Spans,
}

/// Where a milestone and some of its values are in its file, so that a
/// problem found later (`validate`'s warnings) can point at them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    pub milestone: Place,
    pub due: Option<Place>,
    pub owner: Option<Place>,
    /// The `owner` of each step, in order.
    pub step_owners: Vec<Option<Place>>,
}

/// A byte range in a roadmap file, in 8 bytes rather than 16: a portfolio
/// keeps one for every milestone, due date and owner. Roadmap files are read
/// only up to a few MiB (`files`), so an offset fits in 32 bits; one past
/// that would point at the file's 4 GiB mark, never panic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    start: u32,
    end: u32,
}

impl Place {
    pub fn new(range: Range<usize>) -> Place {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Place {
            start: offset(range.start),
            end: offset(range.end),
        }
    }

    pub fn range(self) -> Range<usize> {
        let offset = |at: u32| usize::try_from(at).unwrap_or(usize::MAX);
        offset(self.start)..offset(self.end)
    }
}

#[derive(Debug, Clone)]
pub struct Step {
    pub text: Box<str>,
    /// Shared with every step of the file that names the same owner.
    pub owner: Option<Arc<str>>,
    /// `~` and a fingerprint of the text: how a step without an id is known
    /// in the state file (see `Fingerprinter`).
    pub fingerprint: Box<str>,
    /// Its id and note, kept apart: most steps have neither, and a national
    /// portfolio has half a million steps.
    more: Option<Box<StepMore>>,
}

#[derive(Debug, Clone)]
struct StepMore {
    /// A name that stays with the step whatever its text or place (`kickoff`).
    id: Option<Box<str>>,
    note: Option<Box<str>>,
}

impl Step {
    /// A step whose fingerprint is not yet set (`Fingerprinter` sets it).
    pub fn new(id: Option<String>, text: String, owner: Option<Arc<str>>, note: Option<String>) -> Step {
        let more = (id.is_some() || note.is_some()).then(|| {
            Box::new(StepMore {
                id: id.map(String::into_boxed_str),
                note: note.map(String::into_boxed_str),
            })
        });
        Step {
            text: text.into_boxed_str(),
            owner,
            fingerprint: Box::default(),
            more,
        }
    }

    /// A name that stays with the step whatever its text or place (`kickoff`).
    pub fn id(&self) -> Option<&str> {
        self.more.as_ref().and_then(|more| more.id.as_deref())
    }

    pub fn note(&self) -> Option<&str> {
        self.more.as_ref().and_then(|more| more.note.as_deref())
    }

    /// What a change to this step is recorded under, after `ROADMAP/MILESTONE/`:
    /// its id if it has one, else its fingerprint. Neither changes when steps are
    /// inserted, deleted, reordered or moved, unlike its place.
    pub fn key(&self) -> &str {
        self.id().unwrap_or(&self.fingerprint)
    }

    /// Whether `wanted` is its key or its fingerprint (a step given an id
    /// after changes were recorded under its fingerprint is still found).
    pub fn is_known_as(&self, wanted: &str) -> bool {
        self.id() == Some(wanted) || *self.fingerprint == *wanted
    }
}

/// Gives the steps of a milestone their fingerprints: `~` and the first 12
/// hex digits of the SHA-256 of a step's text with runs of white space made
/// one space and the ends trimmed. A second step of the same text in the
/// milestone gets `.2`, a third `.3`, so no two steps of a milestone share one.
/// One `Fingerprinter` serves every milestone of a file, so its buffers are
/// made once.
#[derive(Default)]
pub struct Fingerprinter {
    seen: foldhash::HashMap<[u8; 6], usize>,
    squeezed: String,
}

impl Fingerprinter {
    pub fn fingerprint(&mut self, steps: &mut [Step]) {
        use sha2::Digest;
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.seen.clear();
        for step in steps {
            let digest = sha2::Sha256::digest(squeeze(&step.text, &mut self.squeezed).as_bytes());
            let mut head = [0; 6];
            head.copy_from_slice(&digest[..6]);
            let count = self.seen.entry(head).or_default();
            *count += 1;
            // Made at the size it keeps, so the box takes it as it is.
            let mut fingerprint = String::with_capacity(13);
            fingerprint.push('~');
            for b in head {
                fingerprint.push(char::from(HEX[usize::from(b >> 4)]));
                fingerprint.push(char::from(HEX[usize::from(b & 15)]));
            }
            if *count > 1 {
                fingerprint.push_str(&format!(".{count}"));
            }
            step.fingerprint = fingerprint.into_boxed_str();
        }
    }
}

/// `text` with runs of white space (as `char::is_whitespace` has it) made
/// one space and the ends trimmed: `text` itself when it is so already, as
/// almost every step's text is, else written into `buffer`.
pub fn squeeze<'t>(text: &'t str, buffer: &'t mut String) -> &'t str {
    if is_squeezed(text) {
        return text;
    }
    buffer.clear();
    for word in text.split_whitespace() {
        if !buffer.is_empty() {
            buffer.push(' ');
        }
        buffer.push_str(word);
    }
    buffer
}

/// A space, in `KIND`.
const SPACE: u8 = 1;
/// Other white space, or a byte other white space may begin with, in `KIND`.
const OTHER_SPACE: u8 = 2;
/// What a byte is to `is_squeezed`, looked up rather than compared nine
/// ways: every step's text is read there, byte by byte.
const KIND: [u8; 256] = {
    let mut kind = [0; 256];
    kind[b' ' as usize] = SPACE;
    let others = [b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xc2, 0xe1, 0xe2, 0xe3];
    let mut i = 0;
    while i < others.len() {
        kind[others[i] as usize] = OTHER_SPACE;
        i += 1;
    }
    kind
};

/// Whether `text` has no white space but single spaces between other
/// characters. It reads bytes: an ASCII byte is white space when it is a tab,
/// line end, vertical tab, form feed or space; every other white space
/// character's UTF-8 starts with 0xC2 (U+0085, U+00A0), 0xE1 (U+1680), 0xE2
/// (U+2000-U+205F) or 0xE3 (U+3000), and a text with one of those bytes is
/// left to `split_whitespace` (`false`), which is slower, never wrong.
fn is_squeezed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut before = 0;
    for &b in bytes {
        let kind = KIND[usize::from(b)];
        // A space after a space: only SPACE & SPACE is SPACE.
        if kind == OTHER_SPACE || (kind & before) == SPACE {
            return false;
        }
        before = kind;
    }
    true
}

/// A cost in thousands of SEK, as the file wrote it: whole numbers stay whole
/// (1100, not 1100.0) in every output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cost {
    Whole(i64),
    Fraction(f64),
}

impl Cost {
    pub fn value(self) -> f64 {
        match self {
            #[allow(clippy::cast_precision_loss)]
            Cost::Whole(n) => n as f64,
            Cost::Fraction(x) => x,
        }
    }
}

impl std::fmt::Display for Cost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cost::Whole(n) => write!(f, "{n}"),
            Cost::Fraction(x) => write!(f, "{x}"),
        }
    }
}

impl serde::Serialize for Cost {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cost::Whole(n) => s.serialize_i64(*n),
            Cost::Fraction(x) => s.serialize_f64(*x),
        }
    }
}

/// The sum of costs. `Iterator::sum` of no `f64` is -0.0, which JSON
/// readers show as "-0"; nothing done costs 0.
pub fn total_tkr(costs: impl IntoIterator<Item = f64>) -> f64 {
    costs.into_iter().fold(0.0, |sum, c| sum + c)
}

/// An amount as people write costs: whole numbers without a decimal point.
pub fn format_amount(x: f64) -> String {
    // A sum of nothing is -0.0, which people write 0.
    let x = if x == 0.0 { 0.0 } else { x };
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

impl Milestone {
    /// The 1-based place of the step that `wanted` names: a number is a
    /// place, `~…` a fingerprint, anything else an id.
    pub fn step_index(&self, wanted: &str) -> Option<usize> {
        if wanted.bytes().all(|b| b.is_ascii_digit()) {
            let n: usize = wanted.parse().ok()?;
            return (1..=self.steps.len()).contains(&n).then_some(n);
        }
        self.steps.iter().position(|s| s.is_known_as(wanted)).map(|i| i + 1)
    }
}

impl Roadmap {
    pub fn milestone(&self, id: &str) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// The milestone with `id`, or an error that suggests the nearest id.
    pub fn find_milestone(&self, id: &str) -> Result<&Milestone, Error> {
        self.milestone(id).ok_or_else(|| {
            let ids = self.milestones.iter().map(|m| m.id.as_str());
            let hint = crate::diagnostic::did_you_mean(id, ids)
                .unwrap_or_else(|| format!("see the milestone ids with `roadmap show {}`", self.id));
            Error::usage(format!("no milestone `{id}` in roadmap `{}`", self.id), hint)
        })
    }

    pub fn phase_title(&self, id: &str) -> Option<&str> {
        self.phases.iter().find(|p| p.id == id).map(|p| p.title.as_str())
    }

    /// The title of a milestone, or the text of a step, a target names
    /// (the roadmap part is not checked).
    pub fn text_at(&self, target: &crate::target::Target) -> Option<&str> {
        let milestone = self.milestone(target.milestone_id()?)?;
        match target.step_key() {
            None => Some(&milestone.title),
            Some(step) => milestone.step_index(step).map(|i| &*milestone.steps[i - 1].text),
        }
    }

    pub fn step_count(&self) -> usize {
        self.milestones.iter().map(|m| m.steps.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as first written: split on white space, join with one space.
    fn by_words(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_text_squeezes_as_split_on_white_space_for_every_character() {
        let mut buffer = String::new();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            // Between words, leading and doubled, trailing after a space.
            for text in [format!("a{c}b"), format!("{c}{c}ä"), format!("x {c}")] {
                assert_eq!(squeeze(&text, &mut buffer), by_words(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn mixed_texts_squeeze_as_split_on_white_space() {
        // Every text of up to five pieces from letters, Nordic letters, a
        // dash and each kind of white space, ASCII and not.
        let pieces = [
            "a", "ö", "–", " ", "  ", "\t", "\n", "\r\n", "\u{0b}", "\u{85}", "\u{a0}", "\u{2009}", "\u{3000}", "§",
        ];
        let mut buffer = String::new();
        let mut text = String::new();
        let n = pieces.len();
        for mut code in 0..n.pow(5) {
            text.clear();
            for _ in 0..5 {
                text.push_str(pieces[code % n]);
                code /= n;
            }
            assert_eq!(squeeze(&text, &mut buffer), by_words(&text), "{text:?}");
        }
    }

    #[test]
    fn steps_of_the_same_text_are_told_apart_by_their_count() {
        let step = |text: &str| Step::new(None, text.to_string(), None, None);
        let mut steps = vec![
            step("Skriv avtal"),
            step(" Skriv\tavtal "),
            step("Annat"),
            step("Skriv avtal"),
        ];
        let mut fingerprints = Fingerprinter::default();
        fingerprints.fingerprint(&mut steps);
        let keys: Vec<&str> = steps.iter().map(|s| &*s.fingerprint).collect();
        // `printf 'Skriv avtal' | sha256sum` begins 7ae461ac634b.
        assert_eq!(keys[0], "~7ae461ac634b");
        assert_eq!(keys[1], format!("{}.2", keys[0]));
        assert_eq!(keys[3], format!("{}.3", keys[0]));
        assert_ne!(keys[2], keys[0]);
        // A second milestone starts counting again.
        let mut again = vec![step("Skriv avtal")];
        fingerprints.fingerprint(&mut again);
        assert_eq!(&*again[0].fingerprint, keys[0]);
    }
}
