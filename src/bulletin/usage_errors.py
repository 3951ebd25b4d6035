"""Mistakes in the command line itself (an unknown command or option, a missing argument) as
problems.

click, inside typer, finds them before any command runs and would print them in English in a
box of its own. Here each gets a code, a message in the user's language that says how to fix
it, and the same ``bulletin check: error: …`` form as every other problem.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from typing import Any

import typer

from bulletin.diagnostics import Location, Problem, error
from bulletin.suggest import did_you_mean

# typer 0.20 and later carry their own copy of click: its exceptions live where typer's do.
click_errors: Any = importlib.import_module(typer.BadParameter.__module__)


class NoSuchCommand(click_errors.UsageError):  # type: ignore[misc]
    """A command name that is none of bulletin's (click says so only in English)."""

    def __init__(self, name: str, ctx: typer.Context) -> None:
        super().__init__(f"No such command {name!r}.", ctx=ctx)
        self.name = name


def usage_problem(exc: Exception, commands: Sequence[str], words: Sequence[str]) -> Problem:
    """The problem a usage error of click's stands for; ``commands`` are bulletin's commands,
    ``words`` the command line as typed."""
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else _command_path(commands, words)
    where = Location.command_line(command)
    if isinstance(exc, NoSuchCommand):
        suggestion = did_you_mean(exc.name, commands) or ""
        return error(
            where, "E-usage-command", value=exc.name, suggestion=suggestion, choices=tuple(commands)
        )
    if isinstance(exc, click_errors.NoSuchOption):
        options = _options(ctx) if ctx is not None else []
        suggestion = did_you_mean(exc.option_name, options) or ""
        return error(
            where, "E-usage-option", value=exc.option_name, suggestion=suggestion, command=command
        )
    if isinstance(exc, click_errors.BadOptionUsage) and "requires an argument" in exc.message:
        return error(where, "E-usage-no-value", value=exc.option_name, command=command)
    param = getattr(exc, "param", None)
    if isinstance(exc, click_errors.MissingParameter) and param is not None:
        return error(where, "E-usage-missing", argument=_name(param), command=command)
    if isinstance(exc, click_errors.BadParameter) and param is not None:
        return _bad_value(where, command, _name(param), _given(param, words), exc.message)
    return error(where, "E-usage", detail=getattr(exc, "message", str(exc)), command=command)


# How typer words a value it could not take; any other wording is passed on as it is.
_NOT_ONE_OF = re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.+)\.$")
_NOT_INTEGER = re.compile(r"Input should be a valid (integer|number)")
_BOUND = re.compile(
    r"Input should be (?P<side>less|greater) than (?P<equal>or equal to )?(?P<limit>\S+)"
)


def _bad_value(where: Location, command: str, argument: str, value: str, detail: str) -> Problem:
    facts = {"argument": argument, "value": value, "command": command}
    if found := _NOT_ONE_OF.search(detail):
        choices = tuple(re.findall(r"'([^']*)'", found["choices"]))
        return error(where, "E-usage-choice", **{**facts, "value": found["value"]}, choices=choices)
    if _NOT_INTEGER.search(detail):
        return error(where, "E-usage-integer", **facts)
    if found := _BOUND.search(detail):
        bound = ("l" if found["side"] == "less" else "g") + ("e" if found["equal"] else "t")
        return error(where, "E-usage-range", **facts, bound=bound, limit=found["limit"])
    return error(where, "E-usage-value", argument=argument, detail=detail, command=command)


def _command_path(commands: Sequence[str], words: Sequence[str]) -> str:
    """``bulletin new`` for ``bulletin new --date``: click does not always say which command
    it was parsing."""
    named = next((word for word in words if word in commands), None)
    return f"bulletin {named}" if named else "bulletin"


def _given(param: Any, words: Sequence[str]) -> str:
    """What was written for an option (``--port abc``, ``--port=abc``)."""
    for index, word in enumerate(words):
        for option in param.opts:
            if word == option and index + 1 < len(words):
                return words[index + 1]
            if word.startswith(option + "="):
                return word[len(option) + 1 :]
    return ""


def _options(ctx: typer.Context) -> list[str]:
    return [
        option
        for param in ctx.command.get_params(ctx)
        for option in (*param.opts, *param.secondary_opts)
        if option.startswith("-")
    ]


def _name(param: Any) -> str:
    """An option by its flag (``--station``); an argument by its name, which the messages
    gloss (``week``: 周次)."""
    options = [option for option in param.opts if option.startswith("--")]
    return options[0] if options else str(param.name)
