"""Figures that cannot be what their unit counts: 0.1 人次."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from bulletin.checks.context import CheckContext
from bulletin.config import Metric, ProjectConfig
from bulletin.diagnostics import Problem, warning
from bulletin.model import Entry
from bulletin.numbers import Figure

# Units of things counted one by one: people, households, times, events, copies… Money,
# hours, weights and areas (元, 小时, 公斤, 平方米) come in parts; so does a count in 万.
_COUNTED_UNITS = frozenset(
    "人名位户家个份次场节期篇条件所组批项张本册套台辆处支队例对盒袋箱间座趟轮堂封单课"
)


def counted(unit: str) -> bool:
    """Whether a unit counts whole things: 人, 户, 份, and any …次 (人次, 户次, 场次)."""
    unit = unit.strip()
    return not unit.startswith("万") and (unit in _COUNTED_UNITS or unit.endswith("次"))


def fractional_counts(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A figure with a fraction (0.1) where its metric counts people, households or times."""
    config = context.project.config
    for stat in entry.stats:
        metric = config.metric(stat.key)
        if metric is None or not counted(metric.unit):
            continue
        for group, figure in ((None, stat.figure), *((p.group, p.figure) for p in stat.by_group)):
            if figure.value != figure.value.to_integral_value():
                yield _fraction(entry, config, metric, group, figure)


def _fraction(
    entry: Entry, config: ProjectConfig, metric: Metric, group: str | None, figure: Figure
) -> Problem:
    """The warning, at the figure: its metric and group found as written (走访 for visited,
    低保 for 低保特困) only now that there is one to report."""
    field = "stats" if group is None else "by_group"
    written = entry.places.written(field)
    path = [_written_key(written, metric.key, lambda name: config.metric_key(name) == metric.key)]
    if group is not None:
        figures = written.get(path[0]) if isinstance(written, dict) else None
        path.append(_written_key(figures, group, lambda name: _group_of(config, name) == group))
    return warning(
        entry.places.field(field, *path),
        "W-figure-fraction",
        value=str(figure),
        key=path[-1],
        label=metric.label,
        unit=metric.unit,
    )


def _written_key(mapping: Any, default: str, means: Callable[[str], bool]) -> str:
    keys = mapping if isinstance(mapping, dict) else {}
    return next((key for key in keys if isinstance(key, str) and means(key)), default)


def _group_of(config: ProjectConfig, written: str) -> str:
    group = config.group_for(written.strip())
    return group.name if group is not None else written
