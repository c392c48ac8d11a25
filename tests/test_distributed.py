"""Distributed studies on a real PostgreSQL server: several worker processes share one study;
a worker killed with SIGKILL loses no completed trial and its running trial is run again.

The server comes from ``ORBITFLOPS_TEST_POSTGRES_URL`` (``scripts/test`` starts one). Under CI
these tests fail, never skip, when the server is missing or unreachable."""

import json
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


@pytest.mark.slow
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


HELD_WORKER = textwrap.dedent(
    """
    import json, os, sys, time
    from orbitflops.optimize import space as sp
    from orbitflops.optimize import worker
    evaluate = sp.SearchSpace.evaluate
    calls = []
    def held(self, params_list, outputs):
        calls.append(1)
        if len(calls) > 3:
            # The fourth trial stops mid-evaluation, its parameters drawn and its heartbeat running,
            # and says so; it stays there until the test kills the process, so nothing can finish
            # between the test's look at the study and the kill.
            with open(sys.argv[3] + ".tmp", "w") as f:
                json.dump(dict(params_list[0]), f)
            os.replace(sys.argv[3] + ".tmp", sys.argv[3])
            while True:
                time.sleep(60)
        return evaluate(self, params_list, outputs)
    sp.SearchSpace.evaluate = held
    worker(sys.argv[1], sys.argv[2], heartbeat_interval_s=1)
    """
)


SEARCHED = {"array_area_m2", "radiator_area_m2", "racks"}  # the search space of scenario()


@pytest.mark.slow
def test_killed_worker_loses_no_completed_trial_and_its_trial_is_rerun(tmp_path):
    name = new_study(20)
    ready = tmp_path / "held.json"
    held = subprocess.Popen([sys.executable, "-c", HELD_WORKER, URL, name, str(ready)])
    try:
        deadline = time.time() + 120
        while not ready.exists():
            assert held.poll() is None, "the worker exited before its fourth trial"
            assert time.time() < deadline, "the worker never reached its fourth trial"
            time.sleep(0.05)
        params = json.loads(ready.read_text())
        ts = trials(name)
        running = [t for t in ts if t.state == TrialState.RUNNING]
        assert sum(t.state == TrialState.COMPLETE for t in ts) == 3
        assert len(running) == 1 and set(running[0].params) >= SEARCHED and running[0].params == params
        os.kill(held.pid, signal.SIGKILL)
        held.wait(timeout=30)
    finally:
        if held.poll() is None:
            held.kill()
    ts = trials(name)
    before = {t.number: (t.params, t.values) for t in ts if t.state == TrialState.COMPLETE}
    killed = [t for t in ts if t.state == TrialState.RUNNING]
    assert [t.number for t in killed] == [running[0].number]
    r = subprocess.run([EXE, "worker", "--storage", URL, "--study", name, "--heartbeat-interval", "1"], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    ts = trials(name)
    by_number = {t.number: t for t in ts}
    # nothing completed before the kill was lost or changed
    for n, (p, values) in before.items():
        assert by_number[n].state == TrialState.COMPLETE and by_number[n].params == p and by_number[n].values == values
    # the killed worker's trial was failed and run again with the same parameters
    k = by_number[killed[0].number]
    assert k.state == TrialState.FAIL
    retries = [t for t in ts if RetryHeartbeatStaleTrialCallback.retried_trial_number(t) == k.number]
    assert len(retries) == 1 and retries[0].state == TrialState.COMPLETE and retries[0].params == killed[0].params
    assert sum(t.state == TrialState.COMPLETE for t in ts) == 20


@pytest.mark.slow
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
