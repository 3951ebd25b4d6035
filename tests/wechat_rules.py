"""What the WeChat editor keeps (shared/notes/wechat.md), as a check on an HTML fragment.

The WeChat post itself comes with its own validator (issue 4); this one holds the parts of
the bulletin that must paste into the editor unchanged: 本周概况 and its bar charts.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED_TAGS = {
    *[
        "section",
        "p",
        "span",
        "strong",
        "em",
        "br",
        "blockquote",
        "img",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "sup",
        "hr",
    ],
    *(f"h{level}" for level in range(1, 5)),
}
FORBIDDEN_STYLE = re.compile(
    r"var\(|position\s*:|float\s*:|::|#000\b|#000000\b|:\s*black\b", re.IGNORECASE
)


class _Rules(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.violations: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.violations.append(f"tag <{tag}>")
        names = [name for name, _ in attrs]
        if names != ["style"]:
            self.violations.append(f"<{tag}> attributes {names}")
        style = dict(attrs).get("style") or ""
        if FORBIDDEN_STYLE.search(style):
            self.violations.append(f"<{tag}> style {style!r}")

    def handle_data(self, data: str) -> None:
        if data.strip() == "" and data:
            self.violations.append(f"whitespace between tags {data!r}")

    def handle_comment(self, data: str) -> None:
        self.violations.append("comment")


def violations(fragment: str) -> list[str]:
    """Every way ``fragment`` would be changed by the WeChat editor; empty when none."""
    rules = _Rules()
    rules.feed(fragment)
    rules.close()
    return rules.violations
