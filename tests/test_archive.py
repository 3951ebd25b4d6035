"""`bulletin build --all` and the archive index: good weeks built, bad ones listed, others untouched."""

from __future__ import annotations

import importlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin import archive
from bulletin.cli import _progress
from bulletin.numbers import parse_figure, total
from generated import CITIES, City, generate_city
from helpers import MINIMAL_TOML, write_project

CITY = CITIES[0]  # four weeks, registries, one gap


@pytest.fixture
def city(tmp_path: Path) -> Path:
    return generate_city(tmp_path / "city", CITY)


def files_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder`` with its bytes and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_week_with_errors_is_listed_and_the_others_are_built(city: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(city, "build", "--all")[0] == 0
    broken = CITY.weeks[1]
    before = files_of(city / "build" / broken)
    (city / "entries" / broken / "坏.yaml").write_text(
        "category: nope\nbody: x\n", encoding="utf-8"
    )

    code, out, err = run(city, "build", "--all")
    assert code == 1
    assert f"entries/{broken}/坏.yaml:1:11: error:" in err and "[E-unknown-category]" in err
    assert f"这些周有错误，没有重新生成（之前生成的文件保持不变）：{broken}" in err
    assert "已生成 3 周的周报；1 周有错误。" in out
    assert files_of(city / "build" / broken) == before
    index = json.loads((city / "build" / "index.json").read_text(encoding="utf-8"))
    assert [week["week"] for week in index["weeks"]] == sorted(CITY.weeks, reverse=True)


def test_rebuilding_one_week_touches_no_other_week_and_refreshes_the_index(city: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(city, "build", "--all")[0] == 0
    changed, others = CITY.weeks[0], CITY.weeks[1:]
    before = {week: files_of(city / "build" / week) for week in others}
    (city / "entries" / changed / "新.yaml").write_text(
        "category: visits\nbody: 又一次走访。\n", encoding="utf-8"
    )

    code, out, _ = run(city, "build", changed)
    assert code == 0
    assert "写入 build/index.html" in out and "写入 build/index.json" in out
    assert {week: files_of(city / "build" / week) for week in others} == before
    index = json.loads((city / "build" / "index.json").read_text(encoding="utf-8"))
    entries = {week["week"]: week["entries"] for week in index["weeks"]}
    figures = json.loads((city / "build" / changed / "figures.json").read_text(encoding="utf-8"))
    assert entries[changed] == figures["entries"]
    assert "又一次走访" in (city / "build" / changed / "bulletin.md").read_text(encoding="utf-8")


def test_the_index_page_lists_every_week_newest_first_with_links(city: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(city, "build", "--all")[0] == 0
    html = (city / "build" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<h3><a href="([^"]+)">', html)
    assert links == [f"{week}/bulletin.html" for week in sorted(CITY.weeks, reverse=True)]
    assert all((city / "build" / link).is_file() for link in links)
    assert "每周条目数" in html


def test_the_archive_is_byte_identical_when_built_again(city: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(city, "build", "--all")[0] == 0
    first = {name: content for name, (content, _) in files_of(city / "build").items()}
    assert run(city, "build", "--all", "--quiet")[0] == 0
    assert {name: content for name, (content, _) in files_of(city / "build").items()} == first


def test_an_unreadable_figures_file_is_warned_about_and_left_out(city: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(city, "build", "--all")[0] == 0
    (city / "build" / CITY.weeks[0] / "figures.json").write_text("{", encoding="utf-8")
    code, _, err = run(city, "build", CITY.weeks[-1])
    assert code == 0
    assert f"build/{CITY.weeks[0]}/figures.json:1:1: warning:" in err
    assert "[W-archive-unreadable]" in err
    index = json.loads((city / "build" / "index.json").read_text(encoding="utf-8"))
    assert CITY.weeks[0] not in [week["week"] for week in index["weeks"]]


def test_build_needs_a_week_or_all_but_not_both(city: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(city, "build")  # says what is missing, as status does (not "not both")
    assert code == 2 and "缺少 周次" in err and "[E-usage-missing]" in err
    code, _, err = run(city, "build", CITY.weeks[0], "--all")
    assert code == 2 and "只能写一个" in err and "[E-build-what]" in err


def test_all_without_any_week_says_where_entries_go(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "p", MINIMAL_TOML, {})
    code, _, err = run(project, "build", "--all")
    assert code == 1 and "entries/2022-W47/" in err and "[E-no-weeks]" in err


def test_quiet_prints_problems_only(city: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(city, "build", "--all", "--quiet")
    assert code == 0
    assert "写入" not in out and "已生成 4 周的周报" in out and err == ""


def test_the_overview_can_be_switched_off(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    entry = {"entries/2022-W47/a.yaml": "category: visits\nbody: 走访。\n"}
    project = write_project(tmp_path / "p", "overview = false\n" + MINIMAL_TOML, entry)
    assert run(project, "build", "47")[0] == 0
    for name in ("bulletin.md", "bulletin.html"):
        assert "本周概况" not in (project / "build/2022-W47" / name).read_text(encoding="utf-8")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only_and_not_when_quiet() -> None:
    terminal = _Terminal()
    with _progress(False, "生成周报", terminal) as advance:
        assert advance is not None
        advance("2022-W40", 1, 4)
    assert "生成周报" in terminal.getvalue() and "1/4" in terminal.getvalue()
    for stream, quiet in ((_Terminal(), True), (io.StringIO(), False)):
        with _progress(quiet, "生成周报", stream) as advance:
            assert advance is None
        assert stream.getvalue() == ""


def test_an_entry_of_two_districts_makes_both_active_in_the_summary(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    toml = MINIMAL_TOML + (
        '[[districts]]\nname = "兰考县"\nstations = ["惠安街道社工站"]\n'
        '[[districts]]\nname = "杞县"\nstations = ["城关镇社工站"]\n'
    )
    entry = {
        "entries/2022-W47/a.yaml": "station: [惠安街道社工站, 城关镇社工站]\ncategory: visits\n"
        "body: 两站社工联合走访困难老人，了解他们的生活需要。\n"
    }
    project = write_project(tmp_path / "p", toml, entry)
    assert run(project, "build", "47")[0] == 0
    markdown = (project / "build/2022-W47/bulletin.md").read_text(encoding="utf-8")
    assert "本周共 1 条动态；2 个县区、2 个社工站有动态。" in markdown


# A bar of a trend chart: its week, the value written next to it, and its width.
TREND_BAR = re.compile(
    r'(\d{4}-W\d\d)<span[^>]*>([^<]*)</span></p><section[^>]*><section style="width:([^;]*);'
)


@pytest.mark.parametrize(
    ("city", "not_built", "shown"),
    [
        (CITY, None, ["2022-W44", "2022-W43", "2022-W42", "2022-W41", "2022-W40"]),
        (CITIES[1], "2023-W01", ["2023-W02", "2023-W01", "2022-W52"]),
    ],
)
def test_a_week_not_built_shows_in_the_trend_charts_as_not_built(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
    city: City,
    not_built: str | None,
    shown: list[str],
) -> None:
    """Built weeks W40, W41, W43, W44 charted W43 right above W41, as if they were a week apart."""
    project = generate_city(tmp_path / "city", city)
    if not_built is not None:
        shutil.rmtree(project / "entries" / not_built)
    assert run(project, "build", "--all")[0] == 0
    html = (project / "build" / "index.html").read_text(encoding="utf-8")
    bars = TREND_BAR.findall(html)
    charts = len(bars) // len(shown)
    assert charts == 4 and [week for week, _, _ in bars] == shown * charts
    built = set(city.weeks) - {not_built}
    gaps = [(week, value, width) for week, value, width in bars if week not in built]
    assert gaps == [(not_built or "2022-W42", "未生成", "0%")] * charts


def test_ctrl_c_during_all_names_the_weeks_already_written(
    city: Path,
    run,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """They are replaced and the index still shows their old figures: it said 原有的文件保持原样."""
    building = importlib.import_module("bulletin.build")
    assert run(city, "build", "--all")[0] == 0
    index = (city / "build" / "index.json").read_bytes()
    for week in CITY.weeks:
        (city / "entries" / week / "新.yaml").write_text(
            "category: visits\nbody: 又一次走访。\n", encoding="utf-8"
        )
    prepare, done = building._prepare_week, []

    def interrupted_at_the_third(*arguments):  # type: ignore[no-untyped-def]
        if len(done) == 2:
            raise KeyboardInterrupt
        done.append(arguments)
        return prepare(*arguments)

    monkeypatch.setattr(building, "_prepare_week", interrupted_at_the_third)
    code, _, err = run(city, "build", "--all", "-q")
    first, second = CITY.weeks[:2]
    assert code == 130
    assert f"已中断。中断前已经写入了 {first}、{second} 的周报，往期目录" in err
    assert "没有全部更新。再运行一次同样的 bulletin build 命令即可。" in err
    assert "原有的文件保持原样" not in err
    assert "又一次走访" in (city / "build" / second / "bulletin.md").read_text(encoding="utf-8")
    assert (city / "build" / "index.json").read_bytes() == index
    monkeypatch.undo()
    assert run(city, "build", "--all", "-q")[0] == 0
    weeks = json.loads((city / "build" / "index.json").read_text(encoding="utf-8"))["weeks"]
    for week in weeks:
        figures = (city / "build" / week["week"] / "figures.json").read_text(encoding="utf-8")
        assert week["entries"] == json.loads(figures)["entries"]


written_figures = st.lists(
    st.sampled_from(["6万余", "6.5万余", "1.5万", "150余", 5000, 98000, 672, "12.25万余"]),
    min_size=1,
    max_size=4,
)


@given(written=written_figures)
def test_a_weeks_figures_read_back_from_figures_json_as_they_were(written: list[object]) -> None:
    """6.5万余 + 5000 (shown 7万余) read back as 7万余 to the 万, so the archive's sums of
    weeks could show coarser than the weeks themselves."""
    figure = total(parse_figure(raw) for raw in written)
    assert archive._figure(json.loads(json.dumps(archive._figure_json(figure)))) == figure
