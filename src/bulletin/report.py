"""Problems as CI reads them: the stable JSON list, and GitHub workflow annotations.

The text form (``PATH:LINE:COL: severity: message [CODE]``) is ``messages.format_problem``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from bulletin.diagnostics import Problem
from bulletin.messages import Lang, message_and_hint, render_message, visible

# The documented, stable shape of one problem in ``check --format json``.
JSON_FIELDS = ("file", "line", "column", "severity", "code", "message", "hint")


def problems_json(problems: Iterable[Problem], lang: Lang) -> str:
    """A JSON list, one object per problem with ``JSON_FIELDS``."""
    items = []
    for problem in problems:
        message, hint = message_and_hint(problem, lang)
        location = problem.location
        values = (
            visible(location.path),
            location.line or None,  # a whole file or folder, a week, the command line
            location.column or None,
            problem.severity.value,
            problem.code,
            message,
            hint,
        )
        items.append(dict(zip(JSON_FIELDS, values, strict=True)))
    return json.dumps(items, ensure_ascii=False, indent=2)


def github_annotation(problem: Problem, lang: Lang) -> str:
    """``::error file=…,line=…,col=…::message [CODE]``, shown on the pull request at the line.

    GitHub resolves ``file`` from the repository root: the problem's path is given from
    there (``cli`` puts the project's folder before it).
    """
    location = problem.location
    path = location.path
    places = [("file", visible(path))] if path and location.in_project else []
    if location.line:
        places += [("line", str(location.line)), ("col", str(location.column))]
    properties = ",".join(f"{name}={_escape_property(value)}" for name, value in places)
    message = f"{render_message(problem, lang)} [{problem.code}]"
    command = f"{problem.severity.value} {properties}" if properties else problem.severity.value
    return f"::{command}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
