"""``bulletin build WEEK``: check → select the week → group → render → write.

Reads top to bottom as the pipeline it is; any error stops before anything is written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import cast

from bulletin.archive import (
    FIGURES_FILE,
    ArchivedWeek,
    dumps,
    foreign_index_files,
    index_inputs,
    index_texts,
    week_json,
    write_index_texts,
)
from bulletin.cache import Cache, digest
from bulletin.check import (
    CheckResult,
    apply_policy,
    check_week,
    collector_paused,
    entry_file_count,
    no_weeks,
    of_week,
    resolve_week,
    start_check,
    unfiled_warnings,
    week_folders,
)
from bulletin.compile import IMAGES_FOLDER, CompiledBulletin, compile_bulletin
from bulletin.config import Project
from bulletin.dates import DateTextError, parse_date_text, week_span
from bulletin.diagnostics import (
    EntryErrors,
    Interrupted,
    Location,
    OutputError,
    Problem,
    UsageError,
    error,
    has_errors,
)
from bulletin.images import prepare_images
from bulletin.render import FORMATS, RenderContext, WeChatFormat
from bulletin.theme import BUILTIN_THEMES
from bulletin.view import BulletinView
from bulletin.weeks import ReportingWeek, WeekId, reporting_week
from bulletin.write import output_lock, reporting_failure, shown_path, write_folder

DEFAULT_FORMATS = ("md", "html")


@dataclass(frozen=True)
class BuiltBulletin:
    """What is said of a built bulletin. Not its whole view: a warm build takes this from
    the cache, where a province's week of entries would take longer to restore than to write."""

    week: str
    sections: int
    entries: int

    @classmethod
    def of(cls, view: BulletinView) -> BuiltBulletin:
        return cls(view.week, len(view.sections), view.entry_count)


@dataclass(frozen=True)
class BuildResult:
    week: ReportingWeek
    bulletin: BuiltBulletin
    folder: Path
    written: list[Path]
    warnings: list[Problem]
    index: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class FailedWeek:
    week: WeekId
    problems: list[Problem]


@dataclass(frozen=True)
class ArchiveResult:
    built: list[BuildResult]
    failed: list[FailedWeek]  # left as they were: their errors are in ``problems``
    index: list[Path]
    warnings: list[Problem]


# Called after each week of a long run with (what was done, how many done, how many in all).
Progress = Callable[[str, int, int], None]


def build(
    project: Project,
    week_spec: str,
    formats: Sequence[str] = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    today: date | None = None,
    strict: bool = False,
    theme: str | None = None,
    cache: Cache | None = None,
    published: str | None = None,
) -> BuildResult:
    """Build one week, then refresh the archive index from every week built so far.

    The week's warnings come back in the result; ``strict`` makes them errors that stop it.
    ``theme`` names a built-in theme in place of the project's (``--theme``). ``cache``
    spares what its folder already holds (the same files either way). ``published`` is the
    date printed under the title, as written (``--date``; see ``publication_date``).
    """
    today, week_id, generated_on = _dated_week(project, week_spec, today, published)
    context = render_context(project, theme)
    out_root = output_root(project, out_dir)
    refuse_foreign(out_root, [week_id])
    refuse_protected(out_root, [week_id])
    folders = week_folders(project).get(week_id, [])
    prepared = _with_unfiled(
        project,
        strict,
        lambda: _prepare_week(
            project, week_id, folders, formats, context, strict, cache, theme, today, generated_on
        ),
    )
    written: list[BuildResult] = []
    with output_lock(out_root):
        index, warnings = _write_index(project, out_root, context, cache, written, prepared)
    result = written[0]
    return dataclasses.replace(result, index=index, warnings=[*result.warnings, *warnings])


def preview_week(
    project: Project,
    week_spec: str,
    cache: Cache | None = None,
    today: date | None = None,
    published: str | None = None,
) -> tuple[PreparedWeek, list[Problem]]:
    """The week's folder as ``build`` writes it in every format, held in memory (``serve``):
    its files and warnings; errors are raised. A WeChat article over its limits (a large
    week) does not hide the page: the week comes without the article, with its errors."""
    today, week_id, generated_on = _dated_week(project, week_spec, today, published)
    folders = week_folders(project).get(week_id, [])
    context = render_context(project)

    def prepared(formats: Sequence[str]) -> PreparedWeek:
        return _with_unfiled(
            project,
            False,
            lambda: _prepare_week(
                project, week_id, folders, formats, context, False, cache, None, today, generated_on
            ),
        )

    try:
        return prepared(tuple(FORMATS)), []
    except EntryErrors as failed:
        errors = [problem for problem in failed.problems if problem.is_error]
        if not all(problem.code.startswith(_ARTICLE_CODES) for problem in errors):
            raise
    return prepared(DEFAULT_FORMATS), errors


# The errors of the WeChat article alone (its length, its tags), not of the entries.
_ARTICLE_CODES = "E-wechat-"


def _with_unfiled(
    project: Project, strict: bool, prepare: Callable[[], PreparedWeek]
) -> PreparedWeek:
    """A week's folder, its problems led by those of entries filed in no week's folder."""
    unfiled = unfiled_warnings(project, strict)
    try:
        prepared = prepare()
    except EntryErrors as failed:  # a week with no entries may have them in a misnamed folder
        raise EntryErrors([*unfiled, *failed.problems]) from None
    return dataclasses.replace(prepared, warnings=[*unfiled, *prepared.warnings])


def build_all(
    project: Project,
    formats: Sequence[str] = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    theme: str | None = None,
    cache: Cache | None = None,
) -> ArchiveResult:
    """Build every week that has a folder of entries, and the index of them all.

    A week with errors is not built (its previous output stays) and the others still are,
    so one late or broken submission never holds back the whole archive.
    """
    folders = week_folders(project)
    # A folder made ahead for a week to come holds nothing to build yet, and is no error.
    weeks = sorted(week for week, paths in folders.items() if entry_file_count(project, paths))
    unfiled = unfiled_warnings(project, strict)
    if not weeks:  # the only entries may be in a misnamed folder: say where
        raise EntryErrors([*unfiled, no_weeks(project)])
    today = date.today()
    context = render_context(project, theme)
    out_root = output_root(project, out_dir)
    refuse_foreign(out_root, weeks)
    refuse_protected(out_root, weeks)
    dated = _source_date()  # --date is one week's: an archive is dated by SOURCE_DATE_EPOCH only
    built: list[BuildResult] = []
    failed: list[FailedWeek] = []
    with _telling_what_was_written(built):
        for done, week in enumerate(weeks, start=1):
            try:
                prepared = _prepare_week(
                    project,
                    week,
                    folders[week],
                    formats,
                    context,
                    strict,
                    cache,
                    theme,
                    today,
                    dated,
                )
            except EntryErrors as exc:
                failed.append(FailedWeek(week, exc.problems))
            else:
                with output_lock(out_root):
                    built.append(_write_week(prepared, out_root))
            if progress is not None:
                progress(str(week), done, len(weeks))
        with output_lock(out_root):
            index, warnings = _write_index(project, out_root, context, cache, built)
    return ArchiveResult(built, failed, index, [*unfiled, *warnings])


def _write_index(
    project: Project,
    out_root: Path,
    context: RenderContext,
    cache: Cache | None,
    written: list[BuildResult],
    week: PreparedWeek | None = None,
) -> tuple[list[Path], list[Problem]]:
    """The archive's index, rewritten, after the weeks already ``written``. ``week`` (a build
    of one week) is swapped into place once the index is written aside, before the index
    takes its name: a full disk then stops both, and nothing is written. The caller holds
    ``output_lock(out_root)``."""
    shown_root = project.relative(out_root)
    building = {} if week is None else {str(week.week.id): week.files[FIGURES_FILE]}
    texts, problems = _index_texts(
        project, index_inputs(out_root, building), shown_root, context, cache
    )

    def swap_week() -> None:
        if week is not None:
            written.append(_write_week(week, out_root))

    with _telling_what_was_written(written):
        return write_index_texts(out_root, texts, swap_week), problems


def _index_texts(
    project: Project,
    inputs: list[tuple[str, bytes | None]],
    shown_root: str,
    context: RenderContext,
    cache: Cache | None,
) -> tuple[dict[str, str], list[Problem]]:
    """The index files' texts; made again only when the weeks' figures changed."""
    if cache is None or not cache.enabled:
        return index_texts(project.config, inputs, shown_root, context.environment)
    key = digest(cache.fingerprint, context.templates_version, context.theme, shown_root, inputs)
    kept = cache.fetch("index", key)
    if kept is not None:
        return cast(tuple[dict[str, str], list[Problem]], kept)
    texts, problems = index_texts(project.config, inputs, shown_root, context.environment)
    cache.keep("index", key, (texts, problems))
    return texts, problems


@contextlib.contextmanager
def _telling_what_was_written(written: Sequence[BuildResult]) -> Iterator[None]:
    """A failure to write, or Ctrl-C, once weeks are ``written`` says which (the index may
    not list them as they are now), not that nothing was."""
    try:
        yield
    except OutputError as exc:
        if not written:
            raise
        raise OutputError(exc.problems, written=_weeks(written)) from None
    except KeyboardInterrupt:
        if not written:
            raise
        raise Interrupted(_weeks(written)) from None


def _weeks(written: Sequence[BuildResult]) -> tuple[str, ...]:
    return tuple(str(result.week.id) for result in written)


def compile_week(
    project: Project,
    week_spec: str,
    today: date | None = None,
    strict: bool = False,
    published: str | None = None,
) -> tuple[ReportingWeek, CompiledBulletin, list[Problem]]:
    """Check the week's entries, prepare their photos and arrange them; warnings come back,
    errors are raised. ``published``: as ``build`` takes it."""
    today, week_id, generated_on = _dated_week(project, week_spec, today, published)
    return _compile(project, week_id, today, strict, generated_on=generated_on)


def render_context(project: Project, theme: str | None = None) -> RenderContext:
    """The project's templates and theme (or the built-in ``theme`` with the project's own
    changes on top), and where the WeChat article's problems are reported."""
    if theme is not None and theme not in BUILTIN_THEMES:
        raise UsageError(
            [error(Location.command_line(), "E-theme", value=theme, choices=tuple(BUILTIN_THEMES))]
        )
    resolved = project.config.theme.resolve(theme)
    return RenderContext(
        templates_dir=project.templates_dir,
        theme=resolved,
        entries_dir=project.config.entries_dir,
        title_location=project.config_location("title"),
        digest_location=project.config_location("digest"),
    )


def render_formats(
    project: Project,
    compiled: CompiledBulletin,
    formats: Sequence[str],
    context: RenderContext | None = None,
    strict: bool = False,
) -> tuple[dict[str, str], list[Problem]]:
    """File name → text for each format, rendered with the project's templates first. A
    format's errors (a WeChat article over its limits) are raised; its warnings come back,
    under the same policy as the entries' (``[check] ignore``, ``strict``)."""
    context = context or render_context(project)
    texts: dict[str, str] = {}
    found: list[Problem] = []
    for name in formats:
        rendered = FORMATS[name].render(compiled.view, context)
        texts.update(rendered.texts)
        found += rendered.problems
    problems = apply_policy(project, found, strict)
    if has_errors(problems):
        raise EntryErrors(problems)
    return texts, problems


def output_root(project: Project, out_dir: Path | None = None) -> Path:
    """Where week folders go; never inside ``entries/`` or ``templates/``, which a build would
    replace (one mistyped ``--out entries`` must not swap a week of reports for a bulletin)."""
    root = out_dir or project.root / project.config.build_dir
    resolved = root.resolve()
    where = Location.command_line("--out") if out_dir else project.config_location("build_dir")
    for kept in (project.entries_dir, project.templates_dir):
        if resolved.is_relative_to(kept.resolve()):
            raise UsageError(
                [error(where, "E-out-folder", value=shown_path(root), kept=project.relative(kept))]
            )
    if project.root.resolve().is_relative_to(resolved):  # --out . (or .., ~, /)
        raise UsageError([error(where, "E-out-project", value=shown_path(root))])
    if root.exists() and not root.is_dir():  # --out bulletin.toml: the system says File exists
        raise UsageError([error(where, "E-out-file", value=shown_path(root))])
    return root


# What a build writes in a week's folder: each format's files, the figures, the photos (named
# by a hash, see images.py); and what a file manager leaves in a folder it has shown.
_WEEK_FILES = frozenset(
    {FIGURES_FILE, WeChatFormat.fragment_file, *(output.filename for output in FORMATS.values())}
)
_PHOTO_NAME = re.compile(r"[0-9a-f]{16}\.(?:jpg|png)")
_FILE_MANAGER_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def refuse_foreign(out_root: Path, weeks: Iterable[WeekId]) -> None:
    """Stop before anything is written when building ``weeks`` into ``out_root`` would
    replace or delete something bulletin did not write there."""

    def scan() -> list[Path]:
        found = [path for week in weeks for path in _foreign_in_week(out_root / str(week))]
        return found + foreign_index_files(out_root)

    found = reporting_failure(out_root, scan)  # a folder it may not read, it cannot write
    if found:
        raise UsageError(
            [error(Location.command_line(shown_path(path)), "E-out-foreign") for path in found]
        )


def refuse_protected(out_root: Path, weeks: Iterable[WeekId]) -> None:
    """Stop before anything is written when a week's folder (or its photos') is read-only:
    its files could not be removed once a new folder took its place, and the old copy would
    stay beside it, hidden, for good. Someone made it so, likely to keep it as published."""
    found = [
        shown_path(out_root / str(week))
        for week in weeks
        if any(
            _plain_folder(folder) and not os.access(folder, os.W_OK)
            for folder in (out_root / str(week), out_root / str(week) / IMAGES_FOLDER)
        )
    ]
    if found:
        raise OutputError(
            [error(Location.command_line(path), "E-write-protected", folder=path) for path in found]
        )


def _foreign_in_week(folder: Path) -> list[Path]:
    """What in a week's folder a build did not write: all of it when it is not a folder."""
    if not os.path.lexists(folder):
        return []
    if not _plain_folder(folder):
        return [folder]
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name == IMAGES_FOLDER and _plain_folder(path):
            found += [
                photo
                for photo in sorted(path.iterdir())
                if not _built(photo, _PHOTO_NAME.fullmatch)
            ]
        elif not _built(path, _WEEK_FILES.__contains__):
            found.append(path)
    return found


def _plain_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _built(path: Path, named: Callable[[str], object]) -> bool:
    """``path`` is a plain file ``named`` as a build names it, or a file manager's."""
    if path.name in _FILE_MANAGER_FILES:
        return True
    return bool(named(path.name)) and path.is_file() and not path.is_symlink()


def _compile(
    project: Project,
    week_id: WeekId,
    today: date,
    strict: bool = False,
    checked: CheckResult | None = None,
    generated_on: date | None = None,
) -> tuple[ReportingWeek, CompiledBulletin, list[Problem]]:
    """``checked``: the check of the week's folders, when it is done already;
    ``generated_on``: the date printed under the title."""
    week = reporting_week(week_id, project.config.week_start)
    if checked is None:
        entries, problems = check_week(project, week.id, strict, today)
    else:
        entries, problems = of_week(checked, week.id)
    if has_errors(problems):
        raise EntryErrors(problems)
    if not entries:
        raise EntryErrors([_no_entries(project, week)])
    images, image_problems = prepare_images(
        ((image.path, image.written.location) for entry in entries for image in entry.images),
        project.config.check.max_image_bytes,
    )
    if has_errors(image_problems):
        raise EntryErrors([*problems, *image_problems])
    compiled = compile_bulletin(project.config, week, entries, images, generated_on)
    return week, compiled, problems


@dataclass(frozen=True)
class PreparedWeek:
    """A week's folder as it will be written: rendered, not yet on disk."""

    week: ReportingWeek
    bulletin: BuiltBulletin
    files: dict[str, bytes]  # the rendered texts as written (UTF-8), and the photos
    warnings: list[Problem]


def _prepare_week(
    project: Project,
    week_id: WeekId,
    folders: Sequence[Path],
    formats: Sequence[str],
    context: RenderContext,
    strict: bool,
    cache: Cache | None,
    theme: str | None,
    today: date,
    generated_on: date | None,
) -> PreparedWeek:
    """One week's folder (``folders`` hold its entries): the bulletin in each format, its
    figures and its images; as the cache kept it when nothing it depends on changed.
    ``generated_on`` is the date under the title, if any."""
    with collector_paused():
        checked = start_check(project, folders, today, cache) if folders else None
        options = (str(week_id), tuple(formats), theme, strict, generated_on)
        name = f"build-{week_id}"
        if cache is not None and checked is not None and checked.key is not None:
            kept = cache.fetch(name, _build_key(context, checked.key, options))
            if kept is not None:
                return cast(PreparedWeek, kept)
        result = checked.finish(strict) if checked is not None else None
        del checked  # its files are the entries' now
        check_key = result.key if result is not None else None
        week, compiled, problems = _compile(project, week_id, today, strict, result, generated_on)
        # The view holds what is published of the entries: a province's week would hold
        # them twice while it is rendered and kept.
        del result
        converted = f"page-html-{week_id}"
        context.page_html.clear()  # a week's bodies at a time: an archive holds many weeks
        if cache is not None and "html" in formats:
            context.page_html.update(cache.fetch(converted, cache.fingerprint) or {})
        prepared = _render_week(week, compiled, problems, project, formats, context, strict)
        if cache is not None and "html" in formats:
            bodies = (entry.body for section in compiled.view.sections for entry in section.entries)
            cache.keep(converted, cache.fingerprint, {b: context.page_html[b] for b in bodies})
        context.page_html.clear()
        if cache is not None and check_key is not None:
            cache.keep(name, _build_key(context, check_key, options), prepared)
        return prepared


def _build_key(context: RenderContext, check_key: bytes, options: object) -> bytes:
    """What a week's rendered folder depends on: its check, the options of the build, and
    the project's own templates."""
    return digest(check_key, options, context.templates_version)


def _render_week(
    week: ReportingWeek,
    compiled: CompiledBulletin,
    problems: list[Problem],
    project: Project,
    formats: Sequence[str],
    context: RenderContext,
    strict: bool,
) -> PreparedWeek:
    try:
        texts, warnings = render_formats(project, compiled, formats, context, strict)
    except EntryErrors as failed:  # the entries' warnings still want reading
        raise EntryErrors([*problems, *failed.problems]) from None
    record = ArchivedWeek(
        week=week.id,
        title=compiled.view.title,
        start=week.start,
        end=week.end,
        date_range=compiled.view.date_range,
        href=FORMATS["html" if "html" in formats else formats[0]].filename,
        figures=compiled.figures,
    )
    texts[FIGURES_FILE] = dumps(week_json(record))
    # The texts as bytes, each held once, not twice.
    files = {name: texts.pop(name).encode("utf-8") for name in list(texts)}
    files.update(compiled.assets)
    return PreparedWeek(week, BuiltBulletin.of(compiled.view), files, [*problems, *warnings])


def _write_week(prepared: PreparedWeek, out_root: Path) -> BuildResult:
    """Swap the week's folder into place; the caller holds ``output_lock(out_root)``."""
    folder = out_root / str(prepared.week.id)
    written = write_folder(folder, prepared.files)
    return BuildResult(prepared.week, prepared.bulletin, folder, written, prepared.warnings)


def _no_entries(project: Project, week: ReportingWeek) -> Problem:
    folder = f"{project.config.entries_dir}/{week.id}"
    return error(
        Location(project.config.entries_dir, 0, 0),
        "E-no-entries",
        week=str(week.id),
        range=week_span(week.start, week.end),
        folder=folder,
    )


# What a date given to --date may be said to be wrong with as the date itself; any other
# reason (a time of day, a period) is that it is no single date.
_DATE_PROBLEMS = frozenset({"E-impossible-date", "E-date-year", "E-date-weekday"})


def _dated_week(
    project: Project, week_spec: str, today: date | None, published: str | None
) -> tuple[date, WeekId, date | None]:
    """Today, the week asked for (``47`` in the year it has a folder) and the date to print
    under its title."""
    today = today or date.today()
    week_id = resolve_week(project, week_spec, today)
    return today, week_id, publication_date(project, week_id, published)


def publication_date(project: Project, week_id: WeekId, text: str | None) -> date | None:
    """The date printed under the title: ``text`` as the coordinator wrote it for ``--date``
    (2022-12-01, 2022年12月1日, or 12月1日 in the year nearest the week), else
    SOURCE_DATE_EPOCH's, else none."""
    if text is None:
        return _source_date()
    where = Location.command_line("--date")
    week = reporting_week(week_id, project.config.week_start)
    try:
        day = parse_date_text(text, near=week.end)
    except DateTextError as exc:
        code = exc.code if exc.code in _DATE_PROBLEMS else "E-publication-date"
        facts = exc.facts if code == exc.code else {}
        raise UsageError([error(where, code, value=text, **facts)]) from None
    if day < week.start:
        span = week_span(week.start, week.end)
        raise UsageError(
            [
                error(
                    where,
                    "E-publication-early",
                    value=day.isoformat(),
                    week=str(week.id),
                    range=span,
                )
            ]
        )
    return day


def _source_date() -> date | None:
    """The build date only when SOURCE_DATE_EPOCH asks for one, so output stays reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.strip().isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
