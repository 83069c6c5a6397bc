//! What `validate` finds beyond what stops a roadmap from loading: plans that
//! contradict themselves (a milestone due before one it depends on can start,
//! an owner who is not one of the plan's parties), and a state file whose
//! changes no longer match the plan or were made on two branches and disagree.
//! Each is a warning or a note: the commands still run.

use foldhash::HashMap;

use crate::catalog::{Catalog, SHIPPED};
use crate::diagnostic::{Diagnostic, Severity};
use crate::roadmap::{Origin, Roadmap};
use crate::schedule::due_now;
use crate::state::file::Log;
use crate::state::{Op, State};
use crate::target::Target;

/// The text of the file `roadmap` was read from, to show the lines problems are on.
fn source(roadmap: &Roadmap) -> Option<String> {
    match &roadmap.origin {
        Origin::Shipped(name) => SHIPPED.iter().find(|(n, _)| n == name).map(|(_, t)| (*t).to_string()),
        Origin::File { path, .. } => std::fs::read_to_string(path).ok(),
    }
}

/// Warnings about `roadmap` as the state leaves it.
pub fn plan(roadmap: &Roadmap, state: &State<'_>) -> Vec<Diagnostic> {
    let text = source(roadmap).unwrap_or_default();
    let path = roadmap.origin.file_name();
    let lines = crate::diagnostic::LineIndex::new(&text);
    let warn = |span: &std::ops::Range<usize>, message: String, hint: String| {
        lines
            .at(&path, &text, span.clone(), message)
            .with_hint(hint)
            .with_severity(Severity::Warning)
    };
    let mut found = Vec::new();
    let dues: HashMap<&str, Option<crate::due::Due>> = roadmap
        .milestones
        .iter()
        .map(|m| (m.id.as_str(), due_now(roadmap, m, state)))
        .collect();
    for m in &roadmap.milestones {
        let Some(end) = dues[m.id.as_str()].as_ref().and_then(crate::due::Due::end) else {
            continue;
        };
        for dep in &m.depends_on {
            let Some(before) = dues.get(dep.as_str()).and_then(Option::as_ref) else {
                continue;
            };
            let Some(start) = before.start() else { continue };
            if end < start {
                let label = dues[m.id.as_str()].as_ref().map_or("", |d| d.label());
                found.push(warn(
                    &m.spans.due.unwrap_or(m.spans.milestone).range(),
                    format!(
                        "`{}` is due by {end} ({label}), before `{dep}`, which it depends on, starts ({start}, {})",
                        m.id,
                        before.label()
                    ),
                    "move one of the two dates, or take the dependency out of depends_on".into(),
                ));
            }
        }
    }
    if !roadmap.parties.is_empty() {
        let codes: Vec<&str> = roadmap.parties.iter().map(|p| p.code.as_str()).collect();
        let owners = roadmap.milestones.iter().flat_map(|m| {
            std::iter::once((m.owner.as_deref(), m.spans.owner)).chain(
                m.steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.owner.as_deref(), m.spans.step_owners.get(i).copied().flatten())),
            )
        });
        for (owner, span) in owners {
            let (Some(owner), Some(span)) = (owner, span) else {
                continue;
            };
            let unknown: Vec<String> = crate::parties::shares(roadmap, owner)
                .into_iter()
                .filter(|share| !share.known)
                .map(|share| share.party)
                .collect();
            if !unknown.is_empty() {
                found.push(warn(
                    &span.range(),
                    format!(
                        "owner `{owner}`: {} not one of the roadmap's [parties] ({})",
                        unknown.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", "),
                        codes.join(", ")
                    ),
                    format!("write one of {}, or add the party under [parties]", codes.join(", ")),
                ));
            }
        }
    }
    found
}

/// `items` grouped by `key`: the groups in the order of their first item,
/// each item in its group in the order it came.
fn grouped<T: Copy, K: Copy + Eq + std::hash::Hash>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(T) -> K,
) -> Vec<(K, Vec<T>)> {
    let mut groups: Vec<(K, Vec<T>)> = Vec::new();
    let mut place: HashMap<K, usize> = HashMap::default();
    for item in items {
        let k = key(item);
        let at = *place.entry(k).or_insert_with(|| {
            groups.push((k, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(item);
    }
    groups
}

/// A roadmap whose unmatched changes mostly match another loaded roadmap:
/// a copy renamed by hand (its file and id), whose progress one
/// `reattach OLD NEW` brings back.
struct Renamed<'a> {
    old: &'a str,
    new: &'a str,
    changes: usize,
    /// The first of them in the log.
    first: &'a crate::state::Event,
}

/// The roadmaps renamed by hand, from the changes that match nothing, by
/// target in the order of the log.
fn renamed_by_hand<'a>(
    unmatched: &[(&'a Target, Vec<&'a crate::state::Event>)],
    catalog: &'a Catalog,
) -> Vec<Renamed<'a>> {
    use crate::address::Targets;
    let resolver = crate::address::Resolver::new(catalog);
    // The roadmaps a target would match something in: the same for every
    // roadmap it was recorded under, so worked out once for what follows
    // the roadmap's id. Plans copied from one template share their
    // milestone ids, and a portfolio of them has each target match in many.
    let mut matching: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut found = Vec::new();
    for (old, targets) in grouped(unmatched, |(target, _)| target.roadmap()) {
        let mut hits = vec![0_usize; catalog.roadmaps.len()];
        for (t, _) in &targets {
            let rest = &t.as_str()[t.roadmap().len()..];
            let roadmaps = matching.entry(rest).or_insert_with(|| {
                (catalog.roadmaps.iter().enumerate())
                    .filter(|(_, r)| resolver.resolve(&t.in_roadmap(&r.id)).is_some())
                    .map(|(i, _)| i)
                    .collect()
            });
            for &i in roadmaps.iter() {
                hits[i] += 1;
            }
        }
        let best = (catalog.roadmaps.iter().zip(hits))
            .filter(|(r, _)| r.id != old)
            .map(|(r, hits)| (hits, r.id.as_str()))
            .max_by_key(|(hits, _)| *hits);
        if let Some((hits, new)) = best
            && targets.len() > 1
            && hits * 2 > targets.len()
        {
            found.push(Renamed {
                old,
                new,
                changes: targets.iter().map(|(_, events)| events.len()).sum(),
                first: targets[0].1[0],
            });
        }
    }
    found
}

/// Warnings and notes about the state file at `path` against the roadmaps.
pub fn state(log: &Log, state: &State<'_>, catalog: &Catalog, path: &str) -> Vec<Diagnostic> {
    // Each change's line by its id (the first line of an id written twice),
    // made the first time a finding needs one: a log of a hundred thousand
    // changes was searched once for every finding.
    let lines: std::cell::OnceCell<HashMap<&str, usize>> = std::cell::OnceCell::new();
    let line_of = |event: &crate::state::Event| {
        let lines = lines.get_or_init(|| {
            let mut lines = HashMap::default();
            for (e, line) in log.events.iter().zip(&log.lines) {
                lines.entry(e.id.as_str()).or_insert(*line);
            }
            lines
        });
        lines.get(event.id.as_str()).copied().unwrap_or(0)
    };
    let at = |line: usize, message: String| Diagnostic::in_file(path, line, 1, message);
    let mut found = Vec::new();
    // Changes that match nothing, by target as recorded, in file order.
    let unmatched = grouped(
        state.unmatched().filter(|c| c.event.op != Op::Rekey).map(|c| c.event),
        |event| &event.target,
    );
    let renamed = renamed_by_hand(&unmatched, catalog);
    let renamed_olds: foldhash::HashSet<&str> = renamed.iter().map(|r| r.old).collect();
    for Renamed {
        old,
        new,
        changes,
        first,
    } in &renamed
    {
        found.push(
            at(
                line_of(first),
                format!(
                    "{changes} changes recorded under `{old}` match nothing there, and match `{new}` (was `{old}` renamed to `{new}` by hand?); kept, and counted for nothing"
                ),
            )
            .with_hint(format!("let them count for it: roadmap reattach {old} {new}"))
            .with_severity(Severity::Warning),
        );
    }
    for (target, events) in &unmatched {
        if renamed_olds.contains(target.roadmap()) {
            continue;
        }
        let line = line_of(events[0]);
        let roadmap = catalog.get(target.roadmap());
        let milestone = roadmap.and_then(|r| target.milestone_id().and_then(|m| r.milestone(m)));
        let count = if events.len() == 1 {
            "1 change".to_string()
        } else {
            format!("{} changes", events.len())
        };
        let diagnostic = match (roadmap, milestone, target.step_key()) {
            (Some(roadmap), Some(milestone), Some(_)) => {
                let text = events.iter().rev().find_map(|e| e.text.as_deref());
                let recorded = text
                    .map(|t| format!(" (recorded on the step \"{t}\")"))
                    .unwrap_or_default();
                let mut d = at(
                    line,
                    format!(
                        "{count} to `{target}`{recorded} no longer match a step of `{}/{}` (was it reworded, or deleted?); kept, and counted for nothing",
                        roadmap.id, milestone.id
                    ),
                );
                let closest = text.and_then(|t| {
                    milestone
                        .steps
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (strsim::normalized_levenshtein(t, &s.text), i))
                        .filter(|(score, _)| *score > 0.5)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                });
                let to = match closest {
                    Some((_, i)) => crate::address::Address::step_of(&roadmap.id, milestone, i + 1).to_string(),
                    None => format!("{}/{}/STEP", roadmap.id, milestone.id),
                };
                d.hint = Some(format!(
                    "if the step is still there, re-attach them to it: roadmap reattach {target} {to}"
                ));
                d
            }
            // The roadmap is there and the milestone is not: its id changed, or it went.
            (Some(roadmap), None, _) if target.milestone_id().is_some() => {
                let gone = target.milestone_id().unwrap_or_default();
                let verb = if events.len() == 1 { "matches" } else { "match" };
                at(
                    line,
                    format!(
                        "{count} to `{target}` {verb} no milestone of `{}`: `{gone}` is not in it (was its id changed, or was it removed?); kept, and counted for nothing",
                        roadmap.id
                    ),
                )
                .with_hint(format!(
                    "if it is there under another id (`roadmap show {id}` lists them), let its changes and its steps' count for it: roadmap reattach {id}/{gone} {id}/MILESTONE",
                    id = roadmap.id
                ))
            }
            _ => at(
                line,
                format!("`{target}` is not in the loaded roadmaps (was the roadmap edited?); its changes are kept"),
            ),
        };
        found.push(diagnostic.with_severity(Severity::Warning));
    }
    for m in catalog
        .roadmaps
        .iter()
        .flat_map(|r| r.milestones.iter().map(move |m| (r, m)))
    {
        let (roadmap, milestone) = m;
        let Some(moved) = state.get(&Target::milestone(&roadmap.id, &milestone.id)) else {
            continue;
        };
        if let (Some(event), Some(label)) = (moved.moves.last(), moved.moved_to())
            && let Err(e) = crate::due::Due::parse(label, roadmap.year)
        {
            found.push(
                at(line_of(event), format!("the due date `{label}` the state moved `{}/{}` to is not a date: {e}; the roadmap's date counts", roadmap.id, milestone.id))
                    .with_severity(Severity::Warning),
            );
        }
    }
    let shown = |target: &Target| match catalog.get(target.roadmap()) {
        Some(roadmap) => crate::address::shown(roadmap, target),
        None => target.to_string(),
    };
    for c in state.contradictions() {
        let when = |e: &crate::state::Event| e.at.format("%Y-%m-%d %H:%M").to_string();
        let what = |e: &crate::state::Event| match e.op {
            Op::Reschedule => format!("moved to {}", e.to.as_deref().unwrap_or("no date")),
            op => op.as_str().to_string(),
        };
        let overruled: Vec<String> = c
            .overruled
            .iter()
            .map(|e| format!("{} by {} at {}", what(e), e.by, when(e)))
            .collect();
        found.push(
            at(
                line_of(c.kept),
                format!(
                    "`{}` was changed independently (on two branches?): {} and {} by {} at {}; the later change counts ({})",
                    shown(c.target),
                    overruled.join(", "),
                    what(c.kept),
                    c.kept.by,
                    when(c.kept),
                    what(c.kept),
                ),
            )
            .with_severity(Severity::Note),
        );
    }
    found
}
