"""Themes: chosen in bulletin.toml or with --theme, adjustable without templates, checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.config import load_project
from bulletin.diagnostics import UsageError
from bulletin.theme import BUILTIN_THEMES, Theme
from helpers import MINIMAL_TOML, write_project

ENTRY = {"entries/2022-W47/a.yaml": "category: visits\ndate: 2022-11-21\nbody: 走访。\n"}
DEFAULT_RED, GOV_RED = "#c0392b", "#a61b1b"


def built(run, project: Path, *extra: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    code, out, err = run(project, "build", "2022-W47", "-f", "html", "-f", "wechat", *extra)
    assert code == 0, out + err
    folder = project / "build/2022-W47"
    return (
        (folder / "bulletin.html").read_text("utf-8"),
        (folder / "wechat.fragment.html").read_text("utf-8"),
    )


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_builtin_themes_pass_their_own_checks(name: str) -> None:
    theme = BUILTIN_THEMES[name]
    assert Theme.model_validate(theme.model_dump()) == theme


def test_the_default_theme_colours_both_the_page_and_the_post(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    page, fragment = built(run, write_project(tmp_path / "p", MINIMAL_TOML, ENTRY))
    assert f"background: {DEFAULT_RED}" in page and f"background:{DEFAULT_RED}" in fragment


def test_theme_chosen_in_the_config_or_for_one_build(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    chosen = write_project(tmp_path / "gov", 'theme = "gov"\n' + MINIMAL_TOML, ENTRY)
    page, fragment = built(run, chosen)
    assert f"background: {GOV_RED}" in page and f"background:{GOV_RED}" in fragment
    assert "FangSong" in fragment and DEFAULT_RED not in fragment + page

    plain = write_project(tmp_path / "plain", MINIMAL_TOML, ENTRY)
    page, fragment = built(run, plain, "--theme", "gov")
    assert f"background:{GOV_RED}" in fragment and f"background: {GOV_RED}" in page


def test_a_project_adjusts_a_theme_without_templates(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    toml = MINIMAL_TOML + '[theme]\nbase = "gov"\naccent_color = "#1A5FB4"\nfont_size = 15\n'
    project = write_project(tmp_path / "p", toml, ENTRY)
    page, fragment = built(run, project)
    assert "background:#1a5fb4" in fragment and "font-size:15px" in fragment
    assert "background: #1a5fb4" in page and "FangSong" in page
    # --theme changes the base; the project's own colour still applies.
    _, fragment = built(run, project, "--theme", "default")
    assert "background:#1a5fb4" in fragment and "FangSong" not in fragment


def test_the_overview_follows_the_theme_like_the_rest(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """本周概况 takes the theme's sizes and colours, its bars' track a tint of the accent."""
    toml = MINIMAL_TOML + '[theme]\naccent_color = "#1A5FB4"\nfont_size = 15\nsmall_size = 13\n'
    project = write_project(tmp_path / "p", toml, ENTRY)
    for output in built(run, project):
        overview = output[output.index("本周概况") : output.index("</table>")]
        assert "font-size:15px" in overview and "font-size:13px" in overview
        assert "font-size:16px" not in overview and "font-size:14px" not in overview
        assert "background:#dde7f4" in overview  # #1a5fb4, 15 % of it on white
        assert DEFAULT_RED not in output and "#f5e6e4" not in output


def config_problems(tmp_path: Path, toml: str) -> list[tuple[str, int]]:
    write_project(tmp_path / "p", toml, {})
    with pytest.raises(UsageError) as caught:
        load_project(tmp_path / "p")
    return sorted((p.code, p.location.line) for p in caught.value.problems)


def test_theme_values_are_checked_where_they_are_written(tmp_path: Path) -> None:
    toml = MINIMAL_TOML + (
        "[theme]\n"
        'base = "fancy"\n'  # line 9
        'accent_color = "red"\n'
        'text_color = "#000000"\n'
        'font_family = "\\"Evil\\"; background:url(x)"\n'
        "font_size = 99\n"
    )
    assert config_problems(tmp_path, toml) == [
        ("E-config-black", 11),
        ("E-config-color", 10),
        ("E-config-font", 12),
        ("E-config-range", 13),
        ("E-config-theme", 9),
    ]
    assert config_problems(tmp_path, 'theme = "fancy"\n' + MINIMAL_TOML) == [("E-config-theme", 1)]


def test_unknown_theme_on_the_command_line_is_a_usage_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path / "p", MINIMAL_TOML, ENTRY)
    code, _, err = run(project, "build", "2022-W47", "--theme", "fancy")
    assert code == 2
    assert "[E-theme]" in err and "default、gov" in err
