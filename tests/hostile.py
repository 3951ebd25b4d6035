"""Hostile text for the tests, and how to find what would run of it in HTML."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

# Markup, links and styles that try to run script, in the forms sanitisers are known to miss.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[点这里](javascript:window.__pwned=1)",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" java\tscript:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "<!--<script>-->alert(1)",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    '{: onclick="alert(1)"}',
    "<javascript:alert(1)>",
    "[r]: javascript:alert(1)\n\n[点][r]",
    "0\r[r]: javascript:alert(1)\n\n[点][r]",  # a lone carriage return ends a line too
    "> [q]: javascript:alert(1)\n\n[引][q]",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<input onfocus=alert(1) autofocus>",
    '<object data="javascript:alert(1)">',
    "\u2028\u2029<script>",
]
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "base", "frame"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# Attributes a browser follows as an address (an ``alt`` or ``title`` is only text).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}


def live_parts(page: str, template_tags: dict[str, int] | None = None) -> list[str]:
    """Everything in ``page`` a browser would run: script tags and their kin, event
    attributes, script addresses; and more style/meta/title tags than the template has."""
    found: list[str] = []
    counts: dict[str, int] = {}

    class Scan(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            counts[tag] = counts.get(tag, 0) + 1
            if tag in FORBIDDEN_TAGS:
                found.append(f"<{tag}>")
            for name, value in attrs:
                address = "".join((value or "").split()).lower()
                if name.startswith("on"):
                    found.append(f"<{tag} {name}>")
                elif name in URL_ATTRIBUTES and address.startswith(SCRIPT_SCHEMES):
                    found.append(f"<{tag} {name}={value}>")

    scan = Scan()
    scan.feed(page)
    scan.close()
    for tag, most in (template_tags or {}).items():
        if counts.get(tag, 0) > most:
            found.append(f"{counts[tag]} <{tag}> where the template has {most}")
    return found


def markdown_viewers(text: str) -> Iterator[str]:
    """bulletin.md as two Markdown viewers that let raw HTML through would show it."""
    import markdown
    from markdown_it import MarkdownIt

    yield markdown.markdown(text, extensions=["attr_list", "tables"])
    yield MarkdownIt("commonmark", {"html": True}).render(text)
