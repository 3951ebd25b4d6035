"""Generated hostile input: never a traceback, never live script in what is published."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from bulletin.build import compile_week, render_context, render_formats
from bulletin.config import load_project
from bulletin.diagnostics import BulletinError
from bulletin.render import FORMATS
from bulletin.sanitize import markdown_safe
from helpers import MINIMAL_TOML, write_project
from hostile import PAYLOADS, live_parts, markdown_viewers

TODAY = date(2023, 1, 1)
ENTRY_FILE = "entries/2022-W47/generated.yaml"


def hostile_text(required: bool = False) -> st.SearchStrategy[str]:
    """Payloads and any text, run together; ``required`` ones hold more than spaces."""
    pieces = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=8))
    texts = st.lists(pieces, min_size=int(required), max_size=4).map("".join)
    return texts.filter(lambda text: text.replace("\x7f", "").strip()) if required else texts


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "project"
    write_project(folder, MINIMAL_TOML, {})
    photo = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 200)).save(photo, "PNG")
    (folder / "entries/2022-W47").mkdir(parents=True)
    (folder / "entries/2022-W47/photo.png").write_bytes(photo.getvalue())
    return folder


# Any text at all ----------------------------------------------------------------------------

YAML_PIECES = [
    *("category", "body", "date", "end", "time", "title", "station", "district", "org"),
    *("images", "src", "caption", "stats", "by_group", "groups", "entries", "ignore"),
    *(": ", ":", "- ", "\n", "\r\n", "  ", "    ", "\t", "\u3000", "：", "? ", "#", "|", ">"),
    *("&a ", "*a", "&b [*a, *a]", "<<: *a", "!!str ", "!!binary ", "!!python/object ", "!x "),
    *("[", "]", "{", "}", ",", "'", '"', "\\", "---\n", "...\n", "%YAML 1.2\n", "\ufeff"),
    *("visits", "走访调研", "casework", "2022-11-21", "2022-13-45", "2022年11月21日", "15:30"),
    *("yes", "~", "null", "1e999", "0x1F", "-1", "150余", "6万余", "photo.png", "../x.png"),
    *("/etc/passwd", "W-duplicate", "E-tab", "<script>alert(1)</script>"),
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.one_of(
        st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=6)), max_size=40)
        .map("".join)
        .map(str.encode),
        st.binary(max_size=200),
    )
)
def test_any_file_gives_a_bulletin_or_problems_never_a_traceback(project: Path, raw: bytes) -> None:
    (project / ENTRY_FILE).write_bytes(raw)
    loaded = load_project(project)
    try:
        _, compiled, _ = compile_week(loaded, "2022-W47", TODAY)
        render_formats(loaded, compiled, list(FORMATS), render_context(loaded))
    except BulletinError as exc:
        assert exc.problems  # diagnostics, each with a place and a code
        assert all(problem.location.path for problem in exc.problems)


# Hostile text in every field ----------------------------------------------------------------


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    fields=st.fixed_dictionaries(
        {
            "title": hostile_text(),
            "body": hostile_text(required=True),
            "station": hostile_text(required=True),
            "district": hostile_text(required=True),
            "org": hostile_text(),
            "time": hostile_text(),
            "caption": hostile_text(),
        }
    ),
    # TOML refuses DEL (U+007F) in a string.
    heading=hostile_text(required=True).map(lambda text: text.replace("\x7f", "")),
    category=hostile_text(required=True).map(lambda text: text.replace("\x7f", "")),
)
def test_hostile_text_anywhere_never_runs_in_the_page_the_fragment_or_a_markdown_viewer(
    project: Path, fields: dict[str, str], heading: str, category: str
) -> None:
    braces = str.maketrans("", "", "{}")  # placeholders of the title
    title = "周报" + heading.translate(braces)  # a title of spaces alone is E-empty
    toml = MINIMAL_TOML.replace('"测试周报{month_week}"', json.dumps(title, ensure_ascii=False))
    toml = toml.replace('"走访调研"', json.dumps(category, ensure_ascii=False))
    (project / "bulletin.toml").write_text(toml, encoding="utf-8")
    entry = {
        "category": "visits",
        "date": "2022-11-21",
        **{name: value for name, value in fields.items() if name != "caption" and value.strip()},
        "images": [{"src": "photo.png", "caption": fields["caption"]}],
    }
    (project / ENTRY_FILE).write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    loaded = load_project(project)
    try:
        _, compiled, _ = compile_week(loaded, "2022-W47", TODAY)
    except BulletinError as exc:
        raise AssertionError([str(problem) for problem in exc.problems]) from None
    context = render_context(loaded)
    page = FORMATS["html"].render(compiled.view, context).texts["bulletin.html"]
    assert live_parts(page, {"style": 1, "meta": 2, "title": 1, "link": 0}) == []
    fragment = FORMATS["wechat"].render(compiled.view, context).texts["wechat.fragment.html"]
    assert live_parts(fragment, {"style": 0, "meta": 0, "title": 0, "link": 0}) == []
    markdown_text = FORMATS["md"].render(compiled.view, context).texts["bulletin.md"]
    for shown in markdown_viewers(markdown_text):
        assert live_parts(shown, {"style": 0, "meta": 0, "title": 0, "link": 0}) == [], shown


# What is printed, and a project's own templates -----------------------------------------------

REGISTERED = MINIMAL_TOML + '[[districts]]\nname = "兰考县"\nstations = ["惠安街道社工站"]\n'


def test_escape_sequences_in_a_file_are_shown_not_sent_to_the_terminal(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    # YAML's "\e" is the escape character: a station name that would clear the screen.
    text = (
        'category: visits\nstation: "惠安\\e[2J\\e[31m\\u202e"\nbody: 社工入户走访三户困难老人。\n'
    )
    project = write_project(tmp_path / "p", REGISTERED, {ENTRY_FILE: text})
    code, out, _ = run(project, "check")
    assert code == 1 and "[E-unknown-station]" in out
    assert "\x1b" not in out and "\u202e" not in out
    assert "惠安\\u001b[2J\\u001b[31m\\u202e" in out


def test_a_projects_own_page_template_escapes_entry_text_too(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    override = (
        '{% extends "base.html.j2" %}\n{% block footer %}'
        "{% for s in bulletin.sections %}{% for e in s.entries %}<p>{{ e.title }}{{ e.place }}"
        "</p>{% endfor %}{% endfor %}{% endblock %}\n"
    )
    entry = f"category: visits\ndate: 2022-11-21\ntitle: {json.dumps(PAYLOADS[0])}\nbody: 走访。\n"
    project = write_project(
        tmp_path / "p",
        MINIMAL_TOML,
        {ENTRY_FILE: entry, "templates/bulletin.html.j2": override},
    )
    assert run(project, "build", "2022-W47", "-f", "html")[0] == 0
    page = (project / "build/2022-W47/bulletin.html").read_text(encoding="utf-8")
    assert live_parts(page) == [] and "&lt;script&gt;window.__pwned=1" in page


def test_a_lone_carriage_return_does_not_start_a_live_markdown_reference() -> None:
    safe = markdown_safe("0\r[r]: javascript:alert(1)\n\n[点][r]")
    assert "\\[r]: javascript" in safe and "\r" not in safe


def test_a_control_character_after_a_less_than_sign_does_not_open_a_live_tag() -> None:
    safe = markdown_safe('<\x03A<img src=x onerror="window.__pwned=1">')
    for shown in markdown_viewers(safe):  # Python-Markdown drops the \x03
        assert live_parts(shown, {"style": 0, "meta": 0, "title": 0, "link": 0}) == [], shown


def test_a_name_with_a_bar_or_a_line_break_stays_in_its_table_cell(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    entry = 'category: visits\ndistrict: "老城 | 新\\n城"\nbody: 社工入户走访三户困难老人，了解他们的生活需要。\n'
    project = write_project(tmp_path / "p", MINIMAL_TOML, {"entries/2022-W47/a.yaml": entry})
    assert run(project, "build", "47")[0] == 0
    markdown = (project / "build/2022-W47/bulletin.md").read_text(encoding="utf-8")
    assert "| 老城 \\| 新 城 | 1 | – |" in markdown
