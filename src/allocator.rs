//! The allocator of the `jixiao` binary, also used by `benches/batch.rs` (its parsing floor runs
//! on the same allocator, so that the two differ only in what they do).

/// jemalloc (not on MSVC): a batch run allocates and frees many short texts per indicator, and the
/// system allocator spent a third of it in malloc and free; jemalloc halves that and keeps the
/// peak as low (docs/batch.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts. On Linux, an arena per CPU (`percpu_arena:percpu`):
/// a thread allocates from the arena of the CPU it runs on. With jemalloc's default, an arena
/// per thread up to four per CPU, the workbook writer (rust_xlsxwriter), which assembles each
/// worksheet on a thread of its own, left an idle arena at the end of every such thread, and
/// purging it (madvise, and a TLB flush on every core) was a third of a batch's system time.
/// An arena per CPU stays in use by whichever threads run there, and the batch's workers do not
/// share one arena's lock (one arena for all was 6 % slower on 2 cores: docs/batch.md).
/// Elsewhere (macOS, BSD: no per-CPU arenas), one arena.
#[cfg(target_os = "linux")]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
static malloc_conf: &[u8; 20] = b"percpu_arena:percpu\0";

#[cfg(all(not(target_env = "msvc"), not(target_os = "linux")))]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
static malloc_conf: &[u8; 10] = b"narenas:1\0";
