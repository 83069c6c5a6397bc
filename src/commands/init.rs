//! `roadmap init`: a `.roadmap/` workspace in the current directory, set up
//! to be committed: the state file merges with `merge=union`, so two people
//! who tick different steps on two branches merge with no conflict.

use anyhow::{Context as _, Result};

use super::Context;
use crate::exit_code::ExitCode;
use crate::state::file::{FORMAT_VERSION, lock_path};
use crate::state::location::{STATE_FILE, WORKSPACE_DIR};
use crate::terminal::emit;

pub fn run(_context: &Context) -> Result<ExitCode> {
    let dir = std::env::current_dir()
        .context("cannot tell the current directory")?
        .join(WORKSPACE_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let lock_name = lock_path(std::path::Path::new(STATE_FILE)).display().to_string();
    let files = [
        (
            STATE_FILE.to_string(),
            format!("{{\"roadmap_state\":{FORMAT_VERSION}}}\n"),
        ),
        (
            ".gitattributes".to_string(),
            format!("# Each side's new lines are kept on merge, so ticks never conflict.\n{STATE_FILE} merge=union\n"),
        ),
        (".gitignore".to_string(), format!("{lock_name}\n.state-*.tmp\n")),
        (
            "README.md".to_string(),
            format!(
                "# roadmap workspace\n\nCommit this folder ({STATE_FILE}, .gitattributes, .gitignore, README.md) \
                 to share progress through git; the lock file is ignored. `{STATE_FILE}` is an append-only \
                 log written by `roadmap done`, `reopen`, `skip`, `note` and `tick`: do not edit it by hand.\n"
            ),
        ),
    ];
    let mut out = String::new();
    for (name, content) in files {
        let path = dir.join(&name);
        if path.exists() {
            out.push_str(&format!("kept     {WORKSPACE_DIR}/{name}\n"));
        } else {
            std::fs::write(&path, content).with_context(|| format!("cannot write {}", path.display()))?;
            out.push_str(&format!("created  {WORKSPACE_DIR}/{name}\n"));
        }
    }
    out.push_str(&format!("workspace ready: commit {WORKSPACE_DIR}/ to share progress\n"));
    emit(&out)?;
    Ok(ExitCode::Success)
}
