"""Counted figures as workers write them: 45, 462.5, "150余", "6万余"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bulletin.records import Record

TEN_THOUSAND = Decimal(10000)
_FIGURE_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(万)?\s*(余|多)?\s*$")


@dataclass(frozen=True, slots=True)
class Figure(Record):
    """An amount; ``approx`` marks a figure reported as "more than" (余).

    Workers write non-negative figures (``parse_figure``); a week-on-week change may be negative.
    """

    value: Decimal
    approx: bool = False

    def __str__(self) -> str:
        return format_figure(self)

    def __add__(self, other: Figure) -> Figure:
        """A sum is "more than" (余) as soon as one of its parts is."""
        return Figure(self.value + other.value, self.approx or other.approx)

    def __sub__(self, other: Figure) -> Figure:
        return Figure(self.value - other.value, self.approx or other.approx)


ZERO = Figure(Decimal(0))


def total(figures: Iterable[Figure]) -> Figure:
    return sum(figures, ZERO)


def parse_figure(raw: object) -> Figure:
    """Read a YAML number or a text such as ``150余`` / ``6万余``; ValueError when it is neither."""
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, (int, Decimal)):
        value = Decimal(raw)
        approx = False
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
        approx = False
    elif isinstance(raw, str):
        match = _FIGURE_TEXT.match(unicodedata.normalize("NFKC", raw))
        if not match:
            raise ValueError(raw)
        try:
            value = Decimal(match[1])
        except InvalidOperation:
            raise ValueError(raw) from None
        if match[2]:
            value *= TEN_THOUSAND
        approx = bool(match[3])
    else:
        raise ValueError(raw)
    if not value.is_finite() or value < 0:  # NaN cannot even be compared
        raise ValueError(raw)
    return Figure(value, approx)


def format_amount(value: Decimal) -> str:
    """45, 462.5, 6万 (whole multiples of ten thousand read better in 万)."""
    if value >= TEN_THOUSAND and value % TEN_THOUSAND == 0:
        return f"{int(value / TEN_THOUSAND)}万"
    if value == value.to_integral():
        return str(int(value))
    return format(value.normalize(), "f")


def format_figure(figure: Figure) -> str:
    return format_amount(figure.value) + ("余" if figure.approx else "")


def format_change(change: Figure) -> str:
    """+12, -3, ±0; 约+12 when either week's figure was "more than" (余)."""
    sign = "+" if change.value > 0 else "-" if change.value < 0 else "±"
    return ("约" if change.approx else "") + sign + format_amount(abs(change.value))
