//! The one error type, and the exit code each error means. Scripts and CI
//! depend on the codes (the README's table), so `Error::code` is the only
//! place that decides them.

use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::Diagnostic;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The process exit codes, documented in the README. They never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything went as asked.
    Success = 0,
    /// An error: bad input, a broken file, a failed write. Nothing was changed.
    Failure = 1,
    /// The command line itself was wrong: an unknown flag, a missing or bad value.
    Usage = 2,
    /// `overdue --fail-on-overdue` found overdue work.
    Overdue = 3,
    /// Another roadmap command held the state's lock for longer than
    /// `--lock-timeout`; nothing was changed, and trying again may work.
    Busy = 4,
    /// Interrupted by Ctrl-C (as a shell reports a process it killed so);
    /// nothing pending was recorded.
    Interrupted = 130,
}

impl From<ExitCode> for i32 {
    fn from(code: ExitCode) -> i32 {
        code as i32
    }
}

/// Everything that can go wrong, each with what the user can do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Roadmap files that do not load: every problem in every file at once.
    #[error("{} problem(s) in roadmap files", .0.len())]
    Roadmaps(Vec<Diagnostic>),
    /// A state file that cannot be used as it is. It is never written to.
    #[error("{} problem(s) in the state file", .0.len())]
    State(Vec<Diagnostic>),
    /// A workspace settings file (`.roadmap/config.toml`) that does not read.
    #[error("{} problem(s) in the workspace settings", .0.len())]
    Config(Vec<Diagnostic>),
    /// Something asked for that cannot be done as asked: an unknown id, a
    /// step address on a milestone without steps, and the like.
    #[error("{message}")]
    Refused { message: String, hint: Option<String> },
    /// A value on the command line that is not what the flag takes.
    #[error("{message}")]
    Usage { message: String, hint: Option<String> },
    /// A read or a write that the operating system refused.
    #[error("{doing}: {source}")]
    Io {
        doing: String,
        #[source]
        source: std::io::Error,
    },
    /// Nothing says who records a change: no name was given, and none
    /// could be found. The command line says where one can be given.
    #[error("cannot tell who is recording this change")]
    NoRecorder,
    /// There is no home directory to keep the state file in, and none was named.
    #[error("cannot find a home directory for the state file")]
    NoStateHome,
    /// A new due date given as a bare week (`V21`) for a plan that is not
    /// placed in a year: the week's year cannot be told.
    #[error("`{text}` has no year, and `{roadmap}` is not placed in a year")]
    WeekWithoutYear { text: String, roadmap: String, week: u32 },
    /// A new file was to be written where one is already. The command line
    /// says how to replace it.
    #[error("{} exists already; nothing was written", .path.display())]
    Exists { path: PathBuf },
    /// Another roadmap command held the lock for longer than `--lock-timeout`.
    #[error("gave up after {:.1}s waiting for the lock {}; the state was not changed", .waited.as_secs_f64(), .lock.display())]
    Busy { lock: PathBuf, waited: Duration },
}

impl Error {
    /// The exit code this error ends the command with.
    pub fn code(&self) -> ExitCode {
        match self {
            Error::Roadmaps(_)
            | Error::State(_)
            | Error::Config(_)
            | Error::Refused { .. }
            | Error::Io { .. }
            | Error::NoRecorder
            | Error::NoStateHome
            | Error::Exists { .. }
            | Error::WeekWithoutYear { .. } => ExitCode::Failure,
            Error::Usage { .. } => ExitCode::Usage,
            Error::Busy { .. } => ExitCode::Busy,
        }
    }

    /// A request that cannot be done, with what to do instead.
    pub fn refused(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::Refused {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// A bad value on the command line, with what to write instead.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// A failed read or write; `doing` says of what ("cannot write report.html").
    pub fn io(doing: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            doing: doing.into(),
            source,
        }
    }

    /// The advice that goes with the error, if it has one.
    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Refused { hint, .. } | Error::Usage { hint, .. } => hint.as_deref(),
            _ => None,
        }
    }
}

/// Adds what was being done to an I/O error: `file.read().doing(|| "cannot read x")`.
pub trait Doing<T> {
    fn doing(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T> Doing<T> for std::io::Result<T> {
    fn doing(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| Error::io(what(), source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_error_has_its_documented_code() {
        let io = Error::io("cannot read x", std::io::Error::other("no"));
        assert_eq!(io.code(), ExitCode::Failure);
        assert_eq!(Error::refused("no roadmap `x`", "see list").code(), ExitCode::Failure);
        assert_eq!(Error::usage("--weeks 0", "give 1 to 520").code(), ExitCode::Usage);
        assert_eq!(Error::Roadmaps(Vec::new()).code(), ExitCode::Failure);
        assert_eq!(Error::State(Vec::new()).code(), ExitCode::Failure);
        let busy = Error::Busy {
            lock: "s.lock".into(),
            waited: Duration::from_secs(1),
        };
        assert_eq!(busy.code(), ExitCode::Busy);
        assert_eq!(i32::from(ExitCode::Overdue), 3);
    }
}
