"""Entry bodies as workers write them read the same in the page, the WeChat post and
bulletin.md: every word shown, lists as lists, tables as tables, headings below the entry's
title."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from bulletin.sanitize import page_body_converter
from bulletin.theme import BUILTIN_THEMES
from bulletin.view import BulletinView, EntryView, SectionView
from bulletin.wechat import render_fragment
from helpers import MINIMAL_TOML, evaluated, write_project
from wechat_rules import rule_breaks

FORMATS = ("bulletin.md", "bulletin.html", "wechat.fragment.html")


def build_body(tmp_path: Path, run, body: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The three files of a week whose one entry has ``body``."""
    indented = "".join(f"      {line}\n" if line else "\n" for line in body.split("\n"))
    entry = f"entries:\n  - category: visits\n    date: 2022-11-21\n    body: |\n{indented}"
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/全市.yaml": entry})
    code, out, err = run(project, "build", "47", "-f", "md", "-f", "html", "-f", "wechat")
    assert code == 0, out + err
    folder = project / "build/2022-W47"
    return {name: (folder / name).read_text(encoding="utf-8") for name in FORMATS}


def text_of(markup: str) -> str:
    """What a reader sees of some HTML: its text."""
    found: list[str] = []
    parser = HTMLParser()
    parser.handle_data = found.append  # type: ignore[method-assign]
    parser.feed(markup)
    parser.close()
    return "".join(found)


def viewer(markdown: str) -> str:
    """bulletin.md as a CommonMark viewer (GitHub, Typora, VS Code) shows it."""
    return MarkdownIt("commonmark", {"breaks": True}).enable("table").render(markdown)


def body_html(page: str) -> str:
    [body] = re.findall(r'<div class="body">(.*?)</div>', page, re.DOTALL)
    return re.sub(r"\n", "", body)


# Every word --------------------------------------------------------------------------------


def test_a_line_shaped_like_a_link_definition_shows_as_text_everywhere(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    body = (
        "社工站开展冬季走访，为独居老人送去棉被。\n\n"
        "[温馨提示]: 冬季取暖请注意防火防煤气中毒。\n\n"
        "[官网]: https://mzj.example.gov.cn\n\n"
        "活动很受欢迎[^1]。\n\n[^1]: 脚注内容"
    )
    files = build_body(tmp_path, run, body)
    shown = {
        "bulletin.md": text_of(viewer(files["bulletin.md"])),
        "bulletin.html": text_of(files["bulletin.html"]),
        "wechat.fragment.html": text_of(files["wechat.fragment.html"]),
    }
    for name, text in shown.items():
        for words in (
            "[温馨提示]: 冬季取暖请注意防火防煤气中毒。",
            "[官网]: https://mzj",
            "脚注内容",
        ):
            assert words in text, (name, words)


PIECES = [
    *("社工", "走访", "word", "12", " ", "  ", "    ", "\n", "\n\n", "\t", "&", "&amp;", "<", ">"),
    *("\\", "*", "**", "_", "`", "```\n", "~~", "# ", "## ", "#", "- ", "  - ", "1. ", "3. "),
    *("> ", "---\n", "===\n", "[", "]", "(", ")", "]: ", "[提示]: ", "[^1]: ", "![", "<b>", "<br>"),
    *("|", "|---|", " | ", ":", "\\|", "<!-- c -->", "<script>", "</script>", "<a@b.cn>"),
]
# The number of an ordered list's item is its marker: the page numbers the items itself.
_ITEM_NUMBER = re.compile(r"^(?:[ \t>*+-]*\d+\.(?=\s|$))+", re.MULTILINE)


def letters_and_digits(text: str) -> Counter[str]:
    return Counter(character for character in text if character.isalnum())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_every_letter_and_digit_of_any_body_reaches_the_page_and_the_post(
    pieces: list[str],
) -> None:
    body = "".join(pieces)
    wanted = letters_and_digits(_ITEM_NUMBER.sub("", html.unescape(body)))
    page = text_of(page_body_converter()(body))
    entry = EntryView("", "", "", "", body, (), ())
    view = BulletinView("", "", "", "", "", (SectionView("", "", "", (entry,)),), 1)
    post = text_of(render_fragment(view, BUILTIN_THEMES["default"]))
    assert not wanted - letters_and_digits(page), body
    assert not wanted - letters_and_digits(post), body


# Lists ---------------------------------------------------------------------------------------


def test_a_list_under_its_sentence_reads_as_a_list_in_every_format(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    body = (
        "本周走访情况如下：\n- 走访高龄老人12户\n  - 其中独居老人3户\n- 回访低保户8户\n"
        "1. 第一步登记\n2. 第二步建档"
    )
    files = build_body(tmp_path, run, body)
    lists = (
        "<p>本周走访情况如下：</p>"
        "<ul><li>走访高龄老人12户<ul><li>其中独居老人3户</li></ul></li><li>回访低保户8户</li></ul>"
        "<ol><li>第一步登记</li><li>第二步建档</li></ol>"
    )
    assert body_html(files["bulletin.html"]) == lists
    # bulletin.md shows the same lists in a viewer; the post writes each item's marker out.
    assert lists in re.sub(r"\n|<br />", "", viewer(files["bulletin.md"]))
    items = re.findall(r"<p [^>]*>((?:\d+\. |• )[^<]*)</p>", files["wechat.fragment.html"])
    bullets = ["• 走访高龄老人12户", "• 其中独居老人3户", "• 回访低保户8户"]
    assert items == [*bullets, "1. 第一步登记", "2. 第二步建档"]


# Tables --------------------------------------------------------------------------------------

TABLE = (
    "各街道走访情况：\n| 街道 | 走访 | 入户 |\n|---|---:|---:|\n| 惠安街道社工站 | 45 | 10 |\n"
    "| 仪封镇社工站 | 12 | 3 | 另有电话回访 |\n以上为本周数据。"
)


def test_a_table_is_a_table_in_the_page_and_the_post_and_keeps_every_cell(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    files = build_body(tmp_path, run, TABLE)
    page = body_html(files["bulletin.html"])
    assert page.startswith("<p>各街道走访情况：</p><table><thead><tr><th>街道</th>")
    assert '<td style="text-align:right">45</td>' in page and "<td>另有电话回访</td>" in page
    assert page.endswith("</table><p>以上为本周数据。</p>")  # a line without | is no row
    post = files["wechat.fragment.html"]
    assert rule_breaks(post) == []
    table = re.findall(r"<table .*?</table>", post)[-1]  # after 本周概况's
    assert "width:100%" in table and "word-break:break-all" in table and "另有电话回访" in table
    assert re.search(r"<th [^>]*>街道</th>", table) and "|" not in text_of(post)
    # bulletin.md keeps the table, with a header cell for the extra one so a viewer keeps it.
    assert "<td>另有电话回访</td>" in viewer(files["bulletin.md"])


@pytest.mark.browser
def test_a_wide_table_fits_a_phone_in_the_page_and_the_post(browser, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    header = "| 社工站 | " + " | ".join(f"第{n}项服务人次" for n in range(1, 9)) + " |"
    row = "| 惠安街道社工站 | " + " | ".join("123456789" for _ in range(8)) + " |"
    build_body(tmp_path, run, f"{header}\n|---|{'---:|' * 8}\n{row}")
    folder = tmp_path / "p/build/2022-W47"
    for name in ("bulletin.html", "wechat.html"):
        facts = evaluated(
            browser,
            (folder / name).as_uri(),
            375,
            """() => ({overflow: document.documentElement.scrollWidth - window.innerWidth,
                tables: [...document.querySelectorAll('table')]
                    .filter(t => t.innerText.includes('第8项服务人次'))
                    .map(t => t.getBoundingClientRect().right <= window.innerWidth)})""",
        )
        assert facts["overflow"] <= 0 and facts["tables"] and all(facts["tables"]), (name, facts)


# Headings ------------------------------------------------------------------------------------


def test_headings_in_a_body_sit_below_the_entry_title(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    files = build_body(tmp_path, run, "# 一级标题\n## 二级标题\n正文一段。\n#社工在行动#")
    page = body_html(files["bulletin.html"])
    assert page == "<h4>一级标题</h4><h4>二级标题</h4><p>正文一段。<br>#社工在行动#</p>"
    assert "\n#### 一级标题\n#### 二级标题\n" in files["bulletin.md"]
    assert "<h1>" not in viewer(files["bulletin.md"]).replace("<h1>测试周报", "")
    assert "#社工在行动#" in text_of(viewer(files["bulletin.md"]))
    assert "#社工在行动#" in text_of(files["wechat.fragment.html"])
