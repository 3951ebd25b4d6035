"""本周概况: the week's figures as a sentence, tables (Markdown and HTML) and bar charts (HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bulletin.config import ProjectConfig
from bulletin.figures import CITY_WIDE, Row, WeekFigures
from bulletin.numbers import Figure, format_figure, shown_value
from bulletin.view import BarView, ChartView, OverviewBlock, OverviewView, TableView

NO_FIGURE = "–"
ENTRY_UNIT = "条"


def overview_view(config: ProjectConfig, figures: WeekFigures) -> OverviewView:
    blocks = []
    if figures.measures:
        rows = tuple(
            (measure.label, format_figure(figures.totals[measure.key]) + measure.unit)
            for measure in figures.measures
        )
        blocks.append(OverviewBlock("数据合计", (), TableView(("数据项", "合计"), rows)))
    blocks.append(_districts(config, figures))
    categories = tuple((row.label, str(row.entries)) for row in figures.categories)
    blocks.append(OverviewBlock("各类别", (), TableView(("类别", "条目"), categories)))
    if figures.groups:
        blocks.append(_groups(figures))
    # A district is active when an entry naming it or a station of it reported.
    active = sum(
        1 for row in figures.districts if row.key != CITY_WIDE and (row.entries or row.stations)
    )
    summary = (
        f"本周共 {figures.entries} 条动态；{active} 个县区、{figures.stations} 个社工站有动态。"
    )
    return OverviewView(summary, tuple(blocks))


def bar_chart(title: str, bars: Sequence[tuple[str, Figure | None, str]]) -> ChartView:
    """Bars as wide as their shown value relative to the largest one: (label, figure, unit) each.

    A missing figure (nobody reported it) is an empty bar marked –, not a zero.
    """
    longest = max((shown_value(figure) for _, figure, _ in bars if figure), default=Decimal(0))
    return ChartView(
        title,
        tuple(
            BarView(label, format_figure(figure) + unit, _percent(shown_value(figure), longest))
            if figure
            else BarView(label, NO_FIGURE, "0%")
            for label, figure, unit in bars
        ),
    )


def count(number: int) -> Figure:
    return Figure(Decimal(number))


def _percent(value: Decimal, longest: Decimal) -> str:
    if longest <= 0:
        return "0%"
    share = (value * 100 / longest).quantize(Decimal("0.01"))
    return f"{share.normalize():f}%"


def _districts(config: ProjectConfig, figures: WeekFigures) -> OverviewBlock:
    registered = {district.name: len(district.stations) for district in config.districts}
    chart = bar_chart(
        "各县区条目数", [(row.label, count(row.entries), ENTRY_UNIT) for row in figures.districts]
    )
    rows = tuple(
        (row.label, str(row.entries), _stations(row, registered)) for row in figures.districts
    )
    note = (
        f"{figures.joint} 条动态由几个县区联合开展，在每个县区各计 1 条，"
        f"所以各县区条目相加多于 {figures.entries} 条。"
        if figures.joint
        else ""
    )
    table = TableView(("县区", "条目", "活跃社工站"), rows)
    return OverviewBlock("各县区", (chart,), table, note)


def _stations(row: Row, registered: dict[str, int]) -> str:
    """3/9 when the district registers its stations; – when there are none to count."""
    active = row.stations or 0
    if registered.get(row.key):
        return f"{active}/{registered[row.key]}"
    return str(active) if active else NO_FIGURE


def _groups(figures: WeekFigures) -> OverviewBlock:
    split = [m for m in figures.measures if any(m.key in row.metrics for row in figures.groups)]
    charts = tuple(
        bar_chart(
            f"{measure.label} · 按服务对象",
            [
                (row.label, row.metrics[measure.key], measure.unit)
                for row in figures.groups
                if measure.key in row.metrics
            ],
        )
        for measure in split
    )
    header = ("服务对象", "条目", *(titled(measure.label, measure.unit) for measure in split))
    rows = tuple(
        (
            row.label,
            str(row.entries),
            *(
                format_figure(row.metrics[m.key]) if m.key in row.metrics else NO_FIGURE
                for m in split
            ),
        )
        for row in figures.groups
    )
    return OverviewBlock("服务对象", charts, TableView(header, rows))


def titled(label: str, unit: str) -> str:
    """A metric's name with its unit, as a column or a row is headed: 社工服务（人次）."""
    return f"{label}（{unit}）" if unit else label
