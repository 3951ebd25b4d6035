"""The WeChat article fragment: what is pasted into the 公众号 editor, built in Python.

The editor keeps inline ``style`` attributes and little else (see wechat_check.py for the
rules), so every element is written with its style from the theme, in one line with no text
between tags. Body Markdown arrives as a safe tree (sanitize.py) and is rewritten here into
the editor's tags: lists become paragraphs with hand-written markers, a table is styled as
本周概况's, links outside mp.weixin.qq.com become text with a ``[n]`` marker and a 参考链接
list at the end.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bulletin.sanitize import (
    BLOCK_TAGS,
    BODY_HEADING,
    HEADINGS,
    Element,
    body_tree,
    clean_html,
    markdown_converter,
)
from bulletin.theme import Theme
from bulletin.view import BulletinView, EntryView, SectionView
from bulletin.wechat_check import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    DEFAULT_ATTRIBUTES,
    is_wechat_article_link,
)

REFERENCES_TITLE = "参考链接"
BULLET = "• "
_RULE_COLOR = "#e5e5e5"
_MONOSPACE = "Menlo, Consolas, monospace"
_UNITLESS = frozenset({"line_height", "font_weight"})
_ENTRY_ATTRIBUTES = {"*": DEFAULT_ATTRIBUTES, **ALLOWED_ATTRIBUTES}


Declarations = dict[str, str | int | float]


def _css(**declarations: str | int | float) -> str:
    """``font_size=16`` → ``font-size:16px``; numbers are px except line-height and weight."""
    parts = []
    for name, value in declarations.items():
        if isinstance(value, int) and name not in _UNITLESS:
            value = f"{value}px" if value else "0"
        parts.append(f"{name.replace('_', '-')}:{value}")
    return ";".join(parts)


@dataclass(frozen=True)
class Styles:
    """One inline style per role. Each names every property WeChat's own stylesheet would
    otherwise decide for that tag (size, colour, line height, margins), so nothing depends
    on what the editor wraps around it. The font family is set once, on the wrapper: the
    article page sets none on inner elements, so it is safely inherited."""

    root: str
    meta: str
    band: str
    band_number: str
    entry_title: str
    paragraph: str
    lead: str
    strong: str
    em: str
    link: str
    marker: str
    list_item: str
    quote: str
    quote_paragraph: str
    body_heading: str
    rule: str
    code: str
    figures: str
    figure: str
    image: str
    caption: str
    references_title: str
    reference: str
    # A table in a body looks like 本周概况's; a cell may break anywhere, so that a wide
    # table wraps to the phone's width rather than running off it.
    table: str
    table_part: str
    header_cell: str
    cell: str

    @classmethod
    def from_theme(cls, theme: Theme) -> Styles:
        size, small, line = theme.font_size, theme.small_size, theme.line_height
        tables = OverviewStyles.from_theme(theme, wrap_cells=True)
        text: Declarations = {"font_size": size, "line_height": line, "color": theme.text_color}
        block: Declarations = {"margin": "0 0 12px", **text}
        heading = _heading(theme)
        note: Declarations = {
            "font_size": small - 1,
            "line_height": 1.5,
            "color": theme.muted_color,
        }
        muted_small: Declarations = {
            "font_size": small,
            "line_height": line,
            "color": theme.muted_color,
        }
        return cls(
            root=_css(
                font_family=theme.font_family,
                **text,
                overflow_wrap="break-word",
            ),
            meta=_css(margin="0 0 24px", **muted_small),
            band=_css(
                margin="32px 0 16px",
                padding="6px 12px",
                background=theme.accent_color,
                border_radius=theme.radius,
                **heading,
                font_size=theme.heading_size,
                line_height=1.5,
                color=theme.band_text_color,
            ),
            band_number=_css(
                margin_right=8,
                **heading,
                font_size=theme.heading_size,
                color=theme.band_text_color,
            ),
            entry_title=_css(
                margin="16px 0 4px",
                **heading,
                font_size=size,
                line_height=line,
                color=theme.accent_color,
            ),
            paragraph=_css(**block),
            lead=_css(font_weight="bold", color=theme.accent_color),
            strong=_css(font_weight="bold", color=theme.text_color),
            em=_css(font_style="italic", color=theme.text_color),
            link=_css(color=theme.accent_color, text_decoration="underline"),
            marker=_css(font_size=12, line_height=1, color=theme.muted_color),
            list_item=_css(**{**block, "margin": "0 0 6px", "padding_left": "1em"}),
            quote=_css(
                margin="0 0 12px",
                padding="8px 12px",
                border_left=f"3px solid {theme.accent_color}",
                background=theme.panel_color,
                **muted_small,
            ),
            quote_paragraph=_css(margin="0 0 4px", **muted_small),
            body_heading=_css(margin="16px 0 8px", **heading, **text),
            rule=_css(margin="24px 0", border=0, border_top=f"1px solid {_RULE_COLOR}"),
            code=_css(
                font_family=_MONOSPACE,
                font_size=small,
                color=theme.text_color,
                background=theme.panel_color,
            ),
            figures=_css(
                margin="0 0 12px",
                padding="4px 8px",
                background=theme.panel_color,
                border_radius=theme.radius,
                **muted_small,
            ),
            figure=_css(margin="12px 0 16px"),
            image=_css(
                display="block",
                max_width="100%",  # no width or height attributes, so the ratio holds
                margin="0 auto",
                border_radius=theme.radius,
            ),
            caption=_css(margin="4px 0 0", **note, text_align="center"),
            references_title=_css(margin="32px 0 8px", **muted_small, font_weight="bold"),
            reference=_css(margin="0 0 4px", **note, word_break="break-all"),
            table=f"{tables.table};word-break:break-all",
            table_part=tables.table_part,
            header_cell=tables.header_cell,
            cell=tables.cell,
        )


def _heading(theme: Theme) -> Declarations:
    """Bold, in the heading family only when it differs from the wrapper's (inherited)."""
    heading: Declarations = {"font_weight": "bold"}
    if theme.heading_font_family != theme.font_family:
        heading["font_family"] = theme.heading_font_family
    return heading


def _tint(color: str, share: float) -> str:
    """``color`` (a theme's ``#rgb`` or ``#rrggbb``) mixed with white: ``share`` of it."""
    digits = color[1:] if len(color) == 7 else "".join(digit * 2 for digit in color[1:])
    channels = (int(digits[start : start + 2], 16) for start in (0, 2, 4))
    return "#" + "".join(f"{round(255 - share * (255 - channel)):02x}" for channel in channels)


@dataclass(frozen=True)
class OverviewStyles:
    """The inline styles of 本周概况 (``overview.html.j2``), which the page and the article
    share: from the theme, as the article's own (``Styles``). The bars' track and the table's
    header rule are pale tints of the accent colour."""

    band: str
    summary: str
    block_title: str
    chart: str
    chart_title: str
    bar_row: str
    bar_label: str
    bar_value: str
    bar_track: str
    bar: str  # the template puts the bar's width before it
    table_box: str  # around a table: a wide one scrolls in it, not the page
    table: str
    table_part: str  # thead, tbody and tr: the editor styles every tag it keeps
    header_cell: str  # the template adds the alignment: left in the first column, else right
    cell: str
    note: str  # the sentence under a table

    @classmethod
    def from_theme(cls, theme: Theme, wrap_cells: bool = False) -> OverviewStyles:
        """``wrap_cells`` for a body's table, whose cells hold sentences: it wraps to the
        phone's width; 本周概况's short cells keep to one line and scroll."""
        heading, accent = _heading(theme), theme.accent_color
        one_line: Declarations = {} if wrap_cells else {"white_space": "nowrap"}
        small: Declarations = {
            "font_size": theme.small_size,
            "line_height": 1.5,
            "color": theme.text_color,
        }
        flat: Declarations = {"margin": 0, "padding": 0}
        bar: Declarations = {"height": 10, "border_radius": 5}
        return cls(
            band=_css(
                margin="32px 0 16px",
                padding="6px 12px",
                border_radius=theme.radius,
                background=accent,
                color=theme.band_text_color,
                **heading,
                font_size=theme.heading_size,
                line_height=theme.line_height,
            ),
            summary=_css(
                margin="0 0 12px",
                font_size=theme.font_size,
                line_height=theme.line_height,
                color=theme.text_color,
            ),
            block_title=_css(
                margin="16px 0 8px",
                **heading,
                font_size=theme.font_size,
                line_height=1.5,
                color=accent,
            ),
            chart=_css(margin="8px 0 12px", padding=0),
            chart_title=_css(margin="0 0 6px", **{**small, "color": theme.muted_color}),
            bar_row=_css(margin="0 0 6px", padding=0),
            bar_label=_css(margin=0, **small),
            bar_value=_css(margin_left=8, **{**small, "color": accent}, font_weight="bold"),
            bar_track=_css(
                width="100%", margin="2px 0 0", padding=0, background=_tint(accent, 0.15), **bar
            ),
            bar=_css(**flat, background=accent, **bar),
            table_box=_css(margin="0 0 8px", padding=0, overflow_x="auto"),
            # Cells keep to one line (a phone would break 低保特困 a character a line); a table
            # wider than the column scrolls sideways in its box. Said once on the table, which
            # its cells inherit, not on each cell: the article's length is limited.
            table=_css(width="100%", margin=0, border_collapse="collapse", **small, **one_line),
            table_part=_css(**small),
            header_cell=_css(
                padding="4px 6px",
                border_bottom=f"1px solid {_tint(accent, 0.3)}",
                background=theme.panel_color,
                **small,
                font_weight="bold",
            ),
            cell=_css(
                padding="4px 6px",
                border_bottom=f"1px solid {_RULE_COLOR}",
                **small,
            ),
            note=_css(margin="0 0 8px", **{**small, "color": theme.muted_color}),
        )


def render_fragment(bulletin: BulletinView, theme: Theme, overview: str = "") -> str:
    """The article fragment: one ``<section>``, no newline, no whitespace between tags.

    ``overview`` is 本周概况, already written as WeChat-safe HTML (``overview.html.j2``, whose
    charts the page shares); it follows the week's dates.
    """
    return _FragmentWriter(Styles.from_theme(theme)).bulletin(bulletin, overview)


def _text(value: str) -> str:
    """Text for the editor: escaped, and without newlines (a bare newline becomes a break)."""
    return html.escape(value.replace("\r", "").replace("\n", ""), quote=False)


def _tag(name: str, style: str, content: str, **attributes: str) -> str:
    extra = "".join(f' {key}="{html.escape(value)}"' for key, value in attributes.items())
    return f'<{name} style="{style}"{extra}>{content}</{name}>'


class _FragmentWriter:
    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.references: list[str] = []  # addresses of external links, numbered from 1
        self.convert = markdown_converter()

    def bulletin(self, bulletin: BulletinView, overview: str) -> str:
        s = self.styles
        meta = _text(f"{bulletin.date_range}（{bulletin.week}）")
        if bulletin.generated_on:
            meta += "<br>" + _text(f"编制日期：{bulletin.generated_on}")
        parts = [_tag("p", s.meta, meta), overview]
        parts += [self.section(section) for section in bulletin.sections]
        if self.references:
            parts.append(_tag("p", s.references_title, REFERENCES_TITLE))
            parts += [
                _tag("p", s.reference, _text(f"[{number}] {address}"))
                for number, address in enumerate(self.references, start=1)
            ]
        return _tag("section", s.root, "".join(parts))

    def section(self, section: SectionView) -> str:
        s = self.styles
        heading = _tag("span", s.band_number, _text(section.number)) + _text(section.title)
        return _tag("h2", s.band, heading) + "".join(self.entry(e) for e in section.entries)

    def entry(self, entry: EntryView) -> str:
        s = self.styles
        parts = [_tag("h3", s.entry_title, _text(entry.title))] if entry.title else []
        lead = _tag("strong", s.lead, _text(f"【{entry.lead}】"))
        blocks = self.blocks(body_tree(self.convert(entry.body)))
        # The entry's paragraph opens with its date and station, as in the printed bulletin.
        opening = f'<p style="{s.paragraph}">'
        if blocks and blocks[0].startswith(opening):
            blocks[0] = opening + lead + blocks[0][len(opening) :]
        else:
            blocks.insert(0, _tag("p", s.paragraph, lead))
        parts += blocks
        if entry.figures:
            parts.append(_tag("p", s.figures, _text(f"数据：{entry.figures_text}")))
        for image in entry.images:
            alt = f' alt="{html.escape(image.caption)}"' if image.caption else ""
            picture = f'<img style="{s.image}" src="{html.escape(image.src)}"{alt}>'
            caption = _tag("figcaption", s.caption, _text(image.caption)) if image.caption else ""
            parts.append(_tag("figure", s.figure, picture + caption))
        # Everything here comes from an entry: it passes the editor's allow-list last.
        return clean_html("".join(parts), ALLOWED_TAGS, _ENTRY_ATTRIBUTES)

    # Body elements -----------------------------------------------------------------------

    def blocks(self, container: Element, paragraph_style: str | None = None) -> list[str]:
        """Block-level output for a container's children; loose inline runs become paragraphs."""
        style = paragraph_style or self.styles.paragraph
        out: list[str] = []
        inline_run: list[Element | str] = []

        def flush() -> None:
            content = self.inline(inline_run)
            if content:
                out.append(_tag("p", style, content))
            inline_run.clear()

        for child in container.children:
            if isinstance(child, str) or child.tag not in _BLOCKS:
                inline_run.append(child)
                continue
            flush()
            out += self.block(child, style)
        flush()
        return out

    def block(self, element: Element, paragraph_style: str) -> list[str]:
        s = self.styles
        tag = element.tag
        if tag == "p":
            content = self.inline(element.children)
            return [_tag("p", paragraph_style, content)] if content else []
        if tag in ("ul", "ol"):
            return self.list_items(element)
        if tag == "table":
            return [self.table(element)]
        if tag == "blockquote":
            inner = "".join(self.blocks(element, s.quote_paragraph))
            return [_tag("blockquote", s.quote, inner)] if inner else []
        if tag == "hr":
            return [f'<hr style="{s.rule}">']
        if tag == "pre":
            lines = _plain_text(element).rstrip("\n").split("\n")
            code = "<br>".join(_text(line) for line in lines)
            return [_tag("p", paragraph_style, _tag("span", s.code, code))] if code else []
        content = self.inline(element.children)
        if not content:
            return []
        if tag in HEADINGS:  # headings inside an entry sit below the section band and title
            return [_tag(BODY_HEADING, s.body_heading, content)]
        return [_tag("p", paragraph_style, content)]

    def list_items(self, listing: Element) -> list[str]:
        """One paragraph per item, marker written out; nested lists follow at the same level."""
        out: list[str] = []
        number = listing.start
        for item in listing.children:
            if not isinstance(item, Element) or item.tag != "li":
                continue
            marker = f"{number}. " if listing.tag == "ol" else BULLET
            number += 1
            nested = [c for c in item.children if isinstance(c, Element) and c.tag in _LISTS]
            inline_children = [c for c in item.children if c not in nested]
            flat: list[Element | str] = []
            for child in inline_children:  # a loose list wraps its items' text in <p>
                if isinstance(child, Element) and child.tag == "p":
                    flat += child.children
                else:
                    flat.append(child)
            content = self.inline(flat)
            if content:
                out.append(_tag("p", self.styles.list_item, _text(marker) + content))
            for sublist in nested:
                out += self.list_items(sublist)
        return out

    def table(self, table: Element) -> str:
        """The table as the converter wrote it (a head and a body of rows), styled."""
        s = self.styles
        parts = []
        for part in _elements(table):  # thead and tbody, each of rows
            written = "".join(_tag("tr", s.table_part, self.row(row)) for row in _elements(part))
            parts.append(_tag(part.tag, s.table_part, written))
        return _tag("table", s.table, "".join(parts))

    def row(self, row: Element) -> str:
        cells = []
        for cell in _elements(row):
            style = self.styles.header_cell if cell.tag == "th" else self.styles.cell
            align = cell.align or "left"
            cells.append(_tag(cell.tag, f"{style};text-align:{align}", self.inline(cell.children)))
        return "".join(cells)

    def inline(self, children: list[Element | str]) -> str:
        """Inline content: text, emphasis, links, breaks. Whitespace-only text between two
        elements moves into the element before it, so no text node is blank."""
        parts: list[str] = []
        pending_space = False
        for index, child in enumerate(children):
            if isinstance(child, str):
                text = _text(child)
                if not text.strip():
                    pending_space = bool(text) and 0 < index < len(children) - 1
                    continue
                parts.append(text)
                continue
            rendered = self.inline_element(child)
            if pending_space and parts:
                parts[-1] = _with_trailing_space(parts[-1])
            pending_space = False
            if rendered:
                parts.append(rendered)
        return "".join(parts)

    def inline_element(self, element: Element) -> str:
        s = self.styles
        tag = element.tag
        if tag == "br":
            return "<br>"
        content = self.inline(element.children)
        if not content:
            return ""
        if tag == "strong":
            return _tag("strong", s.strong, content)
        if tag == "em":
            return _tag("em", s.em, content)
        if tag == "code":
            return _tag("span", s.code, content)
        if tag == "a":
            return self.link(element.href, content)
        return content  # a block tag inside inline content keeps its text

    def link(self, href: str, content: str) -> str:
        if href and is_wechat_article_link(href):
            return _tag("a", self.styles.link, content, href=href)
        if not href:  # not an http(s) address: only the words stay
            return content
        if href not in self.references:
            self.references.append(href)
        marker = f"[{self.references.index(href) + 1}]"
        return content + _tag("sup", self.styles.marker, marker)


_LISTS = frozenset({"ul", "ol"})
_BLOCKS = BLOCK_TAGS | HEADINGS | {"table"}


def _elements(element: Element) -> list[Element]:
    """The elements inside ``element``, without the line breaks between them."""
    return [child for child in element.children if isinstance(child, Element)]


def _plain_text(element: Element) -> str:
    return "".join(c if isinstance(c, str) else _plain_text(c) for c in element.children)


_CLOSING_TAIL = re.compile(r"((?:</\w+>)*)$")


def _with_trailing_space(rendered: str) -> str:
    """``…text</em>`` → ``…text </em>``: the space stays visible, inside the last text.
    After a break there is no text to hold it, and it would not show anyway."""
    tail = _CLOSING_TAIL.search(rendered)
    assert tail is not None
    body = rendered[: tail.start()]
    return rendered if body.endswith(">") else f"{body} {tail[1]}"
