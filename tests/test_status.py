"""Who has filed this week: per district, from every file that parses, errors or not."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import MINIMAL_TOML, write_project

REGISTRY = (
    MINIMAL_TOML
    + """
[[districts]]
name = "兰考县"
stations = ["惠安街道社工站", "仪封镇社工站", "城关镇社工站"]
[[districts]]
name = "杞县"
stations = ["城关镇社工站", "泥沟乡社工站"]
[[districts]]
name = "龙亭区"
"""
)
WEEK = "entries/2022-W47"
BODY = "社工入户走访三户困难老人，了解他们的生活需要。"


def project(tmp_path: Path) -> Path:
    return write_project(
        tmp_path / "p",
        REGISTRY,
        {
            f"{WEEK}/兰考县/惠安.yaml": (
                f"station: 惠安街道社工站\nentries:\n  - category: visits\n    body: {BODY}\n"
                f"  - category: casewrok\n    body: {BODY}\n"  # an error: still filed
            ),
            f"{WEEK}/杞县/城关.yaml": f"station: 城关镇社工站\ndistrict: 杞县\ncategory: visits\nbody: {BODY}\n",
            f"{WEEK}/杞县/县.yaml": f"district: 杞县\ncategory: visits\nbody: {BODY}\n",
            f"{WEEK}/杞县/坏.yaml": 'station: 泥沟乡社工站\nbody: "没有结束的引号\n',
            f"{WEEK}/其他.yaml": f"station: 新设社工站\ncategory: visits\nbody: {BODY}\n",
            "entries/2022-W46/仪封.yaml": f"station: 仪封镇社工站\ncategory: visits\nbody: {BODY}\n",
        },
    )


def with_entry(tmp_path: Path, name: str, station: str) -> Path:
    """The project with one more file in the week, naming ``station`` as written."""
    folder = project(tmp_path)
    entry = f"station: {station}\ncategory: visits\nbody: {BODY}\n"
    (folder / WEEK / name).write_text(entry, "utf-8")
    return folder


def test_status_lists_filed_and_missing_stations_per_district(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(project(tmp_path), "status", "47")
    assert code == 0
    assert out.splitlines() == [
        "2022-W47（2022年11月21日-11月27日）各社工站提交情况：",
        "兰考县：3 个站中 1 个已提交",
        "  已提交：惠安街道社工站（2 条）",
        "  未提交：仪封镇社工站、城关镇社工站",
        "杞县：2 个站中 1 个已提交",
        "  已提交：城关镇社工站（1 条）",
        "  未提交：泥沟乡社工站",
        "  县区整体条目：1 条",
        "龙亭区：bulletin.toml 没有登记这个县区的社工站",
        "bulletin.toml 未登记的社工站名称：新设社工站（1 条）",
        f"读不出是谁提交的文件（格式有误，请运行 bulletin check）：{WEEK}/杞县/坏.yaml",
        "合计：2 个站已提交，3 个站未提交。",
    ]


def test_status_as_json(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(project(tmp_path), "status", "2022-W47", "--format", "json")
    assert code == 0
    status = json.loads(out)
    assert (status["week"], status["start"], status["end"]) == (
        "2022-W47",
        "2022-11-21",
        "2022-11-27",
    )
    lankao, qixian, longting = status["districts"]
    assert lankao == {
        "name": "兰考县",
        "filed": [{"station": "惠安街道社工站", "entries": 2}],
        "missing": ["仪封镇社工站", "城关镇社工站"],
        "district_entries": 0,
    }
    assert qixian["missing"] == ["泥沟乡社工站"] and qixian["district_entries"] == 1
    assert longting == {"name": "龙亭区", "filed": [], "missing": [], "district_entries": 0}
    assert status["unregistered"] == [{"station": "新设社工站", "entries": 1}]
    assert status["unreadable"] == [f"{WEEK}/杞县/坏.yaml"]


def test_a_week_nobody_filed_lists_every_station_as_missing(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(project(tmp_path), "--lang", "en", "status", "2022-W48")
    assert code == 0
    assert "兰考县: 0 of 3 stations filed" in out
    assert out.splitlines()[-1] == "Total: 0 stations filed, 5 not."


def test_status_of_a_week_that_cannot_exist_is_a_usage_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(project(tmp_path), "status", "week-99")
    assert code == 2 and "[E-week-spec]" in err


def test_status_names_entry_files_in_no_week_folder(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A station whose file lies in ``entries/47/`` is listed as missing: say why."""
    folder = project(tmp_path)
    misfiled = folder / "entries/47/仪封.yaml"
    misfiled.parent.mkdir()
    misfiled.write_text(f"station: 仪封镇社工站\ncategory: visits\nbody: {BODY}\n", "utf-8")
    code, out, _ = run(folder, "status", "47")
    assert code == 0 and "  未提交：仪封镇社工站、城关镇社工站" in out
    assert out.splitlines()[-2] == (
        "不在周次文件夹里、没有计入的条目文件：entries/47（1 个）。"
        "请把它们移到 2022-W47 这样的文件夹里（bulletin check 会逐个列出）。"
    )
    _, out, _ = run(folder, "status", "47", "--format", "json")
    assert json.loads(out)["unfiled"] == [{"path": "entries/47", "files": 1}]


def test_a_station_name_two_districts_have_is_counted_in_neither_until_one_is_written(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """It was counted as filed in both 兰考县 and 杞县, though only one of them filed."""
    folder = with_entry(tmp_path, "杞县/城关.yaml", "城关镇社工站")
    code, out, _ = run(folder, "status", "47")
    assert code == 0
    assert (
        "  未提交：仪封镇社工站、城关镇社工站" in out
        and "  未提交：城关镇社工站、泥沟乡社工站" in out
    )
    assert (
        "几个县区都有这个名字的站、条目没写县区，没有计入：城关镇社工站（1 条）"
        "（请在条目里加 district:，bulletin check 会指出位置）"
    ) in out.splitlines()
    _, out, _ = run(folder, "status", "47", "--format", "json")
    assert json.loads(out)["ambiguous"] == [{"station": "城关镇社工站", "entries": 1}]


def test_stations_written_in_one_text_with_a_list_mark_each_count_as_filed(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """check reads 惠安街道社工站、仪封镇社工站 as two stations; status called it one unregistered."""
    folder = with_entry(tmp_path, "兰考县/联合.yaml", "惠安街道社工站、仪封镇社工站")
    _, out, _ = run(folder, "status", "47")
    assert "  已提交：惠安街道社工站（3 条）、仪封镇社工站（1 条）" in out
    assert "惠安街道社工站、仪封镇社工站（1 条）" not in out


def test_an_entry_of_two_districts_counts_in_both_in_status_and_in_the_bulletin(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """The seed's joint entry: status counted it in both districts, the bulletin's 各县区 under
    全市 (so 杞县 had 0 there while status said it wrote one)."""
    folder = write_project(
        tmp_path / "p",
        REGISTRY,
        {f"{WEEK}/联合.yaml": f"district: [兰考县, 杞县]\ncategory: visits\nbody: {BODY}\n"},
    )
    code, out, _ = run(folder, "status", "47", "--format", "json")
    data = json.loads(out)
    wide = {d["name"]: d["district_entries"] for d in data["districts"]}
    assert wide == {"兰考县": 1, "杞县": 1, "龙亭区": 0}
    code, out, err = run(folder, "build", "47", "-f", "md")
    assert code == 0, out + err
    markdown = (folder / "build" / "2022-W47" / "bulletin.md").read_text(encoding="utf-8")
    assert "| 兰考县 | 1 | 0/3 |" in markdown and "| 杞县 | 1 | 0/2 |" in markdown
    assert "| 全市 |" not in markdown
    assert (
        "1 条动态由几个县区联合开展，在每个县区各计 1 条，所以各县区条目相加多于 1 条。" in markdown
    )
    assert "本周共 1 条动态；2 个县区、0 个社工站有动态。" in markdown
