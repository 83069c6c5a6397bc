//! Several workspaces read as one (`--workspace DIR`, repeated): a supplier
//! who keeps one repository per customer sees them together. Each brings
//! its roadmaps and its own state file; a roadmap id two workspaces both
//! have is shown as `FOLDER:ID` in both, and the changes each state records
//! under that id count for its own workspace's roadmap.

use foldhash::HashMap;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::roadmap::Origin;
use crate::state::file::Log;
use crate::workspace::{ROADMAPS_DIR, STATE_FILE, WORKSPACE_DIR};

/// One workspace of several: what it is called in qualified ids, and where
/// its files are.
#[derive(Debug, Clone)]
pub struct Member {
    /// The name of the folder the workspace is in (`kund-a` for
    /// `kund-a/.roadmap/`), made unique among the members.
    pub label: String,
    /// Its `.roadmap/` folder.
    pub dir: PathBuf,
}

impl Member {
    pub fn state_file(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    pub fn roadmaps_dir(&self) -> PathBuf {
        self.dir.join(ROADMAPS_DIR)
    }
}

/// The members for `dirs`: each a folder with a `.roadmap/` workspace in
/// it, or the `.roadmap/` folder itself.
pub fn members(dirs: &[PathBuf]) -> Result<Vec<Member>> {
    let mut members: Vec<Member> = Vec::with_capacity(dirs.len());
    for given in dirs {
        let dir = if given.file_name().is_some_and(|n| n == WORKSPACE_DIR) {
            given.clone()
        } else {
            given.join(WORKSPACE_DIR)
        };
        if !dir.is_dir() {
            return Err(Error::usage(
                format!("{} has no {WORKSPACE_DIR}/ workspace", given.display()),
                "give a folder `roadmap init` was run in (one per customer), or its .roadmap/ folder",
            ));
        }
        let base = label_of(&dir);
        let mut label = base.clone();
        let mut n = 1;
        while members.iter().any(|m| m.label == label) {
            n += 1;
            label = format!("{base}-{n}");
        }
        members.push(Member { label, dir });
    }
    Ok(members)
}

/// The folder a `.roadmap/` is in, as a part of a qualified id.
fn label_of(dir: &Path) -> String {
    let folder = dir
        .canonicalize()
        .ok()
        .and_then(|d| {
            d.parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "workspace".to_string());
    let label: String = folder
        .chars()
        .map(|c| {
            if c == '/' || c == '#' || c == ':' || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect();
    if label.is_empty() {
        "workspace".to_string()
    } else {
        label
    }
}

/// The roadmaps and the changes of `members`, read as one: the shipped
/// roadmaps once, each member's own roadmaps (an id two members share
/// qualified as `LABEL:ID`), and every member's changes, those under a
/// qualified id counted for it. `extra` folders (`--roadmaps`,
/// `ROADMAP_PATH`) load beside them, unqualified.
pub fn join(members: &[Member], extra: &[PathBuf]) -> Result<(Catalog, Log)> {
    let mut own: Vec<Catalog> = Vec::with_capacity(members.len());
    for member in members {
        // A workspace made before it had a roadmaps folder has none to load.
        let dirs: Vec<PathBuf> = Some(member.roadmaps_dir()).filter(|d| d.is_dir()).into_iter().collect();
        own.push(Catalog::load(&dirs)?);
    }
    let is_own = |r: &&crate::roadmap::Roadmap| matches!(r.origin, Origin::File { .. });
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for catalog in &own {
        for roadmap in catalog.roadmaps.iter().filter(is_own) {
            *seen.entry(roadmap.id.as_str()).or_default() += 1;
        }
    }
    let shared: Vec<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id.to_string())
        .collect();
    let base = Catalog::load(extra)?;
    let mut roadmaps = Vec::new();
    let mut log = Log::default();
    for (member, catalog) in members.iter().zip(own) {
        let qualify = |id: &str| shared.iter().any(|s| s == id).then(|| format!("{}:{id}", member.label));
        for mut roadmap in catalog.roadmaps.into_iter().filter(|r| is_own(&r)) {
            if let Some(id) = qualify(&roadmap.id) {
                roadmap.id = id;
            }
            roadmaps.push(roadmap);
        }
        let read = crate::state::file::read(&member.state_file())?;
        for (mut event, line) in read.events.into_iter().zip(read.lines) {
            if let Some(id) = qualify(event.target.roadmap()) {
                event.target = event.target.in_roadmap(&id);
            }
            if let Some(to) = event.renamed_to().and_then(qualify) {
                event.to = Some(to);
            }
            log.events.push(event);
            log.lines.push(line);
        }
        log.version = log.version.max(read.version);
    }
    // A workspace's own roadmap replaces a shipped one, as in one workspace;
    // an id several share is qualified and leaves the shipped one in place.
    let mut joined: Vec<crate::roadmap::Roadmap> = base
        .roadmaps
        .into_iter()
        .filter(|r| !roadmaps.iter().any(|own| own.id == r.id))
        .collect();
    for roadmap in roadmaps {
        if let Some(clash) = joined.iter().find(|r| r.id == roadmap.id && is_own(r)) {
            return Err(Error::usage(
                format!(
                    "roadmap id `{}` is in {} and in {}",
                    roadmap.id,
                    clash.origin.describe(),
                    roadmap.origin.describe()
                ),
                "give each roadmap its own id (`roadmap rename` renames one), or load one of the two folders only",
            ));
        }
        joined.push(roadmap);
    }
    Ok((Catalog { roadmaps: joined }, log))
}
