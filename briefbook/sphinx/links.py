"""Links in right-to-left print: XeTeX reverses the parts of a right-to-left line, so a link that wraps ends before
it starts, and xdvipdfmx drops it. In a block holding right-to-left text each link is set whole on its line."""

import re

from docutils import nodes

from ..languages import RTL_LETTER

PARTS = re.compile(r"[^/.-]+[/.-]*|[/.-]+")  # an address's parts, each ending where it may break


def address(self, uri: str, node: nodes.Node) -> str:
    """A web address; in a right-to-left block a part at a time (breaking after / . -), each part a link."""
    if self.wrap_links or not mixed(node):
        return rf"\briefbookurl{{{self.encode_uri(uri)}}}"
    box = r"\mbox{{\sphinxhref{{{}}}{{\sphinxnolinkurl{{{}}}}}}}"
    parts = r"\allowbreak{}".join(box.format(self.encode_uri(uri), self.encode_uri(p)) for p in PARTS.findall(uri))
    return rf"\briefbookaddress{{{parts}}}"


def mixed(node: nodes.Node) -> bool:
    """Whether the node's block holds right-to-left text: XeTeX then reverses the parts of its lines."""
    while isinstance(node, nodes.Inline):
        node = node.parent
    return bool(RTL_LETTER.search(node.astext()))


def words(element: nodes.Element) -> list:
    """An inline element as copies of itself, a word each, " " between them: a link XeTeX keeps on its line (it
    reverses a right-to-left line, so a wrapped link ends before it starts); raw citations: briefbook-print-rtl.sty."""
    out: list = []
    for child in element.children:
        for part in re.split(r"(\s+)", child.astext()) if isinstance(child, nodes.Text) else words(child):
            if type(part) is str and part.isspace():
                out += [" "] if out and type(out[-1]) is not str else []
            elif part:
                out += [element.copy()] if not out or type(out[-1]) is str else []
                out[-1] += nodes.Text(part) if type(part) is str else part
    return out
