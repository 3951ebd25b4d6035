"""Dates that cannot be right: after today (an error), or outside the folder's week."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from bulletin.checks.context import CheckContext
from bulletin.dates import (
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
