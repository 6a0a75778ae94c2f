"""Golden outputs of :func:`briefbook.sphinx.bidi.isolate`: every block of the Arabic edition (HTML, EPUB, LaTeX)
as it reaches ``IsolateLatinRuns``, and what isolating it gives; tests/test_bidi.py checks them.

To capture the blocks again: build the Arabic edition with this module as an extra Sphinx extension
(``PYTHONPATH=tests``, ``bidi_golden`` under ``sphinx: extra_extensions:`` in a scratch copy's _config.yml,
``BIDI_CAPTURE=/some/dir``), then ``python tests/bidi_golden.py /some/dir``. Only where the change in output
is meant: the test exists to show every difference.
"""

from __future__ import annotations

import gzip
import importlib
import json
import os
import pickle
import sys
from pathlib import Path

from docutils import nodes

GOLDEN = Path(__file__).parent / "golden" / "bidi-arabic.json.gz"
KEPT = ("classes", "dir", "format", "lang", "briefbook_dir")  # the attributes bidi reads or writes


def serialize(node: nodes.Node):
    """A node as JSON: a text as a string, an element as [class, attributes, *children]."""
    if isinstance(node, nodes.Text):
        return str(node)
    kind = type(node)
    name = kind.__name__ if kind.__module__ == "docutils.nodes" else f"{kind.__module__}:{kind.__qualname__}"
    attributes = {k: node[k] for k in KEPT if node.get(k)}
    return [name, attributes, *map(serialize, node.children)]


def deserialize(value) -> nodes.Node:
    if isinstance(value, str):
        return nodes.Text(value)
    name, attributes, *children = value
    module, _, kind = name.rpartition(":")
    node = getattr(importlib.import_module(module or "docutils.nodes"), kind)()
    node.update_all_atts(attributes, replace=True)
    node.extend(map(deserialize, children))
    return node


def blocks(document: nodes.document):
    """The outermost text blocks and table cells, each isolated on its own as inside its page."""
    for node in document.findall(lambda n: isinstance(n, (nodes.TextElement, nodes.entry))):
        if not any(isinstance(a, (nodes.TextElement, nodes.entry)) for a in ancestors(node)):
            yield node


def ancestors(node: nodes.Node):
    while (node := node.parent) is not None:
        yield node


def write(folder: Path) -> None:
    from briefbook.sphinx.bidi import isolate

    found = {}
    for path in sorted(folder.glob("*.pickle")):
        for block in blocks(pickle.loads(path.read_bytes())):
            before = serialize(block)
            isolate(block)
            found.setdefault(json.dumps(before, ensure_ascii=False), serialize(block))
    pairs = [[json.loads(before), after] for before, after in found.items()]
    GOLDEN.write_bytes(gzip.compress(json.dumps(pairs, ensure_ascii=False, indent=0).encode(), mtime=0))
    print(f"{GOLDEN}: {len(pairs)} blocks")


def setup(app):
    """A Sphinx extension: each Arabic document pickled just before its Latin runs are isolated."""
    from sphinx.transforms.post_transforms import SphinxPostTransform

    class Capture(SphinxPostTransform):
        default_priority = 989

        def run(self, **kwargs) -> None:
            name = f"{self.app.builder.name}-{self.env.docname.replace('/', '--')}.pickle"
            if self.config.language == "ar":
                Path(os.environ["BIDI_CAPTURE"], name).write_bytes(pickle.dumps(self.document))

    app.add_post_transform(Capture)
    return {"parallel_read_safe": True}


if __name__ == "__main__":
    write(Path(sys.argv[1]))
