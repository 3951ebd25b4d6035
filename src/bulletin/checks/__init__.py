"""Checks over validated entries: warnings, and the errors that need today's date or a look
inside a photo.

``check`` runs ``run_checks`` after validation (and so does ``build``, for its week). Each
rule is one function over one entry; duplicates look across a week. A rule points at the
text it flags (the date, the time, the name in the body) through ``Entry.places``, which
composes a file's YAML node tree only when that file has something to report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

from bulletin.checks.context import CheckContext
from bulletin.checks.dates import future_dates, outside_week
from bulletin.checks.duplicates import find_duplicates
from bulletin.checks.images import image_gps, image_readable, image_size
from bulletin.checks.privacy import full_names, private_names
from bulletin.checks.text import malformed_time, short_body
from bulletin.config import Project
from bulletin.diagnostics import Problem
from bulletin.model import Entry

Rule = Callable[[Entry, CheckContext], Iterator[Problem]]
ENTRY_RULES: tuple[Rule, ...] = (
    future_dates,
    outside_week,
    malformed_time,
    short_body,
    full_names,
    private_names,
    image_readable,
    image_size,
    image_gps,
)


def run_checks(project: Project, entries: Sequence[Entry], today: date) -> list[Problem]:
    context = CheckContext.of(project, today)
    problems: list[Problem] = []
    for entry in entries:
        problems.extend(_kept(entry, (p for rule in ENTRY_RULES for p in rule(entry, context))))
    problems.extend(find_duplicates(entries, project.config.check.duplicate_similarity))
    return problems


def _kept(entry: Entry, problems: Iterable[Problem]) -> Iterator[Problem]:
    """Drop the warnings the entry's own ``ignore:`` silences."""
    return (problem for problem in problems if problem.code not in entry.ignore)
