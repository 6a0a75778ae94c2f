"""One build at a time in a checkout: an exclusive ``flock`` on ``_build/.lock``.

The kernel releases the lock when the process ends, however it ends, so a build that crashed
or was killed never leaves the checkout locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager

from ..project import Project
from .failures import BuildError


@contextmanager
def locked(project: Project):
    path = project.lock_file
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode(errors="replace").strip() or "another process"
            raise BuildError(
                f"another build is running in this checkout ({holder}); wait for it to end, then build again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()}, started {time.strftime('%H:%M:%S')}".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
