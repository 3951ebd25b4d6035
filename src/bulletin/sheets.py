"""Spreadsheets as stations send them (.xlsx, or .csv in UTF-8, UTF-8 with BOM or GBK,
separated by commas, tabs or semicolons; an .xlsx saved as .csv is read as what it is) → grids.

A grid keeps Excel's 1-based row and column numbers so problems point at the cell a worker
sees. Merged cells are filled with their value in every cell they cover: stations merge the
station and date cells over all rows of one day, and each of those rows means that value.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.diagnostics import Location, UsageError, error

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
# A station's weekly sheet is tens of KB of cells, and a few MB of photos when they are pasted
# in. The workbook is loaded whole, so what would take more memory or time than any real
# sheet is refused first: cells that unpack to more (a zip bomb), photos that do, merged
# ranges covering more cells (the reader makes their cells as it loads), and a sheet whose
# used range spans more (every cell of the range is made when it is read).
MAX_UNPACKED_MB = 50
MAX_PHOTOS_MB = 200
MAX_CELLS = 1_000_000
_PHOTOS_FOLDER = "xl/media/"
_ZIP_SIGNATURE = b"PK\x03\x04"  # how every .xlsx starts: it is a zip archive
_DELIMITERS = (",", "\t", ";")
_SNIFFED_ROWS = 10
_MERGED_RANGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


@dataclass
class Grid:
    """One sheet: ``rows[row][column]`` holds every non-empty cell's value."""

    name: str  # how locations name it: the file, and the sheet when a workbook has several
    rows: dict[int, dict[int, object]] = field(default_factory=dict)
    merged: set[tuple[int, int]] = field(default_factory=set)  # cells filled from a merge

    def put(self, row: int, column: int, value: object) -> None:
        self.rows.setdefault(row, {})[column] = value

    def get(self, row: int, column: int) -> object:
        return self.rows.get(row, {}).get(column)


def read_grids(path: Path, shown: str, sheet: str | None = None) -> list[Grid]:
    """The sheets of ``path``; ``shown`` is how messages name the file."""
    suffix = path.suffix.lower()
    where = Location(shown)
    if suffix not in SHEET_SUFFIXES:
        raise UsageError([error(where, "E-import-format", suffix=suffix or path.name)])
    if not path.is_file():
        raise UsageError([error(where, "E-import-missing-file")])
    if suffix == ".csv":
        raw = path.read_bytes()
        if not raw.startswith(_ZIP_SIGNATURE):  # else a workbook saved or renamed as .csv
            return [_read_csv(raw, shown)]
    return _read_workbook(path, shown, sheet)


def _read_csv(raw: bytes, shown: str) -> Grid:
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 reads everything GBK does
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UsageError([error(Location(shown), "E-import-encoding")])
    grid = Grid(shown)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            if value.strip():
                grid.put(row_number, column_number, value)
    return grid


def _delimiter(text: str) -> str:
    """Commas, or what Excel and WPS write in some locales and as "text (tab delimited)": tabs
    or semicolons. Whichever splits more of the first rows, then into more cells: a body's
    stray semicolon or comma splits its own row only, never the header's."""

    def splits(delimiter: str) -> tuple[int, int]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = list(itertools.islice(reader, _SNIFFED_ROWS))
        return sum(len(row) > 1 for row in rows), max(map(len, rows), default=0)

    return max(_DELIMITERS, key=splits)  # commas on a tie


def _refuse_oversized(archive: zipfile.ZipFile, where: Location) -> None:
    members = archive.infolist()
    photos = sum(m.file_size for m in members if m.filename.startswith(_PHOTOS_FOLDER))
    cells = sum(m.file_size for m in members if not m.filename.startswith(_PHOTOS_FOLDER))
    for size, limit in ((cells, MAX_UNPACKED_MB), (photos, MAX_PHOTOS_MB)):
        if size > limit * 1_000_000:
            shown = f"{size / 1_000_000:,.0f}"
            raise UsageError([error(where, "E-import-too-large", size=shown, limit=limit)])
    merged = 0
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            for first, top, last, bottom in _MERGED_RANGE.findall(archive.read(member)):
                columns = _column_number(last or first) - _column_number(first) + 1
                merged += abs(columns) * (abs(int(bottom or top) - int(top)) + 1)
    if merged > MAX_CELLS:
        raise UsageError([error(where, "E-import-merged-size", cells=merged)])


def _column_number(letters: bytes) -> int:
    """A1 notation's column: A → 1, Z → 26, AA → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _read_workbook(path: Path, shown: str, sheet: str | None) -> list[Grid]:
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            _refuse_oversized(archive, Location(shown))
        with path.open("rb") as stream:  # a stream: openpyxl refuses a name ending in .csv
            workbook = openpyxl.load_workbook(stream, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        raise UsageError([error(Location(shown), "E-import-unreadable", reason=reason)]) from None
    names = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if sheet is not None:
        if sheet not in workbook.sheetnames:
            where = Location(shown)
            raise UsageError([error(where, "E-import-sheet", value=sheet, choices=tuple(names))])
        names = [sheet]
    cells = sum(workbook[name].max_row * workbook[name].max_column for name in names)
    if len(names) > 1 and cells > MAX_CELLS:  # each sheet may pass, and all together not
        where = Location(shown)
        raise UsageError([error(where, "E-import-sheets-size", count=len(names), cells=cells)])
    grids = []
    for name in names:
        worksheet = workbook[name]
        grid = Grid(shown if len(names) == 1 else f"{shown}[{name}]")
        if worksheet.max_row * worksheet.max_column > MAX_CELLS:
            where = Location(grid.name)
            rows, columns = worksheet.max_row, worksheet.max_column
            raise UsageError([error(where, "E-import-sheet-size", rows=rows, columns=columns)])
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.value is not None and str(cell.value).strip():
                    grid.put(cell.row, cell.column, cell.value)
        for merged in worksheet.merged_cells.ranges:
            value = grid.get(merged.min_row, merged.min_col)
            if value is None:
                continue
            for row_number in range(merged.min_row, merged.max_row + 1):
                for column_number in range(merged.min_col, merged.max_col + 1):
                    if (row_number, column_number) != (merged.min_row, merged.min_col):
                        grid.put(row_number, column_number, value)
                        grid.merged.add((row_number, column_number))
        grids.append(grid)
    return grids
