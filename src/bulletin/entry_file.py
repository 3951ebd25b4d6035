"""Writing entry files for workers: the YAML text, where it goes, and checking it first.

``bulletin new`` and ``bulletin import`` both turn an ``EntryDraft`` into a file. The text is
made with ruamel.yaml (fields in a fixed order, the body as a ``|`` block), then parsed and
validated by the same pipeline as ``bulletin check`` before anything is written, so a written
file always passes the check.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bulletin.cache import Cache
from bulletin.check import check, week_folders
from bulletin.checks import run_checks
from bulletin.checks.context import CheckContext
from bulletin.checks.duplicates import repeated_file
from bulletin.config import Project, ProjectConfig
from bulletin.diagnostics import Location, Problem
from bulletin.load import SourceFile, parse_text, reads_as_itself
from bulletin.validate import Validated, validate_files
from bulletin.weeks import WeekId, reporting_week_of

SCHEMA_NAME = "bulletin.schema.json"
CITY_WIDE_FOLDER = "全市"
_UNSAFE_IN_NAME = re.compile(r"[\\/:*?\"<>|\s#%&{}$!'@+`=,;，；：、。！？“”‘’（）()\[\]]+")
_NAME_LENGTH = 24

StatValue = int | float | str
Locator = Callable[[Sequence[str | int], bool], Location]


@dataclass(frozen=True)
class EntryDraft:
    """One activity ready to be written: the fields of an entry file, already resolved."""

    category: str
    body: str
    day: date
    station: str | None = None
    district: str | None = None
    org: str | None = None
    end: date | None = None
    time: str | None = None
    title: str | None = None
    images: tuple[str, ...] = ()  # relative to the entry file's folder
    stats: tuple[tuple[str, StatValue], ...] = field(default=())

    @property
    def place(self) -> str:
        """The folder below the week: the station, else the district, else city-wide."""
        return self.station or self.district or CITY_WIDE_FOLDER

    def stem(self, config: ProjectConfig) -> str:
        """The start of the file's name: the day, then the title, else the category's title."""
        category = config.category_for(self.category)
        label = self.title or (category.title if category else self.category)
        return f"{self.day.isoformat()}-{safe_name(label)}"


def stat_value(text: str) -> StatValue:
    """A figure as YAML should hold it: ``45`` and ``462.5`` as numbers, ``150余`` as text."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def entry_folder(project: Project, draft: EntryDraft) -> Path:
    """``entries/<YYYY-Www>/<station>/``, the week counted from the project's ``week_start``."""
    week = reporting_week_of(draft.day, project.config.week_start).id
    return project.entries_dir / str(week) / safe_name(draft.place)


def safe_name(text: str) -> str:
    """A file-name part that every system and every chat app keeps intact."""
    cleaned = _UNSAFE_IN_NAME.sub("-", text).strip("-.")
    return cleaned[:_NAME_LENGTH].rstrip("-.") or "entry"


def link_from(folder: Path, path: Path) -> str:
    """``path`` as an entry file in ``folder`` refers to it (images are relative to the file)."""
    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


def entry_text(draft: EntryDraft, folder: Path, project: Project) -> str:
    """The YAML of one entry file, with the schema comment when the project has a schema."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    def scalar(text: str) -> str:
        text = text.strip()
        return text if reads_as_itself(text) else DoubleQuotedScalarString(text)

    data = CommentedMap()
    for key, value in (
        ("station", draft.station),
        ("district", draft.district),
        ("org", draft.org),
        ("category", draft.category),
    ):
        if value:
            data[key] = scalar(value)
    data["date"] = draft.day
    if draft.end:
        data["end"] = draft.end
    for key, value in (("time", draft.time), ("title", draft.title)):
        if value:
            data[key] = scalar(value)
    body = "\n".join(line.rstrip() for line in draft.body.strip().splitlines())
    data["body"] = LiteralScalarString(body + "\n")
    if draft.images:
        data["images"] = [scalar(image) for image in draft.images]
    if draft.stats:
        data["stats"] = CommentedMap(
            (key, scalar(value) if isinstance(value, str) else value) for key, value in draft.stats
        )

    writer = YAML()
    writer.width = 4096  # never fold a long title or station onto a second line
    writer.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    schema = project.root / SCHEMA_NAME
    if schema.is_file():
        reference = link_from(folder, schema)
        stream.write(f"# yaml-language-server: $schema={reference}\n")
    writer.dump(data, stream)
    return stream.getvalue()


def validate_text(
    project: Project,
    path: Path,
    text: str,
    locate: Locator | None = None,
    today: date | None = None,
    checks: CheckContext | None = None,
) -> Validated:
    """Check ``text`` as if it were the file ``path``, through the same steps as ``check``,
    so that what is written passes ``bulletin check``: its errors come back (its warnings are
    found by ``written_warnings`` once it is written, among the rest of its week).

    ``locate`` places problems somewhere else than in the text (a spreadsheet cell);
    ``checks`` is what the checks read besides the entries, when many texts share it.
    """
    folder = path.parent.relative_to(project.entries_dir).parts[0]
    source: SourceFile = (
        SourceFile(path, project.relative(path), WeekId.parse(folder))
        if locate is None
        else _Relocated(path, project.relative(path), WeekId.parse(folder), locator=locate)
    )
    validated = validate_files(project, [parse_text(source, text)])
    checks = checks or CheckContext.of(project, today or date.today())
    checked = run_checks(checks, validated.entries).problems
    validated.problems.extend(problem for problem in checked if problem.is_error)
    return validated


def written_warnings(
    project: Project, paths: Sequence[Path], today: date, cache: Cache | None = None
) -> list[Problem]:
    """What ``bulletin check`` says of files just written, checked with the rest of their
    weeks: the problems in them, and a duplicate elsewhere of one of them (a duplicate is
    reported at whichever of the two comes later in path order, naming the other)."""
    if not paths:
        return []
    weeks = week_folders(project)
    folders: set[Path] = set()
    for path in paths:
        folder = project.entries_dir / path.relative_to(project.entries_dir).parts[0]
        week = WeekId.parse(folder.name)
        folders.update(weeks.get(week, [folder]) if week is not None else [folder])
    written = {project.relative(path) for path in paths}
    checked = check(project, sorted(folders), today, cache=cache, with_entries=False)
    return [problem for problem in checked.problems if _concerns(problem, written)]


def _concerns(problem: Problem, written: set[str]) -> bool:
    return problem.location.path in written or repeated_file(problem) in written


@dataclass
class _Relocated(SourceFile):
    locator: Locator | None = None

    def locate(self, path: Sequence[str | int], at_key: bool = False) -> Location:
        assert self.locator is not None
        return self.locator(path, at_key)
