"""What a build pays for before it reads a page: loading the book's Sphinx extension imports no
plotting library. The charts import matplotlib when one is drawn or listed. A one-chapter
prose edit then rebuilds without importing matplotlib at all (bench/README.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.unit

LOAD = """
import sys
from sphinx.application import Sphinx
import briefbook.sphinx
print("matplotlib" if "matplotlib" in sys.modules else "no-matplotlib")
from briefbook.figures import output
print("matplotlib" if "matplotlib.figure" in sys.modules else "no-matplotlib")
"""


def test_loading_the_extension_imports_no_plotting_until_a_chart_is_drawn():
    out = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["no-matplotlib", "matplotlib"], out.stdout + out.stderr


def test_an_edition_s_process_imports_neither_the_data_stack_nor_the_extension_before_sphinx_loads_it():
    """A book's worker pays at start for Sphinx and its notebooks only: pandas (the validation, run
    once by the parent), jupyter-book's config and the extension come when the book's conf.py asks."""
    heavy = ["pandas", "briefbook.validate", "briefbook.sphinx", "jupyter_book", "fontTools"]
    code = f"import sys, briefbook.pipeline.worker\nprint([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_loading_the_extension_imports_no_font_subsetter_until_the_published_html_cuts_its_fonts():
    code = "import sys, briefbook.sphinx\nprint('fontTools' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
