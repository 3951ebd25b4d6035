"""`bulletin stats`, 本周概况 and the archive index agree with sums made straight from the YAML."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from generated import (
    CITIES,
    City,
    changes,
    expected_rows,
    generate_city,
    week_span,
    with_empty_weeks,
)

Key = tuple[str, str, str, str]


def reported(rows: list[dict[str, object]]) -> dict[Key, tuple[Decimal, bool]]:
    return {
        (str(r["week"]), str(r["dimension"]), str(r["key"]), str(r["measure"])): (
            Decimal(str(r["value"])),
            r["approx"] in (True, "true"),
        )
        for r in rows
    }


def reported_changes(rows: list[dict[str, object]]) -> dict[Key, Decimal | None]:
    return {
        (str(r["week"]), str(r["dimension"]), str(r["key"]), str(r["measure"])): (
            None if r["change"] in (None, "") else Decimal(str(r["change"]))
        )
        for r in rows
    }


def in_every_week(
    sums: dict[Key, tuple[Decimal, bool]], weeks: list[str]
) -> dict[Key, tuple[Decimal, bool]]:
    """The span's sums, each (dimension, name, measure) that any of its weeks reports in every
    one of them: 0 where a week does not report it."""
    cells = {key[1:] for key in sums if key[0] in weeks}
    zero = (Decimal(0), False)
    return {(week, *cell): sums.get((week, *cell), zero) for week in weeks for cell in cells}


@pytest.fixture(params=CITIES, ids=[city.name for city in CITIES])
def city(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[City, Path]:
    return request.param, generate_city(tmp_path / "city", request.param)


def test_every_figure_of_the_span_equals_the_independent_sums(city, run) -> None:  # type: ignore[no-untyped-def]
    spec, project = city
    assert run(project, "check")[0] == 0
    code, out, err = run(project, "stats", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    weeks = week_span(spec.weeks[0], spec.weeks[-1])  # the gap weeks are in the span too
    assert [week["week"] for week in data["weeks"]] == weeks
    expected = in_every_week(with_empty_weeks(expected_rows(project), project, weeks), weeks)
    assert reported(data["rows"]) == expected
    assert {key: change for key, change in reported_changes(data["rows"]).items()} == {
        key: None if change is None else change[0]
        for key, change in changes(expected, weeks).items()
    }


def test_csv_holds_the_same_figures_and_last_counts_back_from_to(city, run) -> None:  # type: ignore[no-untyped-def]
    spec, project = city
    code, out, _ = run(project, "stats", "--last", "2", "--to", spec.weeks[-1], "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    weeks = week_span(spec.weeks[0], spec.weeks[-1])[-2:]
    expected = with_empty_weeks(expected_rows(project), project, weeks)
    assert reported(rows) == in_every_week(expected, weeks)


def test_the_terminal_table_shows_each_week_and_the_change(city, run) -> None:  # type: ignore[no-untyped-def]
    spec, project = city
    code, out, _ = run(project, "stats", "--from", spec.weeks[0], "--to", spec.weeks[1])
    assert code == 0
    expected = expected_rows(project)
    first, second = (expected[(week, "total", "", "entries")][0] for week in spec.weeks[:2])
    sign = "+" if second > first else "-" if second < first else "±"
    line = next(line for line in out.splitlines() if line.strip().startswith("条目"))
    assert line.split()[1:] == [str(first), f"{second}", f"({sign}{abs(second - first)})"]


def test_the_overview_and_the_archive_show_the_same_sums(city, run) -> None:  # type: ignore[no-untyped-def]
    spec, project = city
    code, out, err = run(project, "build", "--all")
    assert code == 0, out + err
    in_wan: set[Key] = set()
    expected = expected_rows(project, in_wan)
    index = json.loads((project / "build" / "index.json").read_text(encoding="utf-8"))
    assert [week["week"] for week in index["weeks"]] == sorted(spec.weeks, reverse=True)
    for week in index["weeks"]:
        name = week["week"]
        assert week["href"] == f"{name}/bulletin.html"
        assert (week["entries"], week["stations"]) == tuple(
            int(expected[(name, "total", "", measure)][0]) for measure in ("entries", "stations")
        )
        totals = {m["key"]: (Decimal(str(m["value"])), m["approx"]) for m in week["metrics"]}
        assert totals == {
            key[3]: value
            for key, value in expected.items()
            if key[:3] == (name, "total", "") and key[3] not in ("entries", "stations")
        }
        markdown = (project / "build" / name / "bulletin.md").read_text(encoding="utf-8")
        overview = markdown_tables(markdown)
        assert overview["各县区"] == {
            key[2]: str(int(value[0]))
            for key, value in expected.items()
            if key[:2] == (name, "district") and key[3] == "entries"
        }
        labels = {m["key"]: (m["label"], m["unit"]) for m in week["metrics"]}
        assert overview["数据合计"] == {
            labels[key][0]: shown(value, (name, "total", "", key) in in_wan) + labels[key][1]
            for key, value in totals.items()
        }


def markdown_tables(markdown: str) -> dict[str, dict[str, str]]:
    """本周概况's tables: heading → {first cell: second cell}."""
    overview = markdown.split("## 本周概况", 1)[1].split("\n## ", 1)[0]
    tables = {}
    for block in re.split(r"^### ", overview, flags=re.M)[1:]:
        title, _, body = block.partition("\n")
        rows = [line.strip("|").split("|") for line in body.splitlines() if line.startswith("|")]
        tables[title] = {cells[0].strip(): cells[1].strip() for cells in rows[2:]}
    return tables


def shown(amount: tuple[Decimal, bool], in_wan: bool) -> str:
    """A sum with a part written N万余 is shown to its 万s (5万余 + 123 = 5万余), in digits else."""
    value, approx = amount
    if in_wan:
        text = f"{int(value // 10000)}万"
    else:
        text = str(int(value)) if value == int(value) else str(value)
    return text + ("余" if approx else "")


def test_a_week_with_errors_has_no_figures_and_no_change_beside_it(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    spec = CITIES[0]
    project = generate_city(tmp_path / "city", spec)
    broken = spec.weeks[1]
    (project / "entries" / broken / "坏.yaml").write_text("category: visits\n", encoding="utf-8")
    code, out, err = run(
        project, "stats", "--from", spec.weeks[0], "--to", spec.weeks[2], "-f", "json"
    )
    assert code == 1
    assert "[E-missing-field]" in err and broken in err.splitlines()[-1]
    data = json.loads(out)
    assert [week["status"] for week in data["weeks"]] == ["ok", "errors", "empty", "ok"]
    assert not [row for row in data["rows"] if row["week"] == broken]
    after = [row for row in data["rows"] if row["week"] == week_span(broken, spec.weeks[2])[1]]
    assert after and all(row["change"] is None for row in after)
    code, out, _ = run(project, "stats", "--from", spec.weeks[0], "--to", broken)
    assert code == 1 and "有错误" in out


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--last", "0"), "E-stats-span"),
        (("--last", "2", "--from", "2022-W40"), "E-stats-span"),
        (("--from", "2022-W44", "--to", "2022-W40"), "E-stats-order"),
        (("--from", "someday"), "E-week-spec"),
    ],
)
def test_a_span_that_makes_no_sense_is_a_usage_error(tmp_path: Path, run, args, code) -> None:  # type: ignore[no-untyped-def]
    project = generate_city(tmp_path / "city", CITIES[0])
    exit_code, _, err = run(project, "stats", *args)
    assert exit_code == 2 and f"[{code}]" in err


def test_the_table_speaks_english_when_asked(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = generate_city(tmp_path / "city", CITIES[0])
    code, out, _ = run(project, "--lang", "en", "stats", "--last", "1")
    assert code == 0
    assert out.splitlines()[0].strip() == "Totals" and "By district" in out
    assert any(line.strip().startswith("entries") for line in out.splitlines())


def test_bare_week_numbers_in_a_span_read_as_the_weeks_before_its_end(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(kaifeng, "stats", "--from", "40", "--to", "47", "--format", "json")
    assert code == 0, err
    weeks = [row["week"] for row in json.loads(out)["weeks"]]
    assert weeks[0] == "2022-W40" and weeks[-1] == "2022-W47" and len(weeks) == 8


def week_like_w47(kaifeng: Path, week: str, days: int) -> Path:
    """Another week of the example: entries/2022-W47 copied, every date moved by ``days``."""
    folder = kaifeng / "entries" / week
    shutil.copytree(kaifeng / "entries" / "2022-W47", folder)
    for path in folder.rglob("*.yaml"):
        moved = re.sub(
            r"\d{4}-\d{2}-\d{2}",
            lambda day: (date.fromisoformat(day[0]) + timedelta(days=days)).isoformat(),
            path.read_text(encoding="utf-8"),
        )
        path.write_text(moved, encoding="utf-8")
    return folder


def test_a_metric_a_week_does_not_report_is_0_there(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """files (建立走访档案) only in W47: W46 and W48 had no files row, W47 no change (blank)."""
    for week, days in (("2022-W46", -7), ("2022-W48", 7)):
        only = week_like_w47(kaifeng, week, days) / "兰考县" / "仪封镇社工站.yaml"
        written = only.read_text(encoding="utf-8")
        only.write_text(written.replace("{visited: 45, files: 45}", "{visited: 45}"), "utf-8")
    code, out, err = run(kaifeng, "stats", "--from", "46", "--to", "48", "--format", "csv")
    assert code == 0, err
    files = [
        (row["week"], row["dimension"], row["key"], row["value"], row["change"])
        for row in csv.DictReader(io.StringIO(out))
        if row["measure"] == "files"
    ]
    assert files == [
        (week, dimension, key, value, change)
        for week, value, change in (
            ("2022-W46", "0", ""),
            ("2022-W47", "45", "45"),
            ("2022-W48", "0", "-45"),
        )
        for dimension, key in (("total", ""), ("district", "兰考县"), ("category", "visits"))
    ]
    code, out, _ = run(kaifeng, "stats", "--from", "46", "--to", "48")
    line = next(line for line in out.splitlines() if line.strip().startswith("建立走访档案"))
    assert line.split()[1:] == ["0", "45", "(+45)", "0", "(-45)"]


def test_bare_week_numbers_written_the_wrong_way_round_are_said_so(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """--from 48 --to 46 was read as 2021-W48 to 2022-W46: 51 weeks, nearly all empty."""
    for week, days in (("2022-W46", -7), ("2022-W48", 7)):
        week_like_w47(kaifeng, week, days)
    code, out, err = run(kaifeng, "stats", "--from", "48", "--to", "46")
    assert (code, out) == (2, "")
    assert "error: 起始周 2022-W48 在结束周 2022-W46 之后。请把 --from 和 --to 对调。" in err
    assert "[E-stats-order]" in err


def test_bare_week_numbers_still_span_new_year(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    spec = CITIES[1]
    project = generate_city(tmp_path / "city", spec)
    assert (spec.weeks[0], spec.weeks[-1]) == ("2022-W52", "2023-W02")
    code, out, err = run(project, "stats", "--from", "52", "--to", "2", "--format", "json")
    assert code == 0, err
    weeks = [week["week"] for week in json.loads(out)["weeks"]]
    assert weeks == ["2022-W52", "2023-W01", "2023-W02"]


def test_out_writes_csv_that_excel_opens_and_json_as_printed(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A CSV redirected from stdout has no byte-order mark: Excel on a Chinese Windows read the
    UTF-8 as GBK and showed garbage."""
    code, printed, _ = run(kaifeng, "stats", "--format", "csv")
    assert code == 0 and not printed.startswith("\ufeff")  # other programs read stdout
    code, out, _ = run(kaifeng, "stats", "--out", "figures.csv")
    assert (code, out) == (0, "写入 figures.csv\n")
    written = (kaifeng / "figures.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbfweek,dimension,")
    assert written.decode("utf-8-sig") == printed
    code, printed, _ = run(kaifeng, "stats", "--format", "json")
    assert run(kaifeng, "stats", "-q", "--format", "json", "--out", "out/figures.json")[:2] == (
        0,
        "",
    )
    assert (kaifeng / "out" / "figures.json").read_bytes() == printed.encode("utf-8")


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("--out", "bulletin.toml"), "E-stats-out", "--out 的文件名要以 .csv 或 .json 结尾"),
        (
            ("--format", "json", "--out", "figures.csv"),
            "E-stats-out-format",
            "--format json 和 --out figures.csv 不一致",
        ),
    ],
)
def test_out_writes_only_a_csv_or_json_file(kaifeng: Path, run, args, code, said) -> None:  # type: ignore[no-untyped-def]
    """``--out bulletin.toml`` would have replaced the project's settings with figures."""
    before = (kaifeng / "bulletin.toml").read_bytes()
    exit_code, out, err = run(kaifeng, "stats", *args)
    assert (exit_code, out) == (2, "")
    assert said in err and f"[{code}]" in err
    assert (kaifeng / "bulletin.toml").read_bytes() == before
    assert not (kaifeng / "figures.csv").exists()


def test_a_rough_figure_in_wan_keeps_its_sums_to_the_wan(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The seed's 尉氏县 服务群众6万余人次 plus exact figures elsewhere is 6万余, not 60726余
    (digits nobody counted); a figure written in digits stays digits (98000, not 9.8万)."""
    (kaifeng / "entries" / "2022-W47" / "加.yaml").write_text(
        "district: 通许县\ncategory: visits\nbody: 社工在民政服务大厅为群众办理业务。\n"
        "stats: {residents_served: 672, served: 98000}\n"
        "by_group: {served: {低保特困: 10000}}\n",
        encoding="utf-8",
    )
    code, out, err = run(kaifeng, "build", "47", "-f", "md")
    assert code == 0, out + err
    markdown = (kaifeng / "build" / "2022-W47" / "bulletin.md").read_text(encoding="utf-8")
    assert markdown_tables(markdown)["数据合计"]["服务群众"] == "6万余人次"
    assert "社工服务 98000人次（其中低保特困 10000人次）" in markdown
    index = json.loads((kaifeng / "build" / "index.json").read_text(encoding="utf-8"))
    [residents] = [m for m in index["weeks"][0]["metrics"] if m["key"] == "residents_served"]
    assert (residents["value"], residents["approx"], residents["shown"]) == (60672, True, "6万余")
    assert "6万余" in (kaifeng / "build" / "index.html").read_text(encoding="utf-8")
    code, out, _ = run(kaifeng, "stats", "--last", "1", "-f", "json")
    [total] = [
        row
        for row in json.loads(out)["rows"]
        if (row["dimension"], row["measure"]) == ("total", "residents_served")
    ]
    assert (total["value"], total["shown"]) == (60672, "6万余")
    code, out, _ = run(kaifeng, "stats", "--last", "1")
    assert "服务群众（人次） 6万余" in " ".join(out.split())
