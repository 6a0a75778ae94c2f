"""The authors' command line: ``python -m briefbook`` (or ``briefbook``).

validate          check the data package; every problem, by file, row and column (--release: and
                  every translation of the data's words missing or needing review)
build             validate, then HTML, EPUB and PDF, with the progress and time of each stage
preview           live-reloading preview on 127.0.0.1 (sphinx-autobuild)
new quotation     append a quotation with a fresh id in the house format
new event         append an event with a fresh id in the house format
anchors           record the built site's citable anchors in published-anchors.txt
release x.y.z     set the version everywhere, move the changelog, build, write dist/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import authoring
from .paths import project_root
from .project import ConfigError, Project
from .validate import brief_notice, report, validate


def cmd_validate(root: Path, release: bool = False) -> int:
    from .i18n.data import coverage

    project = Project(root)
    if report(validate(project.data_dir, project.bibliography, release=release)):
        return 1
    print(f"data/: valid ({brief_notice(root)})")
    print(coverage(project.package).summary())
    return 0


def cmd_anchors(root: Path) -> int:
    """Record every citable anchor of the built site in published-anchors.txt (kept ones stay)."""
    from .sphinx.anchors import published_anchors

    project = Project(root)
    record = project.doctree_dir / "briefbook-anchors.txt"  # written by the HTML build
    if not record.is_file():
        print("build the book first (make book)", file=sys.stderr)
        return 1
    current = set(record.read_text(encoding="utf-8").split())
    kept = set(published_anchors(root))
    lost = sorted(kept - current)
    if lost:
        print("these published anchors are gone from the site:\n" + "\n".join(lost), file=sys.stderr)
        return 1
    header = (
        "# Published anchors: every page and citable anchor (quotations, figures, claims, events) that\n"
        "# citations may point to. The build fails when one disappears. Add new ones with\n"
        "# `python -m briefbook anchors`; never delete a line without a note in CHANGELOG.md.\n"
    )
    path = project.anchors_file
    path.write_text(header + "\n".join(sorted(current | kept)) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(current | kept)} anchors ({len(current - kept)} new)")
    return 0


def cmd_preview(root: Path, port: int) -> int:
    """Serve the book on 127.0.0.1 and rebuild it, reloading the browser, when a source changes.
    This process becomes sphinx-autobuild (exec), so that stopping it stops the server."""
    import os

    from .preview import autobuild_argv

    if cmd_validate(root):
        return 1
    argv = autobuild_argv(root, port)
    sys.stdout.flush()
    os.chdir(root)
    os.execv(argv[0], argv)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="briefbook", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check the data package and report every problem")
    check.add_argument("--release", action="store_true", help="also refuse translations missing or needing review")
    sub.add_parser("build", help="validate, then build HTML, EPUB and PDF")
    preview = sub.add_parser("preview", help="live-reloading preview on 127.0.0.1")
    preview.add_argument("--port", type=int, default=8000)
    sub.add_parser("anchors", help="record the built site's citable anchors in published-anchors.txt")
    rel = sub.add_parser("release", help="set the version everywhere, move the changelog, build, write dist/")
    rel.add_argument("version", help="the new version, x.y.z")
    tr = sub.add_parser(
        "translations", help="update the translations' catalogs from the English, or show how complete they are"
    )
    tr.add_argument("action", choices=("update", "status"))
    new = sub.add_parser("new", help="append a new row with a fresh id")
    kinds = new.add_subparsers(dest="kind", required=True)
    argv = sys.argv[1:] if argv is None else argv
    new_row = argv[:1] == ["new"]
    root = checkout() if new_row else None
    if new_row and root is None:
        return 2
    for kind in authoring.TABLES:
        sub_kind = kinds.add_parser(kind, help=f"append a new {kind}")
        if new_row:  # the options are the table's fields: read the schema only when needed
            authoring.add_arguments(sub_kind, root, kind)
    args = parser.parse_args(argv)
    root = root or checkout()
    if root is None:
        return 2
    try:
        return run(args, root)
    except ConfigError as exc:
        print(f"briefbook {args.command}: {exc}", file=sys.stderr)
        return 2


def checkout() -> Path | None:
    """The checkout this command runs in, or None (and why) outside one."""
    try:
        return project_root()
    except FileNotFoundError as exc:
        print(f"briefbook: {exc}: run it inside a checkout of the book (the folder that holds data/)", file=sys.stderr)
        return None


def run(args: argparse.Namespace, root: Path) -> int:
    if args.command == "validate":
        return cmd_validate(root, args.release)
    if args.command == "build":
        from .pipeline import build

        return build(root)
    if args.command == "preview":
        return cmd_preview(root, args.port)
    if args.command == "anchors":
        return cmd_anchors(root)
    if args.command == "translations":
        from .i18n import commands

        return commands.update(root) if args.action == "update" else commands.status(root)
    if args.command == "release":
        from .release import release

        return release(root, args.version)
    return authoring.new_row(root, args.kind, args)


if __name__ == "__main__":
    sys.exit(main())
