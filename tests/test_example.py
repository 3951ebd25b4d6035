"""The worked example reproduces the seed bulletin's structure; another city builds too."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import EXAMPLE, write_project

SEED_SECTIONS = [
    ("01", "走访调研", 15),
    ("02", "督导培训", 7),
    ("03", "便民服务", 9),
    ("04", "个案服务", 5),
    ("05", "小组工作", 4),
    ("06", "社区活动", 3),
    ("07", "志愿服务", 1),
    ("08", "关心关爱特殊困难群体", 10),
]


def sections_of(markdown: str) -> list[tuple[str, str, int]]:
    """(number, title, entries) per numbered `## ` heading; entries counted by their lead line."""
    found = []
    for block in re.split(r"^## (?=\d)", markdown, flags=re.M)[1:]:
        heading, _, rest = block.partition("\n")
        number, title = heading.split(" ", 1)
        found.append(
            (number, title, len(re.findall(r"^\*(?:本周|\d{4}年).*\*$", rest, flags=re.M)))
        )
    return found


def test_the_seed_week_has_its_eight_sections_in_order_with_its_paragraphs(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    assert run(kaifeng, "build", "week-47")[0] == 0
    markdown = (kaifeng / "build/2022-W47/bulletin.md").read_text(encoding="utf-8")
    assert markdown.startswith("# 开封市社工站十一月第四周工作动态\n")
    assert "2022年11月18日-11月24日" in markdown
    assert sections_of(markdown) == SEED_SECTIONS


def test_the_example_never_names_the_seeds_clients() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in EXAMPLE.rglob("*.yaml"))
    assert "张有才" not in text and "李秀莲" not in text


ANOTHER_CITY = """\
title = "{year}年第{week}周 城关街道社工站工作简报"
[[categories]]
key = "meeting"
title = "本周例会工作部署"
[[categories]]
key = "service"
title = "开展服务"
[[categories]]
key = "assist"
title = "协助民政所"
"""


def test_another_city_with_its_own_categories_and_no_registries(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(
        tmp_path / "other",
        ANOTHER_CITY,
        {
            "entries/2023-W10/week.yaml": (
                "station: 城关街道社工站\nentries:\n"
                "  - category: 协助民政所\n    date: 2023-03-07\n    body: 协助整理低保复核材料。\n"
                "  - category: meeting\n    date: 2023-03-06\n    body: 周一例会，部署本周走访。\n"
                "    stats: {参会: 6}\n"
            )
        },
    )
    code, out, err = run(project, "build", "10")
    assert code == 0, out + err
    markdown = (project / "build/2023-W10/bulletin.md").read_text(encoding="utf-8")
    assert markdown.startswith("# 2023年第10周 城关街道社工站工作简报\n")
    assert re.findall(r"^## \d.*$", markdown, flags=re.M) == [
        "## 01 本周例会工作部署",
        "## 02 协助民政所",
    ]
    assert "参会 6" in markdown


def test_check_shows_the_seeds_repeated_paragraph_and_its_dates_outside_the_week(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(kaifeng, "check")
    assert code == 0
    week = "entries/2022-W47"
    warnings = re.findall(r"^(\S+?):(\d+):(\d+): warning: .*\[(W-[a-z-]+)\]$", out, flags=re.M)
    # The second submission (补报) is flagged, naming the first.
    assert (f"{week}/兰考县/兰阳街道社工站_补报.yaml", "7", "5", "W-duplicate") in warnings
    assert f"与 {week}/兰考县/兰阳街道社工站.yaml:13:5 那一条重复" in out
    outside = sorted(
        (path, line, code) for path, line, _, code in warnings if code.endswith("outside-week")
    )
    assert outside == [
        # 19–25 Nov: ends a day after Thu 24, so part of it is in the week
        (f"{week}/兰考县/仪封镇社工站.yaml", "6", "W-period-outside-week"),
        (f"{week}/兰考县/惠安街道社工站.yaml", "30", "W-outside-week"),  # 17 Nov: before Fri 18
        (f"{week}/尉氏县/小陈乡社工站.yaml", "20", "W-period-outside-week"),  # 21–25 Nov
        (f"{week}/祥符区/祥符区.yaml", "7", "W-period-outside-week"),  # 20–25 Nov
        (f"{week}/通许县/通许县.yaml", "11", "W-period-outside-week"),  # 14–18 Nov
    ]
    assert len(warnings) == 6


def test_a_days_entries_follow_the_clock_and_figures_the_registry(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A day's 下午 entry came before its 上午 one, and figures in the order each worker typed
    them (参与 10人；社区活动 1场次 beside 社区活动 1场次；参与 35人)."""
    toml = (
        ANOTHER_CITY
        + '[[metrics]]\nkey = "activities"\nlabel = "社区活动"\nunit = "场次"\n'
        + '[[metrics]]\nkey = "participants"\nlabel = "参与"\nunit = "人"\n'
    )
    entry = "  - category: service\n    date: 2023-03-07\n    time: {}\n    body: {}\n"
    project = write_project(
        tmp_path / "other",
        toml,
        {
            "entries/2023-W10/week.yaml": "station: 城关街道社工站\nentries:\n"
            + entry.format("晚上7点", "晚上的读书会。")
            + entry.format("下午3点", "下午的义诊。")
            + "    stats: {participants: 10, activities: 1}\n"
            + entry.format("上午", "上午的走访。")
            + entry.format("15:30", "下午稍晚的例会。"),
            "entries/2023-W10/city.yaml": "category: service\nbody: 全市社工参加线上共学。\n",
        },
    )
    code, out, err = run(project, "build", "10")
    assert code == 0, out + err
    markdown = (project / "build/2023-W10/bulletin.md").read_text(encoding="utf-8")
    leads = re.findall(r"^\*(.*)\*$", markdown, flags=re.M)
    assert leads == [
        "本周 · 全市",
        "2023年3月7日上午 · 城关街道社工站",
        "2023年3月7日下午3点 · 城关街道社工站",
        "2023年3月7日 15:30 · 城关街道社工站",
        "2023年3月7日晚上7点 · 城关街道社工站",
    ]
    assert "数据：社区活动 1场次；参与 10人" in markdown
