//! Which roadmaps are loaded: the five shipped in the binary, then the user's
//! from `--roadmaps DIR` and `ROADMAP_PATH`. A user file with a shipped id
//! replaces the shipped one; two user files with one id are an error.
//!
//! A file parsed once is read from the cache (`cache::roadmaps`) until it
//! changes: every file is still looked at (listed and stamped) on every load,
//! so a broken or duplicate file is reported whichever roadmaps a command needs.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Origin, Roadmap, parse};
use crate::cache;
use crate::cache::roadmaps::{FolderCache, Stamp, Stored};
use crate::diagnostic::Diagnostic;

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

/// Everything that could not be loaded, file by file.
#[derive(Debug)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let files = {
            let mut paths: Vec<&str> = self.diagnostics.iter().map(|d| d.path.as_str()).collect();
            paths.dedup();
            paths.len()
        };
        let count = self.diagnostics.len();
        write!(
            f,
            "{count} problem{} in {files} roadmap file{}; nothing was loaded",
            plural(count),
            plural(files)
        )
    }
}

impl std::error::Error for LoadError {}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The roadmaps a command works on, and the ids of every roadmap there is.
#[derive(Debug, Default)]
pub struct Catalog {
    pub roadmaps: Vec<Roadmap>,
    /// Every loaded id in catalog order, including roadmaps the command did not need read.
    ids: Vec<String>,
}

impl Catalog {
    /// Loads the shipped roadmaps and every `*.toml` file in `dirs`, in order.
    pub fn load(dirs: &[PathBuf]) -> Result<Catalog, LoadError> {
        Listing::load(dirs, Lookup::Cached)?.into_catalog(|_| true)
    }

    /// Like `load`, but reads only the roadmaps `wanted` picks from all the ids;
    /// every file is still checked (a file that does not parse fails the load).
    pub fn load_some(dirs: &[PathBuf], wanted: impl Fn(&[String]) -> Vec<String>) -> Result<Catalog, LoadError> {
        let listing = Listing::load(dirs, Lookup::Cached)?;
        let wanted: HashSet<String> = wanted(&listing.ids()).into_iter().collect();
        listing.into_catalog(|id| wanted.contains(id))
    }

    /// Like `load_some`, but hands each roadmap to `visit` and keeps none of
    /// them: for a command that goes through every milestone once (`overdue`),
    /// memory stays that of a roadmap per thread. One thread per core reads
    /// roadmaps and visits them, each into its own `T` from `start`; returns
    /// every id (as `ids` would) and the `T`s. Visits happen in no set order,
    /// and if a roadmap cannot be read, nothing should be made of them.
    pub fn visit_some<T: Send>(
        dirs: &[PathBuf],
        wanted: impl Fn(&[String]) -> Vec<String>,
        start: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, Roadmap) + Sync,
    ) -> Result<(Vec<String>, Vec<T>), LoadError> {
        let listing = Listing::load(dirs, Lookup::Cached)?;
        let ids = listing.ids();
        let wanted: HashSet<String> = wanted(&ids).into_iter().collect();
        let visited = listing.visit(|id| wanted.contains(id), start, visit)?;
        Ok((ids, visited))
    }

    /// Like `load`, but parses every file even where the cache has it: what `validate` checks.
    pub fn load_fresh(dirs: &[PathBuf]) -> Result<Catalog, LoadError> {
        Listing::load(dirs, Lookup::Fresh)?.into_catalog(|_| true)
    }

    pub fn get(&self, id: &str) -> Option<&Roadmap> {
        self.roadmaps.iter().find(|r| r.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.ids.iter().map(String::as_str)
    }
}

/// A roadmap that could not be read: its place in the catalog, and why.
type Failed = (usize, Vec<Diagnostic>);

/// Whether a load may use the cache of parsed files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    Cached,
    Fresh,
}

/// Every roadmap there is, by id, each read only when asked for: a command
/// that needs one roadmap of hundreds (`done`) does not read them all.
struct Listing {
    entries: Vec<Listed>,
    folders: Vec<FolderCache>,
}

struct Listed {
    id: String,
    origin: Origin,
    body: Body,
}

enum Body {
    Shipped(&'static str),
    Parsed(Box<Roadmap>),
    Cached {
        folder: usize,
        entry: cache::roadmaps::Entry,
    },
}

impl Listing {
    fn load(dirs: &[PathBuf], lookup: Lookup) -> Result<Listing, LoadError> {
        let mut diagnostics = Vec::new();
        let mut entries: Vec<Listed> = SHIPPED
            .iter()
            .map(|(name, text)| Listed {
                id: shipped_id(name).to_string(),
                origin: Origin::Shipped(name),
                body: Body::Shipped(text),
            })
            .collect();
        let mut index: HashMap<String, usize> = entries.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        let mut folders = Vec::new();
        for dir in dirs {
            let Some(files) = roadmap_files(dir, &mut diagnostics) else {
                continue;
            };
            let folder = FolderCache::open(dir);
            let listed = list_folder(files, &folder, folders.len(), lookup, &mut diagnostics);
            folders.push(folder);
            for (path, id, body) in listed {
                let known = index.get(&id).copied();
                let replaces_shipped = known.is_some_and(|i| matches!(entries[i].origin, Origin::Shipped(_)));
                let origin = Origin::File { path, replaces_shipped };
                match known {
                    Some(i) if replaces_shipped => entries[i] = Listed { id, origin, body },
                    Some(i) => {
                        let first = entries[i].origin.describe();
                        diagnostics.push(
                            Diagnostic::in_file(
                                &origin.describe(),
                                1,
                                1,
                                format!("roadmap id `{id}` is already used by {first}"),
                            )
                            .with_hint(
                                "give each roadmap its own id, or remove one of the files from the roadmap path",
                            ),
                        );
                    }
                    None => {
                        index.insert(id.clone(), entries.len());
                        entries.push(Listed { id, origin, body });
                    }
                }
            }
        }
        if diagnostics.is_empty() {
            Ok(Listing { entries, folders })
        } else {
            Err(LoadError { diagnostics })
        }
    }

    /// Every id, in catalog order.
    fn ids(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.id.clone()).collect()
    }

    /// A catalog of the roadmaps `wanted` says yes to, read on as many threads as there are cores.
    fn into_catalog(self, wanted: impl Fn(&str) -> bool) -> Result<Catalog, LoadError> {
        let ids = self.ids();
        let to_read: Vec<&Listed> = self
            .entries
            .iter()
            .filter(|e| wanted(&e.id) && !matches!(e.body, Body::Parsed(_)))
            .collect();
        let mut read = crate::parallel::map(&to_read, |e| self.materialize(e)).into_iter();
        let mut roadmaps = Vec::new();
        let mut diagnostics = Vec::new();
        for entry in self.entries.into_iter().filter(|e| wanted(&e.id)) {
            let result = match entry.body {
                Body::Parsed(roadmap) => Ok(Roadmap {
                    origin: entry.origin,
                    ..*roadmap
                }),
                _ => read.next().expect("one result per roadmap read"),
            };
            match result {
                Ok(roadmap) => roadmaps.push(roadmap),
                Err(e) => diagnostics.extend(e.diagnostics),
            }
        }
        if diagnostics.is_empty() {
            Ok(Catalog { roadmaps, ids })
        } else {
            Err(LoadError { diagnostics })
        }
    }

    fn visit<T: Send>(
        &self,
        wanted: impl Fn(&str) -> bool,
        start: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, Roadmap) + Sync,
    ) -> Result<Vec<T>, LoadError> {
        let chosen: Vec<&Listed> = self.entries.iter().filter(|e| wanted(&e.id)).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let work = || {
            let mut visited = start();
            let mut failed: Vec<Failed> = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(entry) = chosen.get(i) else { break };
                match self.materialize(entry) {
                    Ok(roadmap) if failed.is_empty() => visit(&mut visited, roadmap),
                    Ok(_) => {}
                    Err(e) => failed.push((i, e.diagnostics)),
                }
            }
            (visited, failed)
        };
        let results: Vec<(T, Vec<Failed>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (1..threads.min(chosen.len())).map(|_| scope.spawn(work)).collect();
            let mut results = vec![work()];
            results.extend(
                workers
                    .into_iter()
                    .map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))),
            );
            results
        });
        let mut failed: Vec<Failed> = Vec::new();
        let mut visited = Vec::with_capacity(results.len());
        for (v, f) in results {
            visited.push(v);
            failed.extend(f);
        }
        if failed.is_empty() {
            Ok(visited)
        } else {
            // In catalog order, whichever thread found them.
            failed.sort_by_key(|(i, _)| *i);
            Err(LoadError {
                diagnostics: failed.into_iter().flat_map(|(_, d)| d).collect(),
            })
        }
    }

    fn materialize(&self, entry: &Listed) -> Result<Roadmap, LoadError> {
        let failed = |diagnostics| LoadError { diagnostics };
        match &entry.body {
            Body::Shipped(text) => parse::parse(
                &format!("roadmaps/{}", shipped_file(&entry.origin)),
                text.as_bytes(),
                entry.origin.clone(),
            )
            .map_err(failed),
            Body::Parsed(roadmap) => Ok(Roadmap {
                origin: entry.origin.clone(),
                ..(**roadmap).clone()
            }),
            Body::Cached { folder, entry: cached } => {
                let from_cache = self.folders[*folder]
                    .bytes(cached)
                    .and_then(|bytes| cache::roadmaps::decode(&bytes, entry.origin.clone()));
                match (from_cache, &entry.origin) {
                    (Some(roadmap), _) => Ok(roadmap),
                    // A damaged cache is no loss: the file itself is still there.
                    (None, Origin::File { path, .. }) => {
                        let mut roadmap = load_file(path).map_err(failed)?;
                        roadmap.origin = entry.origin.clone();
                        Ok(roadmap)
                    }
                    // Shipped roadmaps are never cached, so this is never reached.
                    (None, Origin::Shipped(name)) => Err(failed(vec![Diagnostic::in_file(
                        name,
                        1,
                        1,
                        "a shipped roadmap cannot be read from the cache",
                    )])),
                }
            }
        }
    }
}

/// The roadmaps of one folder's files, from its cache where a file is
/// unchanged and parsed (in parallel) where not; the cache is brought up to
/// date when anything changed. Files that do not parse add diagnostics.
fn list_folder(
    files: Vec<Found>,
    folder: &FolderCache,
    folder_index: usize,
    lookup: Lookup,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String, Body)> {
    let hits: Vec<Option<cache::roadmaps::Entry>> = files
        .iter()
        .map(|f| match lookup {
            Lookup::Cached => folder.lookup(&f.name, &f.stamp).cloned(),
            Lookup::Fresh => None,
        })
        .collect();
    let misses: Vec<&PathBuf> = files
        .iter()
        .zip(&hits)
        .filter(|(_, h)| h.is_none())
        .map(|(f, _)| &f.path)
        .collect();
    let mut parsed = read_and_parse(&misses).into_iter();
    let mut listed = Vec::with_capacity(files.len());
    let mut to_store = Vec::new();
    for (file, hit) in files.into_iter().zip(hits) {
        let (id, body) = match hit {
            Some(entry) => (
                entry.id.clone(),
                Body::Cached {
                    folder: folder_index,
                    entry,
                },
            ),
            None => match parsed.next() {
                Some(Ok(roadmap)) => {
                    to_store.extend(Stored::new(file.name.clone(), file.stamp, &roadmap));
                    (roadmap.id.to_string(), Body::Parsed(Box::new(roadmap)))
                }
                Some(Err(found)) => {
                    diagnostics.extend(found);
                    continue;
                }
                None => continue,
            },
        };
        listed.push((file, id, body));
    }
    if !to_store.is_empty() || folder.entry_count() != listed.len() {
        // Unchanged files keep their cached bytes; new and changed ones were just encoded.
        for (file, id, body) in &listed {
            if let Body::Cached { entry, .. } = body
                && let Some(bytes) = folder.bytes(entry)
            {
                to_store.push(Stored {
                    name: file.name.clone(),
                    stamp: file.stamp,
                    id: id.clone(),
                    bytes,
                });
            }
        }
        folder.store(to_store);
    }
    listed
        .into_iter()
        .map(|(file, id, body)| (file.path, id, body))
        .collect()
}

/// The id of a shipped roadmap: its file name without `.toml` (a unit test checks each).
fn shipped_id(name: &str) -> &str {
    name.strip_suffix(".toml").unwrap_or(name)
}

fn shipped_file(origin: &Origin) -> &str {
    match origin {
        Origin::Shipped(name) => name,
        Origin::File { .. } => "",
    }
}

/// Reads and parses `files`, in parallel; results keep file order.
fn read_and_parse(files: &[&PathBuf]) -> Vec<Result<Roadmap, Vec<Diagnostic>>> {
    crate::parallel::map(files, |path| load_file(path))
}

/// A roadmap file found in a folder, with what identifies its version.
struct Found {
    path: PathBuf,
    name: String,
    stamp: Stamp,
}

/// The `*.toml` files directly in `dir`, sorted by name so loading is deterministic.
fn roadmap_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Found>> {
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
                .with_hint("check the path given with --roadmaps or ROADMAP_PATH"),
            );
            return None;
        }
    };
    let mut found: Vec<Found> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|path| {
            // Followed like `is_file` does: a symlinked roadmap is read, and stamped, as its target.
            let metadata = std::fs::metadata(&path).ok().filter(std::fs::Metadata::is_file)?;
            Some(Found {
                name: path.file_name()?.to_string_lossy().into_owned(),
                stamp: Stamp::of(&metadata),
                path,
            })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Some(found)
}

/// Parses one file on its own, for `validate FILE`.
pub fn load_file(path: &Path) -> Result<Roadmap, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| vec![Diagnostic::in_file(&shown, 1, 1, format!("cannot read the file: {e}"))])?;
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
            assert_eq!(parsed.id, shipped_id(name));
        }
    }
}
