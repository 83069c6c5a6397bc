//! `roadmap import` of office files, structure-aware: a real workbook or
//! document (xlsx, ods, docx, xls, from the test fixtures) with its parts
//! mutated where a hostile or damaged file differs from a good one: bytes
//! spliced into one zip entry's XML (then zipped again, so the reader gets
//! past the zip to the XML), or into the compound file of an xls (its
//! header, file allocation table and directory). Nothing read may panic,
//! run away or take more memory than libFuzzer's limit; a plan that is read
//! must be written as a roadmap file that loads.
//!
//! Input layout: byte 0 picks the file (% 5), byte 1 the zip entry to
//! mutate (% the entries), then splices of (offset: 2 bytes, length: 1
//! byte, that many bytes) until the input ends.
#![no_main]

#[path = "written.rs"]
mod written;

use std::io::{Cursor, Read, Write};

use libfuzzer_sys::fuzz_target;
use roadmap_core::import::read::{Kind, tables};

const FILES: [(&str, &[u8]); 5] = [
    ("xlsx", include_bytes!("../../tests/fixtures/office/e-arkiv.xlsx")),
    ("ods", include_bytes!("../../tests/fixtures/office/e-arkiv.ods")),
    ("docx", include_bytes!("../../tests/fixtures/office/e-arkiv.docx")),
    ("xls", include_bytes!("../../tests/fixtures/hostile/plan.xls")),
    ("xlsx", include_bytes!("../../tests/fixtures/import/hubs.xlsx")),
];

/// `data` with each splice of `edits` written over it (growing it when a
/// splice runs past its end).
fn spliced(mut data: Vec<u8>, mut edits: &[u8]) -> Vec<u8> {
    while let [a, b, n, rest @ ..] = edits {
        let at = usize::from(u16::from_le_bytes([*a, *b]));
        let n = usize::from(*n).min(rest.len());
        let (bytes, after) = rest.split_at(n);
        if at <= data.len() {
            let end = (at + n).min(data.len());
            data.splice(at..end, bytes.iter().copied());
        }
        edits = after;
    }
    data
}

/// The zip `file` with entry `which` spliced by `edits`, zipped again.
fn mutated_zip(file: &[u8], which: u8, edits: &[u8]) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(file)).ok()?;
    let chosen = usize::from(which) % archive.len().max(1);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().ok()?.to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).ok()?;
        if i == chosen {
            bytes = spliced(bytes, edits);
        }
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).ok()?;
        out.write_all(&bytes).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let [which_file, which_entry, edits @ ..] = data else {
        return;
    };
    let (ext, file) = FILES[usize::from(*which_file) % FILES.len()];
    let bytes = if ext == "xls" {
        spliced(file.to_vec(), edits)
    } else {
        let Some(bytes) = mutated_zip(file, *which_entry, edits) else {
            return;
        };
        bytes
    };
    let kind = Kind::of(&format!("plan.{ext}")).expect("a kind the import reads");
    let Ok(tables) = tables(kind, &bytes) else {
        return;
    };
    for table in &tables {
        let Ok(plan) = roadmap_core::import::plan(table, &[]) else {
            continue;
        };
        written::loads(&plan, "fuzz.xlsx");
    }
});
