"""Render a prepared ``BulletinView`` with Jinja templates, the project's own first.

The search path is ``<project>/templates`` then the built-in templates, so a project
overrides any template by giving a file of the same name (mkdocs' ``custom_dir``).
"""

from __future__ import annotations

import dataclasses
import json
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from bulletin.body_markdown import normalise_body
from bulletin.cache import FileVersion, file_version
from bulletin.diagnostics import Location, Problem, UsageError, warning
from bulletin.sanitize import markdown_safe, page_body_converter
from bulletin.theme import BUILTIN_THEMES, Theme
from bulletin.view import BulletinView, SectionView, TableView

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

_BETWEEN_TAGS = re.compile(r">\s+<")


@dataclass(frozen=True)
class RenderContext:
    templates_dir: Path  # the project's own templates, found before the built-in ones
    theme: Theme
    entries_dir: str
    title_location: Location
    digest_location: Location
    # Markdown body → its HTML on a page: what a build converted, for the next (``build``
    # keeps each week's in the cache), since converting is most of a page's rendering.
    page_html: dict[str, str] = field(default_factory=dict)

    @cached_property
    def templates_version(self) -> list[tuple[str, FileVersion | None]]:
        """The project's own templates, their names and versions, which what is kept of a
        rendering depends on: read once a run, for every week and the index."""
        folder = self.templates_dir
        templates = sorted(folder.rglob("*")) if folder.is_dir() else []
        return [(str(path), file_version(path)) for path in templates]

    @cached_property
    def environment(self) -> jinja2.Environment:
        """Made when first used: a build that the cache answers renders nothing. The
        project's own templates are checked first, as ``check`` does; their errors stop the
        build (their warnings are ``check``'s to tell)."""
        from bulletin.template_problems import override_problems

        environment = make_environment(self.templates_dir, self.theme)
        problems = override_problems(environment, self.templates_dir, blocks=False)
        if problems:
            raise UsageError(problems)
        return environment

    def week_location(self, week: str) -> Location:
        """Where problems of a week's content as a whole are reported: its entries folder."""
        return Location(f"{self.entries_dir}/{week}", 0, 0)  # the week as a whole


@dataclass(frozen=True)
class Rendered:
    texts: dict[str, str]  # file name in the week's folder → contents
    problems: list[Problem]


class OutputFormat(Protocol):
    @property
    def filename(self) -> str:
        """The file a reader opens (what the archive's index links to)."""

    def render(self, bulletin: BulletinView, context: RenderContext) -> Rendered: ...


@dataclass(frozen=True)
class TemplateFormat:
    """One file from one template."""

    template: str
    filename: str
    prepare: Callable[[BulletinView, RenderContext], BulletinView]

    def render(self, bulletin: BulletinView, context: RenderContext) -> Rendered:
        prepared = self.prepare(bulletin, context)
        sections = _WatchedSections(prepared.sections)
        shown = dataclasses.replace(prepared, sections=sections)
        text = render_template(context.environment, self.template, bulletin=shown)
        problems = []
        count = prepared.entry_count
        if count and not sections.read:
            where = Location(context.templates_dir.name, 0, 0)
            problems.append(warning(where, "W-page-no-entries", page=self.filename, entries=count))
        return Rendered({self.filename: text}, problems)


class _WatchedSections(tuple[SectionView, ...]):
    """A bulletin's sections that remember whether the page's template went through them or
    took one of them: every entry is in one, so a page that did neither shows no entry (its
    ``sections`` block lost), however a page that does show them writes them."""

    read = False

    def __iter__(self) -> Iterator[SectionView]:
        self.read = True
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        self.read = True
        return super().__getitem__(index)


@dataclass(frozen=True)
class WeChatFormat:
    """The article fragment (built in Python, checked) and a preview page that copies it."""

    filename: str = "wechat.html"  # the preview page
    fragment_file: str = "wechat.fragment.html"
    page_template: str = "wechat.html.j2"

    def render(self, bulletin: BulletinView, context: RenderContext) -> Rendered:
        from markupsafe import Markup

        from bulletin.wechat_check import check_article_fields, inspect_fragment

        fragment = self.fragment(bulletin, context)
        problems, text_chars = inspect_fragment(fragment, context.week_location(bulletin.week))
        problems += check_article_fields(
            bulletin.title, bulletin.digest, context.title_location, context.digest_location
        )
        page = render_template(
            context.environment,
            self.page_template,
            bulletin=bulletin,
            fragment=Markup(fragment),
            # For the copy button: the exact fragment as JSON, with no "<" to end its <script>.
            fragment_json=Markup(json.dumps(fragment, ensure_ascii=False).replace("<", "\\u003c")),
            text_chars=text_chars,
            html_chars=len(fragment),
        )
        return Rendered({self.filename: page, self.fragment_file: fragment}, problems)

    def fragment(self, bulletin: BulletinView, context: RenderContext) -> str:
        """The article alone, unchecked (``bulletin publish`` checks it with its image URLs)."""
        from bulletin.wechat import render_fragment

        overview = (
            render_macro(
                context.environment, "overview.html.j2", "overview", bulletin.wechat_overview
            )
            if bulletin.wechat_overview
            else ""
        )
        return render_fragment(bulletin, context.theme, overview)


def builtin_templates_dir() -> Path:
    """Inside the wheel ``bulletin/templates``; in a source checkout the top-level ``templates``."""
    packaged = Path(str(resources.files("bulletin"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def make_environment(
    project_templates: Path | None, theme: Theme | None = None
) -> jinja2.Environment:
    """Every template sees ``theme`` (the default theme unless another is given), and
    ``style``, the inline styles of 本周概况 made from it."""
    import jinja2

    from bulletin.template_problems import Undefined
    from bulletin.wechat import OverviewStyles

    search_path = (
        [str(project_templates)] if project_templates and project_templates.is_dir() else []
    )
    search_path.append(str(builtin_templates_dir()))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "htm")),
        undefined=Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["tight"] = _tight
    theme = theme or BUILTIN_THEMES["default"]
    environment.globals["theme"] = theme
    environment.globals["style"] = OverviewStyles.from_theme(theme)
    return environment


def _tight(html: str) -> Markup:
    """Drop the whitespace between tags: the WeChat editor turns it into stray text."""
    from markupsafe import Markup

    return Markup(_BETWEEN_TAGS.sub("><", str(html)).strip())


def render_template(environment: jinja2.Environment, name: str, **context: object) -> str:
    """A broken template (usually a project override) is a usage error, located in its file
    and naming the page (``name``) that was being made."""
    from bulletin.template_problems import run_reporting

    return run_reporting(
        environment, name, list(context), lambda: environment.get_template(name).render(**context)
    )


def render_macro(environment: jinja2.Environment, name: str, macro: str, *args: object) -> str:
    """One macro of a template, e.g. the 本周概况 of ``overview.html.j2``."""
    from bulletin.template_problems import run_reporting

    def render() -> str:
        template = environment.get_template(name)
        try:
            return str(getattr(template.module, macro)(*args))
        except Exception:
            # Called outside ``render``, the frames are of the compiled code: this gives them
            # the template's lines, as ``render`` does.
            environment.handle_exception()

    return run_reporting(environment, name, [], render)


def with_markdown_safe_text(bulletin: BulletinView, context: RenderContext) -> BulletinView:
    """Every text of the view as ``markdown_safe`` writes it, for bulletin.md, each body first
    shaped as the page reads it (``normalise_body``); a table's cells also kept to their
    cell. (Nothing of the context is needed: Markdown is Markdown.)"""
    shaped = bulletin.with_entries(
        lambda entry: dataclasses.replace(entry, body=normalise_body(entry.body))
    )
    safe = cast(BulletinView, _each_text(shaped, markdown_safe))
    if safe.overview is None:
        return safe
    blocks = tuple(
        dataclasses.replace(block, table=cast(TableView, _each_text(block.table, _table_cell)))
        for block in safe.overview.blocks
    )
    return dataclasses.replace(safe, overview=dataclasses.replace(safe.overview, blocks=blocks))


def _table_cell(text: str) -> str:
    """A Markdown table's cell ends at a ``|`` or a line break of its own text."""
    return " ".join(text.replace("|", "\\|").splitlines())


def _each_text(value: object, change: Callable[[str], str]) -> object:
    """``value`` (a view, a tuple of them, a text) with ``change`` applied to every text."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, tuple):
        items = tuple(_each_text(item, change) for item in value)
        return value if all(map(operator.is_, items, value)) else items
    names = _view_fields(type(value))
    if not names:
        return value
    changed = {name: _each_text(getattr(value, name), change) for name in names}
    if all(changed[name] is getattr(value, name) for name in names):
        return value  # most views have no text to change; copying them all takes long
    return dataclasses.replace(value, **changed)  # type: ignore[type-var]


def _view_fields(kind: type) -> tuple[str, ...]:
    """The fields of a view class, none for any other; listed once per class
    (``dataclasses.fields`` makes its tuple anew on each call, for each of a week's views)."""
    names = _VIEW_FIELDS.get(kind)
    if names is None:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else ()
        names = _VIEW_FIELDS[kind] = tuple(field.name for field in fields)
    return names


_VIEW_FIELDS: dict[type, tuple[str, ...]] = {}


def with_body_html(bulletin: BulletinView, context: RenderContext) -> BulletinView:
    """Every entry body converted from Markdown, or taken as converted before."""
    from markupsafe import Markup

    converted = context.page_html
    convert: Callable[[str], str] | None = None

    def html(body: str) -> str:
        nonlocal convert
        if body not in converted:
            convert = convert or page_body_converter()  # one reused converter for all
            converted[body] = convert(body)
        return converted[body]

    return bulletin.with_entries(
        lambda entry: dataclasses.replace(entry, body_html=Markup(html(entry.body)))
    )


FORMATS: dict[str, OutputFormat] = {
    "md": TemplateFormat("bulletin.md.j2", "bulletin.md", with_markdown_safe_text),
    "html": TemplateFormat("bulletin.html.j2", "bulletin.html", with_body_html),
    "wechat": WeChatFormat(),
}
