//! The roadmap loader: any bytes a user might put in a `*.toml` file under
//! `--roadmaps DIR` must give a `Roadmap` or a list of diagnostics, never a
//! panic, and every diagnostic must render without a control character.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use roadmap_core::roadmap::Origin;

fuzz_target!(|data: &[u8]| {
    let origin = Origin::File {
        path: PathBuf::from("fuzz.toml"),
        replaces_shipped: false,
    };
    match roadmap_core::roadmap::parse::parse("fuzz.toml", data, origin) {
        Ok(roadmap) => {
            // Debug-format the whole model: touches every field.
            let _ = format!("{roadmap:?}");
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "parse failed without a diagnostic");
            for d in &diagnostics {
                let shown = roadmap::render::error::diagnostic(d);
                assert!(shown.starts_with("error: "), "odd rendering: {shown:?}");
                // Nothing from the file may reach a terminal as a control character.
                assert!(
                    !shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                    "unescaped control character: {shown:?}"
                );
            }
        }
    }
});
