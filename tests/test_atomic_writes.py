"""``orbitflops._io``: an interrupted write (an exception inside the writer, or the process killed
mid-write) never leaves a half-written file in place of a good one, nor a stray temporary file
after an exception."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from orbitflops import _io

GOOD = "good,complete\n" * 100


def others(tmp_path, name):
    return sorted(p.name for p in tmp_path.iterdir() if p.name != name)


def test_exception_in_text_writer_keeps_old_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text(GOOD)
    with pytest.raises(RuntimeError):
        with _io.atomic_open(target, "w") as f:
            f.write("half")
            raise RuntimeError("disk on fire")
    assert target.read_text() == GOOD
    assert others(tmp_path, "out.csv") == []


def test_exception_in_path_writer_keeps_old_file(tmp_path):
    target = tmp_path / "plot.png"
    target.write_bytes(b"old-png")

    def writer(p):
        p.write_bytes(b"partial")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _io.atomic_write_with(target, writer)
    assert target.read_bytes() == b"old-png"
    assert others(tmp_path, "plot.png") == []


def test_success_replaces_and_creates_folders(tmp_path):
    target = tmp_path / "a" / "b" / "best.toml"
    _io.atomic_write_text(target, "x = 1\n")
    assert target.read_text() == "x = 1\n"
    _io.atomic_write_text(target, "x = 2\n")
    assert target.read_text() == "x = 2\n"
    assert others(target.parent, "best.toml") == []


def test_read_modes_are_rejected(tmp_path):
    with pytest.raises(ValueError, match="mode"):
        with _io.atomic_open(tmp_path / "x", "r"):
            pass


def test_killed_mid_write_leaves_the_good_file(tmp_path):
    target = tmp_path / "results.csv"
    target.write_text(GOOD)
    started = tmp_path / "started"
    script = textwrap.dedent(
        f"""
        import pathlib, time
        from orbitflops import _io
        with _io.atomic_open({str(target)!r}, "w") as f:
            f.write("partial row\\n" * 1000)
            f.flush()
            pathlib.Path({str(started)!r}).write_text("1")
            time.sleep(60)
            f.write("never\\n")
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not started.exists():
            assert proc.poll() is None, "writer exited early"
            assert time.monotonic() < deadline, "writer did not start"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_text() == GOOD
    # The killed process may leave its temporary file, but never under the target's name.
    assert all(n.startswith(".results.csv.") and n.endswith(".tmp") for n in others(tmp_path, "results.csv") if n != "started")
