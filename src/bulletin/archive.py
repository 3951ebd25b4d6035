"""The archive: each built week keeps its figures in ``<week>/figures.json``; the index of all
built weeks (``index.html``, ``index.json``) is made from those files.

The index is made from what is built, not from the entries, so building one week refreshes
it without reading any other week's entries, and it always matches the bulletins it links to.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bulletin.config import ProjectConfig
from bulletin.diagnostics import Location, Problem, warning
from bulletin.figures import Measure, Row, WeekFigures, measure_of
from bulletin.numbers import DIGITS, Figure, format_figure
from bulletin.overview import ENTRY_UNIT, bar_chart, count
from bulletin.render import render_template
from bulletin.view import ArchiveView, ArchiveWeekView, BarView, ChartView, FigureView
from bulletin.weeks import WeekId
from bulletin.write import replace_files

if TYPE_CHECKING:
    import jinja2

FIGURES_FILE = "figures.json"
INDEX_HTML = "index.html"
INDEX_JSON = "index.json"
INDEX_TEMPLATE = "index.html.j2"
NOT_BUILT = "未生成"


@dataclass(frozen=True)
class ArchivedWeek:
    """A built week as the index lists it."""

    week: WeekId
    title: str
    start: date
    end: date
    date_range: str
    href: str  # the bulletin's file inside the week's folder
    figures: WeekFigures


def week_json(record: ArchivedWeek, href_prefix: str = "") -> dict[str, Any]:
    figures = record.figures
    return {
        "week": str(record.week),
        "title": record.title,
        "start": record.start.isoformat(),
        "end": record.end.isoformat(),
        "range": record.date_range,
        "href": href_prefix + record.href,
        "entries": figures.entries,
        "stations": figures.stations,
        "metrics": [
            {"key": m.key, "label": m.label, "unit": m.unit, **_figure_json(figures.totals[m.key])}
            for m in figures.measures
        ],
        "districts": [_row_json(row) for row in figures.districts],
        "categories": [_row_json(row) for row in figures.categories],
        "groups": [_row_json(row) for row in figures.groups],
    }


def dumps(data: object) -> str:
    """Readable, stable JSON: UTF-8 text as it is, two-space indents, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _figure_json(figure: Figure) -> dict[str, Any]:
    """The exact sum of the figures as written, as the bulletin shows it (6万余), and the
    grain it is shown at (``numbers.Figure``), which the text alone does not always tell."""
    value = figure.value
    number: int | float = int(value) if value == value.to_integral() else float(value)
    shown = format_figure(figure)
    return {"value": number, "approx": figure.approx, "shown": shown, "grain": figure.grain}


def _row_json(row: Row) -> dict[str, Any]:
    data: dict[str, Any] = {"key": row.key, "label": row.label, "entries": row.entries}
    if row.stations is not None:
        data["stations"] = row.stations
    data["metrics"] = {key: _figure_json(figure) for key, figure in row.metrics.items()}
    return data


def read_week(figures_json: bytes) -> ArchivedWeek:
    """A week's ``figures.json``; ValueError when it is not one this version wrote."""
    try:
        data = json.loads(figures_json.decode("utf-8"), parse_float=Decimal)
        week = WeekId.parse(data["week"])
        if week is None:
            raise ValueError(data["week"])
        measures = tuple(Measure(m["key"], m["label"], m["unit"]) for m in data["metrics"])
        return ArchivedWeek(
            week=week,
            title=data["title"],
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
            date_range=data["range"],
            href=data["href"],
            figures=WeekFigures(
                entries=int(data["entries"]),
                stations=int(data["stations"]),
                measures=measures,
                totals={m["key"]: _figure(m) for m in data["metrics"]},
                districts=tuple(_row(row) for row in data["districts"]),
                categories=tuple(_row(row) for row in data["categories"]),
                groups=tuple(_row(row) for row in data["groups"]),
            ),
        )
    except (OSError, KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(str(exc)) from None


def _figure(data: dict[str, Any]) -> Figure:
    """A figure as ``_figure_json`` wrote it (a week built before figures had a grain shows
    in digits, as it did)."""
    return Figure(Decimal(str(data["value"])), bool(data["approx"]), int(data.get("grain", DIGITS)))


def _row(data: dict[str, Any]) -> Row:
    stations = data.get("stations")
    return Row(
        key=data["key"],
        label=data["label"],
        entries=int(data["entries"]),
        metrics={key: _figure(value) for key, value in data["metrics"].items()},
        stations=None if stations is None else int(stations),
    )


def read_archive(
    inputs: Sequence[tuple[str, bytes | None]], shown_root: str
) -> tuple[list[ArchivedWeek], list[Problem]]:
    """The built weeks of ``index_inputs``, newest first; unreadable ones are warned about."""
    weeks: list[ArchivedWeek] = []
    problems: list[Problem] = []
    for name, figures_json in reversed(inputs):
        if figures_json is None:
            continue
        try:
            weeks.append(read_week(figures_json))
        except ValueError as exc:
            where = Location(f"{shown_root}/{name}/{FIGURES_FILE}")
            problems.append(warning(where, "W-archive-unreadable", reason=str(exc)))
    return weeks, problems


def index_texts(
    config: ProjectConfig,
    inputs: Sequence[tuple[str, bytes | None]],
    shown_root: str,
    environment: jinja2.Environment,
) -> tuple[dict[str, str], list[Problem]]:
    """The index files' names and texts, made from the built weeks ``inputs`` holds."""
    weeks, problems = read_archive(inputs, shown_root)
    index = {
        "title": config.archive_title,
        "weeks": [week_json(record, f"{record.week}/") for record in weeks],
    }
    html = render_template(environment, INDEX_TEMPLATE, archive=archive_view(config, weeks))
    return {INDEX_JSON: dumps(index), INDEX_HTML: html}, problems


def foreign_index_files(out_root: Path) -> list[Path]:
    """The index files in ``out_root`` that a build must not replace, since bulletin did not
    write them: any there when ``index.json`` is not bulletin's (a site's own ``index.html``),
    and any that is not a plain file (a folder, a link)."""
    ours = _is_our_index(out_root / INDEX_JSON)
    return [
        path
        for path in (out_root / INDEX_JSON, out_root / INDEX_HTML)
        if os.path.lexists(path) and not (ours and path.is_file() and not path.is_symlink())
    ]


def _is_our_index(path: Path) -> bool:
    """``path`` holds what ``index_texts`` writes as ``index.json``: a title and the weeks."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.keys() == {"title", "weeks"}


def write_index_texts(
    out_root: Path, texts: dict[str, str], before: Callable[[], object] = lambda: None
) -> list[Path]:
    """Replace the index files whole; ``before()`` runs once they are written aside, before
    they take their names (see ``replace_files``)."""
    replace_files({out_root / name: text for name, text in texts.items()}, before)
    return [out_root / name for name in texts]


def index_inputs(
    out_root: Path, building: Mapping[str, bytes] | None = None
) -> list[tuple[str, bytes | None]]:
    """What the index is made of, read once: each week's folder below ``out_root`` in name
    order (the first of two that name one week) and its figures.json's bytes (None when it
    has none; empty when it cannot be read, which the index warns about). ``building``: the
    figures.json of week folders about to be written, by folder name, in place of the disk's."""
    inputs: list[tuple[str, bytes | None]] = []
    seen: set[WeekId] = set()
    building = building or {}
    on_disk = {path.name for path in out_root.iterdir() if path.is_dir()}
    for name in sorted(on_disk | building.keys()):
        week = WeekId.parse(name)
        if week is None or week in seen:
            continue
        seen.add(week)
        try:
            figures_json: bytes | None = (
                building[name]
                if name in building
                else (out_root / name / FIGURES_FILE).read_bytes()
            )
        except FileNotFoundError:
            figures_json = None
        except OSError:
            figures_json = b""
        inputs.append((name, figures_json))
    return inputs


def archive_view(config: ProjectConfig, weeks: Sequence[ArchivedWeek]) -> ArchiveView:
    return ArchiveView(
        title=config.archive_title,
        summary=f"共 {len(weeks)} 期",
        charts=_trend_charts(config, weeks),
        weeks=tuple(
            ArchiveWeekView(
                week=str(record.week),
                title=record.title,
                date_range=record.date_range,
                href=f"{record.week}/{record.href}",
                summary=f"{record.figures.entries} 条动态 · {record.figures.stations} 个社工站",
                figures=tuple(
                    FigureView(m.label, format_figure(record.figures.totals[m.key]), m.unit)
                    for m in record.figures.measures
                ),
            )
            for record in weeks
        ),
    )


def _trend_charts(config: ProjectConfig, weeks: Sequence[ArchivedWeek]) -> tuple[ChartView, ...]:
    """Entries per week, then each metric of ``trend`` (default: every metric reported)."""
    labels: dict[str, Measure] = {}
    for record in reversed(weeks):  # the newest label wins
        labels.update({m.key: m for m in record.figures.measures})
    keys = config.trend if config.trend is not None else config.in_metric_order(labels)
    calendar = _calendar_weeks(weeks)
    charts = [
        _trend_chart(
            "每周条目数",
            [(record.week, count(record.figures.entries)) for record in weeks],
            ENTRY_UNIT,
            calendar,
        )
    ]
    for key in keys:
        measure = labels.get(key) or measure_of(config, key)
        charts.append(
            _trend_chart(
                f"每周{measure.label}",
                [(record.week, record.figures.totals.get(key)) for record in weeks],
                measure.unit,
                calendar,
            )
        )
    return tuple(charts)


def _trend_chart(
    title: str,
    built: Sequence[tuple[WeekId, Figure | None]],
    unit: str,
    calendar: Sequence[WeekId],
) -> ChartView:
    """A bar for each week of ``calendar``: a week that was not built is marked 未生成 with no
    bar, so that two bars next to each other are always two weeks in a row."""
    chart = bar_chart(title, [(str(week), figure, unit) for week, figure in built])
    bars = {week: bar for (week, _), bar in zip(built, chart.bars, strict=True)}
    return ChartView(
        title, tuple(bars.get(week) or BarView(str(week), NOT_BUILT, "0%") for week in calendar)
    )


def _calendar_weeks(weeks: Sequence[ArchivedWeek]) -> list[WeekId]:
    """Every calendar week from the newest built to the oldest, newest first."""
    if not weeks:
        return []
    newest = max(record.week for record in weeks)
    oldest = min(record.week for record in weeks)
    calendar = [newest]
    while calendar[-1] > oldest:
        calendar.append(WeekId.of(calendar[-1].thursday - timedelta(weeks=1)))
    return calendar
