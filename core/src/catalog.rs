//! Which roadmaps are loaded: the five shipped in the binary, then every
//! `*.toml` file directly in each roadmap folder (`workspace::roadmap_dirs`),
//! in that order. A user file with a shipped id replaces the shipped one; two
//! user files with one id are an error. Every file is parsed on every load, so
//! a broken or duplicate file is reported whatever a command reads; only a
//! write on named roadmaps (`Catalog::load_named`) parses just their files,
//! and still refuses duplicate ids.

use foldhash::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::error::{Error, Result};
use crate::roadmap::{Origin, Roadmap, parse};

/// The shipped roadmaps, embedded so the binary works with no files on disk.
pub const SHIPPED: &[(&str, &str)] = &[
    ("min-profil.toml", include_str!("../../roadmaps/min-profil.toml")),
    ("genomforande.toml", include_str!("../../roadmaps/genomforande.toml")),
    (
        "difi-postkasse.toml",
        include_str!("../../roadmaps/difi-postkasse.toml"),
    ),
    ("hubs-sdk.toml", include_str!("../../roadmaps/hubs-sdk.toml")),
    (
        "intygshantering.toml",
        include_str!("../../roadmaps/intygshantering.toml"),
    ),
];

/// The roadmaps a command works on, and the shipped ones it leaves out.
#[derive(Debug)]
pub struct Scope<'c> {
    pub roadmaps: Vec<&'c Roadmap>,
    /// Shipped roadmaps not in scope because the user has roadmaps of their own.
    pub left_out: Vec<&'c Roadmap>,
}

impl<'c> Scope<'c> {
    /// Only the plans whose `organisation` is `name` (any case, spaces
    /// around ignored); none is the organisations there are, sorted.
    pub fn for_organisation(self, name: &str) -> std::result::Result<Scope<'c>, Vec<String>> {
        let wanted = name.trim().to_lowercase();
        let is_for = |r: &&Roadmap| {
            r.organisation
                .as_deref()
                .is_some_and(|o| o.trim().to_lowercase() == wanted)
        };
        if !self.roadmaps.iter().any(is_for) {
            let mut known: Vec<String> = self.roadmaps.iter().filter_map(|r| r.organisation.clone()).collect();
            known.sort_by_key(|k| k.to_lowercase());
            known.dedup();
            return Err(known);
        }
        Ok(Scope {
            roadmaps: self.roadmaps.into_iter().filter(is_for).collect(),
            left_out: self.left_out,
        })
    }
}

/// Every loaded roadmap, in catalog order.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    pub roadmaps: Vec<Roadmap>,
}

impl Catalog {
    /// Loads the shipped roadmaps and every `*.toml` file in `dirs`, in order.
    /// Any problem in any file fails the whole load, with every problem found.
    pub fn load(dirs: &[PathBuf]) -> Result<Catalog> {
        let mut diagnostics = Vec::new();
        let mut roadmaps: Vec<Roadmap> = Vec::with_capacity(SHIPPED.len());
        for (name, text) in SHIPPED {
            match parse_shipped(name, text) {
                Ok(roadmap) => roadmaps.push(roadmap),
                Err(found) => diagnostics.extend(found),
            }
        }
        let mut index: HashMap<String, usize> = roadmaps.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        let files: Vec<PathBuf> = dirs
            .iter()
            .filter_map(|dir| roadmap_files(dir, &mut diagnostics))
            .flatten()
            .collect();
        for (path, loaded) in files.iter().zip(load_files(&files)) {
            let mut roadmap = match loaded {
                Ok(roadmap) => roadmap,
                Err(found) => {
                    diagnostics.extend(found);
                    continue;
                }
            };
            match index.get(&roadmap.id).copied() {
                Some(i) if matches!(roadmaps[i].origin, Origin::Shipped(_)) => {
                    roadmap.origin = Origin::File {
                        path: path.clone(),
                        replaces_shipped: true,
                    };
                    roadmaps[i] = roadmap;
                }
                Some(i) => diagnostics.push(
                    Diagnostic::in_file(
                        &roadmap.origin.describe(),
                        1,
                        1,
                        format!(
                            "roadmap id `{}` is already used by {}",
                            roadmap.id,
                            roadmaps[i].origin.describe()
                        ),
                    )
                    .with_hint("give each roadmap its own id, or remove one of the files from the roadmap path"),
                ),
                None => {
                    index.insert(roadmap.id.clone(), roadmaps.len());
                    roadmaps.push(roadmap);
                }
            }
        }
        if diagnostics.is_empty() {
            Ok(Catalog { roadmaps })
        } else {
            Err(Error::Roadmaps(diagnostics))
        }
    }

    /// Only the roadmaps `ids`, for a write on them: `state::record` loads
    /// the rest (`Roadmaps::Named`) when the log needs them. Which file has
    /// which id is read from its head (`head_id`), where the roadmap table
    /// begins with its id as in every file `roadmap` writes; a file whose
    /// head says otherwise is parsed whole. When any id is in two files, no
    /// file or shipped roadmap has an id asked for, or a file cannot be
    /// listed, read or parsed, this is the whole load, which reports it as
    /// every command does.
    pub fn load_named(dirs: &[PathBuf], ids: &[&str]) -> Result<Catalog> {
        match Catalog::named(dirs, ids) {
            Some(catalog) => Ok(catalog),
            None => Catalog::load(dirs),
        }
    }

    fn named(dirs: &[PathBuf], ids: &[&str]) -> Option<Catalog> {
        let mut diagnostics = Vec::new();
        let listed: Option<Vec<Vec<PathBuf>>> = dirs.iter().map(|dir| roadmap_files(dir, &mut diagnostics)).collect();
        let shipped_id = |id: &str| {
            SHIPPED
                .iter()
                .position(|(name, _)| name.strip_suffix(".toml") == Some(id))
        };
        let mut seen = foldhash::HashSet::default();
        let mut roadmaps = Vec::new();
        for path in listed?.into_iter().flatten() {
            let (id, parsed) = match head_id(&path) {
                Some(id) if ids.contains(&id.as_str()) => {
                    let roadmap = load_file(&path).ok()?;
                    (id, Some(roadmap))
                }
                Some(id) => (id, None),
                None => {
                    let roadmap = load_file(&path).ok()?;
                    (roadmap.id.clone(), Some(roadmap))
                }
            };
            if !seen.insert(id.clone()) || parsed.as_ref().is_some_and(|r| r.id != id) {
                return None;
            }
            if let Some(mut roadmap) = parsed.filter(|r| ids.contains(&r.id.as_str())) {
                roadmap.origin = Origin::File {
                    path,
                    replaces_shipped: shipped_id(&id).is_some(),
                };
                roadmaps.push(roadmap);
            }
        }
        for id in ids {
            if !roadmaps.iter().any(|r: &Roadmap| r.id == *id) {
                let (name, text) = SHIPPED[shipped_id(id)?];
                roadmaps.push(parse_shipped(name, text).ok()?);
            }
        }
        // In catalog order: the shipped places first, then the files.
        roadmaps.sort_by_key(|r| shipped_id(&r.id).unwrap_or(usize::MAX));
        Some(Catalog { roadmaps })
    }

    pub fn get(&self, id: &str) -> Option<&Roadmap> {
        self.roadmaps.iter().find(|r| r.id == id)
    }

    /// The roadmap with `id`, or an error that suggests the nearest id.
    pub fn roadmap(&self, id: &str) -> Result<&Roadmap> {
        self.get(id).ok_or_else(|| {
            let ids = self.roadmaps.iter().map(|r| r.id.as_str());
            let hint = did_you_mean(id, ids.clone())
                .unwrap_or_else(|| format!("the loaded roadmaps are {}", ids.collect::<Vec<_>>().join(", ")));
            Error::usage(format!("no roadmap `{id}`"), hint)
        })
    }

    /// The roadmaps named by `ids` (an address names its roadmap), in the
    /// order named; all of them when `ids` is empty.
    pub fn select(&self, ids: &[String]) -> Result<Vec<&Roadmap>> {
        if ids.is_empty() {
            return Ok(self.roadmaps.iter().collect());
        }
        ids.iter()
            .map(|id| {
                let target = id.parse::<crate::target::Target>().ok();
                self.roadmap(target.as_ref().map_or(id.as_str(), |t| t.roadmap()))
            })
            .collect()
    }

    /// The roadmaps a command works on when `named` names none: the
    /// user's own (from the workspace, `ROADMAP_PATH` and `--roadmaps`) when
    /// there are any, else the shipped ones. A shipped roadmap is only in
    /// scope beside the user's own when named. `named` (an address names its
    /// roadmap) gives those, in the order named.
    pub fn scope(&self, named: &[String]) -> Result<Scope<'_>> {
        if !named.is_empty() {
            return Ok(Scope {
                roadmaps: self.select(named)?,
                left_out: Vec::new(),
            });
        }
        let (own, shipped): (Vec<&Roadmap>, Vec<&Roadmap>) = self
            .roadmaps
            .iter()
            .partition(|r| matches!(r.origin, Origin::File { .. }));
        Ok(if own.is_empty() {
            Scope {
                roadmaps: shipped,
                left_out: Vec::new(),
            }
        } else {
            Scope {
                roadmaps: own,
                left_out: shipped,
            }
        })
    }

    /// The title of a milestone or the text of a step a target names.
    pub fn text_at(&self, target: &crate::target::Target) -> Option<&str> {
        self.get(target.roadmap())?.text_at(target)
    }
}

/// The `*.toml` files directly in `dir`, sorted by name so loading is deterministic.
fn roadmap_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(
                Diagnostic::in_file(
                    &dir.display().to_string(),
                    1,
                    1,
                    format!("cannot read the roadmap directory: {e}"),
                )
                .with_hint("check the folder's path: a roadmap folder is the workspace's, one in ROADMAP_PATH, or one named on the command line"),
            );
            return None;
        }
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    found.sort();
    Some(found)
}

/// The id of the roadmap in the file at `path`, read from its head when
/// the file begins (after blank lines and comments) with `[roadmap]` and
/// then `id = "..."`, a valid id: then no other TOML can give it another id.
/// `None` when the head says anything else, or cannot be read.
fn head_id(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(HEAD);
    std::fs::File::open(path)
        .ok()?
        .take(HEAD as u64)
        .read_to_end(&mut head)
        .ok()?;
    // Whole lines only: the last one may be cut.
    let whole = if head.len() < HEAD {
        &head[..]
    } else {
        &head[..head.iter().rposition(|b| *b == b'\n')?]
    };
    let mut lines = std::str::from_utf8(whole)
        .ok()?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    if lines.next()? != "[roadmap]" {
        return None;
    }
    let value = lines
        .next()?
        .strip_prefix("id")?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let (id, rest) = value[1..].split_once(quote)?;
    let rest = rest.trim_start();
    (parse::is_valid_id(id) && (rest.is_empty() || rest.starts_with('#'))).then(|| id.to_string())
}

/// How much of a file `head_id` reads.
const HEAD: usize = 4096;

/// Parses the shipped roadmap `name` (its `text` is built into the binary).
fn parse_shipped(name: &'static str, text: &str) -> Result<Roadmap, Vec<Diagnostic>> {
    parse::parse(&format!("roadmaps/{name}"), text.as_bytes(), Origin::Shipped(name))
}

/// Reads and parses `files`, on as many threads as there are cores (parsing
/// is most of what a command costs when there are many files), each file on
/// its own; the results keep the order of `files`.
fn load_files(files: &[PathBuf]) -> Vec<Result<Roadmap, Vec<Diagnostic>>> {
    // A few files are read on this thread without asking for the cores
    // (which reads the process's limits from /proc).
    let threads = if files.len() < 8 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    };
    if threads < 2 {
        return files.iter().map(|path| load_file(path)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    let load = |part: &[PathBuf]| part.iter().map(|path| load_file(path)).collect::<Vec<_>>();
    std::thread::scope(|scope| {
        // The first part on this thread, whose heap is already warm; a new
        // thread's first allocations take fresh pages, which the kernel zeroes.
        let mut parts = files.chunks(chunk);
        let first = parts.next().unwrap_or_default();
        let workers: Vec<_> = parts.map(|part| scope.spawn(move || load(part))).collect();
        let mut loaded = load(first);
        for worker in workers {
            loaded.extend(worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        loaded
    })
}

/// Reads and parses one roadmap file.
pub fn load_file(path: &Path) -> Result<Roadmap, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let bytes = match crate::files::read(path, crate::files::ROADMAP_LIMIT, "the roadmap file") {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(vec![Diagnostic::in_file(
                &shown,
                1,
                1,
                "cannot read the file: it does not exist",
            )]);
        }
        Err(e) => {
            let hint = e.hint().map(str::to_string);
            return Err(vec![
                Diagnostic::in_file(&shown, 1, 1, e.to_string()).with_hint_opt(hint),
            ]);
        }
    };
    parse::parse(
        &shown,
        &bytes,
        Origin::File {
            path: path.to_path_buf(),
            replaces_shipped: false,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_names_its_id_only_when_the_roadmap_table_begins_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let head = |text: &str| {
            let path = dir.path().join("plan.toml");
            std::fs::write(&path, text).unwrap();
            head_id(&path)
        };
        let id = |s: &str| Some(s.to_string());
        assert_eq!(head("[roadmap]\nid = \"a\"\n"), id("a"));
        assert_eq!(
            head("# a comment\n\n  [roadmap]  \r\n\tid=\'b-1.x\' # its id\r\n"),
            id("b-1.x")
        );
        assert_eq!(
            head("[roadmap]\n# the id:\nid = \"c\""),
            id("c"),
            "no line end at the end"
        );
        for text in [
            "",
            "[roadmap]\ntitle = \"T\"\nid = \"a\"\n",
            "[ roadmap ]\nid = \"a\"\n",
            "id = \"a\"\n[roadmap]\nid = \"b\"\n",
            "[roadmap]\nid = \"A b\"\n",
            "[roadmap]\nid = \"a\" title = 1\n",
            "[roadmap]\nid = \"a\\u0062\"\n",
            "[roadmap]\nidx = \"a\"\n",
            "[roadmap]\nid = \"a\n",
            "\u{feff}[roadmap]\nid = \"a\"\n",
        ] {
            assert_eq!(head(text), None, "{text:?}");
        }
        // A head cut inside the id line says nothing; a long one still does.
        let comment = format!("# {}\n", "x".repeat(HEAD - 20));
        assert_eq!(head(&format!("{comment}[roadmap]\nid = \"abcdefghij\"\n")), None);
        assert_eq!(
            head(&format!("# x\n[roadmap]\nid = \"a\"\n{comment}{comment}")),
            id("a")
        );
    }

    #[test]
    fn each_shipped_roadmap_has_the_id_of_its_file_name() {
        for (name, text) in SHIPPED {
            let parsed = parse::parse(name, text.as_bytes(), Origin::Shipped(name)).unwrap();
            assert_eq!(Some(parsed.id.as_str()), name.strip_suffix(".toml"));
        }
    }
}
