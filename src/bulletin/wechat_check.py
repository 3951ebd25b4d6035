"""What the 公众号 editor and the draft API accept, checked on a finished article fragment.

The build runs it on every fragment it makes (errors stop the build, warnings are printed);
the tests run it too. It reads the HTML on its own terms and knows nothing of how the
fragment was made.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from html.parser import HTMLParser
from urllib.parse import urlsplit

from bulletin.diagnostics import Location, Problem, error, warning
from bulletin.sanitize import VOID_ELEMENTS

ALLOWED_TAGS = frozenset(
    {"section", "p", "span", "strong", "em", "br", "sup", "hr", "a", "blockquote"}
    | {"h1", "h2", "h3", "h4", "img", "figure", "figcaption"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
ALLOWED_ATTRIBUTES = {"img": frozenset({"style", "src", "alt"}), "a": frozenset({"style", "href"})}
DEFAULT_ATTRIBUTES = frozenset({"style"})
# Dropped by the editor (position, top…), unreliable (float), or able to reach out (url()).
FORBIDDEN_PROPERTIES = frozenset({"position", "float", "top", "bottom", "left", "right"})
FORBIDDEN_VALUE_PARTS = ("var(", "url(", "expression(")
BLACK = frozenset({"#000", "#000000", "black", "rgb(0,0,0)"})
WECHAT_HOST = "mp.weixin.qq.com"

MAX_TEXT_CHARS = 20_000  # 正文 limit of the draft API
MAX_HTML_BYTES = 1_000_000  # "under 1 MB" of content
HTML_CHARS_WARNING = 20_000  # the API may count markup towards the 20,000 characters
MAX_TITLE_CHARS = 32
MAX_DIGEST_CHARS = 128


def is_wechat_article_link(href: str) -> bool:
    """The only links the 公众号 editor keeps: those into mp.weixin.qq.com."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.hostname == WECHAT_HOST


def check_fragment(
    fragment: str, where: Location, uploaded: Collection[str] | None = None
) -> list[Problem]:
    """Every problem of ``fragment`` (one ``<section>`` element), reported at ``where``.

    ``uploaded`` holds the image URLs WeChat gave back (``bulletin publish``): then every
    image must be one of them, since WeChat filters any other image out of a draft.
    """
    return inspect_fragment(fragment, where, uploaded)[0]


def inspect_fragment(
    fragment: str, where: Location, uploaded: Collection[str] | None = None
) -> tuple[list[Problem], int]:
    """``check_fragment``'s problems, and the length of the text a reader sees (what the
    20,000-character limit counts), from one reading of the fragment."""
    scan = _scan(fragment, uploaded)
    problems = [
        error(where, code, value=value, count=count)
        for (code, value), count in sorted(scan.findings.items())
    ]
    if scan.top_level != ["section"]:
        problems.append(error(where, "E-wechat-wrapper", value=" ".join(scan.top_level)))
    text_chars = len(scan.text)
    html_bytes = len(fragment.encode("utf-8"))
    if text_chars > MAX_TEXT_CHARS:
        problems.append(
            error(where, "E-wechat-text-length", count=text_chars, limit=MAX_TEXT_CHARS)
        )
    if html_bytes >= MAX_HTML_BYTES:
        problems.append(error(where, "E-wechat-html-size", count=html_bytes, limit=MAX_HTML_BYTES))
    elif len(fragment) > HTML_CHARS_WARNING:
        problems.append(
            warning(where, "W-wechat-html-length", count=len(fragment), limit=HTML_CHARS_WARNING)
        )
    return problems, text_chars


def check_article_fields(
    title: str, digest: str, title_at: Location, digest_at: Location
) -> list[Problem]:
    problems = []
    if len(title) > MAX_TITLE_CHARS:
        problems.append(
            warning(title_at, "W-wechat-title-length", count=len(title), limit=MAX_TITLE_CHARS)
        )
    if len(digest) > MAX_DIGEST_CHARS:
        problems.append(
            warning(digest_at, "W-wechat-digest-length", count=len(digest), limit=MAX_DIGEST_CHARS)
        )
    return problems


def _scan(fragment: str, uploaded: Collection[str] | None = None) -> _Scan:
    scan = _Scan(uploaded)
    scan.feed(fragment)
    scan.close()
    return scan


class _Scan(HTMLParser):
    def __init__(self, uploaded: Collection[str] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.uploaded = uploaded
        self.findings: Counter[tuple[str, str]] = Counter()
        self.text_parts: list[str] = []  # joined once: growing one string is quadratic
        self.depth = 0
        self.top_level: list[str] = []  # tags, and "text" for text, outside any element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.top_level.append(tag)
        if tag not in VOID_ELEMENTS:
            self.depth += 1
        if tag not in ALLOWED_TAGS:
            self.findings["E-wechat-tag", tag] += 1
        allowed = ALLOWED_ATTRIBUTES.get(tag, DEFAULT_ATTRIBUTES)
        for name, value in attrs:
            if name not in allowed:
                self.findings["E-wechat-attribute", f"{tag} {name}"] += 1
            elif name == "style":
                for part in _style_problems(value or ""):
                    self.findings["E-wechat-style", part] += 1
            elif name == "href" and not is_wechat_article_link(value or ""):
                self.findings["E-wechat-link", value or ""] += 1
            elif name == "src":
                self._image_source(value or "")

    def _image_source(self, src: str) -> None:
        if self.uploaded is None:
            if not _image_source_ok(src):
                self.findings["E-wechat-image-source", src] += 1
        elif src not in self.uploaded:
            self.findings["E-wechat-image-not-uploaded", src] += 1

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_ELEMENTS:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if not data.strip():
            self.findings["E-wechat-whitespace", repr(data)] += 1
        if self.depth == 0:
            self.top_level.append("text")
        self.text_parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.findings["E-wechat-tag", "<!-- -->"] += 1


def _style_problems(style: str) -> list[str]:
    """The parts of one ``style`` attribute that the editor drops or that break the rules."""
    found = []
    if any(mark in style for mark in ("{", "}", "::", "<", ">")):
        found.append(style)
    for declaration in filter(None, (part.strip() for part in style.split(";"))):
        name, _, value = declaration.partition(":")
        name, value = name.strip().lower(), re.sub(r"\s+", "", value.lower())
        if name in FORBIDDEN_PROPERTIES or name.startswith("--"):
            found.append(name)
        elif any(part in value for part in FORBIDDEN_VALUE_PARTS) or (
            name == "color" and value.removesuffix("!important") in BLACK
        ):
            found.append(declaration)
    return found


def _image_source_ok(src: str) -> bool:
    """A path of the build folder (uploaded by hand or by a publish step) or an https address."""
    parts = urlsplit(src)
    if parts.scheme:
        return parts.scheme == "https" and bool(parts.netloc)
    return bool(parts.path) and not src.startswith(("/", "\\")) and not parts.netloc
