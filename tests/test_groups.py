"""Target groups (服务对象): registered with aliases, named by entries, splitting figures."""

from __future__ import annotations

from pathlib import Path

from bulletin.check import check
from bulletin.config import load_project
from bulletin.messages import render_message
from bulletin.numbers import Figure
from helpers import MINIMAL_TOML, write_project
from test_check import where
from test_config import config_problems

GROUPS_TOML = (
    MINIMAL_TOML
    + """
[[metrics]]
key = "served"
label = "服务"
unit = "人次"
[[metrics]]
key = "visited"
label = "走访"
unit = "人次"
[[groups]]
name = "低保"
aliases = ["低保户", "低保对象"]
[[groups]]
name = "残疾人"
aliases = ["残疾"]
"""
)
WEEK = "entries/2022-W47"


def checked(tmp_path: Path, text: str, toml: str = GROUPS_TOML):  # type: ignore[no-untyped-def]
    project_dir = write_project(tmp_path / "p", toml, {f"{WEEK}/a.yaml": text})
    return check(load_project(project_dir))


def test_aliases_resolve_to_the_registered_name_in_registry_order(tmp_path: Path) -> None:
    result = checked(
        tmp_path,
        "category: visits\nbody: 社工入户走访低保和残疾人家庭，了解生活需要。\ngroups: [残疾, 低保户]\n",
    )
    assert result.problems == []
    assert result.entries[0].groups == ("低保", "残疾人")


def test_an_unknown_group_is_located_at_its_item_with_a_suggestion(tmp_path: Path) -> None:
    text = "category: visits\nbody: 社工入户走访低保和残疾人家庭，了解生活需要。\ngroups:\n  - 低保\n  - 残疾人士\n"
    [problem] = checked(tmp_path, text).problems
    assert where([problem]) == [("E-unknown-group", 5, 5)]
    assert problem.args["suggestion"] == "残疾人"


def test_a_figure_split_by_group_keeps_its_parts_and_names_the_groups(tmp_path: Path) -> None:
    text = (
        "category: visits\nbody: 社工在民政服务大厅为低保、残疾人等群众办理业务。\nstats: {served: 672}\n"
        "by_group:\n  served: {低保对象: 69, 残疾: '65余'}\n"
    )
    result = checked(tmp_path, text)
    assert result.problems == []
    [entry] = result.entries
    [stat] = entry.stats
    assert [(p.group, p.figure) for p in stat.by_group] == [
        ("低保", Figure(69)),  # type: ignore[arg-type]
        ("残疾人", Figure(65, approx=True)),  # type: ignore[arg-type]
    ]
    assert entry.groups == ("低保", "残疾人")


def test_every_mistake_in_a_split_is_reported_where_it_is(tmp_path: Path) -> None:
    text = (
        "category: visits\n"
        "body: 社工在民政服务大厅为低保、残疾人等群众办理业务。\n"
        "stats: {served: 60}\n"
        "by_group:\n"
        "  served:\n"
        "    低保: 61\n"  # line 6: more than the total
        "    低保户: 3\n"  # line 7: 低保 again under an alias
        "    老人: 5\n"  # line 8: not registered
        "  visited: {残疾人: 2}\n"  # line 9: no total in stats
        "  visits: {残疾人: 2}\n"  # line 10: not a metric
    )
    assert where(checked(tmp_path, text).problems) == [
        ("E-group-over-total", 6, 9),
        ("E-group-repeated", 7, 5),
        ("E-unknown-group", 8, 5),
        ("E-group-no-total", 9, 3),
        ("E-unknown-metric", 10, 3),
    ]


def test_a_part_over_its_total_is_told_by_the_metric_s_label_and_the_group_as_written(
    tmp_path: Path,
) -> None:
    text = "category: visits\nbody: 社工在民政服务大厅为低保、残疾人等群众办理业务。\nstats: {served: 60}\nby_group: {served: {低保对象: 61}}\n"
    [problem] = checked(tmp_path, text).problems
    assert "服务对象“低保对象（低保）”的 61 比 服务 的总数 60 还大" in render_message(problem, "zh")


def test_a_part_may_exceed_a_total_reported_as_more_than(tmp_path: Path) -> None:
    text = "category: visits\nbody: 社工在民政服务大厅为低保、残疾人等群众办理业务。\nstats: {served: 60余}\nby_group: {served: {低保: 61}}\n"
    assert checked(tmp_path, text).problems == []


def test_without_a_registry_groups_are_taken_as_written(tmp_path: Path) -> None:
    text = (
        "category: visits\nbody: 社工入户走访低保和残疾人家庭，了解生活需要。\ngroups: [留守儿童]\n"
    )
    [entry] = checked(tmp_path, text, MINIMAL_TOML).entries
    assert entry.groups == ("留守儿童",)


def test_an_alias_may_mean_only_one_group(tmp_path: Path) -> None:
    toml = GROUPS_TOML + '[[groups]]\nname = "特困"\naliases = ["低保户"]\n'
    assert config_problems(tmp_path, toml) == [("E-config-duplicate", 25, 11, "")]


def test_trend_names_registered_metrics(tmp_path: Path) -> None:
    toml = 'trend = ["servd"]\n' + GROUPS_TOML
    assert config_problems(tmp_path, toml) == [("E-unknown-metric", 1, 9, "served")]
