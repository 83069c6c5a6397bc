//! Which roadmaps are loaded: the five shipped in the binary, then the user's
//! from `--roadmaps DIR` and `ROADMAP_PATH`. A user file with a shipped id
//! replaces the shipped one; two user files with one id are an error.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Origin, Roadmap, parse};
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

#[derive(Debug, Default)]
pub struct Catalog {
    pub roadmaps: Vec<Roadmap>,
}

impl Catalog {
    /// Loads the shipped roadmaps and every `*.toml` file in `dirs`, in order.
    pub fn load(dirs: &[PathBuf]) -> Result<Catalog, LoadError> {
        let mut diagnostics = Vec::new();
        let mut roadmaps: Vec<Roadmap> = Vec::new();
        for (name, text) in SHIPPED {
            match parse::parse(&format!("roadmaps/{name}"), text.as_bytes(), Origin::Shipped(name)) {
                Ok(roadmap) => roadmaps.push(roadmap),
                Err(found) => diagnostics.extend(found),
            }
        }
        let shipped_count = roadmaps.len();
        let files = roadmap_files(dirs, &mut diagnostics);
        let parsed = read_and_parse(&files);
        let mut index: HashMap<String, usize> = roadmaps.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        for (path, result) in files.into_iter().zip(parsed) {
            let shown = path.display().to_string();
            let mut roadmap = match result {
                Ok(roadmap) => roadmap,
                Err(found) => {
                    diagnostics.extend(found);
                    continue;
                }
            };
            match index.get(&roadmap.id).copied() {
                Some(i) if i < shipped_count && matches!(roadmaps[i].origin, Origin::Shipped(_)) => {
                    roadmap.origin = Origin::File {
                        path,
                        replaces_shipped: true,
                    };
                    roadmaps[i] = roadmap;
                }
                Some(i) => {
                    let first = roadmaps[i].origin.describe();
                    diagnostics.push(
                        Diagnostic::in_file(
                            &shown,
                            1,
                            1,
                            format!("roadmap id `{}` is already used by {first}", roadmap.id),
                        )
                        .with_hint("give each roadmap its own id, or remove one of the files from the roadmap path"),
                    );
                }
                None => {
                    index.insert(roadmap.id.clone(), roadmaps.len());
                    roadmaps.push(roadmap);
                }
            }
        }
        if diagnostics.is_empty() {
            Ok(Catalog { roadmaps })
        } else {
            Err(LoadError { diagnostics })
        }
    }

    pub fn get(&self, id: &str) -> Option<&Roadmap> {
        self.roadmaps.iter().find(|r| r.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.roadmaps.iter().map(|r| r.id.as_str())
    }
}

/// Reads and parses `files`, on as many threads as there are cores: a
/// national programme keeps hundreds of roadmap files. Results keep file order.
fn read_and_parse(files: &[PathBuf]) -> Vec<Result<Roadmap, Vec<Diagnostic>>> {
    let one = |path: &PathBuf| {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|e| vec![Diagnostic::in_file(&shown, 1, 1, format!("cannot read the file: {e}"))])?;
        let origin = Origin::File {
            path: path.clone(),
            replaces_shipped: false,
        };
        parse::parse(&shown, &bytes, origin)
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if threads < 2 || files.len() < 16 {
        return files.iter().map(one).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// The `*.toml` files directly in each directory, sorted by name so loading is deterministic.
fn roadmap_files(dirs: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in dirs {
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
                continue;
            }
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
            .collect();
        found.sort();
        files.extend(found);
    }
    files
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
