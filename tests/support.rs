use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary home for one test: its own working directory, data directory
/// and environment, so no test sees another's state or the developer's.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().expect("create a temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `name` inside the sandbox and returns its path.
    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dirs");
        }
        std::fs::write(&path, text).expect("write a test file");
        path
    }

    /// The `roadmap` binary, ready to run in this sandbox with a clean
    /// environment, 100 columns wide.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = roadmap(self.path(), &self.path().join("home"), args);
        cmd.env("COLUMNS", "100");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run the roadmap binary")
    }
}

/// The `roadmap` binary run in `dir` with nothing of the developer's
/// environment: `home` its home and data folder, changes recorded by
/// "tester", no colour, no standard input.
pub fn roadmap(dir: &Path, home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roadmap"));
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("ROADMAP_USER", "tester")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// Runs `command` and fails the test if it has not finished in 20 seconds:
/// a FIFO or a device must never make it hang. Its output is read while it
/// runs, so a command that writes more than a pipe holds is not taken for one
/// that hangs.
pub fn bounded(mut command: Command) -> Output {
    use std::io::Read;
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the command hung: {command:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Compares `actual` with the golden file `tests/golden/NAME`. With
/// `UPDATE_GOLDEN=1` it writes the file instead.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "output differs from {}\n--- expected\n{expected}\n--- actual\n{actual}\n(UPDATE_GOLDEN=1 rewrites it)",
        path.display()
    );
}

/// Checks an exit code and returns (stdout, stderr).
pub fn expect_code(output: &Output, code: i32) -> (String, String) {
    let (out, err) = (stdout(output), stderr(output));
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit code; stdout:\n{out}\nstderr:\n{err}"
    );
    (out, err)
}

/// A step's fingerprint as the state file records it, worked out by Python's
/// hashlib: `~` and the first 12 hex digits of the SHA-256 of the text with
/// runs of white space made one space.
pub fn fingerprint(text: &str) -> String {
    let output = Command::new("python3")
        .args([
            "-c",
            "import hashlib, sys; print(hashlib.sha256(' '.join(sys.argv[1].split()).encode()).hexdigest()[:12])",
            text,
        ])
        .output()
        .expect("python3 works out fingerprints for the tests");
    format!("~{}", String::from_utf8_lossy(&output.stdout).trim())
}

pub fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git is installed")
}

pub fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "git {}: {text}", args.join(" "));
    text
}

/// A roadmap command run in `dir` (a clone), recorded at `now`.
pub fn roadmap_in(dir: &Path, now: &str, args: &[&str]) -> Output {
    roadmap(dir, dir, args)
        .env("ROADMAP_NOW", now)
        .env("COLUMNS", "200")
        .output()
        .unwrap()
}

/// How many pixels of the PNG at `path` have exactly the colour `rgb`.
pub fn pixels_of(path: &Path, rgb: [u8; 3]) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    pixels
        .chunks(channels)
        .filter(|p| p[0] == rgb[0] && p[1] == rgb[1] && p[2] == rgb[2])
        .count()
}

/// An independent program the tests read the tool's output with. A test
/// that needs one the machine lacks says so and passes as skipped (`cargo
/// test` works with the Rust toolchain alone); under
/// `ROADMAP_TEST_READERS=required`, as `.ci/run` sets it, it fails instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// python3 and its standard library (hashlib, tomllib, csv).
    Python,
    /// A Python package from `PyPI` (icalendar, openpyxl).
    PythonPackage(&'static str),
    /// Node.js with the packages of `tests/node` (mermaid, jsdom, axe-core, puppeteer-core).
    Node,
    /// A headless Chromium.
    Chromium,
    /// poppler's pdftoppm.
    Poppler,
    /// `LibreOffice`, headless (Debian's `libreoffice-writer-nogui`).
    LibreOffice,
}

impl Reader {
    fn name(self) -> String {
        match self {
            Reader::Python => "python3".into(),
            Reader::PythonPackage(package) => format!("Python's {package}"),
            Reader::Node => "Node.js with tests/node's packages".into(),
            Reader::Chromium => "Chromium".into(),
            Reader::Poppler => "poppler's pdftoppm".into(),
            Reader::LibreOffice => "LibreOffice".into(),
        }
    }

    fn install(self) -> String {
        match self {
            Reader::Python => "install Python 3".into(),
            Reader::PythonPackage(package) => format!("python3 -m pip install {package}"),
            Reader::Node => "install Node.js, then run `npm ci` in tests/node".into(),
            Reader::Chromium => "apt-get install chromium".into(),
            Reader::Poppler => "apt-get install poppler-utils".into(),
            Reader::LibreOffice => "apt-get install libreoffice-writer-nogui".into(),
        }
    }

    fn here(self) -> bool {
        let runs = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .stdin(Stdio::null())
                .output()
                .is_ok_and(|o| o.status.success())
        };
        match self {
            Reader::Python => runs("python3", &["-c", "import hashlib, tomllib, csv"]),
            Reader::PythonPackage(package) => runs("python3", &["-c", &format!("import {package}")]),
            Reader::Node => node_modules().join("mermaid").exists() && runs("node", &["--version"]),
            Reader::Chromium => chromium().is_some(),
            Reader::Poppler => runs("pdftoppm", &["-v"]),
            Reader::LibreOffice => runs("soffice", &["--version"]),
        }
    }
}

/// Whether CI runs the tests: then no reader may be missing.
fn readers_required() -> bool {
    std::env::var_os("ROADMAP_TEST_READERS").is_some_and(|v| v == "required")
}

/// Whether every reader in `wanted` is here. When one is not, the test is to
/// return at once: this says which test is skipped and why, straight to the
/// terminal (libtest shows nothing a passing test prints), and lists it in
/// the file `ROADMAP_TEST_SKIPPED` names, if it names one. Under
/// `ROADMAP_TEST_READERS=required` a missing reader fails the test.
pub fn readers(wanted: &[Reader]) -> bool {
    use std::io::Write;
    let Some(missing) = wanted.iter().copied().find(|r| !r.here()) else {
        return true;
    };
    let test = std::thread::current().name().unwrap_or("a test").to_string();
    let why = format!("needs {} ({})", missing.name(), missing.install());
    assert!(
        !readers_required(),
        "{test} {why}: with ROADMAP_TEST_READERS=required no reader may be missing"
    );
    let _ = writeln!(std::io::stderr(), "skipped {test}: {why}");
    if let Some(list) = std::env::var_os("ROADMAP_TEST_SKIPPED") {
        let line = format!("{test}\n");
        let _ = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(list)
            .and_then(|mut f| f.write_all(line.as_bytes()));
    }
    false
}

/// `tests/node/node_modules`, where `npm ci` puts the Node readers.
fn node_modules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node/node_modules")
}

/// The tasks of a Mermaid chart as Mermaid's own parser reads them
/// (`tests/node/tasks.mjs`).
pub fn mermaid_tasks(chart: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.mmd");
    std::fs::write(&path, chart).unwrap();
    node_reads("tasks.mjs", &[path.as_os_str()])
}

/// What a Node reader in `tests/node` (`tasks.mjs`, `page.mjs`) prints as
/// JSON when run with `args`.
pub fn node_reads(script: &str, args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let output = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node").join(script))
        .args(args)
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}

/// The browser the tests that need one use, if one is installed: its path.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| {
            Command::new(candidate)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// What a Python reader in `tests/` (`read_ics.py`, `read_csv.py`,
/// `read_xlsx.py`, `read_docx.py`, `read_html.py`, …) prints as JSON for the
/// file at `path`.
pub fn python_reads(script: &str, path: &Path, flags: &[&str]) -> serde_json::Value {
    let output = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(script))
        .arg(path)
        .args(flags)
        .output()
        .expect("run python3");
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}

/// Risk ids are random: golden files name them by their order of first mention.
pub fn stable(text: &str) -> String {
    let mut out = text.to_string();
    let mut seen: Vec<String> = Vec::new();
    let mut at = 0;
    while let Some(found) = out[at..].find("r-") {
        let start = at + found;
        let id: String = out[start..].chars().take(10).collect();
        let hex = id.len() == 10
            && id[2..]
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase());
        if hex && !id.starts_with("r-risk") {
            let n = if let Some(n) = seen.iter().position(|s| *s == id) {
                n + 1
            } else {
                seen.push(id.clone());
                seen.len()
            };
            out.replace_range(start..start + 10, &format!("r-risk{n:04}"));
        }
        at = start + 2;
    }
    out
}

/// The most address space a hostile input may make a command use: the
/// tests run it under this limit (`ulimit -v`), so one that tried to take
/// more fails instead of swapping the machine.
pub const MOST_MEMORY_KIB: u64 = 1 << 20;

/// `roadmap ARGS` in `sandbox` under `MOST_MEMORY_KIB` of address space, as
/// `bounded` runs it (killed after 20 seconds).
pub fn limited(sandbox: &Sandbox, args: &[&str]) -> Output {
    let mut command = sandbox.cmd(&[]);
    let program = command.get_program().to_os_string();
    let mut shell = Command::new("bash");
    shell
        .arg("-c")
        .arg(format!("ulimit -v {MOST_MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(program)
        .args(args)
        .current_dir(sandbox.path());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => shell.env(key, value),
            None => shell.env_remove(key),
        };
    }
    command = shell;
    command.stdin(Stdio::null());
    bounded(command)
}

/// Takes the state's lock in the workspace at `dir`, as another roadmap
/// command would hold it; released when the file is dropped or unlocked.
pub fn hold_state_lock(dir: &Path) -> std::fs::File {
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".roadmap/state.jsonl.lock"))
        .unwrap();
    lock.lock().unwrap();
    lock
}
