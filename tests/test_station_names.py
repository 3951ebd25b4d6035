"""A renamed station: its former names in ``[former_names]`` keep past weeks as they were
reported, counted and published under the name it has now."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from bulletin.config import load_project
from bulletin.messages import render_message
from bulletin.schema import entry_file_schema
from helpers import MINIMAL_TOML
from test_config import config_problems, only_problem

FORMER = "仪封镇社工站"
CURRENT = "仪封镇社会工作服务站"
FORMER_NAMES = f'\n[former_names]          # 旧名称 = 现在的名称\n"{FORMER}" = "{CURRENT}"\n'
BODY = "社工入户走访三户困难老人，了解他们的生活需要。"


def renamed(kaifeng: Path, former_names: str = FORMER_NAMES) -> Path:
    """The example after 仪封镇社工站 was re-established as 仪封镇社会工作服务站: registered
    under its new name, the week after (2022-W48) reported under it, 2022-W47 as archived."""
    config = kaifeng / "bulletin.toml"
    text = config.read_text(encoding="utf-8").replace(f'"{FORMER}"', f'"{CURRENT}"')
    config.write_text(text + former_names, encoding="utf-8")
    week = kaifeng / "entries" / "2022-W48" / "兰考县" / f"{CURRENT}.yaml"
    week.parent.mkdir(parents=True)
    week.write_text(
        f"station: {CURRENT}\ncategory: visits\ndate: 2022-11-28\nbody: {BODY}\n"
        "stats: {visited: 3}\n",
        encoding="utf-8",
    )
    return kaifeng


def test_past_weeks_under_a_former_name_check_build_count_and_file_under_the_current_one(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    project = renamed(kaifeng)
    code, out, err = run(project, "check")
    assert code == 0, out + err
    assert "E-unknown-station" not in out + err

    code, out, err = run(project, "build", "--all")
    assert code == 0, out + err
    published = (project / "build" / "2022-W47" / "bulletin.md").read_text(encoding="utf-8")
    assert f"兰考县 · {CURRENT}*" in published and f"兰考县 · {FORMER}" not in published

    code, out, err = run(project, "stats", "--from", "47", "--to", "48", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [week["status"] for week in data["weeks"]] == ["ok", "ok"]
    stations = {
        row["week"]: row["value"]
        for row in data["rows"]
        if (row["dimension"], row["key"], row["measure"]) == ("district", "兰考县", "stations")
    }
    assert stations == {"2022-W47": 7, "2022-W48": 1}

    for week, entries in (("47", 2), ("48", 1)):
        code, out, _ = run(project, "status", week)
        assert code == 0
        assert f"{CURRENT}（{entries} 条）" in out and "未登记" not in out


def test_an_entry_naming_both_names_counts_the_station_once(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = renamed(kaifeng)
    both = project / "entries" / "2022-W48" / "兰考县" / "两个名称.yaml"
    both.write_text(
        f"station: [{FORMER}, {CURRENT}]\ncategory: visits\ndate: 2022-11-29\nbody: {BODY}\n",
        encoding="utf-8",
    )
    assert run(project, "build", "2022-W48")[0] == 0
    published = (project / "build" / "2022-W48" / "bulletin.md").read_text(encoding="utf-8")
    assert f"兰考县 · {CURRENT}*" in published and f"{CURRENT}、{CURRENT}" not in published


def test_new_and_import_write_the_current_name_for_a_former_one(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = renamed(kaifeng)
    given = ["-c", "visits", "-d", "2022-11-29", "-t", "入户", "-b", BODY]
    code, _, err = run(project, "new", "-s", FORMER, *given)
    assert code == 0, err
    written = project / "entries" / "2022-W48" / CURRENT / "2022-11-29-入户.yaml"
    assert f"station: {CURRENT}\n" in written.read_text(encoding="utf-8")

    sheet = project / "台账.csv"
    sheet.write_text(
        f"日期,县区,社工站,类别,内容\n2022-11-30,兰考县,{FORMER},走访调研,{BODY}\n",
        encoding="utf-8",
    )
    code, _, err = run(project, "import", "台账.csv")
    assert code == 0, err
    [imported] = (project / "entries" / "2022-W48" / CURRENT).glob("2022-11-30-*.yaml")
    assert f"station: {CURRENT}\n" in imported.read_text(encoding="utf-8")


def test_the_editor_schema_accepts_a_former_name(kaifeng: Path) -> None:
    schema = entry_file_schema(load_project(renamed(kaifeng)).config)
    validator = jsonschema.Draft7Validator(schema)
    for name in (FORMER, CURRENT):
        entry = {"station": name, "category": "visits", "body": BODY}
        assert list(validator.iter_errors(entry)) == []
    assert list(
        validator.iter_errors({"station": "仪封社工站", "category": "visits", "body": BODY})
    )


REGISTRY = (
    MINIMAL_TOML
    + """[[districts]]
name = "兰考县"
stations = ["仪封镇社会工作服务站", "惠安街道社工站"]
"""
)


def test_a_former_name_that_is_a_current_one_or_points_nowhere_is_located(
    tmp_path: Path,
) -> None:
    toml = REGISTRY + (
        "[former_names]\n"
        '"惠安街道社工站" = "仪封镇社会工作服务站"\n'  # line 12: still a station's name now
        '"仪封乡社工站" = "仪封镇社工站"\n'  # line 13: itself a former name, of line 14's
        '"仪封镇社工站" = "仪封镇社会工作服务站"\n'
        "'东坝头社工站' = \"东坝头镇社工站\"\n"  # line 15: not registered
    )
    assert config_problems(tmp_path, toml) == [
        ("E-former-name-current", 12, 1, ""),
        ("E-former-name-unknown", 13, 12, "仪封镇社会工作服务站"),
        ("E-former-name-unknown", 15, 12, ""),
    ]


def test_a_former_name_given_twice_names_the_line_it_was_first_given_on(tmp_path: Path) -> None:
    toml = REGISTRY + (
        "[former_names]\n"
        '"仪封镇社工站" = "仪封镇社会工作服务站"\n'
        '"仪封镇社工站" = "惠安街道社工站"\n'
    )
    problem = only_problem(tmp_path, toml)
    assert (problem.code, problem.location.line, problem.location.column) == (
        "E-config-key-twice",
        13,
        1,
    )
    assert problem.args["line"] == 12


def test_a_setting_added_below_former_names_is_said_to_belong_above(tmp_path: Path) -> None:
    toml = REGISTRY + f'[former_names]\n"仪封镇社工站" = "{CURRENT}"\ntrend = ["visited"]\n'
    assert config_problems(tmp_path, toml) == [("E-config-misplaced-top", 13, 1, "")]


def test_a_former_name_without_quotes_is_told_to_take_them(tmp_path: Path) -> None:
    toml = REGISTRY + f'[former_names]\n  仪封镇社工站 = "{CURRENT}"\n'
    problem = only_problem(tmp_path, toml)
    assert (problem.code, problem.location.line, problem.location.column) == (
        "E-config-key-quotes",
        12,
        3,
    )
    assert '"仪封镇社工站" = …' in render_message(problem, "zh")


def test_new_finds_a_station_by_part_of_its_former_name(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Part of a name is enough in new; part of the name a worker still uses was not."""
    project = renamed(kaifeng)
    given = ["-c", "visits", "-d", "2022-11-29", "-t", "入户", "-b", BODY]
    code, _, err = run(project, "new", "--no-input", "-s", "封镇社工", *given)
    assert code == 0, err
    assert (project / "entries" / "2022-W48" / CURRENT / "2022-11-29-入户.yaml").exists()
