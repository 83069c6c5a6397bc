//! The roadmap: what must happen, by when and by whom, as a roadmap file says.
//! `parse` turns a file into a `Roadmap` (or every problem in it at once);
//! `edit` changes a file in place; `crate::catalog` finds the files.

pub mod edit;
pub mod parse;

use std::path::PathBuf;

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
    pub note: Option<String>,
    /// Short code -> full name, in file order.
    pub parties: Vec<(String, String)>,
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
    pub phase: Option<String>,
    pub title: String,
    pub due: Option<Due>,
    pub owner: Option<String>,
    pub criteria: Option<String>,
    pub description: Option<String>,
    pub cost_tkr: Option<Cost>,
    pub depends_on: Vec<String>,
    pub kind: Kind,
    pub note: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub text: String,
    pub owner: Option<String>,
    pub note: Option<String>,
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

/// An amount as people write costs: whole numbers without a decimal point.
pub fn format_amount(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
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
            Error::refused(format!("no milestone `{id}` in roadmap `{}`", self.id), hint)
        })
    }

    pub fn phase_title(&self, id: &str) -> Option<&str> {
        self.phases.iter().find(|p| p.id == id).map(|p| p.title.as_str())
    }

    /// The title of a milestone, or the text of a step, at an address
    /// (`ROADMAP/MILESTONE[/N]`; the roadmap part is not checked).
    pub fn text_at(&self, address: &str) -> Option<&str> {
        let mut parts = address.split('/').skip(1);
        let milestone = self.milestone(parts.next()?)?;
        match parts.next() {
            None => Some(&milestone.title),
            Some(n) => milestone
                .steps
                .get(n.parse::<usize>().ok()?.checked_sub(1)?)
                .map(|s| s.text.as_str()),
        }
    }

    pub fn step_count(&self) -> usize {
        self.milestones.iter().map(|m| m.steps.len()).sum()
    }
}
