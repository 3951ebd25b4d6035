"""The standalone bulletin.html in a real browser, at a phone's width and at WeChat's column."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import evaluated, page_facts

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


WIDE_GROUPS = """\
entries:
  - category: visits
    date: 2022-11-21
    body: 全市社工开展走访慰问活动，覆盖多类服务对象，共建立档案若干份。
    stats: {visited: 1200, households: 300, files: 45, served: 98000, volunteers: 150,
            residents_served: 123456, consultations: 77}
    by_group:
      visited: {低保特困: 100, 残疾人: 200, 困境儿童: 50, 老年人: 600}
      households: {低保特困: 10, 残疾人: 20, 困境儿童: 5, 老年人: 60}
      served: {低保特困: 10000, 残疾人: 20000, 困境儿童: 5000, 老年人: 60000}
      consultations: {老年人: 6}
"""

TABLE_FACTS = """() => [...document.querySelectorAll('table')].map(t => ({
    columns: t.rows[0].cells.length,
    lines: Math.max(...[...t.querySelectorAll('th, td')].map(c =>
        Math.round(c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight)))),
    visible: t.parentElement.getBoundingClientRect().right <= window.innerWidth,
    scrolls: t.parentElement.scrollWidth > t.parentElement.clientWidth,
}))"""


@pytest.mark.parametrize("page", ["bulletin.html", "wechat.html"])
def test_a_wide_group_table_scrolls_in_its_box_on_a_phone_and_never_wraps_a_character_a_line(
    browser,
    kaifeng: Path,
    run,
    artifacts: Path,
    page: str,  # type: ignore[no-untyped-def]
) -> None:
    (kaifeng / "entries/2022-W47/全市.yaml").write_text(WIDE_GROUPS, encoding="utf-8")
    assert run(kaifeng, "build", "47", "-f", "html", "-f", "wechat")[0] == 0
    url = (kaifeng / "build/2022-W47" / page).as_uri()
    assert page_facts(browser, url, 390, artifacts / f"wide-table-{page}.png")["overflow"] <= 0
    tables = evaluated(browser, url, 390, TABLE_FACTS)
    wide = [table for table in tables if table["columns"] >= 6]
    assert wide and all(table["scrolls"] for table in wide), tables
    assert all(table["lines"] == 1 and table["visible"] for table in tables), tables


INDEX_FACTS = """() => {
    const link = document.querySelector('article h3 a');
    const meta = link.closest('article').querySelector('p');
    const style = getComputedStyle(link);
    return {color: style.color, underline: style.textDecorationLine,
            title: parseFloat(style.fontSize), meta: parseFloat(getComputedStyle(meta).fontSize),
            metaColor: getComputedStyle(meta).color};
}"""


@pytest.mark.parametrize("accent, rgb", [("", "rgb(192, 57, 43)"), ("#1a5fb4", "rgb(26, 95, 180)")])
def test_the_archive_index_links_each_week_in_the_theme_colour_its_title_first(
    browser,
    kaifeng: Path,
    run,
    artifacts: Path,
    accent: str,
    rgb: str,  # type: ignore[no-untyped-def]
) -> None:
    if accent:
        with (kaifeng / "bulletin.toml").open("a", encoding="utf-8") as config:
            config.write(f'\n[theme]\naccent_color = "{accent}"\n')
    assert run(kaifeng, "build", "--all")[0] == 0
    url = (kaifeng / "build/index.html").as_uri()
    assert (
        page_facts(browser, url, 390, artifacts / f"index-{accent or 'default'}.png")["overflow"]
        <= 0
    )
    facts = evaluated(browser, url, 390, INDEX_FACTS)
    assert facts["color"] == rgb and facts["underline"] == "none", facts
    assert facts["title"] > facts["meta"] and facts["metaColor"] != rgb, facts
