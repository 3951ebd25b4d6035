"""Select the week's entries, group them by category and order them: the bulletin's structure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bulletin.config import ProjectConfig
from bulletin.dates import format_day, format_when, minute_of_day
from bulletin.figures import CITY_WIDE, WeekFigures, measure_of, week_figures
from bulletin.images import PreparedImage
from bulletin.model import Entry
from bulletin.numbers import format_figure
from bulletin.overview import overview_view
from bulletin.view import BulletinView, EntryView, FigureView, ImageView, SectionView
from bulletin.weeks import ReportingWeek

IMAGES_FOLDER = "images"


@dataclass(frozen=True)
class CompiledBulletin:
    view: BulletinView
    figures: WeekFigures
    assets: dict[str, bytes]  # output path (relative to the week's folder) → contents


def compile_bulletin(
    config: ProjectConfig,
    week: ReportingWeek,
    entries: Iterable[Entry],
    images: Mapping[Path, PreparedImage],
    generated_on: date | None = None,
) -> CompiledBulletin:
    """``images`` holds every photo the entries name, already prepared (``images.py``)."""
    ordered = sorted(entries, key=_OrderKey(config, week))
    assets: dict[str, bytes] = {}
    sections: list[SectionView] = []
    for category in config.categories:
        members = [entry for entry in ordered if entry.category == category.key]
        if members:
            sections.append(
                SectionView(
                    number=f"{len(sections) + 1:02d}",
                    key=category.key,
                    title=category.title,
                    entries=tuple(_entry_view(config, entry, images, assets) for entry in members),
                )
            )
    figures = week_figures(config, ordered)
    placeholders = {
        "year": week.id.year,
        "week": week.id.week,
        "month_week": week.month_week,
        "start": format_day(week.start),
        "end": format_day(week.end),
    }
    wanted = config.overview or config.wechat_overview
    overview = overview_view(config, figures) if wanted else None
    view = BulletinView(
        title=config.title.format(**placeholders),
        digest=config.digest.format(**placeholders),
        week=str(week.id),
        month_week=week.month_week,
        date_range=format_when([week.start], week.end, None),
        sections=tuple(sections),
        entry_count=len(ordered),
        generated_on=format_day(generated_on) if generated_on else "",
        overview=overview if config.overview else None,
        wechat_overview=overview if config.wechat_overview else None,
    )
    return CompiledBulletin(view, figures, assets)


class _OrderKey:
    """First date, then time of day, then district in registry order, then station, then
    where it was written."""

    def __init__(self, config: ProjectConfig, week: ReportingWeek) -> None:
        self.week_start = week.start
        self.district_rank = {d.name: i for i, d in enumerate(config.districts)}
        self.station_rank = {
            s: i for i, s in enumerate(s for d in config.districts for s in d.stations)
        }

    def __call__(self, entry: Entry) -> tuple[object, ...]:
        first_date = entry.dates[0] if entry.dates else self.week_start
        district = entry.districts[0] if entry.districts else ""
        station = entry.stations[0] if entry.stations else ""
        minute = minute_of_day(entry.time)
        return (
            first_date,
            -1 if minute is None else minute,  # a day's untimed entries lead its timed ones
            # City-wide entries (no district) lead; unregistered names follow registered ones.
            (0, -1, "")
            if not district
            else (1, self.district_rank.get(district, len(self.district_rank)), district),
            (self.station_rank.get(station, len(self.station_rank)), station),
            entry.places.order(),
        )


def _entry_view(
    config: ProjectConfig,
    entry: Entry,
    images: Mapping[Path, PreparedImage],
    assets: dict[str, bytes],
) -> EntryView:
    figures = []
    for stat in sorted(entry.stats, key=lambda stat: config.metric_rank(stat.key)):
        measure = measure_of(config, stat.key)
        unit = measure.unit
        parts = "、".join(f"{p.group} {format_figure(p.figure)}{unit}" for p in stat.by_group)
        figures.append(
            FigureView(
                label=measure.label,
                value=format_figure(stat.figure),
                unit=unit,
                breakdown=f"其中{parts}" if parts else "",
            )
        )
    image_views = []
    for image in entry.images:
        prepared = images[image.path]
        name = f"{IMAGES_FOLDER}/{prepared.name}"
        assets[name] = prepared.data
        image_views.append(ImageView(src=name, caption=image.caption))
    place = " · ".join(
        part for part in ("、".join(entry.districts), "、".join(entry.stations)) if part
    )
    if not place and not entry.org:
        place = CITY_WIDE
    return EntryView(
        when=format_when(entry.dates, entry.end, entry.time),
        place=place,
        org=entry.org or "",
        title=entry.title or "",
        body=entry.body,
        figures=tuple(figures),
        images=tuple(image_views),
    )
