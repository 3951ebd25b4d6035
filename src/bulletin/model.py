"""What a station worker writes (``EntryInput``) and what the pipeline passes on (``Entry``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from bulletin.dates import (
    DateTextError,
    completed_dates,
    of_report_years,
    parse_date_text,
    split_list,
)
from bulletin.diagnostics import Location
from bulletin.load import EntryPlaces, Written
from bulletin.numbers import Figure, parse_figure
from bulletin.records import Record
from bulletin.weeks import WeekId

_DATE_SCHEMA = {"type": "string", "description": "2022-11-18、2022年11月18日 或 11月18日"}


def _one_date(value: Any, near: date | None) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("E-date-with-time", "date has a time", {"value": value})
    try:
        if isinstance(value, date):
            return of_report_years(value, value.isoformat())
        if isinstance(value, str):
            return parse_date_text(value, near)
    except DateTextError as exc:
        facts = {"value": exc.text, **exc.facts}
        raise PydanticCustomError(exc.code, "bad date", facts) from None
    raise PydanticCustomError("E-date", "bad date", {"value": value})


def _date_items(value: Any) -> list[Any]:
    """The dates written, each to be read on its own (and located at its item when wrong)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = split_list(value)
    if not isinstance(value, list):
        value = [value]
    return completed_dates(value)


def _list_date(value: Any, info: ValidationInfo) -> date:
    return _one_date(value, _near(info))


def _sorted_dates(days: list[date]) -> list[date]:
    return sorted(set(days))


def _optional_date(value: Any, info: ValidationInfo) -> date | None:
    return None if value is None else _one_date(value, _near(info))


def _near(info: ValidationInfo) -> date | None:
    """A day of the week the entry is for (``near`` in the validation's context), which gives
    a date written without its year (11月18日) the year nearest to it."""
    near = (info.context or {}).get("near")
    return near if isinstance(near, date) else None


def _name_items(value: Any) -> list[Any]:
    """The names written: a list, or one text, where 、 and ， part several (惠安街道社工站、仪封镇社工站)."""
    if value is None:
        return []
    if isinstance(value, str):
        if not value.strip():  # org: "" as a template leaves it: no name, as None is
            return []
        return split_list(value) or [value]  # "、" is no name: said so
    return value if isinstance(value, list) else [value]


def _one_name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("E-name", "names are text", {"value": value})
    return value.strip()


def _figure(value: Any) -> Figure:
    try:
        return parse_figure(value)
    except ValueError:
        raise PydanticCustomError("E-figure", "bad figure", {"value": value}) from None


Dates = Annotated[
    list[Annotated[date, PlainValidator(_list_date)]],
    BeforeValidator(_date_items),
    AfterValidator(_sorted_dates),
    WithJsonSchema({"anyOf": [_DATE_SCHEMA, {"type": "array", "items": _DATE_SCHEMA}]}),
]
OptionalDate = Annotated[date | None, PlainValidator(_optional_date), WithJsonSchema(_DATE_SCHEMA)]
Names = Annotated[
    list[Annotated[str, PlainValidator(_one_name)]],
    BeforeValidator(_name_items),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
FigureValue = Annotated[
    Figure,
    PlainValidator(_figure),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\d+(\.\d+)?万?(余|多)?$"},
            ]
        }
    ),
]


class ImageInput(BaseModel):
    # Built at first use: a run the cache answers validates no entry.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    src: str = Field(min_length=1, description="相对于本文件的图片路径")
    caption: str | None = Field(None, description="图片说明")


class EntryInput(BaseModel):
    """One activity as written in YAML, after file-level defaults are merged in."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    category: str = Field(min_length=1, description="类别：bulletin.toml 里的 key 或 title")
    body: str = Field(description="正文，Markdown")
    station: Names = Field(default_factory=list, description="社工站名称，一个或多个")
    district: Names = Field(default_factory=list, description="县区")
    org: Names = Field(default_factory=list, description="服务机构，一个或多个（联合服务）")
    date: Dates = Field(
        default_factory=list, description="日期；一段时间可写 11月18日-24日；不写表示本周"
    )
    end: OptionalDate = Field(None, description="时间段的最后一天")
    time: str | None = Field(None, description="时间，如 上午、下午3点")
    title: str | None = Field(None, description="活动名称")
    images: list[ImageInput] = Field(default_factory=list, description="图片")
    stats: dict[str, FigureValue] = Field(default_factory=dict, description="数据")
    groups: Names = Field(default_factory=list, description="服务对象，如 低保、残疾人")
    by_group: dict[str, dict[str, FigureValue]] = Field(
        default_factory=dict,
        description="按服务对象分的数据：数据项 → {服务对象: 数字}，总数写在 stats 里",
    )
    ignore: Names = Field(
        default_factory=list, description="有意忽略的警告代码，如 W-duplicate（只能忽略警告）"
    )

    @field_validator("images", mode="before", json_schema_input_type=list[ImageInput | str] | str)
    @classmethod
    def _image_shorthand(cls, value: Any) -> Any:
        if value is None:  # ``images:`` with nothing after it, as a template leaves it
            return []
        if isinstance(value, str):  # one photo, as ``station: x`` is one station
            return [{"src": value}]
        if isinstance(value, list):
            return [{"src": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("stats", "by_group", mode="before")
    @classmethod
    def _no_figures(cls, value: Any) -> Any:
        # ``stats:`` with nothing after it, as a template leaves it: no figures.
        return {} if value is None else value

    @field_validator("body", mode="before")
    @classmethod
    def _left_empty(cls, value: Any) -> Any:
        # ``body:`` with nothing after it: kept as empty, for W-short-body to point out.
        return "" if value is None else value

    @field_validator("body")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return value.strip()


# The classes below are slotted: a province's week holds a hundred thousand entries, and an
# object without a ``__dict__`` is a few hundred bytes smaller.
@dataclass(frozen=True, slots=True)
class Image(Record):
    path: Path
    caption: str
    written: Written

    @property
    def location(self) -> Location:
        return self.written.location()


@dataclass(frozen=True, slots=True)
class GroupFigure(Record):
    """The part of a figure that served one target group."""

    group: str
    figure: Figure


@dataclass(frozen=True, slots=True)
class Stat(Record):
    key: str
    figure: Figure
    by_group: tuple[GroupFigure, ...] = ()  # parts may overlap and need not add up to the total


@dataclass(frozen=True, slots=True)
class Entry(Record):
    """A validated activity with its category, places and files resolved against the project."""

    week: WeekId | None  # None when the file lies outside a week folder (itself an error)
    category: str
    body: str
    places: EntryPlaces
    dates: tuple[date, ...] = ()
    end: date | None = None
    time: str | None = None
    districts: tuple[str, ...] = ()
    stations: tuple[str, ...] = ()
    org: str | None = None
    title: str | None = None
    images: tuple[Image, ...] = ()
    stats: tuple[Stat, ...] = ()
    groups: tuple[str, ...] = ()  # registered names, in registry order; includes by_group's
    ignore: frozenset[str] = frozenset()  # warning codes the worker silenced on purpose

    @property
    def location(self) -> Location:
        """Where the entry begins (found when asked: see ``Written``)."""
        return self.places.whole()
