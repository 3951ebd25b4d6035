"""本周概况 and the archive's bar charts: WeChat-safe HTML, right widths in a real browser."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.build import build, compile_week
from bulletin.config import load_project
from bulletin.numbers import Figure
from bulletin.overview import bar_chart
from bulletin.render import make_environment
from generated import CITIES, generate_city
from wechat_rules import violations


@pytest.fixture
def overview_fragment(kaifeng: Path) -> str:
    """本周概况 of the example week, which is also built (the page tests open it)."""
    project = load_project(kaifeng)
    build(project, "week-47")
    view = compile_week(project, "week-47")[1].view
    assert view.overview is not None
    module = make_environment(None).get_template("overview.html.j2").module
    return str(module.overview(view.overview))  # type: ignore[attr-defined]


def test_the_overview_passes_the_wechat_editor_rules(overview_fragment: str) -> None:
    assert overview_fragment.startswith("<section") and overview_fragment.endswith("</section>")
    assert violations(overview_fragment) == []


def test_the_rules_notice_what_the_editor_drops() -> None:
    assert violations('<section class="a" style="color:#000"> <div></div></section>') == [
        "<section> attributes ['class', 'style']",
        "<section> style 'color:#000'",
        "whitespace between tags ' '",
        "tag <div>",
        "<div> attributes []",
    ]


amounts = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False)


@given(values=st.lists(amounts, min_size=1, max_size=12))
def test_bars_keep_the_order_of_their_values_and_the_longest_is_full(
    values: list[Decimal],
) -> None:
    chart = bar_chart("", [(str(i), Figure(value), "") for i, value in enumerate(values)])
    widths = [Decimal(bar.width.rstrip("%")) for bar in chart.bars]
    assert all(0 <= width <= 100 for width in widths)
    assert max(widths) == (100 if max(values) > 0 else 0)
    pairs = sorted(zip(values, widths, strict=True))
    assert [width for _, width in pairs] == sorted(width for _, width in pairs)


def test_the_overview_is_in_the_page_as_rendered(kaifeng: Path, overview_fragment: str) -> None:
    html = (kaifeng / "build" / "2022-W47" / "bulletin.html").read_text(encoding="utf-8")
    assert overview_fragment in html


# The bars of every chart on a page: the fill's width relative to its track, and its value.
BARS = """() => [...document.querySelectorAll('section')]
    .filter(s => s.children.length === 0 && s.parentElement.children.length === 1)
    .map(fill => {
        const track = fill.parentElement, row = track.parentElement;
        const box = track.getBoundingClientRect();
        return {chart: [...document.querySelectorAll('section')].indexOf(row.parentElement),
                value: row.querySelector('p span').innerText,
                share: fill.getBoundingClientRect().width / box.width,
                right: box.right, height: fill.getBoundingClientRect().height};
    })"""


def bars_in(browser, page_file: Path, width: int) -> tuple[list[dict], int]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(page_file.as_uri())
        bars = page.evaluate(BARS)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        return bars, overflow
    finally:
        page.close()


def number(text: str) -> Decimal:
    digits = "".join(c for c in text if c.isdigit() or c in ".万")
    if digits.endswith("万"):
        return Decimal(digits[:-1]) * 10000
    return Decimal(digits.rstrip("万") or "0")


def assert_relative_widths(bars: list[dict], width: int) -> None:  # type: ignore[type-arg]
    charts: dict[int, list[dict]] = {}  # type: ignore[type-arg]
    for bar in bars:
        charts.setdefault(bar["chart"], []).append(bar)
    for chart in charts.values():
        longest = max(number(bar["value"]) for bar in chart if bar["value"] != "–")
        for bar in chart:
            expected = 0 if bar["value"] == "–" else number(bar["value"]) / longest
            assert abs(bar["share"] - float(expected)) < 0.01, bar
            assert bar["right"] <= width and bar["height"] > 0
    assert any(bar["share"] == 1 for bar in bars)


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 677])
def test_the_bars_have_the_right_widths_and_fit_a_phone(
    browser, kaifeng: Path, overview_fragment: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    bars, overflow = bars_in(browser, kaifeng / "build" / "2022-W47" / "bulletin.html", width)
    assert overflow <= 0
    # 11 districts (and 全市), 4 target groups.
    assert len(bars) == 11 + 4
    assert_relative_widths(bars, width)


@pytest.mark.browser
def test_the_archive_trend_charts_render_at_phone_width(browser, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = generate_city(tmp_path / "city", CITIES[0])
    assert run(project, "build", "--all")[0] == 0
    bars, overflow = bars_in(browser, project / "build" / "index.html", 375)
    assert overflow <= 0
    # Entries and three metrics, each W40 to W44: four weeks built, W42 not (no bar).
    assert len(bars) == 5 * (1 + 3)
    assert_relative_widths(bars, 375)
