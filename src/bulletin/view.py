"""The prepared bulletin that templates loop over: every text already formatted, in order."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FigureView:
    label: str
    value: str
    unit: str
    breakdown: str = ""  # 其中低保特困 69人次、残疾人 65人次

    @property
    def text(self) -> str:
        """走访 45人次, with its split by group in brackets when there is one."""
        split = f"（{self.breakdown}）" if self.breakdown else ""
        return f"{self.label} {self.value}{self.unit}{split}"


def figures_text(figures: tuple[FigureView, ...]) -> str:
    return "；".join(figure.text for figure in figures)


@dataclass(frozen=True)
class BarView:
    label: str
    value: str
    width: str  # of the longest bar, as a CSS percentage: "64.29%"


@dataclass(frozen=True)
class ChartView:
    """A horizontal bar chart, drawn with inline-styled HTML so it survives the WeChat editor."""

    title: str
    bars: tuple[BarView, ...]


@dataclass(frozen=True)
class TableView:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def alignments(self) -> tuple[str, ...]:
        """Each column's ``text-align``: the first names the row, the others are figures."""
        return tuple("left" if index == 0 else "right" for index in range(len(self.header)))

    @property
    def markdown_rule(self) -> str:
        """The line under a Markdown table's header, which aligns its columns."""
        return "|" + "".join(f" {_MARKDOWN_ALIGN[side]} |" for side in self.alignments)


_MARKDOWN_ALIGN = {"left": ":---", "right": "---:"}


@dataclass(frozen=True)
class OverviewBlock:
    title: str
    charts: tuple[ChartView, ...]
    table: TableView
    note: str = ""  # a sentence under the table, when it needs one


@dataclass(frozen=True)
class OverviewView:
    """本周概况: a sentence, then blocks of charts (HTML only) and tables."""

    summary: str
    blocks: tuple[OverviewBlock, ...]


@dataclass(frozen=True, slots=True)
class ImageView:
    src: str
    caption: str


@dataclass(frozen=True, slots=True)
class EntryView:
    when: str
    place: str
    org: str
    title: str
    body: str
    figures: tuple[FigureView, ...]
    images: tuple[ImageView, ...]
    body_html: str = ""

    @property
    def lead(self) -> str:
        """What opens the entry in every format: 2022年11月18日上午 · 兰考县 · 惠安街道社工站 · 正心社工."""
        return " · ".join(part for part in (self.when, self.place, self.org) if part)

    @property
    def figures_text(self) -> str:
        return figures_text(self.figures)


@dataclass(frozen=True)
class SectionView:
    number: str
    key: str
    title: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class BulletinView:
    title: str
    digest: str
    week: str
    month_week: str
    date_range: str
    sections: tuple[SectionView, ...]
    entry_count: int
    generated_on: str = ""
    overview: OverviewView | None = None  # in bulletin.md and bulletin.html
    wechat_overview: OverviewView | None = None  # in the WeChat article

    def with_entries(self, change: Callable[[EntryView], EntryView]) -> BulletinView:
        """The same bulletin with ``change`` applied to every entry, in order."""
        sections = tuple(
            dataclasses.replace(section, entries=tuple(change(e) for e in section.entries))
            for section in self.sections
        )
        return dataclasses.replace(self, sections=sections)


@dataclass(frozen=True)
class ArchiveWeekView:
    week: str
    title: str
    date_range: str
    href: str
    summary: str
    figures: tuple[FigureView, ...]

    @property
    def figures_text(self) -> str:
        return figures_text(self.figures)


@dataclass(frozen=True)
class ArchiveView:
    """The archive's index page: trend charts, then every built week, newest first."""

    title: str
    summary: str
    charts: tuple[ChartView, ...]
    weeks: tuple[ArchiveWeekView, ...]
