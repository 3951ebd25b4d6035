"""What the checks need besides the entry: the project, today, and the private names list."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

from bulletin.config import Project
from bulletin.diagnostics import UsageError
from bulletin.textfile import NotUtf8, encoding_problem, read_text
from bulletin.weeks import ReportingWeek, WeekId, reporting_week

T = TypeVar("T")
# A one-character "name" would match everywhere.
SHORTEST_PRIVATE_NAME = 2


@dataclass(frozen=True)
class CheckContext:
    project: Project
    today: date
    casework: frozenset[str]  # category keys whose entries tell about individual clients
    private_names: re.Pattern[str] | None
    # What rules found out about a file during this run (a week names the same photos from
    # thousands of entries): see ``once``.
    found: dict[tuple[str, Path], Any] = field(default_factory=dict)

    def once(self, question: str, path: Path, answer: Callable[[Path], T]) -> T:
        """``answer(path)``, asked once per run for each question and file."""
        key = (question, path)
        if key not in self.found:
            self.found[key] = answer(path)
        return cast(T, self.found[key])

    @classmethod
    def of(cls, project: Project, today: date) -> CheckContext:
        return cls(project, today, project.config.casework_keys(), _private_names(project))

    def week(self, week: WeekId) -> ReportingWeek:
        return reporting_week(week, self.project.config.week_start)


def _private_names(project: Project) -> re.Pattern[str] | None:
    """The names in ``[privacy] names_file``, one per line (``#`` starts a comment line).

    The file stays out of git, so machines without it (CI) skip this check.
    """
    path = project.names_file
    if path is None or not path.is_file():
        return None
    try:
        text = read_text(path)
    except NotUtf8 as exc:
        raise UsageError([encoding_problem(project.relative(path), exc)]) from None
    names = {
        line.strip()
        for line in text.splitlines()
        if len(line.strip()) >= SHORTEST_PRIVATE_NAME and not line.lstrip().startswith("#")
    }
    if not names:
        return None
    # Longest first, so that 张小红 is found as itself rather than as 张小.
    return re.compile(
        "|".join(re.escape(name) for name in sorted(names, key=lambda name: (-len(name), name)))
    )
