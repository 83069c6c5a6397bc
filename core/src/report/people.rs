//! Who is waiting on whom, and what blocks the plan: each party's open and
//! overdue work, read through the roadmap's `[parties]` (`parties.rs`), what
//! the others wait on it for, and the blocks at the root of every chain of
//! `depends_on`.

use foldhash::HashMap;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::Serialize;

use super::NO_OWNER;
use crate::filter::Filter;
use crate::parties::SharesOnce;
use crate::roadmap::Roadmap;
use crate::status::{Standing, Status};

/// One party's work in one roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct PartyLoad<'r> {
    pub roadmap: String,
    /// The party's code in `[parties]`, the words of an owner that names no
    /// party, or "(no owner)".
    pub party: String,
    /// Its full name, when `[parties]` has it.
    pub name: Option<String>,
    /// Open milestones without steps, and open steps, that are its to do.
    pub open: usize,
    /// Of those, how many belong to overdue milestones.
    pub overdue: usize,
    /// Open work it helps with ("mha", "med stöd av").
    pub helping: usize,
    /// What other parties' milestones wait on this party's work for.
    pub waited_on: Vec<Wait<'r>>,
}

/// A milestone that waits on another, unfinished one. A milestone waits on
/// as many parties as its dependencies have, so its address and parties are
/// one text shared by each of its waits, not a copy each.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Wait<'r> {
    /// The milestone that waits, and whose it is.
    pub waiting: Rc<str>,
    pub waiting_title: &'r str,
    pub waiting_parties: Rc<[String]>,
    /// The milestone it waits for.
    pub on: Rc<str>,
    pub on_title: &'r str,
}

/// The owners of a milestone's open work: its own owner, else (a milestone
/// without one) the owners of its open steps.
pub fn open_work<'s, 'r>(s: &'s Standing<'r>, filter: &'s Filter) -> impl Iterator<Item = Option<&'r str>> + 's {
    let m: &'r crate::roadmap::Milestone = s.milestone;
    // A milestone without steps is its own work; one with steps has none
    // of its own, and its open steps are.
    let own = m.steps.is_empty().then_some(m.owner.as_deref());
    own.into_iter().chain(
        s.open_steps()
            .filter(move |(_, step)| filter.step(s.roadmap, m, step))
            .map(move |(_, step)| step.owner.as_deref().or(m.owner.as_deref())),
    )
}

/// The parties responsible for a milestone's open work (or the owner as written).
fn responsible<'r>(s: &Standing<'r>, filter: &Filter, once: &mut SharesOnce<'r>) -> Vec<String> {
    let mut parties = BTreeSet::new();
    for owner in open_work(s, filter) {
        match owner {
            Some(owner) => parties.extend(
                once.of(s.roadmap, owner)
                    .iter()
                    .filter(|sh| !sh.helping)
                    .map(|sh| sh.party.clone()),
            ),
            None => {
                parties.insert(NO_OWNER.to_string());
            }
        }
    }
    parties.into_iter().collect()
}

/// The load of `party` in `roadmap`, new when there is none yet.
fn entry<'m, 'r>(
    by: &'m mut BTreeMap<(String, String), PartyLoad<'r>>,
    roadmap: &str,
    party: &str,
    name: impl FnOnce() -> Option<String>,
) -> &'m mut PartyLoad<'r> {
    by.entry((roadmap.to_string(), party.to_string()))
        .or_insert_with(|| PartyLoad {
            roadmap: roadmap.to_string(),
            party: party.to_string(),
            name: name(),
            open: 0,
            overdue: 0,
            helping: 0,
            waited_on: Vec::new(),
        })
}

/// Every party's load, roadmap by roadmap, in the order of `[parties]`,
/// then the owners that name no party, then work without an owner.
pub fn loads<'r>(all: &[&Standing<'r>], filter: &Filter, once: &mut SharesOnce<'r>) -> Vec<PartyLoad<'r>> {
    let mut by: BTreeMap<(String, String), PartyLoad<'r>> = BTreeMap::new();
    // The open work of each owner as written, in each roadmap: how much, and
    // how much of it overdue. Counted first, so each owner's words are read
    // against `[parties]` once and each party's load is added to once per
    // owner, not once per step.
    let mut work: HashMap<(&str, Option<&str>), (&Roadmap, usize, usize)> = HashMap::default();
    for s in all.iter().filter(|s| s.status.is_open()) {
        let overdue = usize::from(s.status == Status::Overdue);
        for owner in open_work(s, filter) {
            let count = work.entry((s.roadmap.id.as_str(), owner)).or_insert((s.roadmap, 0, 0));
            count.1 += 1;
            count.2 += overdue;
        }
    }
    // Each roadmap and its place, and each milestone by its address: looked
    // up once per change and dependency, so found in a map, not by a scan.
    let mut roadmaps: HashMap<&str, (usize, &Roadmap)> = HashMap::default();
    for (i, s) in all.iter().enumerate() {
        roadmaps.entry(s.roadmap.id.as_str()).or_insert((i, s.roadmap));
    }
    let milestones: HashMap<(&str, &str), &Standing> = all
        .iter()
        .map(|s| ((s.roadmap.id.as_str(), s.milestone.id.as_str()), *s))
        .collect();
    let name_of = |roadmap: &str, party: &str| {
        roadmaps
            .get(roadmap)
            .and_then(|(_, r)| r.parties.iter().find(|p| p.code == party))
            .map(|p| p.name.clone())
    };
    for ((id, owner), (roadmap, open, overdue)) in work {
        let found = owner.map_or(&[][..], |o| once.of(roadmap, o));
        if found.is_empty() {
            let load = entry(&mut by, id, NO_OWNER, || name_of(id, NO_OWNER));
            load.open += open;
            load.overdue += overdue;
        }
        for share in found {
            let load = entry(&mut by, id, &share.party, || name_of(id, &share.party));
            if share.helping {
                load.helping += open;
            } else {
                load.open += open;
                load.overdue += overdue;
            }
        }
    }
    // What waits on whom: a milestone waits on the parties responsible for the
    // open work of each milestone it depends on. Many wait on the same few,
    // so each one waited on has its address and parties worked out once.
    let mut waited_on: HashMap<_, (Rc<str>, Vec<String>)> = HashMap::default();
    for s in all.iter().filter(|s| s.status.is_open() && !s.blocked_by.is_empty()) {
        let waiting: Rc<str> = s.address().to_string().into();
        let waiting_parties: Rc<[String]> = responsible(s, filter, once).into();
        for id in &s.blocked_by {
            let key = (s.roadmap.id.as_str(), *id);
            let Some(on) = milestones.get(&key) else {
                continue;
            };
            let (on_address, parties) = waited_on
                .entry(key)
                .or_insert_with(|| (on.address().to_string().into(), responsible(on, filter, once)));
            for party in parties.iter() {
                let name = || name_of(&s.roadmap.id, party);
                entry(&mut by, &s.roadmap.id, party, name).waited_on.push(Wait {
                    waiting: Rc::clone(&waiting),
                    waiting_title: &s.milestone.title,
                    waiting_parties: Rc::clone(&waiting_parties),
                    on: Rc::clone(on_address),
                    on_title: &on.milestone.title,
                });
            }
        }
    }
    let order = |load: &PartyLoad| {
        let roadmap = roadmaps.get(load.roadmap.as_str());
        let place = roadmap
            .and_then(|(_, r)| r.parties.iter().position(|p| p.code == load.party))
            .unwrap_or(usize::MAX - 1);
        let place = if load.party == NO_OWNER { usize::MAX } else { place };
        let roadmap_place = roadmap.map_or(usize::MAX, |(i, _)| *i);
        (roadmap_place, place, load.party.to_lowercase())
    };
    let mut out: Vec<PartyLoad<'r>> = by.into_values().collect();
    for load in &mut out {
        load.waited_on.sort();
        load.waited_on.dedup();
    }
    // The key lowercases a name: made once per load, not per comparison.
    out.sort_by_cached_key(order);
    out
}

/// A block at the root of a chain: an unfinished milestone that others wait
/// for and that waits for nothing itself.
#[derive(Debug, Clone, Serialize)]
pub struct Blocker<'r> {
    pub address: String,
    pub title: String,
    pub status: Status,
    /// The parties responsible for its open work.
    pub parties: Vec<String>,
    /// Every unfinished milestone behind it, directly or through others.
    pub waiting: Vec<String>,
    /// The same, with their titles.
    pub behind: Vec<super::lights::Named<'r>>,
}

/// The root blockers, the one with the most behind it first.
pub fn root_blockers<'r>(all: &[&Standing<'r>], filter: &Filter, once: &mut SharesOnce<'r>) -> Vec<Blocker<'r>> {
    let open: Vec<&Standing> = all.iter().copied().filter(|s| s.status.is_open()).collect();
    let behind = Dependents::new(&open);
    let mut out: Vec<Blocker> = Vec::new();
    for root in open.iter().filter(|s| s.blocked_by.is_empty()) {
        let waiting = behind.behind(root);
        if waiting.is_empty() {
            continue;
        }
        out.push(Blocker {
            address: root.address().to_string(),
            title: root.milestone.title.clone(),
            status: root.status,
            parties: responsible(root, filter, once),
            behind: super::named(&waiting),
            waiting: waiting.into_keys().collect(),
        });
    }
    out.sort_by(|a, b| {
        b.waiting
            .len()
            .cmp(&a.waiting.len())
            .then_with(|| a.address.cmp(&b.address))
    });
    out
}

/// Who waits on whom: `blocked_by` read backwards, once, so that what waits
/// behind a milestone is found without a scan of every milestone per step.
pub struct Dependents<'s, 'r> {
    direct: HashMap<(&'s str, &'s str), Vec<&'s Standing<'r>>>,
}

impl<'s, 'r> Dependents<'s, 'r> {
    pub fn new(standings: &[&'s Standing<'r>]) -> Self {
        let mut direct: HashMap<(&str, &str), Vec<&Standing>> = HashMap::default();
        for s in standings {
            for id in &s.blocked_by {
                direct.entry((s.roadmap.id.as_str(), *id)).or_default().push(*s);
            }
        }
        Dependents { direct }
    }

    /// Every milestone waiting on `root`, directly or through others, by
    /// its address, in order.
    pub fn behind(&self, root: &Standing) -> BTreeMap<String, &'s Standing<'r>> {
        let mut waiting = BTreeMap::new();
        let mut frontier = vec![root.milestone.id.as_str()];
        while let Some(id) = frontier.pop() {
            for s in self.direct.get(&(root.roadmap.id.as_str(), id)).into_iter().flatten() {
                if let Entry::Vacant(place) = waiting.entry(s.address().to_string()) {
                    place.insert(*s);
                    frontier.push(s.milestone.id.as_str());
                }
            }
        }
        waiting
    }
}
