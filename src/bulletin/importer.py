"""``bulletin import FILE``: one entry file per spreadsheet row, each checked before it is written.

Columns are found by their header (Chinese or English, or as ``[import.columns]`` says); the
header row is the one among the first rows that names the most known columns, so title rows
above it do no harm. Every row that cannot be taken is reported at its cell, and the good rows
are still imported: after fixing the sheet, importing it again adds just the fixed rows.

Importing twice adds nothing: each file's name ends in a key made from the row's content
(``2022-11-18-与长者谈心谈话-3f2a9c1b0d.yaml``), and a row whose key is already in a name
anywhere under ``entries/`` was imported before, even if that file was edited or moved since.
The key lives in the name because an entry file admits no extra field and a separate ledger
could drift from the files it describes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import Path

from bulletin.cache import Cache
from bulletin.checks.context import CheckContext
from bulletin.config import Project, ProjectConfig
from bulletin.dates import DateTextError, parse_date_text, split_period
from bulletin.diagnostics import Location, Problem, UsageError, error, unique_sorted, warning
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
from bulletin.field_names import FIELD_BY_NAME, FIELD_NAMES, normal_name
from bulletin.new_entry import match_places, resolve_category
from bulletin.sheets import Grid, read_grids
from bulletin.validate import PhotoFiles
from bulletin.write import write_file

REQUIRED = ("date", "category", "body")
# Columns that carry no entry data, skipped without a warning.
ROW_NUMBER_HEADERS = ("序号", "编号", "no", "no.", "#")
TOTAL_MARKERS = ("合计", "总计", "小计")
HEADER_SEARCH_ROWS = 10
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's 29 Feb 1900
_KEY_LENGTH = 10
_KEY_IN_NAME = re.compile(rf"-([0-9a-f]{{{_KEY_LENGTH}}})$")
_UNIT = re.compile(r"[（(][^）)]*[）)]$")
_LIST_SEPARATORS = re.compile(r"[\n、,，;；]+")
# A photo named in a sheet that cannot be used, said of the path as written in the cell.
_PHOTO_REFUSALS = {
    "E-image-missing": "E-import-image-missing",
    "E-image-outside": "E-import-image-outside",
}


class Status(str, Enum):
    NEW = "new"  # written (or, with --dry-run, would be)
    REPLACED = "replaced"  # imported before and written again because of --force
    KNOWN = "known"  # imported before: left alone


@dataclass(frozen=True)
class PlannedFile:
    sheet: str
    row: int
    path: Path
    text: str
    status: Status


@dataclass
class ImportResult:
    files: list[PlannedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    # What ``bulletin check`` says of the files written (none with ``dry_run``).
    warnings: list[Problem] = field(default_factory=list)


def import_sheet(
    project: Project,
    path: Path,
    *,
    sheet: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    today: date | None = None,
    cache: Cache | None = None,
) -> ImportResult:
    """Plan a file per row, then write the new ones (none with ``dry_run``). A date without
    its year (11月18日) takes the year that puts it nearest ``today``."""
    today = today or date.today()
    shown = project.relative(path)
    grids = read_grids(path, shown, sheet)
    imported = _imported_before(project)
    checks = CheckContext.of(project, today)  # the private names list read once, not per row
    photos = PhotoFiles(project.root)
    result = ImportResult(dry_run=dry_run)
    usable = 0
    for grid in grids:
        columns, column_problems = _map_columns(project.config, grid)
        if columns is None:
            if len(grids) == 1:
                raise UsageError(column_problems)
            result.problems.extend(column_problems)
            continue
        if any(problem.is_error for problem in column_problems):
            raise UsageError(column_problems)
        usable += 1
        result.problems.extend(column_problems)
        for row in sorted(number for number in grid.rows if number > columns.header_row):
            _plan_row(
                project, path.parent, grid, columns, row, imported, force, result, checks, photos
            )
    if not usable:
        raise UsageError(result.problems)
    if not dry_run:
        written = [planned for planned in result.files if planned.status is not Status.KNOWN]
        for planned in written:
            write_file(planned.path, planned.text, replace=planned.status is Status.REPLACED)
        paths = [planned.path for planned in written]
        result.warnings = written_warnings(project, paths, today, cache)
    result.problems = unique_sorted(result.problems)
    return result


@dataclass
class _Columns:
    header_row: int
    by_target: dict[str, int]  # "body" or "stats.<metric key>" → column number


def _header_names(config: ProjectConfig) -> dict[str, str]:
    """Normalised header → target, in priority order: the project's mapping, fields, metrics."""
    names: dict[str, str] = {}
    for target, headers in config.import_.columns.items():
        for header in [headers] if isinstance(headers, str) else headers:
            is_metric = config.metric(target) is not None and target not in FIELD_NAMES
            names.setdefault(normal_name(header), f"stats.{target}" if is_metric else target)
    for alias, target in FIELD_BY_NAME.items():
        names.setdefault(alias, target)
    for metric in config.metrics:
        for header in (metric.key, metric.label, f"{metric.label}{metric.unit}"):
            names.setdefault(normal_name(header), f"stats.{metric.key}")
    return names


def _target(names: dict[str, str], header: str) -> str | None:
    normal = normal_name(header)
    return names.get(normal) or names.get(_UNIT.sub("", normal))


def _map_columns(config: ProjectConfig, grid: Grid) -> tuple[_Columns | None, list[Problem]]:
    names = _header_names(config)
    best: tuple[int, int] = (0, 0)  # (known columns, row)
    for row in sorted(grid.rows)[:HEADER_SEARCH_ROWS]:
        known = sum(_target(names, str(value)) is not None for value in grid.rows[row].values())
        if known > best[0]:
            best = (known, row)
    if best[0] < 2:
        return None, [error(Location(grid.name), "E-import-no-header")]
    header_row = best[1]
    by_target: dict[str, int] = {}
    problems: list[Problem] = []
    for column, value in sorted(grid.rows[header_row].items()):
        header = str(value).strip()
        where = Location(grid.name, header_row, column)
        target = _target(names, header)
        if target is None:
            if normal_name(header) not in ROW_NUMBER_HEADERS:
                problems.append(warning(where, "W-import-column", header=header))
        elif target in by_target:
            problems.append(warning(where, "W-import-column-twice", header=header))
        else:
            by_target[target] = column
    if "date" not in by_target and "time" in by_target:
        by_target["date"] = by_target.pop("time")  # a lone 活动时间 column holds the dates
    found = tuple(str(value).strip() for value in grid.rows[header_row].values())
    for required in REQUIRED:
        if required not in by_target:
            where = Location(grid.name, header_row, 1)
            problems.append(error(where, "E-import-no-column", field=required, found=found))
    return _Columns(header_row, by_target), problems


def _plan_row(
    project: Project,
    sheet_folder: Path,
    grid: Grid,
    columns: _Columns,
    row: int,
    imported: dict[str, Path],
    force: bool,
    result: ImportResult,
    checks: CheckContext,
    photos: PhotoFiles,
) -> None:
    cells = grid.rows[row]

    def at(target: str) -> Location:
        column = columns.by_target.get(target)
        if column is None and target == "district":
            column = columns.by_target.get("station")
        if target == "end" and (column is None or cells.get(column) is None):  # a period in 日期
            column = columns.by_target.get("date")
        return Location(grid.name, row, column or min(cells))

    total = [column for column, value in cells.items() if str(value).strip() in TOTAL_MARKERS]
    if total:
        result.problems.append(warning(Location(grid.name, row, total[0]), "W-import-total"))
        return
    if all((row, column) in grid.merged for column in cells):
        return  # a blank row that a merged cell above reaches into
    values = {target: cells.get(column) for target, column in columns.by_target.items()}
    if not any(values.values()):
        return  # only cells of columns that are not imported
    draft = _draft(project.config, values, at, result.problems, checks.today)
    if draft is None:
        return
    # Looked up here, where the worker's path can be named: the entry file links to the photo
    # from its own folder, a path the worker never wrote.
    refused = [
        error(at("images"), _PHOTO_REFUSALS[code], value=image, suggestion=answer.suggestion)
        for image in draft.images
        if (code := (answer := photos.find(sheet_folder, image)).refused) is not None
    ]
    if refused:
        result.problems.extend(refused)
        return
    # Keyed as the sheet has the row: its photos' links below depend on where the sheet lies.
    key = _row_key(draft)
    folder = entry_folder(project, draft)
    draft = dataclasses.replace(
        draft, images=tuple(link_from(folder, sheet_folder / image) for image in draft.images)
    )
    path = imported.get(key, folder / f"{draft.stem(project.config)}-{key}.yaml")
    text = entry_text(draft, path.parent, project)

    def locate(loc: Sequence[str | int], at_key: bool) -> Location:
        head = str(loc[0]) if loc else "body"
        return at(f"stats.{loc[1]}" if head == "stats" and len(loc) > 1 else head)

    checked = validate_text(project, path, text, locate, checks=checks)
    if checked.problems:
        result.problems.extend(checked.problems)
        return
    if key in imported:
        status = Status.REPLACED if force and imported[key].exists() else Status.KNOWN
    else:
        status = Status.NEW
    imported[key] = path  # a repeated row in the same sheet is then known too
    result.files.append(PlannedFile(grid.name, row, path, text, status))


def _draft(
    config: ProjectConfig,
    values: dict[str, object],
    at: Callable[[str], Location],
    problems: list[Problem],
    today: date,
) -> EntryDraft | None:
    texts = {target: _text(value) for target, value in values.items()}
    missing = [name for name in REQUIRED if not texts.get(name)]
    for name in missing:
        problems.append(error(at(name), "E-missing-field", field=name))
    written_day = values.get("date")
    written_end = values.get("end") if texts.get("end") else None
    period = split_period(written_day) if isinstance(written_day, str) else None
    if period is not None and written_end is None:  # 11月22日-23日 in the date column
        written_day, written_end = period.start, period.end
    day = _day(written_day, at("date"), problems, today) if texts.get("date") else None
    end = _day(written_end, at("end"), problems, today) if written_end else None
    if missing or day is None or (written_end and end is None):
        return None
    station, district = texts.get("station"), texts.get("district")
    if config.districts and station:
        found = match_places(config, station, district if district else None)
        if len(found) == 1:  # a short or partial name that means one registered place
            station, district = found[0].station, found[0].district
    category = texts["category"] or ""
    resolved = resolve_category(config, category)
    stats: list[tuple[str, StatValue]] = []
    for target, value in values.items():
        if target.startswith("stats.") and texts.get(target):
            stats.append((target.removeprefix("stats."), _figure(value)))
    return EntryDraft(
        category=category if isinstance(resolved, Problem) else resolved.key,
        body=texts["body"] or "",
        day=day,
        station=station,
        district=district,
        org=texts.get("org"),
        end=end,
        time=texts.get("time"),
        title=texts.get("title"),
        images=tuple(_LIST_SEPARATORS.split(texts.get("images") or ""))
        if texts.get("images")
        else (),
        stats=tuple(stats),
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").strip()
    return text or None


def _day(value: object, where: Location, problems: list[Problem], today: date) -> date | None:
    """A date cell: an Excel date, an Excel serial number, or a date as workers type it."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value) or ""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number or text.isdigit():
        days = int(float(text))
        if 20000 < days < 80000:  # 1954–2119: a serial number, not a typo
            return EXCEL_EPOCH + timedelta(days=days)
    try:
        if number:  # 11.20 typed in Excel is the number 11.2: its digits are lost, not 11月2日
            raise DateTextError(text)
        return parse_date_text(text, near=today)
    except DateTextError as exc:
        problems.append(error(where, exc.code, value=text, field="date", **exc.facts))
        return None


def _figure(value: object) -> StatValue:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return stat_value(_text(value) or "")


def _row_key(draft: EntryDraft) -> str:
    """The same row gives the same key, from .xlsx or from .csv, today or next month, from
    wherever the sheet is saved."""
    payload = json.dumps(dataclasses.asdict(draft), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:_KEY_LENGTH]


def _imported_before(project: Project) -> dict[str, Path]:
    """Row key → the file that row became, for every imported file under ``entries/``."""
    found: dict[str, Path] = {}
    if project.entries_dir.is_dir():
        for path in sorted(project.entries_dir.rglob("*.y*ml")):
            match = _KEY_IN_NAME.search(path.stem)
            if match:
                found.setdefault(match[1], path)
    return found
