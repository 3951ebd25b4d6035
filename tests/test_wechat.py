"""The WeChat post: what is pasted into the 公众号 editor follows its rules for any entries."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.diagnostics import Location, has_errors
from bulletin.theme import BUILTIN_THEMES
from bulletin.view import BulletinView, EntryView, SectionView
from bulletin.wechat import render_fragment
from bulletin.wechat_check import check_article_fields, check_fragment
from helpers import write_project
from wechat_rules import rule_breaks

WHERE = Location("entries/2022-W47")


def build_wechat(run, project: Path, week: str, *extra: str) -> Path:  # type: ignore[no-untyped-def]
    """The week's output folder after building it with the WeChat post."""
    code, out, err = run(project, "build", week, "-f", "wechat", "-f", "html", *extra)
    assert code == 0, out + err
    [folder] = [path for path in (project / "build").iterdir() if path.is_dir()]
    return folder


def test_the_example_week_pastes_cleanly(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    folder = build_wechat(run, kaifeng, "week-47")
    fragment = (folder / "wechat.fragment.html").read_text(encoding="utf-8")
    assert rule_breaks(fragment) == []
    # 本周概况's charts and tables take it past 20,000 characters of HTML: a warning only.
    assert not has_errors(check_fragment(fragment, WHERE))
    assert ">本周概况</h2>" in fragment
    bands = re.findall(r"<h2 [^>]*><span [^>]*>(\d\d)</span>([^<]+)</h2>", fragment)
    assert bands[0] == ("01", "走访调研") and bands[-1] == ("08", "关心关爱特殊困难群体")
    assert len(bands) == 8
    # Each entry's paragraph opens with its date and place; photos are figures.
    assert re.search(
        r"<p [^>]*><strong [^>]*>【2022年11月18日上午 · 兰考县 · 惠安街道社工站 · 正心社工】</strong>细雨蒙蒙中",
        fragment,
    )
    assert fragment.count("<figure ") == 11
    page = (folder / "wechat.html").read_text(encoding="utf-8")
    assert "复制到公众号" in page and page.count(fragment) == 2  # the 677 px and 375 px views


ANOTHER_CITY = """\
title = "城关街道社工站{year}年第{week}周工作简报"
[[categories]]
key = "meeting"
title = "本周例会"
[[categories]]
key = "service"
title = "开展服务"
"""

HOSTILE = """\
station: 城关街道社工站
entries:
  - category: meeting
    date: 2023-03-06
    title: <b onmouseover="alert(1)">例会</b>
    body: |
      <script>alert("x")</script>周一例会<img src=x onerror="alert(1)">，部署本周走访。
      <iframe src="https://evil.example/"></iframe>
      <p style="position:fixed;color:#000" class="x" id="y" onclick="steal()">样式</p>

      [点这里](javascript:alert(1))、[民政局通知](https://mzj.example.gov.cn/n?id=1&a=2)、
      [上周推文](https://mp.weixin.qq.com/s/AbCdEf)，再看 [民政局通知](https://mzj.example.gov.cn/n?id=1&a=2)。
  - category: service
    date: 2023-03-07
    body: |
      本周服务：

      1. 走访 **独居老人**
      2. 协助办理 *低保* 复核
          - 子项一
          - 子项二

      - 要点一
      - 要点二

      > 引用的话

      ## 小标题

      `代码` 和 ![跟踪图](https://tracker.example/p.gif) 与 <https://example.org/a/very/long/address/that/does/not/break/by/itself>

      ---
      &lt;script&gt; &amp; </section><section>
"""


@pytest.fixture
def hostile(tmp_path: Path, run) -> Path:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "other", ANOTHER_CITY, {"entries/2023-W10/a.yaml": HOSTILE})
    return build_wechat(run, project, "2023-W10")


def test_another_citys_hostile_bodies_still_paste_cleanly(hostile: Path) -> None:
    fragment = (hostile / "wechat.fragment.html").read_text(encoding="utf-8")
    assert rule_breaks(fragment) == []
    assert check_fragment(fragment, WHERE) == []
    assert "本周例会" in fragment and "开展服务" in fragment
    # Raw HTML is shown as text, never live (rule_breaks has checked every tag and attribute).
    for live in ("<script", "<iframe", "<img src=x", "<b "):
        assert live not in fragment, live
    assert '&lt;script&gt;alert("x")&lt;/script&gt;周一例会' in fragment


def test_links_outside_wechat_become_numbered_references(hostile: Path) -> None:
    fragment = (hostile / "wechat.fragment.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a style="[^"]*" href="https://mp.weixin.qq.com/s/AbCdEf">上周推文</a>', fragment
    )
    # The same address keeps its number; a javascript: link keeps only its words.
    assert len(re.findall(r"民政局通知<sup [^>]*>\[1\]</sup>", fragment)) == 2
    assert re.search(r"点这里、", fragment) and "javascript" not in fragment
    references = re.findall(r"<p [^>]*>(\[\d\] [^<]*)</p>", fragment)
    assert references == [
        "[1] https://mzj.example.gov.cn/n?id=1&amp;a=2",
        "[2] https://example.org/a/very/long/address/that/does/not/break/by/itself",
    ]
    assert ">参考链接</p>" in fragment


def test_lists_become_paragraphs_with_written_markers(hostile: Path) -> None:
    fragment = (hostile / "wechat.fragment.html").read_text(encoding="utf-8")
    items = re.findall(r"<p [^>]*>((?:\d+\. |• )[^<]*)", fragment)
    assert items == ["1. 走访 ", "2. 协助办理 ", "• 子项一", "• 子项二", "• 要点一", "• 要点二"]
    assert "<ul" not in fragment and "<li" not in fragment
    assert "<blockquote " in fragment and "<h4 " in fragment and "<hr " in fragment


def test_the_standalone_page_keeps_raw_html_as_text_too(hostile: Path) -> None:
    page = (hostile / "bulletin.html").read_text(encoding="utf-8")
    tags: list[tuple[str, dict[str, str | None]]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append((tag, dict(attrs)))  # type: ignore[method-assign]
    parser.feed(page)
    assert not {"script", "iframe", "img", "b"} & {tag for tag, _ in tags}
    assert not [name for _, attrs in tags for name in attrs if name.startswith("on")]
    hrefs = [attrs["href"] for tag, attrs in tags if tag == "a"]
    assert hrefs and all((href or "").startswith("https://") for href in hrefs)


def test_the_example_fragment_is_the_same_on_every_build(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    first = (build_wechat(run, kaifeng, "47") / "wechat.fragment.html").read_bytes()
    second = (build_wechat(run, kaifeng, "47") / "wechat.fragment.html").read_bytes()
    assert first == second


# The validator on its own -------------------------------------------------------------------

CLEAN = '<section style="color:#333;font-size:16px;line-height:1.75"><p style="color:#333">{}</p></section>'


def codes(fragment: str) -> list[str]:
    return [problem.code for problem in check_fragment(fragment, WHERE)]


def test_validator_accepts_a_clean_fragment() -> None:
    assert codes(CLEAN.format("你好")) == []


@pytest.mark.parametrize(
    ("inner", "code"),
    [
        ("<div style='color:#333'>x</div>", "E-wechat-tag"),
        ("<script>alert(1)</script>", "E-wechat-tag"),
        ("<span style='color:#333' class='x'>x</span>", "E-wechat-attribute"),
        ("<span style='color:#333' onclick='f()'>x</span>", "E-wechat-attribute"),
        ("<span style='position:absolute;color:#333'>x</span>", "E-wechat-style"),
        ("<span style='float:left;color:#333'>x</span>", "E-wechat-style"),
        ("<span style='color:var(--accent)'>x</span>", "E-wechat-style"),
        ("<span style='color:#000'>x</span>", "E-wechat-style"),
        ("<a style='color:#333' href='https://example.com/'>x</a>", "E-wechat-link"),
        ("<img style='max-width:100%' src='javascript:alert(1)'>", "E-wechat-image-source"),
        (
            "<span style='color:#333'>x</span> <span style='color:#333'>y</span>",
            "E-wechat-whitespace",
        ),
    ],
)
def test_validator_refuses_what_the_editor_refuses(inner: str, code: str) -> None:
    assert code in codes(CLEAN.format(inner))


def test_validator_keeps_wechat_links_and_needs_one_wrapper() -> None:
    link = "<a style='color:#333' href='https://mp.weixin.qq.com/s/x'>上周</a>"
    assert codes(CLEAN.format(link)) == []
    assert codes(CLEAN.format("x") + "<p style='color:#333'>y</p>") == ["E-wechat-wrapper"]


def test_validator_enforces_wechats_limits() -> None:
    assert "E-wechat-text-length" in codes(CLEAN.format("字" * 20_001))
    assert not has_errors(check_fragment(CLEAN.format("字" * 20_000), WHERE))
    assert "E-wechat-html-size" in codes(CLEAN.format("字" * 340_000))
    # Markup past 20,000 characters with little text is a warning only.
    styled = "<span style='color:#333'>x</span>" * 700
    [problem] = check_fragment(CLEAN.format(styled), WHERE)
    assert (problem.code, problem.is_error) == ("W-wechat-html-length", False)


def test_validator_warns_on_long_title_and_digest() -> None:
    problems = check_article_fields("题" * 33, "摘" * 129, WHERE, WHERE)
    assert [p.code for p in problems] == ["W-wechat-title-length", "W-wechat-digest-length"]
    assert check_article_fields("题" * 32, "摘" * 128, WHERE, WHERE) == []


# Through the command line -------------------------------------------------------------------


def test_a_week_too_long_for_one_article_is_refused_and_nothing_written(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    body = "社工走访辖区困难群众，了解生活情况。" * 70
    entries = "".join(
        f"  - category: service\n    date: 2023-03-07\n    body: {body}\n" for _ in range(18)
    )
    project = write_project(
        tmp_path / "long",
        ANOTHER_CITY,
        {"entries/2023-W10/a.yaml": f"station: 城关街道社工站\nentries:\n{entries}"},
    )
    code, _, err = run(project, "build", "2023-W10", "-f", "md", "-f", "wechat")
    assert code == 1
    assert "entries/2023-W10: error:" in err and "[E-wechat-text-length]" in err
    assert "超过公众号单篇 20000 字的上限" in err and "未生成任何文件" in err
    assert "[W-duplicate]" in err  # the entries' warnings are not hidden by the article's error
    assert not (project / "build").exists()
    assert run(project, "build", "2023-W10", "-f", "md")[0] == 0  # the other formats still build


def test_article_warnings_follow_strict_and_ignore(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    toml = 'title = "' + "题" * 33 + '"\n' + ANOTHER_CITY.split("\n", 1)[1]
    body = "周一例会，部署本周入户走访和困难群众回访。"
    entry = {"entries/2023-W10/a.yaml": f"category: meeting\ndate: 2023-03-06\nbody: {body}\n"}
    project = write_project(tmp_path / "p", toml, entry)
    code, _, err = run(project, "build", "2023-W10", "-f", "wechat", "--strict")
    assert code == 1 and "error:" in err and "[W-wechat-title-length]" in err
    assert not (project / "build" / "2023-W10").exists()
    quiet = write_project(
        tmp_path / "q", toml + '[check]\nignore = ["W-wechat-title-length"]\n', entry
    )
    code, _, err = run(quiet, "build", "2023-W10", "-f", "wechat", "--strict")
    assert code == 0 and "W-wechat-title-length" not in err


def test_a_project_overview_template_that_breaks_the_rules_stops_the_post(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    (kaifeng / "templates").mkdir()
    (kaifeng / "templates" / "overview.html.j2").write_text(
        '{% macro overview(data) %}<div class="box">{{ data.summary }}</div>{% endmacro %}',
        encoding="utf-8",
    )
    code, _, err = run(kaifeng, "build", "47", "-f", "wechat")
    assert code == 1
    assert "[E-wechat-tag]" in err and "[E-wechat-attribute]" in err and "overview.html.j2" in err
    assert not (kaifeng / "build" / "2022-W47").exists()


def test_a_long_title_is_a_warning_at_its_line(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    toml = ANOTHER_CITY.replace("工作简报", "关于开展困难群众走访慰问和社区志愿服务工作的情况简报")
    project = write_project(
        tmp_path / "p",
        'digest = "本周要点"\n' + toml,
        {"entries/2023-W10/a.yaml": "category: meeting\ndate: 2023-03-06\nbody: 例会。\n"},
    )
    code, _, err = run(project, "build", "2023-W10", "-f", "wechat")
    assert code == 0
    assert "bulletin.toml:2:9: warning:" in err and "[W-wechat-title-length]" in err
    page = (project / "build/2023-W10/wechat.html").read_text(encoding="utf-8")
    assert "摘要：本周要点" in page


# Any body at all ------------------------------------------------------------------------------

MARKDOWN_PIECES = [
    *("社工", "走访", "word", " ", "  ", "\n", "\n\n", "\t", "&", "&amp;", "&#60;", "<", ">", "\\"),
    *("*", "**", "_", "`", "```\n", "~~", "# ", "## ", "- ", "  - ", "1. ", "3. ", "> ", "---\n"),
    *("[", "]", "(", ")", "](https://example.org/x)", "](https://mp.weixin.qq.com/s/a)"),
    *("](javascript:alert(1))", "![", "<https://example.org/y>", "<b>", "</b>", "<br>"),
    *("<script>", "</script>", '<img src=x onerror="a()">', "<p style='color:#000'>", "</p>"),
    *("<section>", "</section>", "<!-- c -->", "<a href='https://example.org'>", "</a>"),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), min_size=1, max_size=40))
def test_any_body_gives_a_fragment_that_pastes_cleanly(pieces: list[str]) -> None:
    body = "".join(pieces).strip() or "正文"
    entry = EntryView("2022年11月21日", "兰考县", "", "标题", body, (), ())
    view = BulletinView(
        title="周报",
        digest="",
        week="2022-W47",
        month_week="十一月第四周",
        date_range="2022年11月18日-11月24日",
        sections=(SectionView("01", "visits", "走访调研", (entry,)),),
        entry_count=1,
    )
    fragment = render_fragment(view, BUILTIN_THEMES["default"])
    assert rule_breaks(fragment) == [], body
    assert check_fragment(fragment, WHERE) == [], body
