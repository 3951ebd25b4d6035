"""Did-you-mean for misspelt keys, categories and station names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """The likeliest intended choice, or None.

    A choice that contains the value (惠安 → 惠安街道社工站) or is contained in it wins,
    because workers shorten and lengthen place names far more often than they misspell them.
    """
    options = list(dict.fromkeys(choices))
    needle = value.strip()
    if not needle:
        return None
    containing = [choice for choice in options if needle in choice or choice in needle]
    if containing and len(needle) >= 2:
        return min(containing, key=lambda choice: (abs(len(choice) - len(needle)), choice))
    lowered = {choice.lower(): choice for choice in options}
    close = difflib.get_close_matches(needle.lower(), list(lowered), n=1, cutoff=0.5)
    return lowered[close[0]] if close else None
