//! Broken state files: see tests/bad_state/.
