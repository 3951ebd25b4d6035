"""A project's own templates (templates/ overriding the built-in ones by file name): what a
maintainer of the look is told when one is wrong, by build and by check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import ROOT

BUILTIN = ROOT / "templates"


def override(project: Path, name: str, text: str) -> Path:
    (project / "templates").mkdir(exist_ok=True)
    path = project / "templates" / name
    path.write_text(text, encoding="utf-8")
    return path


def copied(project: Path, name: str, change: tuple[str, str]) -> Path:
    text = (BUILTIN / name).read_text(encoding="utf-8")
    assert change[0] in text
    return override(project, name, text.replace(change[0], change[1], 1))


def test_a_shared_base_using_bulletin_names_the_archive_page_and_what_it_has(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    brand = "<div>开封市民政局 · {{ bulletin.week }}</div>"
    base = copied(kaifeng, "base.html.j2", ("<main>\n", f"<main>\n{brand}\n"))
    line = base.read_text(encoding="utf-8").splitlines().index(brand) + 1
    code, _, err = run(kaifeng, "build", "--all")
    assert code == 2
    assert f"templates/base.html.j2:{line}:18: error: 生成往期目录 index.html 时，" in err
    assert "“bulletin”没有定义" in err and "archive" in err
    assert "{% if bulletin is defined %}" in err and "[E-template-undefined]" in err


def test_the_readme_says_base_is_shared_and_what_each_page_receives() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    templates = readme[readme.index("### Templates") :]
    assert "{% if bulletin is defined %}" in templates and "`archive`" in templates


@pytest.mark.parametrize(
    "line, change",
    [(9, ("chart.title }}", "chart.titel }}")), (5, ("\n\n{% macro", "\n{{ nope }}\n{% macro"))],
)
def test_an_overview_error_is_at_the_same_line_for_the_page_and_the_wechat_post(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
    line: int,
    change: tuple[str, str],
) -> None:
    copied(kaifeng, "overview.html.j2", change)
    places = set()
    for output in ("html", "wechat"):
        code, _, err = run(kaifeng, "build", "47", "-f", output)
        assert code == 2, err
        places.add(err.split(": error:")[0])
    assert len(places) == 1 and places.pop().startswith(f"templates/overview.html.j2:{line}:")


def test_an_unknown_field_is_told_in_chinese_with_what_there_is(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    override(
        kaifeng,
        "bulletin.html.j2",
        '{% extends "base.html.j2" %}\n{% block header %}<p>{{ bulletin.subtitle }}</p>{% endblock %}\n',
    )
    code, _, err = run(kaifeng, "build", "47")
    assert code == 2
    assert err.startswith("templates/bulletin.html.j2:2:34: error: 生成周报页 bulletin.html 时，")
    assert "bulletin 没有“subtitle”这一项。你是不是想写“title”？" in err
    assert "title、digest、week、month_week、date_range、sections、entry_count" in err
    assert "BulletinView" not in err and "has no attribute" not in err
    code, _, err = run(kaifeng, "--lang", "en", "build", "47")
    assert "bulletin has no 'subtitle' in the template. Did you mean 'title'?" in err


@pytest.mark.parametrize(
    "text, code, said",
    [
        ("{{ bulletin.title | upper2 }}", "E-template-filter", "你是不是想写“upper”？"),
        ('{% include "logo.htm" %}', "E-template-missing", "找不到模板“logo.htm”"),
        ("{% block header %}{% endfor %}{% endblock %}", "E-template-tag", "“endblock”"),
        ("{% if bulletin.title %}x", "E-template-unclosed", "缺少 {% endif %}"),
    ],
)
def test_a_broken_override_is_told_in_chinese_and_stops_check_and_build(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
    text: str,
    code: str,
    said: str,
) -> None:
    override(kaifeng, "bulletin.md.j2", f"# {{{{ bulletin.title }}}}\n\n{text}\n")
    for command in (["check"], ["build", "47"]):
        exit_code, out, err = run(kaifeng, *command)
        printed = out + err
        assert exit_code != 0, printed
        assert "templates/bulletin.md.j2:3:" in printed and f"[{code}]" in printed
        assert said in printed
        assert "。。" not in printed and ".。" not in printed and str(ROOT) not in printed


def test_a_missing_template_suggests_the_one_meant_without_any_folder(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    override(kaifeng, "bulletin.html.j2", '{% extends "bas.html.j2" %}\n')
    code, _, err = run(kaifeng, "build", "47")
    assert code == 2
    assert (
        "templates/bulletin.html.j2:1:13: error: 找不到模板“bas.html.j2”。你是不是想写“base.html.j2”？"
        in err
    )
    assert str(ROOT) not in err and str(kaifeng) not in err


def test_check_compiles_the_overrides_so_ci_catches_what_would_break_the_build(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    path = copied(kaifeng, "bulletin.md.j2", ("", ""))
    text = path.read_text(encoding="utf-8") + "{% raw %}\n"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(kaifeng, "check")
    assert code == 1
    line = text.count("\n")  # the last line, where Jinja finds the template ends
    assert (
        f"templates/bulletin.md.j2:{line}:1: error: 模板里的 {{% raw %}} 没有结束：缺少 {{% endraw %}}"
        in out
    )
    code, out, _ = run(kaifeng, "check", "--format", "json")
    assert '"file": "templates/bulletin.md.j2"' in out


def test_the_pre_commit_hook_runs_on_a_template_change() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert re.search(hook["files"], "templates/bulletin.html.j2")


def test_a_misspelt_block_is_a_warning_of_check_naming_the_blocks_there_are(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    override(
        kaifeng,
        "bulletin.html.j2",
        '{% extends "base.html.j2" %}{% block headr %}<h1>LOGO HERE</h1>{% endblock %}\n',
    )
    code, out, _ = run(kaifeng, "check")
    assert code == 0, out
    assert "templates/bulletin.html.j2:1:38: warning: {% block headr %} 不会显示" in out
    assert "{{ self.headr() }}" in out and "[W-template-block]" in out
    assert (
        "你是不是想写“header”？base.html.j2 里的块：title、style、header、overview、sections、footer"
        in out
    )
    assert run(kaifeng, "check", "--strict")[0] == 1
    # Dead content never breaks the page: the build goes on as it did.
    code, out, err = run(kaifeng, "build", "47", "-f", "html")
    assert code == 0 and "headr" not in out + err


@pytest.mark.parametrize(
    "files",
    [
        # the reviewer's: the child defines the block and shows it in another
        {
            "bulletin.html.j2": '{% extends "base.html.j2" %}\n'
            "{% block contact %}联系电话：0371-12345678{% endblock %}\n"
            "{% block footer %}<footer>{{ self.contact() }}</footer>{% endblock %}\n"
        },
        # the project's base shows it, by name as written
        {
            "base.html.j2": (BUILTIN / "base.html.j2")
            .read_text(encoding="utf-8")
            .replace(
                "{% block footer %}{% endblock %}",
                # the archive's page extends it too, without the block
                "{% if self.contact is defined %}<footer>{{ self['contact']() }}</footer>{% endif %}",
            ),
            "bulletin.html.j2": '{% extends "base.html.j2" %}\n'
            "{% block contact %}联系电话：0371-12345678{% endblock %}\n",
        },
        # a template between them defines it, the page's own shows it
        {
            "station.html.j2": '{% extends "base.html.j2" %}\n'
            "{% block contact %}联系电话：0371-12345678{% endblock %}\n",
            "bulletin.html.j2": '{% extends "station.html.j2" %}\n'
            "{% block footer %}<footer>{{ self.contact() }}</footer>{% endblock %}\n",
        },
    ],
    ids=["in-the-child", "in-the-base", "in-a-template-extending-it"],
)
def test_a_block_shown_through_self_is_fine(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
    files: dict[str, str],
) -> None:
    for name, text in files.items():
        override(kaifeng, name, text)
    code, out, err = run(kaifeng, "check")
    assert code == 0 and "template-block" not in out + err, out + err
    assert run(kaifeng, "build", "47", "-f", "html")[0] == 0
    page = (kaifeng / "build/2022-W47/bulletin.html").read_text(encoding="utf-8")
    assert "<footer>联系电话：0371-12345678</footer>" in page


@pytest.mark.parametrize("paths", [["."], ["entries"], ["entries/"]])
def test_checking_the_whole_project_by_its_folder_compiles_the_templates(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
    paths: list[str],
) -> None:
    override(kaifeng, "bulletin.md.j2", "# {{ bulletin.title }}\n{% if bulletin.title %}x\n")
    code, out, _ = run(kaifeng, "check", *paths)
    assert code == 1 and "templates/bulletin.md.j2:2:1: error:" in out
    assert "[E-template-unclosed]" in out


def test_checking_one_week_leaves_the_templates_to_the_whole_check(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    override(kaifeng, "bulletin.md.j2", "# {{ bulletin.title }}\n{% if bulletin.title %}x\n")
    code, out, _ = run(kaifeng, "check", "entries/2022-W47")
    assert code == 0 and "templates/" not in out


def test_blocks_the_parent_has_and_blocks_inside_them_are_fine(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    override(
        kaifeng,
        "bulletin.html.j2",
        '{% extends "base.html.j2" %}\n'
        "{% block header %}{{ super() }}{% block logo %}<p>LOGO HERE</p>{% endblock %}{% endblock %}\n",
    )
    code, _, err = run(kaifeng, "check")
    assert code == 0, err
    assert run(kaifeng, "build", "47", "-f", "html")[0] == 0
    assert "LOGO HERE" in (kaifeng / "build/2022-W47/bulletin.html").read_text(encoding="utf-8")


def test_a_page_that_shows_none_of_the_weeks_entries_is_warned_about(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    base = (BUILTIN / "base.html.j2").read_text(encoding="utf-8")
    start, end = base.index("{% block sections %}"), base.index("{% block footer %}")
    override(kaifeng, "base.html.j2", base[:start] + "<p>本周动态见附件。</p>\n" + base[end:])
    # bulletin.md that tells the number of entries and none of them
    override(
        kaifeng,
        "bulletin.md.j2",
        "# {{ bulletin.title }}\n\n本周 {{ bulletin.entry_count }} 条。\n",
    )
    code, _, err = run(kaifeng, "build", "47", "-f", "html", "-f", "md")
    assert code == 0
    for page in ("bulletin.html", "bulletin.md"):
        said = f"templates: warning: 这一周有 54 条动态，生成的 {page} 里却一条也没有：它的模板没有用到 bulletin.sections"
        assert said in err
    assert "{% block sections %}" in err and "[W-page-no-entries]" in err


@pytest.mark.parametrize(
    "name, text",
    [
        (
            "bulletin.md.j2",
            "{% for section in bulletin.sections %}{% for entry in section.entries %}"
            "{{ entry.body }}\n{% endfor %}{% endfor %}",
        ),
        # the reviewer's digest page: neither the lead nor the body as the page writes them
        (
            "bulletin.html.j2",
            '{% extends "base.html.j2" %}{% block sections %}<ul>'
            "{% for section in bulletin.sections %}{% for entry in section.entries %}"
            "<li>{{ entry.title or entry.body[:10] }}（{{ entry.place }}）</li>"
            "{% endfor %}{% endfor %}</ul>{% endblock %}",
        ),
        # the first section alone
        (
            "bulletin.md.j2",
            "{% for entry in bulletin.sections[0].entries %}{{ entry.title }}\n{% endfor %}",
        ),
    ],
    ids=["a-loop-of-its-own", "a-digest", "the-first-section"],
)
def test_a_page_showing_its_entries_its_own_way_is_not_warned_about(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
    name: str,
    text: str,
) -> None:
    override(kaifeng, name, text)
    code, _, err = run(kaifeng, "build", "47", "-f", "html", "-f", "md")
    assert code == 0 and "W-page-no-entries" not in err, err
