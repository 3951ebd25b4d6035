"""The prepared bulletin that templates loop over: every text already formatted, in order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureView:
    label: str
    value: str
    unit: str


@dataclass(frozen=True)
class ImageView:
    src: str
    caption: str


@dataclass(frozen=True)
class EntryView:
    when: str
    place: str
    org: str
    title: str
    body: str
    figures: tuple[FigureView, ...]
    images: tuple[ImageView, ...]
    body_html: str = ""


@dataclass(frozen=True)
class SectionView:
    number: str
    key: str
    title: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class BulletinView:
    title: str
    week: str
    month_week: str
    date_range: str
    sections: tuple[SectionView, ...]
    entry_count: int
    station_count: int
    generated_on: str = ""
