"""Entry bodies are Markdown written by station workers: the one place that makes them safe.

For HTML, three layers. The Markdown converter treats raw HTML as text, so a ``<script>`` or
``<iframe>`` written in a body shows as text and never runs. Then the converter's HTML is read
into a tree of known elements (``BODY_TAGS``), links keep only http(s) addresses, and anything
else is unwrapped to its text or, for scripts and the like, dropped with its content. Formats
render from that tree and never from body HTML directly; what they make of it passes last
through an allow-list sanitiser (``clean_html``: nh3, the Rust ammonia), which keeps only the
tags and attributes that format allows, so a mistake in the layers before cannot reach a
reader. Every other text (titles, places, captions) is escaped where it is written: by Jinja's
autoescaping in the page templates, by ``html.escape`` in the WeChat fragment.

For Markdown (``bulletin.md``) the worker's text stays as written, readable, with what a
Markdown viewer could turn into live HTML taken out (``markdown_safe``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from bulletin.body_markdown import normalise_body

_INLINE_TAGS = frozenset({"strong", "em", "a", "br", "code"})
BLOCK_TAGS = frozenset({"p", "ul", "ol", "li", "blockquote", "hr", "pre"})
TABLE_TAGS = frozenset({"table", "thead", "tbody", "tr", "th", "td"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BODY_TAGS = _INLINE_TAGS | BLOCK_TAGS | TABLE_TAGS | HEADINGS
# A heading in a body: below the bulletin's title (h1), its section bands (h2) and the
# entry's title (h3).
BODY_HEADING = "h4"
_RENAMED = {"b": "strong", "i": "em"}
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea"}
    | {"svg", "math", "head", "title"}
)
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_LINK_SCHEMES = ("http", "https")


@dataclass
class Element:
    tag: str  # one of BODY_TAGS, or "body" for the root
    children: list[Element | str] = field(default_factory=list)
    href: str = ""  # on "a": an http(s) address, or "" when the link was not one
    start: int = 1  # on "ol": the first number
    align: str = ""  # on "th" and "td": left, right or center, as the table's rule row says


def markdown_converter() -> Callable[[str], str]:
    """Markdown → HTML with raw HTML kept as text; one reused converter for many bodies.

    The body is first written as every Markdown reads it (``normalise_body``). A line like
    ``[温馨提示]: 请注意防火`` or ``[^1]: 脚注`` stays text: Python-Markdown would take it
    for a link's address defined for later and show nothing of it.
    """
    import markdown

    converter = markdown.Markdown(extensions=["nl2br", "sane_lists", "tables"])
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.parser.blockprocessors.deregister("reference")

    def convert(text: str) -> str:
        converter.reset()
        return converter.convert(normalise_body(text))

    return convert


def body_tree(converted: str) -> Element:
    """The known elements of the converter's HTML under a ``body`` root; text unescaped."""
    builder = _TreeBuilder()
    builder.feed(converted)
    builder.close()
    return builder.root


def page_body_converter() -> Callable[[str], str]:
    """Markdown body → safe HTML for a web page (bulletin.html): the tree written back plainly."""
    convert = markdown_converter()

    def page_html(text: str) -> str:
        written = "".join(_plain_html(child) for child in body_tree(convert(text)).children)
        return clean_html(written, BODY_TAGS, _PAGE_ATTRIBUTES)

    return page_html


_PAGE_ATTRIBUTES: Mapping[str, Iterable[str]] = {
    "a": ("href",),
    "ol": ("start",),
    "th": ("style",),  # text-align only
    "td": ("style",),
}


def clean_html(written: str, tags: Iterable[str], attributes: Mapping[str, Iterable[str]]) -> str:
    """``written`` with only ``tags`` and their ``attributes`` (``"*"``: on every tag) kept,
    links only to http(s) addresses, no comments; scripts and styles go with their content.

    The last layer: for what the layers before wrote it changes nothing (same bytes).
    """
    import nh3

    allowed = set(tags)
    return nh3.clean(
        written,
        tags=allowed,
        clean_content_tags=set(_DROPPED_WITH_CONTENT) - allowed,
        attributes={tag: set(names) for tag, names in attributes.items()},
        url_schemes=set(_LINK_SCHEMES),
        strip_comments=True,
        link_rel=None,  # no link opens a window, so none needs rel="noopener"
    )


# Markdown ----------------------------------------------------------------------------------

# "<" that starts a tag, a comment, a declaration or an autolink (<javascript:…> is one too),
# also with control characters before it: Python-Markdown drops \x02 and \x03 (its own marks).
_TAG_START = re.compile(r"<(?=[\x00-\x08\x0b\x0c\x0e-\x1f]*[A-Za-z/!?])")
_WEB_AUTOLINK = re.compile(r"<https?://[^\s<>]*>", re.IGNORECASE)
# A link or image destination ``](…)``, and what reads as a reference definition
# ``[name]: …`` (inside a quote or a list item, after its markers, too).
_INLINE_LINK = re.compile(r"\]\((?=\s*<?\s*(\S*))")
_REFERENCE = re.compile(r"^([ \t>*+\-\d.)]*)\[(?=[^\]\n]+\]:)", re.MULTILINE)
_WEB_ADDRESS = re.compile(r"https?://", re.IGNORECASE)
# Every pattern and replacement of ``markdown_safe`` needs one of these.
_MARKDOWN_MARKS = re.compile(r"[<{\[\]]")


def markdown_safe(text: str) -> str:
    """``text`` for bulletin.md, as written, but nothing a Markdown viewer could make live.

    Raw HTML shows as text (its ``<`` written ``&lt;``; inside a code span that shows as
    ``&lt;``), links and images keep only http(s) addresses (others show as the text they
    are written with), a line like ``[温馨提示]: …`` shows as text, as on the page (a viewer
    would take it for a link's address and hide it), and ``{`` is escaped so that no
    viewer's attribute-list extension (``{onclick=…}``) adds attributes. An entity or an escape in front of an address
    (``&#106;avascript:``) does not make it an http(s) one.
    """
    if not _MARKDOWN_MARKS.search(text):
        return text  # most texts: nothing below could match
    # A viewer ends a line at a lone carriage return too; the patterns below know only "\n".
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = []
    position = 0
    for autolink in _WEB_AUTOLINK.finditer(text):
        parts.append(_TAG_START.sub("&lt;", text[position : autolink.start()]))
        parts.append(autolink.group())
        position = autolink.end()
    parts.append(_TAG_START.sub("&lt;", text[position:]))
    safe = "".join(parts).replace("{", "\\{")
    safe = _INLINE_LINK.sub(lambda link: "](" if _is_web(link[1]) else "]\\(", safe)
    return _REFERENCE.sub(r"\1\\[", safe)


def _is_web(destination: str) -> bool:
    return _WEB_ADDRESS.match(destination) is not None


def _plain_html(node: Element | str) -> str:
    if isinstance(node, str):
        return html.escape(node, quote=False)
    if node.tag in VOID_ELEMENTS:
        return f"<{node.tag}>"
    inner = "".join(_plain_html(child) for child in node.children)
    if node.tag == "a":
        return f'<a href="{html.escape(node.href)}">{inner}</a>' if node.href else inner
    if node.tag == "ol" and node.start != 1:
        return f'<ol start="{node.start}">{inner}</ol>'
    if node.align:
        return f'<{node.tag} style="text-align:{node.align}">{inner}</{node.tag}>'
    tag = BODY_HEADING if node.tag in HEADINGS else node.tag
    return f"<{tag}>{inner}</{tag}>"


def safe_href(value: str | None) -> str:
    """``value`` if it is an http(s) address, else "" (``javascript:``, ``data:``, relative…)."""
    address = "".join(ch for ch in (value or "") if ch.isprintable()).strip()
    try:
        parts = urlsplit(address)
    except ValueError:
        return ""
    return address if parts.scheme.lower() in _LINK_SCHEMES and parts.netloc else ""


# The styles Python-Markdown's tables write on a cell.
_ALIGNMENT = {f"text-align: {side};": side for side in ("left", "right", "center")}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("body")
        self.open: list[Element] = [self.root]
        self.skipped_depth = 0  # > 0 inside a dropped element such as <script>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipped_depth or tag in _DROPPED_WITH_CONTENT:
            if tag not in VOID_ELEMENTS:
                self.skipped_depth += 1
            return
        tag = _RENAMED.get(tag, tag)
        if tag == "img":  # a picture inside a body is left as its description
            self.handle_data(dict(attrs).get("alt") or "")
            return
        if tag not in BODY_TAGS:
            return
        element = Element(tag)
        if tag == "a":
            element.href = safe_href(dict(attrs).get("href"))
        if tag == "ol":
            start = dict(attrs).get("start") or ""
            element.start = int(start) if start.isdigit() else 1
        if tag in ("th", "td"):
            element.align = _ALIGNMENT.get(dict(attrs).get("style") or "", "")
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if self.skipped_depth:
            if tag not in VOID_ELEMENTS:
                self.skipped_depth -= 1
            return
        tag = _RENAMED.get(tag, tag)
        if tag in VOID_ELEMENTS or tag not in BODY_TAGS:
            return
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.skipped_depth or not data:
            return
        children = self.open[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)
