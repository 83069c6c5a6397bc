#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    end(roadmap::run());
}

/// Ends the process with `code`, its output flushed first. On Unix the C
/// library's exit handlers are not run: the one that costs is mimalloc's,
/// which walks the heap and gives every page back to a kernel about to take
/// them all anyway (a tenth of a `status` of the shipped plans,
/// bench/PROFILE.md). Nothing of ours waits for exit: every file is written
/// and every lock released inside `run`, and the flushes below are what
/// `std::process::exit` does besides.
#[cfg(unix)]
fn end(code: i32) -> ! {
    use std::io::Write;
    // Nowhere left to say that output could not be written.
    let _ = std::io::stdout().flush();
    roadmap::phases::mark("output");
    roadmap::phases::report();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` ends the process and touches nothing of it: no
    // destructor or handler runs, and no other thread of ours is working.
    unsafe { libc::_exit(code) }
}

#[cfg(not(unix))]
fn end(code: i32) -> ! {
    roadmap::phases::mark("output");
    roadmap::phases::report();
    std::process::exit(code)
}
