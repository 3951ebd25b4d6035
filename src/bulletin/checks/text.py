"""What a worker typed: times that are not times (in ``time:``, or in a title or body), bodies
too short to say anything."""

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
# In a title or body, digits around a colon are a score (3:1, 25:23) or a ratio (1:10000,
# 40:60) as well as a clock time: only hours of one or two digits and minutes of two or more
# are read (\d is a full-width digit too), and one that cannot be a time is flagged when it is
# glued to the next (15:3017:00, a lost dash) or said to be one: after a time of day, a
# date or a label (下午25:00, 23日9:75, 时间：25:00), or on one side of a span's dash, 至 or
# 到 whose other side is a clock time (15:30-25:00; a range of ratios, 1:60至1:80, passes).
# After 于, 从 or 自 a ratio or score is as common (不低于1:60, 比分定格于25:23): not read.
# A colon before one is a label's, unless a digit stands before it (1:2:30).
_CLOCK_IN_TEXT = re.compile(r"(?<!\d)(?<!\d[:：])\d{1,2}[:：]\d{2,}(?:[:：]\d+)*(?![\d:：])")
# Digits on both sides of a colon, looked for first: a colon alone is in many bodies (内容：).
_DIGIT_COLON_DIGIT = re.compile(r"\d[:：]\d")
_GLUED = re.compile(r"\d{1,2}:\d{3,4}:\d{2}")
_HOUR_MINUTE = re.compile(r"\d{1,2}:\d{2}")
_SAID_BEFORE = ("午", "上", "晚", "早", "间", "晨", "日", "号")
_SPAN = frozenset("-－–—~～〜至到")
# The other side of a span: the clock time that ends before it, or starts after it.
_CLOCK_ENDING = re.compile(r"(?<![\d:：])\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*$")
_CLOCK_STARTING = re.compile(r"\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?![\d:：])")


def malformed_time(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A clock time that cannot be one: 15:3017:00 (a lost dash), 25:00, 9:75."""
    if not entry.time:
        return
    # NFKC reads the full-width colon and digits of Chinese input methods (１５：３０).
    for token in _CLOCK_LIKE.findall(unicodedata.normalize("NFKC", entry.time)):
        if not _CLOCK.fullmatch(token):
            yield warning(entry.places.field("time"), "W-time", value=entry.time, token=token)
            return


def malformed_time_in_text(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The same slips written in the title or body (the seed's 下午15:3017:00), at the token."""
    for field, text in (("title", entry.title), ("body", entry.body)):
        if not text or (":" not in text and "：" not in text):
            continue
        if not _DIGIT_COLON_DIGIT.search(text):
            continue
        for found in _CLOCK_IN_TEXT.finditer(text):
            token = unicodedata.normalize("NFKC", found[0])
            if _CLOCK.fullmatch(token) or not _is_meant_as_time(text, token, *found.span()):
                continue
            where = entry.places.span_in(text, *found.span(), field)
            yield warning(where, "W-time-text", token=found[0])


def _is_meant_as_time(text: str, token: str, start: int, end: int) -> bool:
    if _GLUED.fullmatch(token):
        return True
    if not _HOUR_MINUTE.fullmatch(token):
        return False
    before, after = text[max(0, start - 4) : start].rstrip(), text[end : end + 4].lstrip()
    if before.rstrip(":：").rstrip().endswith(_SAID_BEFORE):  # 时间：25:00 too
        return True
    if before[-1:] in _SPAN:
        dash = text.rindex(before[-1], 0, start)
        other = _CLOCK_ENDING.search(text, max(0, dash - 12), dash)
        if other is not None and _is_clock(other[0]):
            return True
    if after[:1] in _SPAN:
        other = _CLOCK_STARTING.match(text, text.index(after[0], end) + 1)
        if other is not None and _is_clock(other[0]):
            return True
    return False


def _is_clock(token: str) -> bool:
    return _CLOCK.fullmatch(unicodedata.normalize("NFKC", token).strip()) is not None


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
