"""One build at a time in a checkout: an exclusive ``flock`` on ``_build/.lock``.

The kernel releases the lock when the last descriptor of its open file is closed, however the
process ends, so a build that crashed or was killed never leaves the checkout locked. The
processes a build forks (Sphinx's parallel read, :mod:`.parallel`) would inherit that open file
and keep the lock after the build was killed, so each one closes its copy as soon as it is forked,
and is made to die with the build (``PR_SET_PDEATHSIG``): none outlives a killed build, blocked on
a pipe nobody reads.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import sys
import time
from contextlib import contextmanager

from ..project import Project
from .failures import BuildError

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_HELD: dict[int, int] = {}  # the lock's descriptor, held by this process: fd -> the holder's pid


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed when the process that forked it dies (Linux), and end now if
    it already has."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def _after_fork_in_child() -> None:
    """A process forked while the build holds the lock neither holds it nor outlives the build."""
    if not _HELD:
        return
    parents = set(_HELD.values())
    for fd in list(_HELD):
        try:
            os.close(fd)  # not flock(LOCK_UN): that would release the build's own lock
        except OSError:
            pass
    _HELD.clear()
    for parent in parents:
        die_with_parent(parent)


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def locked(project: Project):
    path = project.lock_file
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode(errors="replace").strip() or "another process"
            raise BuildError(
                f"another build is running in this checkout ({holder}); wait for it to end, then build again"
            ) from None
        _HELD[fd] = os.getpid()
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()}, started {time.strftime('%H:%M:%S')}".encode(), 0)
        yield
    finally:
        _HELD.pop(fd, None)
        os.close(fd)  # closing the descriptor releases the lock
