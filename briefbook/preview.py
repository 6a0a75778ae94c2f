"""The live preview: sphinx-autobuild with the build's own Sphinx configuration."""

from __future__ import annotations

import sys
from pathlib import Path

from .pipeline import write_conf
from .project import Project


def autobuild_argv(root: Path, port: int) -> list[str]:
    project = Project(root)
    out, conf = project.preview_dir, write_conf(project).parent
    # fmt: off
    return [
        str(Path(sys.executable).with_name("sphinx-autobuild")), str(root), str(out / "html"), "-c", str(conf),
        "-d", str(out / ".doctrees"), "--host", "127.0.0.1", "--port", str(port), "--ignore", "*/_build/*",
        "--ignore", "*/.venv*", "--ignore", "*/.git/*", "--watch", str(project.data_dir), "--watch", str(root / "briefbook"),
    ]
    # fmt: on
