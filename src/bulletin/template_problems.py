"""What goes wrong in a template, as a located ``Problem``: while a page renders (a name the
page does not have, a filter or template that does not exist, Jinja's syntax), and what
``check`` finds by compiling the project's own templates (``templates/*.j2``) without
rendering them: their syntax, the templates they extend, include or import, and blocks their
parent does not define and no template shows as ``self.NAME`` (which would never be shown).

Imported when a template is first used: Jinja is not needed to start the CLI.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

import jinja2
from jinja2 import nodes
from jinja2.utils import missing

from bulletin.diagnostics import Location, MessageArg, Problem, UsageError, error, warning
from bulletin.suggest import did_you_mean


class UnknownName(jinja2.UndefinedError):
    """Jinja's ``UndefinedError``, with what was looked up and on what (``missing``: a
    variable of the page), so that the message can list what there is."""

    def __init__(self, message: str, owner: object, name: str | None, hint: str | None) -> None:
        super().__init__(message)
        self.owner = owner
        self.name = name
        self.hint = hint


def _fail(self: jinja2.StrictUndefined, *args: object, **kwargs: object) -> NoReturn:
    raise UnknownName(
        self._undefined_message,
        self._undefined_obj,
        self._undefined_name,
        self._undefined_hint,
    )


# StrictUndefined, raising ``UnknownName``: every operation it refuses is an alias of one
# method, which each alias names directly, so each is replaced.
Undefined: type[jinja2.StrictUndefined] = type(
    "Undefined",
    (jinja2.StrictUndefined,),
    {
        "__slots__": (),
        **{
            name: _fail
            for name in dir(jinja2.StrictUndefined)
            if getattr(jinja2.StrictUndefined, name) is jinja2.Undefined._fail_with_undefined_error
        },
    },
)

# What a template's variables are called, by the view each holds (for the message).
_VIEW_NAMES = {
    "BulletinView": "bulletin",
    "SectionView": "section",
    "EntryView": "entry",
    "ImageView": "image",
    "FigureView": "figure",
    "OverviewView": "overview",
    "OverviewBlock": "block",
    "ChartView": "chart",
    "BarView": "bar",
    "TableView": "table",
    "ArchiveView": "archive",
    "ArchiveWeekView": "week",
    "Theme": "theme",
    "OverviewStyles": "style",
}
_NO_FILTER = re.compile(r"No (filter|test) named '([^']+)'")
# ... looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that
# needs to be closed is 'if'. (The end tag is the last.)
_UNCLOSED = re.compile(
    r"looking for the following tags: (?:'\w+' or )*'(\w+)'.*"
    r"The innermost block that needs to be closed is '(\w+)'",
    re.DOTALL,
)
_NAME = re.compile(r"[\w.-]+")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '(\w+)'")
# unexpected '}'; unexpected char '!' at 12; expected token 'end of print statement', got 'x'
_UNEXPECTED = re.compile(r"^(?:unexpected (?:char )?|expected token '[^']+', got )'(.+?)'")
_TAGS = (
    "block", "endblock", "extends", "include", "import", "from", "if", "elif", "else",
    "endif", "for", "endfor", "set", "endset", "macro", "endmacro", "call", "endcall",
    "filter", "endfilter", "raw", "endraw", "with", "endwith", "autoescape", "endautoescape",
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Templates:
    """The folders templates are found in, the project's first, and how a file is shown."""

    environment: jinja2.Environment

    @property
    def folders(self) -> list[Path]:
        loader = self.environment.loader
        assert isinstance(loader, jinja2.FileSystemLoader)
        return [Path(folder) for folder in loader.searchpath]

    def file(self, name: str) -> Path | None:
        """The file of a template name (the first found), or a template's own path."""
        path = Path(name)
        if self.holds(path):
            return path
        return next((f / name for f in self.folders if (f / name).is_file()), None)

    def holds(self, path: Path) -> bool:
        return any(path.is_relative_to(folder) for folder in self.folders)

    def names(self) -> list[str]:
        return sorted(name for name in self.environment.list_templates() if name.endswith(".j2"))

    def at(self, path: Path | None, line: int, needle: str = "", skip: int = 0) -> Location:
        """``templates/bulletin.md.j2:LINE:COL`` (the project's templates folder is
        ``templates`` in the project; a built-in one is shown the same way), with the column
        at ``needle`` in that line when it is there (``skip``: its characters not pointed at,
        the dot of ``.name``)."""
        if path is None:
            return Location("templates", 0, 0)
        shown = next(
            (
                f"{folder.name}/{path.relative_to(folder).as_posix()}"
                for folder in self.folders
                if path.is_relative_to(folder)
            ),
            path.name,
        )
        return Location(shown, line, _column(path, line, needle, skip) if line else 0)

    def without_folders(self, text: str) -> str:
        """Jinja's words without the folders it searched (the installed package's among them)."""
        for folder in self.folders:
            text = text.replace(f"{folder}/", "").replace(str(folder), folder.name)
        return text


def _column(path: Path, line: int, needle: str, skip: int) -> int:
    """Where a name stands in the line (Jinja tells lines only); 1 for anything else."""
    if not _NAME.fullmatch(needle[skip:]):
        return 1
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    if line > len(lines):
        return 1
    found = re.search(rf"(?<![\w.]){re.escape(needle)}(?!\w)", lines[line - 1])
    if found is None and skip:
        found = re.search(rf"{re.escape(needle)}(?!\w)", lines[line - 1])
    return found.start() + skip + 1 if found else 1


def template_problem(
    environment: jinja2.Environment,
    exc: BaseException,
    page: str | None = None,
    given: Sequence[str] = (),
) -> Problem:
    """The problem of a template that failed, told in the user's words where it is common:
    ``page`` is the template the page was rendered from, ``given`` the names it received."""
    templates = Templates(environment)
    page_arg: dict[str, MessageArg] = {"page": page} if page else {}
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = templates.file(exc.filename or exc.name or page or "")
        return _syntax_problem(templates, path, exc.lineno or 1, exc, page_arg)
    path, line = _failing_line(templates, exc) or (templates.file(page or ""), 0)
    if isinstance(exc, UnknownName) and exc.hint is None and exc.name is not None:
        if exc.owner is missing:
            args = _choice(exc.name, sorted({*given, "theme", "style"}))
            if exc.name in ("bulletin", "archive") and exc.name not in given:
                args["shared"] = "base.html.j2"
            where = templates.at(path, line, exc.name)
            return error(where, "E-template-undefined", **page_arg, **args)
        kind = type(exc.owner).__name__
        if kind in _VIEW_NAMES:
            args = _choice(exc.name, _view_names(type(exc.owner)))
            where = templates.at(path, line, "." + exc.name, 1)
            owner = _VIEW_NAMES[kind]
            return error(where, "E-template-attribute", **page_arg, owner=owner, **args)
    if isinstance(exc, jinja2.TemplateNotFound):
        name = exc.name if isinstance(exc.name, str) else ""
        args = _choice(name, templates.names())
        where = templates.at(path, line, name)
        return error(where, "E-template-missing", **page_arg, **args)
    reason = templates.without_folders(str(exc) or type(exc).__name__)
    return error(templates.at(path, line), "E-template", **page_arg, reason=reason.rstrip("。."))


def _syntax_problem(
    templates: Templates,
    path: Path | None,
    line: int,
    exc: jinja2.TemplateSyntaxError,
    page_arg: dict[str, MessageArg],
) -> Problem:
    message = exc.message or ""
    if match := _NO_FILTER.search(message):
        kind, name = match.groups()
        known = templates.environment.filters if kind == "filter" else templates.environment.tests
        args = {"name": name, "suggestion": did_you_mean(name, known) or ""}
        return error(templates.at(path, line, name), f"E-template-{kind}", **page_arg, **args)
    unclosed = _UNCLOSED.search(message)
    if match := _UNKNOWN_TAG.search(message):
        # A tag Jinja knows, out of place: the end tag it was looking for is the likelier.
        name = match[1]
        suggestion = unclosed[1] if unclosed and name in _TAGS else did_you_mean(name, _TAGS)
        args = {"name": name, "suggestion": suggestion or ""}
        return error(templates.at(path, line, name), "E-template-tag", **page_arg, **args)
    if message == "Missing end of raw directive" or unclosed:
        end, opened = unclosed.groups() if unclosed else ("endraw", "raw")
        where = templates.at(path, line)
        return error(where, "E-template-unclosed", **page_arg, value=end, opened=opened)
    if match := _UNEXPECTED.search(message):
        name = match[1]
        return error(templates.at(path, line, name), "E-template-unexpected", **page_arg, name=name)
    reason = templates.without_folders(message).rstrip("。.")
    return error(templates.at(path, line), "E-template", **page_arg, reason=reason)


def _choice(name: str, choices: Sequence[str]) -> dict[str, MessageArg]:
    return {
        "name": name,
        "suggestion": did_you_mean(name, choices) or "",
        "choices": tuple(choices),
    }


def _view_names(kind: type) -> list[str]:
    """What a template may use of a view: its fields, then its properties."""
    names = [f.name for f in dataclasses.fields(kind)] if dataclasses.is_dataclass(kind) else []
    names += [
        name
        for name, value in vars(kind).items()
        if isinstance(value, property) and not name.startswith("_")
    ]
    if not names and hasattr(kind, "model_fields"):  # the theme, a pydantic model
        names = list(kind.model_fields)
    return names


def _failing_line(templates: Templates, exc: BaseException) -> tuple[Path, int] | None:
    """The innermost template line in the traceback (Jinja rewrites its frames so that they
    name the template file and its line)."""
    found = None
    trace = exc.__traceback__
    while trace is not None:
        path = Path(trace.tb_frame.f_code.co_filename)
        if templates.holds(path):
            found = path, trace.tb_lineno
        trace = trace.tb_next
    return found


def run_reporting(
    environment: jinja2.Environment,
    page: str,
    given: Sequence[str],
    render: Callable[[], str],
) -> str:
    """``render()``; any failure of it is the template's (the view it gets is checked), a
    usage error located at the template's line."""
    try:
        return render()
    except Exception as exc:
        problem = template_problem(environment, exc, page, given)
        raise UsageError([problem]) from None


def override_problems(
    environment: jinja2.Environment, folder: Path, blocks: bool = True
) -> list[Problem]:
    """The project's own templates compiled (not rendered): their syntax, the templates they
    name (errors: a build would stop at them), and with ``blocks`` the blocks shown nowhere
    (a warning, ``check``'s to tell: a build does not look for them). None when the project
    has no templates folder."""
    if not folder.is_dir():
        return []
    templates = Templates(environment)
    problems: list[Problem] = []
    parsed: dict[str, tuple[Path, nodes.Template]] = {}
    for path in sorted(folder.rglob("*.j2")):
        name = path.relative_to(folder).as_posix()
        try:
            environment.get_template(name)
            parsed[name] = (
                path,
                environment.parse(path.read_text(encoding="utf-8"), name, str(path)),
            )
        except jinja2.TemplateSyntaxError as exc:
            problems.append(template_problem(environment, exc))
        except (OSError, UnicodeError) as exc:
            reason = str(exc).rstrip(".")
            problems.append(error(templates.at(path, 0), "E-template", reason=reason))
    for path, tree in parsed.values():
        problems += _named_templates(templates, tree, path)
    if blocks:
        problems += _unshown_blocks(templates, parsed)
    return problems


def _constant_names(tree: nodes.Template) -> Iterator[tuple[nodes.Node, str]]:
    """Each ``{% extends %}``, ``{% include %}`` and ``{% import %}`` of a template that names
    one template as written (not a variable, not ``ignore missing``)."""
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template  # type: ignore[attr-defined]
        named = isinstance(target, nodes.Const) and isinstance(target.value, str)
        if named and not getattr(node, "ignore_missing", False):
            yield node, target.value


def _named_templates(templates: Templates, tree: nodes.Template, path: Path) -> list[Problem]:
    names = templates.names()
    return [
        error(templates.at(path, node.lineno, name), "E-template-missing", **_choice(name, names))
        for node, name in _constant_names(tree)
        if templates.file(name) is None
    ]


@dataclasses.dataclass(frozen=True)
class _Ancestry:
    """What a template extends: their names, their blocks (in order), and the blocks that
    any of them shows through ``self`` (``{{ self.contact() }}``)."""

    names: list[str]
    blocks: list[str]
    read: set[str]


def _unshown_blocks(
    templates: Templates, parsed: dict[str, tuple[Path, nodes.Template]]
) -> list[Problem]:
    """A block of a template that extends another is shown where the parent (or its parents)
    has a block of that name, or where a template of the page reads it as ``self.NAME``: any
    other is dropped without a word by Jinja."""
    ancestry = {name: _ancestry_of(templates, tree) for name, (_, tree) in parsed.items()}
    read: dict[str, set[str]] = {name: set() for name in parsed}
    for name, (_, tree) in parsed.items():
        above = ancestry[name]
        seen = _read_through_self(tree) | (above.read if above else set())
        for each in (name, *(above.names if above else ())):
            read.setdefault(each, set()).update(seen)  # a page whose template is this one's
    problems = []
    for name, (path, tree) in parsed.items():
        above = ancestry[name]
        if above is None:
            continue
        problems += [
            warning(
                templates.at(path, block.lineno, block.name),
                "W-template-block",
                parent=above.names[0],
                **_choice(block.name, above.blocks),
            )
            for block in _outer_blocks(tree)
            if block.name not in above.blocks and block.name not in read[name]
        ]
    return problems


def _ancestry_of(templates: Templates, tree: nodes.Template) -> _Ancestry | None:
    """The templates a template extends; None when it extends none, or one of them cannot be
    read (its own problem is reported) or extends itself."""
    parents = (name for node, name in _constant_names(tree) if isinstance(node, nodes.Extends))
    parent = next(parents, None)
    return _blocks_of(templates, parent, set()) if parent is not None else None


def _blocks_of(templates: Templates, name: str, seen: set[str]) -> _Ancestry | None:
    """A template and those it extends; None when one cannot be read or extends itself."""
    if name in seen:
        return None
    seen.add(name)
    environment = templates.environment
    path = templates.file(name)
    try:
        source = path.read_text(encoding="utf-8") if path else None
        tree = environment.parse(source, name, str(path)) if source is not None else None
    except (jinja2.TemplateError, OSError, UnicodeError):
        return None
    if tree is None:
        return None
    found = _Ancestry(
        [name], [b.name for b in tree.find_all(nodes.Block)], _read_through_self(tree)
    )
    for node, parent in _constant_names(tree):
        if isinstance(node, nodes.Extends):
            above = _blocks_of(templates, parent, seen)
            if above is None:
                return None
            found.names.extend(above.names)
            found.blocks.extend(block for block in above.blocks if block not in found.blocks)
            found.read.update(above.read)
    return found


def _read_through_self(tree: nodes.Template) -> set[str]:
    """The blocks a template shows by name: ``self.NAME`` or ``self["NAME"]``."""
    names = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        owner = node.node  # type: ignore[attr-defined]
        if not (isinstance(owner, nodes.Name) and owner.name == "self"):
            continue
        if isinstance(node, nodes.Getattr):
            names.add(node.attr)
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            names.add(str(node.arg.value))
    return names


def _outer_blocks(node: nodes.Node) -> Iterator[nodes.Block]:
    """The blocks not inside another block: those that replace the parent's (a block inside
    one is shown where it stands)."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            yield child
        else:
            yield from _outer_blocks(child)
