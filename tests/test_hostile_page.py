"""A bulletin made of hostile entries, opened in headless Chromium: no script ever runs.

Every payload tries to set ``window.__pwned`` or open an ``alert``. The pages are opened as
a reader gets them (bulletin.html, wechat.html, the archive's index.html, over http), as
``bulletin serve`` shows them, and bulletin.md as Markdown viewers that let raw HTML through
would show it; every element then gets the events inline handlers listen for.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bulletin.serve import PreviewServer
from helpers import served_folder, write_project
from hostile import PAYLOADS, markdown_viewers

pytestmark = pytest.mark.browser

WEEK = "2022-W47"
PROVOKE = """() => {
    for (const element of document.querySelectorAll('*'))
        for (const name of ['mouseover', 'mouseenter', 'focus', 'error', 'load', 'toggle'])
            element.dispatchEvent(new Event(name));
}"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bulletin.build import build
    from bulletin.config import load_project

    toml = (
        f"title = {json.dumps(PAYLOADS[0] + '{month_week}', ensure_ascii=False)}\n"
        f"archive_title = {json.dumps(PAYLOADS[1], ensure_ascii=False)}\n"
        f'[[categories]]\nkey = "visits"\ntitle = {json.dumps(PAYLOADS[2], ensure_ascii=False)}\n'
    )
    entries = [
        {
            "category": "visits",
            "date": "2022-11-21",
            "title": payload,
            "station": payload,
            "org": payload,
            "time": payload,
            "body": f"社工入户走访。{payload}\n\n{payload}",
        }
        for payload in PAYLOADS
    ]
    project = write_project(
        tmp_path_factory.mktemp("hostile-page") / "project",
        toml,
        {f"entries/{WEEK}/a.yaml": yaml.safe_dump({"entries": entries}, allow_unicode=True)},
    )
    build(load_project(project), WEEK, ["md", "html", "wechat"])
    return project


def nothing_runs(browser, url: str | None = None, html: str | None = None) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        if url is not None:
            page.goto(url)
        else:
            page.set_content(html or "")
        page.wait_for_load_state("load")
        assert page.evaluate("document.body.innerText").strip()  # the bulletin is there
        page.evaluate(PROVOKE)
        page.wait_for_timeout(200)  # let anything scheduled run
        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
    finally:
        page.close()


@pytest.mark.parametrize("name", ["bulletin.html", "wechat.html", "index.html"])
def test_no_script_runs_in_a_built_page(browser, hostile_build: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    with served_folder(hostile_build / "build") as url:
        folder = "" if name == "index.html" else f"{WEEK}/"
        nothing_runs(browser, url=f"{url}/{folder}{name}")


def test_no_script_runs_in_the_live_preview(browser, hostile_build: Path) -> None:  # type: ignore[no-untyped-def]
    server = PreviewServer(hostile_build, WEEK, "zh", port=0)
    server.start()
    try:
        for name in ("", "wechat.html"):
            nothing_runs(browser, url=server.url + name)
    finally:
        server.stop()


def test_no_script_runs_where_a_markdown_viewer_shows_the_bulletin(
    browser, hostile_build: Path
) -> None:  # type: ignore[no-untyped-def]
    text = (hostile_build / "build" / WEEK / "bulletin.md").read_text(encoding="utf-8")
    for shown in markdown_viewers(text):
        nothing_runs(browser, html=f"<!DOCTYPE html><html><body>{shown}</body></html>")
