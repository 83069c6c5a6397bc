//! Hostile input: what is at a path (a device, a FIFO, a folder, a symlink),
//! text from roadmap files and a teammate's state lines built to attack a
//! terminal, a Markdown renderer, Mermaid, a spreadsheet or a calendar, and
//! flag values at and past their limits. Every check is against the real
//! consumer where there is one: comrak for Markdown, Mermaid's parser,
//! Python's csv module and icalendar.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{Reader, Sandbox, bounded, expect_code, mermaid_tasks, readers, stderr, stdout};

/// Characters that must never reach a terminal as they are: C0 controls but
/// line feed and tab, DEL, C1 controls, bidirectional overrides, isolates and
/// marks, line and paragraph separators (Unicode's lists, written out here).
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}')
                || matches!(
                    c,
                    '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}'
                )
        })
        .collect()
}

/// No unsafe character in `bytes`, which are UTF-8. A CRLF line end (CSV,
/// iCalendar) is harmless; a carriage return alone would overwrite the line.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let found = unsafe_chars(&text.replace("\r\n", "\n"));
    assert!(found.is_empty(), "{what}: raw {found:?} in\n{text}");
}

/// The output with the colour sequences (`ESC [ digits ; ... m`) taken out;
/// what is left must be terminal-safe text.
fn without_colour(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let len = after
            .find(|c: char| !c.is_ascii_digit() && c != ';')
            .unwrap_or(after.len());
        if after[len..].starts_with('m') {
            rest = &after[len + 1..];
        } else {
            // Not a colour: keep the ESC so the check reports it.
            out.push_str("\x1b[");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------- paths

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// What is at a path, to compare before and after.
fn kind(path: &Path) -> String {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let m = std::fs::symlink_metadata(path).unwrap();
    let t = m.file_type();
    let name = if t.is_char_device() {
        "char device"
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_socket() {
        "socket"
    } else if t.is_dir() {
        "dir"
    } else if t.is_symlink() {
        "symlink"
    } else {
        "file"
    };
    format!("{name} {} {}", m.ino(), m.rdev())
}

/// A character device, a FIFO, a socket and a folder in the sandbox. The
/// device is a private copy of /dev/null made with mknod where the test may
/// (root); elsewhere /dev/null itself, only read.
fn odd_paths(sandbox: &Sandbox) -> (Vec<PathBuf>, Option<std::os::unix::net::UnixListener>) {
    let dir = sandbox.path().join("odd");
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    let device = dir.join("null");
    let made = is_root()
        && Command::new("mknod")
            .arg(&device)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success());
    if made {
        paths.push(device);
    } else {
        eprintln!("no mknod here (needs root): checking /dev/null by reading only");
    }
    let fifo = dir.join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    paths.push(fifo);
    let socket = dir.join("socket");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    paths.push(socket);
    let folder = dir.join("folder");
    std::fs::create_dir(&folder).unwrap();
    paths.push(folder);
    (paths, Some(listener))
}

fn assert_refused(output: &Output, path: &Path) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let name = path.display().to_string();
    assert!(
        err.contains(&name)
            && (err.contains("is a character device")
                || err.contains("is a FIFO")
                || err.contains("is a socket")
                || err.contains("is a folder")),
        "{err}"
    );
    assert!(err.contains("help: give the path of a regular file"), "{err}");
    let rest = err.replace(&name, "");
    assert!(
        !rest.contains(".tmp") && !rest.contains(".roadmap-"),
        "names a temporary file: {err}"
    );
}

#[test]
fn a_state_path_that_is_a_device_fifo_socket_or_folder_is_refused_before_it_is_read() {
    let sandbox = Sandbox::new();
    let (paths, _listener) = odd_paths(&sandbox);
    for path in &paths {
        let before = kind(path);
        let flag = path.display().to_string();
        for args in [
            vec!["--state", &flag, "status"],
            vec!["--state", &flag, "log"],
            vec!["--state", &flag, "done", "hubs-sdk/projektstart/1"],
            vec!["--state", &flag, "note", "hubs-sdk/projektstart", "x"],
            vec!["--state", &flag, "reschedule", "hubs-sdk/projektstart", "2027-W20"],
        ] {
            assert_refused(&bounded(sandbox.cmd(&args)), path);
            assert_eq!(kind(path), before, "{args:?} changed what is at {flag}");
        }
    }
    if !is_root() {
        for args in [["--state", "/dev/null", "status"], ["--state", "/dev/zero", "log"]] {
            assert_refused(&bounded(sandbox.cmd(&args)), Path::new(args[1]));
        }
    }
    // Nothing was made beside them either: no lock, no temporary file.
    let mut left: Vec<String> = std::fs::read_dir(sandbox.path().join("odd"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let mut expected: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    expected.sort();
    assert_eq!(left, expected);
}

#[test]
fn an_output_path_that_is_a_device_fifo_socket_or_folder_is_refused() {
    let sandbox = Sandbox::new();
    let (paths, _listener) = odd_paths(&sandbox);
    for path in &paths {
        let before = kind(path);
        let flag = path.display().to_string();
        for args in [
            vec!["report", "-o", &flag],
            vec!["report", "--format", "html", "-o", &flag],
            vec!["export", "--format", "ics", "-o", &flag],
            vec!["export", "--format", "csv", "-o", &flag],
        ] {
            let output = bounded(sandbox.cmd(&args));
            assert_refused(&output, path);
            assert!(output.stdout.is_empty());
            assert_eq!(kind(path), before, "{args:?} changed what is at {flag}");
        }
    }
}

/// The three shapes of a shared state file a symlink may point to.
fn state_files() -> [(&'static str, String); 3] {
    let header = "{\"roadmap_state\":2}\n";
    let line = "{\"id\":\"00000000000000000000000000000001\",\"at\":\"2026-11-20T09:00:00Z\",\"by\":\"anna\",\"op\":\"note\",\"target\":\"hubs-sdk/projektstart\",\"note\":\"kept\"}";
    [
        ("empty", String::new()),
        ("no final newline", format!("{header}{line}")),
        ("full", format!("{header}{line}\n")),
    ]
}

#[test]
fn a_state_path_that_is_a_symlink_is_written_through_and_the_link_stays() {
    for (shape, content) in state_files() {
        let sandbox = Sandbox::new();
        let shared = sandbox.write("shared/state.jsonl", &content);
        let link = sandbox.path().join("state.jsonl");
        std::os::unix::fs::symlink("shared/state.jsonl", &link).unwrap();
        // And a link to the link: followed to the end.
        let second = sandbox.path().join("again.jsonl");
        std::os::unix::fs::symlink("state.jsonl", &second).unwrap();
        for (path, step) in [("state.jsonl", "1"), ("again.jsonl", "2")] {
            let output = bounded(sandbox.cmd(&["--state", path, "done", &format!("hubs-sdk/projektstart/{step}")]));
            expect_code(&output, 0);
        }
        assert!(
            std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "{shape}"
        );
        assert!(
            std::fs::symlink_metadata(&second).unwrap().file_type().is_symlink(),
            "{shape}"
        );
        assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("shared/state.jsonl"));
        let text = std::fs::read_to_string(&shared).unwrap();
        assert!(text.starts_with("{\"roadmap_state\":2}\n"), "{shape}: {text}");
        if !content.is_empty() {
            assert!(
                text.contains("\"note\":\"kept\"}\n"),
                "{shape}: the old line was lost: {text}"
            );
        }
        // Both changes reached the shared file, one per line, and count.
        assert_eq!(text.matches("\"op\":\"done\"").count(), 2, "{shape}: {text}");
        assert!(
            text.lines()
                .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
            "{text}"
        );
        let (json, _) = expect_code(
            &sandbox.run(&[
                "--state",
                "shared/state.jsonl",
                "checklist",
                "hubs-sdk",
                "--format",
                "json",
            ]),
            0,
        );
        let checklist: serde_json::Value = serde_json::from_str(&json).unwrap();
        let steps = &checklist["milestones"][1]["steps"];
        assert_eq!(steps[0]["mark"], "done", "{shape}: {json}");
        assert_eq!(steps[1]["mark"], "done", "{shape}: {json}");
        // The lock is beside the file the link points to, not beside the link.
        assert!(sandbox.path().join("shared/state.jsonl.lock").exists(), "{shape}");
        assert!(!sandbox.path().join("state.jsonl.lock").exists(), "{shape}");
    }
}

#[test]
fn a_dangling_symlink_is_refused_and_nothing_is_created() {
    let sandbox = Sandbox::new();
    let link = sandbox.path().join("state.jsonl");
    std::os::unix::fs::symlink("nowhere/state.jsonl", &link).unwrap();
    let output = bounded(sandbox.cmd(&["--state", "state.jsonl", "done", "hubs-sdk/projektstart/1"]));
    let (_, err) = expect_code(&output, 1);
    assert!(
        err.contains("state.jsonl is a symlink to a file that does not exist"),
        "{err}"
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(!sandbox.path().join("nowhere").exists());
    // Reading through it is no progress, not an error.
    expect_code(&sandbox.run(&["--state", "state.jsonl", "status"]), 0);
}

#[test]
fn an_output_path_that_is_a_symlink_is_written_through() {
    let sandbox = Sandbox::new();
    for (shape, content) in state_files() {
        let target = sandbox.write("published/report.md", &content);
        let link = sandbox.path().join("report.md");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("published/report.md", &link).unwrap();
        // Something is there: a new file is refused, and --force writes through the link.
        let (_, err) = expect_code(&bounded(sandbox.cmd(&["report", "-o", "report.md"])), 1);
        assert!(
            err.contains("exists already") && err.contains("--force"),
            "{shape}: {err}"
        );
        expect_code(&bounded(sandbox.cmd(&["report", "-o", "report.md", "--force"])), 0);
        assert!(
            std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "{shape}"
        );
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.starts_with("# Status report"), "{shape}: {text}");
    }
    // Nothing but the link and its target: no temporary file left behind.
    let names = |dir: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(sandbox.path().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names("published"), ["report.md"]);
}

#[test]
fn an_output_into_a_missing_folder_names_the_folder() {
    let sandbox = Sandbox::new();
    let output = bounded(sandbox.cmd(&["report", "-o", "reports/2026/w49.md"]));
    let (_, err) = expect_code(&output, 1);
    assert!(err.contains("the folder reports/2026 does not exist"), "{err}");
    let rest = err.replace(&sandbox.path().display().to_string(), "");
    assert!(
        !rest.contains(".tmp") && !rest.contains(".roadmap-") && !rest.contains(".state-"),
        "{err}"
    );
    assert!(!sandbox.path().join("reports").exists());
}

#[test]
fn files_over_the_size_limits_are_refused_with_their_size_before_they_are_read() {
    let sandbox = Sandbox::new();
    // Sparse files: the size is there, the disk is not used.
    let state = sandbox.path().join("big.jsonl");
    std::fs::File::create(&state).unwrap().set_len((256 << 20) + 1).unwrap();
    let output = bounded(sandbox.cmd(&["--state", "big.jsonl", "status"]));
    let (_, err) = expect_code(&output, 1);
    assert!(
        err.contains("big.jsonl is 257 MiB, more than the 256 MiB this roadmap reads"),
        "{err}"
    );
    std::fs::create_dir(sandbox.path().join("plans")).unwrap();
    let plan = sandbox.path().join("plans/big.toml");
    std::fs::File::create(&plan).unwrap().set_len((16 << 20) + 1).unwrap();
    let output = bounded(sandbox.cmd(&["--roadmaps", "plans", "list"]));
    let (_, err) = expect_code(&output, 1);
    assert!(
        err.contains("big.toml is 17 MiB, more than the 16 MiB this roadmap reads"),
        "{err}"
    );
    assert_eq!(std::fs::metadata(&plan).unwrap().len(), (16 << 20) + 1);
}

// ---------------------------------------------------------------- text

/// A roadmap whose every text field carries an attack: terminal escapes
/// (CSI, OSC 52 clipboard, OSC 8 links, C1 CSI, BEL, backspace), bidi
/// overrides and isolates, Markdown breakers (backticks, `|`), raw HTML,
/// `javascript:` links, Mermaid directives and statements, CRLF, and
/// spreadsheet formulas.
const EVIL_PLAN: &str = r#"
[roadmap]
id = "evil"
title = "Ond \u001b[2J\u001b[31mplan\u001b]52;c;SGVsbG8=\u0007 <script>alert(1)</script>"
organisation = "\u009b2J Org \u202egnp.exe"
language = "sv"
year = 2026
note = "rad1\r\nrad2 `kod` | pipe \u2028 ls"

[parties]
"=HYPERLINK(\"http://evil\",\"x\")" = "<img src=x onerror=alert(1)>"

[[phase]]
id = "fas"
title = "Fas %%{init: {'theme':'forest'}}%% ; section x"

[[milestone]]
id = "m1"
phase = "fas"
title = "=HYPERLINK(\"http://evil.example\",\"klicka\")"
due = "2026-11-15"
owner = "@SUM(A1) \u001b]8;;https://evil.example\u001b\\länk\u001b]8;;\u001b\\"
criteria = "[klick](javascript:alert(1)) <img src=x onerror=alert(1)>"
description = "+1+1 \u0008\u0008\u0008 bs \u2066iso\u2069 \u200f"
cost_tkr = 10
note = "-2+3 ``x`` ` a|b || c\r\nCRLF"

  [[milestone.step]]
  text = "<script>alert('steg')</script> \u001b[2J"
  owner = "-cmd|' /C calc'!A0"
  note = "\u0007BEL %%{init: {'theme':'dark'}}%%"

  [[milestone.step]]
  id = "andra"
  text = "`` ` |x| \u202eevil"
  owner = "\tTAB\rCR"

[[milestone]]
id = "m2"
phase = "fas"
title = "%%{init: {'theme':'forest'}}%%\nsection Hack\nhack :done, 2020-01-01, 1d"
due = "V50"
depends_on = ["m1"]

[[milestone]]
id = "m3"
title = "<img src=x onerror=alert(1)> | col | `x` ]]> -->"
due = "HT2027"
kind = "gate"
"#;

/// The evil plan with progress recorded on it by hostile hands: `--by`,
/// notes and skip reasons with attacks, a move with one, and a teammate's
/// state line (pushed to the repository) whose target, name, text and note
/// are attacks too.
fn evil_sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("plans/evil.toml", EVIL_PLAN);
    let run = |args: &[&str]| {
        let mut all = vec!["--roadmaps", "plans", "--today", "2026-12-01"];
        all.extend_from_slice(args);
        expect_code(&sandbox.run(&all), 0);
    };
    run(&[
        "done",
        "evil/m1/1",
        "--by",
        "mallory \u{1b}[2J <img src=x onerror=alert(1)>",
        "--note",
        "klar \u{1b}]52;c;SGVsbG8=\u{7} `x` | <script>alert(2)</script>",
    ]);
    run(&["note", "evil/m1", "=cmd|' /C calc'!A0 \u{202e}evil\r\nrad"]);
    run(&[
        "skip",
        "evil/m3",
        "--note",
        "%%{init: {\"theme\":\"dark\"}}%%\nsection X",
    ]);
    run(&[
        "reschedule",
        "evil/m2",
        "V51",
        "--note",
        "<img src=x onerror=alert(3)> \u{9b}2J",
    ]);
    let state = sandbox.path().join("home/.local/share/roadmap/state.jsonl");
    let mut text = std::fs::read_to_string(&state).unwrap();
    text.push_str(concat!(
        r#"{"id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","at":"2026-12-01T09:15:02Z","by":"eve\u001b[2J\u202e","#,
        r#""op":"done","target":"evil/`<img src=x onerror=alert(4)>`\u001b]8;;x\u0007/1","#,
        r#""text":"\u202e<script>alert(5)</script>","note":"|a|b| ``` <b>x</b> [x](javascript:alert(6))"}"#,
        "\n",
        r#"{"id":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","at":"2026-12-01T09:16:00Z","by":"eve","#,
        r#""op":"note","target":"evil/m2","note":"\u009b31m\r\n## rubrik\n<script>alert(7)</script>"}"#,
        "\n",
    ));
    std::fs::write(&state, text).unwrap();
    sandbox
}

fn evil_run(sandbox: &Sandbox, args: &[&str]) -> Output {
    let mut all = vec!["--roadmaps", "plans", "--today", "2026-12-01"];
    all.extend_from_slice(args);
    bounded(sandbox.cmd(&all))
}

/// Every view, validate, log and report and export format, as text.
const TEXT_COMMANDS: &[&[&str]] = &[
    &["list"],
    &["show", "evil"],
    &["status"],
    &["status", "evil"],
    &["checklist", "evil"],
    &["timeline", "evil"],
    &["overdue", "evil"],
    &["slips", "evil"],
    &["log"],
    &["log", "evil/m1"],
    &["validate"],
    &["where"],
    &["report", "evil", "--format", "text"],
    &["report", "evil", "--format", "markdown"],
    &["report", "evil", "--format", "html"],
    &["export", "evil", "--format", "mermaid"],
    &["export", "evil", "--format", "csv"],
    &[
        "reattach",
        "evil/`<img src=x onerror=alert(4)>`\u{1b}]8;;x\u{7}/1",
        "evil/m1/andra",
    ],
    &["done", "evil/m1/\u{1b}[2J"],
];

#[test]
fn no_raw_control_or_bidi_character_reaches_a_terminal_from_any_view() {
    let sandbox = evil_sandbox();
    // With colour on, the only escapes are the tool's own colour sequences.
    // (First: the loop below changes the state with `reattach`.)
    for args in [
        &["status"][..],
        &["checklist", "evil"],
        &["overdue", "evil"],
        &["timeline", "evil"],
    ] {
        let mut all = vec!["--color", "always"];
        all.extend_from_slice(args);
        let output = evil_run(&sandbox, &all);
        let out = stdout(&output);
        let err = stderr(&output);
        assert!(
            out.contains("\x1b[") || err.contains("\x1b["),
            "{args:?}: no colour at all"
        );
        assert_terminal_safe(&format!("{args:?} coloured"), without_colour(&out).as_bytes());
        assert_terminal_safe(&format!("{args:?} coloured stderr"), without_colour(&err).as_bytes());
    }
    for args in TEXT_COMMANDS {
        let output = evil_run(&sandbox, args);
        assert_ne!(
            output.status.code(),
            Some(101),
            "{args:?} panicked: {}",
            stderr(&output)
        );
        assert!(output.status.code().is_some());
        assert_terminal_safe(&format!("{args:?} stdout"), &output.stdout);
        assert_terminal_safe(&format!("{args:?} stderr"), &output.stderr);
        assert!(
            !stdout(&output).contains("\\u{1b}[0m") && !stdout(&output).contains("\\u{1b}[1m"),
            "{args:?}: the tool's own colour came out as text"
        );
    }
}

#[test]
fn json_escapes_what_a_terminal_must_not_see_and_keeps_the_text_exact() {
    let sandbox = evil_sandbox();
    for args in [
        &["list", "--format", "json"][..],
        &["show", "evil", "--format", "json"],
        &["status", "evil", "--format", "json"],
        &["checklist", "evil", "--format", "json"],
        &["overdue", "evil", "--format", "json"],
        &["timeline", "evil", "--format", "json"],
        &["slips", "evil", "--format", "json"],
        &["log", "--format", "json"],
        &["validate", "--format", "json"],
        &["report", "evil", "--format", "json"],
        &["export", "evil", "--format", "json"],
    ] {
        let output = evil_run(&sandbox, args);
        assert_ne!(output.status.code(), Some(101), "{args:?} panicked");
        assert_terminal_safe(&format!("{args:?}"), &output.stdout);
        assert_terminal_safe(&format!("{args:?} stderr"), &output.stderr);
        let text = stdout(&output);
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {text}"));
        // Escaped, not altered: a script gets the text exactly as written.
        let all = value.to_string();
        if args[0] == "show" {
            assert_eq!(
                value["title"],
                "Ond \u{1b}[2J\u{1b}[31mplan\u{1b}]52;c;SGVsbG8=\u{7} <script>alert(1)</script>"
            );
        }
        if args[0] == "log" {
            assert!(
                all.contains("evil/`<img src=x onerror=alert(4)>`\\u001b]8;;x\\u0007/1"),
                "{all}"
            );
        }
    }
}

fn comrak_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.tasklist = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    // Let raw HTML through, as a permissive renderer would: then any raw
    // HTML the report let in would show up in the rendering.
    options.render.r#unsafe = true;
    options
}

/// The HTML tags in `html`, by name.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|t| {
            t.trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
}

#[test]
fn the_markdown_report_renders_no_html_but_its_own_and_keeps_its_tables() {
    let sandbox = evil_sandbox();
    for extra in [&[][..], &["--since", "2026-11-01"]] {
        let mut args = vec!["report", "evil", "--format", "markdown"];
        args.extend_from_slice(extra);
        let (markdown, _) = expect_code(&evil_run(&sandbox, &args), 0);
        assert_terminal_safe("markdown", markdown.as_bytes());
        let html = comrak::markdown_to_html(&markdown, &comrak_options());
        let allowed = [
            "h1", "h2", "h3", "p", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "code",
            "pre", "br",
        ];
        for tag in tags(&html) {
            // `a` only as GFM's autolinks of web addresses (checked below).
            assert!(
                allowed.contains(&tag.as_str()) || tag == "a",
                "live <{tag}> in the rendering:\n{html}"
            );
        }
        for link in html.split("<a ").skip(1) {
            assert!(
                link.starts_with("href=\"http://") || link.starts_with("href=\"https://"),
                "a link that is not to the web: <a {}",
                &link[..link.find('>').unwrap()]
            );
        }
        // Every row of a table has as many cells as its header: no `|` in
        // the text made a column.
        for table in html.split("<table>").skip(1) {
            let table = &table[..table.find("</table>").unwrap()];
            let rows: Vec<&str> = table.split("<tr>").skip(1).collect();
            let header = rows[0].matches("<th").count();
            for row in &rows {
                let cells = row.matches("<td").count() + row.matches("<th").count();
                assert_eq!(cells, header, "a row with {cells} cells in:\n{table}");
            }
        }
        // The text is still there for the reader, as text.
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("=HYPERLINK("), "{html}");
    }
}

#[test]
fn the_html_report_has_no_markup_from_the_files() {
    let sandbox = evil_sandbox();
    let (html, _) = expect_code(&evil_run(&sandbox, &["report", "evil", "--format", "html"]), 0);
    assert_terminal_safe("html", html.as_bytes());
    for attack in [
        "<script",
        "<img",
        "<b>",
        "javascript:alert(1)\"",
        "onerror=alert(1)>",
        "]]> -->",
    ] {
        assert!(!html.contains(attack), "{attack} in the HTML report");
    }
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
}

#[test]
fn mermaid_reads_the_evil_chart_as_three_tasks_in_one_section_and_no_directive() {
    let sandbox = evil_sandbox();
    let (chart, _) = expect_code(&evil_run(&sandbox, &["export", "evil", "--format", "mermaid"]), 0);
    assert_terminal_safe("mermaid", chart.as_bytes());
    // A directive or comment starts with `%%`; no text may make one.
    assert!(!chart.contains("%%"), "{chart}");
    if !readers(&[Reader::Node]) {
        return;
    }
    let parsed = mermaid_tasks(&chart);
    let tasks = parsed["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 3, "{parsed}");
    let sections: std::collections::BTreeSet<&str> = tasks.iter().map(|t| t["section"].as_str().unwrap()).collect();
    // One section for the phase and one for the milestone without a phase:
    // none made by text.
    assert_eq!(sections.len(), 2, "text made a section of its own: {parsed}");
    // The injected "hack :done, 2020-01-01" is part of m2's name, not a task.
    assert!(
        tasks.iter().all(|t| t["start"].as_str().unwrap() >= "2026-11-15"),
        "{parsed}"
    );
}

#[test]
fn the_csv_export_has_no_formula_cell_and_python_reads_every_row() {
    if !readers(&[Reader::Python]) {
        return;
    }
    let sandbox = evil_sandbox();
    let (csv, _) = expect_code(&evil_run(&sandbox, &["export", "evil", "--format", "csv"]), 0);
    let path = sandbox.write("evil.csv", &csv);
    let rows: Vec<Vec<String>> =
        serde_json::from_value(crate::support::python_reads("read_csv.py", &path, &[])).unwrap();
    // A header, three milestones and two steps, thirteen columns each.
    assert_eq!(rows.len(), 1 + 3 + 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.len() == 13), "{rows:?}");
    for cell in rows.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a spreadsheet would read {cell:?} as a formula"
        );
        assert_terminal_safe(cell, cell.replace(['\n', '\r'], " ").as_bytes());
    }
    // OWASP's neutralisation: a leading apostrophe, the text otherwise kept.
    let m1 = rows.iter().find(|r| r[1] == "m1" && r[2].is_empty()).unwrap();
    assert_eq!(m1[3], "'=HYPERLINK(\"http://evil.example\",\"klicka\")");
    assert!(m1[4].starts_with("'@SUM(A1) "), "{m1:?}");
    let step = rows.iter().find(|r| r[1] == "m1" && r[2] == "1").unwrap();
    assert_eq!(step[4], "'-cmd|' /C calc'!A0");
}

#[test]
fn the_calendar_export_has_only_its_own_properties() {
    if !readers(&[Reader::PythonPackage("icalendar")]) {
        return;
    }
    let sandbox = evil_sandbox();
    let (ics, _) = expect_code(&evil_run(&sandbox, &["export", "evil", "--format", "ics"]), 0);
    // Lines end in CRLF; no other control character anywhere.
    assert_terminal_safe("ics", ics.as_bytes());
    let path = sandbox.write("evil.ics", &ics);
    let script = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(json.dumps({
    "calendar": sorted(cal.keys()),
    "components": [c.name for c in cal.walk()],
    "events": [{"keys": sorted(e.keys()), "summary": str(e["SUMMARY"]), "description": str(e["DESCRIPTION"])}
               for e in cal.walk("VEVENT")],
}))
"#;
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let parsed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        parsed["calendar"],
        serde_json::json!(["CALSCALE", "METHOD", "PRODID", "VERSION", "X-WR-CALNAME"])
    );
    assert_eq!(
        parsed["components"],
        serde_json::json!(["VCALENDAR", "VEVENT", "VEVENT", "VEVENT"])
    );
    for event in parsed["events"].as_array().unwrap() {
        assert_eq!(
            event["keys"],
            serde_json::json!([
                "CATEGORIES",
                "DESCRIPTION",
                "DTEND",
                "DTSTAMP",
                "DTSTART",
                "SUMMARY",
                "TRANSP",
                "UID"
            ]),
            "{event}"
        );
    }
    let summaries: Vec<&str> = parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries[1],
        "%%{init: {'theme':'forest'}}%%\nsection Hack\nhack :done, 2020-01-01, 1d"
    );
    // The moved due date is the one described.
    let m2 = &parsed["events"][1]["description"];
    assert!(
        m2.as_str().unwrap().contains("Due: week 51, 2026 (was week 50, 2026)"),
        "{m2}"
    );
}

#[test]
fn checklist_on_a_colour_terminal_shows_its_colours_as_colours() {
    let sandbox = Sandbox::new();
    let mut command = sandbox.cmd(&["checklist", "hubs-sdk"]);
    command.env_remove("NO_COLOR").env("TERM", "xterm");
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    // rexpect hands the bytes over one char each; put the UTF-8 back together.
    let bytes: Vec<u8> = session
        .exp_eof()
        .unwrap()
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("one byte per char"))
        .collect();
    let out = String::from_utf8(bytes).unwrap();
    assert!(out.contains("Projektstart och planering"), "{out}");
    assert!(out.contains("\x1b["), "no colour on a terminal: {out:?}");
    assert!(!out.contains("\\u{1b}"), "colour printed as text: {out:?}");
    assert!(!out.contains("\\u{"), "{out:?}");
    let plain = without_colour(&out.replace("\r\n", "\n"));
    assert_terminal_safe("checklist on a terminal", plain.as_bytes());
}

// ---------------------------------------------------------------- flags

/// Each numeric and date flag at its limits and past them: in range it
/// works (0), out of range the command line was wrong (2); never a panic,
/// and the message is short whatever the value.
#[test]
fn every_numeric_and_date_flag_at_and_past_its_limits() {
    let sandbox = Sandbox::new();
    let huge = "9".repeat(100_000);
    let cases: &[(&[&str], i32)] = &[
        (&["report", "--weeks", "1"], 0),
        (&["report", "--weeks", "520"], 0),
        (&["report", "--weeks", "0"], 2),
        (&["report", "--weeks", "521"], 2),
        (&["report", "--weeks", "14000000"], 2),
        (&["report", "--weeks", "4294967296"], 2),
        (&["report", "--weeks", "-1"], 2),
        (&["report", "--weeks", &huge], 2),
        (&["--lock-timeout", "0", "status"], 0),
        (&["--lock-timeout", "86400", "status"], 0),
        (&["--lock-timeout", "86401", "status"], 2),
        (&["--lock-timeout", "-1", "status"], 2),
        (&["--lock-timeout", "NaN", "status"], 2),
        (&["--lock-timeout", "inf", "status"], 2),
        (&["--lock-timeout", &huge, "status"], 2),
        (&["report", "--week", "2026-W53"], 0),
        (&["report", "--week", "2027-W53"], 2),
        (&["report", "--week", "2027-W00"], 2),
        (&["report", "--week", "0001-W01"], 0),
        (&["report", "--week", "9999-W52"], 0),
        (&["report", "--week", "10000-W01"], 2),
        (&["report", "--week", &huge], 2),
        (&["--today", "0001-01-01", "report", "--weeks", "520"], 0),
        (&["--today", "9999-12-31", "report", "--weeks", "520"], 0),
        (
            &[
                "--today",
                "9999-12-31",
                "report",
                "--since",
                "0001-01-01",
                "--format",
                "json",
            ],
            0,
        ),
        (&["--today", "9999-12-31", "overdue"], 0),
        (&["--today", "9999-12-31", "timeline"], 0),
        (&["--today", "10000-01-01", "status"], 2),
        (&["--today", "31.02.2026", "status"], 2),
        (&["--today", &huge, "status"], 2),
        (&["timeline", "--from", "0001-01", "--to", "9999-12"], 0),
        (&["timeline", "--from", "0001-01-01", "--to", "9999-12-31"], 0),
        (&["timeline", "--from", "2027-01", "--to", "2026-01"], 2),
        (&["timeline", "--from", "2026-13"], 2),
        (&["timeline", "--to", &huge], 2),
        (&["init", "hubs-sdk", "--year", "0"], 2),
        (&["init", "hubs-sdk", "--year", "10000"], 2),
        (&["init", "hubs-sdk", "--start", "2027-W54"], 2),
        (&["init", "hubs-sdk", "--start", &huge], 2),
        (&["done", "hubs-sdk/projektstart/1", "--at", "32.01.2026"], 2),
        (&["done", "hubs-sdk/projektstart/1", "--at", &huge], 2),
        (&["done", "hubs-sdk/projektstart/4294967296"], 2),
        (&["done", &format!("hubs-sdk/projektstart/{huge}")], 2),
        (
            &[
                "--today",
                "2026-12-01",
                "done",
                "hubs-sdk/projektstart/1",
                "--at",
                "2026-12-02",
            ],
            1,
        ),
        (&["--today", "2026-12-01", "report", "--since", "2026-12-02"], 1),
    ];
    for (args, code) in cases {
        let output = bounded(sandbox.cmd(args));
        let shown: Vec<String> = args.iter().map(|a| a.chars().take(30).collect()).collect();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(*code), "{shown:?}: {err}");
        assert!(err.len() < 2_000, "{shown:?}: {} bytes of error output", err.len());
        assert!(!err.contains("panicked"), "{shown:?}: {err}");
        if *code != 0 {
            assert!(err.starts_with("error: "), "{shown:?}: {err}");
        }
        // Anything init made is gone before the next case.
        let _ = std::fs::remove_dir_all(sandbox.path().join(".roadmap"));
    }
}

#[test]
fn a_megabyte_bad_due_is_reported_in_a_few_lines() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "plans/big.toml",
        format!(
            "[roadmap]\nid = \"big\"\ntitle = \"Stor\"\nlanguage = \"sv\"\n\n[[milestone]]\nid = \"a\"\ntitle = \"A\"\ndue = \"{}\"\n",
            "x".repeat(1 << 20)
        ),
    );
    let output = bounded(sandbox.cmd(&["--roadmaps", "plans", "validate"]));
    let (_, err) = expect_code(&output, 1);
    assert!(err.len() < 2_000, "{} bytes of error output", err.len());
    assert!(err.contains("plans/big.toml:9:7"), "{err}");
}
