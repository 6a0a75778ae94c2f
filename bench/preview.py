"""Edit to visible in the preview (``make preview``), on a scratch copy: from saving a file to the
served page holding the new words, for an English paragraph (a chapter) and for an Arabic catalog
entry (the chapter's ``.po``). Each figure is the best of its rounds; the load is the machine's."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHAPTER = "chapters/revenge-as-perception"  # a prose chapter, no notebook
CATALOG = f"locales/ar/LC_MESSAGES/{CHAPTER}.po"


def shown(url: str, words: str, proc: subprocess.Popen, log: Path, seconds: float = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if words in response.read().decode():
                    return
        except (OSError, http.client.HTTPException):  # not served yet, or read while Sphinx rewrote it (cut short)
            pass
        if proc.poll() is not None:
            raise SystemExit(f"the preview stopped:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {words!r} in {seconds} s:\n{log.read_text()[-3000:]}")


def settled(log: Path, rebuilds: int) -> None:
    """Wait for the preview's ``rebuilds``-th rebuild to end (so that rounds do not overlap)."""
    while log.read_text().count("[preview] rebuilt in") < rebuilds:
        time.sleep(0.1)


def edit_to_visible(book: Path, rounds: int = 3) -> dict[str, float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base, log, start = f"http://127.0.0.1:{port}/", book.parent / "preview.log", time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "briefbook", "preview", "--port", str(port)], cwd=book,
                                stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(book)})  # fmt: skip
    english, arabic, loads = [], [], []
    try:
        shown(base, "</html>", proc, log)
        results = {"preview_start_s": time.perf_counter() - start}
        chapter, catalog = book / f"{CHAPTER}.md", book / CATALOG
        text = catalog.read_text(encoding="utf-8")
        for n in range(rounds):
            loads.append(os.getloadavg()[0])
            started = time.perf_counter()
            chapter.write_text(chapter.read_text(encoding="utf-8") + f"\nBenchmark words {n}.\n", encoding="utf-8")
            shown(f"{base}{CHAPTER}.html", f"Benchmark words {n}.", proc, log)
            english.append(time.perf_counter() - started)
            settled(log, 2 + 2 * n)
            started = time.perf_counter()
            catalog.write_text(text.replace('msgstr "ضغط', f'msgstr "BENCH{n} ضغط', 1), encoding="utf-8")
            shown(f"{base}ar/{CHAPTER}.html", f"BENCH{n} ", proc, log)
            arabic.append(time.perf_counter() - started)
            settled(log, 3 + 2 * n)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return {**results, "preview_english_edit_s": min(english), "preview_arabic_edit_s": min(arabic),
            "preview_load1": sum(loads) / len(loads)}  # fmt: skip
