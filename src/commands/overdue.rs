//! `roadmap overdue`: overdue milestones and their open steps, with how long
//! overdue and whose. `--fail-on-overdue` makes it a CI gate (exit 3).

use foldhash::{HashMap, HashSet};
use std::num::NonZeroUsize;

use roadmap_core::due::Due;
use roadmap_core::filter::Filter;
use roadmap_core::portfolio;
use roadmap_core::state::State;
use roadmap_core::status::{Standing, Status, standings};
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::{OverdueArgs, OverdueFormat};
use crate::context::Context;
use crate::i18n::{Language, t};
use crate::render::json::DueJson;
use crate::render::{Format, Style, Table, cell, headers};

#[derive(Serialize)]
struct OverdueJson<'a> {
    today: String,
    overdue: Items<'a>,
}

/// Where an overdue milestone or open step is, and what it is sorted by:
/// a national portfolio has a quarter of a million, so each is kept in a
/// few words and read as an `Item` when it is written.
#[derive(Clone, Copy)]
struct Found<'a> {
    /// Its milestone's standing, in the list of all of them.
    standing: usize,
    /// A step's place (1-based); none for the milestone itself.
    step: Option<NonZeroUsize>,
    /// Its milestone's due date, in the standing.
    due: &'a Due,
    days_overdue: i64,
    /// The place of its organisation's group in the order of groups (0
    /// when the plans are not grouped by organisation).
    group: u32,
    /// The start of its address's text (`Spot::head`): most items are put
    /// in order by it, without reading their addresses.
    head: u128,
}

impl<'a> Found<'a> {
    /// Its address, read from its standing in `all`.
    fn spot(self, all: &'a [Standing<'a>]) -> Spot<'a> {
        let s = &all[self.standing];
        let step = self.step.map(NonZeroUsize::get);
        Spot {
            roadmap: &s.roadmap.id,
            milestone: &s.milestone.id,
            step: step.map(|place| (place, s.milestone.steps.get(place - 1).and_then(|s| s.id()))),
        }
    }

    /// What was found, read from its standing in `all`.
    fn item(self, all: &'a [Standing<'a>]) -> Item<'a> {
        let s = &all[self.standing];
        let (roadmap, m) = (s.roadmap, s.milestone);
        let step = self.step.map(NonZeroUsize::get);
        let in_plan = step.and_then(|place| m.steps.get(place - 1));
        Item {
            address: self.spot(all),
            roadmap: &roadmap.id,
            organisation: portfolio::organisation(roadmap),
            milestone: &m.id,
            step,
            title: in_plan.map_or(&m.title, |s| &s.text),
            owner: in_plan.and_then(|s| s.owner.as_deref()).or(m.owner.as_deref()),
            due: self.due,
            days_overdue: self.days_overdue,
        }
    }
}

/// The items in their order, written as JSON one at a time.
struct Items<'a> {
    all: &'a [Standing<'a>],
    found: &'a [Found<'a>],
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.found.iter().map(|f| f.item(self.all)))
    }
}

/// One overdue milestone, or one open step of an overdue milestone.
#[derive(Serialize)]
struct Item<'a> {
    address: Spot<'a>,
    roadmap: &'a str,
    /// Who the plan is for: its organisation, else its title.
    organisation: &'a str,
    milestone: &'a str,
    step: Option<usize>,
    title: &'a str,
    owner: Option<&'a str>,
    /// Put in JSON's shape only when JSON is written.
    #[serde(serialize_with = "due_json")]
    due: &'a Due,
    days_overdue: i64,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's `serialize_with` lends the field"
)]
fn due_json<S: serde::Serializer>(due: &&Due, s: S) -> std::result::Result<S::Ok, S::Error> {
    DueJson::new(due).serialize(s)
}

/// An item's address, `ROADMAP/MILESTONE` or `ROADMAP/MILESTONE/STEP` (the
/// step's id, else its place), as `Address` shows it, kept in its parts: at
/// 100k milestones a quarter of a million rows are sorted by it, and none
/// needs a string of its own for that.
#[derive(Clone, Copy)]
struct Spot<'a> {
    roadmap: &'a str,
    milestone: &'a str,
    /// A step's place (1-based) and its id, if it has one.
    step: Option<(usize, Option<&'a str>)>,
}

impl Spot<'_> {
    /// The first 16 bytes of the address's text, read as a big-endian
    /// number, zeros after a shorter text. Two addresses whose heads differ
    /// order as their heads do: they differ at a byte both texts have, or
    /// the shorter text ends there and is the start of the longer one. When
    /// the heads are equal, `cmp_text` decides.
    fn head(&self) -> u128 {
        let mut digits = [0; 20];
        let mut head = [0; 16];
        let mut at = 0;
        for part in self.parts(&mut digits) {
            let room = &mut head[at..];
            let taken = part.len().min(room.len());
            room[..taken].copy_from_slice(&part[..taken]);
            at += taken;
        }
        u128::from_be_bytes(head)
    }

    /// Orders as the address's text does, byte for byte, without writing it.
    fn cmp_text(&self, other: &Spot) -> std::cmp::Ordering {
        let (mut mine, mut theirs) = ([0; 20], [0; 20]);
        let (mine, theirs) = (self.parts(&mut mine), other.parts(&mut theirs));
        // Two items of one milestone (the same texts, not copies): their
        // addresses differ only after it.
        let same_milestone = std::ptr::eq(self.roadmap, other.roadmap) && std::ptr::eq(self.milestone, other.milestone);
        let from = if same_milestone { 3 } else { 0 };
        joined_cmp(&mine[from..], &theirs[from..])
    }

    /// The address's text in pieces (`digits` holds a place's): joined, they
    /// are what `Display` writes.
    fn parts<'s>(&'s self, digits: &'s mut [u8; 20]) -> [&'s [u8]; 5] {
        let (slash, step): (&[u8], &[u8]) = match self.step {
            None => (b"", b""),
            Some((_, Some(id))) => (b"/", id.as_bytes()),
            Some((place, None)) => {
                let mut at = digits.len();
                let mut rest = place;
                loop {
                    at -= 1;
                    // A digit: `rest % 10` is below ten.
                    digits[at] = b"0123456789"[rest % 10];
                    rest /= 10;
                    if rest == 0 {
                        break;
                    }
                }
                (b"/", &digits[at..])
            }
        };
        [self.roadmap.as_bytes(), b"/", self.milestone.as_bytes(), slash, step]
    }
}

impl std::fmt::Display for Spot<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut digits = [0; 20];
        for part in self.parts(&mut digits) {
            // Every part is a whole `str` or ASCII.
            f.write_str(std::str::from_utf8(part).map_err(|_| std::fmt::Error)?)?;
        }
        Ok(())
    }
}

impl Serialize for Spot<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Compares the concatenations of `a`'s and `b`'s pieces, as strings compare.
fn joined_cmp(left: &[&[u8]], right: &[&[u8]]) -> std::cmp::Ordering {
    let (mut lefts, mut rights) = (left.iter().copied(), right.iter().copied());
    // What is left of the piece each side is in.
    let (mut mine, mut theirs): (&[u8], &[u8]) = (b"", b"");
    loop {
        while mine.is_empty() {
            match lefts.next() {
                Some(next) => mine = next,
                None => break,
            }
        }
        while theirs.is_empty() {
            match rights.next() {
                Some(next) => theirs = next,
                None => break,
            }
        }
        if mine.is_empty() || theirs.is_empty() {
            return mine.len().cmp(&theirs.len());
        }
        let common = mine.len().min(theirs.len());
        match mine[..common].cmp(&theirs[..common]) {
            std::cmp::Ordering::Equal => (mine, theirs) = (&mine[common..], &theirs[common..]),
            unequal => return unequal,
        }
    }
}

pub fn run(context: &Context, args: &OverdueArgs) -> Result<ExitCode> {
    let (catalog, read) = context.read()?;
    let state = read.fold(&catalog);
    let today = context.today();
    let roadmaps = context.scope(&catalog, &args.roadmaps)?.roadmaps;
    let filter = context.filter(args.filter.owner.as_deref(), args.filter.phase.as_deref(), &roadmaps)?;
    // Plans for several organisations: grouped by organisation.
    let grouped = portfolio::is_portfolio(&roadmaps);
    // Both lists are given their room once (the items at most a row for
    // each overdue milestone and step): grown by doubling, the quarter of a
    // million items of 100k milestones were held one and a half times over
    // while the last doubling copied them.
    let mut all: Vec<Standing> = Vec::with_capacity(roadmaps.iter().map(|r| r.milestones.len()).sum());
    for roadmap in roadmaps {
        all.extend(standings(roadmap, &state, today));
    }
    let most_items = all
        .iter()
        .filter(|s| s.status == Status::Overdue)
        .map(|s| 1 + s.milestone.steps.len())
        .sum();
    let mut found = Vec::with_capacity(most_items);
    for (standing, s) in all.iter().enumerate() {
        let roadmap = s.roadmap;
        let (Status::Overdue, Some(due), Some(days_overdue)) = (s.status, s.due.as_ref(), s.days_overdue) else {
            continue;
        };
        if !filter.milestone(roadmap, s.milestone) || !filter.has_open_work(s) {
            continue;
        }
        let m = s.milestone;
        let at = |step| {
            let found = Found {
                standing,
                step,
                due,
                days_overdue,
                group: 0,
                head: 0,
            };
            Found {
                head: found.spot(&all).head(),
                ..found
            }
        };
        // For an owner, a milestone with steps is theirs through their open steps.
        if !filter.has_owner() || m.steps.is_empty() {
            found.push(at(None));
        }
        for (i, _) in s.open_steps().filter(|(_, step)| filter.step(roadmap, m, step)) {
            found.push(at(NonZeroUsize::new(i)));
        }
    }
    if grouped {
        // Organisations are grouped whatever their case, in the order of
        // their lowercase names: each item gets its group's place in that
        // order, so the sort compares numbers, not names.
        let organisation = |f: &Found| portfolio::organisation(all[f.standing].roadmap);
        let organisations: HashSet<&str> = found.iter().map(organisation).collect();
        let mut names: Vec<(String, &str)> = organisations.into_iter().map(|o| (o.to_lowercase(), o)).collect();
        names.sort_unstable();
        let mut place: HashMap<&str, u32> = HashMap::default();
        let mut group = 0;
        for (i, (name, organisation)) in names.iter().enumerate() {
            if i > 0 && *name != names[i - 1].0 {
                group += 1;
            }
            place.insert(organisation, group);
        }
        for f in &mut found {
            f.group = place[organisation(f)];
        }
    }
    // No two items share an address, so the order is total and an unstable
    // sort gives the one order there is.
    found.sort_unstable_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then(b.days_overdue.cmp(&a.days_overdue))
            .then(a.head.cmp(&b.head))
            .then_with(|| a.spot(&all).cmp_text(&b.spot(&all)))
    });
    let any_overdue = !found.is_empty();
    let language = &context.language;
    let format = match args.format {
        OverdueFormat::Junit => {
            let text = junit(context, &all, &filter, &state);
            context.terminal.emit(&text)?;
            return Ok(exit(args.fail_on_overdue && any_overdue));
        }
        OverdueFormat::Table => Format::Table,
        OverdueFormat::Json => Format::Json,
        OverdueFormat::Markdown => Format::Markdown,
    };
    // The rows need no more of the state: its changes (a hundred thousand in
    // a national portfolio) give their room to the rows.
    drop(state);
    drop(read);
    let text = match format {
        Format::Json => crate::render::json::to_string(&OverdueJson {
            today: today.to_string(),
            overdue: Items {
                all: &all,
                found: &found,
            },
        })?,
        _ if found.is_empty() => t!(language, "overdue-none", today = language.date(today)) + "\n",
        format => {
            let mut table = Table::new(&context.terminal, format);
            let [organisation, overdue, what, due, owner] = headers(
                language,
                format,
                ["col-organisation", "col-overdue", "col-what", "col-due", "col-owner"],
            );
            let mut header = vec![overdue, what, due, owner];
            if grouped {
                header.insert(0, organisation);
            }
            table.set_header(header);
            let mut last: Option<u32> = None;
            // Thousands of rows share a few hundred ages, and a milestone's
            // steps its due date: each is put in words once.
            let mut ages: HashMap<i64, String> = HashMap::default();
            let mut dues: HashMap<*const Due, String> = HashMap::default();
            for f in &found {
                let item = f.item(&all);
                let age = ages.entry(item.days_overdue).or_insert_with(|| {
                    let words = age(language, item.days_overdue);
                    if format == Format::Markdown {
                        words
                    } else {
                        context.terminal.paint(Style::Red, &words)
                    }
                });
                let mut row = vec![
                    age.clone(),
                    crate::render::titled(&context.terminal, format, item.title, &item.address.to_string()),
                    dues.entry(std::ptr::from_ref(item.due))
                        .or_insert_with(|| cell(format, &language.due(item.due, context.year())))
                        .clone(),
                    cell(format, item.owner.unwrap_or("")),
                ];
                if grouped {
                    // The organisation on the first row of its group.
                    let first = last != Some(f.group);
                    row.insert(
                        0,
                        if first {
                            cell(format, item.organisation)
                        } else {
                            String::new()
                        },
                    );
                    last = Some(f.group);
                }
                table.add_row(row);
            }
            let milestones = found.iter().filter(|f| f.step.is_none()).count();
            let steps = found.len() - milestones;
            let summary = t!(
                language,
                "overdue-summary",
                milestones = milestones,
                steps = steps,
                today = language.date(today)
            );
            // Drawn onto the output: at 100k the text is tens of MiB.
            let mut out = context.terminal.stream();
            out.put_display(&table)?;
            out.put(&format!("\n{summary}\n"))?;
            return out.finish().map(|()| exit(args.fail_on_overdue && any_overdue));
        }
    };
    context.terminal.emit(&text)?;
    Ok(exit(args.fail_on_overdue && any_overdue))
}

/// `--fail-on-overdue` with something overdue fails the run.
fn exit(failing: bool) -> ExitCode {
    if failing { ExitCode::Overdue } else { ExitCode::Success }
}

/// The dated milestones of each roadmap as `JUnit` test cases: overdue ones
/// fail with how long, whose and the open steps; skipped ones are skipped
/// with their reason; every other passes.
fn junit(context: &Context, all: &[Standing], filter: &Filter, state: &State) -> String {
    use crate::render::junit::{Case, Outcome, Suite, document};
    let language = &context.language;
    let year = context.year();
    let mut suites: Vec<Suite> = Vec::new();
    for s in all {
        let (roadmap, m) = (s.roadmap, s.milestone);
        if !filter.milestone(roadmap, m) || s.status == Status::Undated || s.due.is_none() {
            continue;
        }
        if suites.last().is_none_or(|suite| suite.id != roadmap.id) {
            suites.push(Suite {
                id: roadmap.id.clone(),
                name: match &roadmap.organisation {
                    Some(o) => format!("{o}: {}", roadmap.title),
                    None => roadmap.title.clone(),
                },
                cases: Vec::new(),
            });
        }
        let due = s.due.as_ref().map(|d| language.due(d, year)).unwrap_or_default();
        let owner = m.owner.as_deref().unwrap_or_default();
        let outcome = match (s.status, s.days_overdue) {
            (Status::Overdue, Some(days)) => {
                let mut details = vec![t!(language, "junit-due", due = due.as_str())];
                if !owner.is_empty() {
                    details.push(t!(language, "junit-owner", owner = owner));
                }
                for (i, step) in s.open_steps().filter(|(_, step)| filter.step(roadmap, m, step)) {
                    let whose = step.owner.as_deref().or(m.owner.as_deref()).unwrap_or_default();
                    details.push(t!(
                        language,
                        "junit-open-step",
                        step = format!("{i}. {}", step.text),
                        owner = whose
                    ));
                }
                Outcome::Failed {
                    message: t!(language, "junit-overdue", age = age(language, days), due = due.as_str()),
                    details: details.join("\n"),
                }
            }
            (Status::Skipped, _) => {
                let why = state
                    .get(&s.target())
                    .and_then(|t| t.last)
                    .and_then(|e| e.note.clone())
                    .unwrap_or_default();
                Outcome::Skipped {
                    message: t!(language, "junit-skipped", why = why),
                }
            }
            _ => Outcome::Passed,
        };
        if let Some(suite) = suites.last_mut() {
            suite.cases.push(Case {
                name: format!("{} ({})", m.title, s.address()),
                outcome,
            });
        }
    }
    document(&t!(language, "junit-title"), &context.today().to_string(), &suites)
}

/// How long overdue, as a person would say it: "3 days", "5 weeks", "14 months", "2 years".
fn age(language: &Language, days: i64) -> String {
    match days {
        ..14 => t!(language, "age-days", n = days),
        14..61 => t!(language, "age-weeks", n = days / 7),
        61..731 => t!(language, "age-months", n = days * 12 / 365),
        _ => t!(language, "age-years", n = days / 365),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use roadmap_core::lang::Lang;

    use super::Spot;
    use crate::i18n::{Language, Why};

    /// An id part: one or two of a few letters that sort around `/`, so
    /// that addresses often share their start or are each other's start,
    /// or up to 12 of them, so that they share the first 16 bytes (`head`).
    fn part() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::string::string_regex("[1a/.é-]{1,2}").unwrap(),
            proptest::string::string_regex("[1a/.é\0-]{1,12}").unwrap(),
        ]
    }

    proptest! {
        /// Sorting by the parts gives the order of the written addresses,
        /// and the parts print as the address (`Address`'s rule, by hand).
        /// The ids are taken from a few, so that spots often share one
        /// (the same text in the same place, as the steps of a milestone do)
        /// or have the same text in two places.
        #[test]
        fn spots_order_as_their_text(
            ids in proptest::collection::vec(part(), 1..5),
            spots in proptest::collection::vec(
                (0usize..4, 0usize..4, proptest::option::of((1usize..12, proptest::option::of(part())))),
                2..8,
            )
        ) {
            let spots: Vec<Spot> = spots
                .iter()
                .map(|(r, m, step)| Spot {
                    roadmap: &ids[r % ids.len()],
                    milestone: &ids[m % ids.len()],
                    step: step.as_ref().map(|(place, id)| (*place, id.as_deref())),
                })
                .collect();
            let written = |spot: &Spot| match spot.step {
                None => format!("{}/{}", spot.roadmap, spot.milestone),
                Some((_, Some(id))) => format!("{}/{}/{id}", spot.roadmap, spot.milestone),
                Some((place, None)) => format!("{}/{}/{place}", spot.roadmap, spot.milestone),
            };
            for a in &spots {
                prop_assert_eq!(a.to_string(), written(a));
                for b in &spots {
                    let by_text = written(a).cmp(&written(b));
                    prop_assert_eq!(a.cmp_text(b), by_text, "{} against {}", a, b);
                    if a.head() != b.head() {
                        prop_assert_eq!(a.head().cmp(&b.head()), by_text, "heads of {} against {}", a, b);
                    }
                }
            }
        }
    }

    #[test]
    fn ages_read_naturally_in_each_language() {
        let en = Language::new(Lang::En, Why::Default);
        let ages: Vec<String> = [1, 13, 14, 60, 61, 730, 731].map(|d| super::age(&en, d)).into();
        assert_eq!(
            ages,
            [
                "1 day",
                "13 days",
                "2 weeks",
                "8 weeks",
                "2 months",
                "24 months",
                "2 years"
            ]
        );
        let sv = Language::new(Lang::Sv, Why::Default);
        let ages: Vec<String> = [1, 13, 14, 61, 731, 365 * 1000].map(|d| super::age(&sv, d)).into();
        assert_eq!(
            ages,
            ["1 dag", "13 dagar", "2 veckor", "2 månader", "2 år", "1\u{202f}000 år"]
        );
        let nb = Language::new(Lang::Nb, Why::Default);
        let ages: Vec<String> = [1, 13, 56, 61, 365].map(|d| super::age(&nb, d)).into();
        assert_eq!(ages, ["1 dag", "13 dager", "8 uker", "2 måneder", "12 måneder"]);
    }
}
