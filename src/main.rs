// Reading a big plan makes many small allocations on every core: glibc's
// allocator grows each thread's heap with an mprotect call per few pages,
// which took a tenth of `status` at 10k milestones (bench/PROFILE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(roadmap::run());
}
