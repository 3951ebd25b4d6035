"""Reading the text files people save on Windows: UTF-8 (with or without a BOM), else a clear no.

Notepad and WPS save UTF-8 with a byte-order mark, which is fine. Older setups save GBK
("ANSI" on a Chinese Windows) or UTF-16 (Notepad's "Unicode"); decoding those as UTF-8 would
print mojibake or fail with a traceback, so the encoding found is named instead.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from bulletin.diagnostics import Location, Problem, error

UNKNOWN_ENCODING = "unknown"
# UTF-32's little-endian mark begins with UTF-16's, so it is tried first.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Tried in this order on bytes that are not UTF-8. GB18030 extends GBK, so bytes that read as
# GBK may have been saved as either.
_LEGACY_CODECS = (("gbk", "GBK/GB18030"), ("gb18030", "GB18030"))


# Characters pasted from Word or WeChat that look like a space (the no-break ones) or like
# nothing at all (the zero-width ones). U+200D is not one of them: it joins emoji.
NO_BREAK_SPACES = "\xa0\u202f"
ZERO_WIDTH = "\u200b\u2060\ufeff"
INVISIBLE = NO_BREAK_SPACES + ZERO_WIDTH

MEGABYTE = 1024 * 1024
# How files that are not text begin, and what a person would call them (messages.WORDS).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "office"),  # .docx and .xlsx are zip archives
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office"),  # .doc and .xls
    (b"Rar!", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"\x1f\x8b", "archive"),
)
BINARY = "binary"
# UTF-16 text (no byte-order mark) read as such has almost no control characters.
_MOST_CONTROL_IN_TEXT = 0.01


class NotUtf8(ValueError):
    """The bytes are not UTF-8; ``encoding`` is what they look like, else ``UNKNOWN_ENCODING``.

    ``line`` and ``column`` point at the first unreadable character when the file is not in
    one recognisable encoding (a stray byte); a file wholly in another encoding is wrong
    from its first line.
    """

    def __init__(self, encoding: str, line: int = 1, column: int = 1) -> None:
        super().__init__(encoding)
        self.encoding = encoding
        self.line = line
        self.column = column


class NotText(NotUtf8):
    """The bytes are not text at all: ``encoding`` says what they look like (``_SIGNATURES``
    kinds, or ``BINARY``)."""


def megabytes(size: int) -> str:
    """``2.5`` for 2.5 MB (1 MB = 1024 × 1024 bytes), as messages show sizes."""
    return f"{size / MEGABYTE:.1f}".removesuffix(".0")


def read_text(path: Path) -> str:
    """The file's text; raises ``NotUtf8`` naming the encoding found when it is not UTF-8."""
    return decode(path.read_bytes())


def decode(raw: bytes) -> str:
    for mark, name in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            raise NotUtf8(name)
    if b"\x00" in raw:
        # Text files never hold NUL bytes; UTF-16 without a mark is full of them.
        if _binary_kind(raw) or not _reads_as_utf16(raw):
            raise NotText(_binary_kind(raw) or BINARY)
        raise NotUtf8("UTF-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        kind = _binary_kind(raw)  # asked only now: "%PDF" or "GIF8" may begin a text
        if kind:
            raise NotText(kind) from None
        for codec, name in _LEGACY_CODECS:
            try:
                raw.decode(codec)
            except UnicodeDecodeError:
                continue
            raise NotUtf8(name) from None
        raise NotUtf8(UNKNOWN_ENCODING, *_position(raw, exc.start)) from None


def _binary_kind(raw: bytes) -> str | None:
    return next((kind for signature, kind in _SIGNATURES if raw.startswith(signature)), None)


def _reads_as_utf16(raw: bytes) -> bool:
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        control = sum(
            unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r" for ch in text
        )
        if control <= len(text) * _MOST_CONTROL_IN_TEXT:
            return True
    return False


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``, all UTF-8 before it."""
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8-sig")) + 1
    return before.count(b"\n") + 1, column


def encoding_problem(relative: str, exc: NotUtf8) -> Problem:
    if isinstance(exc, NotText):
        return error(Location(relative), "E-binary-file", kind=exc.encoding)
    where = Location(relative, exc.line, exc.column)
    if exc.encoding == UNKNOWN_ENCODING:  # a few stray bytes: saving as UTF-8 would keep them
        return error(where, "E-bad-bytes")
    return error(where, "E-encoding", encoding=exc.encoding)
