"""bulletin.toml: found upward, validated whole, every problem located in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.config import load_project
from bulletin.diagnostics import Problem, UsageError
from bulletin.messages import render_message
from helpers import MINIMAL_TOML, write_project


def config_problems(tmp_path: Path, toml: str) -> list[tuple[str, int, int, str]]:
    write_project(tmp_path / "p", toml, {})
    with pytest.raises(UsageError) as caught:
        load_project(tmp_path / "p")
    return [
        (p.code, p.location.line, p.location.column, str(p.args.get("suggestion", "")))
        for p in caught.value.problems
    ]


def test_project_is_found_from_a_subfolder(tmp_path: Path) -> None:
    write_project(tmp_path / "p", MINIMAL_TOML, {})
    (tmp_path / "p" / "entries" / "2022-W47").mkdir(parents=True)
    project = load_project(cwd=tmp_path / "p" / "entries" / "2022-W47")
    assert project.root == (tmp_path / "p").resolve()


def test_unknown_keys_are_errors_with_a_suggestion_at_their_line(tmp_path: Path) -> None:
    toml = 'week_strat = "friday"\n' + MINIMAL_TOML.replace(
        'title = "个案服务"', 'titel = "个案服务"'
    )
    assert sorted(config_problems(tmp_path, toml)) == [
        ("E-missing-field", 6, 3, ""),  # the [[categories]] header that lacks its title
        ("E-unknown-field", 1, 1, "week_start"),
        ("E-unknown-field", 8, 1, "title"),
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    toml = 'title = "{month}"\nweek_start = "fryday"\n[[categories]]\nkey = "a"\ntitle = "甲"\n'
    codes = [code for code, *_ in config_problems(tmp_path, toml)]
    assert sorted(codes) == ["E-config-placeholder", "E-config-week-start"]


def test_names_must_be_unique(tmp_path: Path) -> None:
    toml = MINIMAL_TOML + '[[categories]]\nkey = "visits"\ntitle = "其他"\n'
    assert config_problems(tmp_path, toml) == [("E-config-duplicate", 9, 7, "")]


def test_a_number_out_of_range_says_the_range_in_plain_words(tmp_path: Path) -> None:
    write_project(tmp_path / "p", MINIMAL_TOML + "[check]\nmin_body_chars = -1\n", {})
    with pytest.raises(UsageError) as caught:
        load_project(tmp_path / "p")
    [problem] = caught.value.problems
    assert (problem.code, problem.location.line) == ("E-range", 9)
    assert render_message(problem, "zh") == (
        "min_body_chars 应不小于 0，这里写的是 -1。请改成这个范围里的数。"
    )
    assert "at least 0, but it is -1" in render_message(problem, "en")


def test_toml_syntax_error_is_located(tmp_path: Path) -> None:
    [(code, line, _, _)] = config_problems(tmp_path, MINIMAL_TOML + 'oops = "unclosed\n')
    assert (code, line) == ("E-config-syntax", 8)


def only_problem(tmp_path: Path, toml: str) -> Problem:
    write_project(tmp_path / "p", toml, {})
    with pytest.raises(UsageError) as caught:
        load_project(tmp_path / "p")
    [problem] = caught.value.problems
    return problem


def test_a_key_written_twice_is_named_with_the_line_it_was_first_written_on(
    tmp_path: Path,
) -> None:
    """It was 格式有误：同一个键写了两次。请检查引号、等号和方括号是否成对, naming neither."""
    toml = 'archive_title = "甲"\nweek_start = "monday"\narchive_title = "乙"\n' + MINIMAL_TOML
    problem = only_problem(tmp_path, toml)
    assert (problem.code, problem.location.line, problem.location.column) == (
        "E-config-key-twice",
        3,
        1,
    )
    assert render_message(problem, "zh") == (
        "archive_title 写了两次，第 1 行已经写过。请只保留一处，删掉另一行。"
    )
    assert "'archive_title' is written twice: line 1" in render_message(problem, "en")


def test_a_key_written_twice_in_one_of_the_tables_is_found_in_that_table(tmp_path: Path) -> None:
    """Each [[categories]] has its own key; the second key of the second one is the repeat."""
    toml = MINIMAL_TOML.replace('title = "个案服务"', 'title = "个案服务"\nkey = "case"')
    problem = only_problem(tmp_path, toml)
    assert (problem.code, problem.location.line) == ("E-config-key-twice", 8)
    assert "key（键名） 写了两次，第 6 行已经写过" in render_message(problem, "zh")


@pytest.mark.parametrize(
    ("appended", "code", "said"),
    [
        (
            'trend = ["visited"]',  # the classic TOML trap: it lands in the last [[categories]]
            "E-config-misplaced-top",
            "trend 是写在文件开头的设置，写在 [[categories]] 下面就成了 [[categories]] 的一项："
            "TOML 把一个 [表] 行下面的键都算作这个表的。请把这一行移到第一个以 [ 或 [[ 开头的行之前。",
        ),
        (
            '[wechat]\ndigest = "本周要闻"',
            "E-config-misplaced-top",
            "digest（摘要） 是写在文件开头的设置，写在 [wechat] 下面就成了 [wechat] 的一项",
        ),
        (
            '[privacy]\nignore = ["W-short-body"]',
            "E-config-misplaced",
            "ignore（忽略的警告） 是 [check] 的设置，不是 [privacy] 的：TOML 把一个 [表] 行下面的键都"
            "算作这个表的。请把这一行移到 [check] 那一行的下面。",
        ),
    ],
    ids=["trend-after-categories", "digest-under-wechat", "ignore-under-privacy"],
)
def test_a_key_under_the_wrong_table_says_where_it_belongs(
    tmp_path: Path, appended: str, code: str, said: str
) -> None:
    """It was 不认识的项 trend。可以写的项：key、title, although trend is a valid setting."""
    toml = MINIMAL_TOML + appended + "\n"
    problem = only_problem(tmp_path, toml)
    assert (problem.code, problem.location.line) == (code, toml.count("\n"))
    assert said in render_message(problem, "zh")


def test_a_placeholder_names_the_setting_it_is_in(tmp_path: Path) -> None:
    """digest's unknown placeholder was said to be in the title (标题里的占位符)."""
    problem = only_problem(tmp_path, 'digest = "{foo}"\n' + MINIMAL_TOML)
    assert problem.code == "E-config-placeholder"
    assert render_message(problem, "zh").startswith("digest（摘要） 里的占位符 {foo} 不存在。")
    assert render_message(problem, "en").startswith("The placeholder {foo} in digest does not")


@pytest.mark.parametrize(
    ("written", "said", "line"),
    [
        ('archive_title = "C:\\Users\\a"', "路径请改用 /", 1),  # a Windows path
        ('archive_title = "x\\q"', "路径请改用 /", 1),
        ('archive_title = "未完', "引号没有成对", 1),
        ('archive_title = "a" b', "值的后面还有多余的内容", 1),
        ("[check]\n[check]", "同一个 [表] 写了两次", 2),
    ],
)
def test_more_toml_mistakes_are_named_in_chinese(
    tmp_path: Path, written: str, said: str, line: int
) -> None:
    """tomllib's English (Invalid hex value, Cannot declare ('check',) twice …) was shown."""
    write_project(tmp_path / "p", f"{written}\n{MINIMAL_TOML}", {})
    with pytest.raises(UsageError) as caught:
        load_project(tmp_path / "p")
    [problem] = caught.value.problems
    assert (problem.code, problem.location.line) == ("E-config-syntax", line)
    assert said in render_message(problem, "zh")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('[check]\nignore = "W-duplicate"', '应是列表，如 ["a", "b"]，这里写的是 "W-duplicate"。'),
        ('[check]\nduplicate_similarity = "高"', '应是数字（不加引号），这里写的是 "高"。'),
        ('[theme]\nfont_size = "16px"', '应是数字（不加引号），这里写的是 "16px"。'),
    ],
)
def test_a_setting_of_the_wrong_kind_is_said_the_way_toml_writes_it(
    tmp_path: Path, written: str, said: str
) -> None:
    """Not the entries' YAML advice (每行以“- ”开头, 请给它加上引号) for a value already quoted."""
    write_project(tmp_path / "p", f"{MINIMAL_TOML}{written}\n", {})
    with pytest.raises(UsageError) as caught:
        load_project(tmp_path / "p")
    [problem] = caught.value.problems
    assert problem.code == "E-config-type" and said in render_message(problem, "zh")


def test_a_toml_string_left_open_at_the_end_is_located_at_the_last_line(tmp_path: Path) -> None:
    write_project(tmp_path / "p", MINIMAL_TOML + 'archive_title = "未完', {})
    with pytest.raises(UsageError) as caught:
        load_project(tmp_path / "p")
    [problem] = caught.value.problems
    assert problem.location.line == MINIMAL_TOML.count("\n") + 1
    assert "引号没有成对" in render_message(problem, "zh")


def test_an_unknown_key_of_import_lists_the_keys_as_they_are_written(tmp_path: Path) -> None:
    """``import`` (not the attribute ``import_``), and the keys of ``[import]`` (none were)."""
    shown = []
    for name, toml in (
        ("top", "titel = 1\n" + MINIMAL_TOML),
        ("import", MINIMAL_TOML + "[import]\ncolums = {}\n"),
    ):
        write_project(tmp_path / name, toml, {})
        with pytest.raises(UsageError) as caught:
            load_project(tmp_path / name)
        shown += [render_message(problem, "zh") for problem in caught.value.problems]
    assert len(shown) == 2 and "、import、" in shown[0] and "import_" not in shown[0]
    assert "你是不是想写“columns”" in shown[1]


def test_week_start_accepts_chinese_weekdays(tmp_path: Path) -> None:
    write_project(tmp_path / "p", 'week_start = "周五"\n' + MINIMAL_TOML, {})
    assert load_project(tmp_path / "p").config.week_start == 4


def test_week_start_as_a_number_counts_from_monday_as_one(tmp_path: Path) -> None:
    """5 is 周五 to a coordinator; it was Saturday (counted from 0), and 9 or true passed."""
    write_project(tmp_path / "p", "week_start = 5\n" + MINIMAL_TOML, {})
    assert load_project(tmp_path / "p").config.week_start == 4
    for written in ("0", "9", "true"):
        problems = config_problems(tmp_path / written, f"week_start = {written}\n" + MINIMAL_TOML)
        assert [code for code, *_ in problems] == ["E-config-week-start"], written


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ('title = "开封{month_week"', "E-config-brace"),  # was pydantic's English
        ('title = "开封}"', "E-config-brace"),
        ("[check]\nmax_entry_mb = inf", "E-range"),  # was a traceback
        ("[check]\nmax_image_mb = 1e308", "E-range"),
        ('title = "   "', "E-empty"),  # an empty heading, and a post WeChat refuses
    ],
)
def test_a_setting_no_run_could_use_is_a_located_error(
    tmp_path: Path, written: str, code: str
) -> None:
    toml = MINIMAL_TOML.replace('title = "测试周报{month_week}"\n', "")
    problems = config_problems(tmp_path, f"{written}\n{toml}")
    assert [found for found, *_ in problems] == [code]
