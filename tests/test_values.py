"""How dates and figures written by workers are read and printed back."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bulletin import load
from bulletin.build import compile_week
from bulletin.check import check
from bulletin.config import load_project
from bulletin.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    DateTextError,
    format_when,
    minute_of_day,
    parse_date_text,
    split_period,
)
from bulletin.diagnostics import Problem
from bulletin.load import SourceFile, parse_text
from bulletin.messages import render_message
from bulletin.numbers import Figure, format_change, format_figure, parse_figure, total
from helpers import MINIMAL_TOML, write_project

days = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))
FULL_WIDTH = str.maketrans("0123456789-.", "０１２３４５６７８９－．")


@given(day=days)
def test_every_written_form_of_a_date_reads_back(day: date) -> None:
    forms = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month:02d}.{day.day:02d}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month}月{day.day}号",
        day.isoformat().translate(FULL_WIDTH),
        f"{day.year}年{day.month}月{day.day}日".translate(FULL_WIDTH),
    ]
    for form in forms:
        assert parse_date_text(form) == day, form


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2022-11-31", "E-impossible-date"),
        ("2022-02-29", "E-impossible-date"),
        ("2022-13-01", "E-impossible-date"),
        ("11月18日", "E-date"),
        ("明天", "E-date"),
        ("0022-11-18", "E-date-year"),
        ("1022年11月18日", "E-date-year"),
        ("2202.11.18", "E-date-year"),
    ],
)
def test_unreadable_impossible_and_mistyped_year_dates(text: str, code: str) -> None:
    with pytest.raises(DateTextError) as caught:
        parse_date_text(text)
    assert caught.value.code == code


@pytest.mark.parametrize("written", ["0022-11-18", '"0202年11月18日"', "[2022-11-18, 0022-11-19]"])
def test_a_year_no_report_is_of_is_an_error_at_the_date_not_a_crash(
    tmp_path: Path, written: str
) -> None:
    """0022-11-18 stopped check, new and import with a traceback (year 22 is out of range)."""
    text = f"category: visits\ndate: {written}\nbody: 社工开展活动，对服务对象进行回访。\n"
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    [problem] = check(load_project(project)).problems
    assert (problem.code, problem.location.line) == ("E-date-year", 2)


@pytest.mark.parametrize(
    ("dates", "end", "time", "expected"),
    [
        ([], None, None, "本周"),
        ([date(2022, 11, 21)], None, "下午", "2022年11月21日下午"),
        ([date(2022, 11, 19)], date(2022, 11, 25), None, "2022年11月19日-11月25日"),
        (
            [date(2022, 11, 18), date(2022, 11, 22), date(2022, 11, 23)],
            None,
            None,
            "2022年11月18日、22日、23日",
        ),
        ([date(2022, 11, 30), date(2022, 12, 1)], None, None, "2022年11月30日、12月1日"),
        ([date(2022, 12, 30)], date(2023, 1, 2), None, "2022年12月30日-2023年1月2日"),
        ([date(2022, 11, 18)], None, "15:30-17:00", "2022年11月18日 15:30-17:00"),
    ],
)
def test_dates_print_the_way_the_bulletin_writes_them(
    dates: list[date], end: date | None, time: str | None, expected: str
) -> None:
    assert format_when(dates, end, time) == expected


figures = st.builds(
    Figure,
    value=st.one_of(
        st.integers(min_value=0, max_value=10**9).map(Decimal),
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    ),
    approx=st.booleans(),
)


@given(figure=figures)
def test_figures_print_and_read_back(figure: Figure) -> None:
    assert parse_figure(format_figure(figure)) == figure


@pytest.mark.parametrize(
    ("raw", "value", "approx", "printed"),
    [
        (45, 45, False, "45"),
        (462.5, Decimal("462.5"), False, "462.5"),
        ("150余", 150, True, "150余"),
        ("6万余", 60000, True, "6万余"),
        ("１０余", 10, True, "10余"),
    ],
)
def test_figures_as_workers_write_them(
    raw: object, value: object, approx: bool, printed: str
) -> None:
    figure = parse_figure(raw)
    assert (figure.value, figure.approx, format_figure(figure)) == (value, approx, printed)


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        (["6万余", 672, 54], "6万余"),  # the seed's: a rough 万 tells only the 万s
        (["6.5万余", 5000], "7万余"),
        (["6万余", "5万余", 9999], "11万余"),
        ([98000, "1万"], "10.8万"),  # one figure in 万 puts the sum in 万
        (["1.5万", 672], "1.5672万"),
        ([98000, 10000], "108000"),  # digits stay digits
        (["150余", 3], "153余"),
        ([60000], "60000"),
        (["6万"], "6万"),
    ],
)
def test_a_sum_is_shown_in_wan_only_with_a_part_written_so_and_never_finer_than_it(
    written: list[object], printed: str
) -> None:
    assert format_figure(total(parse_figure(raw) for raw in written)) == printed


@pytest.mark.parametrize(
    ("this", "before", "printed"),
    [
        (["6万余", 726], [672], "约+6万"),
        ([], ["6万余"], "约-6万"),
        (["6万余"], ["6万余", 300], "约±0"),
        ([98000], [10000], "+88000"),
    ],
)
def test_a_change_is_shown_as_finely_as_its_figures(
    this: list[object], before: list[object], printed: str
) -> None:
    change = total(map(parse_figure, this)) - total(map(parse_figure, before))
    assert format_change(change) == printed


@pytest.mark.parametrize(
    "raw", [-1, "很多", True, None, "45人", [1], float("nan"), float("inf"), "nan"]
)
def test_what_is_not_a_figure(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_figure(raw)


# How PyYAML's own constructor reads a document, with bulletin's loader: what ``load`` must give.
_WRITTEN_SCALARS = st.sampled_from(
    ["15:30", "1:2:3", "yes", "No", "on", "true", "False", "null", "~", "''", "0x1F", "017",
     "1_000", "3.5", ".inf", "1e3", "2022-11-31", "2022-11-21", "2022-11-21 10:00:00",
     '"双引号"', "中文", "a b", "!!str 5", "!!binary aGVsbG8=", "!!set {a, b}", "'15:30'"]
)  # fmt: skip
_WRITTEN_KEYS = st.sampled_from(["a", "b", "1", "2022-11-21", "true", "<<", "'a'", "[x]"])
_WRITTEN = st.recursive(
    _WRITTEN_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4).map(lambda items: f"[{', '.join(items)}]")
        | st.lists(st.tuples(_WRITTEN_KEYS, inner), max_size=4).map(
            lambda pairs: "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"
        )
    ),
    max_leaves=12,
)


@given(value=_WRITTEN)
def test_an_entry_file_reads_as_pyyamls_constructor_reads_it(value: str) -> None:
    text = f"body: {value}\n"
    source = parse_text(SourceFile(Path("a.yaml"), "a.yaml", None), text)
    try:
        expected = yaml.load(text, Loader=load._EntryLoader)
    except yaml.YAMLError:
        assert source.problems
        return
    if not source.problems:
        assert repr(source.data) == repr(expected)


@given(st.dates(date(1001, 1, 1), date(9998, 12, 31)), st.integers(-150, 150), st.booleans())
def test_a_date_without_its_year_is_the_one_nearest_its_week(
    target: date, days_away: int, hyphen: bool
) -> None:
    near = target + timedelta(days=days_away)
    text = f"{target.month}-{target.day}" if hyphen else f"{target.month}月{target.day}日"
    assert parse_date_text(text, near=near) == target


@given(
    start=st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 11, 30)),
    length=st.integers(1, 31),  # a weekly bulletin's periods: days, a few weeks at most
    style=st.sampled_from(["iso", "chinese", "month-day", "printed", "iso-day"]),
    separator=st.sampled_from(["-", "至", "到", "~", "～", " - ", " 至 "]),
)
def test_a_period_in_one_text_reads_as_its_first_and_last_day(
    start: date, length: int, style: str, separator: str
) -> None:
    """As the bulletin prints it (11月19日-25日: the end without what repeats) and as it is
    said (2022-11-21 至 2022-11-23); the year of a date without one is the nearest."""
    end = start + timedelta(days=length)
    if style == "iso":
        first, last = start.isoformat(), end.isoformat()
    elif style == "chinese":
        first, last = f"{start.year}年{start.month}月{start.day}日", f"{end.month}月{end.day}日"
    elif style == "month-day":
        first, last = f"{start.month}-{start.day}", f"{end.month}-{end.day}"
    else:  # the end's day alone while that cannot be taken for another month
        printed = style == "printed"
        first = f"{start.year}年{start.month}月{start.day}日" if printed else start.isoformat()
        next_month = (end.year * 12 + end.month) - (start.year * 12 + start.month) == 1
        same_month = (end.year, end.month) == (start.year, start.month)
        alone = same_month or (next_month and end.day < start.day and length <= 13)
        day = f"{end.day}日" if printed else str(end.day)  # 2022-11-17~18
        last = day if alone else f"{end.month}月{end.day}日"
    period = split_period(f"{first}{separator}{last}")
    assert period is not None
    assert parse_date_text(period.start, near=start) == start
    assert parse_date_text(period.end, near=end) == end
    assert split_period(first) is None and split_period(last) is None


def test_a_date_without_its_year_needs_a_week_to_read_it() -> None:
    with pytest.raises(DateTextError):
        parse_date_text("11月18日")
    with pytest.raises(DateTextError) as caught:
        parse_date_text("2月30日", near=date(2022, 11, 18))
    assert caught.value.code == "E-impossible-date"


def test_a_period_in_the_date_field_is_its_date_and_end_each_located_in_the_text(
    tmp_path: Path,
) -> None:
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    files = {
        "entries/2022-W47/a.yaml": f"category: visits\ndate: 11月22日-23日\nbody: {body}\n",
        "entries/2022-W47/b.yaml": "category: casework\ndate: 11月16日至11月29日\n"
        "body: 社工站为村级社工开展为期十天的个案工作培训。\n",
    }
    project = load_project(write_project(tmp_path / "p", MINIMAL_TOML, files))
    result = check(project, today=date(2022, 12, 1))
    assert [(entry.dates, entry.end) for entry in result.entries] == [
        ((date(2022, 11, 22),), date(2022, 11, 23)),
        ((date(2022, 11, 16),), date(2022, 11, 29)),
    ]
    outside = [(p.args["value"], p.location.line, p.location.column) for p in result.problems]
    assert outside == [("2022-11-16", 2, 7), ("2022-11-29", 2, 14)]  # W-outside-week


@pytest.mark.parametrize(
    ("folder", "written", "read", "problem"),
    [
        ("2022-W48", "11月28日-3日", (date(2022, 11, 28), date(2022, 12, 3)), None),
        ("2023-W01", "2022年12月30日-1月2日", (date(2022, 12, 30), date(2023, 1, 2)), None),
        ("2022-W47", "１１月２２日～２３日", (date(2022, 11, 22), date(2022, 11, 23)), None),
        ("2022-W47", "11月22日——23日", (date(2022, 11, 22), date(2022, 11, 23)), None),
        ("2022-W47", "11月23日-22日", None, ("E-end-before-date", 14)),  # a slip, not a month
        ("2022-W47", "11月22日-31日", None, ("E-impossible-date", 14)),
    ],
)
def test_a_period_takes_what_its_end_leaves_out_from_its_start(
    tmp_path: Path,
    folder: str,
    written: str,
    read: tuple[date, date] | None,
    problem: tuple[str, int] | None,
) -> None:
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    files = {f"entries/{folder}/a.yaml": f"category: visits\ndate: {written}\nbody: {body}\n"}
    project = load_project(write_project(tmp_path / "p", MINIMAL_TOML, files))
    result = check(project, today=date(2023, 2, 1))
    found = [(p.code, p.location.column) for p in result.problems if p.code.startswith("E-")]
    assert found == ([problem] if problem else [])
    if read is not None:
        assert [(entry.dates[0], entry.end) for entry in result.entries] == [read]


def test_a_period_and_an_end_written_both_is_one_error_that_says_so(tmp_path: Path) -> None:
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    text = f"category: visits\ndate: 11月22日-23日\nend: 11月23日\nbody: {body}\n"
    project = load_project(
        write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    )
    [problem] = check(project, today=date(2023, 2, 1)).problems
    assert (problem.code, problem.location.line, problem.location.column) == (
        "E-period-and-end",
        2,
        7,
    )
    files = {"entries/2022-W47/a.yaml": text.replace("end: 11月23日", "end:")}
    project = load_project(write_project(tmp_path / "q", MINIMAL_TOML, files))
    assert check(project, today=date(2023, 2, 1)).problems == []  # end: left empty is no end


def test_an_entry_in_a_week_folder_may_leave_out_the_year(tmp_path: Path) -> None:
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    files = {  # 2020-W53 runs from 2020-12-28 to 2021-01-03
        "entries/2020-W53/a.yaml": f"category: visits\ndate: 12月30日\nbody: {body}\n",
        "entries/2020-W53/b.yaml": "category: visits\ndate: 1-2\nbody: 新年前夜为独居老人送去棉衣和年货。\n",
    }
    project = load_project(write_project(tmp_path / "p", MINIMAL_TOML, files))
    result = check(project, today=date(2023, 2, 1))
    assert [entry.dates for entry in result.entries] == [(date(2020, 12, 30),), (date(2021, 1, 2),)]
    assert result.problems == []


@pytest.mark.parametrize(
    ("written", "read"), [("010", "10"), ("0012", "12"), ("0", "0"), ("+5", "5"), ("45", "45")]
)
def test_a_figure_means_the_digits_it_shows(tmp_path: Path, written: str, read: str) -> None:
    """YAML 1.1 read 010 as octal 8: 走访 8人次 published for a worker's 010."""
    text = f"category: visits\nbody: 社工开展活动，对服务对象进行回访。\nstats: {{visited: {written}}}\n"
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    [entry] = check(load_project(project)).entries
    assert [str(stat.figure) for stat in entry.stats] == [read]


@pytest.mark.parametrize("written", ["0x10", "0b11", "0o7", "1_0", "1_000.5"])
def test_numbers_in_a_programmers_notation_are_not_figures(tmp_path: Path, written: str) -> None:
    """They were read as 16, 3, 7, 10 and 1000.5 without a word."""
    text = f"category: visits\nbody: 社工开展活动，对服务对象进行回访。\nstats: {{visited: {written}}}\n"
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    [problem] = check(load_project(project)).problems
    assert (problem.code, problem.args["value"]) == ("E-figure", written)


def test_a_period_that_ends_the_day_it_starts_prints_as_that_day(tmp_path: Path) -> None:
    """It printed 2022年11月21日-11月21日."""
    text = (
        "category: visits\ndate: 2022-11-21\nend: 2022-11-21\ntime: 下午\n"
        "body: 社工开展活动，对服务对象进行回访。\n"
    )
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    view = compile_week(load_project(project), "2022-W47", today=date(2022, 12, 1))[1].view
    assert [entry.lead for entry in view.sections[0].entries] == ["2022年11月21日下午 · 全市"]


def body_read(text: str) -> object:
    source = parse_text(SourceFile(Path("a.yaml"), "a.yaml", None), text)
    assert source.problems == []
    return source.data["body"]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("body:\n  对服务对象进\n  行回访，送去\n  “衣物”\n", "对服务对象进行回访，送去“衣物”"),
        ("body: >\n  对服务对象进\n  行回访。\n", "对服务对象进行回访。\n"),
        ("body: 对服务对象进\n  行回访  # 备注\n", "对服务对象进行回访"),
        ("body:\n  Social\n  workers 回访\n  了 45\n  人\n", "Social workers 回访了 45 人"),
        ("body:\n  对服务对象进\n\n  行回访\n", "对服务对象进\n行回访"),  # a blank line
        ("body: >\n  进\n    行\n  回访\n", "进\n  行\n回访\n"),  # more indented: kept
        ("body: |\n  对服务对象进\n  行回访\n", "对服务对象进\n行回访\n"),
        ('body: "对服务对象进\n  行回访：好"\n', "对服务对象进行回访：好"),  # quoted for its colon
        ("body: '对服务对象进\n  行回访'\n", "对服务对象进行回访"),
        # an escape: as YAML reads it
        ('body: "对服务\\t对象进\n  行回访"\n', "对服务\t对象进 行回访"),
        ("title: A&B\nbody: 对服务对象进\n  行回访\n", "对服务对象进行回访"),  # PyYAML's path
    ],
)
def test_a_line_break_between_chinese_characters_is_no_space(written: str, read: str) -> None:
    """YAML folds the break of a plain, > or quoted text into a space: 进 行回访 was published."""
    assert body_read(written) == read


_WIDE_WORDS = st.text(alphabet="社工进行回访，。、", min_size=1, max_size=6)
_LATIN_WORDS = st.text(alphabet="abcXYZ", min_size=1, max_size=6)


@given(words=st.lists(_WIDE_WORDS | _LATIN_WORDS, min_size=2, max_size=8), data=st.data())
def test_a_text_broken_anywhere_a_reader_would_not_see_a_space_reads_back_whole(
    words: list[str], data: st.DataObject
) -> None:
    text = words[0]
    for word in words[1:]:
        both_wide = not text[-1].isascii() and not word[0].isascii()
        text += word if both_wide else f" {word}"
    breaks = [
        index
        for index in range(1, len(text) - 1)
        if text[index] == " " or not (text[index - 1].isascii() or text[index].isascii())
    ]
    chosen = sorted(data.draw(st.sets(st.sampled_from(breaks))) if breaks else ())
    lines, start = [], 0
    for index in chosen:
        if index > start:
            lines.append(text[start:index])
            start = index + 1 if text[index] == " " else index
    lines.append(text[start:])
    assert body_read("body:\n" + "".join(f"  {line}\n" for line in lines)) == text
    assert body_read("body: >-\n" + "".join(f"  {line}\n" for line in lines)) == text


def test_a_body_written_over_two_lines_prints_without_a_stray_space(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    text = "category: visits\nbody:\n  社工来到桂李寨村，对服务对象进\n  行回访，送去衣物\n"
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    assert run(project, "build", "47", "-f", "md")[0] == 0
    markdown = (project / "build/2022-W47/bulletin.md").read_text(encoding="utf-8")
    assert "社工来到桂李寨村，对服务对象进行回访，送去衣物" in markdown


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("11月17日、18日", (date(2022, 11, 17), date(2022, 11, 18))),
        (
            "2022年11月18日、22日、23日",
            (date(2022, 11, 18), date(2022, 11, 22), date(2022, 11, 23)),
        ),
        ("[2022-11-18, 19日]", (date(2022, 11, 18), date(2022, 11, 19))),
        ("11月28日，3日", (date(2022, 11, 28), date(2022, 12, 3))),
    ],
)
def test_a_day_alone_in_a_list_takes_the_month_of_the_date_before_it(
    tmp_path: Path, written: str, read: tuple[date, ...]
) -> None:
    """As the bulletin prints lists (11月18日、22日、23日); 18日 was 看不懂日期."""
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    files = {"entries/2022-W47/a.yaml": f"category: visits\ndate: {written}\nbody: {body}\n"}
    project = load_project(write_project(tmp_path / "p", MINIMAL_TOML, files))
    [entry] = check(project, today=date(2023, 2, 1)).entries
    assert entry.dates == read


def test_each_wrong_date_of_a_list_in_one_text_is_located_at_its_part(tmp_path: Path) -> None:
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    text = f"category: visits\ndate: 11月18日、32日、上周三\nbody: {body}\n"
    project = load_project(
        write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    )
    problems = check(project, today=date(2023, 2, 1)).problems
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("E-impossible-date", 2, 14),
        ("E-date", 2, 18),
    ]
    assert "日期“11月32日”不存在" in render_message(problems[0], "zh")
    assert "看不懂日期“上周三”" in render_message(problems[1], "zh")


def test_a_day_alone_outside_the_week_is_pointed_at_where_it_is_written(tmp_path: Path) -> None:
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    text = f"category: visits\ndate: 11月21日、19日\nbody: {body}\n"
    files = {"entries/2022-W47/a.yaml": text}
    project = load_project(write_project(tmp_path / "p", MINIMAL_TOML, files))
    [problem] = check(project, today=date(2023, 2, 1)).problems
    assert (problem.code, problem.args["value"], problem.location.column) == (
        "W-outside-week",
        "2022-11-19",
        14,
    )


def test_an_end_written_as_a_day_alone_takes_the_month_of_the_date(tmp_path: Path) -> None:
    """end: 20日 was 看不懂日期, while date: 11月17日-20日 was read."""
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    text = f"category: visits\ndate: 11月21日\nend: 23日\nbody: {body}\n"
    project = load_project(
        write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    )
    result = check(project, today=date(2023, 2, 1))
    assert result.problems == []
    assert [(entry.dates, entry.end) for entry in result.entries] == [
        ((date(2022, 11, 21),), date(2022, 11, 23))
    ]


def _week_46(tmp_path: Path, written: str) -> tuple[list[object], list[Problem]]:
    """The entries and problems of an entry of 2022-W46 (14 to 20 November) whose date is
    ``written``."""
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    files = {"entries/2022-W46/a.yaml": f"category: visits\ndate: {written}\nbody: {body}\n"}
    project = load_project(write_project(tmp_path / "p", MINIMAL_TOML, files))
    result = check(project, today=date(2023, 2, 1))
    return [(entry.dates, entry.end) for entry in result.entries], result.problems


@pytest.mark.parametrize(
    ("written", "code", "column", "message"),
    [
        (
            "17-18日",
            "E-date-no-month",
            7,
            "日期“17-18日”是一段时间，但没有写月份。请写上月份，如 11月17日-18日。",
        ),
        (
            "17日-18日",
            "E-date-no-month",
            7,
            "日期“17日-18日”是一段时间，但没有写月份。请写上月份，如 11月17日-18日。",
        ),
        (
            "11月18日上午",
            "E-date-time-of-day",
            7,
            "日期“11月18日上午”里带了时间“上午”，日期里只写日期。"
            "请把时间移到 time: 里：写成 date: 11月18日 和 time: 上午 两行。",
        ),
        (
            "2022年11月18日下午",
            "E-date-time-of-day",
            7,
            "日期“2022年11月18日下午”里带了时间“下午”，日期里只写日期。"
            "请把时间移到 time: 里：写成 date: 2022年11月18日 和 time: 下午 两行。",
        ),
        (
            "2022年11月18日晚",  # the seed's own 2022年11月23日晚
            "E-date-time-of-day",
            7,
            "日期“2022年11月18日晚”里带了时间“晚”，日期里只写日期。"
            "请把时间移到 time: 里：写成 date: 2022年11月18日 和 time: 晚 两行。",
        ),
        (
            "2022年11月18日（周三）",
            "E-date-weekday",
            7,
            "日期“2022年11月18日（周三）”里的“周三”不对：2022-11-18 是星期五。"
            "请核对日期和星期几，改正写错的那一个（也可以去掉星期几，只写日期）。",
        ),
        (
            "11月18日 星期三",
            "E-date-weekday",
            7,
            "日期“11月18日 星期三”里的“星期三”不对：2022-11-18 是星期五。"
            "请核对日期和星期几，改正写错的那一个（也可以去掉星期几，只写日期）。",
        ),
    ],
)
def test_a_date_with_a_slip_of_its_own_says_how_to_fix_it(
    tmp_path: Path, written: str, code: str, column: int, message: str
) -> None:
    """17-18日 said the date did not exist, 11月18日上午 and a wrong weekday 看不懂日期."""
    _, problems = _week_46(tmp_path, written)
    [problem] = problems
    assert (problem.code, str(problem.location)) == (code, f"entries/2022-W46/a.yaml:2:{column}")
    assert render_message(problem, "zh") == message


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2022年11月18日（周五）", ((date(2022, 11, 18),), None)),
        ("11月18日 星期五", ((date(2022, 11, 18),), None)),
        ("[11月16日(周三), 11月17日 礼拜四]", ((date(2022, 11, 16), date(2022, 11, 17)), None)),
        ("2022-11-17~18", ((date(2022, 11, 17),), date(2022, 11, 18))),
        ("2022.11.17-18", ((date(2022, 11, 17),), date(2022, 11, 18))),
        ("11.18", ((date(2022, 11, 18),), None)),
        ("11.10", ((date(2022, 11, 10),), None)),  # not 11.1, as the number is
        ("[11.1, 11.20]", ((date(2022, 11, 1), date(2022, 11, 20)), None)),
        ("'11.18'", ((date(2022, 11, 18),), None)),
    ],
)
def test_a_date_with_its_weekday_a_bare_end_day_or_as_month_dot_day_reads(
    tmp_path: Path, written: str, read: tuple[tuple[date, ...], date | None]
) -> None:
    """Each was 看不懂日期 (11.18 is a number to YAML before it is a date)."""
    entries, problems = _week_46(tmp_path, written)
    assert [p.code for p in problems if p.is_error] == []
    assert entries == [read]


@pytest.mark.parametrize("field", ["org", "station", "groups"])
def test_a_name_left_empty_is_no_name(tmp_path: Path, field: str) -> None:
    """org: "" (a template's blank) became E-name when org took lists."""
    text = f'{field}: ""\ncategory: visits\nbody: 社工开展入户走访活动，了解情况。\n'
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": text})
    assert check(load_project(project)).problems == []


@pytest.mark.parametrize(
    ("time", "minute"),
    [
        ("上午", 9 * 60),
        ("下午2:30", 14 * 60 + 30),
        ("下午2点半", 14 * 60 + 30),
        ("晚上7点", 19 * 60),
        ("１５：３０", 15 * 60 + 30),
        ("9点-11点", 9 * 60),
        ("中午12点", 12 * 60),
        ("中午1点", 13 * 60),  # after 上午9点, not before it
        ("中午12点半", 12 * 60 + 30),
        ("全天", None),
        ("25:00", None),
        (None, None),
    ],
)
def test_a_time_is_read_for_the_hour_that_orders_a_days_entries(
    time: str | None, minute: int | None
) -> None:
    assert minute_of_day(time) == minute
