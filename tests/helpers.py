"""Shared helpers for tests that build small projects on disk."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kaifeng"


def write_project(folder: Path, toml: str, entries: dict[str, str]) -> Path:
    """A project from a config text and ``{relative path: YAML text}``, with its entries
    folder as ``bulletin init`` makes it."""
    (folder / "entries").mkdir(parents=True, exist_ok=True)
    (folder / "bulletin.toml").write_text(toml, encoding="utf-8")
    for relative, text in entries.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


MINIMAL_TOML = """\
title = "测试周报{month_week}"
[[categories]]
key = "visits"
title = "走访调研"
[[categories]]
key = "casework"
title = "个案服务"
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file and folder below ``folder``, hidden ones too, with the files' bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else b"<dir>"
        for path in sorted(folder.rglob("*"))
    }


def page_facts(browser: Any, url: str, width: int, screenshot: Path | None = None) -> dict:  # type: ignore[type-arg]
    """What a reader would notice on a page at a width: overflow, images, section headings."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        # Images load lazily on scroll; ask for all of them and wait until each settles.
        page.evaluate(
            """() => Promise.all([...document.images].map(i => {
                i.loading = 'eager'; return i.decode().catch(() => null); }))"""
        )
        facts = page.evaluate(
            """() => ({
                overflow: document.documentElement.scrollWidth - window.innerWidth,
                images: [...document.images].map(i => ({src: i.getAttribute('src'),
                    ok: i.complete && i.naturalWidth > 0,
                    wider: i.getBoundingClientRect().width > window.innerWidth})),
                headings: [...document.querySelectorAll('h2')].map(h => ({text: h.innerText,
                    visible: h.getBoundingClientRect().height > 0
                        && getComputedStyle(h).visibility === 'visible'})),
            })"""
        )
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=False)
        return facts  # type: ignore[no-any-return]
    finally:
        page.close()


def evaluated(browser: Any, url: str, width: int, script: str) -> Any:
    """What ``script`` (a JavaScript function) returns on the page at a width."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(url)
        return page.evaluate(script)
    finally:
        page.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served_folder(folder: Path) -> Iterator[str]:
    """``folder`` over http://127.0.0.1 (as a coordinator's browser opens a build): its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
