"""Dates that cannot be right: after today (an error), outside the folder's week, or written
in the text with a day of the week that is not theirs; and a body that opens with the date
the bulletin prints before it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from bulletin.checks.context import CheckContext
from bulletin.dates import (
    TIME_WORD,
    WEEKDAY_WORD,
    DateTextError,
    completed_dates,
    list_parts,
    parse_date_text,
    split_period,
    week_span,
)
from bulletin.diagnostics import Location, MessageArg, Problem, error, warning
from bulletin.model import Entry
from bulletin.weeks import reporting_week_of


def future_dates(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    for day, field in _written_days(entry):
        if day > context.today:
            yield error(
                _where(entry, field, day),
                "E-future-date",
                value=day.isoformat(),
                today=context.today.isoformat(),
            )


# Further from its week than half a year, a date is a slip of the year or month (2021 for
# 2022, 5月 for 11月) that would be published as written, not a late report.
FAR_DAYS = 183


def outside_week(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Dates outside the reporting week its folder names (future ones are errors already).
    A period that runs into or out of the week is not told to move to another week, nor to
    check its year (a project's total since May); one wholly outside is told once, by its
    first day."""
    if entry.week is None:
        return
    week = context.week(entry.week)
    config = context.project.config
    days_written = list(_written_days(entry))
    across = entry.end is not None and entry.dates[0] <= week.end and entry.end >= week.start
    if entry.end is not None and not across:
        days_written = days_written[:1]
    for day, field in days_written:
        if week.contains(day) or day > context.today:
            continue
        before = day < week.start
        days = (week.start - day).days if before else (day - week.end).days
        facts: dict[str, MessageArg] = {
            "value": day.isoformat(),
            "week": str(week.id),
            "range": week_span(week.start, week.end),
            "side": "before" if before else "after",
            "days": days,
        }
        where = _where(entry, field, day)
        if across:
            yield warning(where, "W-period-outside-week", **facts)
            continue
        if days > FAR_DAYS:
            yield error(where, "E-date-far", **facts)
            continue
        own_week = reporting_week_of(day, config.week_start)
        yield warning(
            where, "W-outside-week", **facts, folder=f"{config.entries_dir}/{own_week.id}"
        )


# A date in a title or body as workers write one: with its year (2022年11月23日, 2022-11-23)
# or its month (11月23日); 11.23 alone would read a figure as a date (每1.5周一次).
_DATE_IN_TEXT = (
    r"(?<!\d)(?:\d{4}\s*(?:年\s*\d{1,2}\s*月|([-/.])\s*\d{1,2}\s*\1)|\d{1,2}\s*月)\s*\d{1,2}"
    r"(?:\s*[日号]|(?!\d))"
)
_WEEKDAY_IN_TEXT = rf"\s*[（(]?\s*{WEEKDAY_WORD}(?:\s*[）)])?(?!\s*[至到~～-])"
_DATE_AND_WEEKDAY = re.compile(_DATE_IN_TEXT + _WEEKDAY_IN_TEXT)
# A day of the week, looked for first: 周 alone is in most bodies (本周), and the pattern
# above, led by a date, is tried at every digit.
_WEEKDAY_WORD = re.compile(WEEKDAY_WORD)
# What a body written the seed's way opens with: the date (and day of the week), its time of
# day or clock time, up to the end of that clause; nothing else is the lead's.
_OPENING_DATE = re.compile(
    rf"{_DATE_IN_TEXT}(?:{_WEEKDAY_IN_TEXT})?"
    rf"(?P<time>\s*(?:{TIME_WORD})?\s*(?:\d{{1,2}}\s*(?:[:：]\s*\d{{2}}|[点时]\s*半?))?)"
)
_NOT_ONE_DAY = re.compile(r"\s*(?:[至到~～〜—–−-]|[、,，;；]\s*\d)")
# What ends the lead's words, when the entry's district or station does not follow: anything
# else makes the date part of the sentence (11月23日是…前夕, 11月23日起, 11月23日以来).
_LEAD_ENDS = frozenset(" \t\n，,、：:")


def text_weekdays(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A date in the title or body followed by a day of the week that is not its own (the
    seed's 2022年11月23日（周五）, a Wednesday). Without a year the writer's year is unknown
    (自今年3月15日（周日）接案以来, 去年12月20日（周六）): only a day of the week wrong in the
    year that puts the date nearest the entry's week, and in the years before and after it,
    is told, with the nearest."""
    near = entry.week.thursday if entry.week else (entry.dates[0] if entry.dates else None)
    for field, text in (("title", entry.title), ("body", entry.body)):
        if not text or not _WEEKDAY_WORD.search(text):
            continue
        for found in _DATE_AND_WEEKDAY.finditer(text):
            try:
                parse_date_text(found[0], near)
            except DateTextError as exc:
                if exc.code == "E-date-weekday" and (
                    _YEAR_WRITTEN.match(found[0])
                    or not _right_in_a_year_beside(
                        found[0], date.fromisoformat(str(exc.facts["day"]))
                    )
                ):
                    where = entry.places.span_in(text, *found.span(), field)
                    yield warning(where, "W-text-weekday", value=found[0], **exc.facts)


_YEAR_WRITTEN = re.compile(r"\d{4}")  # 2022年11月23日, 2022-11-23: the date's own year


def _right_in_a_year_beside(text: str, nearest: date) -> bool:
    """Whether the day of the week of ``text`` (a month and day) is right a year before or
    after ``nearest``, the date as read."""
    for year in (nearest.year - 1, nearest.year + 1):
        try:
            parse_date_text(text, nearest.replace(year=year))
        except (DateTextError, ValueError):  # the wrong day; 2月29日 in no leap year
            continue
        return True
    return False


def repeated_lead(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A body that opens with the entry's own date (2022年11月21日下午，禹王台区三里堡街道社工站社工…)
    repeats what the bulletin prints before it: told with the words to delete, the date and
    time, and the district and station of the entry that follow them. Only a date set apart
    by a comma or a space, or followed by the district or station, is the lead's: 11月23日起
    and 11月23日是… are the sentence's. A time the entry's ``time:`` does not hold is told to
    move there: the lead prints no other."""
    body = entry.body
    if len(entry.dates) != 1 or entry.end not in (None, entry.dates[0]) or not body[:1].isdigit():
        return  # the days of several, or of a period, are told apart in the body
    found = _OPENING_DATE.match(body)
    if found is None or _NOT_ONE_DAY.match(body, found.end()):
        return
    near = entry.week.thursday if entry.week else entry.dates[0]
    opening = found[0].rstrip()
    try:
        day = parse_date_text(opening[: len(opening) - len(found["time"].strip())], near)
    except DateTextError:
        return
    if day != entry.dates[0]:
        return
    places = (*entry.districts, *entry.stations)
    if body[len(opening) : len(opening) + 1] not in _LEAD_ENDS and not any(
        body.startswith(name, len(opening)) for name in places
    ):
        return
    end = _past_commas(body, len(opening))
    if body[end : end + 1] in _COPULAS:
        return  # 11月20日，是第36个世界儿童日: the date is the sentence's subject
    named = end
    for name in places:
        if body.startswith(name, named):
            named = _past_commas(body, named + len(name))
    # The names are the lead's only when they end there (兰考县民政局, 张君墓镇社工站站长 and
    # 惠安街道社工站、仪封镇社工站联合 are the sentence's, and keep their words).
    place = named != end and (
        body[named - 1 : named] in _PLACE_ENDS or body.startswith(_PLACE_FOLLOWERS, named)
    )
    repeated = body[: named if place else end].rstrip(_COMMAS)
    where = entry.places.span_in(body, 0, len(repeated), "body")
    unprinted = "" if entry.time else found["time"].strip()
    yield warning(
        where,
        "W-lead-repeated",
        value=repeated,
        repeated="date_and_place" if place else "date",
        unprinted=unprinted,
    )


_COMMAS = " ，,、"
_COPULAS = frozenset("是为乃")
_PLACE_ENDS = frozenset(" ，,")  # passed by _past_commas, after the last name
_PLACE_FOLLOWERS = ("社工", "驻站", "的", "：", ":")


def _past_commas(text: str, start: int) -> int:
    while text[start : start + 1] and text[start] in _COMMAS:
        start += 1
    return start


def _written_days(entry: Entry) -> Iterator[tuple[date, str]]:
    """Each date of the entry with the field it was written in."""
    for day in entry.dates:
        yield day, "date"
    if entry.end is not None:
        yield entry.end, "end"


def _where(entry: Entry, field: str, day: date) -> Location:
    """The written text of ``day``: its item in a list, or its part of a text like 11月18日、22日."""
    written = entry.places.written(field)
    near = entry.week.thursday if entry.week else None  # as validation read a date without year
    if isinstance(written, list):
        for index, item in enumerate(completed_dates(written)):
            if _reads_as(item, day, near):
                return entry.places.field(field, index)
    elif isinstance(written, str):
        period = split_period(written)
        if period is None:  # 18日 of 11月17日、18日 reads as 11月18日
            parts = list_parts(written)
            completed = completed_dates([part for part, _ in parts])
            shown = [(str(whole), *part) for whole, part in zip(completed, parts, strict=True)]
        else:
            shown = [(period.start, period.written_start, 0), (period.end, period.written_end, 0)]
        for whole, text, before in shown:
            if _reads_as(whole, day, near):
                return entry.places.text_in(text, field, after=before)
    return entry.places.field(field)


def _reads_as(written: object, day: date, near: date | None) -> bool:
    if isinstance(written, date):
        return written == day
    if isinstance(written, str):
        try:
            return parse_date_text(written, near) == day
        except DateTextError:
            return False
    return False
