//! Text as roadmap and state files hold it: titles, owners, notes, addresses.
//!
//! Why not `String`: reading a cached roadmap is the hot path of every
//! command, and one heap string per field made it cost more than everything
//! else together (bench/PROFILE.md). A `Text` is a range into a shared,
//! immutable buffer, so a roadmap read from the cache keeps all its text in
//! one allocation and each field costs a reference count (`cache::codec`).
//! Text parsed from a file or typed by the user gets a buffer of its own.

pub type Text = arcstr::Substr;
