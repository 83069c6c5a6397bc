//! Where a command's files are: which state file it uses and why, and which
//! folders its roadmap files load from. Found the way git finds `.git`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The name of a workspace folder, found by walking up like git finds `.git`.
pub const WORKSPACE_DIR: &str = ".roadmap";
pub const STATE_FILE: &str = "state.jsonl";
/// Roadmaps adopted into the workspace (`roadmap init ROADMAP`), loaded automatically.
pub const ROADMAPS_DIR: &str = "roadmaps";
/// The project lead's assessments, one Markdown file per report period.
pub const ASSESSMENTS_DIR: &str = "assessments";

/// Where the workspace `dir` (`.roadmap/`) keeps the assessment of a period:
/// `assessments/2027-W15.md` for a week, `assessments/2027-05-03_2027-05-20.md`
/// for the days of a `--since` report.
pub fn assessment_file(dir: &Path, period: &crate::report::Period) -> PathBuf {
    let name = match period.week {
        Some((year, week)) => format!("{year}-W{week:02}.md"),
        None => format!("{}_{}.md", period.start, period.end),
    };
    dir.join(ASSESSMENTS_DIR).join(name)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--state PATH`
    Flag,
    /// `ROADMAP_STATE`
    Env,
    /// A `.roadmap/` folder in this directory or above.
    Workspace,
    /// The user's data directory.
    UserData,
    /// The state files of several workspaces (`--workspace`), read as one;
    /// the path is the first.
    Workspaces(usize),
}

#[derive(Debug, Clone)]
pub struct Location {
    pub path: PathBuf,
    pub source: Source,
}

impl Location {
    /// The workspace folder this state lives in, if it lives in one.
    pub fn workspace(&self) -> Option<&Path> {
        (self.source == Source::Workspace).then(|| self.path.parent()).flatten()
    }
}

/// `--state`, else `ROADMAP_STATE`, else the nearest workspace, else the user's data directory.
pub fn locate(flag: Option<&Path>, env: Option<PathBuf>, cwd: &Path) -> Result<Location> {
    if let Some(path) = flag {
        return Ok(Location {
            path: path.to_path_buf(),
            source: Source::Flag,
        });
    }
    if let Some(path) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(Location {
            path,
            source: Source::Env,
        });
    }
    if let Some(dir) = find_workspace(cwd) {
        return Ok(Location {
            path: dir.join(STATE_FILE),
            source: Source::Workspace,
        });
    }
    let dirs = directories::ProjectDirs::from("", "", "roadmap").ok_or(Error::NoStateHome)?;
    Ok(Location {
        path: dirs.data_dir().join(STATE_FILE),
        source: Source::UserData,
    })
}

/// The folders roadmap files load from, in order: the nearest workspace's
/// `roadmaps/`, then each of `roadmap_path` (`ROADMAP_PATH`, separated like
/// `PATH`), then `extra` (`--roadmaps`).
pub fn roadmap_dirs(cwd: &Path, roadmap_path: Option<OsString>, extra: &[PathBuf]) -> Vec<PathBuf> {
    let workspace = find_workspace(cwd).map(|w| w.join(ROADMAPS_DIR)).filter(|d| d.is_dir());
    workspace.into_iter().chain(path_dirs(roadmap_path, extra)).collect()
}

/// The folders of `roadmap_path` (`ROADMAP_PATH`), then `extra` (`--roadmaps`).
pub fn path_dirs(roadmap_path: Option<OsString>, extra: &[PathBuf]) -> Vec<PathBuf> {
    let from_env: Vec<PathBuf> = roadmap_path
        .map(|path| {
            std::env::split_paths(&path)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    from_env.into_iter().chain(extra.iter().cloned()).collect()
}

/// Who changes are recorded as, and where the name came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorder {
    pub name: String,
    pub from: NameFrom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFrom {
    /// `--by NAME`
    Flag,
    /// `ROADMAP_USER`
    Env,
    /// `user.name` of the git repository the state file is in (the command
    /// line asks git).
    Git,
    /// The login name (`USER`, `LOGNAME`, `USERNAME`).
    Login,
}

/// Who changes are recorded as: the name given (`given`), else
/// `ROADMAP_USER`, else the `user.name` of the git repository the state is in
/// (a shared workspace is one; `git` asks for it only when it is needed),
/// else the login name. With none of them the write is refused: a change
/// recorded as "unknown" could never be traced.
pub fn recorder(
    given: Option<&str>,
    roadmap_user: Option<String>,
    git: impl FnOnce() -> Option<String>,
    login: Option<String>,
) -> Result<Recorder> {
    let named = |name: Option<String>, from| {
        name.map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .map(|name| Recorder { name, from })
    };
    named(given.map(str::to_string), NameFrom::Flag)
        .or_else(|| named(roadmap_user, NameFrom::Env))
        .or_else(|| named(git(), NameFrom::Git))
        .or_else(|| named(login, NameFrom::Login))
        .ok_or(Error::NoRecorder)
}

/// The nearest `.roadmap/` folder in `start` or above.
pub fn find_workspace(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(WORKSPACE_DIR))
        .find(|dir| dir.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_beats_the_environment_and_the_workspace() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(WORKSPACE_DIR)).unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        let found = locate(None, None, &deep).unwrap();
        assert_eq!(found.path, dir.path().join(".roadmap/state.jsonl"));
        assert_eq!(found.source, Source::Workspace);
        let env = locate(None, Some("e.jsonl".into()), &deep).unwrap();
        assert_eq!((env.path.as_path(), env.source), (Path::new("e.jsonl"), Source::Env));
        let flag = locate(Some(Path::new("f.jsonl")), Some("e.jsonl".into()), &deep).unwrap();
        assert_eq!(flag.source, Source::Flag);
    }
}
