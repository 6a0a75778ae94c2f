"""What a build pays for before it reads a page: loading the book's Sphinx extension imports no
plotting library. The charts import matplotlib when one is drawn or listed; sphinxext-opengraph,
whose social cards the book does not draw, is loaded without its card module. A one-chapter
prose edit then rebuilds without importing matplotlib at all (bench/README.md)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

LOAD = """
import sys
from sphinx.application import Sphinx
import briefbook.sphinx
from briefbook.sphinx import metadata
metadata.load_opengraph()
import sphinxext.opengraph as og
print("matplotlib" if "matplotlib" in sys.modules else "no-matplotlib", og.create_social_card is None)
from briefbook.figures import chart
print("pyplot" if "matplotlib.pyplot" in sys.modules else "no-pyplot")
"""


def test_loading_the_extension_imports_no_plotting_until_a_chart_is_drawn():
    out = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["no-matplotlib", "True", "pyplot"], out.stdout + out.stderr
    assert "social cards" not in out.stdout + out.stderr  # the extension's notice is kept out of the output
