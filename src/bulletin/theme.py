"""Themes: the colours, fonts and sizes of bulletin.html and of the WeChat post.

A project picks a built-in theme (``theme = "gov"``) or adjusts one in a ``[theme]`` table
(``base = "gov"`` plus any field below). Every value is checked here, because the WeChat post
writes them into inline styles: colours are hex (pure black is lost in the 公众号 editor), font
stacks are plain names (no quotes, no ``var()``), sizes are whole pixels within reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, get_type_hints

from pydantic import AfterValidator, BaseModel, ConfigDict, create_model, field_validator
from pydantic_core import PydanticCustomError

_HEX = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")
_BLACK = ("#000", "#000000")
# A font name CSS reads without quotes: words of letters (CJK included), digits, "-" and "_".
_FONT_NAME = r"-?[A-Za-z\u3400-\u9fff][\w\u3400-\u9fff-]*(?: [\w\u3400-\u9fff-]+)*"
_FONT_STACK = re.compile(rf"{_FONT_NAME}(?:, ?{_FONT_NAME})*")


def _color(value: str) -> str:
    normalised = value.strip().lower()
    if not _HEX.fullmatch(normalised):
        raise PydanticCustomError("E-config-color", "not a hex colour", {"value": value})
    if normalised in _BLACK:
        raise PydanticCustomError("E-config-black", "pure black", {"value": value})
    return normalised


def _font_stack(value: str) -> str:
    if not _FONT_STACK.fullmatch(value.strip()):
        raise PydanticCustomError("E-config-font", "not a font stack", {"value": value})
    return value.strip()


def _within(low: float, high: float) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not low <= value <= high:
            raise PydanticCustomError(
                "E-config-range", "out of range", {"value": value, "low": low, "high": high}
            )
        return value

    return check


Color = Annotated[str, AfterValidator(_color)]
FontStack = Annotated[str, AfterValidator(_font_stack)]
FontSize = Annotated[int, AfterValidator(_within(10, 40))]
Radius = Annotated[int, AfterValidator(_within(0, 40))]
LineHeight = Annotated[float, AfterValidator(_within(1.0, 3.0))]


class Theme(BaseModel):
    """Resolved values; sizes in px."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text_color: Color
    muted_color: Color  # dates of the week, captions, footer
    accent_color: Color  # section bands, entry leads, entry titles
    band_text_color: Color  # text on the section bands
    panel_color: Color  # background of the figures line
    page_color: Color  # around the column on screen (not part of the post)
    font_family: FontStack
    heading_font_family: FontStack
    font_size: FontSize
    heading_size: FontSize
    title_size: FontSize
    small_size: FontSize
    line_height: LineHeight
    radius: Radius


_SANS = (
    "-apple-system, BlinkMacSystemFont, PingFang SC, Hiragino Sans GB, Microsoft YaHei, "
    "Noto Sans CJK SC, sans-serif"
)

_SERIF = "FangSong, STFangsong, 仿宋, Songti SC, SimSun, serif"

# The seed's look: red numbered bands, rounded corners, system sans-serif.
_DEFAULT = Theme(
    text_color="#3f3f3f",
    muted_color="#888",
    accent_color="#c0392b",
    band_text_color="#fff",
    panel_color="#faf6f0",
    page_color="#f4f5f7",
    font_family=_SANS,
    heading_font_family=_SANS,
    font_size=16,
    heading_size=18,
    title_size=22,
    small_size=14,
    line_height=1.75,
    radius=4,
)
BUILTIN_THEMES: dict[str, Theme] = {
    "default": _DEFAULT,
    # 政务风格: deep red with square bands and 仿宋 as in official documents (GB/T 9704),
    # falling back to the phone's serif.
    "gov": _DEFAULT.model_copy(
        update={
            "text_color": "#333",
            "muted_color": "#666",
            "accent_color": "#a61b1b",
            "panel_color": "#f7f1e8",
            "page_color": "#f2efe9",
            "font_family": _SERIF,
            "heading_font_family": _SERIF,
            "font_size": 17,
            "line_height": 1.8,
            "radius": 0,
        }
    ),
}


def known_theme(name: str) -> str:
    """``name`` when it is a built-in theme; a located config error otherwise."""
    if name not in BUILTIN_THEMES:
        raise PydanticCustomError(
            "E-config-theme", "unknown theme", {"value": name, "choices": tuple(BUILTIN_THEMES)}
        )
    return name


class _ThemeTable(BaseModel):
    """The ``[theme]`` table of bulletin.toml: a built-in theme (``base``) and, below, any
    field of ``Theme`` it changes, each checked as a theme's own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base: str = "default"

    @field_validator("base")
    @classmethod
    def _known_base(cls, value: str) -> str:
        return known_theme(value)

    def resolve(self, base: str | None = None) -> Theme:
        """The theme ``base`` (``--theme``; else this table's) with this table's changes."""
        changes = self.model_dump(exclude={"base"}, exclude_none=True)
        return BUILTIN_THEMES[base or self.base].model_copy(update=changes)


# Every field of Theme, optional: what a table leaves out comes from its base. (For the type
# checker, the table without them: their names are known only when the model is made.)
if TYPE_CHECKING:
    ThemeSettings = _ThemeTable
else:
    ThemeSettings = create_model(
        "ThemeSettings",
        __base__=_ThemeTable,
        **{
            name: (hint | None, None)
            for name, hint in get_type_hints(Theme, include_extras=True).items()
            if name in Theme.model_fields
        },
    )
