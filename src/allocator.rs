//! The allocator of the `jixiao` binary, also used by `benches/batch.rs` (its parsing floor runs
//! on the same allocator, so that the two differ only in what they do).

/// jemalloc (not on MSVC): a batch run allocates and frees many short texts per indicator, and the
/// system allocator spent a third of it in malloc and free; jemalloc halves that and keeps the
/// peak as low (docs/batch.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts: one arena. The workbook writer (rust_xlsxwriter)
/// assembles each worksheet on a thread of its own, and with an arena per thread every thread's
/// end purged its arena (madvise, and a TLB flush on every core): a batch spent a third of its
/// system time there. One arena stays in use by the worker threads and is not purged.
#[cfg(not(target_env = "msvc"))]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
static malloc_conf: &[u8; 10] = b"narenas:1\0";
