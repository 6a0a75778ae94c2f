"""The benchmark: build speed, validation and chart scaling, and the size of what readers get.

Run with ``make bench``. It works on a scratch copy of the sources (the project's own _build is
not touched), prints a table, writes bench/results.json and the results section of
bench/README.md. Synthetic event tables are generated here, in a temporary folder, and never
committed. Speed is reported here, never asserted by a test.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import platform
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import make_project  # noqa: E402

from briefbook import edition, figures  # noqa: E402
from briefbook.build import Progress, copy_sources, html_stage, pdf_path, pdf_stage  # noqa: E402
from briefbook.data import load  # noqa: E402
from briefbook.validate import validate  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


class Quiet(Progress):
    def say(self, text: str) -> None:
        pass


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def best_of(n: int, fn, *args) -> float:
    return min(timed(fn, *args) for _ in range(n))


def builds(book: Path) -> dict[str, float]:
    """The stages as `make book` runs them (each skipped when nothing it depends on changed)."""
    progress = Quiet(book)
    out = {"cold_html_s": timed(html_stage, book, progress)}
    out["cold_pdf_s"] = timed(pdf_stage, book, progress)
    # a rebuild as `make book` runs it: the data are validated, then the stage finds nothing to do
    out["nochange_html_s"] = timed(lambda: (validate(book / "data"), html_stage(book, progress)))
    out["nochange_pdf_s"] = timed(pdf_stage, book, progress)
    chapter = book / "chapters" / "revenge-as-perception.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence added by the benchmark.\n", encoding="utf-8")
    out["one_chapter_html_s"] = timed(html_stage, book, progress)
    pdf_stage(book, progress)
    return {k: out[k] for k in ("cold_html_s", "nochange_html_s", "one_chapter_html_s", "cold_pdf_s", "nochange_pdf_s")}


def draw_charts(data) -> None:
    for draw in (figures.timeline, figures.tempo):
        fig = draw(data)
        fig.canvas.draw()  # lay out and render, as saving would


def scaling(tmp: Path) -> dict[str, float]:
    out = {}
    validate(ROOT / "data")  # warm imports
    for label, rows in SIZES.items():
        data_dir = make_project(tmp / f"synthetic-{label}", ROOT, rows)
        problems = validate(data_dir)
        if problems:
            raise SystemExit(f"synthetic data do not validate: {problems[:3]}")
        out[f"validate_{label}_s"] = best_of(3, validate, data_dir)
        data = load(data_dir)
        out[f"chart_{label}_s"] = best_of(3, draw_charts, data)
    return out


def page_bytes(site: Path, page: str) -> int:
    """Bytes a reader's browser fetches for one chapter page, everything it loads included."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    total = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])  # fmt: skip
            page_ = browser.new_page()
            sizes = []
            page_.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
            page_.goto(f"http://127.0.0.1:{server.server_address[1]}/{page}")
            page_.wait_for_load_state("networkidle")
            total = sum(sizes)
            browser.close()
    finally:
        server.shutdown()
    return total


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}  # fmt: skip


def table(results: dict) -> str:
    lines = ["| measure | value |", "| --- | ---: |"]
    for key, value in results.items():
        if key.endswith("_s"):
            lines.append(f"| `{key}` | {value:.2f} s |" if value >= 1 else f"| `{key}` | {value:.3f} s |")
        elif key.endswith("_bytes") and isinstance(value, int):
            lines.append(f"| `{key}` | {value / 1024:.0f} KiB |")
    for name, size in results.get("svg_bytes", {}).items():
        lines.append(f"| `svg_bytes.{name}` | {size / 1024:.0f} KiB |")
    return "\n".join(lines)


def write_readme(results: dict, info: dict) -> None:
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    begin, end = "<!-- results:begin -->", "<!-- results:end -->"
    ratio_v = results["validate_100k_s"] / results["validate_10k_s"]
    ratio_c = results["chart_100k_s"] / results["chart_10k_s"]
    body = (
        f"{begin}\nMeasured on {info['date']} on {info['machine']['cores']} cores "
        f"({info['machine']['cpu']}, {info['machine']['memory']}), Python {info['machine']['python']}, "
        f"{info['machine']['system']}.\n\n{table(results)}\n\n"
        f"No-change rebuild against cold HTML build: {results['nochange_html_s'] / results['cold_html_s']:.3f} "
        f"(target at most 0.1). Growth from 10k to 100k rows: validation {ratio_v:.1f}, charts {ratio_c:.1f} "
        f"(target at most 12).\n{end}"
    )
    if begin in text:
        text = text[: text.index(begin)] + body + text[text.index(end) + len(end) :]
    else:
        text += "\n" + body + "\n"
    readme.write_text(text, encoding="utf-8")


def main() -> int:
    # The scratch copy has no git history: date it as the checkout it was copied from.
    os.environ.setdefault("SOURCE_DATE_EPOCH", edition.source_date_epoch(ROOT))
    with tempfile.TemporaryDirectory(prefix="briefbook-bench-") as tmp:
        tmp = Path(tmp)
        book = copy_sources(ROOT, tmp / "book")
        print("building a scratch copy of the book (cold, no change, one chapter edited; PDF cold, no change) ...")
        results = builds(book)
        print("validation and charts on synthetic event tables of 1k, 10k and 100k rows ...")
        results.update(scaling(tmp))
        results["page_bytes"] = page_bytes(book / "_build" / "html", "chapters/strikes-and-escalation.html")
        results["pdf_bytes"] = pdf_path(book).stat().st_size
        results["svg_bytes"] = {p.stem: p.stat().st_size for p in sorted((book / "figures").glob("*.svg"))}
    info = {"date": datetime.now(tz=UTC).strftime("%Y-%m-%d"), "machine": machine()}
    (HERE / "results.json").write_text(json.dumps({**results, **info}, indent=2) + "\n", encoding="utf-8")
    write_readme(results, info)
    print(table(results))
    print("written: bench/results.json, bench/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
