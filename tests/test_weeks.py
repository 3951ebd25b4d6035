"""Week arithmetic: ISO weeks, reporting weeks from any weekday, Chinese month-weeks."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.dates import span_in, week_span
from bulletin.weeks import (
    WeekId,
    parse_week_number,
    reporting_week,
    reporting_week_of,
    week_53_of,
    weekday_index,
)
from helpers import MINIMAL_TOML, write_project

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
week_starts = st.integers(min_value=0, max_value=6)


def test_the_seed_week_is_2022_w47_and_the_fourth_week_of_november() -> None:
    monday_week = reporting_week(WeekId(2022, 47))
    friday_week = reporting_week(WeekId(2022, 47), weekday_index("friday") or 0)
    assert (monday_week.start, monday_week.end) == (date(2022, 11, 21), date(2022, 11, 27))
    assert (friday_week.start, friday_week.end) == (date(2022, 11, 18), date(2022, 11, 24))
    assert monday_week.month_week == friday_week.month_week == "十一月第四周"


@pytest.mark.parametrize(
    ("week", "expected"),
    [
        (WeekId(2022, 44), "十一月第一周"),  # Thursday 3 Nov
        (WeekId(2022, 48), "十二月第一周"),  # Thursday 1 Dec, though the week starts in November
        (WeekId(2020, 53), "十二月第五周"),  # Thursday 31 Dec
        (WeekId(2021, 1), "一月第一周"),  # Thursday 7 Jan: the first Thursday of January
    ],
)
def test_month_week_follows_the_thursday(week: WeekId, expected: str) -> None:
    assert reporting_week(week).month_week == expected


@given(day=days, week_start=week_starts)
def test_a_reporting_week_is_seven_days_from_its_start_weekday(day: date, week_start: int) -> None:
    week = reporting_week_of(day, week_start)
    assert week.contains(day)
    assert week.end - week.start == timedelta(days=6)
    assert week.start.weekday() == week_start
    assert week.contains(week.id.thursday)


@given(day=days, week_start=week_starts)
def test_naming_a_week_and_rebuilding_it_agree(day: date, week_start: int) -> None:
    week = reporting_week_of(day, week_start)
    assert reporting_week(week.id, week_start) == week


@given(day=days, week_start=week_starts)
def test_consecutive_weeks_tile_the_calendar(day: date, week_start: int) -> None:
    week = reporting_week_of(day, week_start)
    following = reporting_week_of(week.end + timedelta(days=1), week_start)
    assert following.start == week.end + timedelta(days=1)
    assert following.id > week.id


@given(day=days)
def test_monday_weeks_are_iso_weeks(day: date) -> None:
    week = reporting_week_of(day, 0)
    assert (week.id.year, week.id.week) == day.isocalendar()[:2]


@given(day=days, week_start=week_starts)
def test_month_weeks_count_the_months_thursdays(day: date, week_start: int) -> None:
    week = reporting_week_of(day, week_start)
    thursday = week.id.thursday
    earlier_thursdays = [thursday - timedelta(weeks=n) for n in range(1, 6)]
    same_month = [t for t in earlier_thursdays if t.month == thursday.month]
    assert week.week_of_month == len(same_month) + 1
    assert week.month_week.startswith(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十"))


@given(day=days)
def test_week_ids_print_and_parse_back(day: date) -> None:
    week = WeekId.of(day)
    assert WeekId.parse(str(week)) == week
    assert WeekId.parse(str(week).lower()) == week


@pytest.mark.parametrize("text", ["week-47", "47", "W47", "w47", " week47 "])
def test_week_numbers_without_a_year(text: str) -> None:
    assert parse_week_number(text) == 47


@pytest.mark.parametrize("text", ["2022-W54", "2021-W53", "2022-W00", "Nov", "2022-11-21"])
def test_weeks_that_do_not_exist_are_refused(text: str) -> None:
    assert WeekId.parse(text) is None


@given(st.integers(1001, 9998))
def test_a_week_53_is_named_missing_exactly_in_the_years_without_one(year: int) -> None:
    has_53 = date(year, 12, 28).isocalendar()[1] == 53
    assert (week_53_of(f"{year}-W53") is None) == has_53
    assert week_53_of(f"{year}-W52") is None


def test_a_week_53_its_year_lacks_says_the_year_has_52(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "p", MINIMAL_TOML, {})
    code, _, err = run(project, "build", "2022-W53")
    assert code == 2 and "2022 年只有 52 周，没有 2022-W53" in err
    code, _, err = run(project, "build", "week-99")
    assert code == 2 and "看不懂周次“week-99”" in err


@pytest.mark.parametrize(
    ("start", "end", "zh", "en"),
    [
        ("2022-11-18", "2022-11-24", "2022年11月18日-11月24日", "18–24 Nov 2022"),
        ("2022-11-28", "2022-12-04", "2022年11月28日-12月4日", "28 Nov – 4 Dec 2022"),
        ("2022-12-29", "2023-01-04", "2022年12月29日-2023年1月4日", "29 Dec 2022 – 4 Jan 2023"),
    ],
)
def test_a_weeks_days_are_written_the_way_each_language_writes_dates(
    start: str, end: str, zh: str, en: str
) -> None:
    span = week_span(date.fromisoformat(start), date.fromisoformat(end))
    assert (span_in(span, english=False), span_in(span, english=True)) == (zh, en)


def test_english_messages_write_the_week_in_english(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """They printed 2022年11月18日-11月24日 in the middle of English sentences."""
    for args in (("status", "week-47"), ("build", "week-47", "-f", "md"), ("check",)):
        _, out, err = run(kaifeng, "--lang", "en", *args)
        assert "18–24 Nov 2022" in out + err and "年" not in out + err
