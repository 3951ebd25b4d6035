"""Shared helpers for tests that build small projects on disk."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kaifeng"


def write_project(folder: Path, toml: str, entries: dict[str, str]) -> Path:
    """A project from a config text and ``{relative path: YAML text}``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bulletin.toml").write_text(toml, encoding="utf-8")
    for relative, text in entries.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


MINIMAL_TOML = """\
title = "测试周报{month_week}"
[[categories]]
key = "visits"
title = "走访调研"
[[categories]]
key = "casework"
title = "个案服务"
"""
