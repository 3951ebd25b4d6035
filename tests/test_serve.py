"""`bulletin serve`: the live preview in headless Chromium, and the command as a user starts it."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bulletin.serve import EVENTS_PATH, PreviewServer

ENTRY = "entries/2022-W47/兰考县/惠安街道社工站.yaml"
WAIT_MS = 20_000  # a ceiling for slow machines, not a timing that is asserted


@pytest.fixture
def preview(kaifeng: Path) -> Iterator[PreviewServer]:
    server = PreviewServer(kaifeng, "week-47", "zh", port=0)
    server.start()
    yield server
    server.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_shows(page, words: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "(words) => document.body && document.body.innerText.includes(words)",
        arg=words,
        timeout=WAIT_MS,
    )


@pytest.mark.browser
def test_the_page_follows_edits_and_shows_errors_instead_of_dying(  # type: ignore[no-untyped-def]
    browser, preview: PreviewServer, kaifeng: Path
) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 900})
    try:
        page.goto(preview.url)
        page_shows(page, "与长者谈心谈话")
        loaded = page.evaluate(
            """() => Promise.all([...document.images].map(i => {
                i.loading = 'eager'; return i.decode().then(() => true, () => false); }))"""
        )
        assert loaded and all(loaded)

        edit(kaifeng / ENTRY, "title: 与长者谈心谈话", "title: 雨中回访桂李寨村")
        page_shows(page, "雨中回访桂李寨村")
        assert "与长者谈心谈话" not in page.inner_text("body")

        edit(kaifeng / ENTRY, "category: casework", "category: casewrok")
        page_shows(page, "没有“casewrok”这个类别")
        assert f"{ENTRY}:" in page.inner_text("body")

        edit(kaifeng / ENTRY, "category: casewrok", "category: casework")
        page_shows(page, "雨中回访桂李寨村")

        edit(
            kaifeng / "bulletin.toml", "开封市社工站{month_week}工作动态", "开封市{month_week}周报"
        )
        page_shows(page, "开封市十一月第四周周报")
    finally:
        page.close()


def test_the_reload_script_is_only_in_served_pages(
    preview: PreviewServer, kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    served = urllib.request.urlopen(preview.url).read().decode("utf-8")
    assert EVENTS_PATH in served and "开封市社工站十一月第四周工作动态" in served
    assert run(kaifeng, "build", "week-47")[0] == 0
    built = (kaifeng / "build/2022-W47/bulletin.html").read_text(encoding="utf-8")
    assert EVENTS_PATH not in built
    assert served.replace(served[served.index("<script>/* bulletin serve") :], "") in built


def test_serve_prints_its_address_and_writes_nothing(kaifeng: Path) -> None:
    command = [str(Path(sys.executable).with_name("bulletin")), "serve", "47", "--port", "0"]
    process = subprocess.Popen(command, cwd=kaifeng, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = first[first.index("http://") :].strip()
        page = urllib.request.urlopen(url).read().decode("utf-8")
        assert "开封市社工站十一月第四周工作动态" in page
        markdown = urllib.request.urlopen(url + "bulletin.md").read().decode("utf-8")
        assert markdown.startswith("# 开封市社工站十一月第四周工作动态")
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    assert not (kaifeng / "build").exists()


def test_a_busy_port_is_a_usage_error(preview: PreviewServer, kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    port = preview.url.rstrip("/").rsplit(":", 1)[1]
    code, _, err = run(kaifeng, "serve", "47", "--port", port)
    assert code == 2
    assert f"127.0.0.1:{port}: error: 无法在这个端口上提供预览（端口已被别的程序占用）。" in err
    assert "[E-serve-port]" in err and "Address already in use" not in err
    code, _, err = run(kaifeng, "--lang", "en", "serve", "47", "--port", port)
    assert code == 2 and "on this port (Address already in use)" in err


def test_a_page_that_is_not_there_says_so_in_chinese(preview: PreviewServer) -> None:
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(preview.url + "bulletin.pdf")
    assert missing.value.code == 404
    assert missing.value.headers["Content-Type"] == "text/html; charset=utf-8"
    page = missing.value.read().decode("utf-8")
    assert "<h1>没有这个页面。</h1>" in page and '<a href="/">回到本周周报</a>' in page


def test_a_week_no_edit_can_make_valid_is_refused_before_serving(kaifeng: Path) -> None:
    """It used to serve a page showing only that problem, and end with success on Ctrl+C."""
    for week in ("2022-W53", "第47周"):
        command = [str(Path(sys.executable).with_name("bulletin")), "serve", week, "--port", "0"]
        done = subprocess.run(command, cwd=kaifeng, capture_output=True, text=True, timeout=20)
        assert done.returncode == 2 and "[E-week-" in done.stderr and "http://" not in done.stdout


def test_a_request_for_another_host_name_gets_nothing(preview: PreviewServer) -> None:
    """A page on the web that points its own name at 127.0.0.1 cannot read the preview."""
    request = urllib.request.Request(preview.url, headers={"Host": "attacker.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 421
