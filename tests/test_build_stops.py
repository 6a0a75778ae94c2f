"""Builds that stop: bad data stop the build before it writes; a second build at once is refused;
an unwritable _build is one line; a build killed at a stage leaves no lock and no process, and the
next build runs. Each test builds a scratch copy of its own (apart from test_build's, so that the
two files' builds can run on both workers)."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import copy_project, edit_cell, plainly, run_build

pytestmark = pytest.mark.build


def test_bad_data_stop_the_build_before_it_writes(tmp_path):
    dest = tmp_path / "book"
    copy_project(dest)
    edit_cell(dest / "data" / "quotations.csv", "askari-2021-07-08-restraint", "date", "2021-13-45")
    result = run_build(dest)
    assert result.returncode == 1
    assert "data/quotations.csv:2: date: '2021-13-45' is not a date (YYYY-MM-DD)" in result.stderr
    assert not (dest / "_build").exists()


def test_a_second_build_in_the_same_checkout_is_refused(tmp_path):
    project = copy_project(tmp_path / "book")
    # in a process group of its own, which is killed whole, as Ctrl-C stops a build with the processes
    # Sphinx forks to read pages side by side (they share the build's lock)
    first = subprocess.Popen([sys.executable, "-m", "briefbook", "build"], cwd=project, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not list((project / "_build" / "logs").glob("build-*.log")):  # the first holds the lock
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        second = run_build(project)
        assert second.returncode == 1
        assert plainly(second, lines=1).startswith(
            f"another build is running in this checkout (process {first.pid}, started "
        )
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    # killed in the middle, the first build left no lock behind (once the killed processes are gone)
    with open(project / "_build" / ".lock", "rb") as lock:
        deadline = time.monotonic() + 10
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                assert time.monotonic() < deadline, "the lock outlived the killed build"
                time.sleep(0.2)


@contextmanager
def unwritable(folder: Path):
    """The folder made unwritable: by its mode, and for root (whom modes do not stop) immutable."""
    folder.chmod(0o500)
    immutable = os.geteuid() == 0 and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    if os.geteuid() == 0 and not immutable:
        folder.chmod(0o700)
        pytest.skip("running as root where the folder cannot be made immutable")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o700)


def test_an_unwritable_build_folder_is_one_line(tmp_path):
    project = copy_project(tmp_path / "book")
    (project / "_build").mkdir()
    with unwritable(project / "_build"):
        result = run_build(project)
    assert result.returncode == 1
    message = plainly(result, lines=1)
    assert re.fullmatch(r"briefbook build: (Permission denied|Operation not permitted): _build/\.lock\n", message)


def session_processes(sid: int) -> list[int]:
    """The live processes of a session (a killed build's, and whatever it forked)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[3]) == sid:  # state, ppid, pgrp, session
            found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize("stage", ["  12 of 12 pages to read", "[PDF (XeLaTeX), Arabic] ..."])
def test_a_build_killed_at_a_stage_leaves_no_lock_and_no_process(tmp_path, stage):
    """kill -9 of the build's own process only (not its group), while the editions' processes read
    the pages, or while XeLaTeX runs: nothing it started outlives it for long (the editions'
    processes die with it), the lock is free, and the next build runs."""
    project = copy_project(tmp_path / "book")
    first = subprocess.Popen([sys.executable, "-m", "briefbook", "build"], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, start_new_session=True)  # fmt: skip
    try:
        for line in first.stdout:
            if line.startswith(stage):
                break
        else:
            pytest.fail(f"the build ended before {stage!r}")
        time.sleep(2)  # well into the stage
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        deadline = time.monotonic() + 10  # XeLaTeX alone runs far longer: it is stopped, not waited for
        while session_processes(first.pid):
            assert time.monotonic() < deadline, f"left running: {session_processes(first.pid)}"
            time.sleep(0.2)
        with open(project / "_build" / ".lock", "rb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free
    finally:
        for pid in session_processes(first.pid):
            os.kill(pid, signal.SIGKILL)
    # the next build takes the lock and starts (it is stopped there: a whole build is not needed)
    second = subprocess.Popen([sys.executable, "-m", "briefbook", "build"], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)  # fmt: skip
    try:
        said = [line for line, _ in zip(second.stdout, range(3), strict=False)]
        assert any(line.startswith("[LaTeX sources") for line in said), said  # the editions' first stage
    finally:
        os.killpg(second.pid, signal.SIGKILL)
        second.wait()
