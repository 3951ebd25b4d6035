"""The command line: parse arguments, call the core, print, and map errors to exit codes.

Exit codes: 0 success; 1 entries have errors; 2 usage or configuration errors.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from bulletin import __version__
from bulletin.diagnostics import BulletinError, Problem
from bulletin.messages import Lang, format_problem, text

if TYPE_CHECKING:
    from bulletin.config import Project

app = typer.Typer(
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


@dataclass
class Settings:
    project: Path | None
    lang: Lang


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


def _print_problems(problems: Iterable[Problem], lang: Lang, err: bool) -> None:
    problems = list(problems)
    for problem in problems:
        typer.echo(format_problem(problem, lang), err=err)
    errors = sum(problem.is_error for problem in problems)
    if problems:
        typer.echo(text("summary", lang, errors=errors, warnings=len(problems) - errors), err=err)


def reports_errors(command: Command) -> Command:
    """The one place where a core failure becomes printed problems and an exit code."""

    @functools.wraps(command)
    def wrapper(ctx: typer.Context, *args: Any, **kwargs: Any) -> Any:
        try:
            return command(ctx, *args, **kwargs)
        except BulletinError as exc:
            lang = _settings(ctx).lang
            _print_problems(exc.problems, lang, err=True)
            if exc.exit_code == 1 and ctx.command.name == "build":
                typer.echo(text("nothing_written", lang), err=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


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
    from bulletin.config import load_project

    return load_project(_settings(ctx).project)


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
) -> None:
    """检查条目，列出所有问题（文件:行:列）。Validate entries and list every problem."""
    from bulletin.check import check

    project = _project(ctx)
    lang = _settings(ctx).lang
    result = check(project, [Path(path) for path in paths or []])
    _print_problems(result.problems, lang, err=False)
    if any(problem.is_error for problem in result.problems):
        raise typer.Exit(1)
    typer.echo(text("check_ok", lang, files=result.file_count, entries=len(result.entries)))


@app.command("build")
@reports_errors
def build_command(
    ctx: typer.Context,
    week: Annotated[
        str, typer.Argument(help="周次：week-47、47 或 2022-W47。The week.", show_default=False)
    ],
    formats: Annotated[
        Optional[list[Format]],  # noqa: UP045
        typer.Option(
            "--format", "-f", help="输出格式，可重复（默认 md 和 html）。Output format, repeatable."
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
) -> None:
    """生成某一周的周报（Markdown 和 HTML）。Build one week's bulletin."""
    from bulletin.build import DEFAULT_FORMATS, build

    project = _project(ctx)
    lang = _settings(ctx).lang
    names = tuple(dict.fromkeys(f.value for f in formats)) if formats else DEFAULT_FORMATS
    result = build(project, week, names, out)
    _print_problems(result.warnings, lang, err=True)
    view = result.compiled.view
    typer.echo(
        text(
            "built",
            lang,
            week=view.week,
            range=view.date_range,
            sections=len(view.sections),
            entries=view.entry_count,
        )
    )
    for path in result.written:
        if path.parent == result.folder:
            typer.echo(text("wrote", lang, path=_shown(path)))


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def main() -> None:
    app(prog_name="bulletin")


if __name__ == "__main__":  # pragma: no cover
    main()
