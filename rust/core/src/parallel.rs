//! The thread pool batch evaluation runs on: sized by the user (`set_num_threads`, or the
//! `ORBITFLOPS_NUM_THREADS` environment variable, else every available core), rebuilt after
//! `fork` so that a child process (multiprocessing, joblib) never waits on threads it does not
//! have.

use rayon::{ThreadPool, ThreadPoolBuilder};
use std::sync::{Arc, Mutex};

struct PoolState {
    pid: u32,
    threads: usize,
    pool: Arc<ThreadPool>,
}

static POOL: Mutex<Option<PoolState>> = Mutex::new(None);
static REQUESTED: Mutex<usize> = Mutex::new(0);

/// Environment variable that sets the default thread count.
pub const THREADS_ENV: &str = "ORBITFLOPS_NUM_THREADS";

/// Largest thread count honoured: larger requests (from the function or the environment) are
/// capped here, since the operating system may refuse to start that many threads.
pub const MAX_THREADS: usize = 1024;

fn default_threads() -> usize {
    if let Ok(v) = std::env::var(THREADS_ENV) {
        if let Ok(n) = v.trim().parse::<usize>() {
            if n > 0 {
                return n.min(MAX_THREADS);
            }
        }
    }
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Set the number of threads for batch evaluation; 0 restores the default.
pub fn set_num_threads(n: usize) {
    *lock(&REQUESTED) = n;
    let mut g = lock(&POOL);
    if let Some(old) = g.take() {
        if old.pid != std::process::id() {
            std::mem::forget(old);
        }
    }
}

/// The number of threads batch evaluation uses.
pub fn num_threads() -> usize {
    let r = *lock(&REQUESTED);
    if r > 0 { r.min(MAX_THREADS) } else { default_threads() }
}

/// The pool for this process (built on first use, and again in a forked child).
pub fn pool() -> Arc<ThreadPool> {
    let pid = std::process::id();
    let want = num_threads();
    let mut g = lock(&POOL);
    if let Some(st) = g.as_ref() {
        if st.pid == pid && st.threads == want {
            return st.pool.clone();
        }
    }
    if let Some(old) = g.take() {
        if old.pid != pid {
            // Inherited from the parent across fork: its threads do not exist here.
            std::mem::forget(old);
        }
    }
    let pool = Arc::new(
        ThreadPoolBuilder::new()
            .num_threads(want)
            .thread_name(|i| format!("orbitflops-{i}"))
            .build()
            .expect("building a thread pool"),
    );
    *g = Some(PoolState { pid, threads: want, pool: pool.clone() });
    pool
}
