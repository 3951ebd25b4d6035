"""Generated projects of several weeks, and their figures computed without bulletin's code.

``generate_city`` writes a project whose entries use every way of writing figures and places
(category by key or title, stations without a district, several districts, 余 and 万, aliases
of groups). ``expected_rows`` reads those YAML files back with PyYAML and bulletin.toml with
tomllib, and sums them on its own, so a test can compare bulletin's figures against it.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CITY_WIDE = "全市"
Key = tuple[str, str, str, str]  # week, dimension, key, measure
Amount = tuple[Decimal, bool]  # value, approx


@dataclass(frozen=True)
class City:
    name: str
    registry: bool  # districts, metrics and groups registered in bulletin.toml
    weeks: tuple[str, ...]
    seed: int


CITIES = (
    City("甲市", True, ("2022-W40", "2022-W41", "2022-W43", "2022-W44"), 1),
    City("乙市", False, ("2022-W52", "2023-W01", "2023-W02"), 2),
)
CATEGORIES = [("visits", "走访调研"), ("casework", "个案服务"), ("community", "社区活动")]
METRICS = [("visited", "走访", "人次"), ("served", "服务", "人次"), ("funds", "链接资金", "元")]
GROUPS = [("低保", ["低保户", "低保对象"]), ("残疾人", ["残疾"]), ("老年人", ["高龄老人"])]


def generate_city(folder: Path, city: City) -> Path:
    rng = random.Random(city.seed)
    districts = {
        f"{city.name[0]}{n}区": [
            f"{city.name[0]}{n}区{m}街道社工站" for m in range(rng.randint(0, 3))
        ]
        for n in range(1, 4)
    }
    folder.mkdir(parents=True)
    (folder / "bulletin.toml").write_text(_toml(city, districts), encoding="utf-8")
    for week in city.weeks:
        year, number = (int(part) for part in week.split("-W"))
        monday = date.fromisocalendar(year, number, 1)
        for index in range(rng.randint(2, 5)):
            district = rng.choice([*districts, None])
            entries = [
                _entry(rng, city, districts, district, monday) for _ in range(rng.randint(1, 4))
            ]
            data: dict[str, Any] = {"entries": entries}
            if district is not None:
                data["district"] = district
            path = folder / "entries" / week / (district or "") / f"file{index}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
    return folder


def _toml(city: City, districts: dict[str, list[str]]) -> str:
    lines = [f'title = "{city.name}{{month_week}}周报"']
    for key, title in CATEGORIES:
        lines += ["[[categories]]", f'key = "{key}"', f'title = "{title}"']
    if city.registry:
        for name, stations in districts.items():
            lines += [
                "[[districts]]",
                f'name = "{name}"',
                f"stations = {stations!r}".replace("'", '"'),
            ]
        for key, label, unit in METRICS:
            lines += ["[[metrics]]", f'key = "{key}"', f'label = "{label}"', f'unit = "{unit}"']
        for name, aliases in GROUPS:
            lines += ["[[groups]]", f'name = "{name}"', f"aliases = {aliases!r}".replace("'", '"')]
    # The bodies are placeholders (走访。), too short and alike for the checks of real text.
    lines += ["[check]", 'ignore = ["W-short-body", "W-duplicate"]']
    return "\n".join(lines) + "\n"


def _entry(
    rng: random.Random,
    city: City,
    districts: dict[str, list[str]],
    district: str | None,
    monday: date,
) -> dict[str, Any]:
    key, title = rng.choice(CATEGORIES)
    entry: dict[str, Any] = {"category": rng.choice([key, title]), "body": "走访。"}
    if rng.random() < 0.5:
        entry["date"] = (monday + timedelta(days=rng.randint(0, 6))).isoformat()
    stations = districts[district] if district else []
    if stations and rng.random() < 0.7:
        entry["station"] = rng.sample(stations, rng.randint(1, len(stations)))
    elif district is None and rng.random() < 0.5:
        # Several districts at once, or (with a registry) a station alone: its district is found.
        chosen = rng.sample(list(districts), 2)
        entry["district"] = chosen
        with_stations = [name for name in districts if districts[name]]
        if city.registry and with_stations and rng.random() < 0.5:
            del entry["district"]
            entry["station"] = rng.choice(districts[rng.choice(with_stations)])
    stats: dict[str, Any] = {}
    for metric, _, unit in rng.sample(METRICS, rng.randint(0, 3)):
        fraction = 462.5 if unit == "元" else 462  # people are counted whole (W-figure-fraction)
        stats[metric] = rng.choice(
            [rng.randint(0, 300), f"{rng.randint(1, 90)}余", f"{rng.randint(1, 9)}万余", fraction]
        )
    if stats:
        entry["stats"] = stats
    names = [name for name, _ in GROUPS]
    written = {name: rng.choice([name, *aliases]) for name, aliases in GROUPS}
    if rng.random() < 0.5:
        entry["groups"] = [written[name] for name in rng.sample(names, rng.randint(1, 2))]
    split = [key for key, value in stats.items() if isinstance(value, int) and value > 10]
    if split and rng.random() < 0.7:
        total = stats[split[0]]
        parts = rng.sample(names, rng.randint(1, 3))
        entry["by_group"] = {split[0]: {written[name]: rng.randint(0, total) for name in parts}}
    return entry


# ------------------------------------------------------- the independent sums


_FIGURE = re.compile(r"^(\d+(?:\.\d+)?)(万)?(余)?$")


def _amount(raw: object) -> Amount:
    if isinstance(raw, str):
        match = _FIGURE.match(raw)
        assert match, raw
        value = Decimal(match[1]) * (10000 if match[2] else 1)
        return value, bool(match[3])
    return Decimal(str(raw)), False


def _add(sums: dict[Key, Amount], key: Key, amount: Amount) -> None:
    value, approx = sums.get(key, (Decimal(0), False))
    sums[key] = (value + amount[0], approx or amount[1])


def expected_rows(project: Path, in_wan: set[Key] | None = None) -> dict[Key, Amount]:
    """(week, dimension, key, measure) → (sum, approx) for every week folder of ``project``;
    ``in_wan`` receives the keys whose sum has a part written in 万 (so is shown in 万)."""
    in_wan = set() if in_wan is None else in_wan
    config = tomllib.loads((project / "bulletin.toml").read_text(encoding="utf-8"))
    categories = {c[field]: c["key"] for c in config["categories"] for field in ("key", "title")}
    homes = {s: d["name"] for d in config.get("districts", []) for s in d["stations"]}
    aliases = {
        name: group["name"]
        for group in config.get("groups", [])
        for name in (group["name"], *group["aliases"])
    }
    sums: dict[Key, Amount] = {}
    for week_folder in sorted((project / "entries").iterdir()):
        week = week_folder.name
        active: set[tuple[str, str]] = set()
        district_names = [d["name"] for d in config.get("districts", [])]
        for path in sorted(week_folder.rglob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for item in data["entries"]:
                entry = {**{k: v for k, v in data.items() if k != "entries"}, **item}
                stations = _listed(entry.get("station"))
                districts = _listed(entry.get("district")) or list(
                    dict.fromkeys(homes[s] for s in stations if s in homes)
                )
                # An entry counts in each district it names; an unregistered station is
                # counted in the entry's district when it names one alone.
                counted_in = list(dict.fromkeys(districts)) or [CITY_WIDE]
                district_names.extend(counted_in)
                only = districts[0] if len(districts) == 1 else CITY_WIDE
                for station in stations:
                    active.add((homes.get(station, only), station))
                category = categories[entry["category"]]
                written_stats = entry.get("stats") or {}
                stats = {key: _amount(value) for key, value in written_stats.items()}
                wan = {key for key, value in written_stats.items() if "万" in str(value)}
                groups = {aliases.get(name, name) for name in _listed(entry.get("groups"))}
                for metric, parts in (entry.get("by_group") or {}).items():
                    for name, value in parts.items():
                        group = aliases.get(name, name)
                        groups.add(group)
                        _add(sums, (week, "group", group, metric), _amount(value))
                for dimension, key in (
                    ("total", ""),
                    *(("district", district) for district in counted_in),
                    ("category", category),
                ):
                    _add(sums, (week, dimension, key, "entries"), (Decimal(1), False))
                    for metric, amount in stats.items():
                        _add(sums, (week, dimension, key, metric), amount)
                        if metric in wan:
                            in_wan.add((week, dimension, key, metric))
                for group in groups:
                    _add(sums, (week, "group", group, "entries"), (Decimal(1), False))
        # Registered names are listed every week, silent ones with zero entries.
        zero = (Decimal(0), False)
        for name in [*district_names, *(home for home, _ in active)]:
            sums.setdefault((week, "district", name, "entries"), zero)
            sums[(week, "district", name, "stations")] = (
                Decimal(sum(home == name for home, _ in active)),
                False,
            )
        for key in {key for key in categories.values()}:
            sums.setdefault((week, "category", key, "entries"), zero)
        for group in config.get("groups", []):
            sums.setdefault((week, "group", group["name"], "entries"), zero)
        sums.setdefault((week, "total", "", "entries"), zero)
        sums[(week, "total", "", "stations")] = (Decimal(len(active)), False)
    return sums


def _listed(value: object) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def week_span(first: str, last: str) -> list[str]:
    """Every ISO week from ``first`` to ``last``, as 2022-W40 names."""

    def monday(name: str) -> date:
        year, number = (int(part) for part in name.split("-W"))
        return date.fromisocalendar(year, number, 1)

    day, weeks = monday(first), []
    while day <= monday(last):
        iso = day.isocalendar()
        weeks.append(f"{iso[0]}-W{iso[1]:02d}")
        day += timedelta(weeks=1)
    return weeks


def with_empty_weeks(sums: dict[Key, Amount], project: Path, weeks: list[str]) -> dict[Key, Amount]:
    """Weeks without a folder still list every registered name, with zero entries."""
    config = tomllib.loads((project / "bulletin.toml").read_text(encoding="utf-8"))
    present = {key[0] for key in sums}
    zero = (Decimal(0), False)
    result = dict(sums)
    for week in weeks:
        if week in present:
            continue
        result[(week, "total", "", "entries")] = zero
        result[(week, "total", "", "stations")] = zero
        for district in config.get("districts", []):
            result[(week, "district", district["name"], "entries")] = zero
            result[(week, "district", district["name"], "stations")] = zero
        for category in config["categories"]:
            result[(week, "category", category["key"], "entries")] = zero
        for group in config.get("groups", []):
            result[(week, "group", group["name"], "entries")] = zero
    return result


def changes(sums: dict[Key, Amount], weeks: list[str]) -> dict[Key, Amount | None]:
    """The change from the week before, where both weeks have the figure."""
    result: dict[Key, Amount | None] = {}
    for (week, dimension, key, measure), (value, approx) in sums.items():
        index = weeks.index(week)
        before = sums.get((weeks[index - 1], dimension, key, measure)) if index else None
        result[(week, dimension, key, measure)] = (
            None if before is None else (value - before[0], approx or before[1])
        )
    return result
