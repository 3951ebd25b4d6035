"""What the WeChat editor keeps (shared/notes/wechat.md), as a check on an HTML fragment.

Written again from the notes' words and not from the code: the WeChat post has its own
validator (``bulletin.wechat_check``), and this check must agree with it without sharing a
line, so that a mistake in one does not hide a mistake in the fragment.

``violations`` holds for any part that must paste unchanged (本周概况 and its bar charts);
``rule_breaks`` adds what a whole article must also be: one wrapper, one line, full styles.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

ALLOWED_TAGS = {
    *("section", "p", "span", "strong", "em", "br", "blockquote", "img", "figure"),
    *("figcaption", "table", "thead", "tbody", "tr", "th", "td", "sup", "hr"),
    *(f"h{level}" for level in range(1, 5)),
}
EXTRA_ATTRIBUTES = {"img": {"src", "alt"}, "a": {"href"}}
EMPTY = {"br", "img", "hr"}
FORBIDDEN_STYLE = re.compile(
    r"var\(|position\s*:|float\s*:|::|#000\b|#000000\b|:\s*black\b", re.IGNORECASE
)
INLINE = {"span", "strong", "em", "sup", "a"}


def _declarations(style: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in style.split(";") if ":" in part)
    return {name.strip().lower(): value.strip().lower() for name, value in pairs}


class _Rules(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.violations: list[str] = []
        self.article: list[str] = []  # what a whole article must also be
        self.open: list[tuple[str, dict[str, str]]] = []  # the elements around the text
        self.top_level: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a":
            if urlparse(found.get("href") or "").hostname != "mp.weixin.qq.com":
                self.violations.append(f"link outside mp.weixin.qq.com: {found.get('href')}")
        elif tag not in ALLOWED_TAGS:
            self.violations.append(f"tag <{tag}>")
        names = [name for name, _ in attrs]
        allowed = {"style"} | EXTRA_ATTRIBUTES.get(tag, set())
        if ("style" not in names and tag != "br") or not set(names) <= allowed:
            self.violations.append(f"<{tag}> attributes {names}")
        style = found.get("style") or ""
        if FORBIDDEN_STYLE.search(style):
            self.violations.append(f"<{tag}> style {style!r}")
        if any("javascript:" in (value or "").lower() for _, value in attrs):
            self.violations.append(f"script address in <{tag}>")
        if tag == "img" and _declarations(style).get("max-width") != "100%":
            self.article.append("image without max-width:100%")
        if not self.open:
            self.top_level.append(tag)
        if tag not in EMPTY:
            self.open.append((tag, _declarations(style)))

    def handle_endtag(self, tag: str) -> None:
        if tag not in EMPTY:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if data.strip() == "" and data:
            self.violations.append(f"whitespace between tags {data!r}")
        if not self.open:
            self.top_level.append("text")
        elif data.strip():
            self._holds_text(*self.open[-1])

    def _holds_text(self, tag: str, declarations: dict[str, str]) -> None:
        """No reliance on inheritance: the element around any text names its own colour, and
        a block its size and line height too."""
        needed = {"color"} if tag in INLINE else {"color", "font-size", "line-height"}
        if not needed <= set(declarations):
            self.article.append(f"<{tag}> holds text without {sorted(needed)}: {declarations}")

    def handle_comment(self, data: str) -> None:
        self.violations.append("comment")


def _rules(fragment: str) -> _Rules:
    rules = _Rules()
    rules.feed(fragment)
    rules.close()
    return rules


def violations(fragment: str) -> list[str]:
    """Every way ``fragment`` would be changed by the WeChat editor; empty when none."""
    return _rules(fragment).violations


def rule_breaks(article: str) -> list[str]:
    """Every rule a whole article (wechat.fragment.html) breaks; empty when it pastes cleanly."""
    rules = _rules(article)
    breaks = [*rules.violations, *rules.article]
    if rules.top_level != ["section"]:
        breaks.append(f"not one <section> wrapper: {rules.top_level}")
    if "\n" in article:
        breaks.append("a newline (the editor turns it into a break)")
    return breaks
