"""wechat.html and bulletin.html in headless Chromium, served over http://127.0.0.1 as a
coordinator's browser would open them, at a phone's 375 px and WeChat's 677 px column."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import page_facts, served_folder

pytestmark = pytest.mark.browser

# 本周概况, then the eight sections of the seed.
SECTIONS = ["本周概况", "01走访调研", "02督导培训", "03便民服务"]
LAST_SECTION = "08关心关爱特殊困难群体"
READ_CLIPBOARD = """async () => {
    const found = {};
    for (const item of await navigator.clipboard.read({unsanitized: ["text/html"]}))
        for (const type of item.types) found[type] = await (await item.getType(type)).text();
    return found;
}"""


@dataclass(frozen=True)
class ServedWeek:
    folder: Path
    url: str


@pytest.fixture
def served(kaifeng: Path, run) -> Iterator[ServedWeek]:  # type: ignore[no-untyped-def]
    assert run(kaifeng, "build", "week-47", "-f", "html", "-f", "wechat")[0] == 0
    folder = kaifeng / "build" / "2022-W47"
    with served_folder(folder) as url:
        yield ServedWeek(folder, url)


def section_titles(facts: dict) -> list[str]:  # type: ignore[type-arg]
    return ["".join(heading["text"].split()) for heading in facts["headings"]]


@pytest.mark.parametrize("width", [375, 677])
def test_wechat_preview_fits_loads_its_images_and_shows_every_section(
    browser, served: ServedWeek, artifacts: Path, width: int
) -> None:  # type: ignore[no-untyped-def]
    facts = page_facts(
        browser, f"{served.url}/wechat.html", width, artifacts / f"wechat-{width}.png"
    )
    assert facts["overflow"] <= 0
    assert len(facts["images"]) == 22  # 11 photos, in the 677 px view and the phone view
    assert all(image["ok"] and not image["wider"] for image in facts["images"]), facts["images"]
    titles = section_titles(facts)
    assert len(titles) == 18 and titles[:4] == SECTIONS and titles[8] == LAST_SECTION
    assert titles[9:] == titles[:9]
    assert all(heading["visible"] for heading in facts["headings"])


@pytest.mark.parametrize("width", [375, 677])
def test_bulletin_page_served_the_same_way_fits_and_loads(
    browser, served: ServedWeek, width: int
) -> None:  # type: ignore[no-untyped-def]
    facts = page_facts(browser, f"{served.url}/bulletin.html", width)
    assert facts["overflow"] <= 0
    assert len(facts["images"]) == 11 and all(image["ok"] for image in facts["images"])
    assert section_titles(facts)[:4] == SECTIONS


def test_both_views_side_by_side_on_a_wide_screen(
    browser, served: ServedWeek, artifacts: Path
) -> None:  # type: ignore[no-untyped-def]
    """The screenshot kept for the README (docs/wechat-preview.png is one of these)."""
    facts = page_facts(browser, f"{served.url}/wechat.html", 1200, artifacts / "wechat-preview.png")
    assert facts["overflow"] <= 0


@pytest.mark.parametrize("fallback", [False, True], ids=["clipboard-api", "execCommand"])
def test_the_copy_button_puts_the_fragment_on_the_clipboard(
    browser, served: ServedWeek, fallback: bool
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        if fallback:  # a browser without the asynchronous Clipboard API
            context.add_init_script("delete window.ClipboardItem;")
        page = context.new_page()
        page.goto(f"{served.url}/wechat.html")
        page.get_by_role("button", name="复制到公众号").click()
        page.wait_for_function(
            "document.getElementById('copy-status').textContent !== ''", timeout=5_000
        )
        assert page.text_content("#copy-status").startswith("已复制")
        copied = page.evaluate(READ_CLIPBOARD)
    finally:
        context.close()
    fragment = (served.folder / "wechat.fragment.html").read_text(encoding="utf-8")
    # Chromium may wrap the HTML in a document and makes image addresses absolute.
    html = copied["text/html"].replace(f"{served.url}/images/", "images/")
    assert html[html.index("<section") : html.rindex("</section>") + len("</section>")] == fragment
    assert "走访调研" in copied["text/plain"] and "<section" not in copied["text/plain"]


def test_a_broken_image_in_the_preview_is_noticed(browser, served: ServedWeek) -> None:  # type: ignore[no-untyped-def]
    next((served.folder / "images").iterdir()).write_bytes(b"not an image")
    facts = page_facts(browser, f"{served.url}/wechat.html", 375)
    assert not all(image["ok"] for image in facts["images"])


def test_a_fragment_that_overflows_the_phone_is_noticed(browser, served: ServedWeek) -> None:  # type: ignore[no-untyped-def]
    page = served.folder / "wechat.html"
    html = page.read_text(encoding="utf-8")
    assert "max-width:100%" in html
    page.write_text(html.replace("max-width:100%", "width:480px"), encoding="utf-8")
    assert page_facts(browser, f"{served.url}/wechat.html", 375)["overflow"] > 0
