"""Checks over validated entries: warnings, and the errors that need today's date or a look
inside a photo.

``check`` runs ``run_checks`` after validation (and so does ``build``, for its week). Each
rule is one function over one entry; duplicates look across a week. A rule points at the
text it flags (the date, the time, the name in the body) through ``Entry.places``, which
composes a file's YAML node tree only when that file has something to report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from types import MappingProxyType

from bulletin.cache import digest, file_version
from bulletin.checks.context import CheckContext
from bulletin.checks.dates import future_dates, outside_week, repeated_lead, text_weekdays
from bulletin.checks.duplicates import BodyText, WeekSearch, body_text, find_duplicates
from bulletin.checks.figures import fractional_counts
from bulletin.checks.images import image_gps, image_readable, image_size, image_twice
from bulletin.checks.privacy import contact_numbers, full_names, private_names
from bulletin.checks.text import malformed_time, malformed_time_in_text, short_body
from bulletin.diagnostics import Problem, silenced
from bulletin.load import YamlPath
from bulletin.model import Entry
from bulletin.weeks import WeekId

Rule = Callable[[Entry, CheckContext], Iterator[Problem]]
ENTRY_RULES: tuple[Rule, ...] = (
    future_dates,
    outside_week,
    text_weekdays,
    repeated_lead,
    malformed_time,
    malformed_time_in_text,
    short_body,
    fractional_counts,
    full_names,
    private_names,
    contact_numbers,
    image_readable,
    image_size,
    image_gps,
    image_twice,
)


@dataclass(frozen=True)
class FileChecks:
    """What the rules found in one file's entries, and their bodies' texts for the duplicate
    search: good while the file's bytes (``content``, their hash) and its valid entries (a
    photo found since can make one valid) stay the same, the problems while what the rules
    read besides (``inputs``: today, the private names, the file's photos) does too."""

    content: bytes
    entries: tuple[YamlPath, ...]
    inputs: bytes
    problems: list[Problem]
    texts: list[BodyText]


@dataclass(frozen=True)
class Checked:
    """A run of the checks: its problems, and what the next run can take from it."""

    problems: list[Problem]
    files: dict[str, FileChecks]
    weeks: dict[WeekId | None, WeekSearch]


def run_checks(
    context: CheckContext,
    entries: Sequence[Entry],
    contents: Mapping[str, bytes] = MappingProxyType({}),
    earlier: Checked | None = None,
) -> Checked:
    """The rules over each entry, then the duplicate search over each week.

    ``contents`` (a file's path relative to the project → the hash of its bytes) lets what
    was found in a file be kept, and taken from ``earlier`` while the file is unchanged.
    """
    project, today = context.project, context.today
    names_file = project.names_file
    names = file_version(names_file) if names_file is not None else None
    problems: list[Problem] = []
    texts: list[BodyText] = []
    files: dict[str, FileChecks] = {}
    # An entry file's entries are consecutive: files are validated one after the other.
    for relative, group in groupby(entries, key=lambda entry: entry.places.source.relative):
        members = list(group)
        content = contents.get(relative)
        kept = earlier.files.get(relative) if earlier is not None else None
        inputs, valid = b"", tuple(entry.places.path for entry in members)
        if content is not None:
            photos = [file_version(image.path) for entry in members for image in entry.images]
            inputs = digest(today, names, photos)
        if kept is not None and (kept.content, kept.entries) == (content, valid):
            file_texts = kept.texts
            found = kept.problems if kept.inputs == inputs else _rules(members, context)
        else:
            file_texts = [body_text(entry.body) for entry in members]
            found = _rules(members, context)
        if content is not None:
            files[relative] = FileChecks(content, valid, inputs, found, file_texts)
        problems += found
        texts += file_texts
    threshold = project.config.check.duplicate_similarity
    duplicates = find_duplicates(entries, threshold, texts, earlier.weeks if earlier else {})
    return Checked([*problems, *duplicates.problems], files, duplicates.weeks)


def _rules(entries: Iterable[Entry], context: CheckContext) -> list[Problem]:
    return [
        problem
        for entry in entries
        for problem in _kept(entry, (p for rule in ENTRY_RULES for p in rule(entry, context)))
    ]


def _kept(entry: Entry, problems: Iterable[Problem]) -> Iterator[Problem]:
    """Drop the warnings the entry's own ``ignore:`` silences."""
    return (problem for problem in problems if not silenced(problem.code, entry.ignore))
