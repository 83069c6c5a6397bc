//! The roadmap loader: any bytes a user might put in a `*.toml` file under
//! `--roadmaps DIR` must give a `Roadmap` or a list of diagnostics, never a
//! panic, and every diagnostic must render. A roadmap that parses must read
//! back from its cached form unchanged, and any bytes read as a cached
//! roadmap (a damaged cache) must give a roadmap or nothing, never a panic.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use roadmap::roadmap::Origin;

fuzz_target!(|data: &[u8]| {
    let origin = Origin::File {
        path: PathBuf::from("fuzz.toml"),
        replaces_shipped: false,
    };
    let _ = roadmap::cache::roadmaps::decode(data, Origin::Shipped("fuzz.toml"));
    match roadmap::roadmap::parse::parse("fuzz.toml", data, origin) {
        Ok(roadmap) => {
            // Debug-format the whole model: touches every field.
            let shown = format!("{roadmap:?}");
            let mut cached = roadmap::cache::codec::Writer::default();
            roadmap::cache::codec::write_roadmap(&mut cached, &roadmap);
            let bytes = cached.framed().expect("a fuzzed file's text fits 32-bit offsets");
            let back = roadmap::cache::roadmaps::decode(&bytes, roadmap.origin.clone())
                .expect("a cached roadmap reads back");
            assert_eq!(format!("{back:?}"), shown, "the cache changed the roadmap");
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "parse failed without a diagnostic");
            for d in &diagnostics {
                let shown = d.to_string();
                assert!(shown.starts_with("error: "), "odd rendering: {shown:?}");
                // Nothing from the file may reach a terminal as a control character.
                assert!(!shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "unescaped control character: {shown:?}");
            }
        }
    }
});
