"""Reading the dates workers write, and writing dates the way the bulletin prints them."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

_DATE_TEXT = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*(?:日|号)?\s*$"
)
# 11月18日, 11-18, 11/18, 11.18: the year is the one that puts the day nearest the week it is for.
_MONTH_DAY_TEXT = re.compile(r"^\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*(?:日|号)?\s*$")
_LIST_MARKS = ",;、，；"
_LIST_SEPARATORS = re.compile(f"[{_LIST_MARKS}]")
_LIST_PART = re.compile(f"[^{_LIST_MARKS}]+")
# A period in one text, as the bulletin prints it (11月19日-11月25日, 11月22日-23日) or as it is
# said (2022-11-21 至 2022-11-23); the end may leave out the year and month of the start. The
# dashes are those an input method types (—— for Shift+-, the wave dash 〜, the minus −).
_FULL = r"\d{4}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}\s*(?:日|号)?"
_MONTH_DAY = r"\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}\s*(?:日|号)?"
_DAY = r"(\d{1,2})\s*(?:日|号)"
_DAY_TEXT = re.compile(rf"^{_DAY}$")
_TO = r"(?:至|到|~|〜|——?|–|−|-)"
# After a full date the end may be a bare day number (2022-11-17~18); after 11-17 it may not.
_PERIOD_TEXT = re.compile(
    rf"^\s*(?P<start>{_FULL}|{_MONTH_DAY})\s*{_TO}\s*"
    rf"(?P<end>{_FULL}|{_MONTH_DAY}|{_DAY}|(?P<bare>\d{{1,2}}))\s*$"
)
# Texts that are not a date, said apart because each needs its own fix: days without their
# month (17-18日), a time of day after the date (11月18日上午), the day of the week after it.
_DAYS_ONLY = re.compile(rf"^\s*(\d{{1,2}})\s*(?:日|号)?\s*{_TO}\s*(\d{{1,2}})\s*(?:日|号)?\s*$")
# The words for a time of day, each with the hour it usually means, by which entries of one
# day are ordered (全天 and 白天 name no hour).
_TIME_WORDS = {
    "凌晨": 5, "早上": 7, "早晨": 7, "上午": 9, "中午": 12, "下午": 14, "傍晚": 18,
    "晚上": 19, "晚间": 19, "夜间": 21, "全天": None, "白天": None, "早": 7, "晚": 19, "夜": 21,
}  # fmt: skip
TIME_WORD = "|".join(_TIME_WORDS)  # the two-character words first: 晚上 before 晚
_WITH_TIME = re.compile(rf"^(?P<date>.+?)\s*(?P<time>(?:{TIME_WORD}).*|\d{{1,2}}\s*(?::|点|时).*)$")
_CLOCK_TIME = re.compile(r"(\d{1,2})\s*(?::|点|时)\s*(半|\d{1,2})?")
_TIME_WORD_FIRST = re.compile(TIME_WORD)
# The hours that a word makes afternoon or evening hours when written on a 12-hour clock.
_AFTER_NOON_BELOW = {
    "中午": 6, "下午": 12, "傍晚": 12, "晚上": 12, "晚间": 12, "晚": 12, "夜间": 12, "夜": 12,
}  # fmt: skip
WEEKDAY_WORD = "(?:星期|周|礼拜)[一二三四五六日天]"  # 周五, 星期三, 礼拜天
_WEEKDAY = re.compile(
    r"\s*\(?\s*(?P<written>(?:星期|周|礼拜)(?P<day>[一二三四五六日天]))\s*\)?\s*$"
)
_WEEKDAY_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}


class DateTextError(ValueError):
    """A date that cannot be read (``E-date``), names a day the calendar lacks
    (``E-impossible-date``) or a year no report is of (``E-date-year``)."""

    def __init__(self, text: str, code: str = "E-date", **facts: str) -> None:
        super().__init__(text)
        self.text = text
        self.code = code
        self.facts = facts  # what the message says besides the text


# Reports are of this century: 0022, 1022 or 2202 is a slip, and a far year would overflow
# the week arithmetic at the calendar's ends.
FIRST_YEAR, LAST_YEAR = 2000, 2099


def of_report_years(day: date, text: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DateTextError(text, "E-date-year")
    return day


def parse_date_text(text: str, near: date | None = None) -> date:
    """``2022-11-18``, ``2022/11/18``, ``2022.11.18``, ``2022年11月18日``, full-width digits too;
    with ``near`` (a day of the week the date is for), also ``11月18日`` and ``11-18``. The day
    of the week may follow (``2022年11月18日（周五）``), and must be the date's."""
    # NFKC turns full-width digits and punctuation (２０２２．１１．２１) into ASCII.
    normal = unicodedata.normalize("NFKC", text)
    weekday = _WEEKDAY.search(normal)
    day = _read_date(normal[: weekday.start()] if weekday else normal, near, text)
    if weekday and day.isoweekday() != _WEEKDAY_NUMBERS[weekday["day"]]:
        raise DateTextError(
            text,
            "E-date-weekday",
            written=weekday["written"],
            day=day.isoformat(),
            weekday=str(day.isoweekday()),
        )
    return day


def _read_date(normal: str, near: date | None, text: str) -> date:
    match = _DATE_TEXT.match(normal)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            written = date(year, month, day)
        except ValueError:
            raise DateTextError(text, "E-impossible-date") from None
        return of_report_years(written, text)
    match = _MONTH_DAY_TEXT.match(normal)
    if match and near is not None:
        month, day = (int(part) for part in match.groups())
        try:
            return _nearest(month, day, near, text)
        except DateTextError as exc:
            raise _unreadable(normal, near, text) or exc from None
    raise _unreadable(normal, near, text) or DateTextError(text)


def _unreadable(normal: str, near: date | None, text: str) -> DateTextError | None:
    """What is wrong with a text that is no date, when it is a slip with a fix of its own."""
    days = _DAYS_ONLY.match(normal)
    if days and int(days[1]) < int(days[2]) <= 31:
        first, last = int(days[1]), int(days[2])
        month = _nearest_month(first, near) if near else 11
        return DateTextError(text, "E-date-no-month", example=f"{month}月{first}日-{last}日")
    timed = _WITH_TIME.match(normal)
    if timed and _is_date(timed["date"]):
        return DateTextError(text, "E-date-time-of-day", date=timed["date"], time=timed["time"])
    return None


def _nearest_month(day: int, near: date) -> int:
    """The month whose ``day`` is nearest ``near`` (17日 in a week of late November: 11)."""
    candidates = []
    for offset in (-1, 0, 1):
        year, month = divmod(near.year * 12 + near.month - 1 + offset, 12)
        try:
            candidates.append(date(year, month + 1, day))
        except ValueError:  # 31日 of a month of 30 days
            continue
    return min(candidates, key=lambda candidate: abs((candidate - near).days)).month


def _is_date(text: str) -> bool:
    """Whether ``text`` is a date or a period, as an entry in a week folder may write it."""
    try:
        parse_date_text(text, near=_ANY_WEEK)
    except DateTextError:
        return split_period(text) is not None
    return True


_ANY_WEEK = date(2022, 6, 15)  # a text is a date or not whatever week it is read near


def _nearest(month: int, day: int, near: date, text: str) -> date:
    """The day ``month``/``day`` nearest to ``near``: 12月30日 in the first week of January
    is in the year before."""
    found = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            found.append(date(year, month, day))
        except ValueError:  # 2月29日 outside a leap year; 13月1日
            continue
    if not found:
        raise DateTextError(text, "E-impossible-date")
    return min(found, key=lambda candidate: abs((candidate - near).days))


@dataclass(frozen=True)
class Period:
    """A period written in one text: its first and last day as read (``11月22日``,
    ``11月23日``: what the end leaves out is taken from the start) and as written there
    (``23日``), to point at."""

    start: str
    end: str
    written_start: str
    written_end: str


def split_period(text: str) -> Period | None:
    """``11月22日-23日`` → 11月22日 to 11月23日; None for a text that is not one period."""
    normal = unicodedata.normalize("NFKC", text)
    match = _PERIOD_TEXT.match(normal)
    if match is None:
        return None
    start, end = (normal[slice(*match.span(part))].strip() for part in ("start", "end"))
    if match["bare"] is not None:
        if not _DATE_TEXT.match(start):
            return None  # 11-17-18 is no period: 2022-11-17~18 is
        end = f"{end}日"
    # Full-width digits and dashes normalise one for one: the parts are then at the same
    # places in the text as written.
    written = text if len(text) == len(normal) else normal
    written_start, written_end = (
        written[slice(*match.span(part))].strip() for part in ("start", "end")
    )
    return Period(start, _completed(end, start), written_start, written_end)


def _completed(end: str, start: str) -> str:
    """The end of a period with what it leaves out taken from its start: 23日 after 11月22日
    is 11月23日, 3日 after 11月28日 is 12月3日 (a day soon after, in the next month), 1月2日
    after 2022年12月30日 is 2023年1月2日."""
    if _DATE_TEXT.match(end):
        return end
    year, month, day = _read_parts(start)
    only_day = _DAY_TEXT.match(end)
    if only_day:
        end_day = int(only_day[1])
        end_month = (
            month if end_day >= day or not _soon_after(day, end_day, month) else month % 12 + 1
        )
    elif year is None:
        return end  # 1月2日 after 12月30日: each takes the year nearest the week
    else:
        _, end_month, end_day = _read_parts(end)
    if year is None:
        return f"{end_month}月{end_day}日"
    end_year = year + 1 if _into_next_year(year, (month, day), (end_month, end_day)) else year
    return f"{end_year}年{end_month}月{end_day}日"


def _soon_after(day: int, end_day: int, month: int) -> bool:
    """Whether ``end_day`` of the next month is within two weeks of ``day`` of ``month``: then
    11月28日-3日 ends on 12月3日, while 11月23日-22日 stays a slip (an end before the start)."""
    days_in_month = calendar.monthrange(2000, month)[1]  # a leap year: 2月29日 may exist
    return days_in_month - day + end_day <= 14


def _into_next_year(year: int, start: tuple[int, int], end: tuple[int, int]) -> bool:
    """Whether a period from ``start`` of ``year`` ends in the next year: when its end comes
    before its start in the calendar and the period would then last a month at most
    (12月30日-1月2日), not when the end is a slip (11月23日-11月22日)."""
    if end >= start:
        return False
    try:
        days = (date(year + 1, *end) - date(year, *start)).days
    except ValueError:  # a day the calendar lacks: reading it says so
        return False
    return days <= 31


def _read_parts(text: str) -> tuple[int | None, int, int]:
    """Year (None when left out), month and day of a date the period pattern took."""
    full = _DATE_TEXT.match(text)
    if full:
        return int(full[1]), int(full[2]), int(full[3])
    month_day = _MONTH_DAY_TEXT.match(text)
    assert month_day is not None  # the pattern takes a full date or a month and day
    return None, int(month_day[1]), int(month_day[2])


def list_parts(text: str) -> list[tuple[str, int]]:
    """``split_list``'s parts, each with how often it occurs in the text before it: the
    second 惠安 of 惠安街道社工站、惠安 is its own, to point at."""
    found = []
    for match in _LIST_PART.finditer(text):
        part = match[0].strip()
        if part:
            found.append((part, text.count(part, 0, match.start())))
    return found


def split_list(text: str) -> list[str]:
    """A list written in one text, as Chinese writes one: ``2022-11-18、2022-11-22`` → two date
    texts, ``低保户，残疾人`` → two names (a single item comes back alone)."""
    if _LIST_SEPARATORS.search(text) is None:  # most texts, on every entry's way
        item = text.strip()
        return [item] if item else []
    return [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]


def completed_dates(items: Sequence[object]) -> list[object]:
    """The dates of a list with a day written alone completed from the date before it, as the
    bulletin prints lists: 11月17日、18日 is 11月17日 and 11月18日 (and 28日、3日 is read as
    the end of a period is: 12月3日)."""
    done: list[object] = []
    for item in items:
        before = done[-1] if done else None
        if isinstance(before, date):
            before = before.isoformat()
        if isinstance(item, str) and isinstance(before, str):
            day, start = (unicodedata.normalize("NFKC", text).strip() for text in (item, before))
            if _DAY_TEXT.match(day) and (_DATE_TEXT.match(start) or _MONTH_DAY_TEXT.match(start)):
                item = _completed(day, start)
        done.append(item)
    return done


def format_day(day: date, previous: date | None = None) -> str:
    """2022年11月18日; drops the year, then the month, when they repeat ``previous``."""
    if previous is None or previous.year != day.year:
        return f"{day.year}年{day.month}月{day.day}日"
    if previous.month != day.month:
        return f"{day.month}月{day.day}日"
    return f"{day.day}日"


def week_span(start: date, end: date) -> str:
    """A span of days as a message's fact: ISO 8601's ``2022-11-18/2022-11-24``, which each
    language then writes its own way (``span_in``)."""
    return f"{start.isoformat()}/{end.isoformat()}"


def span_in(span: str, english: bool) -> str:
    """``week_span``'s text as a reader of the message's language writes it: 2022年11月18日-11月24日,
    or 18–24 Nov 2022."""
    start, end = (date.fromisoformat(part) for part in span.split("/"))
    if not english:
        return format_when([start], end, None)
    last = f"{end.day} {_MONTHS[end.month]} {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month]} – {last}"
    return f"{start.day} {_MONTHS[start.month]} {start.year} – {last}"


# Not strftime's %b, which a Chinese locale writes 11月.
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_when(dates: Sequence[date], end: date | None, time: str | None) -> str:
    """The lead of an entry: 2022年11月18日、22日、23日 / 2022年11月19日-11月25日 / 本周; a
    period that ends the day it starts is that day."""
    if not dates:
        text = "本周"
    elif end is not None and end != dates[0]:
        first = dates[0]
        last = format_day(end, first)
        if end.year == first.year and end.month == first.month:
            last = f"{end.month}月{last}"
        text = f"{format_day(first)}-{last}"
    else:
        parts = [
            format_day(day, dates[index - 1] if index else None) for index, day in enumerate(dates)
        ]
        text = "、".join(parts)
    if time:
        separator = " " if time[0].isascii() and time[0].isalnum() else ""
        text = f"{text}{separator}{time}"
    return text


def minute_of_day(time: str | None) -> int | None:
    """When in the day ``time`` says (下午3点 is 900, 15:30 is 930, 上午 is 540), to order one
    day's entries; None when it names no hour (全天, or nothing read)."""
    if not time:
        return None
    text = unicodedata.normalize("NFKC", time)
    word = _TIME_WORD_FIRST.match(text.strip())
    clock = _CLOCK_TIME.search(text)
    if clock is not None and int(clock[1]) < 24:
        hour = int(clock[1])
        # 下午3点 is 15:00, and 中午1点 13:00; 中午12点 is noon.
        if word is not None and hour < _AFTER_NOON_BELOW.get(word[0], 0):
            hour += 12
        minutes = 30 if clock[2] == "半" else int(clock[2] or 0)
        return hour * 60 + min(minutes, 59)
    usual = _TIME_WORDS[word[0]] if word is not None else None
    return usual * 60 if usual is not None else None
