"""A week in figures: totals per metric, and per district, category and target group.

Sums are Decimal, and "more than" (余) as soon as one part is. Every entry counts in one
category row, so those rows add up to the week's totals; in the row of every district it names
(a joint entry of two districts in both, as ``status`` counts it; 全市 when it names none), so
with joint entries the district rows add up to more; target groups overlap too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from bulletin.config import ProjectConfig
from bulletin.model import Entry
from bulletin.numbers import Figure, total

CITY_WIDE = "全市"  # the district row of entries that name no district


@dataclass(frozen=True)
class Measure:
    """A metric as it was labelled when the figures were made."""

    key: str
    label: str
    unit: str


@dataclass(frozen=True)
class Row:
    """One district, category or target group: its entries and its sums per metric."""

    key: str
    label: str
    entries: int
    metrics: dict[str, Figure] = field(default_factory=dict)
    stations: int | None = None  # active stations; districts only


@dataclass(frozen=True)
class WeekFigures:
    entries: int
    stations: int  # stations named by at least one entry
    measures: tuple[Measure, ...]  # the metrics reported, registry order first
    totals: dict[str, Figure]
    districts: tuple[Row, ...]  # every registered district, silent ones too; then 全市
    categories: tuple[Row, ...]  # every category, in config order
    groups: tuple[Row, ...]  # every registered group; then unregistered names
    joint: int = 0  # entries that name several districts, so count in each district row

    def measure(self, key: str) -> Measure:
        return next(measure for measure in self.measures if measure.key == key)


def week_figures(config: ProjectConfig, entries: Sequence[Entry]) -> WeekFigures:
    of_category = _grouped(entries, lambda entry: (entry.category,))
    totals = _sums(config, ((stat.key, stat.figure) for entry in entries for stat in entry.stats))
    stations = {
        (_home(config, entry, station), station) for entry in entries for station in entry.stations
    }
    return WeekFigures(
        entries=len(entries),
        stations=len(stations),
        measures=tuple(measure_of(config, key) for key in totals),
        totals=totals,
        districts=_district_rows(config, entries, stations),
        categories=tuple(
            _row(config, category.key, category.title, of_category.get(category.key, []))
            for category in config.categories
        ),
        groups=_group_rows(config, entries),
        joint=sum(1 for entry in entries if len(_districts_of(entry)) > 1),
    )


def _sums(config: ProjectConfig, pairs: Iterable[tuple[str, Figure]]) -> dict[str, Figure]:
    """The sum per metric, in registry order (unregistered keys alphabetically after)."""
    grouped: defaultdict[str, list[Figure]] = defaultdict(list)
    for key, figure in pairs:
        grouped[key].append(figure)
    return {key: total(grouped[key]) for key in config.in_metric_order(grouped)}


def measure_of(config: ProjectConfig, key: str) -> Measure:
    metric = config.metric(key)
    return Measure(key, metric.label, metric.unit) if metric else Measure(key, key, "")


def _row(
    config: ProjectConfig,
    key: str,
    label: str,
    entries: Sequence[Entry],
    stations: int | None = None,
) -> Row:
    sums = _sums(config, ((stat.key, stat.figure) for entry in entries for stat in entry.stats))
    return Row(key, label, len(entries), sums, stations)


def _district_of(entry: Entry) -> str:
    """The one district of an entry's stations that are not registered: 全市 unless one."""
    return entry.districts[0] if len(entry.districts) == 1 else CITY_WIDE


def _districts_of(entry: Entry) -> Sequence[str]:
    """The district rows an entry counts in: each district it names, else 全市."""
    names = entry.districts
    if len(names) > 1:
        return tuple(dict.fromkeys(names))
    return names or (CITY_WIDE,)


def _home(config: ProjectConfig, entry: Entry, station: str) -> str:
    """The district a station belongs to: its registered one, else the entry's only district."""
    homes = config.districts_of_station(station)
    return next(
        (d for d in entry.districts if d in homes), homes[0] if homes else _district_of(entry)
    )


def _district_rows(
    config: ProjectConfig, entries: Sequence[Entry], stations: set[tuple[str, str]]
) -> tuple[Row, ...]:
    registered = [district.name for district in config.districts]
    of_district = _grouped(entries, _districts_of)
    seen = set(of_district) | {home for home, _ in stations}
    others = sorted(seen - {*registered, CITY_WIDE})
    active = Counter(home for home, _ in stations)
    names = [*registered, *others, *([CITY_WIDE] if CITY_WIDE in seen else [])]
    return tuple(
        _row(config, name, name, of_district.get(name, []), active[name]) for name in names
    )


def _grouped(
    entries: Sequence[Entry], keys: Callable[[Entry], Sequence[str]]
) -> dict[str, list[Entry]]:
    """The entries under each of their keys, in their order: one pass, however many rows."""
    groups: defaultdict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for key in keys(entry):
            groups[key].append(entry)
    return groups


def _group_rows(config: ProjectConfig, entries: Sequence[Entry]) -> tuple[Row, ...]:
    registered = [group.name for group in config.groups]
    served: Counter[str] = Counter(group for entry in entries for group in entry.groups)
    parts: defaultdict[str, list[tuple[str, Figure]]] = defaultdict(list)
    for entry in entries:
        for stat in entry.stats:
            for part in stat.by_group:
                parts[part.group].append((stat.key, part.figure))
    return tuple(
        Row(name, name, served[name], _sums(config, parts[name]))
        for name in [*registered, *sorted(set(served) - set(registered))]
    )
