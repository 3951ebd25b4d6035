"""Counted figures as workers write them: 45, 462.5, "150余", "6万余"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from bulletin.records import Record

TEN_THOUSAND = Decimal(10000)
DIGITS = 0  # a Figure's grain when it was written in digits, and is shown so
WHOLE = 1  # the grain of an exact figure written in 万: shown in 万, every digit
# The grain of a "more than" figure written in 万, by its places after the point: 6万余 tells
# the 万s, 6.5万余 the thousands; from 6.1234万余 on, every digit.
_ROUGH_GRAINS = (10000, 1000, 100, 10, WHOLE)
_FIGURE_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(万)?\s*(余|多)?\s*$")


@dataclass(frozen=True, slots=True)
class Figure(Record):
    """An amount; ``approx`` marks a figure reported as "more than" (余).

    ``grain`` is how it is shown: ``DIGITS`` (0) in digits, as it was written (98000, never
    9.8万); else in 万, as it was written (6万, 6万余) or as a sum with such a part is, to a
    whole multiple of ``grain`` when it is "more than": 6万余 tells only the 万s (10000), 6.5万余
    the thousands (1000), an exact 6万 every digit (``WHOLE``). A sum keeps its parts' coarsest
    grain, so 6万余 + 672 is shown 6万余, not 60672余 (digits nobody counted); 9.8万 + 1万 is
    10.8万. ``value`` stays the exact sum of what was written.

    Workers write non-negative figures (``parse_figure``); a week-on-week change may be negative.
    """

    value: Decimal
    approx: bool = False
    grain: int = DIGITS

    def __str__(self) -> str:
        return format_figure(self)

    def __add__(self, other: Figure) -> Figure:
        """A sum is "more than" (余) as soon as one of its parts is."""
        return Figure(
            self.value + other.value, self.approx or other.approx, max(self.grain, other.grain)
        )

    def __sub__(self, other: Figure) -> Figure:
        return Figure(
            self.value - other.value, self.approx or other.approx, max(self.grain, other.grain)
        )


ZERO = Figure(Decimal(0))


def total(figures: Iterable[Figure]) -> Figure:
    return sum(figures, ZERO)


def parse_figure(raw: object) -> Figure:
    """Read a YAML number or a text such as ``150余`` / ``6万余``; ValueError when it is neither."""
    if isinstance(raw, bool):
        raise ValueError(raw)
    grain = DIGITS
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
        approx = bool(match[3])
        if match[2]:
            value *= TEN_THOUSAND
            grain = _rough_grain(match[1]) if approx else WHOLE
    else:
        raise ValueError(raw)
    if not value.is_finite() or value < 0:  # NaN cannot even be compared
        raise ValueError(raw)
    return Figure(value, approx, grain)


def _rough_grain(digits: str) -> int:
    point = digits.find(".")
    places = 0 if point < 0 else len(digits) - point - 1
    return _ROUGH_GRAINS[min(places, len(_ROUGH_GRAINS) - 1)]


def _to_grain(value: Decimal, grain: int, rounding: str) -> Decimal:
    """``value`` to a whole multiple of ``grain`` (itself for DIGITS and WHOLE)."""
    if grain <= WHOLE:
        return value
    return (value / grain).to_integral_value(rounding) * grain


def format_amount(value: Decimal, grain: int = DIGITS) -> str:
    """45, 462.5; in 万 when ``grain`` says so: 6万, 10.8万 (``value`` already to its grain)."""
    if grain and value:
        value /= TEN_THOUSAND
        suffix = "万"
    else:
        suffix = ""
    if value == value.to_integral():
        return f"{int(value)}{suffix}"
    return f"{value.normalize():f}{suffix}"


def shown_value(figure: Figure) -> Decimal:
    """The amount a figure is shown as: a "more than" one to its grain rounded down (60672余
    in 万s is 6万余, 60000), so that a bar is as long as its label says."""
    return _to_grain(figure.value, figure.grain, ROUND_FLOOR)


def format_figure(figure: Figure) -> str:
    return format_amount(shown_value(figure), figure.grain) + ("余" if figure.approx else "")


def format_change(change: Figure) -> str:
    """+12, -3, ±0; 约+12 when either week's figure was "more than" (余), to the nearest of its
    grain: 约+6万."""
    shown = _to_grain(abs(change.value), change.grain, ROUND_HALF_UP)
    sign = "±" if not shown else "+" if change.value > 0 else "-"
    return ("约" if change.approx else "") + sign + format_amount(shown, change.grain)
