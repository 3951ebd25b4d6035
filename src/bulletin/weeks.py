"""Week arithmetic: ISO weeks, reporting weeks that start on any weekday, Chinese month-weeks.

A reporting week is the seven days from the project's ``week_start`` weekday that contain
the Thursday of an ISO week, and is named by that ISO week (GB/T 7408.1 = ISO 8601).
So 2022-W47 is Mon 21 – Sun 27 Nov by default and Fri 18 – Thu 24 Nov when weeks start
on Friday. A week belongs to the month of its Thursday and is numbered by that month's
Thursdays, which is how the Kaifeng bulletin names 2022-11-21…27 "十一月第四周".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ALIASES = {
    **{name: index for index, name in enumerate(WEEKDAYS)},
    **{name[:3]: index for index, name in enumerate(WEEKDAYS)},
    **{f"周{c}": index for index, c in enumerate("一二三四五六日")},
    **{f"星期{c}": index for index, c in enumerate("一二三四五六日")},
    "周天": 6,
    "星期天": 6,
}
THURSDAY = 3
CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")

_WEEK_ID = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")
_BARE_WEEK = re.compile(r"^(?:[Ww](?:eek)?-?)?(\d{1,2})$")


def weekday_index(name: str) -> int | None:
    """Monday = 0 … Sunday = 6 for an English or Chinese weekday name, else None."""
    return WEEKDAY_ALIASES.get(name.strip().lower())


def weeks_in_year(year: int) -> int:
    # 28 December always lies in the last ISO week of its year.
    return date(year, 12, 28).isocalendar()[1]


@dataclass(frozen=True, order=True)
class WeekId:
    """An ISO week, e.g. 2022-W47."""

    year: int
    week: int

    def __post_init__(self) -> None:
        # Far years would overflow date arithmetic at the calendar's ends; no report lives there.
        if not 1000 <= self.year <= 9998:
            raise ValueError(f"year {self.year} is out of range")
        if not 1 <= self.week <= weeks_in_year(self.year):
            raise ValueError(f"{self.year} has no ISO week {self.week}")

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @classmethod
    def of(cls, day: date) -> WeekId:
        iso = day.isocalendar()
        return cls(iso[0], iso[1])

    @classmethod
    def parse(cls, text: str) -> WeekId | None:
        """Read a week folder name such as ``2022-W47``; None when it is not one."""
        match = _WEEK_ID.match(text.strip())
        if not match:
            return None
        try:
            return cls(int(match[1]), int(match[2]))
        except ValueError:
            return None

    @property
    def thursday(self) -> date:
        return date.fromisocalendar(self.year, self.week, THURSDAY + 1)


def week_53_of(text: str) -> int | None:
    """The year of a ``2022-W53`` that names a week its year lacks (most years have 52)."""
    match = _WEEK_ID.match(text.strip())
    if match and int(match[2]) == 53 and date(int(match[1]), 12, 28).isocalendar()[1] == 52:
        return int(match[1])
    return None


def parse_week_number(text: str) -> int | None:
    """The week number of a spec without a year (``47``, ``week-47``, ``W47``), else None."""
    match = _BARE_WEEK.match(text.strip())
    return int(match[1]) if match else None


@dataclass(frozen=True)
class ReportingWeek:
    """The seven reporting days named by ``id``."""

    id: WeekId
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def month(self) -> int:
        return self.id.thursday.month

    @property
    def week_of_month(self) -> int:
        return (self.id.thursday.day - 1) // 7 + 1

    @property
    def month_week(self) -> str:
        """十一月第四周."""
        return f"{CHINESE_NUMERALS[self.month - 1]}月第{CHINESE_NUMERALS[self.week_of_month - 1]}周"


def reporting_week(week: WeekId, week_start: int = 0) -> ReportingWeek:
    thursday = week.thursday
    start = thursday - timedelta(days=(thursday.weekday() - week_start) % 7)
    return ReportingWeek(week, start, start + timedelta(days=6))


def reporting_week_of(day: date, week_start: int = 0) -> ReportingWeek:
    """The reporting week that holds ``day``."""
    start = day - timedelta(days=(day.weekday() - week_start) % 7)
    thursday = start + timedelta(days=(THURSDAY - week_start) % 7)
    return reporting_week(WeekId.of(thursday), week_start)
