"""Line and column of a key in a TOML file, which ``tomllib`` does not report.

Only the shapes ``bulletin.toml`` uses are needed: top-level keys, ``[table]`` and
``[[array.of.tables]]`` headers followed by ``key = value`` lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"']+)\s*=\s*")


def locate_toml(text: str, path: Sequence[str | int], *, at_value: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the key at ``path``; the nearest enclosing header if absent."""
    lines = text.splitlines()
    table: tuple[str | int, ...] = ()
    counts: dict[str, int] = {}
    target_table = tuple(path[:-1])
    key = path[-1] if path else ""
    best = (1, 1)
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            name = header[2].strip()
            if header[1] == "[[":
                counts[name] = counts.get(name, -1) + 1
                table = (name, counts[name])
            else:
                table = (name,)
            if table == tuple(path[: len(table)]):
                best = (number, header.start(2) + 1)
            continue
        match = _KEY.match(line)
        if match and table == target_table and match[1].strip("\"'") == key:
            column = match.end() if at_value else match.start(1)
            return number, column + 1
    return best
