"""Why entries are parsed with PyYAML's libyaml loader: parse the example's entry files with
each candidate, repeated to about 1,000 files, and print the median time per 1,000 files.

Run: python bench/yaml_parsers.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kaifeng" / "entries"


def texts() -> list[str]:
    files = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLE.rglob("*.yaml"))]
    return (files * (1000 // len(files) + 1))[:1000]


def median_seconds(parse: Callable[[str], Any], documents: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for document in documents:
            parse(document)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    documents = texts()
    ruamel_rt = YAML(typ="rt")
    ruamel_safe = YAML(typ="safe")
    candidates: dict[str, Callable[[str], Any]] = {
        "PyYAML CSafeLoader (used)": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
        "PyYAML SafeLoader (pure Python)": lambda text: yaml.load(text, Loader=yaml.SafeLoader),
        "ruamel.yaml typ=safe": ruamel_safe.load,
        "ruamel.yaml typ=rt (line numbers)": ruamel_rt.load,
    }
    print(f"{len(documents)} entry files, median of 5 runs")
    for name, parse in candidates.items():
        print(f"  {name:<36} {median_seconds(parse, documents) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
