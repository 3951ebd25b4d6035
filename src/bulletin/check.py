"""``bulletin check``: load and validate entries, run the checks, collect every problem; and
the weeks there are."""

from __future__ import annotations

import gc
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from bulletin.cache import Cache, digest, file_version
from bulletin.config import Project
from bulletin.diagnostics import (
    EntryErrors,
    Location,
    Problem,
    Severity,
    UsageError,
    error,
    has_errors,
    silenced,
    unique_sorted,
    warning,
)
from bulletin.load import SourceFile, discover, entry_text, parse_bytes, read_entry_bytes
from bulletin.model import Entry
from bulletin.textfile import NotUtf8, decode
from bulletin.validate import PhotoFiles, PhotoLookup, Validated, validate_files
from bulletin.weeks import WeekId, parse_week_number, week_53_of
from bulletin.write import shown_path


@dataclass(frozen=True)
class CheckResult:
    entries: list[Entry]  # empty when they were not asked for (``check(with_entries=False)``)
    problems: list[Problem]
    file_count: int
    entry_count: int
    # Everything the result depends on (``cache.py``): None without a cache, or when a file
    # could not be read whole.
    key: bytes | None = None


def check(
    project: Project,
    paths: Sequence[Path] = (),
    today: date | None = None,
    strict: bool = False,
    cache: Cache | None = None,
    with_entries: bool = True,
) -> CheckResult:
    """Validate and check the entries below ``paths`` (default: the whole entries folder).

    ``[check] ignore`` silences warnings project-wide; ``strict`` makes the rest errors.
    ``cache`` spares the work its folder already holds; without ``with_entries`` (only the
    problems and the counts are wanted) an unchanged project is answered from it alone.
    The whole project's check also compiles its own templates, which a build would use.
    """
    _refuse_unusable_paths(project, paths)
    entries = project.entries_dir.resolve()
    whole = not paths or any(entries.is_relative_to(path.resolve()) for path in paths)
    if whole and not project.entries_dir.is_dir():  # a mistyped entries_dir checks nothing
        folder = project.config.entries_dir
        raise UsageError([error(Location(folder, 0, 0), "E-no-entries-folder", folder=folder)])
    if whole:  # check . is check: the templates and build/ are no entries (W-not-entry)
        paths = ()
    scope = None if whole else Scope.of(project, paths)
    if scope is not None and scope.is_everything(paths):
        scope = None  # whole weeks (build's): nothing to leave out
    with collector_paused():
        folders = scope.folders if scope is not None else paths
        run = start_check(project, folders, today or date.today(), cache)
        if scope is not None:
            scope.find_photos(run.files)
        result = run.finish(strict, with_entries, scope)
    if not whole:
        return result
    templates = apply_policy(project, template_problems(project), strict)
    problems = sorted([*result.problems, *templates], key=Problem.sort_key)
    return replace(result, problems=problems)


def template_problems(project: Project) -> list[Problem]:
    """The project's template overrides, compiled (a few files; nothing without a templates
    folder): what would stop a build, found before it, and blocks that show nowhere."""
    if not project.templates_dir.is_dir():
        return []
    from bulletin.render import make_environment
    from bulletin.template_problems import override_problems

    return override_problems(make_environment(project.templates_dir), project.templates_dir)


@dataclass
class Scope:
    """The files and folders given to ``check``. Those in a week's folder are checked with
    the rest of their week (a duplicate of an entry elsewhere in it is found), and what is
    found of theirs alone is reported; a photo given stands for the entry files of its week
    that name it."""

    folders: list[Path]  # what is read: each week that a path given lies in, whole
    given: list[str]  # the entry files and folders given, relative to the project root
    photos: dict[str, Path]  # the photos given, relative → path

    @classmethod
    def of(cls, project: Project, paths: Sequence[Path]) -> Scope:
        from bulletin.load import IMAGE_SUFFIXES, PHONE_PHOTO_SUFFIXES

        weeks = week_folders(project)
        entries = project.entries_dir.resolve()
        folders: dict[Path, None] = {}
        given, photos = [], {}
        for path in paths:
            real = path.resolve()
            parts = real.relative_to(entries).parts if real.is_relative_to(entries) else ()
            week = WeekId.parse(parts[0]) if parts else None
            folders.update(dict.fromkeys(weeks.get(week, [path]) if week else [path]))
            if real.is_file() and real.suffix.lower() in (*IMAGE_SUFFIXES, *PHONE_PHOTO_SUFFIXES):
                photos[project.relative(real)] = real
            else:
                given.append(project.relative(real))
        return cls(list(folders), given, photos)

    def is_everything(self, paths: Sequence[Path]) -> bool:
        """Whether the paths given are the folders read (whole weeks)."""
        return not self.photos and {p.resolve() for p in paths} >= {
            p.resolve() for p in self.folders
        }

    def find_photos(self, files: Sequence[_EntryFile]) -> None:
        """The entry files that name a photo given (its name is written in them, not as the
        end of a longer name: 11.jpg does not name 1.jpg)."""
        for relative, path in list(self.photos.items()):
            # Not after a letter, digit, dot, dash or a byte of a Chinese character.
            name = re.compile(rb"(?<![\w.\-\x80-\xff])" + re.escape(path.name.encode()))
            naming = [f.source.relative for f in files if f.raw is not None and name.search(f.raw)]
            self.given += naming
            if naming:
                del self.photos[relative]

    def holds(self, relative: str) -> bool:
        return any(relative == path or relative.startswith(f"{path}/") for path in self.given)

    def concerns(self, problem: Problem) -> bool:
        """A problem in a file given, in a folder above one (a week's), or a duplicate
        elsewhere of one of its entries (reported at the later of the two)."""
        where = problem.location.path
        if self.holds(where) or any(path.startswith(f"{where}/") for path in self.given):
            return True
        from bulletin.checks.duplicates import repeated_file  # the rules load only when run

        repeated = repeated_file(problem)
        return repeated is not None and self.holds(repeated)

    def unnamed_photos(self) -> list[Problem]:
        """The photos given that no entry file of their week names: nothing of them was
        checked, and none is published."""
        return [warning(Location(relative, 0, 0), "W-image-unused") for relative in self.photos]


def start_check(
    project: Project, paths: Sequence[Path], today: date, cache: Cache | None = None
) -> CheckRun:
    """The files found and read, each with what the cache kept of it if it is unchanged."""
    found = list(discover(project.entries_dir, project.root, paths))
    loose = [item for item in found if isinstance(item, Problem)]
    max_bytes = project.config.check.max_entry_bytes
    hashed = cache is not None and cache.enabled  # the hashes are the cache's keys alone
    files = []
    for source in (item for item in found if isinstance(item, SourceFile)):
        raw = read_entry_bytes(source, max_bytes)
        files.append(_EntryFile(source, raw, digest(raw) if hashed and raw is not None else None))
    return CheckRun(project, paths, today, cache, files, loose)


@dataclass
class _EntryFile:
    source: SourceFile
    raw: bytes | None  # None when it could not be read whole (the problem is on ``source``)
    content: bytes | None  # the hash of ``raw``, when there is a cache to key


@dataclass(frozen=True)
class _CachedFile:
    """What the cache knows of a file's validation: valid while the file's bytes hash to
    ``content`` and each photo it named is found where and as it was. The validation itself
    (entries and problems) is kept apart, and read only when it is used."""

    content: bytes
    photos: frozenset[PhotoLookup]


# Two tables per week folder (an archive's run over one week reads that week's only): what is
# known of each file, and its validation, read only when it is used.
_FILES_CACHE, _VALIDATED_CACHE = "files", "validated"
# relative path → (content, the pickled (source, Validated))
_Payloads = dict[str, tuple[bytes, bytes]]


class CheckRun:
    """A check whose files are read: ``key`` tells, before any parsing, whether nothing it
    depends on changed since the cache was written; ``finish`` does the rest."""

    def __init__(
        self,
        project: Project,
        paths: Sequence[Path],
        today: date,
        cache: Cache | None,
        files: list[_EntryFile],
        loose: list[Problem],
    ) -> None:
        self.project = project
        self.paths = paths
        self.today = today
        self.cache = cache if cache is not None and cache.enabled else None
        self.files = files
        self.loose = loose
        self.photos = PhotoFiles(project.root)
        self.folders = sorted({self._folder_of(file.source.relative) for file in files})
        self.kept: dict[str, _CachedFile] = {}
        for folder in self.folders:
            self.kept.update(self._load(_FILES_CACHE, folder))
        unchanged = {
            file.source.relative: record
            for file in files
            if (record := self.kept.get(file.source.relative)) is not None
            and record.content == file.content
        }
        asked = frozenset().union(*(record.photos for record in unchanged.values()))
        moved = {lookup for lookup in asked if not self.photos.still(lookup)}
        self.reused = {
            relative: record
            for relative, record in unchanged.items()
            if not (moved and record.photos & moved)
        }

    @cached_property
    def key(self) -> bytes | None:
        """Everything the check's result depends on, while every file is as the cache kept it
        (made once: it reads the version of every photo)."""
        if self.cache is None or len(self.reused) < len(self.files):
            return None
        return self._key(self.reused)

    def finish(
        self, strict: bool, with_entries: bool = True, scope: Scope | None = None
    ) -> CheckResult:
        """Validate and check what changed; the entries are restored from the cache only
        when they are wanted or something changed. With a ``scope``, what concerns the
        files given to ``check``, and their entries alone."""
        given = (scope.given, sorted(scope.photos)) if scope is not None else None
        name = f"check-{digest(self.paths, given).hex()}"
        key = self.key
        # The problems and the number of entries, as kept for the same inputs.
        kept = self.cache.fetch(name, key) if self.cache is not None and key else None
        entries: list[Entry] = []
        if kept is None or with_entries:
            validated, records = self._validated()
            if self.cache is not None and records != self.reused:
                key = self._key(records)
            entries = validated.entries
        if scope is not None:
            entries = [entry for entry in entries if scope.holds(entry.places.source.relative)]
        if kept is None:
            checked = self._checked(validated.entries)
            found = unique_sorted([*self.loose, *validated.problems, *checked])
            if scope is not None:
                found = [*filter(scope.concerns, found), *scope.unnamed_photos()]
            kept = found, len(entries)
            if self.cache is not None and key is not None:
                self.cache.keep(name, key, kept)
        problems, count = cast(tuple[list[Problem], int], kept)
        files = len(self.files)
        if scope is not None:
            files = sum(scope.holds(file.source.relative) for file in self.files)
        return CheckResult(entries, apply_policy(self.project, problems, strict), files, count, key)

    def _validated(self) -> tuple[Validated, dict[str, _CachedFile]]:
        """Every file's entries and problems, in path order: from the cache when it is
        unchanged, else parsed (all first, then validated) and kept for the next run."""
        payloads: _Payloads = {}
        for folder in {self._folder_of(relative) for relative in self.reused}:
            payloads.update(self._load(_VALIDATED_CACHE, folder))
        records = {
            relative: record
            for relative, record in self.reused.items()
            if payloads.get(relative, (b"",))[0] == record.content
        }
        for file in self.files:
            if file.raw is not None and file.source.relative not in records:
                parse_bytes(file.source, file.raw)
                file.raw = None  # the text holds it now
        result = Validated()
        added: _Payloads = {}
        unchanged = len(records) == len(self.files)  # then nothing is stored again
        for file in self.files:
            relative = file.source.relative
            if relative in records:
                kept = payloads.pop(relative) if unchanged else payloads[relative]
                source, part = pickle.loads(kept[1])
                source.text = _text(file.raw)
                file.raw = None
            else:
                asked = len(self.photos.asked)
                part = validate_files(self.project, [file.source], self.photos)
                # The parsed data was for validation: what comes later reads it again from
                # the text, if ever (a province's week holds it twice otherwise).
                file.source.data = None
                if self.cache is not None and file.content is not None:
                    records[relative] = _CachedFile(
                        file.content, self.photos.lookups(self.photos.asked[asked:])
                    )
                    validated = pickle.dumps((file.source, part), pickle.HIGHEST_PROTOCOL)
                    added[relative] = (file.content, validated)
            result.entries += part.entries
            result.problems += part.problems
        if added:
            self._keep(records, payloads, added)
        return result, records

    def _checked(self, entries: list[Entry]) -> list[Problem]:
        """The checks after validation; what they found in the files that did not change
        since the last run is taken from it, and what they find is kept for the next."""
        scope = digest(self.paths).hex()
        # Imported here: the rules' patterns take a while to compile.
        from bulletin.checks import Checked, run_checks
        from bulletin.checks.context import CheckContext

        contents = {
            file.source.relative: file.content for file in self.files if file.content is not None
        }
        earlier: Checked | None = None
        if self.cache is not None:
            earlier = self.cache.fetch(f"checked-{scope}", self.cache.fingerprint)
        context = CheckContext.of(self.project, self.today)
        checked = run_checks(context, entries, contents, earlier)
        if self.cache is not None:
            self.cache.keep(f"checked-{scope}", self.cache.fingerprint, checked)
        return checked.problems

    def _key(self, records: dict[str, _CachedFile]) -> bytes | None:
        assert self.cache is not None
        if any(file.content is None for file in self.files):
            return None
        answers = sorted(frozenset().union(*(record.photos for record in records.values())))
        photos = [
            (path, file_version(Path(path))) for _, _, path, refused, _ in answers if not refused
        ]
        names_file = self.project.names_file
        return digest(
            self.cache.fingerprint,
            self.today,
            self.paths,
            [(file.source.relative, file.content) for file in self.files],
            self.loose,
            answers,
            photos,
            file_version(names_file) if names_file else None,
        )

    def _folder_of(self, relative: str) -> str:
        """The week folder (below the entries folder) a file is in; "" for any other."""
        prefix = self.project.config.entries_dir.strip("/") + "/"
        parts = relative.removeprefix(prefix).split("/") if relative.startswith(prefix) else []
        return parts[0] if len(parts) > 1 else ""

    def _whole(self, folder: str) -> bool:
        """Whether this run sees every file of ``folder``: then files that are gone are
        dropped from its tables, else they are kept."""
        if not self.paths:
            return True
        seen = self.project.entries_dir.joinpath(folder).resolve()
        return any(seen.is_relative_to(path.resolve()) for path in self.paths)

    def _load(self, table: str, folder: str) -> dict[str, Any]:
        """A folder's table, if it was made by this code for this project."""
        if self.cache is None:
            return {}
        kept = self.cache.fetch(_table_name(table, folder), self.cache.fingerprint)
        return cast(dict[str, Any], kept) if kept is not None else {}

    def _keep(self, records: dict[str, _CachedFile], payloads: _Payloads, added: _Payloads) -> None:
        """The tables of each folder with a new or changed file."""
        assert self.cache is not None
        for folder in sorted({self._folder_of(relative) for relative in added}):
            index = {
                relative: record
                for relative, record in records.items()
                if self._folder_of(relative) == folder
            }
            kept: _Payloads = {}
            if not self._whole(folder):
                index = {
                    **{r: c for r, c in self.kept.items() if self._folder_of(r) == folder},
                    **index,
                }
                kept = self._load(_VALIDATED_CACHE, folder)
            kept.update(
                {relative: payloads[relative] for relative in index if relative in payloads}
            )
            kept.update({relative: added[relative] for relative in index if relative in added})
            kept = {relative: kept[relative] for relative in index if relative in kept}
            self.cache.keep(_table_name(_VALIDATED_CACHE, folder), self.cache.fingerprint, kept)
            self.cache.keep(_table_name(_FILES_CACHE, folder), self.cache.fingerprint, index)


def _table_name(table: str, folder: str) -> str:
    return f"{table}-{digest(folder).hex()}"


def _text(raw: bytes | None) -> str:
    """The text ``parse_bytes`` would give the file: none when it is not UTF-8 text."""
    try:
        return entry_text(decode(raw)) if raw is not None else ""
    except NotUtf8:
        return ""


def _refuse_unusable_paths(project: Project, paths: Sequence[Path]) -> None:
    """A mistyped path must not make CI check nothing and pass; a path outside the project is
    not walked (``check /`` would read the whole disk)."""
    root = project.root.resolve()
    problems = [
        error(Location.command_line(shown_path(path)), "E-no-such-path")
        if not path.exists()
        else error(Location.command_line(shown_path(path)), "E-path-outside")
        for path in paths
        if not path.exists() or not path.resolve().is_relative_to(root)
    ]
    if problems:
        raise UsageError(problems)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a run makes its many small objects.

    Those objects hold no cycles (reference counting frees them), but the collector would
    walk all that live so far again and again as they accumulate: validation got slower
    per entry as weeks grew. Afterwards they are frozen (left out of later collections, which
    would otherwise walk them all once more) and the collector is on again, as it was; a
    long-lived process (``serve``) hands the previous run's objects back to it first.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def apply_policy(project: Project, problems: Iterable[Problem], strict: bool) -> list[Problem]:
    """``[check] ignore`` silences warnings project-wide; ``strict`` makes the rest errors."""
    ignored = set(project.config.check.ignore)
    return [
        replace(problem, severity=Severity.ERROR) if strict else problem
        for problem in problems
        if not silenced(problem.code, ignored)
    ]


def week_folders(project: Project) -> dict[WeekId, list[Path]]:
    """Every week that has a folder of entries (``2022-W47``; ``2022-w47`` is the same week)."""
    found: defaultdict[WeekId, list[Path]] = defaultdict(list)
    if project.entries_dir.is_dir():
        for path in sorted(project.entries_dir.iterdir()):
            week = WeekId.parse(path.name)
            if week is not None and path.is_dir():
                found[week].append(path)
    return dict(found)


@dataclass(frozen=True)
class Unfiled:
    """Entry files in no week's folder, in one folder (or a file) of the entries folder."""

    path: str  # relative to the project root, as problems name it
    files: int


def unfiled(project: Project) -> list[Unfiled]:
    """What of the entries folder no week's bulletin takes: ``check`` reports each file, while
    a build or a count of one week would otherwise leave them out without a word."""
    found = []
    if project.entries_dir.is_dir():
        for path in sorted(project.entries_dir.iterdir()):
            if path.name.startswith(".") or (path.is_dir() and WeekId.parse(path.name)):
                continue
            files = entry_file_count(project, [path])
            if files:
                found.append(Unfiled(project.relative(path), files))
    return found


def entry_file_count(project: Project, paths: Sequence[Path]) -> int:
    """How many entry files lie below ``paths``, as ``check`` would find them."""
    found = discover(project.entries_dir, project.root, paths)
    return sum(isinstance(item, SourceFile) for item in found)


def unfiled_warnings(project: Project, strict: bool = False) -> list[Problem]:
    """``unfiled`` as warnings (errors with ``strict``, raised)."""
    problems = apply_policy(
        project,
        [
            warning(Location(item.path, 0, 0), "W-unfiled", files=item.files)
            for item in unfiled(project)
        ],
        strict,
    )
    if has_errors(problems):
        raise EntryErrors(problems)
    return problems


def no_weeks(project: Project) -> Problem:
    folder = project.config.entries_dir
    return error(Location(folder, 0, 0), "E-no-weeks", folder=folder)


def check_week(
    project: Project, week: WeekId, strict: bool = False, today: date | None = None
) -> tuple[list[Entry], list[Problem]]:
    """The week's entries and the problems of its folders; other weeks are not read."""
    folders = week_folders(project).get(week)
    if not folders:
        return [], []
    return of_week(check(project, folders, today, strict), week)


def of_week(result: CheckResult, week: WeekId) -> tuple[list[Entry], list[Problem]]:
    """The entries of ``week`` (its folders may hold files of no week) and every problem."""
    return [entry for entry in result.entries if entry.week == week], result.problems


def resolve_week(
    project: Project, spec: str, today: date, not_after: WeekId | None = None
) -> WeekId:
    """``2022-W47`` as written; ``47``/``week-47`` in the latest year that has that week's folder
    (not after ``not_after`` when given), else the current year (or the one before ``not_after``)."""
    week = WeekId.parse(spec)
    if week is not None:
        return week
    number = parse_week_number(spec)
    named = spec  # the week the problem names: 53 with the year it was read in
    if number is not None:
        years = sorted(
            found.year
            for found in week_folders(project)
            if found.week == number and (not_after is None or found <= not_after)
        )
        if years:
            year = years[-1]
        elif not_after is not None:
            year = not_after.year - (number > not_after.week)
        else:
            year = today.year
        try:
            return WeekId(year, number)
        except ValueError:
            named = f"{year}-W{number}"
    year_of_52 = week_53_of(named)
    if year_of_52 is not None:
        where = Location.command_line()
        raise UsageError([error(where, "E-week-53", value=named, year=year_of_52)])
    raise UsageError([error(Location.command_line(), "E-week-spec", value=spec)])
