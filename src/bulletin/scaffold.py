"""``bulletin init [DIR]``: a new project that passes ``bulletin check`` as it is.

The files come from ``project_template/`` inside the package, so what a new project gets
can be read and reviewed as plain text. An existing project is never touched; in a folder
that already has a ``.gitignore`` (a git repository) the missing lines are added to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from importlib import resources
from pathlib import Path

from bulletin.config import CONFIG_NAME
from bulletin.diagnostics import Location, UsageError, error
from bulletin.write import write_file

GUIDE_NAME = "填写说明.md"
GITIGNORE_NAME = ".gitignore"
# Kept in the otherwise empty entries folder so that git records the folder.
KEEP_NAME = ".gitkeep"


class Outcome(str, Enum):
    CREATED = "created"
    UPDATED = "updated"
    KEPT = "kept"


@dataclass(frozen=True)
class ScaffoldedFile:
    path: Path
    outcome: Outcome


def init_project(folder: Path) -> list[ScaffoldedFile]:
    """Write a project into ``folder`` (created if missing); refuse if it already is one."""
    config = folder / CONFIG_NAME
    if config.exists():
        raise UsageError([error(Location(config.as_posix()), "E-init-exists")])
    if folder.exists() and not folder.is_dir():
        where = Location(folder.as_posix())
        raise UsageError([error(where, "E-init-not-folder", path=folder.as_posix())])
    template = resources.files("bulletin") / "project_template"
    entries = folder / "entries"
    entries.mkdir(parents=True, exist_ok=True)
    results = [
        _create(entries / KEEP_NAME, ""),
        _create(folder / GUIDE_NAME, (template / GUIDE_NAME).read_text(encoding="utf-8")),
        _merge_lines(folder / GITIGNORE_NAME, (template / "gitignore").read_text(encoding="utf-8")),
    ]
    # The config last: until it exists the folder is not a project, so an interrupted
    # init can simply be run again.
    results.append(_create(config, (template / CONFIG_NAME).read_text(encoding="utf-8")))
    return results


def _create(path: Path, text: str) -> ScaffoldedFile:
    return ScaffoldedFile(path, Outcome.CREATED if write_file(path, text) else Outcome.KEPT)


def _merge_lines(path: Path, text: str) -> ScaffoldedFile:
    """Append the template's lines that an existing file lacks (comments come with their rule)."""
    if not path.exists():
        return _create(path, text)
    with path.open(encoding="utf-8", newline="") as file:  # its own line ends, kept
        current = file.read()
    newline = "\r\n" if "\r\n" in current else "\n"
    present = {line.strip() for line in current.splitlines()}
    missing: list[str] = []
    comment: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            comment.append(line)
        elif line.strip() and line.strip() not in present:
            missing.extend([*comment, line])
            comment = []
        else:
            comment = []
    if not missing:
        return ScaffoldedFile(path, Outcome.KEPT)
    separator = "" if current.endswith("\n") or not current else newline
    write_file(path, current + separator + newline.join(missing) + newline, replace=True)
    return ScaffoldedFile(path, Outcome.UPDATED)
