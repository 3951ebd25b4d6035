"""An entry body's Markdown, written so that every format reads it the same way.

Workers write Markdown as CommonMark (and so every viewer of bulletin.md) reads it: a list
straight under its lead-in sentence, items nested by two spaces, a table straight under its
sentence. Python-Markdown, which makes the page and the post, needs a blank line before a
list or a table and four spaces for each level of a list, ends a list at an item of the
other kind only after a blank line, reads ``#话题#`` as a heading and drops a table row's
cells beyond its header's. ``normalise_body`` rewrites the body into what both read alike,
before any format sees it, and demotes its headings below the entry's title (``####``, the
page's and the post's ``h4``): the bulletin's title and its section bands are ``#`` and
``##``.

Only the shape changes (blank lines, indentation, heading marks, empty cells); every word
stays where it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that could need rewriting: most bodies have none, and are returned as they are.
_MAYBE = re.compile(r"^ *(?:[-*+#=]|\d{1,9}\.)|\|", re.MULTILINE)
# A list item: its indentation, its marker, then text (an empty item cannot start a list).
_ITEM = re.compile(r"( *)([-*+]|(\d{1,9})\.)([ \t]+)(?=\S)")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_HEADING = re.compile(r" {0,3}#{1,6}(?=[ \t]|$)")
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_TABLE_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_BAR = re.compile(r"(?<!\\)\|")
_STEP = 4  # Python-Markdown's indentation for each level of a list

# What the line before was.
_BLANK, _TEXT, _ITEM_LINE, _IN_ITEM, _OTHER = range(5)


@dataclass
class _Level:
    """An open list: where its last item's text starts, as written, and its kind."""

    text_column: int
    ordered: bool


def normalise_body(text: str) -> str:
    """``text`` with its lists, tables and headings written as every Markdown reads them."""
    if not _MAYBE.search(text):
        return text
    return "\n".join(_Rewriter(text.replace("\r\n", "\n").replace("\r", "\n")).lines())


class _Rewriter:
    def __init__(self, text: str) -> None:
        self.lines_in = text.split("\n")
        self.out: list[str] = []
        self.levels: list[_Level] = []  # the open lists, outermost first
        self.loose = False  # a blank line has been seen inside the open list
        self.previous = _BLANK

    def lines(self) -> list[str]:
        index = 0
        while index < len(self.lines_in):
            line = self.lines_in[index]
            index += 1
            if not line.strip():
                self.out.append("")
                self.loose = bool(self.levels)
                self.previous = _BLANK
            elif self.levels and self.in_list(line):
                continue
            elif _is_table(line, self.lines_in[index : index + 1]):
                index = self.table(index - 1)
            else:
                self.outside_list(line)
        return self.out

    def in_list(self, line: str) -> bool:
        """Writes ``line`` as part of the open list and says so, or closes the list."""
        column = len(line) - len(line.lstrip(" "))
        depth = 0  # how many of the open items the line is inside
        while depth < len(self.levels) and column >= self.levels[depth].text_column:
            depth += 1
        item = _ITEM.match(line)
        if item and not _RULE.match(line):
            del self.levels[depth + 1 :]
            ordered = item[3] is not None
            level = _Level(item.end(), ordered)
            if depth == len(self.levels):
                self.levels.append(level)  # a list inside the item above
                changed = False
            else:
                changed = self.levels[depth].ordered != ordered
                self.levels[depth] = level
            # Python-Markdown starts a list of the other kind only after a blank line, and
            # after one in a list takes an item for the text above unless it has one too.
            if (changed or self.loose) and self.previous != _BLANK:
                self.out.append("")
                self.loose = depth > 0 or (self.loose and not changed)
            text = line[item.end() :]
            self.out.append(" " * (_STEP * depth) + item[2] + item[4] + _marked(text))
            self.previous = _ITEM_LINE
            return True
        if depth == 0 and _HEADING.match(line):  # a heading ends the list
            self.levels.clear()
            if self.previous != _BLANK:
                self.out.append("")
            self.previous = _BLANK
            return False
        if self.previous == _BLANK:
            if depth == 0:  # text after a blank line, not indented: the list has ended
                self.levels.clear()
                self.loose = False
                return False
            self.out.append(" " * (_STEP * depth) + _marked(line.lstrip(" ")))
        else:  # the item's text goes on (indented or not)
            indent = _STEP * (len(self.levels) - 1)
            self.out.append(" " * indent + _marked(line.lstrip(" ")))
        self.previous = _IN_ITEM
        return True

    def outside_list(self, line: str) -> None:
        item = _ITEM.match(line)
        # Under a sentence, a list starts (as in CommonMark) unless it is numbered from
        # another number than 1.
        if (
            item
            and len(item[1]) < _STEP
            and not _RULE.match(line)
            and (self.previous != _TEXT or item[3] is None or int(item[3]) == 1)
        ):
            if self.previous != _BLANK:
                self.out.append("")
            self.levels = [_Level(item.end(), item[3] is not None)]
            self.loose = False
            self.out.append(item[2] + item[4] + _marked(line[item.end() :]))
            self.previous = _ITEM_LINE
            return
        if _HEADING.match(line):
            self.out.append(_marked(line))
            self.previous = _OTHER
        elif self.previous == _TEXT and _UNDERLINE.match(line):
            self.out[-1] = "#### " + self.out[-1].strip()  # the line above is a heading
            self.previous = _OTHER
        else:
            self.out.append(_marked(line))
            self.previous = _OTHER if _RULE.match(line) else _TEXT

    def table(self, start: int) -> int:
        """Writes the table whose header is line ``start``; returns the line after it. A
        row with more cells than the header keeps them: the header gets empty ones. A line
        without a ``|`` ends the table (the sentence after it is no row)."""
        end = start + 2
        while end < len(self.lines_in) and "|" in self.lines_in[end]:
            end += 1
        rows = self.lines_in[start:end]
        header, delimiter = _cells(rows[0]), _cells(rows[1])
        wanted = max(len(_cells(row)) for row in rows)
        if wanted > len(header):
            extra = wanted - len(header)
            rows[0] = "| " + " | ".join(cell.strip() for cell in header) + " |" + "  |" * extra
            rows[1] = "|" + "|".join(cell.strip() for cell in delimiter) + "|" + "---|" * extra
        if self.previous != _BLANK:
            self.out.append("")
        self.out += rows
        self.levels.clear()
        self.previous = _OTHER
        if end < len(self.lines_in) and self.lines_in[end].strip():
            self.out.append("")
            self.previous = _BLANK
        return end


def _is_table(line: str, following: list[str]) -> bool:
    """A header row over a delimiter row with as many cells (GFM's and Python-Markdown's rule)."""
    if "|" not in line or not following or not _TABLE_DELIMITER.match(following[0]):
        return False
    return "|" in following[0] and len(_cells(line)) == len(_cells(following[0])) > 0


def _cells(row: str) -> list[str]:
    inner = row.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return _CELL_BAR.split(inner)


def _marked(line: str) -> str:
    """A heading demoted to ``####``; ``#话题#`` kept as text (Python-Markdown reads a ``#``
    without a space after it as a heading, CommonMark does not)."""
    heading = _HEADING.match(line)
    if heading:
        return "####" + line[heading.end() :]
    return "\\" + line if line.startswith("#") else line
