"""``bulletin check``: load and validate entries, collect every problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bulletin.config import Project
from bulletin.diagnostics import Problem, unique_sorted
from bulletin.load import discover, load_all
from bulletin.model import Entry
from bulletin.validate import validate_files


@dataclass(frozen=True)
class CheckResult:
    entries: list[Entry]
    problems: list[Problem]
    file_count: int


def check(project: Project, paths: Sequence[Path] = ()) -> CheckResult:
    """Validate the entries below ``paths`` (default: the whole entries folder)."""
    files, loose = load_all(discover(project.entries_dir, project.root, paths))
    validated = validate_files(project, files)
    problems = unique_sorted([*loose, *validated.problems])
    return CheckResult(validated.entries, problems, len(files))
