//! The risk log: risks are changes in the state log like ticks (the same
//! lock, merge rule and attribution), so two people who add risks on two
//! branches merge without conflict. A risk's target is `ROADMAP#ID`; each
//! `risk` change sets the fields it names, and for each field the later
//! change counts, whatever the order of the lines.

use chrono::NaiveDate;
use serde::Serialize;

use crate::state::{Op, State};

/// A risk as it stands.
#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    /// `r-` and 8 hex digits, unique across branches.
    pub id: String,
    pub roadmap: String,
    pub text: String,
    pub milestone: Option<String>,
    pub likelihood: u8,
    pub impact: u8,
    /// Likelihood × impact, 1 to 25.
    pub severity: u8,
    pub owner: Option<String>,
    pub action: Option<String>,
    pub closed: bool,
    /// The day it was added, and the day it was closed (if it is).
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// Who added it.
    pub by: String,
    /// The note of the change that closed it.
    pub closing_note: Option<String>,
}

/// A new risk id: from a fresh random change id, so two branches never pick the same.
pub fn new_id() -> String {
    format!("r-{}", &crate::state::event::new_id()[..8])
}

/// Every risk in `state`, in the order they were added.
pub fn risks(state: &State<'_>) -> Vec<Risk> {
    let mut out: Vec<Risk> = Vec::new();
    // Each risk's place in `out`, by its target: one look-up per change.
    let mut places: foldhash::HashMap<&crate::target::Target, usize> = foldhash::HashMap::default();
    for counted in state.ordered.iter().filter(|c| c.event.op == Op::Risk) {
        let event = counted.event;
        // The risk as it counts now: a rename of its roadmap carries it along.
        let target = &counted.target;
        let (Some(id), Some(fields)) = (target.risk_id(), event.risk.as_ref()) else {
            continue;
        };
        let roadmap = target.roadmap();
        let at = if let Some(at) = places.get(target) {
            *at
        } else {
            places.insert(target, out.len());
            out.push(Risk {
                id: id.to_string(),
                roadmap: roadmap.to_string(),
                text: String::new(),
                milestone: None,
                likelihood: 1,
                impact: 1,
                severity: 1,
                owner: None,
                action: None,
                closed: false,
                opened_on: event.day(),
                closed_on: None,
                by: event.by.clone(),
                closing_note: None,
            });
            out.len() - 1
        };
        let risk = &mut out[at];
        // The fold applies changes in time order, so a later one overwrites.
        if let Some(text) = &fields.text {
            risk.text.clone_from(text);
        }
        if let Some(milestone) = &fields.milestone {
            risk.milestone = (!milestone.is_empty()).then(|| milestone.clone());
        }
        if let Some(n) = fields.likelihood {
            risk.likelihood = n;
        }
        if let Some(n) = fields.impact {
            risk.impact = n;
        }
        if let Some(owner) = &fields.owner {
            risk.owner = Some(owner.clone());
        }
        if let Some(action) = &fields.action {
            risk.action = Some(action.clone());
        }
        if let Some(closed) = fields.closed {
            risk.closed = closed;
            risk.closed_on = closed.then(|| event.day());
            risk.closing_note = if closed { event.note.clone() } else { None };
        }
        risk.severity = risk.likelihood * risk.impact;
    }
    out
}

/// The risk `wanted` names: its id (`r-3f2a9c1b`), or the start of it with
/// or without `r-` when only one risk starts so.
pub fn find<'r>(risks: &'r [Risk], wanted: &str) -> Result<&'r Risk, Vec<&'r Risk>> {
    let wanted = wanted.trim();
    if let Some(risk) = risks.iter().find(|r| r.id == wanted) {
        return Ok(risk);
    }
    let bare = wanted.strip_prefix("r-").unwrap_or(wanted);
    let matching: Vec<&Risk> = risks
        .iter()
        .filter(|r| !bare.is_empty() && r.id.trim_start_matches("r-").starts_with(bare))
        .collect();
    match matching.as_slice() {
        [one] => Ok(one),
        _ => Err(matching),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{AsRecorded, Event, RiskFields};

    fn risk(id: &str, at: &str, target: &str, fields: RiskFields) -> Event {
        Event {
            id: id.into(),
            at: at.parse().unwrap(),
            by: "anna".into(),
            op: Op::Risk,
            target: target.parse().unwrap(),
            note: None,
            on: None,
            prev: None,
            from: None,
            to: None,
            text: None,
            risk: Some(Box::new(fields)),
            cost: None,
        }
    }

    #[test]
    fn each_field_takes_its_latest_value_whatever_the_line_order() {
        let added = risk(
            "a",
            "2027-04-01T10:00:00Z",
            "hubs-sdk#r-1",
            RiskFields {
                text: Some("Certifikaten dröjer".into()),
                likelihood: Some(3),
                impact: Some(4),
                owner: Some("ITSL".into()),
                action: Some("Beställ i god tid".into()),
                ..RiskFields::default()
            },
        );
        // On one branch the likelihood went up; on another the owner changed.
        let likelier = risk(
            "b",
            "2027-04-03T10:00:00Z",
            "hubs-sdk#r-1",
            RiskFields {
                likelihood: Some(5),
                ..RiskFields::default()
            },
        );
        let reowned = risk(
            "c",
            "2027-04-02T10:00:00Z",
            "hubs-sdk#r-1",
            RiskFields {
                owner: Some("Kund".into()),
                ..RiskFields::default()
            },
        );
        let other = risk(
            "d",
            "2027-04-02T11:00:00Z",
            "hubs-sdk#r-2",
            RiskFields {
                text: Some("Semestrar".into()),
                likelihood: Some(2),
                impact: Some(2),
                ..RiskFields::default()
            },
        );
        for events in [
            vec![added.clone(), likelier.clone(), reowned.clone(), other.clone()],
            vec![other.clone(), reowned.clone(), likelier.clone(), added.clone()],
        ] {
            let state = State::fold(&events, &AsRecorded);
            let found = risks(&state);
            assert_eq!(found.len(), 2);
            let r = &found[0];
            assert_eq!((r.id.as_str(), r.likelihood, r.impact, r.severity), ("r-1", 5, 4, 20));
            assert_eq!(r.owner.as_deref(), Some("Kund"));
            assert_eq!(r.action.as_deref(), Some("Beställ i god tid"));
            assert_eq!(found[1].text, "Semestrar");
        }
    }

    #[test]
    fn a_risk_is_found_by_its_id_or_a_unique_start_of_it() {
        let events = [
            risk("a", "2027-04-01T10:00:00Z", "r#r-3f2a9c1b", RiskFields::default()),
            risk("b", "2027-04-01T11:00:00Z", "r#r-3f77aaaa", RiskFields::default()),
        ];
        let state = State::fold(&events, &AsRecorded);
        let all = risks(&state);
        assert_eq!(find(&all, "r-3f2a9c1b").unwrap().id, "r-3f2a9c1b");
        assert_eq!(find(&all, "3f2a").unwrap().id, "r-3f2a9c1b");
        assert_eq!(find(&all, "r-3f7").unwrap().id, "r-3f77aaaa");
        assert_eq!(find(&all, "3f").unwrap_err().len(), 2);
        assert!(find(&all, "zz").unwrap_err().is_empty());
    }
}
