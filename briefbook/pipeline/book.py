"""``make book``: validated once, locked, built if the sources changed, one process per language, published at once."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import yaml
from sphinx.util.texescape import escape

from ..archive import deterministic_zip
from ..edition import ConfigError, checked_address, commit, edition_date, settings, source_date_epoch
from ..i18n import catalogs
from ..i18n.data import coverage
from ..languages import LANGUAGES, SOURCE, language
from ..package import read_package
from ..project import Project
from ..sphinx import translation
from ..validate import brief_notice, report, validate
from . import NOT_BOOK, NOT_SOURCES, BuildError, os_error, say

ATTEMPTS = 3  # builds in a row while the sources keep changing under them
BUILDS_LOGGED = 10  # the builds whose logs (one a language) are kept
PATHS = {"bibtex_bibfiles", "html_static_path", "html_extra_path", "templates_path", "locale_dirs", "html_favicon"}
PATHS |= {"html_logo", "latex_additional_files", "external_toc_path"}  # what Sphinx reads from conf.py's folder


def validated(project: Project, release: bool, outcome: str = "; nothing was built") -> bool:
    """Every problem in the data, by file, row and column (a release: also the data's translations)."""
    start = time.monotonic()
    if valid := not report(validate(project.data_dir, release=release), outcome):
        say(f"[validate] data/ is valid ({time.monotonic() - start:.1f} s); {brief_notice(project.root)}")
    return valid


@contextmanager
def locked(project: Project):
    """One build at a time in a checkout: an exclusive ``flock``, released however the build ends."""
    project.lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(project.lock_file, "a+b", buffering=0) as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(lock.fileno(), 200, 0).decode(errors="replace").strip() or "another process"
            why = f"another build is running in this checkout ({holder}); wait for it to end, then build again"
            raise BuildError(why) from None
        lock.truncate(0)
        lock.write(f"process {os.getpid()}, started {time.strftime('%H:%M:%S')}".encode())
        try:
            yield
        finally:
            lock.truncate(0)  # released: the file names no build, which nobody may take for a running one


def write_conf(project: Project, release: bool = False) -> Path:
    """``conf.py``: what ``jupyter-book config sphinx`` makes of _config.yml, paths made whole, the build's settings."""
    from jupyter_book.config import get_final_config

    (work := project.work_dir).mkdir(parents=True, exist_ok=True)
    cli = {"external_toc_path": project.toc_file.name, "latex_individualpages": False}  # as jupyter-book's command
    try:
        config = get_final_config(user_yaml=project.config_file, sourcedir=project.root, cli_config=cli)[0]
    except Exception as exc:  # not YAML, or a setting of the wrong kind (jupyter-book's schema warns above)
        raise BuildError(f"{project.config_file.name}: not usable: {exc}".replace("\n", " ")) from None
    root = yaml.safe_load(project.toc_file.read_text(encoding="utf-8"))["root"]
    config.update(locale_dirs=["locales"], gettext_compact=False, nb_output_stderr="remove-warn")  # a warning, no text
    config["exclude_patterns"] = [*config.get("exclude_patterns", []), ".*", "**/.*", "_build*", "**/_build*"]
    # _config.yml's `latex: targetname`, which `jupyter-book config sphinx` leaves out
    config["latex_documents"] = [(root, "book.tex", escape(config["html_title"]), escape(config["author"]), "manual")]
    if "briefbook.sphinx" in config["extensions"]:  # validated once, before any Sphinx; in a release, passages left
        # in English fail; the preview's theme stylesheet whole (cutting it to what pages use reads every page)
        preview = project.work == "preview"
        config |= {"briefbook_validate": False, "briefbook_release": release, "briefbook_lighter_theme": not preview}
    for key in PATHS & config.keys():  # a path, or a list of paths, made whole; addresses kept
        whole = [str(project.root / p) if p and "://" not in p else p for p in [config[key]] if isinstance(p, str)]
        config[key] = whole[0] if whole else [str(project.root / p) for p in config[key]]
    (work / "conf.tmp").write_text("".join(f"{k} = {v!r}\n" for k, v in sorted(config.items())), encoding="utf-8")
    return (work / "conf.tmp").replace(work / "conf.py")


def translated(project: Project, lang: str, log: str = "") -> None:
    """How complete an edition's catalogs and data are (without ``log``: what is left), and after its HTML its pages."""
    name, (summary, unfinished) = language(lang).english_name, catalogs.status(project.locale_dir, lang, project.root)
    say(f"  {name} catalogs: {summary}", *(f"    {line}" for line in unfinished if not log), sep="\n")
    if project.descriptor.is_file():
        data = coverage(read_package(project.data_dir), lang)
        say(f"  {name} data: {data.summary()}", *(f"    {line}" for line in data.details() if not log), sep="\n")
    if log:
        pages = translation.read_report(project.sphinx_output(".doctrees", lang))
        lines = [f"untranslated ({lang}): {doc}:{n}: {words}\n" for doc, found in pages.items() for n, words in found]
        with open(log, "a", encoding="utf-8") as tools:
            tools.writelines(lines)
        count = f"{len(lines)} passage{'s' * (len(lines) > 1)} in {len(pages)} page{'s' * (len(pages) > 1)}"
        say(f"  {name} pages: {count + ' still in English (in the log)' if lines else 'every passage translated'}")


def editions(project: Project, stages: str, languages, release: bool, logs: str, out=None) -> None:
    """Each language's ``stages`` in a process of its own, side by side; the first failure stops the others."""
    write_conf(project, release)
    project.logs_dir.mkdir(parents=True, exist_ok=True)
    # in the book's folder (its messages' paths are from there), -P: the installed package, not a folder of that name
    argv = [sys.executable, "-P", "-m", f"{__package__}.worker", *map(str, (project.root, stages, os.getpid()))]
    spawn = partial(subprocess.Popen, cwd=project.root, stdout=out, stderr=subprocess.PIPE, text=True)
    running = [spawn([*argv, lang, f"{logs}-{lang}.log"]) for lang in languages]
    try:
        while running:
            for proc in [proc for proc in running if proc.poll() is not None]:
                running.remove(proc)
                print(proc.stdout.read() if proc.stdout else "", end="")  # what ``out=PIPE`` kept, to sys.stdout
                if proc.returncode:
                    raise BuildError(proc.stderr.read().strip())
            time.sleep(0.1)
    finally:
        for proc in running:
            proc.terminate()
            proc.wait()
    for lang in [lang for lang in languages if lang != SOURCE and "html" in stages.split(",")]:
        translated(project, lang, f"{logs}-{lang}.log")


def edition(project: Project, language: str = SOURCE, builder: str = "html", release: bool = False) -> Path:
    """One language's stage of ``builder`` as the build runs it, progress printed; its output."""
    editions(project, builder, [language], release, f"{project.logs_dir}/{builder}", subprocess.PIPE)
    return project.sphinx_output(builder, language)


def read_sources(root: Path) -> tuple[str, dict[str, tuple]]:
    """The digest of the sources and the edition's stamp; each source: size, time, content (an edit undone counts)."""
    found = {"the commit or date the edition is stamped with": (f"{commit(root)}|{source_date_epoch(root)}",)}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in NOT_SOURCES | NOT_BOOK]
        for path in (Path(folder, name) for name in names if not name.endswith(".mo")):  # Sphinx compiles a .mo
            stat, content = path.stat(), hashlib.sha256(path.read_bytes()).hexdigest()
            found[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns, content)
    return hashlib.sha256(repr(sorted((name, at[-1]) for name, at in found.items())).encode()).hexdigest(), found


def published_digest(project: Project) -> str | None:
    """The digest of the sources of the published book, if all of it is there."""
    found = project.editions_dir / "current" / "sources.sha256"
    made = [found, *(project.site_dir(lang) / "index.html" for lang in LANGUAGES)]
    made += [project.published(kind, lang) for kind in ("pdf", "epub") for lang in LANGUAGES]
    return found.read_text(encoding="utf-8").strip() if all(path.is_file() for path in made) else None


def publish(project: Project, sources: str) -> None:
    """The new book beside the last one, then ``current`` (_build/html, pdf and epub link through it) switched to it."""
    (editions := project.editions_dir).mkdir(parents=True, exist_ok=True)
    book = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=editions))
    try:
        book.chmod(0o755)
        for lang in LANGUAGES:
            site, names = book / "html" / project.site_prefix(lang), project.download_names(lang)
            shutil.copytree(project.sphinx_output("html", lang), site)
            files = [(path, f"{Path(names['data']).stem}/{path.name}") for path in project.data_files()]
            deterministic_zip(site / names["data"], files, edition_date(project.root))  # and the downloads' folder
            made = {"pdf": project.sphinx_output("latex", lang) / "book.pdf"}
            made["epub"] = project.sphinx_output("epub", lang) / project.published("epub", lang).name
            for kind, path in made.items():
                (book / kind).mkdir(exist_ok=True)
                shutil.copyfile(path, book / kind / project.published(kind, lang).name)
                shutil.copyfile(path, site / names[kind])
        (book / "sources.sha256").write_text(sources + "\n", encoding="utf-8")
        for path in (project.root / "_build" / name for name in ("html", "pdf", "epub")):
            if not path.is_symlink():
                path.symlink_to(os.path.relpath(editions / "current" / path.name, path.parent))
        link = editions / f".current-{os.getpid()}"  # then renamed: readers see the old book or the new
        link.unlink(missing_ok=True)
        link.symlink_to(book.name)
        os.replace(link, editions / "current")
    except BaseException:
        shutil.rmtree(book, ignore_errors=True)
        raise
    for old in editions.iterdir():  # earlier books, and any a killed build left
        if old.name != book.name and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)


def run(project: Project, release: bool) -> None:
    """Build and publish unless nothing changed, every format from one reading of the sources."""
    digest, reading = read_sources(project.root)
    for _attempt in range(ATTEMPTS):
        if published_digest(project) == digest:
            return say("[build] nothing has changed since the last build: HTML, PDF and EPUB are up to date")
        for old in sorted(project.logs_dir.glob("build-*.log"))[: -(BUILDS_LOGGED - 1) * len(LANGUAGES)]:
            old.unlink()
        logs = f"{project.logs_dir}/build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        say(f"  the tools' output: {project.display(Path(logs))}-*.log")
        try:
            editions(project, "latex,pdf,html,epub", LANGUAGES, release, logs)
            digest, after = read_sources(project.root)
            if edited := [name for name in sorted(reading | after) if reading.get(name) != after.get(name)]:
                say(f"[build] changed while the book was built: {', '.join(edited[:5])}; building it again")
                if not validated(project, release):
                    raise BuildError("briefbook build: the data changed during the build, and are not valid")
                reading = after
                continue
            say("[publish] ...")
            start = time.monotonic()
            publish(project, digest)
        except (BuildError, OSError) as exc:
            why = os_error(exc) if isinstance(exc, OSError) else exc
            where = f"The tools' output is in {project.display(Path(logs))}-*.log; nothing was published"
            raise BuildError(f"{why}\n{where}, the last good book, if any, is left in place.") from None
        say(f"[publish] done in {time.monotonic() - start:.1f} s")
        for lang in LANGUAGES:
            pdf, epub = (project.display(project.published(kind, lang)) for kind in ("pdf", "epub"))
            say(f"  published {project.display(project.site_dir(lang))}/, {pdf} and {epub}")
        return None
    raise BuildError(f"briefbook build: the sources changed during each of {ATTEMPTS} builds; nothing was published")


def build(root: Path, *, release: bool = False) -> int:
    """``briefbook build``: 0 built or up to date, 1 failed. A release also needs every translation."""
    start, project = time.monotonic(), Project(Path(root).resolve())
    try:
        checked_address(settings(project.root).get("html_baseurl"))  # _config.yml and the address, checked first
        if not validated(project, release):
            return 1
        with locked(project):
            run(project, release)
    except (ConfigError, BuildError, OSError, KeyboardInterrupt) as exc:
        why = os_error(exc) if isinstance(exc, OSError) else str(exc) or "interrupted"
        print(why if isinstance(exc, BuildError) else f"briefbook build: {why}", file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    say(f"[done] in {time.monotonic() - start:.1f} s")
    return 0
