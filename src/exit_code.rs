//! The process exit codes, documented in the README. Scripts and CI depend on
//! them, so they never change meaning.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything went as asked.
    Success = 0,
    /// An error: bad input, a broken file, a failed write. Nothing was changed.
    Failure = 1,
    /// The command line itself was wrong (clap's usage errors).
    Usage = 2,
    /// `overdue --fail-on-overdue` found overdue work.
    Overdue = 3,
    /// Another roadmap command held the state's lock for longer than
    /// `--lock-timeout`; nothing was changed, and trying again may work.
    Busy = 4,
}

impl From<ExitCode> for i32 {
    fn from(code: ExitCode) -> i32 {
        code as i32
    }
}
