//! One recorded change: a line of the state file.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::target::{Target, TargetKind};

/// What a change did to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// Marked done.
    Done,
    /// Marked not done again.
    Reopen,
    /// Marked not applicable here, with a reason in the note.
    Skip,
    /// A note added, state unchanged.
    Note,
    /// The due date moved (`from` and `to`), state unchanged.
    Reschedule,
    /// The changes recorded under `target` count for `to` from now on: a
    /// change recorded by a step's place pinned to the step's key, or changes
    /// re-attached to a reworded step (`roadmap reattach`).
    Rekey,
    /// A risk added, changed or closed (`risk`); the target is
    /// `ROADMAP#RISK-ID`, which no milestone or step address can be.
    Risk,
    /// Money spent on a plan, or its forecast (`cost`); the target is the
    /// plan, `ROADMAP`.
    Cost,
    /// A roadmap renamed (`roadmap rename`, or `reattach OLD NEW`): the
    /// target is the plan `OLD`, `to` the new id. Every change recorded under
    /// OLD before it counts for the new id; one recorded after it is about
    /// whatever OLD names then (a new plan adopted under the old id).
    Rename,
    /// A person's name replaced by an alias in the lines before it (`roadmap
    /// forget`): the target is `*` (the whole file), `to` the alias; the
    /// name itself is not recorded.
    Forget,
}

impl Op {
    /// Whether this change sets the target's state (as opposed to only adding a note).
    pub fn sets_state(self) -> bool {
        !matches!(
            self,
            Op::Note | Op::Reschedule | Op::Rekey | Op::Risk | Op::Cost | Op::Rename | Op::Forget
        )
    }

    /// The name the state file and the JSON outputs write.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Done => "done",
            Op::Reopen => "reopen",
            Op::Skip => "skip",
            Op::Note => "note",
            Op::Reschedule => "reschedule",
            Op::Rekey => "rekey",
            Op::Risk => "risk",
            Op::Cost => "cost",
            Op::Rename => "rename",
            Op::Forget => "forget",
        }
    }
}

/// A change as written to the state file. Fields this version does not know
/// are not represented here; they survive because lines are copied verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Random and unique: the same line merged in from two branches counts once.
    pub id: String,
    /// When the change was recorded (UTC, microseconds).
    #[serde(deserialize_with = "time")]
    pub at: DateTime<Utc>,
    /// Who made it.
    pub by: String,
    pub op: Op,
    /// `ROADMAP/MILESTONE` or `ROADMAP/MILESTONE/KEY` (KEY a step's id or
    /// fingerprint; `N`, its place, in lines written before step keys), or
    /// `ROADMAP#RISK` for a risk, `ROADMAP` for a plan's money or its rename.
    pub target: Target,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The day the work was done, when it is not the day it was recorded (`--at`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "day")]
    pub on: Option<NaiveDate>,
    /// The id of the latest state-setting change to the same target that the
    /// writer saw. Two changes with the same `prev` were made independently
    /// (on two branches, say): if they disagree, that is a contradiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// For a reschedule: the due date before (absent when there was none) and
    /// after. For a rekey, `to` is the target the changes count for now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// For a change to a step: the step's text when the change was recorded,
    /// so that a change whose step was reworded can be told by a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// For a risk: what this change sets (only what it changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Box<RiskFields>>,
    /// For a plan's money: what was spent, or the forecast.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Box<CostFields>>,
}

/// Money on a plan, in thousands (`tkr`). Every amount spent adds to what the
/// plan has cost, on the change's day (`on`, else the day it was recorded);
/// a forecast replaces the one before it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CostFields {
    /// An amount spent; a negative one corrects an earlier one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<f64>,
    /// The milestone (an id in the plan) it was spent on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<String>,
    /// What the whole plan is now expected to cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<f64>,
}

// The amounts are checked finite when a line is read (`Event::check`).
impl Eq for CostFields {}

/// What a `forget` change is about: the whole file.
pub const FORGET_TARGET: &str = "*";

/// The fields of a risk a `risk` change sets; absent ones stay as they were.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RiskFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The milestone (an id in the risk's roadmap) it threatens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<String>,
    /// 1 (rare) to 5 (almost certain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<u8>,
    /// 1 (small) to 5 (severe).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// What is done about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Closed (true) or open again (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<bool>,
}

/// What is wrong with a line that reads as a change but breaks a rule the
/// types alone cannot keep: the field to point at, what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
    pub hint: &'static str,
}

const RISK_SHAPE: &str = "a risk change has a `risk` object: text, milestone, owner and action are text, likelihood and impact 1 to 5, closed true or false";
const COST_SHAPE: &str =
    "a cost change has a `cost` object: spent (a number, tkr), milestone (text), forecast (a number zero or more, tkr)";
const TARGET_SHAPE: &str = "a risk change's target is ROADMAP#RISK, a cost change's ROADMAP; every other change's is ROADMAP/MILESTONE or ROADMAP/MILESTONE/STEP";

impl Event {
    /// The rules of a change beyond its fields' types: a `risk` change, and
    /// only it, is about a risk and has risk fields (likelihood and impact 1
    /// to 5); a `cost` change, and only it, is about a plan and has an amount
    /// spent or a forecast; every other change is about a milestone or a step;
    /// a move is of a milestone; a rekey names the milestone or step the
    /// changes count for from now on.
    pub fn check(&self) -> Result<(), Problem> {
        let problem = |field, message: String, hint| Err(Problem { field, message, hint });
        match (&self.risk, self.op) {
            (Some(risk), Op::Risk) => {
                for (name, value) in [("likelihood", risk.likelihood), ("impact", risk.impact)] {
                    if let Some(n) = value.filter(|n| !(1..=5).contains(n)) {
                        return problem(
                            "risk",
                            format!("the risk's `{name}` is {n}; it must be a whole number from 1 to 5"),
                            RISK_SHAPE,
                        );
                    }
                }
            }
            (None, Op::Risk) => return problem("risk", "a `risk` change has no `risk` object".into(), RISK_SHAPE),
            (Some(_), op) => {
                return problem(
                    "risk",
                    format!(
                        "a `{}` change has a `risk` object; only a `risk` change has one",
                        op.as_str()
                    ),
                    RISK_SHAPE,
                );
            }
            (None, _) => {}
        }
        match (&self.cost, self.op) {
            (Some(cost), Op::Cost) => {
                let finite = [cost.spent, cost.forecast].into_iter().flatten().all(f64::is_finite);
                let forecast_negative = cost.forecast.is_some_and(|f| f < 0.0);
                if !finite || forecast_negative || (cost.spent.is_none() && cost.forecast.is_none()) {
                    return problem(
                        "cost",
                        "a `cost` change needs an amount spent or a forecast, each a finite number (a forecast zero or more)".into(),
                        COST_SHAPE,
                    );
                }
            }
            (None, Op::Cost) => return problem("cost", "a `cost` change has no `cost` object".into(), COST_SHAPE),
            (Some(_), op) => {
                return problem(
                    "cost",
                    format!(
                        "a `{}` change has a `cost` object; only a `cost` change has one",
                        op.as_str()
                    ),
                    COST_SHAPE,
                );
            }
            (None, _) => {}
        }
        let fits = match self.op {
            Op::Risk => self.target.kind() == TargetKind::Risk,
            Op::Cost | Op::Rename => self.target.kind() == TargetKind::Plan,
            Op::Forget => self.target.as_str() == FORGET_TARGET,
            _ => self.target.is_work(),
        };
        if !fits {
            return problem(
                "target",
                format!(
                    "a `{}` change cannot be about the {} `{}`",
                    self.op.as_str(),
                    self.target.kind().name(),
                    self.target
                ),
                TARGET_SHAPE,
            );
        }
        if self.op == Op::Reschedule && self.target.kind() != TargetKind::Milestone {
            return problem(
                "target",
                format!(
                    "a `reschedule` moves a milestone's due date, and `{}` is a step",
                    self.target
                ),
                "a step has no due date of its own: the move belongs to its milestone",
            );
        }
        if self.op == Op::Rekey && self.rekey_to().is_none() {
            return problem(
                "to",
                "a `rekey` change has no milestone or step in `to`".into(),
                "`to` is what the changes recorded under `target` count for: ROADMAP/MILESTONE[/STEP]",
            );
        }
        if self.op == Op::Rename && self.renamed_to().is_none() {
            return problem(
                "to",
                "a `rename` change has no roadmap id in `to`".into(),
                "`to` is the id the roadmap `target` was renamed to",
            );
        }
        Ok(())
    }

    /// For a rename: the roadmap's new id.
    pub fn renamed_to(&self) -> Option<&str> {
        let to = self.to.as_deref()?;
        (self.op == Op::Rename && to.parse::<Target>().is_ok_and(|t| t.kind() == TargetKind::Plan)).then_some(to)
    }

    /// For a rekey: the milestone or step the changes recorded under `target` count for now.
    pub fn rekey_to(&self) -> Option<Target> {
        let to: Target = self.to.as_deref()?.parse().ok()?;
        (self.op == Op::Rekey && to.is_work()).then_some(to)
    }

    /// The oldest state-file format that can hold this change: risks came
    /// in format 3, costs in format 4, renames in format 5, forgets in format 6.
    pub fn format_version(&self) -> u64 {
        match self.op {
            Op::Forget => 6,
            Op::Rename => 5,
            Op::Cost => 4,
            Op::Risk => 3,
            _ => 2,
        }
    }

    /// The day the work counts as done: `on` if given, else the day it was recorded.
    pub fn day(&self) -> NaiveDate {
        self.on.unwrap_or_else(|| self.at.date_naive())
    }
}

/// `at`: an RFC 3339 time, said so when it is not one.
fn time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let text = crate::target::deserialize_text(d)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.to_utc())
        .map_err(|_| serde::de::Error::custom(format_args!("`at` is not a time: \"{text}\"")))
}

/// The text of an `on`, read in place (`deserialize_text`).
struct Day<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Day<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Day<'de>, D::Error> {
        crate::target::deserialize_text(d).map(Day)
    }
}

/// `on`: an ISO day, said so when it is not one.
fn day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let Some(text) = <Option<Day<'de>>>::deserialize(d)?.map(|Day(text)| text) else {
        return Ok(None);
    };
    text.parse()
        .map(Some)
        .map_err(|_| serde::de::Error::custom(format_args!("`on` is not a day: \"{text}\"")))
}

/// A fresh random id. Collisions would merge two different changes into one,
/// so it has 128 bits from the OS-seeded hasher keys, the clock and the process.
pub fn new_id() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let half = |salt: u64| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u128(nanos);
        hasher.write_u32(std::process::id());
        hasher.write_u64(count);
        hasher.write_u64(salt);
        hasher.finish()
    };
    format!("{:016x}{:016x}", half(1), half(2))
}
