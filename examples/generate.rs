//! Generates a large, deterministic workload for the benchmark in `bench/run.sh`.
//!
//! ```sh
//! cargo run --release --example generate -- --milestones 10000 --events 10000 --seed 42 --out /tmp/bench
//! cargo run --release --example generate -- --milestones 2500 --per-file 50 --steps 3 --events 2500 --out /tmp/real
//! ```
//!
//! writes
//!
//! - `OUT/roadmaps/bench-XXXX.toml`: the milestones, 100 per file (`--per-file`), in
//!   four phases, with every due notation the README lists (each file has each at
//!   least once), 0-10 steps with owners (`--steps N`: exactly N each), `depends_on` only on earlier milestones of the same
//!   file (so there are no cycles), costs, kinds, and a `year` for the bare weeks.
//!   Dates lie around 2020-2030, so that on 2026-11-22 many milestones are
//!   overdue, some due and some upcoming.
//! - `OUT/state.jsonl`: the state file, with EVENTS changes (done, reopen, skip,
//!   note) on targets that exist, in time order, each state-setting change
//!   linked by `prev` to the previous one on the same target.
//! - `OUT/state-keyed.jsonl`: the same changes with each step's recorded
//!   by its key (its fingerprint), as `roadmap` records them; `state.jsonl`
//!   records them by the step's place, as the first release did, so a write
//!   on it first pins them all.
//! - `OUT/tasks.json`: the dated milestones that have an end as Taskwarrior
//!   tasks, one JSON object per line, for `task import`. A milestone that the
//!   state makes done is `completed`, one it makes skipped is `deleted`, the
//!   rest are `pending`.
//! - `OUT/project.tjp`: the same dated milestones as a `TaskJuggler` project,
//!   a task per file with a sub-task per milestone (a `TaskJuggler` milestone
//!   when it is due on one day), `complete 100` when the state makes it done
//!   or skipped, else `complete 0`, and a CSV report of the overdue ones (leaf
//!   tasks that end before `now` and are not complete), for `tj3`.
//! - `OUT/open-step.txt`: the address of one step that is still open, for
//!   timing `roadmap done`.
//! - `OUT/expected.json`: each milestone's status on 2026-11-22 (and how many
//!   days overdue), worked out here from the dates and marks chosen, for the
//!   tests to hold the views against.
//!
//! The same arguments always give the same files, byte for byte.

// A generator of test data: counts, seeds and day offsets far inside every
// integer type it converts between.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Duration, NaiveDate, Utc, Weekday};

const OWNERS: &[&str] = &["AF", "Digg", "Kund", "ITSL", "Leverantör", "AF / Digg"];
const PEOPLE: &[&str] = &["anna", "bob", "cecilia", "dag", "eva", "fredrik"];
const WORDS: &[&str] = &[
    "Upphandling",
    "Införande",
    "Utbildning",
    "Driftsättning",
    "Säkerhetsgranskning",
    "Överlämning",
    "Kravställning",
    "Integration",
    "Pilotdrift",
    "Anslutning",
    "Förvaltning",
    "Avveckling",
    "Juridisk granskning",
    "Testning",
    "Dataflytt",
    "Kommunikation",
];
const PHASES: &[(&str, &str)] = &[
    ("forstudie", "Förstudie"),
    ("upphandling", "Upphandling"),
    ("genomforande", "Genomförande"),
    ("forvaltning", "Förvaltning"),
];
const NOTES: &[&str] = &[
    "Klart enligt plan",
    "Väntar på besked från Digg",
    "Avstämt med projektägaren",
    "Försenat: leverantören saknar resurser",
    "Se protokoll från styrgruppen",
];
const SKIP_NOTES: &[&str] = &[
    "Ej tillämpligt hos oss",
    "Vi har redan certifikat",
    "Ingår i annan upphandling",
];

/// splitmix64: tiny, fast and good enough to spread test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0); the modulo bias is negligible here.
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }
}

struct Args {
    milestones: usize,
    per_file: usize,
    /// Steps per milestone: exactly this many, or 0-10 when not given.
    steps: Option<usize>,
    events: usize,
    seed: u64,
    out: PathBuf,
}

const USAGE: &str = "usage: generate --milestones N [--per-file F] [--steps S] --events E --seed S --out DIR";

fn parse_args() -> Result<Args, String> {
    let mut milestones = None;
    let mut per_file = None;
    let mut steps = None;
    let mut events = None;
    let mut seed = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || value.parse::<u64>().map_err(|e| format!("{flag} {value}: {e}"));
        match flag.as_str() {
            "--milestones" => milestones = Some(number()? as usize),
            "--per-file" => per_file = Some((number()? as usize).max(1)),
            "--steps" => steps = Some(number()? as usize),
            "--events" => events = Some(number()? as usize),
            "--seed" => seed = Some(number()?),
            "--out" => out = Some(PathBuf::from(&value)),
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok(Args {
        milestones: milestones.ok_or_else(|| format!("--milestones is required\n{USAGE}"))?,
        per_file: per_file.unwrap_or(100),
        steps,
        events: events.unwrap_or(0),
        seed: seed.unwrap_or(1),
        out: out.ok_or_else(|| format!("--out is required\n{USAGE}"))?,
    })
}

/// A due date as written, its first day (none for undated ones) and its last
/// (none for open-ended and undated ones).
struct Due {
    label: Option<String>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

/// A closed period written in one notation: one side of a range.
struct Period {
    label: String,
    start: NaiveDate,
    end: NaiveDate,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid day")
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    day(ny, nm, 1) - Duration::days(1)
}

fn week(y: i32, w: u32, weekday: Weekday) -> NaiveDate {
    NaiveDate::from_isoywd_opt(y, w, weekday).expect("weeks 1-52 exist every year")
}

/// A year around 2020-2030, leaning on 2026 so some milestones are due today.
fn year(rng: &mut Rng) -> i32 {
    if rng.chance(20) {
        2026
    } else {
        rng.between(2020, 2030) as i32
    }
}

/// Letters may be in either case: now and then write them in lower case.
fn case(rng: &mut Rng, text: String) -> String {
    if rng.chance(15) { text.to_lowercase() } else { text }
}

/// Every notation but bare weeks, ranges and unknowns, at one of its spellings.
fn period(rng: &mut Rng, kind: usize, y: i32) -> Period {
    match kind {
        // Days: 2016-03-31, 31.03.2016, 1.7.2015.
        0..=2 => {
            let (m, d) = (rng.between(1, 12) as u32, rng.between(1, 28) as u32);
            let label = match kind {
                0 => format!("{y}-{m:02}-{d:02}"),
                1 => format!("{d:02}.{m:02}.{y}"),
                _ => format!("{d}.{m}.{y}"),
            };
            let at = day(y, m, d);
            Period {
                label,
                start: at,
                end: at,
            }
        }
        // ISO weeks: 2027-W15, 2027W15.
        3 | 4 => {
            let w = rng.between(1, 52) as u32;
            let label = if kind == 3 {
                format!("{y}-W{w:02}")
            } else {
                format!("{y}W{w:02}")
            };
            Period {
                label: case(rng, label),
                start: week(y, w, Weekday::Mon),
                end: week(y, w, Weekday::Sun),
            }
        }
        5 => {
            let m = rng.between(1, 12) as u32;
            Period {
                label: format!("{y}-{m:02}"),
                start: day(y, m, 1),
                end: month_end(y, m),
            }
        }
        // Quarters: 2016-Q1, 2016 Q1, Q1 2016.
        6..=8 => {
            let q = rng.between(1, 4) as u32;
            let label = match kind {
                6 => format!("{y}-Q{q}"),
                7 => format!("{y} Q{q}"),
                _ => format!("Q{q} {y}"),
            };
            Period {
                label: case(rng, label),
                start: day(y, 3 * q - 2, 1),
                end: month_end(y, 3 * q),
            }
        }
        // Tertials: 2023 T1, 2023-T1.
        9 | 10 => {
            let t = rng.between(1, 3) as u32;
            let label = if kind == 9 {
                format!("{y} T{t}")
            } else {
                format!("{y}-T{t}")
            };
            Period {
                label: case(rng, label),
                start: day(y, 4 * t - 3, 1),
                end: month_end(y, 4 * t),
            }
        }
        // Half-years: VT2022, HT2021.
        11 => {
            let autumn = rng.chance(50);
            let label = format!("{}{y}", if autumn { "HT" } else { "VT" });
            let (first, last) = if autumn { (7, 12) } else { (1, 6) };
            Period {
                label: case(rng, label),
                start: day(y, first, 1),
                end: month_end(y, last),
            }
        }
        _ => Period {
            label: format!("{y}"),
            start: day(y, 1, 1),
            end: day(y, 12, 31),
        },
    }
}

const PERIOD_KINDS: usize = 13;

/// The notations, in the order each file's first milestones use them.
const NOTATIONS: usize = PERIOD_KINDS + 8;

fn due(rng: &mut Rng, notation: usize, file_year: i32) -> Due {
    let dated = |p: Period| Due {
        label: Some(p.label),
        start: Some(p.start),
        end: Some(p.end),
    };
    match notation {
        n if n < PERIOD_KINDS => {
            let y = year(rng);
            dated(period(rng, n, y))
        }
        // An ISO week range: 2027-W15..2027-W16.
        13 => {
            let y = year(rng);
            let first = rng.between(1, 48) as u32;
            let last = first + rng.between(1, 4) as u32;
            Due {
                label: Some(format!("{y}-W{first:02}..{y}-W{last:02}")),
                start: Some(week(y, first, Weekday::Mon)),
                end: Some(week(y, last, Weekday::Sun)),
            }
        }
        // Bare weeks in the file's year: V15, V15-16.
        14 | 15 => {
            let first = rng.between(1, 48) as u32;
            if notation == 14 {
                Due {
                    label: Some(case(rng, format!("V{first}"))),
                    start: Some(week(file_year, first, Weekday::Mon)),
                    end: Some(week(file_year, first, Weekday::Sun)),
                }
            } else {
                let last = first + rng.between(1, 4) as u32;
                Due {
                    label: Some(case(rng, format!("V{first}-{last}"))),
                    start: Some(week(file_year, first, Weekday::Mon)),
                    end: Some(week(file_year, last, Weekday::Sun)),
                }
            }
        }
        // A range of any two notations, the second a year or two later: VT2023..2024.
        16 => {
            let y = year(rng);
            let (from_kind, to_kind) = (rng.index(PERIOD_KINDS), rng.index(PERIOD_KINDS));
            let from = period(rng, from_kind, y);
            let later = y + rng.between(1, 2) as i32;
            let to = period(rng, to_kind, later);
            debug_assert!(to.end >= from.start);
            Due {
                label: Some(format!("{}..{}", from.label, to.label)),
                start: Some(from.start),
                end: Some(to.end),
            }
        }
        // Open-ended: VT2023..
        17 => {
            let y = year(rng);
            let kind = rng.index(PERIOD_KINDS);
            let from = period(rng, kind, y);
            debug_assert!(from.start <= from.end);
            Due {
                label: Some(format!("{}..", from.label)),
                start: Some(from.start),
                end: None,
            }
        }
        18 => Due {
            label: Some("?".into()),
            start: None,
            end: None,
        },
        19 => Due {
            label: Some("??.??.????".into()),
            start: None,
            end: None,
        },
        _ => Due {
            label: None,
            start: None,
            end: None,
        },
    }
}

/// After each file's first milestones (one per notation), notations are
/// drawn with these weights: mostly dated, a few unknown.
fn weighted_notation(rng: &mut Rng) -> usize {
    const WEIGHTS: [u64; NOTATIONS] = [8, 6, 4, 5, 2, 6, 3, 2, 2, 3, 2, 6, 5, 4, 4, 4, 8, 4, 2, 2, 2];
    let total: u64 = WEIGHTS.iter().sum();
    let mut roll = rng.below(total);
    for (notation, weight) in WEIGHTS.iter().enumerate() {
        if roll < *weight {
            return notation;
        }
        roll -= weight;
    }
    unreachable!("the roll is below the total")
}

struct Milestone {
    id: String,
    title: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    steps: usize,
}

struct RoadmapFile {
    id: String,
    milestones: Vec<Milestone>,
}

/// A TOML basic string: JSON's escapes are all valid TOML escapes.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

fn title(rng: &mut Rng, number: usize) -> String {
    let (a, b) = (rng.pick(WORDS), rng.pick(WORDS));
    format!("{number}. {a} och {}", b.to_lowercase())
}

/// Writes one roadmap file and returns what the state and the tasks need.
fn roadmap_file(
    rng: &mut Rng,
    index: usize,
    count: usize,
    steps: Option<usize>,
    dir: &Path,
) -> std::io::Result<RoadmapFile> {
    let id = format!("bench-{index:04}");
    let file_year = 2020 + (index * 3 % 11) as i32;
    let mut toml = String::new();
    let _ = writeln!(toml, "# Generated by examples/generate.rs for the benchmark.\n");
    let _ = writeln!(toml, "[roadmap]");
    let _ = writeln!(toml, "id = {}", quoted(&id));
    let _ = writeln!(toml, "title = {}", quoted(&format!("Benchmarkplan {index}")));
    let _ = writeln!(toml, "organisation = \"Myndigheten för syntetiska data\"");
    let _ = writeln!(toml, "language = \"sv\"");
    let _ = writeln!(toml, "year = {file_year}");
    let _ = writeln!(toml, "note = \"Genererad testdata: {count} milstolpar.\"\n");
    let _ = writeln!(toml, "[parties]");
    for owner in OWNERS.iter().filter(|o| !o.contains('/')) {
        let key = if owner.is_ascii() {
            owner.to_string()
        } else {
            quoted(owner)
        };
        let _ = writeln!(toml, "{key} = \"{owner} (syntetisk part)\"");
    }
    for (phase, phase_title) in PHASES {
        let _ = writeln!(toml, "\n[[phase]]\nid = \"{phase}\"\ntitle = \"{phase_title}\"");
    }
    let mut milestones = Vec::with_capacity(count);
    for i in 0..count {
        let number = i + 1;
        let notation = if i < NOTATIONS { i } else { weighted_notation(rng) };
        let due = due(rng, notation, file_year);
        let milestone = Milestone {
            id: format!("m{number:03}"),
            title: title(rng, number),
            start: due.start,
            end: due.end,
            steps: steps.unwrap_or_else(|| rng.between(0, 10) as usize),
        };
        let _ = writeln!(toml, "\n[[milestone]]\nid = \"{}\"", milestone.id);
        if !rng.chance(5) {
            let _ = writeln!(toml, "phase = \"{}\"", PHASES[i * PHASES.len() / count].0);
        }
        let _ = writeln!(toml, "title = {}", quoted(&milestone.title));
        if let Some(label) = &due.label {
            let _ = writeln!(toml, "due = {}", quoted(label));
        }
        if rng.chance(80) {
            let _ = writeln!(toml, "owner = {}", quoted(rng.pick(OWNERS)));
        }
        if rng.chance(30) {
            let _ = writeln!(toml, "criteria = \"Beslut fattat och dokumenterat i styrgruppen.\"");
        }
        match rng.below(10) {
            0..=4 => {
                let _ = writeln!(toml, "cost_tkr = {}", rng.between(10, 5000));
            }
            5 => {
                let _ = writeln!(toml, "cost_tkr = {}.5", rng.between(0, 300));
            }
            _ => {}
        }
        if i > 0 && rng.chance(30) {
            let mut deps: Vec<usize> = (0..rng.between(1, 2)).map(|_| rng.index(i)).collect();
            deps.sort_unstable();
            deps.dedup();
            let deps: Vec<String> = deps.iter().map(|d| quoted(&milestones_id(*d))).collect();
            let _ = writeln!(toml, "depends_on = [{}]", deps.join(", "));
        }
        if rng.chance(10) {
            let _ = writeln!(toml, "kind = \"gate\"");
        }
        for step in 1..=milestone.steps {
            let _ = writeln!(toml, "\n  [[milestone.step]]");
            let _ = writeln!(
                toml,
                "  text = {}",
                quoted(&format!("Steg {step}: {}", rng.pick(WORDS).to_lowercase()))
            );
            if rng.chance(85) {
                let _ = writeln!(toml, "  owner = {}", quoted(rng.pick(OWNERS)));
            }
        }
        milestones.push(milestone);
    }
    std::fs::write(dir.join(format!("{id}.toml")), toml)?;
    Ok(RoadmapFile { id, milestones })
}

fn milestones_id(index: usize) -> String {
    format!("m{:03}", index + 1)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Done,
    Skipped,
}

/// What the log says about one target so far.
struct Target {
    mark: Mark,
    last_state_id: String,
    last_at: DateTime<Utc>,
}

fn hex_id(rng: &mut Rng) -> String {
    format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64())
}

fn address(file: &RoadmapFile, milestone: usize, step: Option<usize>) -> String {
    let m = &file.milestones[milestone];
    match step {
        Some(n) => format!("{}/{}/{n}", file.id, m.id),
        None => format!("{}/{}", file.id, m.id),
    }
}

/// Writes the state file and returns the marks it leaves behind.
fn state_file(
    rng: &mut Rng,
    files: &[RoadmapFile],
    per_file: usize,
    events: usize,
    path: &Path,
) -> std::io::Result<HashMap<String, Target>> {
    let mut out = String::with_capacity(events * 200 + 32);
    out.push_str("{\"roadmap_state\":1}\n");
    let mut targets: HashMap<String, Target> = HashMap::new();
    let first = DateTime::parse_from_rfc3339("2024-01-01T07:00:00Z")
        .expect("a time")
        .to_utc();
    let last = DateTime::parse_from_rfc3339("2026-11-21T18:00:00Z")
        .expect("a time")
        .to_utc();
    let span = (last - first).num_microseconds().expect("fits") as u64;
    let slot = (span / events.max(1) as u64).max(1);
    let total: usize = files.iter().map(|f| f.milestones.len()).sum();
    for i in 0..events {
        // Strictly increasing times, so the file order is the fold order.
        let at = first + Duration::microseconds((i as u64 * slot + rng.below(slot)) as i64);
        let mut pick = rng.index(total);
        let file = &files[pick / per_file];
        pick %= per_file;
        let steps = file.milestones[pick].steps;
        let step = (steps > 0 && rng.chance(85)).then(|| rng.index(steps) + 1);
        let target = address(file, pick, step);
        let current = targets.get(&target).map_or(Mark::Open, |t| t.mark);
        let roll = rng.below(100);
        let (op, mark) = match current {
            Mark::Open if roll < 80 => ("done", Mark::Done),
            Mark::Open if roll < 88 => ("skip", Mark::Skipped),
            Mark::Done if roll < 50 => ("reopen", Mark::Open),
            Mark::Skipped if roll < 40 => ("done", Mark::Done),
            Mark::Skipped if roll < 70 => ("reopen", Mark::Open),
            _ => ("note", current),
        };
        let id = hex_id(rng);
        let mut line = serde_json::Map::new();
        line.insert("id".into(), id.clone().into());
        line.insert("at".into(), at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string().into());
        line.insert("by".into(), (rng.pick(PEOPLE)).into());
        line.insert("op".into(), op.into());
        line.insert("target".into(), target.clone().into());
        match op {
            "skip" => {
                line.insert("note".into(), (rng.pick(SKIP_NOTES)).into());
            }
            "note" => {
                line.insert("note".into(), (rng.pick(NOTES)).into());
            }
            _ if rng.chance(10) => {
                line.insert("note".into(), (rng.pick(NOTES)).into());
            }
            _ => {}
        }
        if op == "done" && rng.chance(10) {
            let on = at.date_naive() - Duration::days(rng.between(0, 6));
            line.insert("on".into(), on.to_string().into());
        }
        if op != "note" {
            if let Some(previous) = targets.get(&target) {
                line.insert("prev".into(), previous.last_state_id.clone().into());
            }
            targets.insert(
                target,
                Target {
                    mark,
                    last_state_id: id,
                    last_at: at,
                },
            );
        }
        out.push_str(&serde_json::Value::Object(line).to_string());
        out.push('\n');
    }
    std::fs::write(path, out)?;
    Ok(targets)
}

/// Writes the state file `from` again at `to` with each step's changes
/// recorded by the step's key (its fingerprint), as `roadmap` records them,
/// not by its place, as its first release did. The keys are the ones
/// `roadmap` itself gives the generated steps.
fn keyed_state_file(roadmaps: &Path, from: &Path, to: &Path) -> std::io::Result<()> {
    let catalog = roadmap_core::catalog::Catalog::load(&[roadmaps.to_path_buf()])
        .map_err(|e| std::io::Error::other(format!("the generated roadmaps do not load: {e}")))?;
    let key = |target: &str| {
        let mut parts = target.split('/');
        let (roadmap, milestone, place) = (parts.next()?, parts.next()?, parts.next()?.parse::<usize>().ok()?);
        let milestone = catalog.get(roadmap)?.milestones.iter().find(|m| m.id == milestone)?;
        let step = milestone.steps.get(place.checked_sub(1)?)?;
        Some(format!("{roadmap}/{}/{}", milestone.id, step.key()))
    };
    let mut out = String::new();
    for line in std::fs::read_to_string(from)?.lines() {
        let mut value: serde_json::Value = serde_json::from_str(line)?;
        // Format 2 is the first with steps by key: the one `roadmap` writes.
        if value.get("roadmap_state").is_some() {
            value["roadmap_state"] = roadmap_core::state::file::BASE_VERSION.into();
        }
        if let Some(keyed) = value.get("target").and_then(|t| t.as_str()).and_then(key) {
            value["target"] = keyed.into();
        }
        out.push_str(&value.to_string());
        out.push('\n');
    }
    std::fs::write(to, out)
}

/// Done, skipped or open, as `src/progress.rs` decides, and when it was decided.
fn outcome(file: &RoadmapFile, milestone: usize, targets: &HashMap<String, Target>) -> (Mark, Option<DateTime<Utc>>) {
    let own = targets.get(&address(file, milestone, None));
    let steps = file.milestones[milestone].steps;
    let marks: Vec<Option<&Target>> = (1..=steps)
        .map(|n| targets.get(&address(file, milestone, Some(n))))
        .collect();
    let mark_of = |t: Option<&Target>| t.map_or(Mark::Open, |t| t.mark);
    let done = marks.iter().filter(|t| mark_of(**t) == Mark::Done).count();
    let skipped = marks.iter().filter(|t| mark_of(**t) == Mark::Skipped).count();
    let closed = steps > 0 && done + skipped == steps;
    let latest = marks
        .iter()
        .chain(std::iter::once(&own))
        .flatten()
        .map(|t| t.last_at)
        .max();
    let mark = match mark_of(own) {
        Mark::Done => Mark::Done,
        Mark::Open if closed && done > 0 => Mark::Done,
        Mark::Skipped => Mark::Skipped,
        _ if closed && done == 0 => Mark::Skipped,
        Mark::Open => Mark::Open,
    };
    (mark, latest)
}

/// The day `expected.json` gives each milestone's status on.
const EXPECTED_ON: (i32, u32, u32) = (2026, 11, 22);

/// Writes each milestone's status on `EXPECTED_ON`, worked out here from the
/// dates and marks this generator chose, by the README's rules: done,
/// skipped, overdue (its last day before the day), due (the day inside its
/// days), upcoming, ongoing (open-ended and started), undated.
fn expected_file(files: &[RoadmapFile], targets: &HashMap<String, Target>, path: &Path) -> std::io::Result<()> {
    let on = day(EXPECTED_ON.0, EXPECTED_ON.1, EXPECTED_ON.2);
    let mut milestones = serde_json::Map::new();
    for file in files {
        for (m, milestone) in file.milestones.iter().enumerate() {
            let (mark, _) = outcome(file, m, targets);
            let (status, days_overdue) = match (mark, milestone.start, milestone.end) {
                (Mark::Done, ..) => ("done", None),
                (Mark::Skipped, ..) => ("skipped", None),
                (Mark::Open, Some(_), Some(end)) if end < on => ("overdue", Some((on - end).num_days())),
                (Mark::Open, Some(start), Some(_)) if start <= on => ("due", None),
                (Mark::Open, Some(start), _) if start > on => ("upcoming", None),
                (Mark::Open, Some(_), None) => ("ongoing", None),
                (Mark::Open, ..) => ("undated", None),
            };
            let mut entry = serde_json::Map::new();
            entry.insert("status".into(), status.into());
            entry.insert("days_overdue".into(), days_overdue.into());
            milestones.insert(address(file, m, None), entry.into());
        }
    }
    let mut expected = serde_json::Map::new();
    expected.insert("on".into(), on.to_string().into());
    expected.insert("milestones".into(), milestones.into());
    std::fs::write(path, serde_json::Value::Object(expected).to_string())
}

fn uuid(rng: &mut Rng) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

fn tw_time(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Writes the Taskwarrior tasks; returns how many, and one open step's address.
fn tasks_file(
    rng: &mut Rng,
    files: &[RoadmapFile],
    targets: &HashMap<String, Target>,
    path: &Path,
) -> std::io::Result<(usize, Option<String>)> {
    let mut out = String::new();
    let mut count = 0;
    let mut open_step = None;
    let entry = "20240101T000000Z";
    for (f, file) in files.iter().enumerate() {
        for (m, milestone) in file.milestones.iter().enumerate() {
            let (mark, latest) = outcome(file, m, targets);
            if open_step.is_none() && f == files.len() / 2 && mark == Mark::Open && milestone.steps > 0 {
                open_step = (1..=milestone.steps)
                    .find(|n| {
                        targets
                            .get(&address(file, m, Some(*n)))
                            .is_none_or(|t| t.mark == Mark::Open)
                    })
                    .map(|n| address(file, m, Some(n)));
            }
            let Some(end) = milestone.end else { continue };
            let mut task = serde_json::Map::new();
            task.insert("uuid".into(), uuid(rng).into());
            task.insert("description".into(), milestone.title.clone().into());
            task.insert("project".into(), file.id.clone().into());
            task.insert("entry".into(), entry.into());
            task.insert("due".into(), format!("{}T000000Z", end.format("%Y%m%d")).into());
            let status = match mark {
                Mark::Open => "pending",
                Mark::Done => "completed",
                Mark::Skipped => "deleted",
            };
            task.insert("status".into(), status.into());
            if mark != Mark::Open {
                let at = latest.expect("a closed milestone has a change");
                task.insert("end".into(), tw_time(at).into());
                task.insert("modified".into(), tw_time(at).into());
            }
            out.push_str(&serde_json::Value::Object(task).to_string());
            out.push('\n');
            count += 1;
        }
    }
    std::fs::write(path, out)?;
    Ok((count, open_step))
}

/// The latest day `TaskJuggler` 3 accepts in a project.
const TJ_LAST: (i32, u32, u32) = (2035, 12, 31);

/// Writes the `TaskJuggler` project: the milestones `tasks_file` gives
/// Taskwarrior (dated, with an end), within the years `TaskJuggler` takes.
fn taskjuggler_file(files: &[RoadmapFile], targets: &HashMap<String, Target>, path: &Path) -> std::io::Result<()> {
    let last = day(TJ_LAST.0, TJ_LAST.1, TJ_LAST.2);
    let dated = |m: &Milestone| {
        let end = m.end?;
        let start = m.start.unwrap_or(end).min(end);
        (end < last).then_some((start, end))
    };
    let days = files
        .iter()
        .flat_map(|f| f.milestones.iter().filter_map(dated))
        .flat_map(|(start, end)| [start, end]);
    let first = days.clone().min().unwrap_or(day(2026, 1, 1)) - Duration::days(31);
    let end = (days.max().unwrap_or(day(2026, 1, 1)) + Duration::days(31)).min(last);
    let mut out = format!(
        "project bench \"Benchmark\" {first} - {end} {{\n  timezone \"UTC\"\n  now {}\n}}\n",
        day(EXPECTED_ON.0, EXPECTED_ON.1, EXPECTED_ON.2)
    );
    for (f, file) in files.iter().enumerate() {
        let _ = writeln!(out, "task f{f} \"{}\" {{", file.id);
        for (m, milestone) in file.milestones.iter().enumerate() {
            let Some((start, end)) = dated(milestone) else { continue };
            let (mark, _) = outcome(file, m, targets);
            let complete = if mark == Mark::Open { 0 } else { 100 };
            let title = milestone.title.replace(['"', '\\'], "'");
            // TaskJuggler's end is the moment a task ends: the day after its last.
            let when = if start == end {
                format!("milestone start {start}")
            } else {
                format!("start {start} end {}", end + Duration::days(1))
            };
            let _ = writeln!(out, "  task m{m} \"{title}\" {{ {when} complete {complete} }}");
        }
        out.push_str("}\n");
    }
    out.push_str(
        "taskreport overdue \"overdue\" {\n  formats csv\n  columns id, name, end, complete\n  hidetask ~(isleaf() & (plan.end < ${now}) & (plan.complete < 100))\n}\n",
    );
    std::fs::write(path, out)
}

fn generate(args: &Args) -> std::io::Result<()> {
    let roadmaps = args.out.join("roadmaps");
    std::fs::create_dir_all(&roadmaps)?;
    // Separate streams, so the roadmaps do not depend on the number of events.
    let mut plan_rng = Rng(args.seed);
    let mut event_rng = Rng(args.seed ^ 0x5EED_F00D_CAFE_BEEF);
    let mut task_rng = Rng(args.seed.wrapping_mul(31).wrapping_add(7));
    let mut files = Vec::new();
    let mut left = args.milestones;
    while left > 0 {
        let count = left.min(args.per_file);
        files.push(roadmap_file(&mut plan_rng, files.len(), count, args.steps, &roadmaps)?);
        left -= count;
    }
    let targets = state_file(
        &mut event_rng,
        &files,
        args.per_file,
        args.events,
        &args.out.join("state.jsonl"),
    )?;
    keyed_state_file(
        &roadmaps,
        &args.out.join("state.jsonl"),
        &args.out.join("state-keyed.jsonl"),
    )?;
    let (tasks, open_step) = tasks_file(&mut task_rng, &files, &targets, &args.out.join("tasks.json"))?;
    expected_file(&files, &targets, &args.out.join("expected.json"))?;
    taskjuggler_file(&files, &targets, &args.out.join("project.tjp"))?;
    let open_step = open_step.unwrap_or_default();
    std::fs::write(args.out.join("open-step.txt"), format!("{open_step}\n"))?;
    println!(
        "{} milestones in {} files, {} events, {tasks} tasks; an open step: {open_step}",
        args.milestones,
        files.len(),
        args.events
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    if args.events > 0 && args.milestones == 0 {
        eprintln!("events need milestones to point at");
        return ExitCode::from(2);
    }
    match generate(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write to {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
