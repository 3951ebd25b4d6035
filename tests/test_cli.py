"""The command line as users meet it: exit codes, located messages, both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import MINIMAL_TOML, write_project

WEEK = "entries/2022-W47"


def test_check_passes_on_the_example(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(kaifeng, "check")
    assert code == 0
    assert "检查通过" in out


def test_misspelt_category_fails_check_with_file_line_column_and_suggestion(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    entry = kaifeng / WEEK / "兰考县" / "惠安街道社工站.yaml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("category: casework", "category: casewrok", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(entry.read_text().splitlines(), 1) if "casewrok" in row)
    column = entry.read_text().splitlines()[line - 1].index("casewrok") + 1

    code, out, _ = run(kaifeng, "check")
    assert code == 1
    assert f"{WEEK}/兰考县/惠安街道社工站.yaml:{line}:{column}: error: " in out
    assert "你是不是想写“casework”" in out
    assert "[E-unknown-category]" in out

    code, out, _ = run(kaifeng, "--lang", "en", "check")
    assert code == 1
    assert "Did you mean 'casework'?" in out


def test_check_limited_to_a_path(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    (kaifeng / WEEK / "坏.yaml").write_text("category: nope\nbody: x\n", encoding="utf-8")
    code, _, _ = run(kaifeng, "check", f"{WEEK}/兰考县")
    assert code == 0
    code, out, _ = run(kaifeng, "check", f"{WEEK}/坏.yaml")
    assert code == 1 and "坏.yaml:1:11" in out


def test_check_outside_any_project_is_a_usage_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(tmp_path, "check")
    assert code == 2
    assert "bulletin.toml" in err


def test_bad_config_is_a_usage_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "p", MINIMAL_TOML + "colour = 1\n", {})
    code, _, err = run(project, "check")
    assert code == 2
    assert "bulletin.toml:" in err and "[E-unknown-field]" in err


def test_build_writes_both_files_and_the_images(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(kaifeng, "build", "week-47")
    assert code == 0, out
    folder = kaifeng / "build" / "2022-W47"
    assert (folder / "bulletin.md").is_file() and (folder / "bulletin.html").is_file()
    assert len(list((folder / "images").iterdir())) == 11
    assert "写入 build/2022-W47/bulletin.md" in out


def test_build_accepts_every_week_spelling_and_project_option(
    kaifeng: Path, tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    for spec in ("47", "2022-W47", "2022-w47", "week-47"):
        code, out, _ = run(tmp_path, "-C", str(kaifeng), "build", spec, "--format", "md")
        assert code == 0, (spec, out)
    assert not (kaifeng / "build" / "2022-W47" / "bulletin.html").exists()


def test_build_with_an_error_writes_nothing_and_keeps_the_last_bulletin(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(kaifeng, "build", "47")[0] == 0
    previous = (kaifeng / "build" / "2022-W47" / "bulletin.md").read_bytes()
    (kaifeng / WEEK / "全市.yaml").write_text("category: visits\n", encoding="utf-8")
    code, _, err = run(kaifeng, "build", "47")
    assert code == 1
    assert "[E-missing-field]" in err and "未生成任何文件" in err
    assert (kaifeng / "build" / "2022-W47" / "bulletin.md").read_bytes() == previous


def test_errors_in_another_week_do_not_block_the_build(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    bad = kaifeng / "entries" / "2022-W46" / "a.yaml"
    bad.parent.mkdir()
    bad.write_text("category: nope\n", encoding="utf-8")
    assert run(kaifeng, "build", "47")[0] == 0
    assert run(kaifeng, "check")[0] == 1


def test_build_of_a_week_without_entries(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(kaifeng, "build", "2022-W40")
    assert code == 1
    assert "2022-W40" in err and "[E-no-entries]" in err


def test_build_of_a_week_that_does_not_exist_is_a_usage_error(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    for spec in ("2022-W54", "week-99", "next"):
        code, _, err = run(kaifeng, "build", spec)
        assert code == 2, spec
        # Nothing in a file is wrong, so the message has no file:line:col in front of it.
        assert err.startswith("error: 看不懂周次") and "[E-week-spec]" in err


def test_build_out_folder(kaifeng: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(kaifeng, "build", "47", "--out", str(tmp_path / "site"))[0] == 0
    assert (tmp_path / "site" / "2022-W47" / "bulletin.html").is_file()
    assert not (kaifeng / "build").exists()


def test_build_is_byte_identical_when_repeated(kaifeng: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    run(kaifeng, "build", "47", "--out", str(tmp_path / "one"))
    run(kaifeng, "build", "47", "--out", str(tmp_path / "two"))
    one = sorted((tmp_path / "one").rglob("*"))
    two = sorted((tmp_path / "two").rglob("*"))
    assert [p.relative_to(tmp_path / "one") for p in one] == [
        p.relative_to(tmp_path / "two") for p in two
    ]
    for a, b in zip(one, two, strict=True):
        assert a.is_dir() or a.read_bytes() == b.read_bytes(), a


def test_source_date_epoch_adds_the_date_and_nothing_else_does(
    kaifeng: Path, run, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    run(kaifeng, "build", "47", "-f", "md")
    assert "编制日期" not in (kaifeng / "build/2022-W47/bulletin.md").read_text()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1669852800")
    run(kaifeng, "build", "47", "-f", "md")
    assert "编制日期：2022年12月1日" in (kaifeng / "build/2022-W47/bulletin.md").read_text()


def test_date_prints_the_publication_date_under_the_title_in_every_format(
    kaifeng: Path, run, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The seed bulletin shows 2022-12-01 under its title; SOURCE_DATE_EPOCH, in Unix seconds,
    was the only way, and printed it at the very end."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1669939200")  # 2022年12月2日: --date wins
    for written in ("2022-12-01", "2022年12月1日", "12月1日", "１２月１日"):
        code, out, err = run(
            kaifeng, "build", "47", "-f", "md", "-f", "html", "-f", "wechat", "--date", written
        )
        assert code == 0, out + err
        folder = kaifeng / "build/2022-W47"
        markdown = (folder / "bulletin.md").read_text(encoding="utf-8").splitlines()
        assert markdown[:5] == [
            "# 开封市社工站十一月第四周工作动态",
            "",
            "2022年11月18日-11月24日（2022-W47）",
            "",
            "编制日期：2022年12月1日",
        ]
        assert markdown.count("编制日期：2022年12月1日") == 1
        page = (folder / "bulletin.html").read_text(encoding="utf-8")
        assert "（2022-W47）<br>编制日期：2022年12月1日</p>" in page
        assert page.index("编制日期") < page.index("本周概况") and "<footer>" not in page
        article = (folder / "wechat.fragment.html").read_text(encoding="utf-8")
        assert "（2022-W47）<br>编制日期：2022年12月1日</p>" in article
        assert article.count("编制日期") == 1
    # Another date is another bulletin (not the cached one); without --date, SOURCE_DATE_EPOCH's.
    for args, shown in ((["--date", "2022-12-05"], "2022年12月5日"), ([], "2022年12月2日")):
        assert run(kaifeng, "build", "47", "-f", "md", *args)[0] == 0
        markdown = (kaifeng / "build/2022-W47/bulletin.md").read_text(encoding="utf-8")
        assert markdown.splitlines()[4] == f"编制日期：{shown}"


@pytest.mark.parametrize(
    ("written", "code", "says"),
    [
        ("2022-12-32", "E-impossible-date", "日期“2022-12-32”不存在"),
        ("12月1日上午", "E-publication-date", "看不懂 --date 后面的日期“12月1日上午”"),
        ("下周一", "E-publication-date", "请写周报的编制日期，如 --date 2022-12-01"),
        (
            "2022-11-01",
            "E-publication-early",
            "编制日期 2022-11-01 在 2022-W47（2022年11月18日-11月24日）开始之前",
        ),
    ],
)
def test_a_date_that_cannot_be_the_weeks_is_a_usage_error_in_chinese(
    kaifeng: Path, run, written: str, code: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    exit_code, _, err = run(kaifeng, "build", "47", "--date", written)
    assert exit_code == 2 and err.startswith("--date: error: ")
    assert says in err and f"[{code}]" in err
    assert not (kaifeng / "build").exists()


def test_date_names_one_week_so_all_weeks_refuse_it(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(kaifeng, "build", "--all", "--date", "2022-12-01")
    assert code == 2 and "[E-date-all]" in err and "bulletin build week-47 --date" in err
    code, _, err = run(kaifeng, "--lang", "en", "build", "--all", "--date", "2022-12-01")
    assert "--date is one week's publication date and cannot go with --all" in err


def test_project_template_overrides_the_builtin_one(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    (kaifeng / "templates").mkdir()
    (kaifeng / "templates" / "bulletin.md.j2").write_text(
        "# {{ bulletin.title }}\n", encoding="utf-8"
    )
    run(kaifeng, "build", "47", "-f", "md")
    assert (
        kaifeng / "build/2022-W47/bulletin.md"
    ).read_text() == "# 开封市社工站十一月第四周工作动态\n"


def test_broken_template_override_names_the_template_and_line(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    (kaifeng / "templates").mkdir()
    (kaifeng / "templates" / "bulletin.md.j2").write_text(
        "# ok\n{% for x in %}\n", encoding="utf-8"
    )
    code, _, err = run(kaifeng, "build", "47")
    assert code == 2
    assert "bulletin.md.j2:2:" in err and "[E-template]" in err


def test_english_messages(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(kaifeng, "--lang", "en", "build", "47")
    assert code == 0
    assert "Built 2022-W47" in out


def test_version_and_help(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(tmp_path, "--version")
    assert code == 0 and out.startswith("bulletin ")
    code, out, _ = run(tmp_path, "--help")
    assert code == 0 and "check" in out and "build" in out


def test_weeks_at_the_ends_of_the_calendar_are_refused_not_crashed(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(kaifeng, "build", "0001-W01")
    assert code == 2 and "[E-week-spec]" in err
    odd = kaifeng / "entries" / "0001-W01" / "a.yaml"
    odd.parent.mkdir()
    odd.write_text("category: visits\nbody: 走访。\n", encoding="utf-8")
    code, out, _ = run(kaifeng, "check")
    assert code == 1 and "[E-week-folder]" in out


def test_out_of_range_numbers_are_usage_errors(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(kaifeng, "serve", "47", "--port", "99999")[0] == 2
    assert run(kaifeng, "stats", "--last", "200000")[0] == 2


def test_an_output_that_is_a_file_is_named_so_and_left_alone(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """It was E-write with the system's English (File exists) and advice about disk space."""
    before = (kaifeng / "bulletin.toml").read_bytes()
    code, _, err = run(kaifeng, "build", "47", "--out", "bulletin.toml")
    assert code == 2 and "“bulletin.toml”是一个文件，不是文件夹" in err
    assert (kaifeng / "bulletin.toml").read_bytes() == before


def test_an_output_folder_inside_the_entries_is_refused(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    before = sorted(p.name for p in (kaifeng / WEEK).rglob("*"))
    code, _, err = run(kaifeng, "build", "47", "--out", "entries")
    assert code == 2 and "[E-out-folder]" in err
    assert sorted(p.name for p in (kaifeng / WEEK).rglob("*")) == before


def test_check_of_a_path_that_does_not_exist_fails_instead_of_passing(
    kaifeng: Path, tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(kaifeng, "check", "entries/2022-W74")
    assert code == 2 and "entries/2022-W74: error:" in err and "[E-no-such-path]" in err
    assert "检查通过" not in out
    code, _, err = run(kaifeng, "check", str(tmp_path))
    assert code == 2 and "[E-path-outside]" in err


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["chek"], "bulletin: error: 没有“chek”这个命令。你是不是想写“check”？"),
        (
            ["check", "--strickt"],
            "bulletin check: error: 没有 --strickt 这个选项。你是不是想写“--strict”？",
        ),
        (["status"], "bulletin status: error: 缺少 周次（如 week-47）。"),
        (["new", "--date"], "bulletin new: error: --date 后面要写上它的值。"),
        (["build", "47", "--format", "pdf"], "--format 只能写 md、html、wechat，这里写的是“pdf”。"),
        (["stats", "--last", "abc"], "--last 要写一个整数，这里写的是“abc”。"),
        (["serve", "47", "--port", "99999"], "--port 应不大于 65535，这里写的是 99999。"),
        (
            ["--lang", "en", "chek"],
            "bulletin: error: There is no command 'chek'. Did you mean 'check'?",
        ),
    ],
)
def test_command_line_mistakes_are_said_in_the_users_language_with_exit_2(
    kaifeng: Path, run, words: list[str], expected: str
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(kaifeng, *words)
    assert code == 2 and out == ""
    assert expected in err
    assert "Usage:" not in err and "Traceback" not in err


def test_no_command_shows_the_help(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(kaifeng)
    assert code == 2
    assert "check" in out + err and "error" not in out + err


def test_english_counts_take_the_plural_they_need(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """They read "1 file(s), 1 entr(ies)" and "0 error(s), 1 warning(s)"."""
    body = "社工入户走访三户困难老人，了解他们的生活需要。"
    files = {f"{WEEK}/a.yaml": f"category: visits\ndate: 2022-11-20\nbody: {body}\n"}
    code, out, _ = run(write_project(tmp_path / "p", MINIMAL_TOML, files), "--lang", "en", "check")
    assert code == 0
    assert "1 day before it" in out
    assert out.splitlines()[-2:] == ["0 errors, 1 warning.", "All good: 1 file, 1 entry."]


def test_a_project_option_that_names_no_folder_or_the_config_itself(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(kaifeng.parent, "-C", "nowhere", "check")
    assert code == 2 and "nowhere: error: 没有这个文件夹" in err and "[E-no-project-folder]" in err
    code, out, _ = run(kaifeng.parent, "-C", "kaifeng/bulletin.toml", "check")
    assert code == 0 and "kaifeng/entries/2022-W47/" in out  # the project it is the config of
    code, _, err = run(kaifeng.parent, "-C", "kaifeng/entries", "check")
    assert code == 2 and "[E-no-project-here]" in err


def test_a_bracket_left_open_is_reported_where_it_opens(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Not on a line past the end of the file, where the parser gave up."""
    (kaifeng / "entries/2022-W47/u.yaml").write_text("x: [unclosed", encoding="utf-8")
    code, out, _ = run(kaifeng, "check", "entries/2022-W47/u.yaml")
    assert code == 1 and out.startswith("entries/2022-W47/u.yaml:1:4: error:")
