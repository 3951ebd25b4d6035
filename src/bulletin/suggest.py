"""Did-you-mean for misspelt keys, categories and station names."""

from __future__ import annotations

import difflib
import re
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


# What a station's name ends with, whatever the station: matching names on it alone made
# 顺河区社工站 look like 陈留镇社工站.
_STATION_WORD = re.compile(r"(?:社会工作服务站|社工服务站|社工工作站|驻站社工|社工站|社工)$")
# An ethnic autonomous district's short form: 顺河回族区 is 顺河区; 长阳土家族自治县 长阳县.
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:.{1,4}族)+(?:自治)?([区县旗])$")
# Words that say what kind of place, not which: 禹王台区街道社工站 names no station.
_PLACE_WORDS = frozenset({"", "区", "县", "市", "旗", "街道", "乡", "镇", "乡镇", "社区", "办事处"})


def station_core(name: str) -> str:
    """A station's name without its common ending: 三里堡街道社工站 → 三里堡街道."""
    return _STATION_WORD.sub("", name.strip())


def nearest_station(written: str, stations: Iterable[str]) -> str | None:
    """The station meant by ``written``, matched on the names without their common ending, so
    that only the part that tells stations apart decides (三里堡驻站社工 → 三里堡街道社工站)."""
    by_core: dict[str, str] = {}
    for station in stations:
        by_core.setdefault(station_core(station) or station, station)
    found = did_you_mean(station_core(written) or written, by_core)
    return by_core[found] if found else None


def district_forms(district: str) -> list[str]:
    """How a district is written: 顺河回族区, 顺河区, 顺河回族, 顺河 (short forms of at least
    two characters)."""
    forms = [district]
    autonomous = _AUTONOMOUS.match(district)
    if autonomous:
        forms.append(autonomous[1] + autonomous[2])
    forms += [form[:-1] for form in forms if form[-1] in "区县市旗" and len(form) > 2]
    return forms


def district_prefix(written: str, districts: Iterable[str]) -> tuple[str, str] | None:
    """(district, the rest) when ``written`` begins with a district's name or a short form of
    it (禹王台三里堡 → 禹王台区, 三里堡); the longest such beginning wins."""
    name = written.strip()
    best: tuple[str, int] | None = None
    for district in districts:
        for form in district_forms(district):
            if name.startswith(form) and (best is None or len(form) > best[1]):
                best = (district, len(form))
    return None if best is None else (best[0], name[best[1] :])


def names_no_station(rest: str) -> bool:
    """What follows a district's name says no station: 社工站, 区社工站, 街道社工站."""
    return station_core(rest) in _PLACE_WORDS
