"""What the checks need besides the entry: the project, today, and the private names list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bulletin.config import Project
from bulletin.diagnostics import UsageError
from bulletin.textfile import NotUtf8, encoding_problem, read_text
from bulletin.weeks import ReportingWeek, WeekId, reporting_week

# A one-character "name" would match everywhere.
SHORTEST_PRIVATE_NAME = 2


@dataclass(frozen=True)
class CheckContext:
    project: Project
    today: date
    casework: frozenset[str]  # category keys whose entries tell about individual clients
    private_names: re.Pattern[str] | None

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
