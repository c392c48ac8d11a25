"""``evaluate_batch`` from many Python threads at once equals sequential calls; it works in
processes forked after the thread pool started (multiprocessing, joblib or concurrent.futures)
without deadlock; the thread count is set by ``ORBITFLOPS_NUM_THREADS`` or ``set_num_threads``.
Every wait has a timeout so that a deadlock fails the test instead of hanging it."""

import functools
import multiprocessing as mp
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import orbitflops as of

S = of.Scenario.default()
N = 5000  # more than one chunk of the parallel batch
TIMEOUT = 120


def inputs(seed):
    rng = np.random.default_rng(seed)
    return {
        "array_area_m2": rng.uniform(2000, 9000, N),
        "radiator_area_m2": rng.uniform(200, 900, N),
        "racks": rng.integers(1, 8, N).astype(float),
        "launch_price_usd_per_kg": rng.uniform(100, 3000, N),
    }


def run(seed):
    return of.evaluate_batch(S, outputs="all", **inputs(seed))


def same(a, b):
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


def test_many_threads_equal_sequential():
    seeds = list(range(12))
    want = [run(s) for s in seeds]
    barrier = threading.Barrier(6)

    def task(s):
        if s < 6:
            barrier.wait(timeout=TIMEOUT)  # start the first six at the same moment
        return run(s)

    with ThreadPoolExecutor(max_workers=6) as ex:
        futures = [ex.submit(task, s) for s in seeds]
        got = [f.result(timeout=TIMEOUT) for f in futures]
    for w, g in zip(want, got):
        same(w, g)


def test_threads_while_thread_count_changes():
    want = run(3)
    stop = threading.Event()
    errors = []
    flips = []

    def flip():
        k = 0
        try:
            while not stop.is_set():
                of.set_num_threads(1 + k % 3)
                k += 1
        except BaseException as e:  # noqa: BLE001 - reported to the test below
            errors.append(e)
        flips.append(k)

    t = threading.Thread(target=flip, daemon=True)
    t.start()
    try:
        with ThreadPoolExecutor(max_workers=3) as ex:
            for g in [f.result(timeout=TIMEOUT) for f in [ex.submit(run, 3) for _ in range(6)]]:
                same(want, g)
    finally:
        stop.set()
        t.join(timeout=TIMEOUT)
        of.set_num_threads(0)
    assert not t.is_alive(), "the thread changing the thread count did not stop"
    assert not errors, errors
    assert flips and flips[0] > 1, "the thread count never changed during the batches"


def _child(seed):
    out = run(seed)
    return {k: v.tobytes() for k, v in out.items()}


def _as_bytes(out):
    return {k: v.tobytes() for k, v in out.items()}


@pytest.mark.skipif(sys.platform != "linux", reason="the fork start method is Linux-only here")
def test_multiprocessing_fork_after_pool_started():
    want = [_as_bytes(run(s)) for s in range(4)]  # the parent's pool is running now
    ctx = mp.get_context("fork")
    with ctx.Pool(2) as pool:
        got = pool.map_async(_child, range(4)).get(timeout=TIMEOUT)
    assert got == want


@pytest.mark.skipif(sys.platform != "linux", reason="the fork start method is Linux-only here")
def test_fork_from_a_busy_parent():
    # A batch is running in another thread of the parent while it forks.
    want = _as_bytes(run(5))
    ctx = mp.get_context("fork")
    with ThreadPoolExecutor(max_workers=1) as ex:
        busy = ex.submit(lambda: [run(s) for s in range(3)])
        with ctx.Pool(2) as pool:
            got = pool.map_async(_child, [5, 5]).get(timeout=TIMEOUT)
        busy.result(timeout=TIMEOUT)
    assert got == [want, want]


def test_joblib_or_process_pool():
    want = [_as_bytes(run(s)) for s in range(3)]
    try:
        import joblib
    except ImportError:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(2, mp_context=mp.get_context("fork")) as ex:
            got = list(ex.map(_child, range(3), timeout=TIMEOUT))
    else:
        got = joblib.Parallel(n_jobs=2, backend="multiprocessing", timeout=TIMEOUT)(joblib.delayed(_child)(s) for s in range(3))
        got_loky = joblib.Parallel(n_jobs=2, timeout=TIMEOUT)(joblib.delayed(_child)(s) for s in range(3))
        assert got_loky == want
    assert got == want


def test_set_num_threads_and_env_variable():
    try:
        of.set_num_threads(1)
        assert of.get_num_threads() == 1
        one = run(9)
        of.set_num_threads(2)
        assert of.get_num_threads() == 2
        same(one, run(9))
    finally:
        of.set_num_threads(0)
    code = "import orbitflops as of; print(of.get_num_threads())"
    env = dict(os.environ, ORBITFLOPS_NUM_THREADS="3")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=True)
    assert out.stdout.strip() == "3"


@pytest.mark.parametrize("bad", [-1, 10**30, 1025])
def test_set_num_threads_rejects_out_of_range(bad):
    with pytest.raises(ValueError, match=str(bad)):
        of.set_num_threads(bad)


@pytest.mark.parametrize("bad", [1.5, "2", None, True])
def test_set_num_threads_rejects_non_int(bad):
    with pytest.raises(TypeError):
        of.set_num_threads(bad)


@functools.lru_cache(maxsize=None)
def _thread_count_in_child(env_items):
    code = "import orbitflops as of; r = of.evaluate_batch(of.Scenario.default(), racks=[1.0, 2.0]); print(of.get_num_threads())"
    out = subprocess.run([sys.executable, "-c", code], env=dict(env_items), capture_output=True, text=True, timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


def default_thread_count(**env_changes):
    """get_num_threads() in a fresh interpreter, the environment changed by ``env_changes``
    (None removes a variable)."""
    env = dict(os.environ)
    for k, v in env_changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return _thread_count_in_child(tuple(sorted(env.items())))


def test_default_thread_count_is_the_available_cores():
    # Documented: without ORBITFLOPS_NUM_THREADS, every available core. "Available" honours the
    # CPU affinity mask and a container's CPU quota, so it can be fewer than the machine's CPUs,
    # never more, and at least one.
    n = default_thread_count(ORBITFLOPS_NUM_THREADS=None)
    assert 1 <= n <= (os.cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        assert n <= len(os.sched_getaffinity(0))


@pytest.mark.parametrize("value,expect", [pytest.param("100000", 1024, marks=pytest.mark.slow), (" 7 ", 7), ("0", None), ("-4", None), ("many", None)])
def test_env_variable_is_capped_or_ignored(value, expect):
    threads = default_thread_count(ORBITFLOPS_NUM_THREADS=value)
    # An unusable value is ignored: the count is the default one, as if the variable were unset.
    assert threads == (expect if expect is not None else default_thread_count(ORBITFLOPS_NUM_THREADS=None))


def test_zero_restores_the_automatic_count():
    auto = default_thread_count()
    try:
        of.set_num_threads(3)
        assert of.get_num_threads() == 3
        of.set_num_threads(0)
        assert of.get_num_threads() == auto
    finally:
        of.set_num_threads(0)
