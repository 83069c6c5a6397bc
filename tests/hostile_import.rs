//! Hostile input, round three: the defects a hostile-input pass found in
//! the newer surfaces, each with its test. Workbooks and documents built to
//! cost more to read than any plan (`tests/fixtures/hostile/make.py` writes
//! them) are read under an address-space limit of 1 GiB and a 20-second
//! deadline (`limited`), so one that ran away would fail here; none may
//! panic, and each refusal names the file and the limit.

use std::path::{Path, PathBuf};

use crate::support::{Sandbox, bounded, expect_code, limited, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// `import FILE --dry-run` under the limits: its exit code and stderr.
fn import(sandbox: &Sandbox, file: &Path) -> (Option<i32>, String) {
    let output = limited(sandbox, &["import", file.to_str().unwrap(), "--dry-run"]);
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    (output.status.code(), err)
}

/// Defect 1: One value in XFD1048576 asked calamine for 512 GiB; one in column CR
/// far down for 5.9 GB. Now the far cell is refused, naming the sheet and
/// the limit, and the one in CR costs nothing.
#[test]
fn a_value_in_a_far_cell_is_refused_or_costs_nothing() {
    let sandbox = Sandbox::new();
    let (code, err) = import(&sandbox, &fixture("far-cell.xlsx"));
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("far-cell.xlsx") && err.contains("sheet `Sheet`") && err.contains("at most 1024 columns"),
        "{err}"
    );
    let (code, err) = import(&sandbox, &fixture("stray-cell.xlsx"));
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("2 milestones"), "{err}");
}

/// Defect 2: A `.docx` of 92 KB whose cells each span 64 columns: 19 million
/// columns if every span were cells.
#[test]
fn spanned_cells_in_a_word_table_are_bounded() {
    let (code, err) = import(&Sandbox::new(), &fixture("grid-span.docx"));
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("grid-span.docx") && err.contains("more than 1000000 cells"),
        "{err}"
    );
}

/// Defect 3: Zip bombs under the 64 MiB file limit: a 613 KB `.xlsx` with one
/// 600 MiB shared string, and a 516-byte `.ods` with a row repeated
/// 1 048 000 times.
#[test]
fn a_zip_bomb_is_refused_before_it_unpacks() {
    let sandbox = Sandbox::new();
    let (code, err) = import(&sandbox, &fixture("big-string.xlsx"));
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("sharedStrings.xml unpacks to 601 MiB") && err.contains("64 MiB"),
        "{err}"
    );
    let (code, err) = import(&sandbox, &fixture("repeated-rows.ods"));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("sheet `Plan` has more than 1000000 cells"), "{err}");
}

/// Defect 4: Damaged `.xls` files: a sector chain that loops back on itself (which
/// calamine followed until memory ran out) and one that points past the
/// file allocation table (an index calamine took without checking). The
/// undamaged file they were made from reads.
#[test]
fn a_damaged_xls_is_refused_without_a_panic_or_a_runaway() {
    let sandbox = Sandbox::new();
    let (code, err) = import(&sandbox, &fixture("plan.xls"));
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = import(&sandbox, &fixture("looped-chain.xls"));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("damaged") && err.contains("loops"), "{err}");
    let (code, err) = import(&sandbox, &fixture("fat-beyond.xls"));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("fat-beyond.xls"), "{err}");
}

/// Defect 5: Making ids unique was cubic: 4 000 rows of one title took 9.9 s.
/// 10 000 rows of one title get ids `samma`, `samma-2` … `samma-10000` in
/// well under the deadline.
#[test]
fn ten_thousand_rows_of_one_title_get_unique_ids() {
    let sandbox = Sandbox::new();
    let mut csv = String::from("Milstolpe;Klart\n");
    for _ in 0..10_000 {
        csv.push_str("Samma;2027-03-31\n");
    }
    let plan = sandbox.write("samma.csv", csv);
    let output = limited(&sandbox, &["import", plan.to_str().unwrap(), "--dry-run"]);
    let (out, _) = expect_code(&output, 0);
    let ids: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix("id = \"")).collect();
    assert_eq!(ids.len(), 10_001, "the roadmap's id and 10 000 milestones'");
    assert_eq!((ids[1], ids[2], ids[10_000]), ("samma\"", "samma-2\"", "samma-10000\""));
}

/// Defect 6: Every problem was located by counting lines from the start of the
/// file: 80 000 unknown keys in `config.toml` took 30 s and printed 18 MB.
#[test]
fn eighty_thousand_problems_in_a_settings_file_are_quick_and_short() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init"]), 0);
    let mut config = String::from("[lights]\n");
    for i in 0..80_000 {
        config.push_str(&format!("unknown_key_{i} = 1\n"));
    }
    sandbox.write(".roadmap/config.toml", config);
    let output = limited(&sandbox, &["status"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.len() < 20_000, "{} bytes of errors", err.len());
    assert!(err.contains("… and 79950 more problems not shown"), "{err}");
    assert!(err.contains("config.toml:2:1"), "{err}");
}

/// Defect 7: The risk log folded in quadratic time: with 40 000 risks `risks` took
/// 5.5 s. 100 000 risks are listed well within the deadline.
#[test]
fn a_hundred_thousand_risks_fold_in_linear_time() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init"]), 0);
    let mut state = String::from("{\"roadmap_state\":3}\n");
    for i in 0..100_000 {
        state.push_str(&format!(
            "{{\"id\":\"{i:032x}\",\"at\":\"2027-01-01T00:00:00Z\",\"by\":\"anna\",\"op\":\"risk\",\"target\":\"hubs-sdk#r-{i:08x}\",\"risk\":{{\"text\":\"Risk {i}\",\"likelihood\":3,\"impact\":{}}}}}\n",
            1 + i % 5
        ));
    }
    sandbox.write(".roadmap/state.jsonl", state);
    let output = limited(&sandbox, &["risks", "hubs-sdk", "--format", "json"]);
    let (out, err) = expect_code(&output, 0);
    let risks: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    assert_eq!(risks.as_array().unwrap().len(), 100_000);
    assert_eq!(risks[0]["severity"], 15, "the most severe first: 3 × 5");
}

/// Defect 9: An import that succeeded could leave a workspace no command loads.
#[test]
fn an_import_writes_only_what_loads_beside_the_rest() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init"]), 0);
    // A 20 MB cell: over the 1 MiB a cell may hold (it made a 39 MiB roadmap).
    let mut csv = String::from("Milstolpe;Beskrivning\nStor;");
    csv.push_str(&"x".repeat(20 << 20));
    csv.push('\n');
    let big = sandbox.write("stor.csv", csv);
    let (_, err) = expect_code(&limited(&sandbox, &["import", big.to_str().unwrap()]), 1);
    assert!(err.contains("a cell holds 20 MiB of text"), "{err}");
    // The id of a roadmap loaded from another file.
    sandbox.write("plan.csv", "Milstolpe;Klart\nFörstudie;2027-03-31\n");
    expect_code(&sandbox.run(&["import", "plan.csv"]), 0);
    let (_, err) = expect_code(&sandbox.run(&["import", "plan.csv", "-o", "other.toml"]), 1);
    assert!(
        err.contains("a roadmap `plan` is loaded already, from") && err.contains("--id"),
        "{err}"
    );
    // The id of a shipped roadmap with progress recorded on it.
    expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/1"]), 0);
    sandbox.write("hubs-sdk.csv", "Milstolpe;Klart\nEgen start;2027-03-31\n");
    let (_, err) = expect_code(&sandbox.run(&["import", "hubs-sdk.csv"]), 1);
    assert!(
        err.contains("`hubs-sdk` is the id of a shipped roadmap with progress recorded on it"),
        "{err}"
    );
    expect_code(&sandbox.run(&["validate"]), 0);
}

/// Defect 10: Import wrote TOML it then refused: a control character in a header
/// or the file's name went raw into a comment; a cost of 1e20 was refused
/// instead of kept in the note.
#[test]
fn what_an_import_writes_it_loads() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "plan\u{7}.csv",
        "Milstolpe;Klart;Kostnad;Ko\u{1}mmentar\nFörstudie;2027-03-31;1e20;x\n",
    );
    let (out, _) = expect_code(&sandbox.run(&["import", "plan\u{7}.csv", "-o", "plan.toml"]), 0);
    assert!(out.contains("plan.toml"), "{out}");
    let text = std::fs::read_to_string(sandbox.path().join("plan.toml")).unwrap();
    assert!(!text.contains('\u{1}') && !text.contains('\u{7}'), "{text}");
    // The cost no file can hold is kept in the note, as written.
    assert!(text.contains("1e20") && !text.contains("cost_tkr = "), "{text}");
    expect_code(&sandbox.run(&["validate", "plan.toml"]), 0);
}

/// Defect 11: A `.docx` whose second table lies past 256 MiB of `document.xml` was
/// cut there without a word; past 64 MiB a document is now refused, and says so.
#[test]
fn a_document_too_big_to_read_is_refused_not_cut() {
    let (code, err) = import(&Sandbox::new(), &fixture("big-document.docx"));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("word/document.xml unpacks to more than 64 MiB"), "{err}");
}

/// Defect 12: Eight imports to the same new `-o` file at once: exactly one writes
/// it, the others say it exists and write nothing.
#[test]
fn eight_imports_to_one_new_file_write_it_once() {
    let sandbox = Sandbox::new();
    sandbox.write("plan.csv", "Milstolpe;Klart\nFörstudie;2027-03-31\n");
    for round in 0..5 {
        let target = format!("out-{round}.toml");
        let children: Vec<_> = (0..8)
            .map(|_| {
                sandbox
                    .cmd(&["import", "plan.csv", "-o", &target])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
        let wrote = outputs.iter().filter(|o| o.status.success()).count();
        assert_eq!(wrote, 1, "round {round}: {wrote} said they wrote it");
        for o in outputs.iter().filter(|o| !o.status.success()) {
            assert!(stderr(o).contains("exists already"), "{}", stderr(o));
        }
    }
}

/// Defect 15: A write that fails names the file asked for, never the temporary one
/// it was being written to (`.roadmap-RF3KCU.tmp`).
#[test]
fn a_failed_write_names_the_file_asked_for() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    let mut permissions = std::fs::metadata(&dir).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o555);
    std::fs::set_permissions(&dir, permissions).unwrap();
    // Root may write anywhere: then there is nothing to see here.
    if std::fs::write(dir.join("probe"), "x").is_ok() {
        eprintln!("skipped: this user may write into a read-only folder");
        return;
    }
    sandbox.write("plan.csv", "Milstolpe;Klart\nFörstudie;2027-03-31\n");
    for args in [
        vec!["report", "-o", "ro/report.md"],
        vec!["export", "--format", "csv", "-o", "ro/plan.csv"],
        vec!["import", "plan.csv", "-o", "ro/plan.toml"],
    ] {
        let output = bounded(sandbox.cmd(&args));
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("ro/") && !err.contains(".roadmap-") && !err.contains(".tmp"),
            "{args:?}: {err}"
        );
    }
}

/// 15, a file-size limit: the write fails with the system's reason, naming the file.
#[test]
fn a_file_size_limit_names_the_file_asked_for() {
    let sandbox = Sandbox::new();
    let bin = env!("CARGO_BIN_EXE_roadmap");
    let output = bounded({
        let mut shell = std::process::Command::new("bash");
        shell
            .arg("-c")
            // SIGXFSZ ignored, as a service manager may: the write fails with EFBIG instead.
            .arg(format!("trap '' XFSZ; ulimit -f 1 && exec {bin} --today 2027-05-20 report hubs-sdk --format html -o report.html"))
            .current_dir(sandbox.path())
            .env("HOME", sandbox.path().join("home"))
            .env("ROADMAP_USER", "tester");
        shell
    });
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("report.html") && !err.contains(".roadmap-"), "{err}");
}

/// Defect 18: `import -o nodir/x/y.toml` made folders while `report -o` refused;
/// `-o /dev/null` asked for `--force` and then refused it; importing a FIFO
/// or a folder said it "is created when missing".
#[test]
fn outputs_and_inputs_that_are_no_regular_file_are_refused_alike() {
    let sandbox = Sandbox::new();
    sandbox.write("plan.csv", "Milstolpe;Klart\nFörstudie;2027-03-31\n");
    for args in [
        vec!["import", "plan.csv", "-o", "nodir/x/y.toml"],
        vec!["report", "-o", "nodir/x/y.md"],
        vec!["export", "--format", "csv", "-o", "nodir/x/y.csv"],
    ] {
        let (_, err) = expect_code(&bounded(sandbox.cmd(&args)), 1);
        assert!(
            err.contains("the folder") && err.contains("does not exist"),
            "{args:?}: {err}"
        );
    }
    assert!(!sandbox.path().join("nodir").exists());
    for force in [false, true] {
        let mut args = vec!["import", "plan.csv", "-o", "/dev/null"];
        if force {
            args.push("--force");
        }
        let (_, err) = expect_code(&bounded(sandbox.cmd(&args)), 1);
        assert!(
            err.contains("/dev/null is a character device") && !err.contains("--force"),
            "{err}"
        );
    }
    std::fs::create_dir(sandbox.path().join("folder.csv")).unwrap();
    let (_, err) = expect_code(&bounded(sandbox.cmd(&["import", "folder.csv"])), 1);
    assert!(
        err.contains("is a folder") && !err.contains("created when missing"),
        "{err}"
    );
    let fifo = sandbox.path().join("fifo.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (_, err) = expect_code(&bounded(sandbox.cmd(&["import", "fifo.csv"])), 1);
    assert!(err.contains("FIFO") && !err.contains("created when missing"), "{err}");
    let _ = stdout;
}

/// Defect 16: A fractional light threshold (`time_yellow_days = 30.5`) was taken
/// as 30; days are whole days, and anything else is refused with its line.
#[test]
fn a_light_threshold_in_part_days_is_refused_with_its_line() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init"]), 0);
    sandbox.write(".roadmap/config.toml", "[lights]\ntime_yellow_days = 30.5\n");
    let (_, err) = expect_code(&sandbox.run(&["report"]), 1);
    assert!(err.contains("config.toml:2:20") && err.contains("whole"), "{err}");
}
