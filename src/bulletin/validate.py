"""Parsed files → validated ``Entry`` values, and every problem found on the way.

Two layers: the schema (``EntryInput``, types and fields) and the project (categories,
stations, districts, metrics and image files as ``bulletin.toml`` declares them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import ValidationError

from bulletin.config import Project, ProjectConfig, unknown_category, unknown_metric
from bulletin.dates import Period, completed_dates, list_parts, split_list, split_period
from bulletin.diagnostics import Location, Problem, error
from bulletin.figures import measure_of
from bulletin.load import IMAGE_SUFFIXES, EntryPlaces, SourceFile, Written, YamlPath, typing_slip
from bulletin.messages import cannot_ignore
from bulletin.model import Entry, EntryInput, GroupFigure, Image, Stat
from bulletin.numbers import Figure
from bulletin.pydantic_errors import Locator, as_written, problems_from_validation_error
from bulletin.suggest import did_you_mean, district_prefix, names_no_station, nearest_station

_V = TypeVar("_V")
_NO_CODES: frozenset[str] = frozenset()  # shared: most entries silence nothing
# Stand-ins for required fields that failed, so the other fields can still be checked.
_REQUIRED = {"category": "-", "body": "-"}


@dataclass
class Validated:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def validate_files(
    project: Project, files: Iterable[SourceFile], photos: PhotoFiles | None = None
) -> Validated:
    """``photos`` shares the photo lookups of a run that validates in several calls."""
    result = Validated()
    photos = photos or PhotoFiles(project.root)
    for source in files:
        result.problems.extend(_kept_for_file(source))
        if source.data is None and source.problems:
            continue
        for entry_path, merged, origins in raw_entries(source, result.problems):
            entry = _validate_entry(
                project, photos, source, entry_path, merged, origins, result.problems
            )
            if entry is not None:
                result.entries.append(entry)
    return result


def _kept_for_file(source: SourceFile) -> list[Problem]:
    """The file's own problems, less the warnings its top-level ``ignore:`` silences (a
    file-wide one, such as W-comment-dropped, belongs to no single entry)."""
    data = source.data
    ignored = data.get("ignore") if isinstance(data, dict) else None
    if not ignored:
        return source.problems
    # as an entry's ignore: reads it
    codes = split_list(ignored) if isinstance(ignored, str) else ignored
    if not isinstance(codes, list):
        codes = [codes]
    return [p for p in source.problems if p.is_error or p.code not in codes]


# A photo an entry named, as the cache keeps it: folder, ``src``, and the answer's real path,
# error code or None, and suggestion.
PhotoLookup = tuple[str, str, str, "str | None", str]


class PhotoAnswer(NamedTuple):
    path: Path
    refused: str | None  # the code of the error it is, when it cannot be used
    suggestion: str = ""  # for a missing photo: the nearest name below its folder


class PhotoFiles:
    """What an entry's ``images`` name: each folder and name looked up once per run.

    The entries of a folder name the same few photos, and resolving a path reads every folder
    on the way (a province's week asks tens of thousands of times for a handful of files).
    ``asked`` keeps every lookup with its answer, in order: what validating a file depended
    on besides its text (the cache checks those answers again before it reuses the file's).
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._found: dict[tuple[str, str], PhotoAnswer] = {}
        self._real_folders: dict[Path, Path] = {}
        self._listed: dict[Path, list[str]] = {}
        self.asked: list[tuple[str, str]] = []

    def find(self, folder: Path, src: str) -> PhotoAnswer:
        key = (str(folder), src)
        if key not in self._found:
            path = self._resolved(folder, src)
            if not path.is_relative_to(self.root):
                self._found[key] = PhotoAnswer(path, "E-image-outside")
            elif not path.is_file():
                self._found[key] = PhotoAnswer(path, "E-image-missing", self._near(folder, src))
            else:
                self._found[key] = PhotoAnswer(path, None)
        self.asked.append(key)
        return self._found[key]

    def _resolved(self, folder: Path, src: str) -> Path:
        """``(folder / src).resolve()``, with each folder resolved once: then only the parts
        of ``src`` are looked at (a link among them, or another system, takes the long way)."""
        if folder not in self._real_folders:
            self._real_folders[folder] = folder.resolve()
        path = self._real_folders[folder]
        written = Path(src.replace("\\", "/"))  # photos\1.jpg, as Windows writes it
        if os.name != "posix" or written.is_absolute():
            return (folder / written).resolve()
        for part in written.parts:
            if part == "..":
                path = path.parent
            elif part != ".":
                path = path / part
                if path.is_symlink():
                    return (folder / written).resolve()
        return path

    def _near(self, folder: Path, src: str) -> str:
        """A photo below ``folder`` named like ``src`` but for case (微信图片.JPG for .jpg), else
        almost like it, or "": asked only when ``src`` is missing, so the folder is listed at
        most once a run."""
        if folder not in self._listed:
            self._listed[folder] = sorted(
                path.relative_to(folder).as_posix()
                for path in folder.rglob("*")
                if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file()
            )
        wanted = src.replace("\\", "/")
        names = self._listed[folder]
        same = [name for name in names if name.lower() == wanted.lower()]
        return same[0] if same else did_you_mean(wanted, names) or ""

    def lookups(self, asked: Iterable[tuple[str, str]]) -> frozenset[PhotoLookup]:
        """The lookups ``asked`` (a slice of ``asked``) with their answers."""
        return frozenset(
            (folder, src, str(answer.path), answer.refused, answer.suggestion)
            for folder, src in asked
            for answer in [self._found[folder, src]]
        )

    def still(self, lookup: PhotoLookup) -> bool:
        """Whether a lookup of an earlier run gets the same answer now."""
        answer = self.find(Path(lookup[0]), lookup[1])
        return (str(answer.path), answer.refused, answer.suggestion) == lookup[2:]


def raw_entries(
    source: SourceFile, problems: list[Problem]
) -> Iterable[tuple[YamlPath, dict[str, Any], dict[str, YamlPath]]]:
    """Each entry of a file merged with the file's defaults, and where each field came from."""
    data = source.data
    if data is None:
        problems.append(error(source.locate(()), "E-empty-file"))
        return
    if not isinstance(data, dict):
        problems.append(typing_slip(source) or error(source.locate(()), "E-not-mapping"))
        return
    listed = "entries"
    if listed not in data:
        misplaced = _entries_under(data)
        if misplaced is None:
            yield (), data, {key: (key,) for key in data}
            return
        # entry: or 条目: for entries: said once, and the entries under it checked all the same
        listed = misplaced
        problems.append(
            error(
                source.locate((listed,), at_key=True),
                "E-unknown-field",
                field=str(listed),
                suggestion="entries",
                choices=_FILE_FIELDS,
            )
        )
    items = data[listed]
    if not isinstance(items, list) or not items:
        problems.append(typing_slip(source) or error(source.locate((listed,)), "E-entries-list"))
        return
    defaults = {key: value for key, value in data.items() if key != listed}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(error(source.locate((listed, index)), "E-not-mapping"))
            continue
        origins: dict[str, YamlPath] = {key: (key,) for key in defaults}
        origins.update({key: (listed, index, key) for key in item})
        yield (listed, index), {**defaults, **item}, origins


# The keys the top of a file may hold: an entry's fields, and the list of its entries.
_ENTRY_FIELDS = tuple(EntryInput.model_fields)
_FILE_FIELDS = (*_ENTRY_FIELDS, "entries")


def _entries_under(data: dict[Any, Any]) -> Any:
    """The key that is not a field but holds what ``entries:`` holds (mappings with an entry's
    fields), as ``entry:`` does; None when there is none."""
    for key, value in data.items():
        if key in _ENTRY_FIELDS or not isinstance(value, list) or not value:
            continue
        if all(isinstance(item, dict) for item in value) and any(
            name in _ENTRY_FIELDS for item in value for name in item
        ):
            return key
    return None


def _at_file_level(problem: Problem, origins: dict[str, YamlPath]) -> Problem:
    """An unknown key at the top of a file, where ``entries`` may be written besides an
    entry's fields: listed among them, and suggested when it is the likeliest."""
    field, listed = problem.args.get("field"), problem.args.get("choices")
    if problem.code != "E-unknown-field" or not isinstance(listed, tuple):
        return problem
    if not isinstance(field, str) or origins.get(field) != (field,):
        return problem
    choices = (*listed, "entries")
    suggestion = problem.args.get("suggestion") or ""
    if did_you_mean(field, choices) == "entries":
        suggestion = "entries"
    return replace(problem, args={**problem.args, "choices": choices, "suggestion": suggestion})


def _validate_entry(
    project: Project,
    photos: PhotoFiles,
    source: SourceFile,
    entry_path: YamlPath,
    merged: dict[str, Any],
    origins: dict[str, YamlPath],
    problems: list[Problem],
) -> Entry | None:
    merged = _end_completed(_dates_as_written(merged, source, origins))
    period = _written_period(merged)
    parts: dict[str, str] = {}
    if period is not None:
        merged = {**merged, "date": period.start}
        if merged.get("end") is None:  # date: 11月22日-23日 is date: 11月22日 and end: 11月23日
            merged["end"] = period.end
            origins = {**origins, "end": origins["date"]}
            parts["end"] = period.written_end
    places = EntryPlaces(source, entry_path, origins, parts)
    if period is not None and not parts:
        written_end = as_written(merged["end"])
        problems.append(error(places.field("date"), "E-period-and-end", value=written_end))
    # A date without its year takes the one nearest the week of the file's folder.
    context = {"near": source.week.thursday} if source.week else None
    try:
        raw = EntryInput.model_validate(merged, context=context)
        failed: set[str] = set()
    except ValidationError as exc:
        found = problems_from_validation_error(exc, EntryInput, _item_locator(places))
        problems.extend(_at_file_level(problem, origins) for problem in found)
        # Check the fields that are fine against the project too, so one run reports all.
        failed = {str(detail["loc"][0]) for detail in exc.errors() if detail["loc"]}
        failed.update(name for name in _REQUIRED if name not in merged)
        rest = {key: value for key, value in merged.items() if key not in failed}
        try:
            raw = EntryInput.model_validate({**_REQUIRED, **rest}, context=context)
        except ValidationError:
            return None
    checker = _ProjectCheck(project, photos, places, skip=failed)
    entry = checker.resolve(raw)
    problems.extend(checker.problems)
    return entry if not (checker.problems or failed) else None


def _item_locator(places: EntryPlaces) -> Locator:
    """``places.at``, but an item of a list written in one text (18日 of 11月17日、18日) is
    located at its part of the text."""

    def locate(loc: Sequence[str | int], at_key: bool) -> Location:
        if len(loc) == 2 and isinstance(loc[1], int):
            return item_location(places, str(loc[0]), loc[1])
        return places.at(loc, at_key)

    return locate


def item_location(places: EntryPlaces, name: str, index: int) -> Location:
    """Where the ``index``-th item of a field is written: its item in a YAML list, or its
    part of a text that lists several (惠安街道社工站、仪封镇社工站)."""
    written = places.written(name)
    if isinstance(written, str):
        parts = list_parts(written)
        if index < len(parts):
            part, before = parts[index]
            return places.text_in(part, name, after=before)
    return places.field(name, index)


def _dates_as_written(
    merged: dict[str, Any], source: SourceFile, origins: dict[str, YamlPath]
) -> dict[str, Any]:
    """``date: 11.18`` (month.day), which YAML reads as a number, as the text written: the
    number cannot tell 11.10 from 11.1."""
    done = merged
    for name in ("date", "end"):
        value = merged.get(name)
        if isinstance(value, float):
            done = {**done, name: _number_written(source, origins[name], value)}
        elif isinstance(value, list) and any(isinstance(item, float) for item in value):
            written = [
                _number_written(source, (*origins[name], index), item)
                if isinstance(item, float)
                else item
                for index, item in enumerate(value)
            ]
            done = {**done, name: written}
    return done


def _number_written(source: SourceFile, path: YamlPath, value: float) -> str:
    where = source.locate(path)
    lines = source.text.splitlines()
    line = lines[where.line - 1] if 0 < where.line <= len(lines) else ""
    written = _NUMBER.match(line, where.column - 1)
    return written[0] if written else repr(value)


_NUMBER = re.compile(r"[-+]?\d+\.\d+")


def _end_completed(merged: dict[str, Any]) -> dict[str, Any]:
    """``end: 20日`` after ``date: 11月17日`` is 11月20日, as in ``date: 11月17日-20日``."""
    start, end = merged.get("date"), merged.get("end")
    if not isinstance(end, str) or not isinstance(start, (str, date)):
        return merged
    return {**merged, "end": completed_dates([start, end])[1]}


def _written_period(merged: dict[str, Any]) -> Period | None:
    """A period written in ``date:`` alone, as workers write it: the way the bulletin prints it."""
    written = merged.get("date")
    return split_period(written) if isinstance(written, str) else None


class _ProjectCheck:
    """Resolve one schema-valid entry against the project's registries."""

    def __init__(
        self,
        project: Project,
        photos: PhotoFiles,
        places: EntryPlaces,
        skip: set[str],
    ) -> None:
        self.skip = skip  # fields that already failed the schema check
        self.project = project
        self.photos = photos
        self.config: ProjectConfig = project.config
        self.places = places
        self.source = places.source
        self.problems: list[Problem] = []

    def resolve(self, raw: EntryInput) -> Entry:
        category = self._category(raw.category)
        districts, stations = self._places(raw)
        stats = self._stats(raw)
        if raw.end is not None and "date" not in self.skip:  # a date not read is no list
            if not raw.date:
                self.problems.append(error(self.places.field("end"), "E-end-without-date"))
            elif len(raw.date) > 1:
                self.problems.append(error(self.places.field("end"), "E-end-with-dates"))
            elif raw.end < raw.date[0]:
                self.problems.append(
                    error(
                        self.places.field("end"),
                        "E-end-before-date",
                        value=raw.end.isoformat(),
                        start=raw.date[0].isoformat(),
                    )
                )
        return Entry(
            week=self.source.week,
            category=category,
            body=raw.body,
            places=self.places,
            dates=tuple(raw.date),
            end=raw.end,
            time=raw.time.strip() if raw.time else None,
            districts=districts,
            stations=stations,
            org="、".join(raw.org) or None,  # a joint service: 正心社工、彩虹社工
            title=raw.title.strip() if raw.title else None,
            images=self._images(raw),
            stats=stats,
            groups=self._ordered_groups(
                [*self._groups(raw), *(part.group for stat in stats for part in stat.by_group)]
            ),
            ignore=self._ignored(raw),
        )

    def _category(self, name: str) -> str:
        if "category" in self.skip:
            return name
        category = self.config.category_for(name.strip())
        if category is not None:
            return category.key
        self.problems.append(unknown_category(self.config, name, self.places.field("category")))
        return name

    def _places(self, raw: EntryInput) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Registered districts of the entry, first from ``district``, then from its stations."""
        registry = self.config.districts
        if not registry:
            return tuple(raw.district), tuple(raw.station)
        districts = list(raw.district)
        for index, district in enumerate(raw.district):
            if district not in self.config.district_names:
                names = [district.name for district in registry]
                self.problems.append(
                    error(
                        item_location(self.places, "district", index),
                        "E-unknown-district",
                        value=district,
                        suggestion=did_you_mean(district, names) or "",
                    )
                )
        for index, station in enumerate(raw.station):
            homes = self.config.districts_of_station(self.config.current_station(station))
            if not homes:
                self.problems.append(
                    self._unknown_station(item_location(self.places, "station", index), station)
                )
            elif raw.district and not set(homes) & set(raw.district):
                self.problems.append(
                    error(
                        item_location(self.places, "station", index),
                        "E-station-district",
                        value=station,
                        district="、".join(raw.district),
                        homes=tuple(homes),
                    )
                )
            elif len(homes) > 1 and not raw.district:
                self.problems.append(
                    error(
                        item_location(self.places, "station", index),
                        "E-ambiguous-station",
                        value=station,
                        homes=tuple(homes),
                    )
                )
            elif not raw.district and homes[0] not in districts:
                districts.append(homes[0])
        # A former name (an old week's 仪封镇社工站) is counted and published under the current one.
        stations = dict.fromkeys(self.config.current_station(station) for station in raw.station)
        return tuple(districts), tuple(stations)

    def _unknown_station(self, where: Location, station: str) -> Problem:
        """An unregistered station, with the one meant. A name that begins with a district's
        (禹王台三里堡, 顺河区社工站 for 顺河回族区) is looked for in that district alone, and
        one that names no station after it is the district itself: a district-wide entry."""
        registry = self.config.districts
        split = district_prefix(station, (district.name for district in registry))
        if split is None:
            stations = [s for district in registry for s in district.stations]
            suggestion = nearest_station(station, stations)
        else:
            district, rest = split
            stations = next(d.stations for d in registry if d.name == district)
            if names_no_station(rest):
                code = "E-station-is-district" if stations else "E-station-is-bare-district"
                return error(
                    where, code, value=station, district=district, stations=tuple(stations)
                )
            suggestion = nearest_station(rest, stations)
        return error(where, "E-unknown-station", value=station, suggestion=suggestion or "")

    def _images(self, raw: EntryInput) -> tuple[Image, ...]:
        images = []
        for index, item in enumerate(raw.images):
            written = Written(self.source, self.places.written_at("images", index))
            path, refused, suggestion = self.photos.find(self.source.path.parent, item.src)
            if refused:
                where = written.location()
                self.problems.append(error(where, refused, value=item.src, suggestion=suggestion))
            else:
                images.append(Image(path, (item.caption or "").strip(), written))
        return tuple(images)

    def _stats(self, raw: EntryInput) -> tuple[Stat, ...]:
        stats = self._metrics("stats", raw.stats)
        by_group = self._metrics("by_group", raw.by_group)
        totals = {key: figure for key, (_, figure) in stats.items()}
        parts = {
            key: self._group_parts(totals, key, written, figures)
            for key, (written, figures) in by_group.items()
        }
        return tuple(Stat(key, figure, parts.get(key, ())) for key, figure in totals.items())

    def _metrics(self, written_in: str, values: dict[str, _V]) -> dict[str, tuple[str, _V]]:
        """Each value under its metric's key, with the key as written: the key or the metric's
        label (走访 for visited), as categories are written by key or title. Unknown and
        repeated ones are reported and left out."""
        if not self.config.metrics:
            return {key: (key, value) for key, value in values.items()}
        found: dict[str, tuple[str, _V]] = {}
        for written, value in values.items():
            key = self.config.metric_key(written)
            if key is not None and key not in found:
                found[key] = (written, value)
                continue
            # Located only now: finding a place composes the file's nodes.
            where = self.places.field(written_in, written, at_key=True)
            if key is None:
                self.problems.append(unknown_metric(self.config, written, where))
            else:
                first = found[key][0]
                self.problems.append(error(where, "E-metric-repeated", value=written, first=first))
        return found

    def _group_parts(
        self, totals: dict[str, Figure], key: str, written_key: str, figures: dict[str, Figure]
    ) -> tuple[GroupFigure, ...]:
        """``by_group[key]`` with aliases resolved; each part checked against the total."""
        total = totals.get(key)
        if total is None and "stats" not in self.skip:
            self.problems.append(
                error(
                    self.places.field("by_group", written_key, at_key=True),
                    "E-group-no-total",
                    value=written_key,
                )
            )
        parts: dict[str, Figure] = {}
        for written, figure in figures.items():
            group = self._group(written, ("by_group", written_key, written), at_key=True)
            if group is None:
                continue
            if group in parts:
                self.problems.append(
                    error(
                        self.places.field("by_group", written_key, written, at_key=True),
                        "E-group-repeated",
                        value=written,
                        group=group,
                    )
                )
            elif total is not None and not total.approx and figure.value > total.value:
                self.problems.append(
                    error(
                        self.places.field("by_group", written_key, written),
                        "E-group-over-total",
                        value=str(figure),
                        group=group if written == group else f"{written}（{group}）",
                        metric=measure_of(self.config, key).label,
                        total=str(total),
                    )
                )
            parts[group] = figure
        return tuple(GroupFigure(group, parts[group]) for group in self._ordered_groups(parts))

    def _groups(self, raw: EntryInput) -> list[str]:
        found = (self._group(name, ("groups", index)) for index, name in enumerate(raw.groups))
        return [group for group in found if group is not None]

    def _group(self, written: str, path: YamlPath, at_key: bool = False) -> str | None:
        """The registered name of a target group, or None (and a problem) when unknown."""
        if not self.config.groups:
            return written
        group = self.config.group_for(written.strip())
        if group is not None:
            return group.name
        names = [group.name for group in self.config.groups]
        aliases = [alias for group in self.config.groups for alias in group.aliases]
        suggestion = did_you_mean(written, [*names, *aliases]) or ""
        self.problems.append(
            error(
                _item_locator(self.places)(path, at_key),
                "E-unknown-group",
                value=written,
                suggestion=suggestion,
                choices=tuple(names),
            )
        )
        return None

    def _ordered_groups(self, names: Iterable[str]) -> tuple[str, ...]:
        """Registry order; names a project without a registry uses keep the order written."""
        rank = self.config.group_rank
        # sorted is stable: names of no registry keep the order written
        return tuple(sorted(dict.fromkeys(names), key=lambda name: rank.get(name, len(rank))))

    def _ignored(self, raw: EntryInput) -> frozenset[str]:
        for index, code in enumerate(raw.ignore):
            refusal = cannot_ignore(code)
            if refusal:
                self.problems.append(
                    error(item_location(self.places, "ignore", index), "E-ignore-code", **refusal)
                )
        return frozenset(raw.ignore) if raw.ignore else _NO_CODES
