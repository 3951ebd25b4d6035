"""`bulletin serve`: the live preview in headless Chromium, and the command as a user starts it."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bulletin.serve import EVENTS_PATH, PreviewServer
from helpers import snapshot

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


def test_the_reload_script_and_the_warnings_are_only_in_served_pages(
    preview: PreviewServer, kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    served = urllib.request.urlopen(preview.url).read().decode("utf-8")
    assert EVENTS_PATH in served and "开封市社工站十一月第四周工作动态" in served
    assert "[W-duplicate]" in served
    assert run(kaifeng, "build", "week-47")[0] == 0
    built = (kaifeng / "build/2022-W47/bulletin.html").read_text(encoding="utf-8")
    assert EVENTS_PATH not in built and "bulletin-serve-warnings" not in built
    box = served[served.index("<style>/* bulletin serve") : served.index("<main>")]
    script = served[served.index("<script>/* bulletin serve") : served.index("</body>")]
    assert served.replace(box, "").replace(script, "") == built


@pytest.mark.browser
def test_the_weeks_warnings_show_above_the_bulletin_and_apart_from_errors(  # type: ignore[no-untyped-def]
    browser, preview: PreviewServer, kaifeng: Path
) -> None:
    """The coordinator sees what `build` would warn about while editing, in a box that is
    not the bulletin's; when an edit breaks the week, its errors and warnings are told apart."""
    page = browser.new_page(viewport={"width": 375, "height": 900})
    try:
        page.goto(preview.url)
        page_shows(page, "与长者谈心谈话")
        box = page.locator("#bulletin-serve-warnings")
        summary = box.locator("summary").inner_text()
        assert "本周有 7 个警告" in summary and "生成的周报里没有" in summary
        assert page.evaluate(
            """() => {
                const box = document.getElementById("bulletin-serve-warnings");
                const title = document.querySelector("main h1");
                return !box.closest("main")
                    && box.getBoundingClientRect().bottom <= title.getBoundingClientRect().top
                    && document.documentElement.scrollWidth <= window.innerWidth;
            }"""
        )
        assert not box.locator("li").first.is_visible()  # one line until opened
        box.locator("summary").click()
        assert box.locator("li").count() == 7
        assert "[W-duplicate]" in box.inner_text()

        edit(kaifeng / ENTRY, "category: casework", "category: casewrok")
        page_shows(page, "没有“casewrok”这个类别")
        assert page.locator("h2.errors").inner_text() == "错误（1 个）：改正后周报才能生成"
        assert page.locator("h2.warnings").inner_text().startswith("警告（6 个）")
        assert "[E-unknown-category]" in page.locator("ul.errors").inner_text()
        assert "[E-unknown-category]" not in page.locator("ul.warnings").inner_text()
        colours = page.evaluate(
            """() => ["ul.errors li", "ul.warnings li"].map(
                (rule) => getComputedStyle(document.querySelector(rule)).color)"""
        )
        assert colours[0] != colours[1]
    finally:
        page.close()


@contextmanager
def serving(
    project: Path, *options: str, from_parent: bool = False
) -> Iterator[tuple[str, queue.Queue[str]]]:
    """``bulletin serve 47`` run as a user runs it (in the project, or from the folder above
    with -C): its address, and the lines it prints."""
    where = ["-C", project.name] if from_parent else []
    command = [str(Path(sys.executable).with_name("bulletin")), *where, "serve", "47", "-p", "0"]
    process = subprocess.Popen(
        [*command, *options],
        cwd=project.parent if from_parent else project,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    printed: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [printed.put(line) for line in process.stdout], daemon=True
    ).start()  # type: ignore[union-attr]
    try:
        first = printed.get(timeout=WAIT_MS / 1000)
        yield first[first.index("http://") :].strip(), printed
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def lines_until(printed: queue.Queue[str], words: str, touch: Path | None = None) -> list[str]:
    """What the preview printed up to and with the first line holding ``words``; ``touch``
    is written again each second meanwhile (the preview may not be watching it yet)."""
    lines: list[str] = []
    waited = 0.0
    while not lines or words not in lines[-1]:
        try:
            lines.append(printed.get(timeout=1 if touch else WAIT_MS / 1000))
        except queue.Empty:
            waited += 1
            if touch is None or waited * 1000 > WAIT_MS:
                raise
            touch.write_bytes(touch.read_bytes())
    return lines


def test_serve_prints_its_address_and_writes_nothing_with_no_cache(kaifeng: Path) -> None:
    before = snapshot(kaifeng)
    with serving(kaifeng, "--no-cache") as (url, _):
        page = urllib.request.urlopen(url).read().decode("utf-8")
        assert "开封市社工站十一月第四周工作动态" in page
        markdown = urllib.request.urlopen(url + "bulletin.md").read().decode("utf-8")
        assert markdown.startswith("# 开封市社工站十一月第四周工作动态")
    assert snapshot(kaifeng) == before


def test_serve_keeps_the_cache_build_keeps_and_nothing_else(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A warm cache makes the preview's rebuilds faster; it is the folder `build` keeps."""
    before = snapshot(kaifeng)
    with serving(kaifeng) as (url, _):
        assert "开封市社工站" in urllib.request.urlopen(url).read().decode("utf-8")
    added = {name.split("/")[0] for name in set(snapshot(kaifeng)) - set(before)}
    assert added == {".bulletin-cache"}
    assert not (kaifeng / "build").exists()


def test_the_terminal_says_what_each_rebuild_found(kaifeng: Path) -> None:
    with serving(kaifeng) as (_, printed):
        started = lines_until(printed, "已更新，7 个警告（页面顶部也列出了）：")
        assert "修改条目、图片、模板或 bulletin.toml 后页面会自动刷新" in started[0]
        warnings = lines_until(printed, "[W-wechat-html-length]")
        assert len(warnings) == 7 and all(": warning: " in line for line in warnings)
        assert any("兰阳街道社工站_补报.yaml:7:5: warning: " in line for line in warnings)

        edit(kaifeng / ENTRY, "category: casework", "category: casewrok")
        failed = lines_until(printed, "未能更新：1 个错误，6 个警告", touch=kaifeng / ENTRY)
        assert failed[-1].split(" ", 1)[1].startswith("未能更新")  # after the time of day
        problems = [printed.get(timeout=WAIT_MS / 1000) for _ in range(7)]
        assert sum(f"{ENTRY}:14:15: error: 没有“casewrok”这个类别" in p for p in problems) == 1

        edit(kaifeng / ENTRY, "category: casewrok", "category: casework")
        lines_until(printed, "已更新，7 个警告", touch=kaifeng / ENTRY)


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
    for week, code in (
        ("2022-W53", "[E-week-"),
        ("第47周", "[E-week-"),
        ("47 --date 明天", "[E-publication-date]"),
    ):
        command = [
            str(Path(sys.executable).with_name("bulletin")),
            "serve",
            *week.split(),
            "--port",
            "0",
        ]
        done = subprocess.run(command, cwd=kaifeng, capture_output=True, text=True, timeout=20)
        assert done.returncode == 2 and code in done.stderr and "http://" not in done.stdout


def test_the_preview_shows_the_date_given_under_the_title(kaifeng: Path) -> None:
    with serving(kaifeng, "--date", "12月1日") as (url, _):
        page = urllib.request.urlopen(url).read().decode("utf-8")
        assert "（2022-W47）<br>编制日期：2022年12月1日</p>" in page


def test_a_request_for_another_host_name_gets_nothing(preview: PreviewServer) -> None:
    """A page on the web that points its own name at 127.0.0.1 cannot read the preview."""
    request = urllib.request.Request(preview.url, headers={"Host": "attacker.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 421


def test_an_article_over_wechat_s_limits_does_not_hide_the_page(kaifeng: Path) -> None:
    """A week too long for one WeChat article showed only that error: the page could not be
    previewed at all."""
    long_body = "社工入户走访独居老人，了解生活需要。" * 1200
    (kaifeng / "entries/2022-W47/长文.yaml").write_text(
        f"category: visits\ndate: 2022-11-21\nbody: {long_body}\n", encoding="utf-8"
    )
    server = PreviewServer(kaifeng, "week-47", "zh", port=0)
    server.start()
    try:
        page = urllib.request.urlopen(server.url).read().decode("utf-8")
        article = urllib.request.urlopen(server.url + "wechat.html").read().decode("utf-8")
    finally:
        server.stop()
    assert "开封市社工站十一月第四周工作动态" in page and "社工入户走访独居老人" in page
    assert "预览提示：公众号文章有 1 个错误，没有生成 wechat.html" in page
    assert "[E-wechat-text-length]" in page and "[E-wechat-text-length]" in article


def test_the_terminal_names_files_from_where_serve_ran(kaifeng: Path) -> None:
    """As check and build do: with -C kaifeng, kaifeng/entries/… (it printed entries/…)."""
    with serving(kaifeng, from_parent=True) as (_, printed):
        lines_until(printed, "已更新，7 个警告")
        warnings = lines_until(printed, "[W-wechat-html-length]")
        assert all(line.startswith(f"{kaifeng.name}/") for line in warnings), warnings
