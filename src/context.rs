//! What every command may need, decided once from the global flags and the
//! environment: the terminal, today, the roadmap folders, the state file, who
//! is recording.

use std::borrow::Cow;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use roadmap_core::address::Resolver;
use roadmap_core::catalog::{Catalog, Scope};
use roadmap_core::error::{Doing, Error, Result};
use roadmap_core::state::change::{Author, Change};
use roadmap_core::state::file::{Log, Written};
use roadmap_core::state::record::{Roadmaps, record};
use roadmap_core::state::{Event, State};
use roadmap_core::workspace::{self, Location, Recorder};

use roadmap_core::config::LightRule;
use roadmap_core::filter::{Filter, Unmatched};
use roadmap_core::roadmap::Roadmap;

use crate::cli::{ByArg, GlobalArgs};
use crate::i18n::{self, Language};
use crate::render::Terminal;

pub struct Context {
    pub global: GlobalArgs,
    pub terminal: Terminal,
    pub language: Language,
    /// The report's light thresholds: the workspace's `[lights]`, else the defaults.
    pub lights: LightRule,
    /// The workspace's `workspace_id` (written by `init`), for calendar UIDs.
    pub workspace_id: Option<String>,
    pub cwd: PathBuf,
    /// With `--workspace`: the workspaces' roadmaps and changes, read once.
    joined: std::cell::OnceCell<(Catalog, roadmap_core::state::file::Log)>,
    lifetime: Lifetime,
}

/// Whether the process ends with the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Run as the program: it exits when the command is done.
    ExitsAfter,
    /// Run in-process (the fuzz target runs thousands of command lines).
    GoesOn,
}

/// Something a command read, kept until the command is done. When the
/// process exits after the command, it is left to the exit to give back
/// all at once: freeing a portfolio's roadmaps string by string was 3-4 % of
/// `overdue` at 10k milestones (`bench/PROFILE.md`). In-process, it is freed.
pub struct Kept<T: Default> {
    value: T,
    lifetime: Lifetime,
}

impl<T: Default> Kept<T> {
    /// The value itself, for a command that goes on to own it.
    pub fn into_inner(mut self) -> T {
        std::mem::take(&mut self.value)
    }
}

impl<T: Default> std::ops::Deref for Kept<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Default> Drop for Kept<T> {
    fn drop(&mut self) {
        if self.lifetime == Lifetime::ExitsAfter {
            std::mem::forget(std::mem::take(&mut self.value));
        }
    }
}

/// What a write recorded, as whom and where: what the command confirms.
pub struct Recording {
    /// The changes asked for that changed something (pins not counted).
    pub events: Vec<Event>,
    pub written: Written,
    pub recorder: Recorder,
    pub location: Location,
}

impl Recording {
    /// "recorded 2 changes as anna (from --by) in .roadmap/state.jsonl".
    pub fn confirmation(&self, language: &Language) -> String {
        crate::render::recorded(language, self.events.len(), &self.recorder, &self.location)
    }
}

/// `user.name` as git gives it for the repository `dir` is in; `None` when
/// `dir` is in no repository, or there is no git.
fn git_user_name(dir: &std::path::Path) -> Option<String> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
    };
    git(&["rev-parse", "--git-dir"])?;
    let out = git(&["config", "--get", "user.name"])?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Whether the file at `path` is big enough to be read on a thread of its
/// own: 64 KiB is about 400 changes, read in a fraction of a millisecond.
fn is_big(path: &std::path::Path) -> bool {
    std::fs::metadata(path).is_ok_and(|file| file.len() >= 64 * 1024)
}

/// The state file a command read: where it is, and what it holds.
pub struct StateRead {
    pub location: Location,
    pub log: Log,
}

impl StateRead {
    /// The state, each change counted for what it names in `catalog` now.
    pub fn fold(&self, catalog: &Catalog) -> State<'_> {
        let state = State::fold(&self.log.events, &Resolver::new(catalog));
        crate::phases::mark("state folded");
        state
    }

    /// The state as it was on `day`: only the changes recorded by then.
    pub fn fold_until(&self, catalog: &Catalog, day: NaiveDate) -> State<'_> {
        let state = State::fold_until(&self.log.events, &Resolver::new(catalog), Some(day));
        crate::phases::mark("state folded");
        state
    }
}

impl Context {
    pub fn new(global: GlobalArgs, terminal: Terminal, lifetime: Lifetime) -> Result<Context> {
        let cwd = std::env::current_dir().doing(|| "cannot tell the current directory".to_string())?;
        let config = match workspace::find_workspace(&cwd) {
            Some(dir) => roadmap_core::config::load(&dir)?,
            None => None,
        };
        let lights = config.as_ref().map(|c| c.lights).unwrap_or_default();
        let workspace_id = config.as_ref().and_then(|c| c.workspace_id.clone());
        let workspace = config.and_then(|c| c.language.map(|l| (c.path, l)));
        let (lang, why) = i18n::choose(i18n::Asked::from_env(global.lang, workspace)).map_err(|value| {
            Error::usage(
                format!(
                    "ROADMAP_LANG={} is not a language roadmap speaks",
                    crate::render::sanitize(&value)
                ),
                "set ROADMAP_LANG to sv (Swedish), nb (Norwegian) or en (English), or unset it",
            )
        })?;
        Ok(Context {
            global,
            terminal,
            language: Language::new(lang, why),
            lights,
            workspace_id,
            cwd,
            joined: std::cell::OnceCell::new(),
            lifetime,
        })
    }

    /// The roadmap folders: the workspace's, `ROADMAP_PATH`'s, then `--roadmaps`'.
    pub fn roadmap_dirs(&self) -> Vec<PathBuf> {
        workspace::roadmap_dirs(&self.cwd, std::env::var_os("ROADMAP_PATH"), &self.global.roadmap_dirs)
    }

    /// The loaded roadmaps; with `--workspace`, the ones read once with the
    /// state (`joined`), lent rather than copied.
    pub fn catalog(&self) -> Result<Kept<Cow<'_, Catalog>>> {
        let value = if self.global.workspaces.is_empty() {
            Cow::Owned(Catalog::load(&self.roadmap_dirs())?)
        } else {
            Cow::Borrowed(&self.joined()?.0)
        };
        crate::phases::mark("roadmaps read");
        Ok(Kept {
            value,
            lifetime: self.lifetime,
        })
    }

    /// For a write on the roadmaps `ids`: only those
    /// (`Catalog::load_named`), and the folders every roadmap is in, for
    /// when the log needs them all (`Roadmaps::Named`). With `--workspace`,
    /// which is read only, the roadmaps as `catalog` gives them.
    pub fn catalog_named(&self, ids: &[&str]) -> Result<(Kept<Cow<'_, Catalog>>, Vec<PathBuf>)> {
        let dirs = self.roadmap_dirs();
        if !self.global.workspaces.is_empty() {
            return Ok((self.catalog()?, dirs));
        }
        let kept = Kept {
            value: Cow::Owned(Catalog::load_named(&dirs, ids)?),
            lifetime: self.lifetime,
        };
        crate::phases::mark("roadmaps read");
        Ok((kept, dirs))
    }

    /// The workspaces of `--workspace`, read as one (`workspaces::join`);
    /// with them, the roadmaps of `ROADMAP_PATH` and `--roadmaps` load
    /// too, and the workspace here only when it is one of them.
    /// Read once: a command asks for the roadmaps and then the state.
    fn joined(&self) -> Result<&(Catalog, roadmap_core::state::file::Log)> {
        if let Some(joined) = self.joined.get() {
            return Ok(joined);
        }
        let members = roadmap_core::workspaces::members(&self.global.workspaces)?;
        let extra = workspace::path_dirs(std::env::var_os("ROADMAP_PATH"), &self.global.roadmap_dirs);
        let joined = roadmap_core::workspaces::join(&members, &extra)?;
        Ok(self.joined.get_or_init(|| joined))
    }

    /// The plans a view shows: `named` (else the user's own, else the
    /// shipped ones; `Catalog::scope`), only those for `--organisation`.
    pub fn scope<'c>(&self, catalog: &'c Catalog, named: &[String]) -> Result<Scope<'c>> {
        let scope = catalog.scope(named)?;
        let Some(name) = self.global.organisation.as_deref() else {
            return Ok(scope);
        };
        scope.for_organisation(name).map_err(|known| {
            let language = &self.language;
            let said = crate::render::sanitize(name).into_owned();
            let hint = if known.is_empty() {
                i18n::t!(language, "organisation-none-known")
            } else {
                let quoted: Vec<String> = known.iter().take(8).map(|k| format!("\"{k}\"")).collect();
                i18n::t!(language, "organisation-known", names = quoted.join(", "))
            };
            Error::usage(i18n::t!(language, "organisation-unknown", name = said), hint)
        })
    }

    pub fn state_location(&self) -> Result<Location> {
        workspace::locate(
            self.global.state.as_deref(),
            std::env::var_os("ROADMAP_STATE").map(PathBuf::from),
            &self.cwd,
        )
    }

    /// The roadmaps and the whole state, for a command that reads both. The
    /// state file is read on a thread of its own while the plans are parsed:
    /// on a portfolio its log is a tenth of a view's work. What is wrong with
    /// the roadmaps is said first, as when one was read after the other.
    pub fn read(&self) -> Result<(Kept<Cow<'_, Catalog>>, StateRead)> {
        // `--workspace` reads the roadmaps and the states in one go (`joined`).
        if !self.global.workspaces.is_empty() {
            return Ok((self.catalog()?, self.read_state()?));
        }
        // Found once; a state file that cannot be found is said after the
        // roadmaps' errors.
        let location = self.state_location();
        let (catalog, log) = match &location {
            Ok(at) if is_big(&at.path) => std::thread::scope(|scope| {
                let reading = scope.spawn(|| roadmap_core::state::file::read(&at.path));
                let catalog = self.catalog();
                (
                    catalog,
                    Some(reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))),
                )
            }),
            // A small one is read in less time than a thread takes to start.
            _ => (self.catalog(), None),
        };
        let catalog = catalog?;
        let location = location?;
        let log = match log {
            Some(read) => read?,
            None => roadmap_core::state::file::read(&location.path)?,
        };
        crate::phases::mark("state read");
        Ok((catalog, StateRead { location, log }))
    }

    /// Reads the whole state file (with `--workspace`, each workspace's).
    pub fn read_state(&self) -> Result<StateRead> {
        if !self.global.workspaces.is_empty() {
            let members = roadmap_core::workspaces::members(&self.global.workspaces)?;
            let log = self.joined()?.1.clone();
            let location = Location {
                path: members
                    .first()
                    .map(roadmap_core::workspaces::Member::state_file)
                    .unwrap_or_default(),
                source: workspace::Source::Workspaces(members.len()),
            };
            return Ok(StateRead { location, log });
        }
        let location = self.state_location()?;
        let log = roadmap_core::state::file::read(&location.path)?;
        crate::phases::mark("state read");
        Ok(StateRead { location, log })
    }

    /// The `--owner` and `--phase` filters over `roadmaps`; a name that
    /// matches nothing in them is a wrong command line, with the closest
    /// names there are.
    pub fn filter<'a>(
        &self,
        owner: Option<&'a str>,
        phase: Option<&'a str>,
        roadmaps: &[&Roadmap],
    ) -> Result<Filter<'a>> {
        let filter = Filter::new(owner, phase);
        let language = &self.language;
        let said = |name: &str| crate::render::sanitize(name).into_owned();
        let (message, known) = match filter.unmatched(roadmaps) {
            None => return Ok(filter),
            Some(Unmatched::Owner { asked, known }) => {
                (i18n::t!(language, "filter-no-owner", name = said(&asked)), known)
            }
            Some(Unmatched::Phase { asked, known }) => {
                (i18n::t!(language, "filter-no-phase", name = said(&asked)), known)
            }
        };
        let hint = if known.is_empty() {
            i18n::t!(language, "filter-none-known")
        } else {
            let closest: Vec<String> = known.iter().take(5).map(|k| format!("`{k}`")).collect();
            i18n::t!(language, "filter-closest", names = closest.join(", "))
        };
        Err(Error::usage(message, hint))
    }

    pub fn lock_timeout(&self) -> Option<Duration> {
        self.global.lock_timeout
    }

    /// What a writer says when another command holds the state's lock.
    pub fn waiting_message<'a>(&'a self, location: &'a Location) -> impl FnOnce() + 'a {
        move || {
            let path = location.path.display().to_string();
            crate::render::say(&(i18n::t!(self.language, "waiting-for-lock", path = path) + "\n"));
        }
    }

    /// Today, or the day `--today` / `ROADMAP_TODAY` fixes.
    /// The reader's year: a week or a date of another year says its year.
    pub fn year(&self) -> i32 {
        chrono::Datelike::year(&self.today())
    }

    pub fn today(&self) -> NaiveDate {
        self.global.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The one way a command writes the state: find the state file and who
    /// records (`author`), then under the state's lock read it, ask `plan`
    /// for the changes given the state as it is, and append them
    /// (`state::record::record`). `on` is the day the work was done (`--at`).
    pub fn record(
        &self,
        roadmaps: Roadmaps<'_>,
        by: &ByArg,
        on: Option<NaiveDate>,
        plan: impl FnOnce(&State<'_>) -> Result<Vec<Change>>,
    ) -> Result<Recording> {
        if !self.global.workspaces.is_empty() {
            return Err(Error::usage(
                i18n::t!(self.language, "workspaces-read-only"),
                i18n::t!(self.language, "workspaces-read-only-hint"),
            ));
        }
        let location = self.state_location()?;
        let (author, recorder) = self.author(by, on, &location)?;
        let appended = record(
            &location.path,
            self.lock_timeout(),
            self.waiting_message(&location),
            roadmaps,
            &author,
            plan,
        )?;
        Ok(Recording {
            events: appended.events,
            written: appended.written,
            recorder,
            location,
        })
    }

    /// Who and when for the changes of one command (see `workspace::recorder`).
    /// `on` is the day the work was done, which cannot be after today.
    pub fn author(&self, by: &ByArg, on: Option<NaiveDate>, location: &Location) -> Result<(Author, Recorder)> {
        if let Some(day) = on
            && day > self.today()
        {
            return Err(Error::refused(
                format!("--at {day} is after today ({})", self.today()),
                "give the day the work was done: today or a day before",
            ));
        }
        let dir = roadmap_core::files::parent_dir(&location.path);
        let dir = if dir.is_dir() { dir } else { self.cwd.clone() };
        let login = ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok());
        let recorder = workspace::recorder(
            by.by.as_deref(),
            std::env::var("ROADMAP_USER").ok(),
            || git_user_name(&dir),
            login,
        )?;
        // ROADMAP_NOW fixes the clock for reproducible state files (tests, demos).
        let now = std::env::var("ROADMAP_NOW")
            .ok()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .map_or_else(roadmap_core::state::change::now, |t| t.to_utc());
        let author = Author {
            by: recorder.name.clone(),
            now,
            on,
        };
        Ok((author, recorder))
    }
}
