"""Files → parsed YAML documents, with every syntax problem located.

Parsing uses PyYAML's libyaml-backed loader: it is several times faster than ruamel.yaml
(see README, "Why PyYAML for reading"), and line/column is only needed for the few nodes a
problem is reported on, so the node tree is composed again lazily for those files only.
The loader reads the YAML 1.2 way where YAML 1.1 surprises workers: ``15:30`` stays text
(not the sexagesimal number 930), ``yes``/``no``/``on``/``off`` stay text, and an
impossible ``2022-11-31`` stays text so that validation can say what is wrong with it.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from bulletin.diagnostics import Location, MessageArg, Problem, error, shortened, warning
from bulletin.records import Record
from bulletin.textfile import INVISIBLE, NotUtf8, decode, encoding_problem, megabytes
from bulletin.weeks import WeekId

ENTRY_SUFFIXES = (".yaml", ".yml")
_READ_CHUNK = 64 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
# Photos too, though none is published as it is (E-image-heic): not "not an entry".
PHONE_PHOTO_SUFFIXES = (".heic", ".heif")
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# An entry file nests six deep (entries → entry → by_group → metric → group → figure).
MAX_DEPTH = 20
YamlPath = tuple[str | int, ...]


class _EntryLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that reports duplicate keys and keeps YAML 1.1 oddities as text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[yaml.Node] = []
        self.text = stream

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()  # YAML's line breaks, as the marks count them

    def construct_text(self, node: yaml.ScalarNode) -> str:
        """A text as YAML reads it, except that a line break YAML folds into a space (in a
        plain or ``>`` scalar) is no space between Chinese characters: a worker who breaks
        ``对服务对象进`` / ``行回访`` over two lines means 进行, as a Chinese reader does."""
        value: str = node.value
        if node.start_mark.line == node.end_mark.line or node.style not in _FOLDING_STYLES:
            return value
        if not _FOLDED_SPACE.search(value):
            return value
        written = self._written_lines(node)
        if node.style in _QUOTES:  # its quotes are no characters of the value, nor escapes
            escape = "\\" if node.style == '"' else "''"
            if any(escape in line for line in written):
                return value
            written[0], written[-1] = written[0][1:], written[-1][:-1]
        return _unfolded(value, written)

    def _written_lines(self, node: yaml.ScalarNode) -> list[str]:
        """The lines a multi-line plain, ``>`` or quoted scalar is written on, without the ``>``
        line and without what comes after its end (a comment)."""
        start, end = node.start_mark, node.end_mark
        first = start.line + 1 if node.style == ">" else start.line
        written = self.lines[first : end.line + 1]
        if end.line < len(self.lines):
            written[-1] = written[-1][: end.column]
        if first == start.line:
            written[0] = written[0][start.column :]
        return written

    # The C composer calls these three for every node. This loader has no path resolvers, so
    # the first two do nothing, and a scalar's tag is the first implicit resolver's that
    # matches it, else str: as PyYAML's own methods decide, without their general case.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in _IMPLICIT_TAGS.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG  # type: ignore[no-any-return]
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicate_keys.append(key_node)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_plain_int(self, node: yaml.ScalarNode) -> Any:
        # YAML 1.1 reads 010 as 8 (octal), 0x10 as 16, 1_0 as 10 and 15:30 as 930: a worker's
        # number means the digits it shows, so anything but plain decimal digits stays text.
        if not _DECIMAL_INT.match(node.value):
            return node.value
        return int(node.value)

    def construct_plain_float(self, node: yaml.ScalarNode) -> Any:
        if ":" in node.value or "_" in node.value:
            return node.value
        return yaml.constructor.SafeConstructor.construct_yaml_float(self, node)

    def construct_plain_bool(self, node: yaml.ScalarNode) -> Any:
        if node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        return node.value

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(self, node)
        except ValueError:
            return node.value


_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_QUOTES = ('"', "'")
# Plain (None in PyYAML, "" in libyaml), folded and quoted: each folds a line break to a space.
_FOLDING_STYLES = (None, "", ">", *_QUOTES)
# Characters written without spaces between them, as CSS's line breaking treats East Asian
# wide ones: Han, kana, their punctuation and full-width forms (not Hangul, which spaces words).
_WIDE = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003ffff"
)
# Punctuation Chinese shares with Latin text: joined to a wide character, not to each other.
_SHARED_PUNCTUATION = "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
_FOLDED_SPACE = re.compile(
    f" (?:(?<=[{_WIDE}] )(?=[{_WIDE}{_SHARED_PUNCTUATION}])|(?<=[{_SHARED_PUNCTUATION}] )(?=[{_WIDE}]))"
)
# The implicit resolvers by first character (PyYAML keeps none for "any character").
_IMPLICIT_TAGS: dict[str, list[tuple[str, re.Pattern[str]]]] = _EntryLoader.yaml_implicit_resolvers
assert None not in _IMPLICIT_TAGS
_STR_TAG, _MAP_TAG, _SEQ_TAG = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq"))
_OTHER_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float", "timestamp")
)
_EntryLoader.add_constructor(_STR_TAG, _EntryLoader.construct_text)
_EntryLoader.add_constructor("tag:yaml.org,2002:int", _EntryLoader.construct_plain_int)
_EntryLoader.add_constructor("tag:yaml.org,2002:float", _EntryLoader.construct_plain_float)
_EntryLoader.add_constructor("tag:yaml.org,2002:bool", _EntryLoader.construct_plain_bool)
_EntryLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _EntryLoader.construct_lenient_timestamp
)


@dataclass
class SourceFile:
    """One entry file: where it is, which week its folder names, its text and its data."""

    path: Path
    relative: str
    week: WeekId | None
    text: str = ""
    data: Any = None
    problems: list[Problem] = field(default_factory=list)

    def __getstate__(self) -> dict[str, Any]:
        """What the cache keeps (``cache.py``): neither the text, which is read again to
        know whether the file changed, nor anything parsed from it, which is made again
        from that text when a problem needs it."""
        state = dict(self.__dict__)
        state.update(text="", data=None)
        for derived in ("_root_node", "_line_starts", "_parsed_again"):
            state.pop(derived, None)
        return state

    @cached_property
    def _parsed_again(self) -> Any:
        """The data of a file restored from the cache (whose ``data`` was left behind)."""
        again = SourceFile(self.path, self.relative, self.week, self.text)
        _parse(again)  # the data alone: its problems are known
        return again.data

    @cached_property
    def _root_node(self) -> yaml.Node | None:
        try:
            return yaml.compose(self.text, Loader=_BaseLoader)
        except yaml.YAMLError:
            return None

    def locate(self, path: YamlPath, at_key: bool = False) -> Location:
        """The location of the value (or key) at ``path``; the nearest enclosing node if absent."""
        found = self._node_at(path, at_key)
        if found is None:
            return Location(self.relative)
        mark = found[1]
        return Location(self.relative, mark.line + 1, mark.column + 1)

    def locate_text(self, path: YamlPath, needle: str, after: int = 0) -> Location:
        """Where ``needle`` is written inside the value at ``path``, past its first ``after``
        occurrences there (惠安 after 惠安街道社工站、).

        The value's own start when the text is not there verbatim (folded over two lines, or
        written with escapes).
        """
        found = self._node_at(path, at_key=False)
        if found is None or not needle:
            return self.locate(path)
        node = found[0]
        start, end = self._offset(node.start_mark), self._offset(node.end_mark)
        offset = self.text.find(needle, start, end)
        for _ in range(after):
            if offset < 0:
                break
            offset = self.text.find(needle, offset + 1, end)
        if offset < 0:
            return self.locate(path)
        return self.located(offset)

    def located(self, offset: int) -> Location:
        """The location of the character at ``offset`` in the text."""
        line = bisect.bisect_right(self._line_starts, offset)
        return Location(self.relative, line, offset - self._line_starts[line - 1] + 1)

    def value_at(self, path: YamlPath) -> Any:
        """The parsed value at ``path``, or None."""
        value = self.data if self.data is not None else self._parsed_again
        for step in path:
            found = isinstance(value, dict) and step in value
            found = found or (
                isinstance(value, list) and isinstance(step, int) and step < len(value)
            )
            if not found:
                return None
            value = value[step]
        return value

    def _node_at(self, path: YamlPath, at_key: bool) -> tuple[yaml.Node, yaml.Mark] | None:
        """The node at ``path`` (or the nearest enclosing one) and the mark to report."""
        node = self._root_node
        if node is None:
            return None
        mark = node.start_mark
        for step in path:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if getattr(key_node, "value", None) == step:
                        child = value_node
                        if at_key and step == path[-1]:
                            mark = key_node.start_mark
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                child = node.value[step]
            if child is None:
                break
            node = child
            if not (at_key and step == path[-1]):
                mark = node.start_mark
        return node, mark

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(match.end() for match in re.finditer("\n", self.text))]

    def _offset(self, mark: yaml.Mark) -> int:
        # Marks count lines and columns in characters; their ``index`` is not reliably so.
        return self._line_starts[min(mark.line, len(self._line_starts) - 1)] + mark.column


@dataclass(frozen=True, slots=True)
class EntryPlaces(Record):
    """Where one entry and its fields were written, found only when something is reported.

    ``origins`` maps a field to its path in the file: under the entry, or among the file's
    defaults when the entry inherits it.
    """

    source: SourceFile
    path: YamlPath
    origins: Mapping[str, YamlPath]
    # A field written as a part of another's text → that part as written: the end of a period
    # written in ``date:`` (``23日`` of ``11月22日-23日``).
    parts: Mapping[str, str] = field(default_factory=dict)

    def whole(self) -> Location:
        """Where the entry begins."""
        return self.source.locate(self.path)

    def order(self) -> tuple[str, YamlPath]:
        """Sorts entries as their locations would, without locating them: by file, then by
        position in the file (a later entry of a file is on a later line)."""
        return self.source.relative, self.path

    def written_at(self, name: str, *inner: str | int) -> YamlPath:
        """The path in the file of a field, or of a part of it (where it would be written
        under the entry, when it is not written at all)."""
        return (*self.origins.get(name, (*self.path, name)), *inner)

    def field(self, name: str, *inner: str | int, at_key: bool = False) -> Location:
        """Where a field (or a part of it) is written, its key with ``at_key``; the nearest
        enclosing place, the entry, when it is not written."""
        part = self.parts.get(name)
        if part is not None and not inner and not at_key:
            return self.source.locate_text(self.written_at(name), part)
        return self.source.locate(self.written_at(name, *inner), at_key)

    def at(self, loc: Sequence[str | int], at_key: bool) -> Location:
        """``field`` for a path as a sequence, a validation error's; the entry for ()."""
        return self.field(str(loc[0]), *loc[1:], at_key=at_key) if loc else self.whole()

    def text_in(self, needle: str, name: str, *inner: str | int, after: int = 0) -> Location:
        """Where ``needle`` is written inside the field's value (or inside a part of it),
        past its first ``after`` occurrences."""
        origin = self.origins.get(name)
        if origin is None:
            return self.field(name)
        return self.source.locate_text((*origin, *inner), needle, after)

    def span_in(self, text: str, start: int, end: int, name: str, *inner: str | int) -> Location:
        """Where ``text[start:end]`` is written, ``text`` being the field's value (or a part's):
        the same words written earlier in it are passed over."""
        needle, before, found = text[start:end], 0, text.find(text[start:end])
        while 0 <= found < start:
            before, found = before + 1, text.find(needle, found + 1)
        return self.text_in(needle, name, *inner, after=before)

    def written(self, name: str) -> Any:
        """The field's value as written (before validation), or None."""
        origin = self.origins.get(name)
        return self.source.value_at(origin) if origin else None


@dataclass(frozen=True, slots=True)
class Written(Record):
    """Where a value was written in an entry file. The line and column are found only when a
    problem is reported there: finding them composes the file's YAML node tree again."""

    source: SourceFile
    path: YamlPath

    def location(self) -> Location:
        return self.source.locate(self.path)

    def value(self) -> Any:
        """The value as written there, or None."""
        return self.source.value_at(self.path)


def discover(
    entries_dir: Path, project_root: Path, only: Iterable[Path] = ()
) -> Iterator[SourceFile | Problem]:
    """Every entry file below ``entries_dir`` (or below the ``only`` paths), in path order.

    Files that are neither entries nor images are reported, never silently skipped:
    a misnamed ``.yaml.txt`` is the commonest way a report goes missing. A link that leads
    out of the project (and out of the entries folder) is reported without being opened:
    a submission must not get CI to read, and print, a file of the machine's.
    """
    real_root, real_entries = project_root.resolve(), entries_dir.resolve()
    config = real_root / "bulletin.toml"  # no entry, and checked before any entry
    roots = [path.resolve() for path in only] or [real_entries]
    # Each file or link, and whether it needs a closer look: a link, or a path given that
    # may be a pipe or a device.
    candidates: dict[Path, bool] = {}
    for root in roots:
        if root.is_dir():
            candidates.update(_below(root))
        elif root.exists():
            candidates[root] = True
    for path in sorted(candidates):
        below = _parts_below(path, real_root)
        relative = "/".join(below) if below is not None else path.as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        suffix = path.suffix.lower()
        if suffix in IMAGE_SUFFIXES or suffix in PHONE_PHOTO_SUFFIXES or path == config:
            continue  # a photo is read when an entry names it
        # The roots are resolved and linked folders are not entered, so only a path that is
        # itself a link can lead elsewhere (resolving each path stats each folder on its way).
        real = path.resolve() if candidates[path] else path
        if not (real.is_relative_to(real_root) or real.is_relative_to(real_entries)):
            yield error(Location(relative), "E-outside-project")
            continue
        if candidates[path] and not path.is_file():  # a link to a folder, a pipe or a device
            continue
        if suffix not in ENTRY_SUFFIXES:
            yield warning(Location(relative), "W-not-entry", suffix=suffix or path.name)
            continue
        week_folder = _week_folder(path, real_entries)
        week = WeekId.parse(week_folder) if week_folder else None
        source = SourceFile(path, relative, week)
        if not relative.isascii():
            misnamed = _name_not_utf8(relative)
            if misnamed is not None:
                source.problems.append(misnamed)
        if week is None:
            where = Location(relative)
            source.problems.append(
                error(where, "E-week-folder", folder=week_folder)
                if week_folder
                else error(where, "E-no-week-folder")  # straight in entries/: no folder to name
            )
        yield source


def _name_not_utf8(relative: str) -> Problem | None:
    """The first part of a path whose name is not UTF-8 (a zip from Windows, a QQ transfer:
    Python holds its bytes as lone surrogates), with what it reads as in GBK, if it does."""
    parts = relative.split("/")
    for index, part in enumerate(parts):
        try:
            part.encode("utf-8")
        except UnicodeEncodeError:
            raw = part.encode("utf-8", "surrogateescape")
            try:
                # GB2312's bytes, not GB18030's, which read almost any bytes as some character
                # (a Latin-1 équipe as 閝uipe).
                guess = raw.decode("gb2312")
            except UnicodeDecodeError:
                guess = ""
            where = Location("/".join(parts[: index + 1]), 0, 0)
            return warning(where, "W-file-name-encoding", guess=guess)
    return None


def _below(root: Path) -> Iterator[tuple[Path, bool]]:
    """Every file and link below ``root``, with whether it is a link, as ``rglob("*")``
    finds them (a linked folder is listed, not entered). The folder listings tell files,
    folders and links apart: no system call per file, for thousands of files."""
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                found = list(listing)
        except OSError:
            continue
        for item in found:
            if item.is_symlink():
                yield folder / item.name, True
            elif item.is_dir():
                pending.append(folder / item.name)
            elif item.is_file():
                yield folder / item.name, False


def _parts_below(path: Path, folder: Path) -> tuple[str, ...] | None:
    """The parts of ``path`` below ``folder``, or None when it is not below it."""
    depth = len(folder.parts)
    return path.parts[depth:] if path.parts[:depth] == folder.parts else None


def _week_folder(path: Path, entries_dir: Path) -> str | None:
    parts = _parts_below(path, entries_dir)
    return parts[0] if parts is not None and len(parts) > 1 else None


def parse(source: SourceFile, max_bytes: int) -> SourceFile:
    """Read and parse one file in place; reading, decoding and syntax problems are recorded
    on it. A file over ``max_bytes`` is not read further than that."""
    raw = read_entry_bytes(source, max_bytes)
    return source if raw is None else parse_bytes(source, raw)


def read_entry_bytes(source: SourceFile, max_bytes: int) -> bytes | None:
    """The file's bytes, or None with the reason recorded on ``source`` (unreadable, or over
    ``max_bytes``: then it is not read further than that)."""
    where = Location(source.relative)
    try:
        raw = _read_head(source.path, max_bytes + 1)
    except OSError as exc:
        source.problems.append(error(where, "E-file-unreadable", reason=exc.strerror or str(exc)))
        return None
    if len(raw) > max_bytes:
        size = source.path.stat().st_size
        source.problems.append(
            error(where, "E-file-too-large", size=megabytes(size), limit=megabytes(max_bytes))
        )
        return None
    return raw


def _read_head(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes from the start of the file, read without Python's buffered
    file objects and without a buffer of ``limit`` bytes for each small file: a week of
    thousands of small files spends more time opening them than reading them."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        parts = []
        remaining = limit
        wanted = min(limit, os.fstat(descriptor).st_size + 1)  # its size, and the end after it
        while remaining > 0:
            part = os.read(descriptor, min(remaining, wanted))
            if not part:
                break
            parts.append(part)
            remaining -= len(part)
            wanted = _READ_CHUNK  # it grew while it was read
        return b"".join(parts)
    finally:
        os.close(descriptor)


def parse_bytes(source: SourceFile, raw: bytes) -> SourceFile:
    """Decode and parse the file's bytes in place."""
    try:
        text = decode(raw)
    except NotUtf8 as exc:
        source.problems.append(encoding_problem(source.relative, exc))
        return source
    return parse_text(source, text)


def entry_text(text: str) -> str:
    """A file's text as parsed, and as every line and column counts it: CRLF read as LF."""
    return text.replace("\r\n", "\n")


def parse_text(source: SourceFile, text: str) -> SourceFile:
    """Parse ``text`` as the content of ``source`` (which need not exist on disk yet)."""
    source.text = entry_text(text)
    _parse(source)
    if source.data is not None and _may_have_slipped(source.text):
        slip = _slip_in_parsed(source)
        if slip is not None:  # the data is not what the worker meant: the slip is the error
            source.problems.append(slip)
            source.data = None
            return source
    # "#" in: a search in C, far cheaper than the pattern, and most files have no "#".
    if source.data is not None and "#" in source.text and _TEXT_THEN_COMMENT.search(source.text):
        source.problems.extend(_dropped_comments(source))
    return source


def _parse(source: SourceFile) -> None:
    loader = _EntryLoader(source.text)
    try:
        node = loader.get_single_node()
        if node is not None and _has_hidden(source.text):
            _drop_hidden_ends(node)
        if node is not None and "&" not in source.text:  # no anchor: no node is reached twice
            try:
                source.data = _plain_data(loader, node, 1)
                return
            except _Unusual:
                pass  # read by PyYAML's constructor below, which finds what is wrong
        refused = _refused_structure(source, node)
        if refused is not None:
            source.problems.append(refused)
            return
        source.data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        source.problems.append(_syntax_problem(source, exc))
        return
    except yaml.reader.ReaderError as exc:  # a character YAML refuses anywhere
        # Its position counts bytes in libyaml; the refused character is its first one.
        offset = max(source.text.find(chr(exc.character)), 0)
        before = source.text[:offset]
        line, column = before.count("\n") + 1, offset - before.rfind("\n")
        where = Location(source.relative, line, column)
        source.problems.append(error(where, "E-control-character", value=f"U+{exc.character:04X}"))
        return
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at 1,000
        source.problems.append(error(Location(source.relative), "E-yaml-depth", limit=MAX_DEPTH))
        return
    finally:
        loader.dispose()
    for key_node in loader.duplicate_keys:
        source.problems.append(
            error(_at(source, key_node.start_mark), "E-duplicate-key", field=str(key_node.value))
        )


# Text, a space, then "#" and no space: what _dropped_comments looks for, found in C first so
# that files whose comments are whole lines (indented or not) are not scanned a second time.
_TEXT_THEN_COMMENT = re.compile(r"\S[ \t]+#[^ \t\n]")


def _dropped_comments(source: SourceFile) -> list[Problem]:
    """A `` #`` after a plain value starts a YAML comment: the rest of the line is silently
    left out of the value. Written ``#社工在行动#``, with no space after the ``#``, that is a
    topic pasted from WeChat, not a comment (``# 备注`` is one, and passes)."""
    lines = source.text.splitlines()  # YAML's line breaks, as the marks count them
    problems = []
    for token in yaml.scan(source.text, Loader=_BaseLoader):
        if not isinstance(token, yaml.ScalarToken) or token.style:  # plain: None, or "" in C
            continue
        mark = token.end_mark
        rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
        comment = rest.lstrip(" \t")
        if rest[:1] in (" ", "\t") and comment[:1] == "#" and comment[1:2] not in ("", " ", "\t"):
            column = mark.column + 1 + len(rest) - len(comment)
            where = Location(source.relative, mark.line + 1, column)
            problems.append(warning(where, "W-comment-dropped", value=shortened(comment, 20)))
    return problems


def _drop_hidden_ends(root: yaml.Node) -> None:
    """A one-line value loses the invisible characters at its ends (``惠安街道社工站\u200b``
    copied from WeChat), as YAML drops spaces there; inside a text they stay."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:  # an alias: the same node again, or a cycle
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            if value and (value[0] in INVISIBLE or value[-1] in INVISIBLE) and "\n" not in value:
                node.value = value.strip(INVISIBLE)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(child for pair in node.value for child in pair)


class _Unusual(Exception):
    """A node ``_plain_data`` leaves to PyYAML's constructor."""


def _plain_data(loader: _EntryLoader, node: yaml.Node, depth: int) -> Any:
    """The data of a node tree of plain mappings, lists and scalars, as PyYAML's constructor
    (with this loader's scalars) makes it, in one walk instead of its generators; it also
    checks the depth. Anything else raises ``_Unusual``: a repeated key, a key that is not a
    scalar, a merge key (``<<``), another tag, too deep."""
    if depth > MAX_DEPTH:
        raise _Unusual
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR_TAG:  # only a value with a space may hold a folded line break
            return loader.construct_text(node) if " " in node.value else node.value
        if tag in _OTHER_SCALAR_TAGS:
            return loader.yaml_constructors[tag](loader, node)
    elif tag == _MAP_TAG and isinstance(node, yaml.MappingNode):
        data: dict[Any, Any] = {}
        written: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in written:
                raise _Unusual
            written.add(key_node.value)
            key = _plain_data(loader, key_node, depth + 1)
            data[key] = _plain_data(loader, value_node, depth + 1)
        return data
    elif tag == _SEQ_TAG and isinstance(node, yaml.SequenceNode):
        return [_plain_data(loader, item, depth + 1) for item in node.value]
    raise _Unusual


def _unfolded(value: str, written: Sequence[str]) -> str:
    """``value`` without the spaces YAML folded the line breaks of ``written`` into where the
    break is between two wide characters (``_FOLDED_SPACE``). A plain or folded scalar has no
    escapes, so its characters other than blanks are the same in the value as on its lines: a
    space in the value is a folded break when as many of them come before it as before the
    end of a line that another written line follows."""
    folds: set[int] = set()
    before = 0
    for line, following in itertools.pairwise(written):
        before += _not_blank(line, 0, len(line))
        if line.strip(" \t") and following.strip(" \t"):  # a blank line is kept as a break
            folds.add(before)
    pieces, start, counted, before = [], 0, 0, 0
    for space in _FOLDED_SPACE.finditer(value):
        at = space.start()
        before += _not_blank(value, counted, at)
        counted = at
        if before in folds:
            pieces.append(value[start:at])
            start = at + 1
    return "".join(pieces) + value[start:] if pieces else value


def _not_blank(text: str, start: int, end: int) -> int:
    """How many characters of ``text[start:end]`` are not spaces, tabs or line breaks."""
    blanks = text.count(" ", start, end) + text.count("\t", start, end)
    return end - start - blanks - text.count("\n", start, end)


def _refused_structure(source: SourceFile, root: yaml.Node | None) -> Problem | None:
    """An alias, or nesting deeper than any entry, found before anything is built from them.

    Entries have no use for anchors and aliases (``&a`` … ``*a``), and an alias is how a file
    of a few lines expands into billions of values ("billion laughs"): refused outright.
    An alias shows in the node tree as a node reached twice; the walk stops there.
    """
    seen: set[int] = set()
    pending = [(root, 1)] if root is not None else []
    while pending:
        node, depth = pending.pop()
        if id(node) in seen:
            return error(_first_alias(source), "E-yaml-alias")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return error(_at(source, node.start_mark), "E-yaml-depth", limit=MAX_DEPTH)
        if isinstance(node, yaml.SequenceNode):
            pending.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pending += [(key, depth + 1), (value, depth + 1)]
    return None


def _first_alias(source: SourceFile) -> Location:
    for event in yaml.parse(source.text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            return _at(source, event.start_mark)
    return Location(source.relative)  # pragma: no cover - a shared node comes from an alias


def _line_count(text: str) -> int:
    return text.count("\n") + (not text.endswith("\n"))


def _at(source: SourceFile, mark: Any) -> Location:
    """The 1-based location of a YAML mark (a node's or an event's start)."""
    return Location(source.relative, mark.line + 1, mark.column + 1)


def _syntax_problem(source: SourceFile, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    ended = mark is not None and mark.line >= _line_count(source.text)
    if ended and mark is exc.problem_mark and exc.context_mark:
        mark = exc.context_mark  # the file ended first: at what it left open (a "[")
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = source.text.splitlines()
    offending = lines[line - 1] if 0 < line <= len(lines) else ""
    reason = str(exc.problem or exc.context or "")
    if "\t" in offending[: len(offending) - len(offending.lstrip())]:
        return error(Location(source.relative, line, column), "E-tab")
    slip = typing_slip(source, line)
    if slip is not None:
        return slip
    where = Location(source.relative, line, column)
    if "scanning an alias" in str(exc.context or "") and exc.context_mark:
        return error(_at(source, exc.context_mark), "E-yaml-alias")  # at its "*"
    if "undefined alias" in reason:
        return error(where, "E-yaml-alias")
    if "maximum nesting depth" in reason:
        return error(where, "E-yaml-depth", limit=MAX_DEPTH)
    if isinstance(exc, yaml.constructor.ConstructorError) and "for the tag" in reason:
        tag = reason.rsplit(" ", 1)[-1].strip("'")
        return error(where, "E-yaml-tag", value=tag.replace("tag:yaml.org,2002:", "!!"))
    if "found another document" in reason:
        return error(where, "E-yaml-documents")
    if "quoted scalar" in str(exc.context or "") and ("escape" in reason or "hex" in reason):
        # "C:\Users\…" in double quotes: \U wants a character's number. At the backslash.
        backslash = offending.rfind("\\", 0, column)
        return error(Location(source.relative, line, backslash + 1), "E-yaml-backslash")
    indicator = _indicator_start(offending, column)
    if indicator is not None:
        return error(
            Location(source.relative, line, indicator + 1),
            "E-yaml-indicator",
            value=offending[indicator],
        )
    misaligned = _misaligned_key(source, line, column, reason)
    if misaligned is not None:
        return misaligned
    if "mapping values are not allowed" in reason:
        return error(where, "E-colon-in-text")
    before = offending[: exc.problem_mark.column][-1:] if exc.problem_mark else ""
    if "did not find expected key" in reason and before in ("'", '"'):
        # Text in quotes that quotes again ("走访"了解"老人"): the second quote ended it.
        return error(
            Location(source.relative, line, column - 1), "E-yaml-quote-inside", quote=before
        )
    if "could not find expected ':'" in reason and exc.context_mark:
        # A line with no "key:" of its own, most often a body pasted over several lines; the
        # parser notices a line later, the worker needs the line itself.
        return error(_at(source, exc.context_mark), "E-yaml-continued")
    if "quoted scalar" in str(exc.context or "") and exc.context_mark:
        # The parser notices only at the end of the file; the worker needs the opening quote.
        return error(_at(source, exc.context_mark), "E-yaml-quote")
    return error(where, "E-yaml", reason=reason)


# What begins a line of "key: value": its indentation, a list's dash, and the key, a plain
# ASCII name, so that a body's own 时间：上午 is never taken for one.
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_LINE_START = r"^[ \t]*(?:-[ \t]+)?"
_KEY_LINE = re.compile(rf"({_LINE_START}){_KEY}[ \t]*(:)(?:[ \t]|$)")


def _has_hidden(text: str) -> bool:
    """Whether ``text`` holds an invisible character: a search in C for each of the few, three
    times faster than a character class on every file's text."""
    return any(character in text for character in INVISIBLE)


# A value written in braces or brackets, {visited: 12, served: 5} or [a.png, b.png].
_FLOW_MAP = rf"{_LINE_START}{_KEY}[ \t]*:[ \t]+\{{"
_FLOW = rf"{_LINE_START}{_KEY}[ \t]*:[ \t]+[{{\[]"
# Braces holding a Chinese colon or comma, or a number with a comma.
_FLOW_SLIP = re.compile(r"\{[^}\n]*(?:[：，]|[0-9],[0-9]{3})")

Facts = Callable[[str], dict[str, MessageArg]]


def _character(found: str) -> dict[str, MessageArg]:
    return {"character": f"U+{ord(found):04X}"}


def _as_written(found: str) -> dict[str, MessageArg]:
    return {"value": found}


def _without_commas(found: str) -> dict[str, MessageArg]:
    return {"value": found.replace(",", "")}


# Slips of a Chinese input method, or of text pasted from Word and WeChat, that break the
# YAML or change what it means, with the code that explains each and the facts it names. Those
# that can leave a file that still parses come first (_PARSED_SLIPS).
_TYPING_SLIPS: tuple[tuple[re.Pattern[str], str, Facts | None], ...] = (
    # a no-break or zero-width space as indentation, or after a key's colon
    (
        re.compile(rf"^[ \t\u3000]*([{INVISIBLE}])[ \t\u3000{INVISIBLE}]*(?:-[ \t]|{_KEY}[ \t]*:)"),
        "E-invisible-space",
        _character,
    ),
    # after a key's colon, at the start of a line or inside braces ({visited:\xa012})
    (
        re.compile(rf"(?:{_LINE_START}|{_FLOW_MAP}[^}}\n]*?){_KEY}[ \t]*:([{INVISIBLE}])"),
        "E-invisible-space",
        _character,
    ),
    (
        re.compile(rf"{_FLOW_MAP}(?:[^}}\n]*?,)?[ \t]*{_KEY}[ \t]*(：)"),
        "E-fullwidth-colon",
        None,
    ),
    (re.compile(rf"{_FLOW_MAP}[^}}\n]*?(，)"), "E-fullwidth-comma", None),
    (
        re.compile(rf"{_FLOW_MAP}[^}}\n]*?:[ \t]*([0-9]{{1,3}}(?:,[0-9]{{3}})+)[ \t]*[,}}]"),
        "E-thousands-separator",
        _without_commas,
    ),
    (re.compile(rf"{_FLOW}[^}}\]\n]*?(，)"), "E-fullwidth-comma", None),
    (re.compile(rf"{_LINE_START}{_KEY}[ \t]*(：)"), "E-fullwidth-colon", None),
    (re.compile(rf"{_LINE_START}{_KEY}(:)[^\s:/]", re.ASCII), "E-colon-space", None),
    (re.compile(r"^[ \t]*(\u3000)"), "E-fullwidth-space", None),
    (re.compile(rf"^[ \t]*(-){_KEY}[ \t]*:"), "E-dash-space", None),
    # a Word bullet (or a Chinese input method's dash) where a list's "- " belongs
    (
        re.compile(rf"^[ \t]*([—–·•●▪■◆○－])[ \t]*{_KEY}[ \t]*[:：]"),
        "E-list-bullet",
        _as_written,
    ),
)
_PARSED_SLIPS = _TYPING_SLIPS[:5]


def typing_slip(source: SourceFile, near_line: int | None = None) -> Problem | None:
    """The first line where a full-width colon or space, a colon without its space, a pasted
    invisible space, a dash without its space or a Word bullet slipped in.

    Asked only when the file does not parse, or parses into the wrong shape: then the slip,
    not the parser's complaint a line later, is what the worker needs to see. With
    ``near_line`` (where the parser complained), only that line and the one before count: a
    body's own ``电话:12345`` elsewhere is no slip.
    """
    lines = source.text.splitlines()
    numbers = range(max(near_line - 1, 1), near_line + 1) if near_line else range(1, len(lines) + 1)
    for number in numbers:
        for slip in _slips_in(source, number, lines[number - 1] if number <= len(lines) else ""):
            return slip
    return None


def _slips_in(
    source: SourceFile,
    number: int,
    line: str,
    slips: Sequence[tuple[re.Pattern[str], str, Facts | None]] = _TYPING_SLIPS,
) -> Iterator[Problem]:
    """The slips of ``slips`` on line ``number``, each at its first character."""
    for pattern, code, facts in slips:
        found = pattern.match(line)
        if found:
            where = Location(source.relative, number, found.start(1) + 1)
            yield error(where, code, **(facts(found[1]) if facts else {}))


def _may_have_slipped(text: str) -> bool:
    """Whether a file that parsed may hold one of the slips of ``_slip_in_parsed``: an
    invisible character, a backslash, or braces with a Chinese colon or comma or a number
    with a comma. Asked of every file, so the cheapest searches come first."""
    return "\\" in text or _has_hidden(text) or bool(_FLOW_SLIP.search(text))


def _slip_in_parsed(source: SourceFile) -> Problem | None:
    """A slip in a file that parsed, but into something else than was meant: ``visited:\xa045``
    read as one text, ``{visited：12}`` as a key without a value, ``{visited: 1,200}`` as two
    figures, ``"photos\\new.png"`` as a path with a line break. Each counts only where it is
    in a plain scalar (or, for the path, a double-quoted one), never inside a block of text."""
    candidates = [
        slip
        for number, line in enumerate(source.text.splitlines(), start=1)
        for slip in _slips_in(source, number, line, _PARSED_SLIPS)
    ]
    if not candidates and not ("\\" in source.text and '"' in source.text):
        return None
    for token in yaml.scan(source.text, Loader=_BaseLoader):
        if not isinstance(token, yaml.ScalarToken):
            continue
        start, end = (token.start_mark.line, token.start_mark.column), token.end_mark
        for slip in candidates:
            at = (slip.location.line - 1, (slip.location.column or 1) - 1)
            if not token.style and start <= at < (end.line, end.column):  # plain: None, "" in C
                return slip
        if token.style == '"' and token.value.lower().endswith(IMAGE_SUFFIXES):
            begin = source._offset(token.start_mark)
            backslash = source.text.find("\\", begin, source._offset(end))
            if backslash >= 0:
                return error(source.located(backslash), "E-yaml-backslash")
    return None


# The characters YAML reads as the start of something else than text, when a value begins
# with them (the "*" of *重点*, an alias, has its own message: E-yaml-alias).
_INDICATOR_START = re.compile(
    rf"(?:{_LINE_START}{_KEY}[ \t]*:[ \t]+|^[ \t]*-[ \t]+)([@%`!&|>,\[{{]|[?-](?=[ \t]))"
)
_CLOSING = {"[": "]", "{": "}"}


def _indicator_start(line: str, column: int) -> int | None:
    """Where a value that YAML could not read starts with one of its symbols, as text does
    (``@全体居民``, ``[社工在行动]社工开展…``, ``>社工``), or None. A value in brackets counts
    only when text follows them, where the parser gave up (``column``, 1-based)."""
    found = _INDICATOR_START.match(line)
    if not found:
        return None
    symbol, start = found[1], found.start(1)
    if symbol in _CLOSING:
        closing = line.find(_CLOSING[symbol], start)
        if not 0 <= closing < column - 1:
            return None
    return start


def _misaligned_key(source: SourceFile, line: int, column: int, reason: str) -> Problem | None:
    """A key the parser could not place because it is indented unlike the keys above it (two
    spaces more, read as the text above going on; or one less than its neighbours), at the
    key, with the column those keys start at."""
    expected = ("mapping values", "expected '-' indicator", "did not find expected key")
    if not any(words in reason for words in expected):
        return None
    lines = source.text.splitlines()
    found = _KEY_LINE.match(lines[line - 1]) if line <= len(lines) else None
    if not found or (reason.startswith("mapping") and found.start(2) != column - 1):
        return None  # the colon the parser stopped at is inside a text, not after the key
    columns = _key_columns(lines[: line - 1])
    if not columns:
        return None
    # The keys nearest its own column, the outer one on a tie: a key after a nested block
    # (body: after stats:'s lines) mostly goes back to the level of the block's own key.
    mine = found.end(1)
    nearest = min(columns, key=lambda candidate: (abs(candidate - mine), candidate))
    if nearest == mine:
        return None
    return error(Location(source.relative, line, mine + 1), "E-indent", column=nearest + 1)


def _key_columns(lines: Sequence[str]) -> set[int]:
    """Where the keys of ``lines`` start, leaving out the lines of ``|`` and ``>`` texts (a
    body's own 电话: 123 is no key)."""
    columns: set[int] = set()
    block_key: int | None = None  # the indentation of the key whose text the lines are
    for text in lines:
        indent = len(text) - len(text.lstrip(" "))
        if block_key is not None and (not text.strip() or indent > block_key):
            continue
        block_key = None
        key = _KEY_LINE.match(text)
        if key:
            columns.add(key.end(1))
            if text.rstrip().endswith(("|", ">", "|-", ">-", "|+", ">+")):
                block_key = key.end(1)
    return columns


def load_all(
    sources: Iterable[SourceFile | Problem], max_bytes: int
) -> tuple[list[SourceFile], list[Problem]]:
    """Parse every discovered file; problems that belong to no file come back separately."""
    files: list[SourceFile] = []
    loose: list[Problem] = []
    for item in sources:
        if isinstance(item, Problem):
            loose.append(item)
        else:
            files.append(parse(item, max_bytes))
    return files, loose


def reads_as_itself(text: str) -> bool:
    """Whether ``text`` written as a plain YAML scalar reads back as the same text here.

    Writers quote the rest: ``2022-11-18`` would read as a date, ``true`` as a boolean and
    ``45`` as a number, while a title or a station must stay text.
    """
    loader = _EntryLoader(text)
    try:
        return bool(loader.get_single_data() == text)
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()
