"""Files as Windows Notepad and WPS save them: what is read, and what gets a clear no."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.textfile import NotUtf8, decode
from helpers import MINIMAL_TOML, write_project

WEEK = "entries/2022-W47"
ENTRY = "category: visits\ndate: 2022-11-21\nbody: 社工入户走访三户困难老人，了解他们的生活需要。\n"


def project_with(tmp_path: Path, raw: bytes) -> Path:
    project = write_project(tmp_path / "p", MINIMAL_TOML, {})
    path = project / WEEK / "a.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    return project


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (ENTRY.encode("gbk"), "GBK/GB18030"),
        # 𠀀 exists in GB18030 alone (four bytes), not in GBK.
        (ENTRY.replace("老人", "老人𠀀").encode("gb18030"), "GB18030"),
        (codecs.BOM_UTF16_LE + ENTRY.encode("utf-16-le"), "UTF-16"),
        (ENTRY.encode("utf-16-be"), "UTF-16"),  # no byte-order mark
        (ENTRY.replace("\n", "\r\n").encode("utf-16"), "UTF-16"),
    ],
)
def test_a_file_not_in_utf8_names_its_encoding_without_traceback_or_mojibake(
    tmp_path: Path, run, raw: bytes, encoding: str
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(project_with(tmp_path, raw), "check")
    assert code == 1
    assert f"{WEEK}/a.yaml:1:1: error: 文件不是 UTF-8 编码（看起来是 {encoding}）" in out
    assert "另存为" in out and "[E-encoding]" in out
    assert "\ufffd" not in out and "ç¤¾" not in out  # nothing decoded the wrong way


def test_bytes_in_no_known_encoding_are_located_and_told_to_be_typed_again(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """It said the file 看起来是 别的编码 and to save it as UTF-8, which keeps the stray bytes."""
    raw = "category: visits\nbody: 走访".encode() + b"\xff\xfe\xfd\n"
    code, out, _ = run(project_with(tmp_path, raw), "check")
    assert code == 1
    assert f"{WEEK}/a.yaml:2:9: error: 这里有不是文字的乱码字节" in out and "别的编码" not in out
    assert "重新输入" in out and "[E-bad-bytes]" in out


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF8 + ENTRY.replace("\n", "\r\n").encode(),  # Notepad's UTF-8 with BOM
        ENTRY.replace("\n", "\r\n").encode(),
    ],
)
def test_utf8_with_a_byte_order_mark_and_crlf_is_read(tmp_path: Path, run, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(project_with(tmp_path, raw), "check")
    assert code == 0, out


@pytest.mark.parametrize(
    "written", ["２０２２年１１月２１日", "2022．11．21", "２０２２－１１－２１", "2022／11／21"]
)
def test_full_width_digits_and_punctuation_in_dates_are_read(
    tmp_path: Path, run, written: str
) -> None:  # type: ignore[no-untyped-def]
    text = ENTRY.replace("2022-11-21", written)
    project = project_with(tmp_path, text.encode())
    code, out, _ = run(project, "build", "47", "-f", "md")
    assert code == 0, out
    assert "2022年11月21日" in (project / "build/2022-W47/bulletin.md").read_text(encoding="utf-8")


def test_tab_indentation_has_its_own_message_at_its_line(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    raw = b"entries:\n  - category: visits\n\tbody: x\n"
    code, out, _ = run(project_with(tmp_path, raw), "check")
    assert code == 1
    assert f"{WEEK}/a.yaml:3:1: error: 这一行用了 Tab 键缩进" in out and "[E-tab]" in out


def test_a_bulletin_toml_saved_as_gbk_is_a_usage_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p"
    project.mkdir()
    (project / "bulletin.toml").write_bytes(MINIMAL_TOML.encode("gbk"))
    code, _, err = run(project, "check")
    assert code == 2
    assert "bulletin.toml:1:1: error: 文件不是 UTF-8 编码（看起来是 GBK/GB18030）" in err


@given(st.text().filter(lambda text: "\x00" not in text), st.booleans())
def test_any_utf8_text_reads_back_with_or_without_a_byte_order_mark(text: str, bom: bool) -> None:
    raw = (codecs.BOM_UTF8 if bom else b"") + text.encode()
    assert decode(raw) == text


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00")), st.integers(0, 3))
def test_an_unreadable_byte_is_placed_by_line_and_character(text: str, extra: int) -> None:
    raw = text.encode() + b"\xff" * (extra + 1)
    try:
        decode(raw)
    except NotUtf8 as exc:
        lines = text.removeprefix("\ufeff").split("\n")  # a byte-order mark is not a column
        assert (exc.encoding, exc.line, exc.column) == ("unknown", len(lines), len(lines[-1]) + 1)
    else:  # pragma: no cover - \xff is never UTF-8
        raise AssertionError


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "station: 惠安街道社工站\ncategory：visits\nbody：走访\n",
            "2:9: error: 这里用了中文冒号“：”",
        ),
        ("category：visits\nbody：走访\n", "1:9: error: 这里用了中文冒号“：”"),
        ("entries:\n  - category:visits\n    body: 走访\n", "2:13: error: 冒号后面少了一个空格"),
        (
            "entries:\n\u3000- category: visits\n\u3000  body: 走访\n",
            "2:1: error: 这一行开头有全角空格",
        ),
        ("category: visits\nbody: 社工入户走访: 了解生活情况。\n", "2:13: error: 文字里的“: ”"),
    ],
)
def test_slips_of_a_chinese_input_method_are_named_where_they_are(
    tmp_path: Path, run, text: str, problem: str
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(project_with(tmp_path, text.encode()), "check")
    assert code == 1
    assert f"{WEEK}/a.yaml:{problem}" in out, out


def test_a_colon_inside_a_block_body_is_fine(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    text = (
        "category: visits\nbody: |\n  时间：上午。内容: 社工入户走访三户困难老人，了解生活需要。\n"
    )
    code, out, _ = run(project_with(tmp_path, text.encode()), "check")
    assert code == 0, out


@pytest.mark.parametrize("body", ["", '""', "'   '"])
def test_a_body_left_empty_is_a_warning_to_fill_it_in(tmp_path: Path, run, body: str) -> None:  # type: ignore[no-untyped-def]
    text = f"category: visits\nbody: {body}\n"
    code, out, _ = run(project_with(tmp_path, text.encode()), "check")
    assert code == 0
    assert (
        f"{WEEK}/a.yaml:2:" in out and "正文太短（只有 0 个字）" in out and "[W-short-body]" in out
    )


def test_a_no_break_space_pasted_from_word_is_named_not_shown_as_an_escape(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    text = "entries:\n  - category: visits\n\xa0\xa0\xa0\xa0body: 走访\n"
    project = project_with(tmp_path, text.encode())
    code, out, _ = run(project, "check")
    assert code == 1
    assert f"{WEEK}/a.yaml:3:1: error: 这里有一个看不见的不换行空格（U+00A0）" in out, out
    assert "[E-invisible-space]" in out and "\\u00a0" not in out and "不认识的项" not in out
    _, out, _ = run(project, "--lang", "en", "check")
    assert "a.yaml:3:1: error: There is a no-break space (U+00A0) here" in out, out
