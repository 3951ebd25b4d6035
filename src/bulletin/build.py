"""``bulletin build WEEK``: check → select the week → group → render → write.

Reads top to bottom as the pipeline it is; any error stops before anything is written.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin.archive import FIGURES_FILE, ArchivedWeek, dumps, week_json, write_index
from bulletin.check import check_week, no_weeks, resolve_week, week_folders
from bulletin.compile import CompiledBulletin, compile_bulletin
from bulletin.config import Project
from bulletin.dates import format_when
from bulletin.diagnostics import EntryErrors, Location, Problem, error, has_errors
from bulletin.render import FORMATS, make_environment, render
from bulletin.weeks import ReportingWeek, WeekId, reporting_week
from bulletin.write import write_folder

if TYPE_CHECKING:
    import jinja2

DEFAULT_FORMATS = ("md", "html")


@dataclass(frozen=True)
class BuildResult:
    week: ReportingWeek
    compiled: CompiledBulletin
    folder: Path
    written: list[Path]
    warnings: list[Problem]
    index: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class FailedWeek:
    week: WeekId
    problems: list[Problem]


@dataclass(frozen=True)
class ArchiveResult:
    built: list[BuildResult]
    failed: list[FailedWeek]  # left as they were: their errors are in ``problems``
    index: list[Path]
    warnings: list[Problem]


# Called after each week of a long run with (what was done, how many done, how many in all).
Progress = Callable[[str, int, int], None]


def build(
    project: Project,
    week_spec: str,
    formats: Sequence[str] = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    today: date | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build one week, then refresh the archive index from every week built so far.

    The week's warnings come back in the result; ``strict`` makes them errors that stop it.
    """
    week_id = resolve_week(project, week_spec, today or date.today())
    environment = make_environment(project.templates_dir)
    out_root = _out_root(project, out_dir)
    result = _build_week(project, week_id, formats, out_root, environment, strict)
    index, warnings = write_index(project.config, out_root, project.relative(out_root), environment)
    return dataclasses.replace(result, index=index, warnings=[*result.warnings, *warnings])


def build_all(
    project: Project,
    formats: Sequence[str] = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    progress: Progress | None = None,
    strict: bool = False,
) -> ArchiveResult:
    """Build every week that has a folder of entries, and the index of them all.

    A week with errors is not built (its previous output stays) and the others still are,
    so one late or broken submission never holds back the whole archive.
    """
    weeks = sorted(week_folders(project))
    if not weeks:
        raise EntryErrors([no_weeks(project)])
    environment = make_environment(project.templates_dir)
    out_root = _out_root(project, out_dir)
    built: list[BuildResult] = []
    failed: list[FailedWeek] = []
    for done, week in enumerate(weeks, start=1):
        try:
            built.append(_build_week(project, week, formats, out_root, environment, strict))
        except EntryErrors as exc:
            failed.append(FailedWeek(week, exc.problems))
        if progress is not None:
            progress(str(week), done, len(weeks))
    index, warnings = write_index(project.config, out_root, project.relative(out_root), environment)
    return ArchiveResult(built, failed, index, warnings)


def compile_week(
    project: Project, week_spec: str, today: date | None = None
) -> tuple[ReportingWeek, CompiledBulletin, list[Problem]]:
    """Check the week's entries and arrange them; warnings come back, errors are raised."""
    return _compile(project, resolve_week(project, week_spec, today or date.today()))


def render_formats(
    project: Project,
    compiled: CompiledBulletin,
    formats: Sequence[str],
    environment: jinja2.Environment | None = None,
) -> dict[str, str]:
    """File name → text for each format, rendered with the project's templates first."""
    environment = environment or make_environment(project.templates_dir)
    return {
        FORMATS[name].filename: render(environment, FORMATS[name], compiled.view)
        for name in formats
    }


def _out_root(project: Project, out_dir: Path | None) -> Path:
    return out_dir or project.root / project.config.build_dir


def _compile(
    project: Project, week_id: WeekId, strict: bool = False
) -> tuple[ReportingWeek, CompiledBulletin, list[Problem]]:
    week = reporting_week(week_id, project.config.week_start)
    entries, problems = check_week(project, week.id, strict)
    if has_errors(problems):
        raise EntryErrors(problems)
    if not entries:
        raise EntryErrors([_no_entries(project, week)])
    return week, compile_bulletin(project.config, week, entries, _source_date()), problems


def _build_week(
    project: Project,
    week_id: WeekId,
    formats: Sequence[str],
    out_root: Path,
    environment: jinja2.Environment,
    strict: bool,
) -> BuildResult:
    """One week's folder: the bulletin in each format, its figures and its images."""
    week, compiled, problems = _compile(project, week_id, strict)
    texts = render_formats(project, compiled, formats, environment)
    record = ArchivedWeek(
        week=week.id,
        title=compiled.view.title,
        start=week.start,
        end=week.end,
        date_range=compiled.view.date_range,
        href=FORMATS["html" if "html" in formats else formats[0]].filename,
        figures=compiled.figures,
    )
    texts[FIGURES_FILE] = dumps(week_json(record))
    folder = out_root / str(week.id)
    written = write_folder(folder, texts, compiled.assets)
    return BuildResult(week, compiled, folder, written, problems)


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
