"""Counted figures as workers write them: 45, 462.5, "150余", "6万余"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

TEN_THOUSAND = Decimal(10000)
_FIGURE_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(万)?\s*(余|多)?\s*$")


@dataclass(frozen=True)
class Figure:
    """A non-negative amount; ``approx`` marks a figure reported as "more than" (余)."""

    value: Decimal
    approx: bool = False

    def __str__(self) -> str:
        return format_figure(self)


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
    if value < 0 or not value.is_finite():
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
