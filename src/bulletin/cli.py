"""The command line: parse arguments, call the core, print, and map errors to exit codes.

Exit codes: 0 success; 1 entries have errors; 2 usage or configuration errors; 3 the WeChat API
refused or could not be reached (publish); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO, TypeVar

import typer
from typer.core import TyperGroup

from bulletin import __version__
from bulletin.diagnostics import (
    BulletinError,
    EntryErrors,
    Interrupted,
    Location,
    MessageArg,
    OutputError,
    Problem,
    PublishFailed,
    UsageError,
    error,
)
from bulletin.messages import Lang, format_problem, text
from bulletin.usage_errors import NoSuchCommand, click_errors, usage_problem
from bulletin.write import shown_path

if TYPE_CHECKING:
    from bulletin.build import BuildResult, Progress
    from bulletin.config import Project
    from bulletin.publish import PublishEvent, PublishResult
    from bulletin.serve import Preview
    from bulletin.view import TableView


class _Commands(TyperGroup):
    """bulletin's commands, whose command-line mistakes are printed as problems (exit 2).

    They are found while click parses, before any command (and ``reports_errors``) runs.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        if not standalone_mode:
            return super().main(words, prog_name, complete_var, False, **extra)
        try:
            result = super().main(words, prog_name, complete_var, False, **extra)
        except click_errors.NoArgsIsHelpError as exc:
            if exc.format_message():  # typer's rich help has printed itself already
                exc.show()
            sys.exit(exc.exit_code)
        except click_errors.UsageError as exc:
            commands = self.list_commands(self.context_class(self))
            problem = usage_problem(exc, commands, words)
            # As JSON on standard output when the words ask for it: CI reads nothing else.
            _print_problems([problem], _language_of(words), True, _problem_format_of(words))
            sys.exit(UsageError.exit_code)
        except click_errors.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except typer.Abort:  # Ctrl-C or Ctrl-D at a prompt
            typer.echo(text("interrupted", _language_of(words)), err=True)
            sys.exit(INTERRUPTED)
        # Not standalone, click returns an exit code, or the command's return value (None).
        sys.exit(result if isinstance(result, int) else 0)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:  # click's Context
        name = args[0]
        if not name.startswith("-") and self.get_command(ctx, name) is None:
            raise NoSuchCommand(name, ctx)
        return super().resolve_command(ctx, args)


def _language_of(words: Sequence[str]) -> Lang:
    """The language asked for, read from the words themselves: they could not be parsed."""
    asked = os.environ.get("BULLETIN_LANG", "zh")
    for index, word in enumerate(words):
        if word == "--lang" and index + 1 < len(words):
            asked = words[index + 1]
        elif word.startswith("--lang="):
            asked = word.removeprefix("--lang=")
    return "en" if asked == "en" else "zh"


app = typer.Typer(
    cls=_Commands,
    name="bulletin",
    help="把各社工站的 YAML 条目汇编成每周工作动态（周报）。Compile the weekly bulletin of social-work stations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Command = TypeVar("Command", bound=Callable[..., Any])


class Language(str, Enum):
    zh = "zh"
    en = "en"


class Format(str, Enum):
    md = "md"
    html = "html"
    wechat = "wechat"


class StatsFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


# The options before a command that take a value (the value is no command's name).
_GLOBAL_VALUES = ("-C", "--project", "--lang")


def _problem_format_of(words: Sequence[str]) -> ProblemFormat:
    """``check``'s ``--format``, read from the words themselves: they could not be parsed.
    Text when the command is not ``check`` or the format is none of the three."""
    command = next(
        (
            index
            for index, word in enumerate(words)
            if not word.startswith("-") and (index == 0 or words[index - 1] not in _GLOBAL_VALUES)
        ),
        None,
    )
    if command is None or words[command] != "check":
        return ProblemFormat.text
    rest = words[command + 1 :]
    asked = ""
    for index, word in enumerate(rest):
        if word in ("--format", "-f") and index + 1 < len(rest):
            asked = rest[index + 1]
        elif word.startswith("--format="):
            asked = word.removeprefix("--format=")
        elif word.startswith("-f") and len(word) > 2:
            asked = word[2:]
    return next((kind for kind in ProblemFormat if kind.value == asked), ProblemFormat.text)


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


QUIET_OPTION = typer.Option(
    "--quiet", "-q", help="只显示问题，不显示进度和写入的文件。Print problems only."
)
StrictOption = Annotated[
    bool, typer.Option("--strict", help="把警告也当作错误（退出码 1）。Treat warnings as errors.")
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="不用也不更新 .bulletin-cache/（结果完全相同，只是更慢）。Bypass the cache.",
    ),
]
# typer reads annotations at runtime, where Python 3.10 has no ``str | None`` for it.
OptionalText = Optional[str]  # noqa: UP045
OptionalTexts = Optional[list[str]]  # noqa: UP045
OptionalPaths = Optional[list[Path]]  # noqa: UP045


def _flag(*names: str, help: str) -> Any:
    """An optional flag: no default shown, the help in both languages."""
    return typer.Option(*names, help=help, show_default=False)


DateOption = Annotated[
    OptionalText,
    _flag(
        "--date",
        help="编制日期，印在标题下，如 12月1日。Publication date.",
    ),
]
ThemeOption = Annotated[
    OptionalText,
    _flag("--theme", help="主题：default 或 gov（默认用 bulletin.toml 的 theme）。Built-in theme."),
]


def _out_option(help_text: str) -> Any:
    """``--out``/``-o``: where a command writes, instead of its default place or of printing."""
    return typer.Option("--out", "-o", help=help_text, show_default=False)


WeekArgument = Annotated[
    str, typer.Argument(help="周次：week-47、47 或 2022-W47。The week.", show_default=False)
]


@dataclass
class Settings:
    project: Path | None
    lang: Lang
    root: Path | None = None  # the project's folder, once found


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


def _print_problems(
    problems: Iterable[Problem],
    lang: Lang,
    err: bool,
    problem_format: ProblemFormat = ProblemFormat.text,
    root: Path | None = None,
) -> None:
    """Paths in the project are printed from where the command ran when the project is
    inside that folder (``-C kaifeng`` from a repository's root: ``kaifeng/entries/…``), as
    compilers do, else from the project root; GitHub's from the repository root."""
    from bulletin.report import github_annotation, problems_json

    workspace = os.environ.get("GITHUB_WORKSPACE") if problem_format is ProblemFormat.github else ""
    prefix = _project_folder_from(Path(workspace or Path.cwd()), root)
    problems = [_from_folder(problem, prefix) for problem in problems]
    if problem_format is ProblemFormat.json:
        typer.echo(problems_json(problems, lang))
        return
    if problem_format is ProblemFormat.github:
        # Workflow commands are read from standard output.
        for problem in problems:
            typer.echo(github_annotation(problem, lang))
    else:
        for problem in problems:
            typer.echo(format_problem(problem, lang), err=err)
    errors = sum(problem.is_error for problem in problems)
    if problems:
        typer.echo(text("summary", lang, errors=errors, warnings=len(problems) - errors), err=err)


def _project_folder_from(base: Path, root: Path | None) -> str:
    """The project folder as seen from ``base``; "" when it is ``base`` or not inside it."""
    if root is None:
        return ""
    try:
        relative = root.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative


def _from_folder(problem: Problem, prefix: str) -> Problem:
    location = problem.location
    # An absolute path: a file outside the project (a spreadsheet imported from elsewhere).
    if not prefix or not location.in_project or not location.path or os.path.isabs(location.path):
        return problem
    args = problem.args
    if "other" in args:  # the entry a W-duplicate repeats, named as its own place is
        args = {**args, "other": f"{prefix}/{args['other']}"}
    return dataclasses.replace(
        problem, location=dataclasses.replace(location, path=f"{prefix}/{location.path}"), args=args
    )


class _Found(Enum):
    ERRORS = "errors"


# What a command returns when it printed its results and they hold errors (exit code 1).
FOUND_ERRORS = _Found.ERRORS
INTERRUPTED = 130  # the shell's convention for Ctrl-C (128 + SIGINT)


def reports_errors(command: Command) -> Command:
    """The one place where a command's failure becomes an exit code: a core failure, with its
    problems printed here, or a command that printed its own results and returns
    ``FOUND_ERRORS``. (A mistake in the command line itself stops click before any command
    runs: ``_Commands.main`` prints it, exit 2.)"""

    @functools.wraps(command)
    def wrapper(ctx: typer.Context, *args: Any, **kwargs: Any) -> Any:
        try:
            if command(ctx, *args, **kwargs) is FOUND_ERRORS:
                raise typer.Exit(EntryErrors.exit_code)
        except BulletinError as exc:
            settings = _settings(ctx)
            problem_format = ctx.params.get("problem_format", ProblemFormat.text)
            _print_problems(exc.problems, settings.lang, True, problem_format, settings.root)
            if isinstance(exc, OutputError) and exc.written:
                typer.echo(text("partly_written", settings.lang, weeks=exc.written), err=True)
            elif exc.exit_code == 1 and ctx.command.name == "build":
                typer.echo(text("nothing_written", settings.lang), err=True)
            if isinstance(exc, PublishFailed) and exc.state_file:
                typer.echo(text("publish_resume", settings.lang, path=exc.state_file), err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:
            typer.echo(_interrupted(ctx, exc), err=True)
            raise typer.Exit(INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


def _interrupted(ctx: typer.Context, exc: KeyboardInterrupt) -> str:
    """What Ctrl-C left: a build's weeks written before it, or nothing a command changes."""
    lang = _settings(ctx).lang
    if isinstance(exc, Interrupted):
        return text("interrupted_written", lang, weeks=exc.written)
    name = ctx.command.name
    if name in ("check", "status") or (name in ("stats", "schema") and not ctx.params.get("out")):
        return text("interrupted_read_only", lang)  # check writes its cache alone
    return text("interrupted", lang)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bulletin {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    project: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
        typer.Option(
            "--project",
            "-C",
            help="项目文件夹（含 bulletin.toml）。Project folder.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Language,
        typer.Option("--lang", envvar="BULLETIN_LANG", help="提示语言 / message language."),
    ] = Language.zh,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = Settings(project, "en" if lang is Language.en else "zh")


def _project(ctx: typer.Context) -> Project:
    from bulletin.config import load_project, locate_project

    settings = _settings(ctx)
    # Known before the config is read: its own problems are paths in the project too.
    settings.root = locate_project(settings.project)
    return load_project(settings.root)


@app.command("check")
@reports_errors
def check_command(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            help="要检查的文件或文件夹（默认全部条目）。Files or folders to check.",
            show_default=False,
        ),
    ] = None,
    problem_format: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="输出格式：text、json（给程序读）或 github（在拉取请求上标注）。Output format.",
        ),
    ] = ProblemFormat.text,
    strict: StrictOption = False,
    no_cache: NoCacheOption = False,
) -> _Found | None:
    """检查条目，列出所有问题（文件:行:列）。Validate entries and list every problem."""
    from bulletin.cache import Cache
    from bulletin.check import check

    project = _project(ctx)
    lang = _settings(ctx).lang
    result = check(
        project,
        [Path(path) for path in paths or []],
        strict=strict,
        cache=Cache(project, enabled=not no_cache),
        with_entries=False,
    )
    _print_problems(result.problems, lang, False, problem_format, project.root)
    if any(problem.is_error for problem in result.problems):
        return FOUND_ERRORS
    if problem_format is not ProblemFormat.json:
        typer.echo(text("check_ok", lang, files=result.file_count, entries=result.entry_count))
    return None


@app.command("build")
@reports_errors
def build_command(
    ctx: typer.Context,
    week: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            help="周次：week-47、47 或 2022-W47（或用 --all）。The week.", show_default=False
        ),
    ] = None,
    all_weeks: Annotated[
        bool,
        typer.Option(
            "--all",
            help="生成所有有条目的周，以及往期目录 index.html。Build every week and the index.",
        ),
    ] = False,
    formats: Annotated[
        Optional[list[Format]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="输出格式，可重复（默认 md 和 html；wechat 是公众号文章）。Output format, repeatable.",
        ),
    ] = None,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            help="输出根文件夹（默认 build/），周报写在其下的 <周次>/ 里。",
            show_default=False,
        ),
    ] = None,
    theme: ThemeOption = None,
    published: DateOption = None,
    quiet: Annotated[bool, QUIET_OPTION] = False,
    strict: StrictOption = False,
    no_cache: NoCacheOption = False,
) -> _Found | None:
    """生成某一周（或所有周）的周报和往期目录。Build one week's bulletin, or every week's."""
    from bulletin.build import DEFAULT_FORMATS, build, build_all
    from bulletin.cache import Cache

    project = _project(ctx)
    cache = Cache(project, enabled=not no_cache)
    lang = _settings(ctx).lang
    names = tuple(dict.fromkeys(f.value for f in formats)) if formats else DEFAULT_FORMATS
    if week is None and not all_weeks:  # as click says of a missing argument
        where = Location.command_line("bulletin build")
        raise UsageError(
            [error(where, "E-usage-missing", argument="week", command="bulletin build")]
        )
    if week is not None and all_weeks:
        raise UsageError([error(Location.command_line("bulletin build"), "E-build-what")])
    if all_weeks and published is not None:
        raise UsageError([error(Location.command_line("--date"), "E-date-all")])
    if week is not None:
        result = build(
            project, week, names, out, strict=strict, theme=theme, cache=cache, published=published
        )
        _print_problems(result.warnings, lang, True, root=project.root)
        if not quiet:
            _print_built(result, lang)
            _print_written([path for path in result.written if path.parent == result.folder], lang)
            _print_written(result.index, lang)
        return None
    with _progress(quiet, text("building", lang)) as advance:
        archive = build_all(project, names, out, advance, strict, theme=theme, cache=cache)
    problems = [problem for result in archive.built for problem in result.warnings]
    problems += [problem for failed in archive.failed for problem in failed.problems]
    _print_problems([*problems, *archive.warnings], lang, True, root=project.root)
    if not quiet:
        for result in archive.built:
            _print_built(result, lang)
        _print_written(archive.index, lang)
    typer.echo(text("archive_built", lang, built=len(archive.built), failed=len(archive.failed)))
    if archive.failed:
        weeks = tuple(str(failed.week) for failed in archive.failed)
        typer.echo(text("weeks_failed", lang, weeks="、".join(weeks)), err=True)
        return FOUND_ERRORS
    return None


@app.command("stats")
@reports_errors
def stats_command(
    ctx: typer.Context,
    first: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from", help="起始周（默认最早有条目的一周）。First week.", show_default=False
        ),
    ] = None,
    last: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--to", help="结束周（默认最近有条目的一周）。Last week.", show_default=False),
    ] = None,
    count_back: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--last", help="到结束周为止的最近 N 周。The last N weeks.", show_default=False
        ),
    ] = None,
    output: Annotated[
        StatsFormat,
        typer.Option("--format", "-f", help="输出：终端表格、csv 或 json。Output format."),
    ] = StatsFormat.table,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        _out_option("写入这个 .csv（Excel 可直接打开）或 .json 文件，不写则打印。Write to FILE."),
    ] = None,
    quiet: Annotated[bool, QUIET_OPTION] = False,
) -> _Found | None:
    """统计一段时间里每周的数据（按县区、类别、服务对象），含环比变化。Figures over weeks."""
    from bulletin.stats import (
        out_format,
        span,
        stats,
        terminal_tables,
        to_csv,
        to_json,
        write_report,
    )

    project = _project(ctx)
    lang = _settings(ctx).lang
    target = (out, out_format(out, output.value)) if out is not None else None
    weeks = span(project, first, last, count_back)
    with _progress(quiet, text("reading", lang)) as advance:
        report = stats(project, weeks, advance)
    _print_problems(report.problems, lang, True, root=project.root)
    if target is not None:
        write_report(report, *target)
        if not quiet:
            _print_written([target[0]], lang)
    elif output is StatsFormat.csv:
        typer.echo(to_csv(report), nl=False)
    elif output is StatsFormat.json:
        typer.echo(to_json(report), nl=False)
    else:
        _print_tables(terminal_tables(report, lang))
    failed = tuple(str(week.week.id) for week in report.weeks if week.figures is None)
    if failed:
        typer.echo(text("stats_weeks_failed", lang, weeks="、".join(failed)), err=True)
        return FOUND_ERRORS
    return None


def _print_tables(tables: Iterable[tuple[str, TableView]]) -> None:
    """On a terminal, cells wrap to fit; into a file or a pipe, lines are as long as needed."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=10_000)
    for title, data in tables:
        table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
        for index, heading in enumerate(data.header):
            table.add_column(heading, justify="left" if index == 0 else "right", overflow="fold")
        for row in data.rows:
            table.add_row(*row)
        console.print(table)


def _print_built(result: BuildResult, lang: Lang) -> None:
    from bulletin.dates import week_span

    built = result.bulletin
    typer.echo(
        text(
            "built",
            lang,
            week=built.week,
            range=week_span(result.week.start, result.week.end),
            sections=built.sections,
            entries=built.entries,
        )
    )


def _print_written(paths: Iterable[Path], lang: Lang) -> None:
    for path in paths:
        typer.echo(text("wrote", lang, path=shown_path(path)))


@contextmanager
def _progress(
    quiet: bool, description: str, stream: TextIO | None = None
) -> Iterator[Progress | None]:
    """A progress bar on a terminal; nothing when output goes to a file, CI, or with --quiet."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        yield None
        return
    from rich import progress as rich
    from rich.console import Console

    columns = (
        rich.TextColumn(description),
        rich.BarColumn(),
        rich.MofNCompleteColumn(),
        rich.TextColumn("{task.description}"),
    )
    with rich.Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("", total=None)

        def advance(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)

        yield advance


@app.command("init")
@reports_errors
def init_command(
    ctx: typer.Context,
    folder: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            help="新项目的文件夹（默认当前文件夹）。Folder of the new project.", show_default=False
        ),
    ] = None,
) -> None:
    """新建周报项目：bulletin.toml、entries/、.gitignore 和填写说明。Scaffold a project."""
    from datetime import date

    from bulletin.scaffold import init_project
    from bulletin.weeks import WeekId

    settings = _settings(ctx)
    target = folder or settings.project or Path(".")
    for written in init_project(target):
        typer.echo(
            text(f"init_{written.outcome.value}", settings.lang, path=shown_path(written.path))
        )
    week = WeekId.of(date.today())
    typer.echo(
        text("init_done", settings.lang, folder=shown_path(target), week=f"week-{week.week}")
    )


def _may_prompt(no_input: bool) -> bool:
    """A person at a terminal, not a script and not CI (where a question would hang)."""
    in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return not no_input and not in_ci and sys.stdin.isatty()


@app.command("new")
@reports_errors
def new_command(
    ctx: typer.Context,
    station: Annotated[
        OptionalText, _flag("--station", "-s", help="社工站（名称的一部分也可以）。Station.")
    ] = None,
    district: Annotated[
        OptionalText, _flag("--district", help="县区（同名社工站时写明）。District.")
    ] = None,
    category: Annotated[
        OptionalText, _flag("--category", "-c", help="类别：key 或名称。Category.")
    ] = None,
    day: Annotated[
        OptionalText, _flag("--date", "-d", help="日期（默认今天）。Date, default today.")
    ] = None,
    time: Annotated[OptionalText, _flag("--time", help="时间，如 上午。Time of day.")] = None,
    title: Annotated[OptionalText, _flag("--title", "-t", help="标题。Title.")] = None,
    body: Annotated[
        OptionalText,
        _flag("--body", "-b", help="正文；写 - 则从标准输入读取。Body; - reads stdin."),
    ] = None,
    org: Annotated[OptionalText, _flag("--org", help="服务机构。Service organisation.")] = None,
    images: Annotated[
        OptionalPaths, _flag("--image", help="图片文件，可重复。Image file, repeatable.")
    ] = None,
    stats: Annotated[
        OptionalTexts,
        _flag("--stat", help="数据，如 visited=45，可重复。Figure, repeatable."),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="从不提问（脚本和 CI 里默认如此）。Never prompt.")
    ] = False,
) -> None:
    """写一条新条目（在终端里逐项询问）。Write a new entry file, asking at a terminal."""
    import sys
    from datetime import date

    from bulletin.cache import Cache
    from bulletin.new_entry import EntryFields, create_entry, draft_from_fields
    from bulletin.weeks import reporting_week_of

    project = _project(ctx)
    lang = _settings(ctx).lang
    today = date.today()
    fields = EntryFields(
        station=station,
        district=district,
        category=category,
        date=day,
        time=time,
        title=title,
        body=sys.stdin.read() if body == "-" else body,
        org=org,
        images=[str(image) for image in images or []],
        stats=list(stats or []),
    )
    if _may_prompt(no_input):
        from bulletin.console import ConsoleTerminal
        from bulletin.interview import interview

        fields = interview(project.config, fields, today, lang, ConsoleTerminal())
    draft = draft_from_fields(project, fields, today, Path.cwd())
    written = create_entry(project, draft, today, Cache(project))
    week = reporting_week_of(draft.day, project.config.week_start).id
    typer.echo(text("new_wrote", lang, path=shown_path(written.path), week=str(week)))
    _print_problems(written.warnings, lang, True, root=project.root)


@app.command("import")
@reports_errors
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="表格文件（.xlsx 或 .csv）。Spreadsheet.", show_default=False)
    ],
    sheet: Annotated[
        OptionalText, _flag("--sheet", help="只导入这个工作表（默认全部）。Only this sheet.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="只显示将写入什么，不写文件。Show, write nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="重新写入以前导入过的行。Rewrite rows imported before.")
    ] = False,
) -> _Found | None:
    """把表格里的每一行导入为一条条目。Import one entry per spreadsheet row."""
    from bulletin.cache import Cache
    from bulletin.importer import Status, import_sheet

    project = _project(ctx)
    lang = _settings(ctx).lang
    result = import_sheet(
        project, file.resolve(), sheet=sheet, dry_run=dry_run, force=force, cache=Cache(project)
    )
    for planned in result.files:
        facts: dict[str, MessageArg] = {
            "path": shown_path(planned.path),
            "sheet": planned.sheet,
            "row": planned.row,
        }
        if planned.status is Status.KNOWN:
            typer.echo(text("import_known", lang, **facts))
        elif dry_run:
            typer.echo(text("import_would", lang, **facts))
            typer.echo("".join(f"    {line}\n" for line in planned.text.splitlines()))
        else:
            typer.echo(text(f"import_{planned.status.value}", lang, **facts))
    _print_problems([*result.problems, *result.warnings], lang, True, root=project.root)
    rejected = {(p.location.path, p.location.line) for p in result.problems if p.is_error}
    new = sum(planned.status is not Status.KNOWN for planned in result.files)
    known = len(result.files) - new
    typer.echo(text("import_summary", lang, new=new, known=known, rejected=len(rejected)))
    if dry_run:
        typer.echo(text("dry_run", lang))
    if rejected:
        return FOUND_ERRORS
    return None


@app.command("serve")
@reports_errors
def serve_command(
    ctx: typer.Context,
    week: WeekArgument,
    port: Annotated[
        int,
        typer.Option(
            "--port",
            "-p",
            help="端口（0 表示任选一个空闲端口）。Port, 0 = any free.",
            min=0,
            max=65535,
        ),
    ] = 8000,
    published: DateOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """在本机浏览器里预览某一周的周报，改动后自动刷新。Preview a week, live."""
    import contextlib

    from bulletin.config import locate_project
    from bulletin.serve import PreviewServer

    settings = _settings(ctx)
    root = locate_project(settings.project)
    server = PreviewServer(root, week, settings.lang, port, not no_cache, published)
    typer.echo(text("serve_ready", settings.lang, week=week, url=server.url))
    prefix = _project_folder_from(Path.cwd(), root)
    report = functools.partial(_print_rebuild, lang=settings.lang, prefix=prefix)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how a preview ends, from here on
        report(server.preview)
        server.serve_forever(report)


def _print_rebuild(preview: Preview, lang: Lang, prefix: str = "") -> None:
    """A line for each rebuild of the preview, then its problems as ``check`` prints them."""
    from datetime import datetime

    time = datetime.now().strftime("%H:%M:%S")
    errors, warnings = len(preview.errors), len(preview.warnings)
    if not preview.built:
        typer.echo(text("serve_failed", lang, time=time, errors=errors, warnings=warnings))
    elif errors:  # the WeChat article's: the page is served without it
        typer.echo(text("serve_updated_article", lang, time=time, errors=errors, warnings=warnings))
    elif warnings:
        typer.echo(text("serve_updated_warnings", lang, time=time, warnings=warnings))
    else:
        typer.echo(text("serve_updated", lang, time=time))
    for problem in preview.problems:
        typer.echo(format_problem(_from_folder(problem, prefix), lang))


@app.command("publish")
@reports_errors
def publish_command(
    ctx: typer.Context,
    week: WeekArgument,
    new: Annotated[
        bool,
        typer.Option(
            "--new", help="新建一篇草稿，不更新这一周已有的草稿。Make a new draft, not an update."
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="不发送，把要发送的请求（不含密钥）写到 build/ 里。Write the requests, send nothing.",
        ),
    ] = False,
    api_base: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--api-base",
            help="公众号接口地址，默认 https://api.weixin.qq.com（测试时指向本机的模拟服务）。API base URL.",
            show_default=False,
        ),
    ] = None,
    theme: ThemeOption = None,
    published: DateOption = None,
    quiet: Annotated[bool, QUIET_OPTION] = False,
    strict: StrictOption = False,
) -> None:
    """把某一周的周报存进公众号草稿箱，图片和封面一起上传。Publish a week as a 公众号 draft."""
    from bulletin.publish import PublishOptions, prepare, send
    from bulletin.wechat_api import DEFAULT_API_BASE

    project = _project(ctx)
    lang = _settings(ctx).lang
    publication = prepare(project, week, theme, strict, published=published)
    _print_problems(publication.warnings, lang, True, root=project.root)
    options = PublishOptions(api_base=api_base or DEFAULT_API_BASE, new_draft=new, dry_run=dry_run)
    progress = None if quiet else functools.partial(_print_publish_event, lang=lang)
    _print_published(send(project, publication, options, progress), lang)


def _print_publish_event(event: PublishEvent, lang: Lang) -> None:
    facts: dict[str, MessageArg] = {"name": event.name, "done": event.done, "total": event.total}
    typer.echo(text(f"publish_{event.step.value}", lang, **facts), err=True)


def _print_published(result: PublishResult, lang: Lang) -> None:
    if result.dry_run_file is not None:
        typer.echo(text("publish_dry_run", lang, path=shown_path(result.dry_run_file)))
        return
    facts: dict[str, MessageArg] = {"title": result.title, "media_id": result.draft_media_id}
    typer.echo(text("publish_created" if result.created else "publish_updated", lang, **facts))
    typer.echo(text("publish_counts", lang, uploaded=result.uploaded, reused=result.reused))
    if result.maybe_duplicate:
        typer.echo(text("publish_maybe_duplicate", lang), err=True)


@app.command("status")
@reports_errors
def status_command(
    ctx: typer.Context,
    week: WeekArgument,
    status_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="输出格式：text 或 json。Output format.")
    ] = StatusFormat.text,
) -> None:
    """各县区哪些社工站本周已提交、哪些未提交。Which stations filed this week, and which did not."""
    import json
    from datetime import date

    from bulletin.status import status_lines, week_status

    status = week_status(_project(ctx), week, date.today())
    if status_format is StatusFormat.json:
        document = dataclasses.asdict(status)
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2, default=date.isoformat))
        return
    for line in status_lines(status, _settings(ctx).lang):
        typer.echo(line)


@app.command("schema")
@reports_errors
def schema_command(
    ctx: typer.Context,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            help="写入这个文件（惯例是项目根目录的 bulletin.schema.json），不写则打印。Write to FILE.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """打印条目文件的 JSON Schema，供编辑器补全和检查。Print the entry files' JSON Schema."""
    from bulletin.config import find_project_root
    from bulletin.schema import schema_text, write_schema

    settings = _settings(ctx)
    # Outside a project the schema still helps, without the project's names.
    in_project = settings.project is not None or find_project_root(Path.cwd()) is not None
    schema = schema_text(_project(ctx).config if in_project else None)
    if out is None:
        typer.echo(schema, nl=False)
        return
    write_schema(out, schema)
    typer.echo(text("wrote", settings.lang, path=shown_path(out.resolve())))


def main() -> None:
    app(prog_name="bulletin")


if __name__ == "__main__":  # pragma: no cover
    main()
