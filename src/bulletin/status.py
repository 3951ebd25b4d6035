"""``bulletin status WEEK``: per district, the registered stations that filed that week, and
the ones that did not.

A file counts as filed once it parses, even when its entries have errors: the coordinator
asks who reported, and ``check`` says what to fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bulletin.check import Unfiled, resolve_week, unfiled, week_folders
from bulletin.config import Project
from bulletin.dates import split_list, week_span
from bulletin.load import discover, load_all
from bulletin.messages import Lang, text
from bulletin.validate import raw_entries
from bulletin.weeks import reporting_week


@dataclass(frozen=True)
class StationCount:
    station: str
    entries: int


@dataclass(frozen=True)
class DistrictStatus:
    name: str
    filed: tuple[StationCount, ...]
    missing: tuple[str, ...]
    district_entries: int  # entries that name the district but no station


@dataclass(frozen=True)
class WeekStatus:
    week: str
    start: date
    end: date
    districts: tuple[DistrictStatus, ...]
    unregistered: tuple[StationCount, ...]  # station names the registry does not know
    ambiguous: tuple[StationCount, ...]  # names of stations in several districts, none named
    unreadable: tuple[str, ...]  # files that do not parse, so cannot say who wrote them
    unfiled: tuple[Unfiled, ...]  # in no week's folder: perhaps this week's, not counted

    @property
    def filed_count(self) -> int:
        return sum(len(district.filed) for district in self.districts)

    @property
    def missing_count(self) -> int:
        return sum(len(district.missing) for district in self.districts)


def week_status(project: Project, week_spec: str, today: date) -> WeekStatus:
    config = project.config
    week = reporting_week(resolve_week(project, week_spec, today), config.week_start)
    folders = week_folders(project).get(week.id, [])
    files = (
        load_all(
            discover(project.entries_dir, project.root, folders),
            project.config.check.max_entry_bytes,
        )[0]
        if folders
        else []
    )
    stations: Counter[tuple[str, str]] = Counter()  # (district, station) → entries
    unregistered: Counter[str] = Counter()
    ambiguous: Counter[str] = Counter()
    district_wide: Counter[str] = Counter()
    unreadable = []
    for source in files:
        if source.data is None:
            if source.problems:
                unreadable.append(source.relative)
            continue
        for _, merged, _ in raw_entries(source, []):
            names = _names(merged.get("station"))
            districts = _names(merged.get("district"))
            if not names:
                district_wide.update(districts)
            for station in map(config.current_station, names):
                homes = config.districts_of_station(station)
                named = [district for district in homes if district in districts]
                if not homes:
                    unregistered[station] += 1
                elif len(homes) > 1 and not named:  # counted in neither: check asks which
                    ambiguous[station] += 1
                else:
                    stations.update((district, station) for district in named or homes)
    return WeekStatus(
        week=str(week.id),
        start=week.start,
        end=week.end,
        districts=tuple(
            DistrictStatus(
                name=district.name,
                filed=tuple(
                    StationCount(name, stations[district.name, name])
                    for name in district.stations
                    if stations[district.name, name]
                ),
                missing=tuple(
                    name for name in district.stations if not stations[district.name, name]
                ),
                district_entries=district_wide[district.name],
            )
            for district in config.districts
        ),
        unregistered=_counts(unregistered),
        ambiguous=_counts(ambiguous),
        unreadable=tuple(unreadable),
        unfiled=tuple(unfiled(project)),
    )


def _names(value: Any) -> list[str]:
    """Station or district names as written: a list, or one text that 、 may part as check
    reads it (anything else is ignored)."""
    items = value if isinstance(value, list) else [value]
    return [name for item in items if isinstance(item, str) for name in split_list(item)]


def _counts(counter: Mapping[str, int]) -> tuple[StationCount, ...]:
    return tuple(StationCount(name, count) for name, count in sorted(counter.items()))


def status_lines(status: WeekStatus, lang: Lang) -> list[str]:
    """The status as a coordinator reads it: per district, who filed (how many) and who not."""
    when = week_span(status.start, status.end)
    lines = [text("status_header", lang, week=status.week, range=when)]
    for district in status.districts:
        if not (district.filed or district.missing):
            lines.append(text("status_no_stations", lang, district=district.name))
        else:
            lines.append(
                text(
                    "status_district",
                    lang,
                    district=district.name,
                    filed=len(district.filed),
                    stations=len(district.filed) + len(district.missing),
                )
            )
        if district.filed:
            lines.append(text("status_filed", lang, stations=_counted(district.filed, lang)))
        if district.missing:
            lines.append(text("status_missing", lang, stations=district.missing))
        if district.district_entries:
            lines.append(text("status_district_wide", lang, entries=district.district_entries))
    if status.unregistered:
        stations = _counted(status.unregistered, lang)
        lines.append(text("status_unregistered", lang, stations=stations))
    if status.ambiguous:
        stations = _counted(status.ambiguous, lang)
        lines.append(text("status_ambiguous", lang, stations=stations))
    if status.unreadable:
        lines.append(text("status_unreadable", lang, files=status.unreadable))
    if status.unfiled:
        folders = tuple(
            text("status_unfiled_folder", lang, path=item.path, files=item.files)
            for item in status.unfiled
        )
        lines.append(text("status_unfiled", lang, folders=folders))
    lines.append(text("status_total", lang, filed=status.filed_count, missing=status.missing_count))
    return lines


def _counted(stations: Iterable[StationCount], lang: Lang) -> tuple[str, ...]:
    return tuple(
        text("status_station", lang, station=s.station, entries=s.entries) for s in stations
    )
