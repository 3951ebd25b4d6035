"""What a worker typed: times that are not times, bodies too short to say anything."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from bulletin.checks.context import CheckContext
from bulletin.diagnostics import Problem, warning
from bulletin.model import Entry

_CLOCK_LIKE = re.compile(r"\d+(?::\d+)+")
_CLOCK = re.compile(r"(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?")
_NOT_WORDS = re.compile(r"[\W_]+")


def malformed_time(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A clock time that cannot be one: 15:3017:00 (a lost dash), 25:00, 9:75."""
    if not entry.time:
        return
    # NFKC reads the full-width colon and digits of Chinese input methods (１５：３０).
    for token in _CLOCK_LIKE.findall(unicodedata.normalize("NFKC", entry.time)):
        if not _CLOCK.fullmatch(token):
            yield warning(entry.places.field("time"), "W-time", value=entry.time, token=token)
            return


def short_body(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A body with fewer letters and digits than ``[check] min_body_chars`` (同上, 略, 见附件)."""
    minimum = context.project.config.check.min_body_chars
    if has_letters(entry.body, minimum):
        return
    count = len(_NOT_WORDS.sub("", entry.body))
    yield warning(entry.places.field("body"), "W-short-body", count=count, minimum=minimum)


def has_letters(text: str, minimum: int) -> bool:
    """Whether ``text`` holds at least ``minimum`` letters and digits.

    Read only as far as the ``minimum``-th one: counting them all (a Unicode class tested on
    every character) took a tenth of a second for a province's week.
    """
    return _letters_pattern(minimum).match(text) is not None


@lru_cache(maxsize=8)
def _letters_pattern(minimum: int) -> re.Pattern[str]:
    return re.compile(rf"(?:[\W_]*[^\W_]){{{minimum}}}")
