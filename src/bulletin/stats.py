"""``bulletin stats``: the figures of a span of weeks, per week, district, category and target
group, each with its change from the week before.

A span is every calendar week from its first to its last, so a week nobody reported in shows
as zero entries rather than vanishing; likewise a figure that any week of the span reports is in
every week, 0 where it is not reported, with its change. A week whose entries have errors has no figures (they
would be wrong) and breaks the week-on-week change on both sides of it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from bulletin.archive import dumps
from bulletin.build import Progress
from bulletin.check import check_week, no_weeks, resolve_week, unfiled_warnings, week_folders
from bulletin.config import Project
from bulletin.diagnostics import EntryErrors, Location, Problem, UsageError, error, has_errors
from bulletin.figures import Row, WeekFigures, week_figures
from bulletin.messages import Lang, text
from bulletin.numbers import ZERO, Figure, format_change, format_figure
from bulletin.overview import NO_FIGURE, count, titled
from bulletin.view import TableView
from bulletin.weeks import ReportingWeek, WeekId, parse_week_number, reporting_week
from bulletin.write import shown_path, write_file

Dimension = Literal["total", "district", "category", "group"]
Cell = tuple[Dimension, str, str]  # (dimension, key, measure): one line of the terminal table
DIMENSIONS: tuple[Dimension, ...] = ("total", "district", "category", "group")
ENTRIES = "entries"
STATIONS = "stations"
MEASURE_LABELS = {ENTRIES: "条目", STATIONS: "活跃社工站"}
OUT_FORMATS = {".csv": "csv", ".json": "json"}
BYTE_ORDER_MARK = "\ufeff"
CSV_COLUMNS = (
    "week",
    "dimension",
    "key",
    "label",
    "measure",
    "measure_label",
    "unit",
    "value",
    "approx",
    "shown",
    "change",
)


@dataclass(frozen=True)
class WeekStats:
    week: ReportingWeek
    figures: WeekFigures | None  # None when the week's entries have errors
    problems: list[Problem]

    @property
    def status(self) -> str:
        if self.figures is None:
            return "errors"
        return "ok" if self.figures.entries else "empty"


@dataclass(frozen=True)
class StatRow:
    """One figure of one week: e.g. (2022-W47, district 兰考县, visited) = 92, +12."""

    week: WeekId
    dimension: Dimension
    key: str
    label: str
    measure: str  # entries, stations, or a metric key
    measure_label: str
    unit: str
    value: Figure
    change: Figure | None  # None for the span's first week, or next to a week with errors


@dataclass(frozen=True)
class StatsReport:
    weeks: tuple[WeekStats, ...]
    rows: tuple[StatRow, ...]
    measures: tuple[str, ...]  # entries, stations, then the metrics in registry order
    unfiled: tuple[Problem, ...]  # entry files in no week's folder, so in no week's figures

    @property
    def problems(self) -> list[Problem]:
        return [*self.unfiled, *(problem for week in self.weeks for problem in week.problems)]


# Ten years of weeks: more is a typo, and would only make the command hang.
MAX_SPAN_WEEKS = 520


def span(
    project: Project,
    first: str | None,
    last: str | None,
    count_back: int | None,
    today: date | None = None,
) -> list[WeekId]:
    """The weeks from ``first`` (or ``count_back`` weeks before ``last``) to ``last``.

    ``last`` defaults to the latest week with entries and ``first`` to the earliest one.
    """
    today = today or date.today()
    existing = sorted(week_folders(project))
    if count_back is not None and (first is not None or not 1 <= count_back <= MAX_SPAN_WEEKS):
        raise UsageError([error(Location.command_line(), "E-stats-span")])
    if not existing and (last is None or (first is None and count_back is None)):
        raise EntryErrors([no_weeks(project)])
    end = resolve_week(project, last, today) if last else existing[-1]
    if count_back is not None:
        start = _shift(end, -(count_back - 1))
    elif first is not None:
        start = _after_end(first, end, existing) or resolve_week(project, first, today, end)
    else:
        start = min(existing[0], end)
    if start > end:
        raise UsageError(
            [error(Location.command_line(), "E-stats-order", first=str(start), last=str(end))]
        )
    weeks = [start]
    while weeks[-1] < end:
        weeks.append(_shift(weeks[-1], 1))
    return weeks


def _after_end(first: str, end: WeekId, existing: Sequence[WeekId]) -> WeekId | None:
    """``--from 48 --to 46``: the bare week number's week in the year of ``end``, when it comes
    after ``end`` and has entries. It is a span written the wrong way round, which would else
    be read as the 51 weeks from the year before's week 48 (``--from 50 --to 3``, across New
    Year, has no week 50 after week 3 of its year)."""
    number = parse_week_number(first)
    return next(
        (week for week in existing if week > end and (week.year, week.week) == (end.year, number)),
        None,
    )


def _shift(week: WeekId, weeks: int) -> WeekId:
    return WeekId.of(week.thursday + timedelta(weeks=weeks))


def stats(
    project: Project, weeks: Sequence[WeekId], progress: Progress | None = None
) -> StatsReport:
    report = []
    for done, week_id in enumerate(weeks, start=1):
        entries, problems = check_week(project, week_id)
        failed = has_errors(problems)
        figures = None if failed else week_figures(project.config, entries)
        report.append(
            WeekStats(reporting_week(week_id, project.config.week_start), figures, problems)
        )
        if progress is not None:
            progress(str(week_id), done, len(weeks))
    seen = {m.key for week in report if week.figures for m in week.figures.measures}
    measures = (ENTRIES, STATIONS, *project.config.in_metric_order(seen))
    return StatsReport(
        tuple(report),
        tuple(_with_changes(report, measures)),
        measures,
        tuple(unfiled_warnings(project)),
    )


def _with_changes(weeks: Sequence[WeekStats], measures: Sequence[str]) -> Iterator[StatRow]:
    """Every figure any week of the span reports, in every week that has figures: 0 where a week
    does not report it, so that a metric that stops (or starts) shows its change to (or from)
    nothing, and each week lists the same rows in the same order."""
    reported = {
        week.week.id: {_cell_of(row): row for row in _rows(week.week.id, week.figures)}
        for week in weeks
        if week.figures
    }
    samples: dict[Cell, StatRow] = {}  # a week's row of each cell, to copy for a 0
    for rows in reported.values():
        for cell, row in rows.items():
            samples.setdefault(cell, row)
    names = {name: rank for rank, name in enumerate(dict.fromkeys(c[:2] for c in samples))}
    measure_rank = {measure: rank for rank, measure in enumerate(measures)}
    order = sorted(
        samples,
        key=lambda c: (DIMENSIONS.index(c[0]), names[c[:2]], measure_rank[c[2]]),
    )
    previous: dict[Cell, Figure] | None = None
    for week in weeks:
        found = reported.get(week.week.id)
        if found is None:  # errors: no figures, and no change beside them
            previous = None
            continue
        current = {cell: found.get(cell) or _zero(samples[cell], week.week.id) for cell in order}
        for cell, row in current.items():
            change = None if previous is None else row.value - previous[cell]
            yield dataclasses.replace(row, change=change)
        previous = {cell: row.value for cell, row in current.items()}


def _zero(row: StatRow, week: WeekId) -> StatRow:
    """``row``'s figure in a week that does not report it."""
    return dataclasses.replace(row, week=week, value=ZERO)


def _cell_of(row: StatRow) -> Cell:
    return row.dimension, row.key, row.measure


def _rows(week: WeekId, figures: WeekFigures) -> Iterator[StatRow]:
    def row(dimension: Dimension, key: str, label: str, measure: str, value: Figure) -> StatRow:
        if measure in MEASURE_LABELS:
            measure_label, unit = MEASURE_LABELS[measure], ""
        else:
            described = figures.measure(measure)
            measure_label, unit = described.label, described.unit
        return StatRow(week, dimension, key, label, measure, measure_label, unit, value, None)

    yield row("total", "", "", ENTRIES, count(figures.entries))
    yield row("total", "", "", STATIONS, count(figures.stations))
    for key, figure in figures.totals.items():
        yield row("total", "", "", key, figure)
    parts: tuple[tuple[Dimension, tuple[Row, ...]], ...] = (
        ("district", figures.districts),
        ("category", figures.categories),
        ("group", figures.groups),
    )
    for dimension, rows in parts:
        for each in rows:
            yield row(dimension, each.key, each.label, ENTRIES, count(each.entries))
            if each.stations is not None:
                yield row(dimension, each.key, each.label, STATIONS, count(each.stations))
            for key, figure in each.metrics.items():
                yield row(dimension, each.key, each.label, key, figure)


# ------------------------------------------------------------------ output


def to_csv(report: StatsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        writer.writerow(_flat(row).values())
    return buffer.getvalue()


def out_format(path: Path, asked: str) -> str:
    """What ``--out`` writes: ``csv`` or ``json`` as its file's name ends, which ``--format``
    must agree with when given. Any other name is refused: ``--out bulletin.toml`` or an
    entry's name would lose what the file holds."""
    found = OUT_FORMATS.get(path.suffix.lower())
    where = Location.command_line(shown_path(path))
    if found is None:
        raise UsageError([error(where, "E-stats-out", path=shown_path(path))])
    if asked not in ("table", found):
        raise UsageError([error(where, "E-stats-out-format", path=shown_path(path), value=asked)])
    return found


def write_report(report: StatsReport, path: Path, chosen: str) -> None:
    """The figures written whole or not at all: CSV with a byte-order mark, without which
    Excel on a Chinese Windows reads the file as GBK and shows garbage; JSON without."""
    if chosen == "csv":
        write_file(path, BYTE_ORDER_MARK + to_csv(report), replace=True)
    else:
        write_file(path, to_json(report), replace=True)


def to_json(report: StatsReport) -> str:
    return dumps(
        {
            "weeks": [
                {
                    "week": str(week.week.id),
                    "start": week.week.start.isoformat(),
                    "end": week.week.end.isoformat(),
                    "status": week.status,
                }
                for week in report.weeks
            ],
            "rows": [_flat(row, numbers=True) for row in report.rows],
        }
    )


def _flat(row: StatRow, numbers: bool = False) -> dict[str, object]:
    def amount(figure: Figure) -> object:
        value = figure.value
        if not numbers:
            return format(value.normalize(), "f")
        return int(value) if value == value.to_integral() else float(value)

    return {
        "week": str(row.week),
        "dimension": row.dimension,
        "key": row.key,
        "label": row.label,
        "measure": row.measure,
        "measure_label": row.measure_label,
        "unit": row.unit,
        "value": amount(row.value),
        "approx": row.value.approx if numbers else str(row.value.approx).lower(),
        "shown": format_figure(row.value),
        "change": None if row.change is None else amount(row.change),
    }


def terminal_tables(report: StatsReport, lang: Lang) -> list[tuple[str, TableView]]:
    """One table per dimension: a row per (name, measure), a column per week."""
    weeks = [week.week.id for week in report.weeks]
    failed = {week.week.id for week in report.weeks if week.figures is None}
    cells: dict[Cell, dict[WeekId, StatRow]] = {}
    for row in report.rows:
        cells.setdefault(_cell_of(row), {})[row.week] = row
    names = list(dict.fromkeys((dimension, key) for dimension, key, _ in cells))
    order = sorted(cells, key=lambda cell: (names.index(cell[:2]), report.measures.index(cell[2])))
    tables = []
    for dimension in DIMENSIONS:
        lines = []
        for cell in order:
            if cell[0] != dimension:
                continue
            by_week = cells[cell]
            sample = next(iter(by_week.values()))
            name = _measure_name(sample, lang)
            lines.append(
                (
                    f"{sample.label} · {name}" if sample.label else name,
                    *(
                        text("stats_failed", lang) if week in failed else _cell(by_week.get(week))
                        for week in weeks
                    ),
                )
            )
        if lines:
            header = ("", *(str(week) for week in weeks))
            tables.append((text(f"stats_{dimension}", lang), TableView(header, tuple(lines))))
    return tables


def _measure_name(row: StatRow, lang: Lang) -> str:
    if row.measure in MEASURE_LABELS:
        return text(f"stats_{row.measure}", lang)
    return titled(row.measure_label, row.unit)


def _cell(row: StatRow | None) -> str:
    if row is None:
        return NO_FIGURE
    shown = format_figure(row.value)
    return f"{shown} ({format_change(row.change)})" if row.change is not None else shown
