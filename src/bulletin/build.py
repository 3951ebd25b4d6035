"""``bulletin build WEEK``: check → select the week → group → render → write.

Reads top to bottom as the pipeline it is; any error stops before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from bulletin.check import check
from bulletin.compile import CompiledBulletin, compile_bulletin, select_week
from bulletin.config import Project
from bulletin.dates import format_when
from bulletin.diagnostics import EntryErrors, Location, Problem, UsageError, error, has_errors
from bulletin.render import FORMATS, make_environment, render
from bulletin.weeks import ReportingWeek, WeekId, parse_week_number, reporting_week
from bulletin.write import write_folder

DEFAULT_FORMATS = ("md", "html")


@dataclass(frozen=True)
class BuildResult:
    week: ReportingWeek
    compiled: CompiledBulletin
    folder: Path
    written: list[Path]
    warnings: list[Problem]


def resolve_week(project: Project, spec: str, today: date) -> WeekId:
    """``2022-W47`` as written; ``47``/``week-47`` in the latest year that has that week's folder."""
    week = WeekId.parse(spec)
    if week is not None:
        return week
    number = parse_week_number(spec)
    if number is not None:
        years = sorted(
            found.year
            for folder in _week_folders(project)
            if (found := WeekId.parse(folder.name)) and found.week == number
        )
        try:
            return WeekId(years[-1] if years else today.year, number)
        except ValueError:
            pass
    raise UsageError([error(Location("."), "E-week-spec", value=spec)])


def _week_folders(project: Project) -> list[Path]:
    if not project.entries_dir.is_dir():
        return []
    return [
        path for path in project.entries_dir.iterdir() if path.is_dir() and WeekId.parse(path.name)
    ]


def build(
    project: Project,
    week_spec: str,
    formats: Sequence[str] = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    today: date | None = None,
) -> BuildResult:
    week, compiled, problems = compile_week(project, week_spec, today)
    texts = render_formats(project, compiled, formats)
    folder = (out_dir or project.root / project.config.build_dir) / str(week.id)
    written = write_folder(folder, texts, compiled.assets)
    return BuildResult(week, compiled, folder, written, problems)


def compile_week(
    project: Project, week_spec: str, today: date | None = None
) -> tuple[ReportingWeek, CompiledBulletin, list[Problem]]:
    """Check the week's entries and arrange them; warnings come back, errors are raised."""
    week = reporting_week(
        resolve_week(project, week_spec, today or date.today()), project.config.week_start
    )
    folders = [path for path in _week_folders(project) if WeekId.parse(path.name) == week.id]
    checked = check(project, folders) if folders else None
    problems = checked.problems if checked else []
    if has_errors(problems):
        raise EntryErrors(problems)
    entries = select_week(checked.entries, week.id) if checked else []
    if not entries:
        raise EntryErrors([_no_entries(project, week)])
    return week, compile_bulletin(project.config, week, entries, _source_date()), problems


def render_formats(
    project: Project, compiled: CompiledBulletin, formats: Sequence[str]
) -> dict[str, str]:
    """File name → text for each format, rendered with the project's templates first."""
    environment = make_environment(project.templates_dir)
    return {
        FORMATS[name].filename: render(environment, FORMATS[name], compiled.view)
        for name in formats
    }


def _no_entries(project: Project, week: ReportingWeek) -> Problem:
    folder = f"{project.config.entries_dir}/{week.id}"
    return error(
        Location(project.config.entries_dir),
        "E-no-entries",
        week=str(week.id),
        range=format_when([week.start], week.end, None),
        folder=folder,
    )


def _source_date() -> date | None:
    """The build date only when SOURCE_DATE_EPOCH asks for one, so output stays reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.strip().isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
