"""What `check` reports for broken entries: the code, and the exact line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from bulletin.check import check
from bulletin.config import load_project
from bulletin.diagnostics import Problem, UsageError
from bulletin.messages import render_message
from helpers import MINIMAL_TOML, write_project

REGISTRY_TOML = (
    MINIMAL_TOML
    + """
[[districts]]
name = "兰考县"
stations = ["惠安街道社工站", "城关镇社工站"]
[[districts]]
name = "杞县"
stations = ["城关镇社工站"]
[[metrics]]
key = "visited"
label = "走访"
unit = "人次"
"""
)
WEEK = "entries/2022-W47"
BODY = "入户走访三户困难老人，了解他们的生活需要。"


def problems_of(
    tmp_path: Path, text: str, toml: str = REGISTRY_TOML, name: str = "a.yaml"
) -> list[Problem]:
    project_dir = write_project(tmp_path / "p", toml, {f"{WEEK}/{name}": text})
    return check(load_project(project_dir)).problems


def where(problems: list[Problem]) -> list[tuple[str, int, int]]:
    return [(p.code, p.location.line, p.location.column) for p in problems]


def test_a_valid_entry_has_no_problems(tmp_path: Path) -> None:
    text = (
        "station: 惠安街道社工站\ncategory: visits\ndate: 2022-11-21\nbody: "
        + BODY
        + "\nstats: {visited: 3}\n"
    )
    assert problems_of(tmp_path, text) == []


def test_misspelt_category_points_at_the_value_and_suggests(tmp_path: Path) -> None:
    text = "station: 惠安街道社工站\nentries:\n  - category: vists\n    body: " + BODY + "\n"
    [problem] = problems_of(tmp_path, text)
    assert where([problem]) == [("E-unknown-category", 3, 15)]
    assert problem.location.path == f"{WEEK}/a.yaml"
    assert problem.args["suggestion"] == "visits"


def test_category_may_be_written_as_its_title(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "category: 个案服务\nbody: " + BODY + "\n") == []


def test_every_problem_of_every_entry_is_reported(tmp_path: Path) -> None:
    text = (
        "entries:\n"
        "  - category: visits\n"  # line 2: body missing
        "  - category: visits\n"
        "    body: " + BODY + "\n"
        "    titel: 标题\n"  # line 5: unknown field
        "  - category: visits\n"
        "    body: " + BODY + "\n"
        "    date: 2022-11-31\n"  # line 8: impossible date
        "    stats: {visted: 2}\n"  # line 9: unknown metric
    )
    assert where(problems_of(tmp_path, text)) == [
        ("E-missing-field", 2, 5),
        ("E-unknown-field", 5, 5),
        ("E-impossible-date", 8, 11),
        ("E-unknown-metric", 9, 13),
    ]


def test_unknown_field_suggests_the_intended_one(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, "category: visits\nbody: " + BODY + "\ntitel: 标题\n")
    assert problem.args["suggestion"] == "title"


def test_an_unclosed_quote_is_located_at_the_quote(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, 'category: visits\nbody: "走访。\ntitle: x\n')
    assert where(problems) == [("E-yaml-quote", 2, 7)]


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, "category: visits\nbody: [走访\ntitle: x\n")
    assert problem.code == "E-yaml"
    assert problem.location.line == 3


def test_a_body_line_that_looks_like_a_slip_does_not_hide_the_real_error(tmp_path: Path) -> None:
    text = "category: visits\nbody: |\n  Tel:12345\n  " + BODY + '\ntitle: "冬日暖阳\n'
    assert [p.code for p in problems_of(tmp_path, text)] == ["E-yaml-quote"]


def test_tab_indentation_has_its_own_message(tmp_path: Path) -> None:
    assert where(problems_of(tmp_path, "entries:\n\t- category: visits\n")) == [("E-tab", 2, 1)]


def test_a_topic_after_an_unquoted_body_is_flagged_where_yaml_drops_it(tmp_path: Path) -> None:
    text = "category: visits\nbody: " + BODY + " #社工在行动#\n"
    [problem] = problems_of(tmp_path, text)
    assert where([problem]) == [("W-comment-dropped", 2, 8 + len(BODY))]
    assert "（#社工在行动#）" in render_message(problem, "zh")


def test_a_dropped_topic_can_be_silenced_for_the_file(tmp_path: Path) -> None:
    for ignore in ("[W-comment-dropped]", "W-comment-dropped"):
        text = f"ignore: {ignore}\ncategory: visits\nbody: {BODY} #社工在行动#\n"
        assert problems_of(tmp_path, text) == []


def test_comments_yaml_keeps_apart_are_not_flagged(tmp_path: Path) -> None:
    text = (
        "# 兰考县 第47周\n"
        "category: visits   #类别\n"  # a comment after a plain value, like a topic, IS flagged…
        "time: 上午  # 备注\n"  # …one written as a comment, with a space after "#", is not…
        "stats:    #数据\n"  # …nor one after a key whose value is below it
        "  visited: 3\n"
        'title: "关爱 #老人#"\n'
        "body: |\n  " + BODY + "\n  # 不是注释，是正文\n"
    )
    assert where(problems_of(tmp_path, text)) == [("W-comment-dropped", 2, 20)]


def test_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path: Path) -> None:
    text = "category: visits\nbody: " + BODY + "\nbody: 第二段：社工回访两户老人，送去棉衣。\n"
    assert where(problems_of(tmp_path, text)) == [("E-duplicate-key", 3, 1)]


def test_end_before_date(tmp_path: Path) -> None:
    text = "category: visits\nbody: " + BODY + "\ndate: 2022-11-22\nend: 2022-11-20\n"
    assert where(problems_of(tmp_path, text)) == [("E-end-before-date", 4, 6)]


def test_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, "category: visits\nbody: " + BODY + "\ntitle: 2022\n")
    assert (problem.code, problem.args["expected"], problem.location.line) == ("E-type", "text", 3)


def test_a_figure_with_a_unit_shows_what_was_written(tmp_path: Path) -> None:
    text = "category: visits\nbody: " + BODY + "\nstats:\n  served: 45人\n"
    [problem] = problems_of(tmp_path, text)
    assert where([problem]) == [("E-figure", 4, 11)]
    assert "不带单位" in render_message(problem, "zh") and "这里是“45人”" in render_message(
        problem, "zh"
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("end: [2022-11-20]", "看不懂日期“[2022-11-20]”"),
        ("title: {a: b}", "这里写的是“{a: b}”"),
        ("time: [上午, 下午]", "这里写的是“[上午, 下午]”"),
        ("groups: [{老人: 1}]", "这里是“{老人: 1}”"),
        ("stats:\n  served: [3, true]", "这里是“[3, true]”"),
    ],
)
def test_a_value_of_the_wrong_kind_is_shown_as_it_is_written(
    tmp_path: Path, written: str, shown: str
) -> None:
    """As YAML writes it, not as Python prints it (``datetime.date(2022, 11, 20)``, ``{'a':
    'b'}``), and a list with its brackets: ``[上午, 下午]`` is not text, ``上午、下午`` would be."""
    text = f"category: visits\nbody: {BODY}\ndate: 2022-11-18\n{written}\n"
    [problem] = problems_of(tmp_path, text)
    assert shown in render_message(problem, "zh")


@pytest.mark.parametrize(
    ("written", "code", "shown"),
    [
        (
            "2022-11-20: 开展了活动",
            "E-unknown-field",
            "不认识的项 2022-11-20。你是不是想写“date”？",
        ),
        ("null: 开展了活动", "E-unknown-field", "不认识的项 null。"),
        ("stats: {1: 2}", "E-type", "stats（数据） 应是文字，这里写的是“1”"),
        ("category:", "E-empty", "category（类别） 是空的。请填写内容。"),
    ],
)
def test_a_key_that_is_not_a_name_or_a_required_field_left_empty_says_so_in_chinese(
    tmp_path: Path, written: str, code: str, shown: str
) -> None:
    """Not pydantic's English ("Keys should be strings") or Python's ``None``, ``[key]``."""
    text = f"category: visits\nbody: {BODY}\ndate: 2022-11-18\n{written}\n"
    if written.startswith("category"):
        text = text.replace("category: visits\n", "")
    [problem] = problems_of(tmp_path, text)
    assert (problem.code, shown in render_message(problem, "zh")) == (code, True)


def test_figures_and_photos_left_empty_are_none(tmp_path: Path) -> None:
    """``images:`` and ``stats:`` with nothing after them, as a template leaves them."""
    text = f"category: visits\nbody: {BODY}\nimages:\nstats:\nby_group:\n"
    assert problems_of(tmp_path, text) == []


def test_an_entries_folder_that_does_not_exist_is_an_error_not_a_pass(tmp_path: Path) -> None:
    """A mistyped entries_dir made check pass on nothing, and CI stay green."""
    project_dir = write_project(tmp_path / "p", 'entries_dir = "entires"\n' + MINIMAL_TOML, {})
    with pytest.raises(UsageError) as caught:
        check(load_project(project_dir))
    assert [p.code for p in caught.value.problems] == ["E-no-entries-folder"]


def test_unregistered_station_suggests_the_registered_name(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path, "station: 惠安街道\ncategory: visits\nbody: " + BODY + "\n")
    assert (problem.code, problem.args["suggestion"]) == ("E-unknown-station", "惠安街道社工站")
    assert (problem.location.line, problem.location.column) == (1, 10)


def test_station_in_a_list_is_located_at_its_item(tmp_path: Path) -> None:
    text = "station:\n  - 惠安街道社工站\n  - 不存在社工站\ncategory: visits\nbody: " + BODY + "\n"
    assert where(problems_of(tmp_path, text)) == [("E-unknown-station", 3, 5)]


SEED_DISTRICTS_TOML = (
    MINIMAL_TOML
    + """
[[districts]]
name = "禹王台区"
stations = ["三里堡街道社工站", "繁塔街道社工站"]
[[districts]]
name = "顺河回族区"
stations = ["清平街道社工站"]
[[districts]]
name = "祥符区"
stations = ["陈留镇社工站", "罗王镇社工站"]
[[districts]]
name = "尉氏县"
stations = []
"""
)


@pytest.mark.parametrize(
    ("written", "code", "shown"),
    [
        # The seed's: a district written as a station is said to be one (they suggested
        # 陈留镇社工站 and 罗王镇社工站, of 祥符区, for sharing 社工站).
        (
            "顺河区社工站",
            "E-station-is-district",
            "“顺河区社工站”是县区“顺河回族区”，不是社工站。写全县区的动态，请把 station: "
            "顺河区社工站 改成 district: 顺河回族区；写某个站的，请写它登记的站名：清平街道社工站。",
        ),
        ("禹王台区社工站", "E-station-is-district", "三里堡街道社工站、繁塔街道社工站"),
        ("禹王台区街道社工站", "E-station-is-district", "district: 禹王台区"),
        ("尉氏县社工站", "E-station-is-bare-district", "没有登记这个县区的社工站"),
        # A district and a short station name: the station of that district.
        ("禹王台三里堡", "E-unknown-station", "你是不是想写“三里堡街道社工站”？"),
        ("顺河回族区清平社工站", "E-unknown-station", "你是不是想写“清平街道社工站”？"),
        ("三里堡驻站社工", "E-unknown-station", "你是不是想写“三里堡街道社工站”？"),
        ("陈留社工站", "E-unknown-station", "你是不是想写“陈留镇社工站”？"),
    ],
)
def test_a_district_written_as_a_station_is_told_so_and_never_gets_another_district_s_station(
    tmp_path: Path, written: str, code: str, shown: str
) -> None:
    text = f"station: {written}\ncategory: visits\nbody: {BODY}\n"
    [problem] = problems_of(tmp_path, text, SEED_DISTRICTS_TOML)
    message = render_message(problem, "zh")
    assert (problem.code, problem.location.line, problem.location.column) == (code, 1, 10)
    assert shown in message
    assert not [
        other
        for other in ("陈留镇社工站", "罗王镇社工站")
        if other in message and other not in shown
    ]


@pytest.mark.parametrize("written", ["顺河区某某社工站", "仇楼镇社工站", "禹王台区东风社工站"])
def test_a_station_is_not_suggested_for_sharing_the_word_for_station(
    tmp_path: Path, written: str
) -> None:
    text = f"station: {written}\ncategory: visits\nbody: {BODY}\n"
    [problem] = problems_of(tmp_path, text, SEED_DISTRICTS_TOML)
    assert (problem.code, problem.args["suggestion"]) == ("E-unknown-station", "")


def test_a_station_name_in_two_districts_needs_the_district(tmp_path: Path) -> None:
    text = "station: 城关镇社工站\ncategory: visits\nbody: " + BODY + "\n"
    assert where(problems_of(tmp_path, text)) == [("E-ambiguous-station", 1, 10)]
    assert problems_of(tmp_path, text + "district: 杞县\n") == []


def test_missing_image_is_located_at_its_item(tmp_path: Path) -> None:
    text = "category: visits\nbody: " + BODY + "\nimages:\n  - photos/none.png\n"
    assert where(problems_of(tmp_path, text)) == [("E-image-missing", 4, 5)]


def test_a_photo_named_with_windows_backslashes_or_a_different_case_is_found_or_suggested(
    tmp_path: Path,
) -> None:
    photo = tmp_path / "p" / WEEK / "照片" / "走访1.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(photo, "JPEG")
    text = "category: visits\nbody: " + BODY + "\nimages: ['照片\\走访1.jpg', 照片/走访1.JPG]\n"
    [problem] = problems_of(tmp_path, text)
    assert where([problem]) == [("E-image-missing", 3, 24)]
    assert problem.args["suggestion"] == "照片/走访1.jpg"


def test_a_field_named_in_chinese_suggests_its_key(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "类别: visits\n正文: " + BODY + "\n")
    unknown = {
        p.location.line: p.args["suggestion"] for p in problems if p.code == "E-unknown-field"
    }
    assert unknown == {1: "category", 2: "body"}


def test_image_outside_the_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    text = "category: visits\nbody: " + BODY + "\nimages: [../../../../secret.png]\n"
    assert [p.code for p in problems_of(tmp_path, text)] == ["E-image-outside"]


@pytest.mark.parametrize("name", ["a.txt", "a.yaml.txt", "a.md"])
def test_files_that_are_not_entries_are_reported_not_dropped(tmp_path: Path, name: str) -> None:
    [problem] = problems_of(tmp_path, "category: visits\nbody: " + BODY + "\n", name=name)
    assert (problem.code, problem.location.path) == ("W-not-entry", f"{WEEK}/{name}")


def test_entries_outside_a_week_folder_are_errors(tmp_path: Path) -> None:
    project_dir = write_project(
        tmp_path / "p",
        MINIMAL_TOML,
        {"entries/2022-47/a.yaml": "category: visits\nbody: " + BODY + "\n"},
    )
    [problem] = check(load_project(project_dir)).problems
    assert (problem.code, problem.args["folder"]) == ("E-week-folder", "2022-47")


def test_an_entry_straight_in_the_entries_folder_is_told_to_move_into_a_week(
    tmp_path: Path,
) -> None:
    """It was told “” is not a valid week: empty quotes, no folder to name."""
    files = {"entries/a.yaml": "category: visits\nbody: " + BODY + "\n"}
    [problem] = check(load_project(write_project(tmp_path / "p", MINIMAL_TOML, files))).problems
    assert problem.code == "E-no-week-folder" and "“”" not in render_message(problem, "zh")


def _misfiled(kaifeng: Path) -> None:
    """A county's folder moved into ``week-47`` (not a week's name) and a stray copy."""
    week = kaifeng / "entries/2022-W47"
    (week / "杞县").rename(kaifeng / "entries/week-47")
    (kaifeng / "entries/stray.yml").write_text((week / "全市.yaml").read_text("utf-8"), "utf-8")


UNFILED = "1 个条目文件不在以周次命名的文件夹里，没有编入任何一周的周报"


@pytest.mark.parametrize(
    "args", [("build", "week-47"), ("build", "--all"), ("stats", "--format", "csv")]
)
def test_builds_and_figures_name_entry_files_in_no_week_folder(kaifeng: Path, run, args) -> None:  # type: ignore[no-untyped-def]
    """They left such files out without a word: a county missing from the published week."""
    _misfiled(kaifeng)
    code, _, err = run(kaifeng, *args)
    assert code == 0
    assert f"entries/stray.yml: warning: {UNFILED}" in err
    assert f"entries/week-47: warning: {UNFILED}" in err


def test_a_strict_build_with_entry_files_in_no_week_folder_writes_nothing(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    _misfiled(kaifeng)
    code, _, err = run(kaifeng, "build", "week-47", "--strict")
    assert code == 1 and f"entries/week-47: error: {UNFILED}" in err
    assert not (kaifeng / "build").exists()


def test_a_week_with_no_entries_says_where_misfiled_ones_are(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """It said only that the week had no entries, pointing at a folder of the current year."""
    (kaifeng / "entries/2022-W47").rename(kaifeng / "entries/week-47")
    code, _, err = run(kaifeng, "build", "47")
    assert code == 1 and "[E-no-entries]" in err
    assert "entries/week-47: warning: 30 个条目文件不在以周次命名的文件夹里" in err


def test_a_folder_made_ahead_for_next_week_does_not_fail_the_archive(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """build --all failed (exit 1, E-no-entries) on it while check passed."""
    (kaifeng / "entries/2022-W48/兰考县").mkdir(parents=True)
    code, out, err = run(kaifeng, "build", "--all")
    assert code == 0 and "E-no-entries" not in err
    assert "已生成 1 周的周报；0 周有错误。" in out
    assert not (kaifeng / "build/2022-W48").exists()


def test_yaml_1_1_surprises_stay_text(tmp_path: Path) -> None:
    text = "category: visits\nbody: " + BODY + "\ntime: 15:30\ntitle: no\n"
    project_dir = write_project(tmp_path / "p", MINIMAL_TOML, {f"{WEEK}/a.yaml": text})
    [entry] = check(load_project(project_dir)).entries
    assert (entry.time, entry.title) == ("15:30", "no")


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    project_dir = write_project(tmp_path / "p", MINIMAL_TOML, {})
    path = project_dir / WEEK / "a.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(f"\ufeffcategory: visits\r\nbody: {BODY}\r\n".encode())
    result = check(load_project(project_dir))
    assert result.problems == [] and len(result.entries) == 1


def test_file_defaults_apply_to_each_entry_and_can_be_overridden(tmp_path: Path) -> None:
    text = (
        "station: 惠安街道社工站\norg: 正心社工\nentries:\n"
        "  - category: visits\n    body: 一。\n"
        "  - category: visits\n    body: 二。\n    org: 彩虹社工\n"
    )
    project_dir = write_project(tmp_path / "p", REGISTRY_TOML, {f"{WEEK}/a.yaml": text})
    first, second = check(load_project(project_dir)).entries
    assert (first.org, second.org) == ("正心社工", "彩虹社工")
    assert first.districts == second.districts == ("兰考县",)


def test_a_missing_category_does_not_hide_an_unknown_station(tmp_path: Path) -> None:
    text = "station: 无名社工站\nbody: " + BODY + "\n"
    assert where(problems_of(tmp_path, text)) == [
        ("E-missing-field", 1, 1),
        ("E-unknown-station", 1, 10),
    ]


def test_several_names_in_one_text_are_a_list_each_checked_where_it_is_written(
    tmp_path: Path,
) -> None:
    """惠安街道社工站、仪封镇社工站 was one unknown station, and its did-you-mean dropped the
    second; 、 and ， list names as they list dates."""
    toml = REGISTRY_TOML + '[[groups]]\nname = "低保特困"\naliases = ["低保户"]\n'
    toml += '[[groups]]\nname = "残疾人"\n'
    text = (
        "station: 惠安街道社工站、城关镇社工站\ndistrict: 兰考县，杞县\n"
        "groups: 低保户、残疾人\norg: 正心社工、彩虹社工\ncategory: visits\nbody: " + BODY + "\n"
    )
    joint = "org: [正心社工, 彩虹社工]\ncategory: casework\nbody: 两家机构联合开展个案回访。\n"
    files = {f"{WEEK}/a.yaml": text, f"{WEEK}/b.yaml": joint}
    result = check(load_project(write_project(tmp_path / "p", toml, files)))
    assert result.problems == []
    entry, joint_entry = result.entries
    assert entry.stations == ("惠安街道社工站", "城关镇社工站")
    assert entry.districts == ("兰考县", "杞县")
    assert entry.groups == ("低保特困", "残疾人")
    assert entry.org == joint_entry.org == "正心社工、彩虹社工"  # a joint service
    text = (
        "station: 惠安街道社工站、仪封镇\ngroups: 低保户、老人\ncategory: visits\nbody: "
        + BODY
        + "\n"
    )
    problems = problems_of(tmp_path, text, toml)
    assert where(problems) == [("E-unknown-station", 1, 18), ("E-unknown-group", 2, 13)]
    assert "没有登记社工站“仪封镇”" in render_message(problems[0], "zh")
    assert "没有登记服务对象“老人”" in render_message(problems[1], "zh")


# --------------------------------------------- slips of pasting and typing, said in words


def said_in_words(problem: Problem) -> str:
    """The Chinese message, which must hold neither the parser's English nor a Python escape."""
    message = render_message(problem, "zh")
    assert not re.search(r"\\u[0-9a-f]{4}|[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", message), message
    return message


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "fact"),
    [
        # a no-break space (Word, WeChat) as indentation, after a colon, before body: |
        (
            "entries:\n  - category: visits\n\xa0\xa0\xa0\xa0station: 惠安街道社工站\n    body: B\n",
            "E-invisible-space",
            3,
            1,
            "不换行空格（U+00A0）",
        ),
        (
            "category: visits\n\xa0\xa0station: 惠安街道社工站\nbody: B\n",
            "E-invisible-space",
            2,
            1,
            "U+00A0",
        ),
        (
            "station:\xa0惠安街道社工站\ncategory: visits\nbody: B\n",
            "E-invisible-space",
            1,
            9,
            "U+00A0",
        ),
        (
            "category: visits\nbody: B\nstats:\n  visited:\xa045\n",
            "E-invisible-space",
            4,
            11,
            "U+00A0",
        ),
        ("category: visits\n\xa0body: |\n  B\n", "E-invisible-space", 2, 1, "U+00A0"),
        # inside braces: it was E-figure with an empty quote (这里是“”)
        (
            "category: visits\nbody: B\nstats: {visited:\xa012}\n",
            "E-invisible-space",
            3,
            17,
            "U+00A0",
        ),
        ("\u200bcategory: visits\nbody: B\n", "E-invisible-space", 1, 1, "零宽空格（U+200B）"),
        # text that starts with a symbol YAML reads as something else
        *(
            (f"category: visits\nbody: {text}B\n", "E-yaml-indicator", 2, 7, f"以“{text[0]}”开头")
            for text in (
                "@全体居民 ",
                "%",
                "`社工`",
                "[社工在行动]",
                "{社工}",
                "!重要 ",
                "&",
                ">",
                "- ",
            )
        ),
        # a Windows path in double quotes: \U, \微 and \n are escapes there
        *(
            (f'category: visits\nbody: B\nimages:\n  - "{path}"\n', "E-yaml-backslash", 4, at, "/")
            for path, at in (
                ("C:\\Users\\社工\\Desktop\\微信图片_20261118.png", 8),
                ("photos\\微信图片.png", 12),
                ("photos\\new.png", 12),
            )
        ),
        # keys out of line with their neighbours, a dash without its space, a Word bullet
        ("category: visits\n  body: B\n", "E-indent", 2, 3, "第 1 列"),
        ("entries:\n  - category: visits\n      body: B\n", "E-indent", 3, 7, "第 5 列"),
        ("entries:\n  - category: visits\n   body: B\n", "E-indent", 3, 4, "第 5 列"),
        # after a nested block (it said column 7, into stats), and past a body's own 电话:
        (
            "entries:\n  - category: visits\n    stats:\n      visited: 3\n   body: B\n",
            "E-indent",
            5,
            4,
            "第 5 列",
        ),
        (
            "entries:\n  - category: visits\n    body: |\n      WeChat: 关注\n     title: T\n",
            "E-indent",
            5,
            6,
            "第 5 列",
        ),
        ("entries:\n  -category: visits\n    body: B\n", "E-dash-space", 2, 3, "空一格"),
        ("entries:\n  — category: visits\n    body: B\n", "E-list-bullet", 2, 3, "“—”"),
        ("entries:\n  · category: visits\n    body: B\n", "E-list-bullet", 2, 3, "“·”"),
        # inside braces: a Chinese colon or comma, a number with a thousands separator
        (
            "category: visits\nbody: B\nstats: {visited：12}\n",
            "E-fullwidth-colon",
            3,
            16,
            "中文冒号",
        ),
        (
            "category: visits\nbody: B\nstats: {visited: 12，visited: 5}\n",
            "E-fullwidth-comma",
            3,
            20,
            "中文逗号",
        ),
        (
            "category: visits\nbody: B\nstats: {visited: 1,200}\n",
            "E-thousands-separator",
            3,
            18,
            "写 1200",
        ),
    ],
)
def test_a_slip_of_pasting_or_typing_is_named_in_words_where_it_is(
    tmp_path: Path, text: str, code: str, line: int, column: int, fact: str
) -> None:
    [problem] = problems_of(tmp_path, text.replace("B", BODY))
    assert where([problem]) == [(code, line, column)]
    assert fact in said_in_words(problem)


@pytest.mark.parametrize(
    "text",
    [
        "station: 惠安街道社工站\u200b\ncategory: 走访调研\u2060\nbody: B\n",
        "station: 惠安街道社工站\ndistrict: 兰考县\ufeff\ncategory: visits\nbody: B\n",
        "station: \xa0惠安街道社工站\xa0\ncategory: visits\nbody: B\n",
    ],
)
def test_invisible_characters_at_the_ends_of_a_name_are_dropped(tmp_path: Path, text: str) -> None:
    project_dir = write_project(
        tmp_path / "p", REGISTRY_TOML, {f"{WEEK}/a.yaml": text.replace("B", BODY)}
    )
    result = check(load_project(project_dir))
    assert result.problems == []
    assert [(e.stations, e.districts, e.category) for e in result.entries] == [
        (("惠安街道社工站",), ("兰考县",), "visits")
    ]


def test_invisible_characters_inside_a_body_are_kept(tmp_path: Path) -> None:
    body = "\xa0\xa0社工走访👨\u200d👩\u200d👧一家，" + BODY
    text = f"category: visits\nbody: |\n  {body}\n  - 上门\xa0服务\n"
    project_dir = write_project(tmp_path / "p", REGISTRY_TOML, {f"{WEEK}/a.yaml": text})
    [entry] = check(load_project(project_dir)).entries
    assert "走访👨\u200d👩\u200d👧一家" in entry.body and "上门\xa0服务" in entry.body


@pytest.mark.parametrize(
    "text",
    [
        "category: visits\nbody: 社工{主题：关爱，陪伴}" + BODY + "\n",
        'category: visits\ntitle: "第一期\\t活动"\nbody: ' + BODY + "\n",
        "category: visits\nbody: " + BODY + "\nstats: {visited: 1200}\n",
    ],
)
def test_braces_commas_and_escapes_in_text_are_no_slip(tmp_path: Path, text: str) -> None:
    assert problems_of(tmp_path, text) == []


@pytest.mark.parametrize(
    ("written", "code", "column"),
    [
        ("2022-11-31", "E-impossible-date", 7),
        ("上周三", "E-date", 7),
        ("11月18日、32日", "E-impossible-date", 14),
    ],
)
def test_a_date_that_cannot_be_read_is_one_error_not_also_several_dates_with_an_end(
    tmp_path: Path, written: str, code: str, column: int
) -> None:
    """After 2022-11-31, 写了多个日期时不能再写 end: followed, of a single date."""
    text = f"category: visits\nbody: {BODY}\ndate: {written}\nend: 2022-11-20\n"
    assert where(problems_of(tmp_path, text)) == [(code, 3, column)]


def test_an_end_without_a_date_says_the_date_is_missing(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, f"category: visits\nbody: {BODY}\nend: 2022-11-20\n")
    assert where(problems) == [("E-end-without-date", 3, 6)]
    assert "没有写开始日期 date:" in render_message(problems[0], "zh")


@pytest.mark.parametrize(
    ("written", "code", "line", "column", "said"),
    [
        (
            "by_group: {低保: 20, 残疾人: 10}",
            "E-by-group-metric",
            4,
            16,
            "by_group 里的“低保: 20”少了一层",
        ),
        ("stats:\n  - served: 50", "E-list-for-mapping", 5, 3, "请去掉行首的“- ”或方括号"),
        ("time: [上午, 下午]", "E-type-text", 4, 7, "写成一段文字；几项之间用“、”隔开"),
        ("stats: 12", "E-type-shape", 4, 8, "stats（数据） 应是“键: 值”的组合"),
    ],
)
def test_a_mapping_or_list_of_the_wrong_kind_is_never_told_to_be_quoted(
    tmp_path: Path, written: str, code: str, line: int, column: int, said: str
) -> None:
    """请给它加上引号 was the hint for by_group without its metric and stats written as a list,
    where quotes only make things worse."""
    text = f"category: visits\nbody: {BODY}\ndate: 2022-11-21\n{written}\n"
    problems = problems_of(tmp_path, text)
    assert where(problems)[0] == (code, line, column)
    message = render_message(problems[0], "zh")
    assert said in message and "引号" not in message


def test_a_metric_may_be_written_by_its_label_as_a_category_by_its_title(tmp_path: Path) -> None:
    """stats: {走访: 12} was 没有登记数据项“走访”, with 走访 the label of visited."""
    text = f"category: visits\nbody: {BODY}\nstats: {{走访: 12}}\nby_group: {{走访: {{低保: 5}}}}\n"
    project_dir = write_project(tmp_path / "p", REGISTRY_TOML, {f"{WEEK}/a.yaml": text})
    result = check(load_project(project_dir))
    assert result.problems == []
    [stat] = result.entries[0].stats
    assert (stat.key, str(stat.figure), str(stat.by_group[0].figure)) == ("visited", "12", "5")
    problems = problems_of(
        tmp_path, f"category: visits\nbody: {BODY}\nstats: {{visited: 3, 走访: 12}}\n"
    )
    assert where(problems) == [("E-metric-repeated", 3, 21)]
    assert render_message(problems[0], "zh").startswith(
        "“走访”和“visited”是同一个数据项，写了两次。"
    )


def test_one_photo_written_as_one_text_is_that_photo(tmp_path: Path) -> None:
    """images: a.jpg was E-type-shape (应是列表), while station: x is one station."""
    photo = tmp_path / "p" / WEEK / "照片" / "走访1.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(photo, "JPEG")
    text = f"category: visits\ndate: 2022-11-21\nbody: {BODY}\nimages: 照片/走访1.jpg\n"
    project_dir = write_project(tmp_path / "p", REGISTRY_TOML, {f"{WEEK}/a.yaml": text})
    result = check(load_project(project_dir))
    assert result.problems == []
    assert [image.path.name for image in result.entries[0].images] == ["走访1.jpg"]
    problems = problems_of(tmp_path, text.replace("走访1.jpg", "走访2.jpg"))
    assert where(problems) == [("E-image-missing", 4, 9)]
    assert render_message(problems[0], "zh").startswith(
        "找不到图片“照片/走访2.jpg”。你是不是想写“照片/走访1.jpg”？"
    )


def test_entries_written_under_another_key_is_one_problem_that_suggests_entries(
    tmp_path: Path,
) -> None:
    """entry: for entries: suggested end, left entries out of the keys allowed, and added
    缺少 category and 缺少 body at 1:1."""
    text = (
        "station: 惠安街道社工站\nentry:\n"
        f"  - category: visits\n    body: {BODY}\n"
        f"  - category: vists\n    body: {BODY}\n"
    )
    problems = problems_of(tmp_path, text)
    assert where(problems) == [("E-unknown-field", 2, 1), ("E-unknown-category", 5, 15)]
    assert render_message(problems[0], "zh") == (
        "不认识的项 entry。你是不是想写“entries”？可以写的项：category、body、station、district、"
        "org、date、end、time、title、images、stats、groups、by_group、ignore、entries。"
    )


def test_an_unknown_key_at_the_top_of_a_file_lists_entries_among_the_keys(tmp_path: Path) -> None:
    text = f"category: visits\nbody: {BODY}\nentrie: 3\nphotos: [{{src: a.jpg}}]\n"
    problems = problems_of(tmp_path, text)
    assert where(problems) == [("E-unknown-field", 3, 1), ("E-unknown-field", 4, 1)]
    assert [p.args["suggestion"] for p in problems] == ["entries", ""]
    assert render_message(problems[0], "zh").endswith("ignore、entries。")
    inside = f"entries:\n  - category: visits\n    body: {BODY}\n    entrie: 3\n"
    [problem] = problems_of(tmp_path, inside)
    assert "entries" not in problem.args["choices"]  # not inside an entry


def test_an_unknown_metric_like_a_label_suggests_that_metric(tmp_path: Path) -> None:
    """走访人数 got no suggestion, with 走访 the label of visited."""
    problems = problems_of(tmp_path, f"category: visits\nbody: {BODY}\nstats: {{走访人数: 3}}\n")
    assert where(problems) == [("E-unknown-metric", 3, 9)]
    assert render_message(problems[0], "zh") == (
        "bulletin.toml 没有登记数据项“走访人数”。你是不是想写“visited（走访）”？"
        "可用的数据项：visited（走访）。"
    )


def test_an_archive_whose_only_entries_are_misfiled_says_where_they_are(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """build --all said only 还没有任何一周的条目, hiding the folder they were in."""
    (kaifeng / "entries/2022-W47").rename(kaifeng / "entries/2022-47")
    code, _, err = run(kaifeng, "build", "--all")
    assert code == 1 and "[E-no-weeks]" in err and "entries/2022-47: warning:" in err


def test_a_name_in_a_list_is_pointed_at_itself_not_inside_an_earlier_one(tmp_path: Path) -> None:
    """惠安 of 惠安街道社工站、惠安 was pointed at the first, registered, name."""
    toml = MINIMAL_TOML + '[[districts]]\nname = "兰考县"\nstations = ["惠安街道社工站"]\n'
    text = "station: 惠安街道社工站、惠安\ncategory: visits\nbody: " + BODY + "\n"
    project = write_project(tmp_path / "p", toml, {f"{WEEK}/a.yaml": text})
    [problem] = check(load_project(project)).problems
    assert (problem.code, problem.location.column) == ("E-unknown-station", 18)


def test_a_label_two_metrics_share_names_both_not_one_at_random(tmp_path: Path) -> None:
    """走访 was 没有登记, then 你是不是想写 one of the two metrics labelled 走访."""
    toml = REGISTRY_TOML + '[[metrics]]\nkey = "visited_kids"\nlabel = "走访"\nunit = "人次"\n'
    text = f"category: visits\nbody: {BODY}\nstats: {{走访: 3}}\n"
    [problem] = problems_of(tmp_path, text, toml)
    assert problem.code == "E-metric-label-shared"
    assert render_message(problem, "zh") == (
        "“走访”是几个数据项共用的名称：visited（走访）、visited_kids（走访）。请写数据项的键，说清是哪一个。"
    )
