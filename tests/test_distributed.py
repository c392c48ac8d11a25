"""Distributed studies on a real PostgreSQL server: several worker processes share one study;
a worker killed with SIGKILL loses no completed trial and its running trial is run again.

The server comes from ``ORBITFLOPS_TEST_POSTGRES_URL`` (``scripts/test`` starts one). Under CI
these tests fail, never skip, when the server is missing or unreachable."""

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid

import optuna
import pytest
from optuna.storages import RetryHeartbeatStaleTrialCallback
from optuna.trial import TrialState

import orbitflops as of
from orbitflops.optimize import create_study, make_storage

URL = os.environ.get("ORBITFLOPS_TEST_POSTGRES_URL")
if not URL:
    if os.environ.get("CI"):
        raise RuntimeError("ORBITFLOPS_TEST_POSTGRES_URL is not set: CI must run the distributed tests against a real PostgreSQL server (scripts/test starts one)")
    pytest.skip("ORBITFLOPS_TEST_POSTGRES_URL is not set (local run without PostgreSQL)", allow_module_level=True)

optuna.logging.set_verbosity(optuna.logging.WARNING)
EXE = os.path.join(os.path.dirname(sys.executable), "orbitflops")


def scenario():
    toml = of.Scenario.default().to_toml().split("[search]")[0]
    return of.Scenario.from_toml_str(toml + "[search]\narray_area_m2 = { low = 1000.0, high = 40000.0, log = true }\n"
                                     "radiator_area_m2 = { low = 100.0, high = 5000.0, log = true }\nracks = [1, 12]\n")


def new_study(n):
    import psycopg2

    psycopg2.connect(URL).close()  # the server must answer
    name = f"t-{uuid.uuid4().hex[:10]}"
    create_study(scenario(), storage=URL, study_name=name, sampler="random", n_trials_target=n, parameterisation="plain")
    return name


_STORAGE = {}


def trials(name):
    if "s" not in _STORAGE:
        _STORAGE["s"] = make_storage(URL)
    return optuna.load_study(study_name=name, storage=_STORAGE["s"]).get_trials(deepcopy=False)


def test_two_workers_finish_one_study_with_the_right_number_of_trials():
    name = new_study(40)
    cmd = [EXE, "worker", "--storage", URL, "--study", name, "--heartbeat-interval", "1"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=180)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    ts = trials(name)
    complete = [t for t in ts if t.state == TrialState.COMPLETE]
    assert len(complete) == 40
    assert not [t for t in ts if t.state in (TrialState.RUNNING, TrialState.WAITING)]
    ran = [int(o.split("worker ran ")[1].split()[0]) for o in outs]
    assert sum(ran) == len(ts)  # every trial of the study was run by one of the two workers
    assert all(set(t.constraints) == {"power", "battery_dod", "thermal", "mass"} for t in complete)


SLOW_WORKER = textwrap.dedent(
    """
    import sys, time
    from orbitflops.optimize import space as sp
    from orbitflops.optimize import worker
    slow = sp.SearchSpace.evaluate
    def evaluate(self, params, outputs):
        time.sleep(1.0)
        return slow(self, params, outputs)
    sp.SearchSpace.evaluate = evaluate
    worker(sys.argv[1], sys.argv[2], heartbeat_interval_s=1)
    """
)


SEARCHED = {"array_area_m2", "radiator_area_m2", "racks"}  # the search space of scenario()


def test_killed_worker_loses_no_completed_trial_and_its_trial_is_rerun():
    name = new_study(20)
    slow = subprocess.Popen([sys.executable, "-c", SLOW_WORKER, URL, name])
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            assert slow.poll() is None, "the slow worker exited before it could be killed"
            ts = trials(name)
            # Kill it mid-evaluation (the slow worker sleeps there): its running trial has all its
            # parameters and a heartbeat. A trial killed before its heartbeat is the next test's.
            if sum(t.state == TrialState.COMPLETE for t in ts) >= 3 and any(t.state == TrialState.RUNNING and set(t.params) >= SEARCHED for t in ts):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the slow worker never got going")
        os.kill(slow.pid, signal.SIGKILL)
        slow.wait(timeout=30)
    finally:
        if slow.poll() is None:
            slow.kill()
    ts = trials(name)
    before = {t.number: (t.params, t.values) for t in ts if t.state == TrialState.COMPLETE}
    killed = [t for t in ts if t.state == TrialState.RUNNING]
    assert len(killed) == 1
    r = subprocess.run([EXE, "worker", "--storage", URL, "--study", name, "--heartbeat-interval", "1"], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    ts = trials(name)
    by_number = {t.number: t for t in ts}
    # nothing completed before the kill was lost or changed
    for n, (params, values) in before.items():
        assert by_number[n].state == TrialState.COMPLETE and by_number[n].params == params and by_number[n].values == values
    # the killed worker's trial was failed and run again with the same parameters
    k = by_number[killed[0].number]
    assert k.state == TrialState.FAIL
    retries = [t for t in ts if RetryHeartbeatStaleTrialCallback.retried_trial_number(t) == k.number]
    assert len(retries) == 1 and retries[0].state == TrialState.COMPLETE and retries[0].params == killed[0].params
    assert sum(t.state == TrialState.COMPLETE for t in ts) == 20


def test_trial_abandoned_before_its_first_heartbeat_is_failed_and_retried():
    """A worker killed between creating its trial and recording the first heartbeat leaves a
    RUNNING trial with no heartbeat, which Optuna's stale-trial check never sees; the study must
    still finish."""
    name = new_study(6)
    st = make_storage(URL)
    zombie = optuna.load_study(study_name=name, storage=st).ask()  # RUNNING, never a heartbeat
    r = subprocess.run([EXE, "worker", "--storage", URL, "--study", name, "--heartbeat-interval", "1"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    ts = trials(name)
    by_number = {t.number: t for t in ts}
    assert by_number[zombie.number].state == TrialState.FAIL
    assert [t.number for t in ts if RetryHeartbeatStaleTrialCallback.retried_trial_number(t) == zombie.number]
    assert sum(t.state == TrialState.COMPLETE for t in ts) == 6
    assert not [t for t in ts if t.state == TrialState.RUNNING]
