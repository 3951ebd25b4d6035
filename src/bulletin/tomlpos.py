"""Line and column of a key in a TOML file, which ``tomllib`` does not report.

Only the shapes ``bulletin.toml`` uses are needed: top-level keys, ``[table]`` and
``[[array.of.tables]]`` headers followed by ``key = value`` lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
# A bare key, or a quoted one: station names are Chinese, which TOML only takes in quotes.
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=\s*""")

Table = tuple[str | int, ...]  # ("wechat",), or ("groups", 3) for the fourth [[groups]]


def locate_toml(text: str, path: Sequence[str | int], *, at_value: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the key at ``path``; the nearest enclosing header if absent."""
    target_table = tuple(path[:-1])
    key = path[-1] if path else ""
    best = (1, 1)
    for number, table, is_header, match in _statements(text):
        if is_header:
            if table == tuple(path[: len(table)]):
                best = (number, match.start(2) + 1)
        elif table == target_table and _name(match) == key:
            column = match.end() if at_value else match.start(1)
            return number, column + 1
    return best


def first_writing(text: str, line: int) -> tuple[str, int, int] | None:
    """The key written on ``line`` (a key written twice), with its column, and the line where
    its table first has it; None when ``line`` holds no plain key written before."""
    earlier: dict[tuple[Table, str], int] = {}
    for number, table, is_header, match in _statements(text):
        if is_header:
            continue
        if number == line:
            first = earlier.get((table, _name(match)))
            return None if first is None else (_name(match), match.start(1) + 1, first)
        earlier.setdefault((table, _name(match)), number)
    return None


def _statements(text: str) -> Iterator[tuple[int, Table, bool, re.Match[str]]]:
    """Each header and plain ``key =`` line: its number, the table it opens or is in, whether
    it is a header, and its match."""
    table: Table = ()
    counts: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            name = header[2].strip()
            if header[1] == "[[":
                counts[name] = counts.get(name, -1) + 1
                table = (name, counts[name])
            else:
                table = (name,)
            yield number, table, True, header
            continue
        match = _KEY.match(line)
        if match:
            yield number, table, False, match


def _name(key: re.Match[str]) -> str:
    return key[1].strip("\"'")
