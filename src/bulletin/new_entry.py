"""``bulletin new``: one entry file from flags (or from answers at a terminal, see ``interview``).

Each field is resolved on its own into a value or a ``Problem``, so flags report every
problem at once and the terminal interview can ask again for just the field that was wrong.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bulletin.cache import Cache
from bulletin.config import Category, Project, ProjectConfig
from bulletin.dates import DateTextError, parse_date_text, split_period
from bulletin.diagnostics import EntryErrors, Location, Problem, UsageError, error
from bulletin.entry_file import (
    EntryDraft,
    StatValue,
    entry_folder,
    entry_text,
    link_from,
    stat_value,
    validate_text,
    written_warnings,
)
from bulletin.numbers import parse_figure
from bulletin.suggest import did_you_mean
from bulletin.write import write_file

COMMAND_LINE = "bulletin new"
# Which flag gives which field, for messages about the command line.
FLAGS = {
    "station": "--station",
    "district": "--district",
    "category": "--category",
    "date": "--date",
    "time": "--time",
    "title": "--title",
    "body": "--body",
    "org": "--org",
    "images": "--image",
    "stats": "--stat",
}


@dataclass(frozen=True)
class Place:
    """Where an entry belongs: a registered station (with its district) or a whole district."""

    station: str | None
    district: str | None

    @property
    def name(self) -> str:
        return self.station or self.district or ""


@dataclass
class EntryFields:
    """The fields as typed on the command line or at the prompts: text, not yet resolved."""

    station: str | None = None
    district: str | None = None
    category: str | None = None
    date: str | None = None
    time: str | None = None
    title: str | None = None
    body: str | None = None
    org: str | None = None
    images: list[str] = field(default_factory=list)
    stats: list[str] = field(default_factory=list)


def flag_location(name: str) -> Location:
    return Location.command_line(f"{COMMAND_LINE} {FLAGS[name]}")


def places(config: ProjectConfig) -> list[Place]:
    """Every registered station with its district, then every district as a whole."""
    stations = [
        Place(station, district.name)
        for district in config.districts
        for station in district.stations
    ]
    return [*stations, *(Place(None, district.name) for district in config.districts)]


def match_places(config: ProjectConfig, text: str, district: str | None = None) -> list[Place]:
    """The places a worker may mean by ``text``: its exact name (a former name stands for the
    current one), else any name containing it, or a former name of it containing it (仪封乡
    for 仪封乡社工站, now 仪封镇社工站)."""
    needle = config.current_station(text.strip())
    candidates = [
        place for place in places(config) if district is None or place.district == district
    ]
    exact = [place for place in candidates if needle == place.name]
    if exact or not needle:
        return exact
    renamed = {current for former, current in config.former_names.items() if needle in former}
    return [place for place in candidates if needle in place.name or place.station in renamed]


def resolve_place(
    config: ProjectConfig, station: str | None, district: str | None
) -> Place | Problem:
    if not (station or district):
        return error(flag_location("station"), "E-new-missing", flag="--station", field="station")
    if not config.districts:  # no registry: any name is taken as written
        return Place((station or "").strip() or None, (district or "").strip() or None)
    if district and district not in [d.name for d in config.districts]:
        names = [d.name for d in config.districts]
        return error(
            flag_location("district"),
            "E-unknown-district",
            value=district,
            suggestion=did_you_mean(district, names) or "",
        )
    found = match_places(config, station or district or "", district)
    if len(found) == 1:
        return found[0]
    if found:
        return error(
            flag_location("station"),
            "E-new-ambiguous",
            value=station or "",
            choices=tuple(describe(place) for place in found),
        )
    names = [place.name for place in places(config)]
    return error(
        flag_location("station"),
        "E-new-unknown-station",
        value=station or "",
        suggestion=_nearest_name(station or "", names),
        example=names[0][:2],
    )


def _nearest_name(written: str, names: Sequence[str]) -> str:
    """The registered name the worker meant: whole (惠安街到社工站), or by its beginning, as
    the interview lets them write it (惠按 for 惠安街道社工站)."""
    whole = did_you_mean(written, names)
    if whole or not written:
        return whole or ""
    beginnings = {name[: len(written)]: name for name in names}
    beginning = did_you_mean(written, list(beginnings))
    return beginnings[beginning] if beginning else ""


def describe(place: Place) -> str:
    """惠安街道社工站（兰考县）, or 兰考县 alone for a district-wide entry."""
    if place.station and place.district:
        return f"{place.station}（{place.district}）"
    return place.name


def resolve_category(config: ProjectConfig, text: str | None) -> Category | Problem:
    if not text or not text.strip():
        return error(
            flag_location("category"), "E-new-missing", flag="--category", field="category"
        )
    needle = text.strip()
    found = config.category_for(needle)
    if found is None:
        partial = [c for c in config.categories if needle in c.title or needle in c.key]
        found = partial[0] if len(partial) == 1 else None
    if found is not None:
        return found
    return error(
        flag_location("category"),
        "E-unknown-category",
        value=needle,
        suggestion=did_you_mean(needle, [c.title for c in config.categories]) or "",
        choices=tuple(f"{c.key}（{c.title}）" for c in config.categories),
    )


def resolve_when(text: str | None, today: date) -> tuple[date, date | None] | Problem:
    """The day (today when none is given), or a period's first and last day: 11月22日-23日."""
    if not text or not text.strip():
        return today, None
    period = split_period(text)
    try:
        if period is None:
            return parse_date_text(text, near=today), None
        first, last = (parse_date_text(part, near=today) for part in (period.start, period.end))
    except DateTextError as exc:
        return error(flag_location("date"), exc.code, value=text, field="date", **exc.facts)
    if last < first:
        where = flag_location("date")
        return error(where, "E-end-before-date", value=last.isoformat(), start=first.isoformat())
    return first, last


def resolve_body(text: str | None) -> str | Problem:
    if not text or not text.strip():
        return error(flag_location("body"), "E-new-missing", flag="--body", field="body")
    return text


def resolve_stats(texts: Iterable[str]) -> tuple[tuple[str, StatValue], ...] | Problem:
    stats: list[tuple[str, StatValue]] = []
    for item in texts:
        key, equals, value = item.partition("=")
        try:
            parse_figure(value.strip())
        except ValueError:
            equals = ""
        if not equals or not key.strip():
            return error(flag_location("stats"), "E-new-stat", value=item)
        stats.append((key.strip(), stat_value(value.strip())))
    return tuple(stats)


def draft_from_fields(project: Project, fields: EntryFields, today: date, cwd: Path) -> EntryDraft:
    """Resolve every field; all problems together as one ``UsageError``."""
    config = project.config
    place = resolve_place(config, fields.station, fields.district)
    category = resolve_category(config, fields.category)
    when = resolve_when(fields.date, today)
    body = resolve_body(fields.body)
    stats = resolve_stats(fields.stats)
    problems = [item for item in (place, category, when, body, stats) if isinstance(item, Problem)]
    if problems:
        raise UsageError(problems)
    assert isinstance(place, Place) and isinstance(category, Category)
    assert isinstance(when, tuple) and isinstance(body, str) and isinstance(stats, tuple)
    draft = EntryDraft(
        category=category.key,
        body=body,
        day=when[0],
        end=when[1],
        station=place.station,
        district=place.district,
        org=fields.org,
        time=fields.time,
        title=fields.title,
        stats=stats,
    )
    folder = entry_folder(project, draft)
    images = tuple(link_from(folder, cwd / image) for image in fields.images)
    return dataclasses.replace(draft, images=images)


@dataclass(frozen=True)
class NewEntry:
    path: Path
    warnings: list[Problem]  # what ``bulletin check`` says of it now that it is written


def create_entry(
    project: Project, draft: EntryDraft, today: date | None = None, cache: Cache | None = None
) -> NewEntry:
    """Check the entry as ``bulletin check`` would, then write it under a name nobody has."""
    today = today or date.today()
    folder = entry_folder(project, draft)
    stem = draft.stem(project.config)
    text = entry_text(draft, folder, project)
    checked = validate_text(
        project,
        folder / f"{stem}.yaml",
        text,
        lambda loc, _: flag_location(_field_of(loc)),
        today,
    )
    if checked.problems:
        raise EntryErrors(checked.problems)
    for number in range(1, 1000):
        path = folder / (f"{stem}.yaml" if number == 1 else f"{stem}-{number}.yaml")
        if write_file(path, text):
            return NewEntry(path, written_warnings(project, [path], today, cache))
    raise AssertionError("a thousand entries with the same date and title")  # pragma: no cover


def _field_of(loc: Sequence[str | int]) -> str:
    """The field a problem in the unwritten file is about, to point at its flag."""
    head = str(loc[0]) if loc else "body"
    return head if head in FLAGS else "body"
