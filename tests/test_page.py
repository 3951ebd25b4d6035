"""The standalone bulletin.html in a real browser, at a phone's width and at WeChat's column."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import page_facts

pytestmark = pytest.mark.browser

WIDTHS = [375, 677]


@pytest.fixture
def built_page(kaifeng: Path, run) -> Path:  # type: ignore[no-untyped-def]
    assert run(kaifeng, "build", "week-47")[0] == 0
    return kaifeng / "build" / "2022-W47" / "bulletin.html"


@pytest.mark.parametrize("width", WIDTHS)
def test_page_fits_loads_its_images_and_shows_every_section(
    browser,
    built_page: Path,
    artifacts: Path,
    width: int,  # type: ignore[no-untyped-def]
) -> None:
    facts = page_facts(browser, built_page.as_uri(), width, artifacts / f"bulletin-{width}.png")
    assert facts["overflow"] <= 0
    assert len(facts["images"]) == 11
    assert all(image["ok"] and not image["wider"] for image in facts["images"]), facts["images"]
    titles = ["".join(h["text"].split()) for h in facts["headings"]]
    assert titles[:2] == ["本周概况", "01走访调研"] and titles[-1] == "08关心关爱特殊困难群体"
    assert len(titles) == 9 and all(h["visible"] for h in facts["headings"])


def test_a_broken_image_is_noticed(browser, built_page: Path) -> None:  # type: ignore[no-untyped-def]
    next((built_page.parent / "images").iterdir()).write_bytes(b"not an image")
    facts = page_facts(browser, built_page.as_uri(), 375)
    assert not all(image["ok"] for image in facts["images"])


def test_overflow_is_noticed(browser, built_page: Path) -> None:  # type: ignore[no-untyped-def]
    html = built_page.read_text(encoding="utf-8")
    built_page.write_text(
        html.replace("</main>", '<div style="width:2000px">x</div></main>'), encoding="utf-8"
    )
    assert page_facts(browser, built_page.as_uri(), 375)["overflow"] > 0
