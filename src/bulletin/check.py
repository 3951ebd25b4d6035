"""``bulletin check``: load and validate entries, run the checks, collect every problem; and
the weeks there are."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bulletin.checks import run_checks
from bulletin.config import Project
from bulletin.diagnostics import Location, Problem, Severity, UsageError, error, unique_sorted
from bulletin.load import discover, load_all
from bulletin.model import Entry
from bulletin.validate import validate_files
from bulletin.weeks import WeekId, parse_week_number
from bulletin.write import shown_path


@dataclass(frozen=True)
class CheckResult:
    entries: list[Entry]
    problems: list[Problem]
    file_count: int


def check(
    project: Project, paths: Sequence[Path] = (), today: date | None = None, strict: bool = False
) -> CheckResult:
    """Validate and check the entries below ``paths`` (default: the whole entries folder).

    ``[check] ignore`` silences warnings project-wide; ``strict`` makes the rest errors.
    """
    _refuse_unusable_paths(project, paths)
    with collector_paused():
        files, loose = load_all(
            discover(project.entries_dir, project.root, paths),
            project.config.check.max_entry_bytes,
        )
        validated = validate_files(project, files)
        checked = run_checks(project, validated.entries, today or date.today())
    problems = apply_policy(project, unique_sorted([*loose, *validated.problems, *checked]), strict)
    return CheckResult(validated.entries, problems, len(files))


def _refuse_unusable_paths(project: Project, paths: Sequence[Path]) -> None:
    """A mistyped path must not make CI check nothing and pass; a path outside the project is
    not walked (``check /`` would read the whole disk)."""
    root = project.root.resolve()
    problems = [
        error(Location.command_line(shown_path(path)), "E-no-such-path")
        if not path.exists()
        else error(Location.command_line(shown_path(path)), "E-path-outside")
        for path in paths
        if not path.exists() or not path.resolve().is_relative_to(root)
    ]
    if problems:
        raise UsageError(problems)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a run makes its many small objects.

    Those objects hold no cycles (reference counting frees them), but the collector would
    walk all that live so far again and again as they accumulate: validation got slower
    per entry as weeks grew. On again afterwards, as it was.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def apply_policy(project: Project, problems: Iterable[Problem], strict: bool) -> list[Problem]:
    """``[check] ignore`` silences warnings project-wide; ``strict`` makes the rest errors."""
    silenced = set(project.config.check.ignore)
    return [
        replace(problem, severity=Severity.ERROR) if strict else problem
        for problem in problems
        if problem.code not in silenced
    ]


def week_folders(project: Project) -> dict[WeekId, list[Path]]:
    """Every week that has a folder of entries (``2022-W47``; ``2022-w47`` is the same week)."""
    found: defaultdict[WeekId, list[Path]] = defaultdict(list)
    if project.entries_dir.is_dir():
        for path in sorted(project.entries_dir.iterdir()):
            week = WeekId.parse(path.name)
            if week is not None and path.is_dir():
                found[week].append(path)
    return dict(found)


def no_weeks(project: Project) -> Problem:
    folder = project.config.entries_dir
    return error(Location(folder, 0, 0), "E-no-weeks", folder=folder)


def check_week(
    project: Project, week: WeekId, strict: bool = False
) -> tuple[list[Entry], list[Problem]]:
    """The week's entries and the problems of its folders; other weeks are not read."""
    folders = week_folders(project).get(week)
    if not folders:
        return [], []
    result = check(project, folders, strict=strict)
    return [entry for entry in result.entries if entry.week == week], result.problems


def resolve_week(
    project: Project, spec: str, today: date, not_after: WeekId | None = None
) -> WeekId:
    """``2022-W47`` as written; ``47``/``week-47`` in the latest year that has that week's folder
    (not after ``not_after`` when given), else the current year (or the one before ``not_after``)."""
    week = WeekId.parse(spec)
    if week is not None:
        return week
    number = parse_week_number(spec)
    if number is not None:
        years = sorted(
            found.year
            for found in week_folders(project)
            if found.week == number and (not_after is None or found <= not_after)
        )
        if years:
            year = years[-1]
        elif not_after is not None:
            year = not_after.year - (number > not_after.week)
        else:
            year = today.year
        try:
            return WeekId(year, number)
        except ValueError:
            pass
    raise UsageError([error(Location.command_line(), "E-week-spec", value=spec)])
