"""`bulletin import`: spreadsheets in the shapes stations send them (all names are pseudonyms)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.config import load_project
from bulletin.dates import FIRST_YEAR, LAST_YEAR
from bulletin.diagnostics import Location
from bulletin.importer import EXCEL_EPOCH, _day, import_sheet
from bulletin.sheets import MAX_UNPACKED_MB, read_grids
from helpers import MINIMAL_TOML, write_project

HEADERS = ["序号", "日期", "县区", "社工站", "类别", "标题", "内容", "走访（人次）", "入户", "图片"]
BODY_1 = "社工来到桂李寨村回访张婆婆，送去链接来的棉衣，陪老人拉家常。"
BODY_2 = "社工为小霞（化名）一家整理低保复核材料。"
BODY_3 = "社工带领孩子们完成手工小组第三节。"
# Rows as the worker typed them; a date is a date, a number stays a number.
ROWS: list[list[object]] = [
    [
        1,
        date(2022, 11, 18),
        "兰考县",
        "惠安街道社工站",
        "走访调研",
        "与长者谈心谈话",
        BODY_1,
        12,
        6,
        "photos/走访.png",
    ],
    [2, None, None, None, "care", None, BODY_2, None, None, None],  # merged with the row above
    [3, 44885, "兰考县", "仪封", "小组", "七彩童心", BODY_3, None, None, None],  # serial date
    [
        4,
        "2022年11月23日",
        "尉氏县",
        "朱曲镇社工站",
        "宣传",
        "政策宣传",
        "社工发放宣传单。",
        None,
        None,
        None,
    ],
    [5, "2022-11-31", "尉氏县", "朱曲镇社工站", "走访调研", None, "社工入户走访。", 3, None, None],
    [6, date(2022, 11, 22), "尉氏县", "小陈乡社工站", "走访调研", "入户走访", None, 8, 4, None],
    ["合计", None, None, None, None, None, None, 23, 10, None],
]


def row_of(
    day: str, station: str, category: str, title: str, body: str, image: str = ""
) -> list[object]:
    """A row of HEADERS in 兰考县, without figures."""
    return ["", day, "兰考县", station, category, title, body, None, None, image]


def write_workbook(path: Path, rows: list[list[object]] = ROWS) -> Path:
    """A station's weekly sheet: a merged title row, a header, merged station and date cells."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "第47周"
    sheet.append(["开封市社工站工作台账（2022年第47周）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    for column in (2, 3, 4):  # 日期, 县区, 社工站 merged over the first two data rows
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    sheet.cell(3, 2).number_format = "yyyy/m/d"
    workbook.save(path)
    return path


def write_csv(path: Path, encoding: str, rows: list[list[object]], delimiter: str = ",") -> Path:
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter)
    writer.writerow(HEADERS)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    path.write_bytes(stream.getvalue().encode(encoding))
    return path


@pytest.fixture
def project(kaifeng: Path) -> Path:
    photos = kaifeng / "incoming" / "photos"
    photos.mkdir(parents=True)
    (photos / "走访.png").write_bytes(
        (kaifeng / "entries/2022-W47/兰考县/photos/微信图片_20221201140627.png").read_bytes()
    )
    return kaifeng


def imported(project: Path) -> list[str]:
    return sorted(
        path.relative_to(project / "entries").as_posix()
        for path in (project / "entries").rglob("*.yaml")
        if path.stem[-11:-10] == "-"
    )


def test_a_station_sheet_imports_its_good_rows_and_names_the_cell_of_every_bad_one(
    project: Path, run
) -> None:  # type: ignore[no-untyped-def]
    sheet = write_workbook(project / "incoming" / "台账.xlsx")
    code, out, err = run(project, "import", "incoming/台账.xlsx")
    assert code == 1

    files = imported(project)
    assert [name.rsplit("-", 1)[0] for name in files] == [
        "2022-W47/仪封镇社工站/2022-11-20-七彩童心",
        "2022-W47/惠安街道社工站/2022-11-18-与长者谈心谈话",
        "2022-W47/惠安街道社工站/2022-11-18-关心关爱特殊困难群体",
    ]
    first = (project / "entries" / files[1]).read_text(encoding="utf-8")
    assert first.startswith(
        "station: 惠安街道社工站\ndistrict: 兰考县\ncategory: visits\ndate: 2022-11-18\n"
    )
    assert "images:\n  - ../../../incoming/photos/走访.png\n" in first
    assert "stats:\n  visited: 12\n  households: 6\n" in first
    second = (project / "entries" / files[2]).read_text(encoding="utf-8")
    assert "date: 2022-11-18" in second and "category: care" in second  # merged cells

    assert "incoming/台账.xlsx:6:5: error: 没有“宣传”这个类别" in err
    assert "incoming/台账.xlsx:7:2: error: 日期“2022-11-31”不存在" in err
    assert "incoming/台账.xlsx:8:7: error: 缺少 body（正文）" in err
    assert "incoming/台账.xlsx:9:1: warning: 这是合计行" in err
    assert "新导入 3 条，0 行以前导入过，3 行有问题没有导入。" in out
    assert sheet.exists()

    assert run(project, "check")[0] == 0
    assert run(project, "build", "week-47")[0] == 0
    markdown = (project / "build/2022-W47/bulletin.md").read_text(encoding="utf-8")
    assert "**七彩童心**" in markdown and BODY_2 in markdown


def test_importing_twice_adds_nothing_and_keeps_edits(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    write_workbook(project / "incoming" / "台账.xlsx")
    run(project, "import", "incoming/台账.xlsx")
    before = imported(project)
    edited = project / "entries" / before[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "time: 上午\n", encoding="utf-8")

    code, out, _ = run(project, "import", "incoming/台账.xlsx")
    assert code == 1  # the bad rows are still bad
    assert "新导入 0 条，3 行以前导入过" in out and "第 3 行以前导入过，跳过" in out
    assert imported(project) == before and "time: 上午" in edited.read_text(encoding="utf-8")

    code, out, _ = run(project, "import", "incoming/台账.xlsx", "--force")
    assert "重新写入" in out and "time: 上午" not in edited.read_text(encoding="utf-8")
    assert imported(project) == before


def test_the_same_sheet_saved_elsewhere_with_its_photos_adds_nothing(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A row with a photo links to it from its entry file: the link changes with the sheet's
    folder, the row does not."""
    write_workbook(project / "incoming" / "台账.xlsx")
    run(project, "import", "incoming/台账.xlsx")
    before = imported(project)
    moved = project / "incoming" / "第47周"
    moved.mkdir()
    (project / "incoming" / "photos").rename(moved / "photos")
    write_workbook(moved / "台账.xlsx")

    code, out, _ = run(project, "import", "incoming/第47周/台账.xlsx")
    assert code == 1  # the bad rows are still bad
    assert "新导入 0 条，3 行以前导入过" in out and "第 3 行以前导入过，跳过" in out
    assert imported(project) == before


def test_the_same_rows_as_gbk_or_utf8_or_tab_separated_csv_are_recognised_as_imported(
    project: Path, run
) -> None:  # type: ignore[no-untyped-def]
    good = [*ROWS[:1], [3, "2022/11/20", "兰考县", "仪封镇社工站", "groupwork", "七彩童心", BODY_3]]
    good[0] = [str(cell) if isinstance(cell, date) else cell for cell in good[0]]
    gbk = write_csv(project / "incoming" / "excel.csv", "gbk", good)
    code, out, err = run(project, "import", str(gbk))
    assert code == 0, err
    assert "新导入 2 条" in out
    bom = write_csv(project / "incoming" / "wps.csv", "utf-8-sig", good)
    code, out, _ = run(project, "import", str(bom))
    assert code == 0 and "新导入 0 条，2 行以前导入过" in out
    tabs = write_csv(project / "incoming" / "tabs.csv", "gbk", good, delimiter="\t")
    code, out, _ = run(project, "import", str(tabs))
    assert code == 0 and "新导入 0 条，2 行以前导入过" in out

    write_workbook(project / "incoming" / "台账.xlsx")
    code, out, _ = run(project, "import", "incoming/台账.xlsx")
    assert "新导入 1 条，2 行以前导入过" in out  # only the merged-cell row is new


def test_rows_written_with_warnings_show_them_as_check_would(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    private = "社工走访服务对象张秀英，身份证11010519491231002X，电话13812345678"
    rows = [
        row_of("2022-11-18", "惠安", "个案服务", "个案回访", private),
        row_of("2022-11-19", "惠安", "个案服务", "个案回访", private + "。"),
    ]
    sheet = write_csv(project / "incoming" / "台账.csv", "utf-8", rows)
    code, out, err = run(project, "import", str(sheet))
    assert code == 0 and "新导入 2 条，0 行以前导入过，0 行有问题没有导入。" in out
    first, second = imported(project)
    assert f"entries/{first}:7:18: warning: 这里写了一个身份证号" in err
    assert f"entries/{second}:7:39: warning: 这里写了一个手机号" in err
    assert f"entries/{second}:1:1: warning: 这一条与 entries/{first}:1:1 那一条重复" in err
    assert err.endswith("0 个错误，7 个警告。\n")  # none of the week's other files
    _, checked, _ = run(project, "check", "entries/2022-W47")
    assert all(line in checked for line in err.splitlines()[:-1])


def test_a_missing_photo_is_named_as_the_cell_has_it_and_looked_for_next_to_the_sheet(
    project: Path, tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        row_of("2022-11-18", "惠安", "走访调研", "入户", BODY_1, "微信图片_1.jpg"),
        row_of("2022-11-19", "惠安", "走访调研", "回访", BODY_2, "photos/走访.PNG"),
    ]
    sheet = write_csv(project / "incoming" / "台账.csv", "utf-8", rows)
    code, _, err = run(project, "import", str(sheet))
    assert code == 1 and imported(project) == []
    assert "incoming/台账.csv:2:10: error: 在表格所在的文件夹里找不到图片“微信图片_1.jpg”" in err
    assert (
        "incoming/台账.csv:3:10: error: 在表格所在的文件夹里找不到图片“photos/走访.PNG”。你是不是想写“photos/走访.png”？"
        in err
    )
    assert "相对于表格所在的文件夹" in err and "../" not in err and "条目文件" not in err

    outside = write_csv(tmp_path / "台账.csv", "utf-8", rows[:1])
    (tmp_path / "微信图片_1.jpg").write_bytes((project / "incoming/photos/走访.png").read_bytes())
    code, _, err = run(project, "import", str(outside))
    assert code == 1 and "图片“微信图片_1.jpg”在项目文件夹以外" in err and "../" not in err


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_a_csv_separated_by_tabs_or_semicolons_is_read_cell_by_cell(
    tmp_path: Path, delimiter: str
) -> None:
    sheet = tmp_path / "台账.csv"
    body = "入户走访, 送去棉衣; 陪老人拉家常。"
    quoted = f'"{body}"' if delimiter in body else body
    sheet.write_text(f"工作台账\n日期{delimiter}内容\n2022-11-18{delimiter}{quoted}\n", "gbk")
    (grid,) = read_grids(sheet, "台账.csv")
    assert grid.rows == {
        1: {1: "工作台账"},
        2: {1: "日期", 2: "内容"},
        3: {1: "2022-11-18", 2: body},
    }


def test_a_workbook_saved_as_csv_is_read_as_the_workbook_it_is(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    write_workbook(project / "incoming" / "台账.csv")
    code, out, err = run(project, "import", "incoming/台账.csv")
    assert code == 1 and "编码" not in err  # the bad rows of ROWS, at their cells
    assert "incoming/台账.csv:6:5: error: 没有“宣传”这个类别" in err
    assert "新导入 3 条，0 行以前导入过，3 行有问题没有导入。" in out


def test_dry_run_shows_the_files_and_writes_nothing(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    write_workbook(project / "incoming" / "台账.xlsx")
    code, out, _ = run(project, "import", "incoming/台账.xlsx", "--dry-run")
    assert code == 1
    assert "将写入 entries/2022-W47/仪封镇社工站/2022-11-20-七彩童心-" in out
    assert "    body: |\n      社工带领孩子们完成手工小组第三节。" in out
    assert "没有写入任何文件" in out
    assert imported(project) == []


def test_columns_named_in_the_config_and_english_headers(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    toml = MINIMAL_TOML + '[[metrics]]\nkey = "visited"\nlabel = "走访"\nunit = "人次"\n'
    toml += '[import.columns]\nbody = ["情况说明"]\nvisited = "走访数"\n'
    project = write_project(tmp_path / "p", toml, {})
    sheet = project / "week.csv"
    sheet.write_text(
        "Date,Station,Category,情况说明,走访数,备注\n2022-11-18,某站,visits,入户走访。,5,无\n",
        encoding="utf-8",
    )
    code, _out, err = run(project, "--lang", "en", "import", "week.csv")
    assert code == 0, err
    assert "week.csv:1:6: warning: The column '备注' is not recognised" in err
    (written,) = (project / "entries").rglob("*.yaml")
    assert "body: |\n  入户走访。\n" in written.read_text(encoding="utf-8")
    assert "visited: 5" in written.read_text(encoding="utf-8")


def test_a_sheet_without_a_body_column_or_of_another_kind_is_refused(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "p", MINIMAL_TOML, {})
    (project / "a.csv").write_text("日期,社工站,类别\n2022-11-18,某站,visits\n", encoding="utf-8")
    code, _, err = run(project, "import", "a.csv")
    assert code == 2 and "a.csv:1:1: error: 表格里没有这一列：body（正文）" in err
    (project / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = run(project, "import", "a.xls")
    assert code == 2 and "另存为 .xlsx" in err
    (project / "b.csv").write_bytes("名单\n张三\n".encode("utf-16"))
    code, _, err = run(project, "import", "b.csv")
    assert code == 2 and "[E-import-" in err
    assert not any((project / "entries").iterdir())


def with_member(sheet: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    """The workbook with one member of its zip changed (or added, from b"")."""
    import zipfile

    with zipfile.ZipFile(sheet) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[name] = change(members.get(name, b""))
    with zipfile.ZipFile(sheet, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_loaded(
    project: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """A zip bomb: a few KB that would unpack to gigabytes in memory."""
    sheet = write_workbook(project / "incoming" / "台账.xlsx")
    padding = b"\0" * (MAX_UNPACKED_MB + 1) * 1_000_000
    with_member(sheet, "xl/padding.bin", lambda _: padding)
    assert sheet.stat().st_size < 200_000
    code, _, err = run(project, "import", "incoming/台账.xlsx")
    assert code == 2 and "incoming/台账.xlsx:1:1: error: 这个 Excel 文件解压后有 51 MB" in err
    assert imported(project) == []


def test_photos_pasted_into_a_sheet_are_not_taken_for_a_bomb(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    sheet = write_workbook(project / "incoming" / "台账.xlsx")
    with_member(sheet, "xl/media/image1.jpeg", lambda _: b"\0" * 60_000_000)
    _, out, err = run(project, "import", "incoming/台账.xlsx")
    assert "新导入 3 条" in out, err


def test_a_merged_range_over_a_huge_area_is_refused_before_its_cells_are_made(
    project: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """Five KB that would make the reader create millions of cells while it loads."""
    sheet = write_workbook(project / "incoming" / "台账.xlsx")
    huge = b'<mergeCell ref="F10:CV100000"/>'
    with_member(
        sheet,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb"(<mergeCells[^>]*>)", lambda m: m[1] + huge, xml),
    )
    code, _, err = run(project, "--lang", "en", "import", "incoming/台账.xlsx")
    assert code == 2 and re.search(r"The merged cells of this file cover 9\d{6} cells", err)
    assert imported(project) == []


def test_a_sheet_whose_used_range_is_huge_is_refused_before_its_cells_are_made(
    project: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """One stray cell far below and to the right makes the used range millions of cells."""
    import openpyxl

    sheet = write_workbook(project / "incoming" / "台账.xlsx")
    workbook = openpyxl.load_workbook(sheet)
    assert workbook.active is not None
    workbook.active.cell(200_000, 100).value = "x"
    workbook.save(sheet)
    code, _, err = run(project, "--lang", "en", "import", "incoming/台账.xlsx")
    assert code == 2
    assert "This sheet's used range is 200000 rows × 100 columns, too large to read" in err
    assert imported(project) == []


def test_a_period_in_the_date_column_is_the_entrys_date_and_end(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [
        [1, "2022年11月22日-23日", "兰考县", "惠安街道社工站", "小组", "七彩童心", BODY_3]
    ]
    sheet = write_csv(project / "incoming" / "台账.csv", "utf-8", rows)
    code, _, err = run(project, "import", str(sheet))
    assert code == 0, err
    (name,) = imported(project)
    text = (project / "entries" / name).read_text(encoding="utf-8")
    assert "date: 2022-11-22\n" in text and "end: 2022-11-23\n" in text
    rows[0][1] = "2022年11月23日-22日"  # an end before the start: reported at the date's cell
    sheet = write_csv(project / "incoming" / "台账.csv", "utf-8", rows)
    code, _, err = run(project, "import", str(sheet))
    assert code == 1 and "incoming/台账.csv:2:2: error: 结束日期 2022-11-22 早于开始日期" in err


def test_sheets_each_within_the_limit_but_not_together_are_refused_unless_one_is_named(
    project: Path, run
) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    sheet = write_workbook(project / "incoming" / "台账.xlsx")
    workbook = openpyxl.load_workbook(sheet)
    for index in range(3):
        workbook.create_sheet(f"草稿{index}").cell(20_000, 20).value = "x"  # 400,000 cells each
    workbook.save(sheet)
    code, _, err = run(project, "import", "incoming/台账.xlsx")
    assert code == 2 and "要读的 4 张工作表一共有" in err and "--sheet" in err
    code, out, _ = run(project, "import", "incoming/台账.xlsx", "--sheet", "第47周")
    assert "新导入 3 条" in out


def test_a_misnamed_import_column_in_the_config_is_reported(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "p", MINIMAL_TOML + '[import.columns]\nbdy = "简介"\n', {})
    code, _, err = run(project, "check")
    assert code == 2 and "bulletin.toml:" in err and "你是不是想写“body”" in err


@given(st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31)))
def test_excel_dates_read_back_as_the_same_day(day: date) -> None:
    serial = (day - EXCEL_EPOCH).days
    today = date(2026, 11, 30)  # only a date without its year depends on it
    for cell in (serial, float(serial), str(serial), datetime(day.year, day.month, day.day)):
        assert _day(cell, None, [], today) == day  # type: ignore[arg-type]
    assert _day(f"{day.year}年{day.month}月{day.day}日", None, [], today) == day  # type: ignore[arg-type]
    assert _day(day + timedelta(0), None, [], today) == day  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", [11.2, 11.1, 11])
def test_a_number_typed_as_a_date_is_refused_not_read_as_another_day(cell: float) -> None:
    """11.20 typed in Excel is the number 11.2, which was read as 11月2日 and filed there."""
    problems: list = []  # type: ignore[type-arg]
    assert _day(cell, Location("台账.xlsx", 3, 2), problems, date(2026, 11, 30)) is None
    assert [problem.code for problem in problems] == ["E-date"]


def test_other_common_headers_and_a_merge_that_reaches_a_blank_row(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    project = write_project(tmp_path / "p", MINIMAL_TOML, {})
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["活动时间", "站点", "服务类型", "主要内容"])
    sheet.append([datetime(2022, 11, 18), "某站", "走访调研", "社工入户走访王大哥一家。"])
    sheet.append([datetime(2022, 11, 19), None, "个案服务", "社工跟进小明（化名）的个案。"])
    sheet.append([None, None, None, None])
    sheet.merge_cells("B2:B4")
    workbook.save(project / "周报.xlsx")
    code, out, err = run(project, "import", "周报.xlsx")
    assert code == 0, err
    assert err == "" and "新导入 2 条" in out


def test_a_date_without_its_year_is_read_nearest_to_today(project: Path) -> None:
    rows: list[list[object]] = [
        [1, "11月21日", "兰考县", "惠安街道社工站", "走访调研", None, BODY_1],
        [2, "12-30", "兰考县", "惠安街道社工站", "走访调研", None, BODY_3],
    ]
    sheet = write_csv(project / "incoming" / "年末.csv", "utf-8", rows)
    result = import_sheet(load_project(project), sheet, dry_run=True, today=date(2023, 1, 3))
    assert result.problems == []
    assert [
        line for f in result.files for line in f.text.splitlines() if line.startswith("date:")
    ] == [
        "date: 2022-11-21",
        "date: 2022-12-30",
    ]


def test_a_sheet_outside_the_project_is_named_as_it_is_with_c(
    project: Path,
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """From the project's parent with -C, a sheet elsewhere was named p//tmp/…/台账.csv."""
    sheet = tmp_path / "elsewhere" / "台账.csv"
    sheet.parent.mkdir()
    write_workbook(sheet)
    code, _, err = run(project.parent, "-C", project.name, "import", str(sheet))
    assert code == 1 and f"\n{sheet.as_posix()}:6:5: error: 没有“宣传”这个类别" in f"\n{err}"
