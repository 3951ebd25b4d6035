"""The checks after validation: each warning's code, facts, and exact line and column."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.build import build
from bulletin.check import check
from bulletin.checks import duplicates
from bulletin.checks.duplicates import find_duplicates
from bulletin.checks.text import has_letters
from bulletin.config import Project, ProjectConfig, load_project
from bulletin.diagnostics import EntryErrors, Problem
from bulletin.load import EntryPlaces, SourceFile, parse_text
from bulletin.messages import message_and_hint, render_message
from bulletin.model import Entry
from bulletin.validate import validate_files
from bulletin.weeks import WeekId
from helpers import MINIMAL_TOML, write_project

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WEEK = "entries/2022-W47"  # Mon 21 – Sun 27 Nov 2022 with the default week_start
TODAY = date(2022, 12, 1)
BODY = "社工入户走访三户困难老人，了解他们的生活需要。"


def checked(
    tmp_path: Path, entries: dict[str, str], toml: str = MINIMAL_TOML, today: date = TODAY
) -> list[Problem]:
    project = write_project(tmp_path / "p", toml, {f"{WEEK}/{k}": v for k, v in entries.items()})
    return check(load_project(project), today=today).problems


def where(problems: list[Problem]) -> list[tuple[str, str, int, int]]:
    return [(p.code, p.location.path, p.location.line, p.location.column) for p in problems]


def entry(body: str = BODY, **fields: str) -> str:
    lines = [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join([*lines, f"body: {body}", ""])


# ------------------------------------------------------------------ dates


def test_a_date_before_the_week_says_how_far_and_where_it_belongs(tmp_path: Path) -> None:
    text = "category: visits\ndate: 2022-11-17\nbody: " + BODY + "\n"
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert where([problem]) == [("W-outside-week", f"{WEEK}/a.yaml", 2, 7)]
    assert (problem.args["side"], problem.args["days"]) == ("before", 4)
    assert problem.args["folder"] == "entries/2022-W46"
    message = render_message(problem, "zh")
    assert "早了 4 天" in message and "2022年11月21日-11月27日" in message


def test_each_date_of_a_list_is_located_at_its_item(tmp_path: Path) -> None:
    text = "category: visits\ndate: [2022-11-21, 2022-11-29]\nbody: " + BODY + "\n"
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert where([problem]) == [("W-outside-week", f"{WEEK}/a.yaml", 2, 20)]
    assert (problem.args["side"], problem.args["days"]) == ("after", 2)


def test_a_date_inside_a_written_list_of_dates_is_located_in_the_text(tmp_path: Path) -> None:
    text = "category: visits\ndate: 2022年11月22日、2022年11月30日\nbody: " + BODY + "\n"
    assert where(checked(tmp_path, {"a.yaml": text})) == [
        ("W-outside-week", f"{WEEK}/a.yaml", 2, 19)
    ]


def test_a_date_without_its_year_is_located_at_itself(tmp_path: Path) -> None:
    text = "category: visits\ndate: 11月22日、11月30日\nbody: " + BODY + "\n"
    assert where(checked(tmp_path, {"a.yaml": text})) == [
        ("W-outside-week", f"{WEEK}/a.yaml", 2, 14)
    ]


def test_the_end_of_a_range_outside_the_week_is_flagged_at_end(tmp_path: Path) -> None:
    """Not told to move to the next week's folder: the period's start is this week's."""
    text = "category: visits\ndate: 2022-11-25\nend: 2022-11-28\nbody: " + BODY + "\n"
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert where([problem]) == [("W-period-outside-week", f"{WEEK}/a.yaml", 3, 6)]
    assert "folder" not in problem.args and "本周" in render_message(problem, "zh")


def test_a_period_wholly_in_another_week_is_told_to_move_there(tmp_path: Path) -> None:
    text = "category: visits\ndate: 2022-11-14\nend: 2022-11-16\nbody: " + BODY + "\n"
    problems = checked(tmp_path, {"a.yaml": text})
    assert [(p.code, p.args["folder"], p.location.line) for p in problems] == [
        ("W-outside-week", "entries/2022-W46", 2)
    ]


def test_a_period_across_weeks_is_told_once_by_its_start(tmp_path: Path) -> None:
    """14–19 Nov in 2022-W48 was told to move to 2022-W46 and, for its end, to 2022-W47."""
    text = "category: visits\ndate: 2022-11-14\nend: 2022-11-19\nbody: " + BODY + "\n"
    problems = checked(tmp_path, {"a.yaml": text})
    assert [(p.code, p.args["folder"]) for p in problems] == [
        ("W-outside-week", "entries/2022-W46")
    ]


def test_a_total_since_months_ago_that_ends_in_the_week_is_no_error(tmp_path: Path) -> None:
    """A project's total since May was E-date-far, an error no ignore: could silence."""
    text = "category: visits\ndate: 2022-05-01\nend: 2022-11-22\nbody: " + BODY + "\n"
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert (problem.code, problem.is_error) == ("W-period-outside-week", False)


@pytest.mark.parametrize(
    ("written", "column"), [("2021-11-22", 7), ("[2022-11-22, 2022-05-20]", 20)]
)
def test_a_date_half_a_year_from_its_week_is_an_error_about_its_year_or_month(
    tmp_path: Path, written: str, column: int
) -> None:
    """2021 for 2022 was a warning to move the entry to entries/2021-W47/, and was published."""
    text = f"category: visits\ndate: {written}\nbody: " + BODY + "\n"
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert (problem.code, problem.location.column, problem.is_error) == ("E-date-far", column, True)
    assert "年份或月份是不是写错了" in render_message(problem, "zh")


def test_the_week_follows_week_start(tmp_path: Path) -> None:
    """With weeks from Friday, 2022-W47 is 18–24 Nov: the 18th is in, the 25th is out."""
    toml = 'week_start = "friday"\n' + MINIMAL_TOML
    text = "category: visits\ndate: [2022-11-18, 2022-11-25]\nbody: " + BODY + "\n"
    [problem] = checked(tmp_path, {"a.yaml": text}, toml)
    assert (problem.code, problem.location.column, problem.args["folder"]) == (
        "W-outside-week",
        20,
        "entries/2022-W48",
    )


def test_a_date_after_today_is_an_error_and_not_also_outside_the_week(tmp_path: Path) -> None:
    text = "category: visits\ndate: 2022-11-24\nbody: " + BODY + "\n"
    [problem] = checked(tmp_path, {"a.yaml": text}, today=date(2022, 11, 23))
    assert where([problem]) == [("E-future-date", f"{WEEK}/a.yaml", 2, 7)]
    assert problem.is_error and problem.args["today"] == "2022-11-23"


def test_a_build_judges_future_dates_by_the_day_it_is_given(tmp_path: Path) -> None:
    text = "category: visits\ndate: 2022-11-24\nbody: " + BODY + "\n"
    project = load_project(write_project(tmp_path / "p", MINIMAL_TOML, {f"{WEEK}/a.yaml": text}))
    with pytest.raises(EntryErrors) as caught:
        build(project, "2022-W47", today=date(2022, 11, 23))
    assert [problem.code for problem in caught.value.problems] == ["E-future-date"]
    assert build(project, "2022-W47", today=date(2022, 11, 25)).written


def test_a_date_inherited_from_the_file_is_reported_once_at_the_file_default(
    tmp_path: Path,
) -> None:
    text = (
        "date: 2022-11-14\nentries:\n"
        "  - category: visits\n    body: " + BODY + "\n"
        "  - category: visits\n    body: 社工组织志愿者为社区老人理发、测血压，共服务二十人。\n"
    )
    assert where(checked(tmp_path, {"a.yaml": text})) == [
        ("W-outside-week", f"{WEEK}/a.yaml", 1, 7)
    ]


@pytest.mark.parametrize(
    ("body", "value", "column"),
    [
        # the seed's slip: 23 Nov 2022 was a Wednesday
        ("2022年11月23日（周五）下午，社工入户走访三户困难老人。", "2022年11月23日（周五）", 7),
        ("社工于11月23日星期五入户走访三户困难老人。", "11月23日星期五", 10),
        ("社工于2022-11-23 周五入户走访三户困难老人。", "2022-11-23 周五", 10),
    ],
)
def test_a_date_in_the_body_with_another_day_of_the_week_is_flagged_there(
    tmp_path: Path, body: str, value: str, column: int
) -> None:
    text = entry(body, category="visits", date="2022-11-22")
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert where([problem]) == [("W-text-weekday", f"{WEEK}/a.yaml", 3, column)]
    assert problem.args["value"] == value
    assert render_message(problem, "zh").startswith(
        f"“{value}”里的“{problem.args['written']}”不对：2022-11-23 是星期三。"
    )


@pytest.mark.parametrize(
    "body",
    [
        "2022年11月23日（周三）下午，社工入户走访三户困难老人。",
        "社工于11月21日周一至周五每天入户走访困难老人。",
        "社工每1.5周一次入户走访三户困难老人，本周五再去。",
        "社工于12月30日周五回访困难老人。",  # 2022-12-30: the year nearest the week
    ],
)
def test_right_weekdays_and_no_dates_pass(tmp_path: Path, body: str) -> None:
    text = entry(body, category="visits", date="2022-11-22")
    assert checked(tmp_path, {"a.yaml": text}, today=date(2023, 1, 10)) == []


def weekday_checked(tmp_path: Path, body: str) -> list[Problem]:
    """An entry of 2026-W47 (Mon 16 – Sun 22 Nov 2026), checked on 30 Nov 2026."""
    text = entry(body, category="visits", date="2026-11-18")
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2026-W47/a.yaml": text})
    return check(load_project(project), today=date(2026, 11, 30)).problems


@pytest.mark.parametrize(
    "body",
    [
        # right in 2026, though 2027-03-15 (a Monday) is the year nearest the week
        "服务对象自今年3月15日（周日）接案以来，社工已开展入户探访12次。",
        "自1月9日（周五）首次接案至今，社工已开展个案会谈8次。",  # 2026-01-09
        "志愿者服务队成立于5月20日（周三），如今已有注册志愿者86名。",  # 2026-05-20
        "去年12月20日（周六）成立的“红马甲”志愿服务队，今年已服务老人300人次。",  # 2025
    ],
)
def test_a_date_without_a_year_passes_when_its_weekday_is_right_in_a_year_beside(
    tmp_path: Path, body: str
) -> None:
    for day, weekday in [((2026, 3, 15), 7), ((2026, 1, 9), 5), ((2026, 5, 20), 3)]:
        assert date(*day).isoweekday() == weekday
    assert date(2025, 12, 20).isoweekday() == 6
    assert weekday_checked(tmp_path, body) == []


@pytest.mark.parametrize(
    ("body", "day"),
    [
        # a Saturday in 2025, a Sunday in 2026, a Monday in 2027: wrong in every year
        ("服务对象自3月15日（周二）接案以来，社工已开展入户探访12次。", "2027-03-15"),
        # with its year written, the year is the writer's (周一 is right in 2027 only)
        ("服务对象自2026年3月15日（周一）接案以来，社工已开展入户探访12次。", "2026-03-15"),
    ],
)
def test_a_weekday_wrong_in_every_year_or_in_the_written_one_is_flagged(
    tmp_path: Path, body: str, day: str
) -> None:
    assert [date(year, 3, 15).isoweekday() for year in (2025, 2026, 2027)] == [6, 7, 1]
    [problem] = weekday_checked(tmp_path, body)
    assert (problem.code, problem.args["day"]) == ("W-text-weekday", day)


LEAD_TOML = MINIMAL_TOML + '[[districts]]\nname = "禹王台区"\nstations = ["三里堡街道社工站"]\n'


@pytest.mark.parametrize(
    ("body", "value", "told"),
    [
        (
            "2022年11月21日下午，禹王台区三里堡街道社工站社工到辖区服务对象家中入户走访。",
            "2022年11月21日下午，禹王台区三里堡街道社工站",
            "日期和地点",
        ),
        (
            "11月21日（周一）上午9:30，社工到辖区服务对象家中入户走访。",
            "11月21日（周一）上午9:30",
            "日期",
        ),
        (
            "2022-11-21，三里堡街道社工站社工到辖区服务对象家中入户走访。",
            "2022-11-21，三里堡街道社工站",
            "日期和地点",
        ),
        (
            "11月21日，三里堡街道社工站的社工走访独居老人。",
            "11月21日，三里堡街道社工站",
            "日期和地点",
        ),
        # a name the place begins is the sentence's: only the date is told to be deleted
        ("11月21日，禹王台区民政局副局长带队到社工站调研。", "11月21日", "日期"),
        ("11月21日，三里堡街道社工站站长带领社工深入李寨村。", "11月21日", "日期"),
        ("11月21日，三里堡街道社工站、新华街道社工站联合开展活动。", "11月21日", "日期"),
    ],
)
def test_a_body_opening_with_the_entrys_date_is_told_to_leave_it_to_the_lead(
    tmp_path: Path, body: str, value: str, told: str
) -> None:
    text = entry(body, category="visits", station="三里堡街道社工站", date="2022-11-21")
    [problem] = checked(tmp_path, {"a.yaml": text}, LEAD_TOML)
    assert where([problem]) == [("W-lead-repeated", f"{WEEK}/a.yaml", 4, 7)]
    assert problem.args["value"] == value
    message, hint = message_and_hint(problem, "zh")
    assert f"重复了周报印在这一条前面的{told}（" in message
    assert hint == f"请删去正文开头的{told}，从做了什么写起，周报会自动加上。"
    english = "date and place" if told == "日期和地点" else "date"
    assert f"Delete the {english} at the start" in message_and_hint(problem, "en")[1]


@pytest.mark.parametrize(
    ("body", "dates"),
    [
        ("2022年11月22日下午，社工到辖区服务对象家中入户走访。", "2022-11-21"),  # another day
        ("11月21日至23日，社工到辖区服务对象家中入户走访。", "2022-11-21"),  # a period
        ("11月21日、22日，社工到辖区服务对象家中入户走访。", "[2022-11-21, 2022-11-22]"),
        ("三里堡街道社工站社工到辖区服务对象家中入户走访。", "2022-11-21"),  # no date first
        ("社工于2022年11月21日到辖区服务对象家中入户走访。", "2022-11-21"),
        ("21户服务对象家中由社工入户走访，了解生活需要。", "2022-11-21"),
        # the date is the sentence's: deleting it would leave 是… or lose 起
        ("11月21日是国际志愿者日前夕，社工开展志愿活动宣传。", "2022-11-21"),
        ("11月21日起，社工每天走访辖区独居老人。", "2022-11-21"),
        ("2022年11月21日以来，社工已走访辖区独居老人十二户。", "2022-11-21"),
        ("11月21日前，社工为辖区独居老人送去过冬的棉被。", "2022-11-21"),
        ("11月21日下午至晚上，社工在社区巡访独居老人。", "2022-11-21"),
        ("11月21日，是第36个世界儿童日。社工站在辖区小学开展宣传活动。", "2022-11-21"),
        ("11月21日，为国际志愿者日前夕，社工开展志愿活动宣传。", "2022-11-21"),
    ],
)
def test_a_body_not_opening_with_the_entrys_one_date_passes(
    tmp_path: Path, body: str, dates: str
) -> None:
    text = entry(body, category="visits", station="三里堡街道社工站", date=dates)
    assert checked(tmp_path, {"a.yaml": text}, LEAD_TOML) == []


@pytest.mark.parametrize(
    ("time", "told"),
    [
        ("", "其中的“上午9:30”周报不会印出，请写进 time:。"),
        ("上午9:30", ""),
    ],
)
def test_a_time_at_the_start_of_the_body_is_told_to_move_into_time_when_time_is_empty(
    tmp_path: Path, time: str, told: str
) -> None:
    """The lead prints the time of ``time:`` and no other: the message never says it prints
    the body's."""
    fields = {"category": "visits", "date": "2022-11-21"} | ({"time": time} if time else {})
    text = entry("11月21日上午9:30，社工到辖区服务对象家中入户走访。", **fields)
    [problem] = checked(tmp_path, {"a.yaml": text}, LEAD_TOML)
    message, hint = message_and_hint(problem, "zh")
    assert message == (
        "正文开头的“11月21日上午9:30”重复了周报印在这一条前面的日期"
        f"（日期 · 县区 · 社工站），读者会看到两遍。{told}"
    )
    assert "time:" not in hint  # said once, in the message, and only when time: is empty
    english, _ = message_and_hint(problem, "en")
    assert ("The bulletin does not print its '上午9:30': put that in time:." in english) == bool(
        told
    )


# ------------------------------------------------------------------ duplicates

SEED_PARAGRAPH = (
    "在兰考县民政局指导下，兰阳街道社工站春苗社工在豆腐营社区老年活动中心举办留守儿童绘画"
    "系列活动，共有10名小朋友参加。本次画的是手指画，孩子们用手掌印作画，充分发挥想象力。"
)


def test_the_same_body_in_two_files_is_reported_at_the_later_one_naming_the_earlier(
    tmp_path: Path,
) -> None:
    first = "category: visits\nbody: |\n  " + SEED_PARAGRAPH + "\n"
    second = "entries:\n  - category: visits\n    body: " + SEED_PARAGRAPH + "\n"
    [problem] = checked(tmp_path, {"a.yaml": first, "b.yaml": second})
    assert where([problem]) == [("W-duplicate", f"{WEEK}/b.yaml", 2, 5)]
    assert problem.args == {"other": f"{WEEK}/a.yaml:1:1", "percent": 100}


@pytest.mark.parametrize(
    "edited",
    [
        SEED_PARAGRAPH.replace("10名", "12名"),  # a figure changed
        SEED_PARAGRAPH.replace("，", ",").replace("。", ". "),  # other punctuation
        SEED_PARAGRAPH.replace("本次画的是手指画，", "本次画手指画，"),  # a clause shortened
        SEED_PARAGRAPH[:60] + "\n" + SEED_PARAGRAPH[60:],  # a line break
    ],
)
def test_bodies_ninety_percent_alike_are_duplicates(tmp_path: Path, edited: str) -> None:
    files = {
        "a.yaml": "category: visits\nbody: " + SEED_PARAGRAPH + "\n",
        "b.yaml": "category: visits\nbody: |\n  " + edited.replace("\n", "\n  ") + "\n",
    }
    [problem] = checked(tmp_path, files)
    assert (problem.code, problem.location.path) == ("W-duplicate", f"{WEEK}/b.yaml")
    assert 90 <= int(problem.args["percent"]) <= 100


def test_bodies_that_share_a_boilerplate_opening_are_not_duplicates(tmp_path: Path) -> None:
    files = {
        "a.yaml": "category: visits\nbody: " + SEED_PARAGRAPH + "\n",
        "b.yaml": "category: visits\nbody: 在兰考县民政局指导下，桐乡街道社工站春苗社工在许贡庄社区为"
        "60岁以上老人免费理发、测量血压，倡导健康文明的生活方式。\n",
    }
    assert checked(tmp_path, files) == []


_ALIKE_LETTERS = "社工站老人走访活动儿童小组服务志愿居民12"
_SHARED_CLAUSE = "社区志愿服务活动圆满结束"  # both bodies hold it whole, so they are compared


@settings(max_examples=300, deadline=None)
@given(
    base=st.text(alphabet=_ALIKE_LETTERS + "，。 ", max_size=60),
    edits=st.lists(
        st.tuples(st.integers(0, 80), st.sampled_from(["drop", "swap", "add"])), max_size=10
    ),
)
def test_a_pair_is_reported_exactly_when_its_ratio_reaches_the_threshold(
    base: str, edits: list[tuple[int, str]]
) -> None:
    """The cheap bounds before the ratio never drop a pair the ratio would report."""
    edited = list(base)
    for position, kind in edits:
        at = position % (len(edited) + 1)
        if kind == "add":
            edited.insert(at, _ALIKE_LETTERS[position % len(_ALIKE_LETTERS)])
        elif at < len(edited):
            if kind == "drop":
                del edited[at]
            else:
                edited[at] = _ALIKE_LETTERS[(position * 7) % len(_ALIKE_LETTERS)]
    bodies = [f"{_SHARED_CLAUSE}，{base}", f"{_SHARED_CLAUSE}，{''.join(edited)}"]
    project = Project(
        Path("/nonexistent"), ProjectConfig.model_validate(tomllib.loads(MINIMAL_TOML))
    )
    sources = [
        parse_text(
            SourceFile(Path(f"/nonexistent/{name}"), f"{WEEK}/{name}", WeekId(2022, 47)),
            f"category: visits\nbody: {json.dumps(body, ensure_ascii=False)}\n",
        )
        for name, body in zip(("a.yaml", "b.yaml"), bodies, strict=True)
    ]
    entries = validate_files(project, sources).entries
    reported = [problem.args["percent"] for problem in find_duplicates(entries, 0.9).problems]
    letters = [re.sub(r"[\W_]+", "", body) for body in bodies]
    ratio = SequenceMatcher(None, letters[0], letters[1], autojunk=False).ratio()
    assert reported == ([int(ratio * 100)] if ratio >= 0.9 else [])


# Long clauses made of a start, a middle and an end: two of them differ in a few letters, so
# bodies are often alike without being equal, and share some anchors (a whole clause, its
# first or its last eight letters) but not all. A short opening many bodies share becomes
# boilerplate.
_CLAUSES = [
    start + middle + end
    for start in ("社工入户走访困难", "志愿者在社区广场", "社工站联合卫生院")
    for middle in ("老人", "居民和儿童", "残疾人")
    for end in ("了解生活需要并登记", "开展义诊和健康宣传")
]
_bodies = st.builds(
    lambda opening, clauses, ending: opening + "，".join(clauses) + ending,
    st.sampled_from(["", "在县民政局指导下，"]),
    st.lists(st.sampled_from(_CLAUSES), min_size=1, max_size=2),
    st.sampled_from(["", "，共10人", "，共12人"]),
)
_file = st.lists(_bodies, min_size=1, max_size=3)


def _week_of(files: dict[str, list[str]]) -> list[Entry]:
    week = WeekId(2022, 47)
    return [
        Entry(
            week,
            "visits",
            body,
            EntryPlaces(SourceFile(Path(name), f"{WEEK}/{name}", week), ("entries", index), {}),
        )
        for name, bodies in sorted(files.items())
        for index, body in enumerate(bodies)
    ]


@pytest.mark.parametrize("boilerplate", [1, 3, 20])
@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(_file, min_size=1, max_size=40),
    changes=st.lists(st.tuples(st.integers(0, 40), st.none() | _file), min_size=1, max_size=3),
)
def test_a_search_after_a_change_finds_what_a_search_from_scratch_finds(
    boilerplate: int, before: list[list[str]], changes: list[tuple[int, list[str] | None]]
) -> None:
    """The second search, given the first, searches again only where a change can reach:
    whatever files were edited, added or removed, it reports what a first search would.
    Anchors shared by fewer entries than the real limit become boilerplate here too."""
    files = {f"f{index:02}.yaml": bodies for index, bodies in enumerate(before)}
    changed = dict(files)
    for index, bodies in changes:
        name = f"f{index:02}.yaml"
        if bodies is None:
            changed.pop(name, None)
        else:  # edited, or added (between the others, when its name is new)
            changed[name if name in files else f"f{index:02}-new.yaml"] = bodies
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates, "_BOILERPLATE", boilerplate)
        _searched_again(files, changed)


def _searched_again(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    """The search of ``after`` given that of ``before``, checked against a search from
    scratch; the entries found to repeat another, as ``file → file``."""
    first = find_duplicates(_week_of(before), 0.9)
    entries = _week_of(after)
    again = find_duplicates(entries, 0.9, earlier=first.weeks)
    scratch = find_duplicates(entries, 0.9)
    assert again.weeks == scratch.weeks
    assert again.problems == scratch.problems
    return [
        f"{str(p.args['other']).split(':')[0]} → {p.location.path}".replace(f"{WEEK}/", "")
        for p in again.problems
    ]


# With an anchor boilerplate past its first entry, a few entries show where a change reaches.
_START, _END = "社工入户走访困难", "了解生活需要并登记"


def test_an_anchor_a_change_makes_boilerplate_is_searched_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(duplicates, "_BOILERPLATE", 1)
    before = {"a.yaml": [_START + "老人" + _END], "c.yaml": [_START + "残疾人" + _END]}
    assert _searched_again({}, before) == ["a.yaml → c.yaml"]
    # b shares c's start and end with a: both anchors are now shared by two before c.
    after = {**before, "b.yaml": [_START + "居民和儿童" + _END]}
    assert _searched_again(before, after) == []


def test_an_entry_whose_earlier_twin_is_removed_is_searched_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(duplicates, "_BOILERPLATE", 1)
    body = _START + "老人" + _END
    # Seven entries before that share its anchors but are not alike to it or to each other.
    others = [
        "发放宣传资料一百余份",
        "为老人测量血压和血糖",
        "组织儿童开展手工制作",
        "联合卫生院开展义诊",
    ]
    others += ["走访低保户了解需求", "开展防诈骗知识讲座", "为残疾人送去轮椅"]
    alike = {f"a{count}.yaml": [f"{body}，{other}"] for count, other in enumerate(others)}
    before = {**alike, "b.yaml": [body], "c.yaml": [body]}
    assert _searched_again({}, before) == ["b.yaml → c.yaml"]
    del before["b.yaml"]
    assert _searched_again({**before, "b.yaml": [body]}, before) == []


def test_an_entry_that_stops_being_a_repeat_is_searched_for_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """b has a's letters in one clause instead of two: once a is gone it is no longer a
    repeat, and c, alike to b, now finds it through anchors a never had (a's first clause
    is too short to be one, so a and c share none)."""
    monkeypatch.setattr(duplicates, "_BOILERPLATE", 1)
    before = {"a.yaml": ["社工入户，走访老人" + _END], "b.yaml": ["社工入户走访老人" + _END]}
    before["c.yaml"] = ["社工入户走访老人" + _END + "表"]
    assert _searched_again({}, before) == ["a.yaml → b.yaml"]
    after = {name: bodies for name, bodies in before.items() if name != "a.yaml"}
    assert _searched_again(before, after) == ["b.yaml → c.yaml"]


def test_a_body_with_commas_added_or_dropped_between_clauses_is_a_repeat(tmp_path: Path) -> None:
    """96 % alike and not reported: no clause of one was whole in the other."""
    first = "社工来到桂李寨村，对民政服务对象进行回访，把衣物送到老人手中。"
    second = "社工来到桂李寨村对民政服务对象进行了回访，把衣物送到了老人手中。"
    assert SequenceMatcher(None, first, second).ratio() > 0.9
    files = {"a.yaml": entry(first, category="visits"), "b.yaml": entry(second, category="visits")}
    problems = checked(tmp_path, files)
    assert [(p.code, p.location.path) for p in problems] == [("W-duplicate", f"{WEEK}/b.yaml")]


def test_the_same_body_in_another_week_is_not_a_duplicate(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        MINIMAL_TOML,
        {
            f"{WEEK}/a.yaml": "category: visits\nbody: " + SEED_PARAGRAPH + "\n",
            "entries/2022-W48/a.yaml": "category: visits\nbody: " + SEED_PARAGRAPH + "\n",
        },
    )
    codes = [p.code for p in check(load_project(project), today=TODAY).problems]
    assert "W-duplicate" not in codes


# ------------------------------------------------------------------ time and body


@pytest.mark.parametrize(
    ("time", "token"),
    [('"15:3017:00"', "15:3017:00"), ('"25:00-26:00"', "25:00"), ("下午3:75", "3:75")],
)
def test_malformed_time_is_flagged_at_the_time_value(tmp_path: Path, time: str, token: str) -> None:
    [problem] = checked(tmp_path, {"a.yaml": entry(category="visits", time=time)})
    assert where([problem]) == [("W-time", f"{WEEK}/a.yaml", 2, 7)]
    assert problem.args["token"] == token


@pytest.mark.parametrize(
    "time", ['"15:30-17:00"', "上午", "下午3点", "１５：３０－１７：００", "9:00"]
)
def test_well_formed_times_pass(tmp_path: Path, time: str) -> None:
    assert checked(tmp_path, {"a.yaml": entry(category="visits", time=time)}) == []


@pytest.mark.parametrize(
    ("body", "token", "column"),
    [
        # the seed's own slip: the dash between the two times was lost
        ("视力残疾人小吴11月18日到11月24日下午15:3017:00为社区老人义务按摩。", "15:3017:00", 29),
        ("社工于晚上25:00结束巡访。", "25:00", 12),
        ("活动于15:30-25:00在社区广场举行。", "25:00", 16),
        ("活动于25:00至17:00在社区广场举行。", "25:00", 10),
        ("社工于下午３：７５到达老人家中。", "３：７５", 12),
        # after a label's colon, the commonest way of writing it
        ("活动时间：15:3017:00，地点在社区广场。", "15:3017:00", 12),
        ("活动时间：25:00开始，地点在社区广场。", "25:00", 12),
        ("活动时间:9:75开始，地点在社区广场。", "9:75", 12),
        # a score beside 到 reads as a span of time, as the README says (ignore: silences it)
        ("排球赛比分从0:15到25:23，红队获胜。", "25:23", 18),
    ],
)
def test_a_clock_time_that_cannot_be_one_is_flagged_in_the_body(
    tmp_path: Path, body: str, token: str, column: int
) -> None:
    [problem] = checked(tmp_path, {"a.yaml": entry(body, category="visits")})
    assert where([problem]) == [("W-time-text", f"{WEEK}/a.yaml", 2, column)]
    assert problem.args["token"] == token
    assert f"“{token}”不是有效的钟点" in render_message(problem, "zh")


def test_each_slip_in_a_title_or_body_is_found_where_it_is_written(tmp_path: Path) -> None:
    text = entry(
        "社工9:3011:00入户走访，下午9:3011:00回访。", category="visits", title="上午9:3011:00"
    )
    assert where(checked(tmp_path, {"a.yaml": text})) == [
        ("W-time-text", f"{WEEK}/a.yaml", 2, 10),
        ("W-time-text", f"{WEEK}/a.yaml", 3, 9),
        ("W-time-text", f"{WEEK}/a.yaml", 3, 25),
    ]
    assert checked(tmp_path / "ignored", {"a.yaml": text + "ignore: [W-time-text]\n"}) == []


@pytest.mark.parametrize(
    "body",
    [
        "社区居民于2022-11-18 15:30-17:00参加趣味运动会，9:00签到，12:30:45结束。",
        "拔河比赛中红队以3:1获胜，排球赛比分25:23。",
        "志愿者与服务对象按1:1结对，物资按40:60的比例分配，地图比例尺1:10000。",
        "社区活动于１５：３０开始，居民踊跃参加。",
        "活动时间：15:30-17:00，排球赛比分：25:23，编号1:2:30。",
        # a ratio or score after 于, 从 or 自, or on both sides of 至: not said to be a time
        "培训中强调，按照社工与服务对象不低于1:60的比例配备人员。",
        "督导提出，高龄老人与护理员比例应高于1:75，社工要协助做好人员排班。",
        "督导介绍，社工与服务对象的配比从1:80提高到1:60。",
        "县民政局召开社工站建设推进会，要求各站按1:60至1:80的比例配备专职社工。",
        "社区排球赛比分定格于25:23，居民队险胜社工队。",
    ],
)
def test_scores_ratios_and_good_times_in_the_body_pass(tmp_path: Path, body: str) -> None:
    assert checked(tmp_path, {"a.yaml": entry(body, category="visits")}) == []


@pytest.mark.parametrize("body", ["同上", "略。", "见附件", '"。"'])
def test_a_body_with_almost_nothing_in_it_is_flagged(tmp_path: Path, body: str) -> None:
    [problem] = checked(tmp_path, {"a.yaml": entry(body, category="visits")})
    assert where([problem]) == [("W-short-body", f"{WEEK}/a.yaml", 2, 7)]


def test_the_shortest_body_is_configurable(tmp_path: Path) -> None:
    toml = MINIMAL_TOML + "[check]\nmin_body_chars = 2\n"
    assert checked(tmp_path, {"a.yaml": entry("同上", category="visits")}, toml) == []


# ------------------------------------------------------------------ silencing and strict


def test_an_entry_may_ignore_a_warning_on_purpose(tmp_path: Path) -> None:
    text = entry("同上", category="visits", ignore="[W-short-body]")
    assert checked(tmp_path, {"a.yaml": text}) == []


def test_the_project_may_ignore_a_warning(tmp_path: Path) -> None:
    toml = MINIMAL_TOML + '[check]\nignore = ["W-short-body"]\n'
    assert checked(tmp_path, {"a.yaml": entry("同上", category="visits")}, toml) == []


def test_ignoring_an_error_or_an_unknown_code_is_an_error(tmp_path: Path) -> None:
    text = "category: visits\nbody: 同上\nignore: [W-short-body, E-future-date, W-dupliate]\n"
    problems = checked(tmp_path, {"a.yaml": text})
    assert where(problems) == [
        ("E-ignore-code", f"{WEEK}/a.yaml", 3, 24),
        ("E-ignore-code", f"{WEEK}/a.yaml", 3, 39),
    ]
    assert problems[1].args["suggestion"] == "W-duplicate"


def test_strict_makes_every_warning_an_error(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", MINIMAL_TOML, {f"{WEEK}/a.yaml": entry("同上", category="visits")}
    )
    [problem] = check(load_project(project), today=TODAY, strict=True).problems
    assert (problem.code, problem.is_error) == ("W-short-body", True)


@given(
    st.text(alphabet=st.sampled_from("张某走访了3户，。 _\n！a１"), max_size=30), st.integers(0, 20)
)
def test_letters_counted_only_as_far_as_needed_agree_with_counting_them_all(text, minimum):
    counted = len(re.sub(r"[\W_]+", "", text))
    assert has_letters(text, minimum) == (counted >= minimum)


# ------------------------------------------------------------------ figures

FIGURES_TOML = (
    MINIMAL_TOML
    + """
[[metrics]]
key = "visited"
label = "走访"
unit = "人次"
[[metrics]]
key = "households"
label = "入户"
unit = "户"
[[metrics]]
key = "donated"
label = "募捐"
unit = "元"
[[metrics]]
key = "hours"
label = "服务时长"
unit = "小时"
[[metrics]]
key = "people"
label = "受益"
unit = "万人次"
[[groups]]
name = "低保特困"
aliases = ["低保"]
"""
)


def test_a_count_of_people_with_a_fraction_is_pointed_at_not_money_or_hours(
    tmp_path: Path,
) -> None:
    """stats: {visited: 0.1} passed and the week's 走访 summed to 1000.3人次."""
    text = (
        "category: visits\ndate: 2022-11-21\nbody: " + BODY + "\n"
        "stats: {走访: 1.1, households: 2, donated: 462.5, hours: 1.5, people: 1.5}\n"
        "by_group:\n  visited: {低保: 0.5}\n"
    )
    problems = checked(tmp_path, {"a.yaml": text}, FIGURES_TOML)
    assert where(problems) == [
        ("W-figure-fraction", f"{WEEK}/a.yaml", 4, 13),
        ("W-figure-fraction", f"{WEEK}/a.yaml", 6, 17),
    ]
    assert render_message(problems[0], "zh") == (
        "“走访: 1.1”不是整数，但走访的单位是“人次”：人数、户数、次数应是整数。"
        "请核对这个数字，改成整数（是不是多打了小数点？）。"
    )
    assert render_message(problems[1], "zh").startswith("“低保: 0.5”不是整数，但走访的单位是“人次”")


def test_a_day_in_a_list_is_pointed_at_itself_not_at_the_same_digits_before_it(
    tmp_path: Path,
) -> None:
    """8日 of 11月18日、8日 was pointed at the 8日 inside 11月18日 (here 4日, read as 12月4日)."""
    text = "category: visits\ndate: 11月24日、4日\nbody: " + BODY + "\n"
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert (problem.code, problem.location.line, problem.location.column) == (
        "E-future-date",
        2,
        14,
    )


@pytest.mark.parametrize("where", ["entry", "project"])
def test_ignoring_outside_week_also_silences_a_period_across_the_week(
    tmp_path: Path, where: str
) -> None:
    """The period's own code was not silenced by the ignore: written for it before it had one."""
    text = "category: visits\ndate: 2022-11-25\nend: 2022-11-28\nbody: " + BODY + "\n"
    toml = MINIMAL_TOML
    if where == "entry":
        text += "ignore: [W-outside-week]\n"
    else:
        toml = MINIMAL_TOML + '[check]\nignore = ["W-outside-week"]\n'
    assert checked(tmp_path, {"a.yaml": text}, toml) == []
