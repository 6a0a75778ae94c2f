"""The benchmark: build speed, validation and chart scaling, and the size of what readers get.

Run with ``make bench``. It works on a scratch copy of the sources (the project's own _build is
not touched), prints a table, writes bench/results.json and the results section of
bench/README.md. Each build runs as ``make book`` runs it (``python -m briefbook build``), timed
from outside; the build of commit :data:`BEFORE` is measured beside this tree's, in the same run. Synthetic event tables are generated here, in a temporary folder, and
never committed. Speed is reported here, never asserted by a test.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from preview import edit_to_visible

from briefbook import edition
from briefbook.pipeline import copy_sources
from briefbook.project import Project

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
EDITED = "chapters/revenge-as-perception.md"  # a prose chapter, no notebook
ROUNDS = 3  # each build measure is the best of this many rounds, each on a scratch copy of its own
FACTOR = 100  # the scaled build: a data package this many times this one (bench/scale.py), every format


# The build measured against: the last commit before the pipeline (briefbook/build/, one process
# for both languages). Each build runs the package of its own tree (python -m briefbook, cwd).
BEFORE = "59ea111"


def missing_pins(theirs: str, ours: str) -> list[str]:
    """The pins of requirements text ``theirs`` that ``ours`` lacks (a package dropped, or pinned otherwise)."""

    def pins(text: str) -> set[str]:  # each line without its comment, blank lines aside
        return {line.split("#")[0].strip() for line in text.splitlines()} - {""}

    return sorted(pins(theirs) - pins(ours))


def before_packages() -> Path:
    """The packages :data:`BEFORE` pins and this environment lacks (it loaded sphinx-sitemap and
    sphinxext-opengraph, which this tree dropped), installed once beside this environment's own."""
    folder = ROOT / ".venv" / f"bench-{BEFORE}"
    if not (folder / ".ready").exists():
        show = ["git", "show", f"{BEFORE}:requirements.txt"]
        theirs = subprocess.run(show, cwd=ROOT, capture_output=True, text=True, check=True).stdout
        pins = missing_pins(theirs, (ROOT / "requirements.txt").read_text(encoding="utf-8"))
        print(f"  installing what {BEFORE} pins and this tree does not: {', '.join(pins)}")
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(folder), *pins]
        subprocess.run(pip, check=True)
        (folder / ".ready").touch()
    return folder


def timed_build(book: Path, *path: Path) -> tuple[float, float, str]:
    """``python -m briefbook build`` in ``book``, with that tree's own package (and the packages on ``path``): its
    wall time, the CPU time of it and every process it waited for (the editions' processes, kernels, XeLaTeX), its
    output."""
    start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, (book, *path)))}  # the notebooks' kernels, too
    out = subprocess.run(
        [sys.executable, "-m", "briefbook", "build"], cwd=book, capture_output=True, text=True, env=env
    )
    if out.returncode:
        raise SystemExit(f"the benchmark's build failed in {book}:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    return time.perf_counter() - start, used, out.stdout


def builds(book: Path, suffix: str = "", *path: Path) -> dict[str, float]:
    """Cold, then with nothing changed, then after one sentence is added to one prose chapter."""
    (cold, cpu, _), (same, *_) = timed_build(book, *path), timed_build(book, *path)
    chapter = book / EDITED
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence added by the benchmark.\n", encoding="utf-8")
    edited = timed_build(book, *path)[0]
    return {f"cold_build{suffix}_s": cold, f"cold_build{suffix}_cpu_s": cpu, f"nochange_build{suffix}_s": same,
            f"one_chapter_build{suffix}_s": edited}  # fmt: skip


def scaled(tmp: Path, factor: int = FACTOR) -> dict[str, float]:
    """A cold build of both editions, every format (HTML, EPUB, LaTeX, the PDF), from a data package
    ``factor`` times this one, made in a scratch copy by bench/scale.py; its time, CPU time and stages."""
    sys.path.insert(0, str(HERE))
    from scale import scale

    book = copy_sources(ROOT, tmp / f"scaled-{factor}")
    scale(book, factor)
    wall, cpu, out = timed_build(book)
    stages = {f"scaled_stage.{name}": float(s) for name, s in re.findall(r"^\[([^]]+)\] done in ([\d.]+) s", out, re.M)}
    return {f"scaled_{factor}x_build_s": wall, f"scaled_{factor}x_build_cpu_s": cpu, **stages}


def before(dest: Path) -> Path:
    """The sources of :data:`BEFORE`, from git."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", BEFORE], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def best_of(n: int, fn, *args) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def draw_charts(data) -> None:
    from briefbook.figures.output import Chart

    sys.path.insert(0, str(ROOT))  # the book's figures/ folder
    from figures import tempo, timeline

    for figure in (timeline, tempo):
        Chart(figure, data, "en").draw("screen").figure.canvas.draw()  # every mark drawn and linked


def scaling(tmp: Path) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    from synthetic import make_project

    from briefbook.data import load
    from briefbook.package import read_once
    from briefbook.validate import validate as problems

    def validate(data_dir: Path) -> list:
        """Read and validate afresh, as a build does (the package is otherwise kept per reading)."""
        read_once.cache_clear()
        return problems(data_dir)

    out = {}
    validate(ROOT / "data")  # warm imports
    for label, rows in SIZES.items():
        data_dir = make_project(tmp / f"synthetic-{label}", ROOT, rows)
        found = validate(data_dir)
        if found:
            raise SystemExit(f"synthetic data do not validate: {found[:3]}")
        out[f"validate_{label}_s"] = best_of(3, validate, data_dir)
        data = load(data_dir)
        out[f"chart_{label}_s"] = best_of(3, draw_charts, data)
    return out


def page_bytes(site: Path, page: str) -> int:
    """Bytes a reader's browser fetches for one chapter page, everything it loads included."""
    from playwright.sync_api import sync_playwright

    class Quietly(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quietly, directory=str(site))
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


def svg_bytes(site: Path) -> dict[str, int]:
    """The size of each chart's SVG as the page holds it (inline; the wide, light variant)."""
    from bs4 import BeautifulSoup

    sizes = {}
    for page in sorted((site / "chapters").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for name in sorted(p.stem for p in (ROOT / "figures").glob("[a-z]*.py")):
            svg = soup.select_one(f"#fig-{name} svg")
            if svg is not None:
                sizes[name] = len(str(svg).encode("utf-8"))
    return dict(sorted(sizes.items()))


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
        if key.endswith("_ratio"):
            lines.append(f"| `{key}` | {value:.2f} |")
        elif key.endswith("_s"):
            lines.append(f"| `{key}` | {value:.2f} s |" if value >= 1 else f"| `{key}` | {value:.3f} s |")
        elif key.endswith("_bytes") and isinstance(value, int):
            lines.append(f"| `{key}` | {value / 1024:.0f} KiB |")
    for key, value in results.items():
        if key.startswith("scaled_stage."):
            lines.append(f"| `{key}` | {value:.1f} s |")
    for name, size in results.get("svg_bytes", {}).items():
        lines.append(f"| `svg_bytes.{name}` | {size / 1024:.0f} KiB |")
    return "\n".join(lines)


def write_readme(results: dict, info: dict) -> None:
    readme = HERE / "README.md"
    begin, end = "<!-- results:begin -->", "<!-- results:end -->"
    ratio_v = results["validate_100k_s"] / results["validate_10k_s"]
    ratio_c = results["chart_100k_s"] / results["chart_10k_s"]
    body = (
        f"{begin}\nMeasured on {info['date']} on {info['machine']['cores']} cores "
        f"({info['machine']['cpu']}, {info['machine']['memory']}), Python {info['machine']['python']}, "
        f"{info['machine']['system']}.\n\n{table(results)}\n\n"
        f"Cold build of both editions against {BEFORE}'s: {results['cold_build_ratio']:.2f} (target at most 0.6). "
        f"One-chapter prose edit against the cold build: "
        f"{results['one_chapter_build_s'] / results['cold_build_s']:.3f}. "
        f"No-change build against the cold build: {results['nochange_build_s'] / results['cold_build_s']:.3f}. Growth from 10k to 100k rows: validation {ratio_v:.1f}, charts {ratio_c:.1f} "
        f"(target at most 12). CPU time of the cold build against {BEFORE}'s: {results['cold_build_cpu_ratio']:.2f}. "
        f"A data package {FACTOR} times this one, both editions and every format: "
        f"{results[f'scaled_{FACTOR}x_build_s']:.0f} s ({results[f'scaled_{FACTOR}x_build_cpu_s']:.0f} s of CPU), "
        f"{results[f'scaled_{FACTOR}x_build_s'] / results['cold_build_s']:.1f} times the cold build "
        f"({results[f'scaled_{FACTOR}x_build_cpu_s'] / results['cold_build_cpu_s']:.1f} in CPU time).\n{end}"
    )
    replace_block(readme, begin, end, body)
    write_preview(results, info)


def write_preview(results: dict, info: dict) -> None:
    """The preview's figures, in a section of bench/README.md of their own (``--preview`` rewrites it)."""
    begin, end = "<!-- preview:begin -->", "<!-- preview:end -->"
    body = (
        f"{begin}\nThe preview (`make preview`), from saving a file to the served page holding the new words, "
        f"measured on {time.strftime('%Y-%m-%d')} at a load average of {results['preview_load1']:.1f} on "
        f"{info['machine']['cores']} cores (best of {ROUNDS}): **{results['preview_english_edit_s']:.2f} s** for a "
        f"paragraph of an English chapter (both editions rebuilt), **{results['preview_arabic_edit_s']:.2f} s** for "
        f"an entry of an Arabic catalog (the Arabic edition rebuilt); {results['preview_start_s']:.0f} s from "
        f"starting the preview on a fresh copy to its first page.\n{end}"
    )
    replace_block(HERE / "README.md", begin, end, body)


def replace_block(readme: Path, begin: str, end: str, body: str) -> None:
    text = readme.read_text(encoding="utf-8")
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
        print(f"{ROUNDS} rounds: {BEFORE} and this tree, side by side: cold, nothing changed, one-chapter edit ...")
        rounds = []
        for n in range(ROUNDS):
            old = builds(before(tmp / f"before-{n}"), "_before", before_packages())
            rounds.append({**builds(copy_sources(ROOT, tmp / f"book-{n}")), **old})
        results = {key: min(r[key] for r in rounds) for key in rounds[0]}  # the best of the rounds, as for the rest
        results["cold_build_ratio"] = results["cold_build_s"] / results["cold_build_before_s"]
        results["cold_build_cpu_ratio"] = results["cold_build_cpu_s"] / results["cold_build_before_cpu_s"]
        print(f"both editions, every format, from a data package {FACTOR} times this one ...")
        results.update(scaled(tmp))
        book = tmp / "book-0"
        print("validation and charts on synthetic event tables of 1k, 10k and 100k rows ...")
        results.update(scaling(tmp))
        layout = Project(book)
        results["page_bytes"] = page_bytes(layout.html_dir, "chapters/strikes-and-escalation.html")
        results["pdf_bytes"] = layout.published("pdf").stat().st_size
        results["epub_bytes"] = layout.published("epub").stat().st_size
        results["svg_bytes"] = svg_bytes(layout.html_dir)
        print("the preview: edit to visible, English and Arabic ...")
        results.update(edit_to_visible(copy_sources(ROOT, tmp / "preview" / "book"), ROUNDS))
    info = {"date": datetime.now(tz=UTC).strftime("%Y-%m-%d"), "machine": machine()}
    (HERE / "results.json").write_text(json.dumps({**results, **info}, indent=2) + "\n", encoding="utf-8")
    write_readme(results, info)
    print(table(results))
    print("written: bench/results.json, bench/README.md")
    return 0


if __name__ == "__main__":
    ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else ROUNDS
    if "--scaled" in sys.argv:  # only the scaled build: python bench/run.py --scaled [FACTOR]
        os.environ.setdefault("SOURCE_DATE_EPOCH", edition.source_date_epoch(ROOT))
        factor = sys.argv[sys.argv.index("--scaled") + 1 :][:1]
        with tempfile.TemporaryDirectory(prefix="briefbook-bench-") as tmp:
            print(table(scaled(Path(tmp), int(factor[0]) if factor else FACTOR)))
        sys.exit(0)
    if "--preview" in sys.argv:  # only the preview's measures, merged into the last results
        with tempfile.TemporaryDirectory(prefix="briefbook-bench-") as tmp:
            found = edit_to_visible(copy_sources(ROOT, Path(tmp) / "book"), ROUNDS)
        last = json.loads((HERE / "results.json").read_text(encoding="utf-8"))
        info = {"date": last.pop("date"), "machine": last.pop("machine")}
        (HERE / "results.json").write_text(json.dumps({**last, **found, **info}, indent=2) + "\n", encoding="utf-8")
        write_preview(found, info)
        print(table(found))
        sys.exit(0)
    sys.exit(main())
