"""Problems are values: a location, a severity, a stable code and the facts for the message.

The core collects them and never prints; ``messages`` turns them into Chinese or English
text and ``cli`` prints them in one place.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

MessageArg = str | int | tuple[str, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """``path`` is relative to the project root, in POSIX form; line and column are 1-based.

    Line 0 means the problem concerns the path as a whole (a folder, a week) or the command
    line: it prints without ``:line:col``, and GitHub annotations name no line for it.
    ``in_project`` is False for what is no path of the project: a command or an option, a
    path as typed, an output path relative to the working directory; it prints as it is."""

    path: str
    line: int = 1
    column: int = 1
    in_project: bool = True

    def __str__(self) -> str:
        if self.line == 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"

    @classmethod
    def command_line(cls, what: str = "") -> Location:
        """A problem with how the command was called (a flag, a week): no file to point at."""
        return cls(what, 0, 0, in_project=False)


@dataclass(frozen=True)
class Problem:
    location: Location
    severity: Severity
    code: str
    args: Mapping[str, MessageArg] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[Location, str]:
        return (self.location, self.code)


def error(location: Location, code: str, **args: MessageArg) -> Problem:
    return Problem(location, Severity.ERROR, code, args)


def warning(location: Location, code: str, **args: MessageArg) -> Problem:
    return Problem(location, Severity.WARNING, code, args)


# A warning that narrows another is silenced with it: ignore: [W-outside-week] written for a
# period that runs past its week keeps it quiet, as it did before the period had its own code.
_NARROWS = {"W-period-outside-week": "W-outside-week"}


def silenced(code: str, ignored: Collection[str]) -> bool:
    return code in ignored or _NARROWS.get(code) in ignored


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.is_error for problem in problems)


def unique_sorted(problems: Iterable[Problem]) -> list[Problem]:
    """Drop repeats (a file default reported once per entry) and order by place."""
    seen: dict[tuple[Location, str, str], Problem] = {}
    for problem in problems:
        key = (problem.location, problem.code, repr(sorted(problem.args.items())))
        seen.setdefault(key, problem)
    return sorted(seen.values(), key=Problem.sort_key)


class BulletinError(Exception):
    """A failure the CLI reports with its problems; ``exit_code`` follows the CLI contract."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(problem.code for problem in problems))
        self.problems = problems


class UsageError(BulletinError):
    """The command cannot start: no project, a week that does not exist, a bad config."""

    exit_code = 2


class EntryErrors(BulletinError):
    """Entries of the requested week have errors, so nothing was written."""

    exit_code = 1


class PublishFailed(BulletinError):
    """WeChat refused a step of ``bulletin publish``, or could not be reached. What was done
    before is recorded in ``state_file`` (empty when nothing was yet), so running it again
    resumes."""

    exit_code = 3

    def __init__(self, problems: list[Problem], state_file: str) -> None:
        super().__init__(problems)
        self.state_file = state_file


class OutputError(BulletinError):
    """Output could not be written (a full disk, no permission); what was there is unchanged.
    ``written`` names what a build had written before (its weeks), if anything."""

    exit_code = 1

    def __init__(self, problems: list[Problem], written: tuple[str, ...] = ()) -> None:
        super().__init__(problems)
        self.written = written


class Interrupted(KeyboardInterrupt):
    """Ctrl-C once a build had written ``written`` (its weeks), before the archive index was
    brought up to date with them."""

    def __init__(self, written: tuple[str, ...]) -> None:
        super().__init__()
        self.written = written


def shortened(text: str, limit: int) -> str:
    """A fact quoted in a message, cut to ``limit`` characters with "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
