"""Render a prepared ``BulletinView`` with Jinja templates, the project's own first.

The search path is ``<project>/templates`` then the built-in templates, so a project
overrides any template by giving a file of the same name (mkdocs' ``custom_dir``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin.diagnostics import Location, UsageError, error
from bulletin.view import BulletinView, SectionView

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

_BETWEEN_TAGS = re.compile(r">\s+<")


@dataclass(frozen=True)
class OutputFormat:
    name: str
    template: str
    filename: str
    prepare: Callable[[BulletinView], BulletinView]


def builtin_templates_dir() -> Path:
    """Inside the wheel ``bulletin/templates``; in a source checkout the top-level ``templates``."""
    packaged = Path(str(resources.files("bulletin"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def make_environment(project_templates: Path | None) -> jinja2.Environment:
    import jinja2

    search_path = (
        [str(project_templates)] if project_templates and project_templates.is_dir() else []
    )
    search_path.append(str(builtin_templates_dir()))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "htm")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["tight"] = _tight
    return environment


def _tight(html: str) -> Markup:
    """Drop the whitespace between tags: the WeChat editor turns it into stray text."""
    from markupsafe import Markup

    return Markup(_BETWEEN_TAGS.sub("><", str(html)).strip())


def render(environment: jinja2.Environment, output: OutputFormat, bulletin: BulletinView) -> str:
    """Render one format of a week's bulletin."""
    return render_template(environment, output.template, bulletin=output.prepare(bulletin))


def render_template(environment: jinja2.Environment, name: str, **context: object) -> str:
    """A broken template (usually a project override) is a usage error, located in its file."""
    import jinja2

    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = Location(exc.filename or exc.name or name, exc.lineno or 1)
        raise UsageError([error(where, "E-template", reason=exc.message or "")]) from None
    except jinja2.TemplateError as exc:
        where = Location(_template_path(environment, name))
        raise UsageError([error(where, "E-template", reason=str(exc))]) from None


def _template_path(environment: jinja2.Environment, name: str) -> str:
    assert environment.loader is not None
    try:
        source = environment.loader.get_source(environment, name)[1]
    except Exception:  # the name itself may be what failed to load
        return name
    return source or name


def _as_is(bulletin: BulletinView) -> BulletinView:
    return bulletin


def with_body_html(bulletin: BulletinView) -> BulletinView:
    """Convert every entry body from Markdown once, with one reused converter."""
    import markdown
    from markupsafe import Markup

    converter = markdown.Markdown(extensions=["nl2br", "sane_lists"])

    def convert(text: str) -> str:
        converter.reset()
        return Markup(converter.convert(text))

    sections = tuple(
        SectionView(
            number=section.number,
            key=section.key,
            title=section.title,
            entries=tuple(
                dataclasses.replace(entry, body_html=convert(entry.body))
                for entry in section.entries
            ),
        )
        for section in bulletin.sections
    )
    return dataclasses.replace(bulletin, sections=sections)


FORMATS = {
    "md": OutputFormat("md", "bulletin.md.j2", "bulletin.md", _as_is),
    "html": OutputFormat("html", "bulletin.html.j2", "bulletin.html", with_body_html),
}
