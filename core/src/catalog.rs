//! Which roadmaps are loaded: the five shipped in the binary, then every
//! `*.toml` file directly in each roadmap folder (`workspace::roadmap_dirs`),
//! in that order. A user file with a shipped id replaces the shipped one; two
//! user files with one id are an error. Every file is parsed on every load, so
//! a broken or duplicate file is reported whatever a command reads.

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
            match parse::parse(&format!("roadmaps/{name}"), text.as_bytes(), Origin::Shipped(name)) {
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
    fn each_shipped_roadmap_has_the_id_of_its_file_name() {
        for (name, text) in SHIPPED {
            let parsed = parse::parse(name, text.as_bytes(), Origin::Shipped(name)).unwrap();
            assert_eq!(Some(parsed.id.as_str()), name.strip_suffix(".toml"));
        }
    }
}
