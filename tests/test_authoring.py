"""`bulletin init` and `bulletin new` as a station worker meets them, prompts included.

The prompts are driven through a pseudo-terminal against the installed console script, so
what is tested is what a worker sees at a real terminal.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pexpect
import pytest

from bulletin.config import read_config
from helpers import MINIMAL_TOML, write_project

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
WEEK = "entries/2022-W47"


def exit_status(session: pexpect.spawn) -> int | None:
    """How the command ended, once it has said all it had to."""
    session.expect(pexpect.EOF)
    session.close()
    return session.exitstatus


def terminal(folder: Path, *args: str, **env: str) -> pexpect.spawn:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CI", "BULLETIN_LANG", "EDITOR", "VISUAL")
    }
    environment.update(env)
    return pexpect.spawn(
        BULLETIN,
        ["new", *args],
        cwd=str(folder),
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 200),
    )


def entry_files(project: Path) -> list[Path]:
    return sorted((project / "entries").rglob("*.yaml"))


def test_init_then_new_at_the_prompts_then_build(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(tmp_path, "init", "周报")
    project = tmp_path / "周报"
    assert code == 0 and "bulletin new" in out
    assert run(project, "check")[0] == 0

    session = terminal(project)
    session.expect("社工站名称")
    session.sendline("惠安街道社工站")
    session.expect("8. 关心关爱特殊困难群体")
    session.expect("类别")
    session.sendline("1")
    session.expect(r"日期 \[\d{4}-\d\d-\d\d\]")
    session.sendline("2022年11月18日")
    session.expect("标题")
    session.sendline("与长者谈心谈话")
    session.expect("正文")
    session.sendline("社工来到桂李寨村回访老人，送去链接来的衣物。")
    assert exit_status(session) == 0, session.before

    written = entry_files(project)
    assert [p.relative_to(project).as_posix() for p in written] == [
        "entries/2022-W46/惠安街道社工站/2022-11-18-与长者谈心谈话.yaml"
    ]
    assert run(project, "check")[0] == 0
    code, out, _ = run(project, "build", "2022-W46")
    assert code == 0, out
    markdown = (project / "build/2022-W46/bulletin.md").read_text(encoding="utf-8")
    assert "## 01 走访调研" in markdown
    assert "**与长者谈心谈话**" in markdown
    assert "社工来到桂李寨村回访老人" in markdown


def test_init_gives_the_guide_the_gitignore_and_the_seed_categories(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(tmp_path, "init")[0] == 0
    config = read_config(tmp_path / "bulletin.toml")
    assert [c.title for c in config.categories] == [
        "走访调研",
        "督导培训",
        "便民服务",
        "个案服务",
        "小组工作",
        "社区活动",
        "志愿服务",
        "关心关爱特殊困难群体",
    ]
    ignored = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "build/" in ignored and "private-names.txt" in ignored
    assert "bulletin check" in (tmp_path / "填写说明.md").read_text(encoding="utf-8")
    assert (tmp_path / "entries").is_dir()


def test_init_never_overwrites_a_project(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    before = (kaifeng / "bulletin.toml").read_bytes()
    code, _, err = run(kaifeng, "init")
    assert code == 2 and "[E-init-exists]" in err and "不会覆盖" in err
    assert (kaifeng / "bulletin.toml").read_bytes() == before
    assert not (kaifeng / "填写说明.md").exists()


def test_init_in_a_git_repository_adds_its_lines_to_the_gitignore(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".gitignore").write_text("*.pyc\nbuild/\n", encoding="utf-8")
    assert run(tmp_path, "init")[0] == 0
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["*.pyc", "build/"]
    assert lines.count("build/") == 1 and "private-names.txt" in lines


def test_init_keeps_a_windows_gitignores_line_ends(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Every line of it was rewritten with LF: a diff of the whole file in git."""
    (tmp_path / ".gitignore").write_bytes(b"*.pyc\r\nThumbs.db")
    assert run(tmp_path, "init")[0] == 0
    written = (tmp_path / ".gitignore").read_bytes()
    assert written.startswith(b"*.pyc\r\nThumbs.db\r\n") and b"private-names.txt\r\n" in written
    assert written.count(b"\n") == written.count(b"\r\n")


def test_new_finds_a_station_by_part_of_its_name_and_asks_again_after_a_wrong_answer(
    kaifeng: Path,
) -> None:
    session = terminal(kaifeng, "--date", "2022-11-21", "--title", "手工小组")
    session.expect("社工站")
    session.sendline("兰")  # 兰阳街道社工站, 兰考县 …: a numbered choice
    session.expect(r"\d+\. 兰阳街道社工站（兰考县）")
    index = session.match.group(0).split(".")[0]
    session.expect("请输入编号")
    session.sendline(index)
    session.expect("类别")
    session.sendline("小组活动")
    session.expect("没有“小组活动”这个类别")
    session.expect("类别")
    session.sendline("小组")
    session.expect("正文")
    session.sendline("社工带领孩子们完成手工小组第三节。")
    assert exit_status(session) == 0, session.before

    path = kaifeng / WEEK / "兰阳街道社工站" / "2022-11-21-手工小组.yaml"
    text = path.read_text(encoding="utf-8")
    assert "station: 兰阳街道社工站\ndistrict: 兰考县\ncategory: groupwork\n" in text


def test_new_never_prompts_in_ci_even_at_a_terminal(kaifeng: Path) -> None:
    session = terminal(kaifeng, "--category", "visits", CI="true")
    assert exit_status(session) == 2
    assert "--station" in session.before and "--body" in session.before
    assert "社工站（" not in session.before


def test_new_from_flags_names_each_missing_flag(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    before = entry_files(kaifeng)
    code, _, err = run(kaifeng, "new", "--category", "visits")
    assert code == 2
    assert "--station" in err and "--body" in err and err.count("[E-new-missing]") == 2
    code, _, err = run(kaifeng, "--lang", "en", "new", "-c", "visits", "-s", "惠安")
    assert code == 2 and "Give it with --body" in err
    assert entry_files(kaifeng) == before


def test_new_from_flags_writes_a_file_that_passes_check_and_never_collides(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    args = ["new", "-s", "惠安", "-c", "care", "-d", "2022-11-22", "-t", "true", "--time", "15:30"]
    args += ["--stat", "visited=12", "--stat", "households=6余", "-b", "第一行\n\n第二行"]
    assert run(kaifeng, *args)[0] == 0
    assert run(kaifeng, *args)[0] == 0
    folder = kaifeng / WEEK / "惠安街道社工站"
    first, second = folder / "2022-11-22-true.yaml", folder / "2022-11-22-true-2.yaml"
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert 'title: "true"' in text and "body: |\n  第一行\n\n  第二行\n" in text
    assert run(kaifeng, "check")[0] == 0


def test_new_takes_a_period_as_check_does_and_asks_again_for_one_that_ends_before_it_starts(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    given = ["-s", "惠安", "-c", "visits", "-b", "社工入户走访三户困难老人。"]
    assert run(kaifeng, "new", *given, "-t", "入户", "-d", "2022年11月22日-23日")[0] == 0
    text = (kaifeng / WEEK / "惠安街道社工站" / "2022-11-22-入户.yaml").read_text(encoding="utf-8")
    assert "date: 2022-11-22\nend: 2022-11-23\n" in text

    session = terminal(kaifeng, *given, "-t", "小组")
    session.expect("日期")
    session.sendline("2022年11月23日-22日")
    session.expect("早于开始日期")
    session.expect("日期")
    session.sendline("2022年11月18日至11月19日")
    assert exit_status(session) == 0, session.before
    text = (kaifeng / WEEK / "惠安街道社工站" / "2022-11-18-小组.yaml").read_text(encoding="utf-8")
    assert "date: 2022-11-18\nend: 2022-11-19\n" in text


def test_new_reports_what_the_check_would_and_writes_nothing(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    before = entry_files(kaifeng)
    code, _, err = run(
        kaifeng, "new", "-s", "惠安", "-c", "visits", "-b", "x", "--stat", "visitd=3"
    )
    assert code == 1
    assert "bulletin new --stat" in err and "你是不是想写“visited”" in err
    code, _, err = run(kaifeng, "new", "-s", "城关", "-c", "visits", "-b", "x")
    assert code == 2 and "[E-new-unknown-station]" in err
    # The check rules too, not only the schema: a future date is refused, not written.
    code, _, err = run(
        kaifeng, "new", "-s", "惠安", "-c", "visits", "-d", "2099-01-05", "-b", "入户走访。"
    )
    assert code == 1 and "[E-future-date]" in err
    assert entry_files(kaifeng) == before


def test_new_shows_what_check_would_warn_of_the_written_entry_and_its_duplicate(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    body = "社工走访服务对象张秀英，身份证11010519491231002X，电话13812345678"
    args = ["new", "--no-input", "-s", "惠安", "-c", "个案服务", "-d", "2022-11-18", "-b", body]
    code, out, err = run(kaifeng, *args)
    first = f"{WEEK}/惠安街道社工站/2022-11-18-个案服务.yaml"
    assert code == 0 and f"已写入 {first}" in out
    assert f"{first}:6:11: warning: 这里有疑似服务对象真实姓名" in err
    assert f"{first}:6:18: warning: 这里写了一个身份证号" in err
    assert f"{first}:6:39: warning: 这里写了一个手机号" in err
    # Only what concerns the new file: the week's other files have warnings of their own.
    assert err.count(" warning: ") == 3 and err.endswith("0 个错误，3 个警告。\n")

    code, out, err = run(kaifeng, *args)
    second = f"{WEEK}/惠安街道社工站/2022-11-18-个案服务-2.yaml"
    assert code == 0 and f"已写入 {second}" in out
    assert f"{first}:1:1: warning: 这一条与 {second}:1:1 那一条重复" in err
    assert err.count(" warning: ") == 4
    _, checked, _ = run(kaifeng, "check", WEEK)
    assert all(line in checked for line in err.splitlines()[:-1])  # worded as check words them


def test_new_starts_with_the_schema_comment_when_the_project_has_a_schema(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"bulletin.schema.json": "{}"})
    code, _, _ = run(project, "new", "-s", "某站", "-c", "visits", "-b", "x", "-d", "2022-11-18")
    assert code == 0
    (written,) = entry_files(project)
    first_line = written.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../../bulletin.schema.json"
    assert run(project, "check")[0] == 0


def test_new_uses_today_and_the_week_start_of_the_project(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "p", 'week_start = "friday"\n' + MINIMAL_TOML, {})
    assert run(project, "new", "-s", "某站", "-c", "visits", "-b", "x")[0] == 0
    (written,) = entry_files(project)
    today = date.today()
    assert f"date: {today.isoformat()}" in written.read_text(encoding="utf-8")
    # Friday 2022-11-18 opens the reporting week named 2022-W47 when weeks start on Friday.
    assert run(project, "new", "-s", "某站", "-c", "visits", "-b", "y", "-d", "2022-11-18")[0] == 0
    assert (project / WEEK / "某站").is_dir()


@pytest.mark.parametrize("body", ["- 一\n- 二", "  缩进开头", "含有 # 号和: 冒号", "'引号'"])
def test_bodies_of_any_shape_round_trip(tmp_path: Path, run, body: str) -> None:  # type: ignore[no-untyped-def]
    from bulletin.check import check
    from bulletin.config import load_project

    project = write_project(tmp_path / "p", MINIMAL_TOML, {})
    assert run(project, "new", "-s", "某站", "-c", "visits", "-b", body, "-d", "2022-11-18")[0] == 0
    (entry,) = check(load_project(project)).entries
    assert entry.body == body.strip()


def test_without_an_editor_set_the_body_is_never_written_in_vi(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter at the body question opened vi, which a worker who never used it cannot leave."""
    from bulletin.console import ConsoleTerminal

    opened = tmp_path / "opened"
    fake_vi = tmp_path / "bin/vi"
    fake_vi.parent.mkdir()
    fake_vi.write_text(f"#!/bin/sh\n: > {opened}\n", encoding="utf-8")
    fake_vi.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake_vi.parent))
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    assert ConsoleTerminal().edit() is None and not opened.exists()


@pytest.mark.parametrize("written", ["惠按", "惠安街到社工站"])
def test_a_mistyped_station_in_new_is_told_the_name_it_may_mean(
    kaifeng: Path, run, written: str
) -> None:  # type: ignore[no-untyped-def]
    """惠按 got no suggestion, and was told to write the full name the question says it need not."""
    code, _, err = run(
        kaifeng, "new", "--no-input", "-s", written, "-c", "visits", "-b", "入户走访。"
    )
    assert code == 2 and "你是不是想写“惠安街道社工站”？" in err
    assert "写站名的一部分就可以" in err and "全名" not in err


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2022年11月18日（周四）", "2022-11-18 是星期五"),
        ("11月18日上午", "time:"),
        ("17-18日", "请写上月份"),
    ],
)
def test_new_says_what_is_wrong_with_a_date_whole(
    kaifeng: Path, run, written: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    """The messages' facts were left out: 里的“”不对： 是。"""
    code, _, err = run(
        kaifeng,
        "new",
        "--no-input",
        "-s",
        "惠安",
        "-c",
        "visits",
        "-d",
        written,
        "-b",
        "入户走访。",
    )
    assert code == 2 and said in err and "“”" not in err


def test_the_guides_body_with_a_list_and_a_table_checks_clean_and_builds_as_such(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    assert run(tmp_path, "init")[0] == 0
    guide = (tmp_path / "填写说明.md").read_text(encoding="utf-8")
    example = guide.split("正文里可以分段")[1].split("```yaml\n")[1].split("```")[0]
    entry = "category: 走访调研\ndate: 2024-03-08\n" + example
    week = tmp_path / "entries/2024-W10"
    week.mkdir(parents=True)
    (week / "a.yaml").write_text(entry, encoding="utf-8")
    code, out, _ = run(tmp_path, "check")
    assert code == 0 and "检查通过" in out and "warning" not in out, out
    assert run(tmp_path, "build", "2024-W10")[0] == 0
    page = (tmp_path / "build/2024-W10/bulletin.html").read_text(encoding="utf-8")
    assert "<li>走访高龄老人 12 户</li>" in page and "<td>桂李寨村</td>" in page
