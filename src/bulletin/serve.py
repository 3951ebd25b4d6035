"""``bulletin serve WEEK``: the week's bulletin on 127.0.0.1, rebuilt whenever a file changes.

Each rebuild makes the week's folder as ``build`` writes it, in memory (nothing is written
to ``build/``), using and updating the cache as ``build`` does, so that a rebuild after an edit
redoes only what changed (``.bulletin-cache/``, see cache.py; ``cache=False`` neither reads nor
writes it). A small script, added only to the pages served here and never to built files,
listens for rebuilds (server-sent events) and reloads the page; the week's warnings show in a
box above the bulletin, also only here. When the entries, the config or a template have
errors, the page lists them (and the warnings, told apart) instead of the bulletin, and the
preview goes on: fixing the file brings the bulletin back. Each rebuild is handed to the
caller's ``on_rebuild`` (the CLI prints what it found).
"""

from __future__ import annotations

import html
import mimetypes
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bulletin.config import load_project
from bulletin.diagnostics import BulletinError, Location, Problem, UsageError, error
from bulletin.messages import Lang, format_problem, text

HOST = "127.0.0.1"
EVENTS_PATH = "/__bulletin__/events"
MAIN_PAGE = "bulletin.html"
_KEEPALIVE_SECONDS = 15
_RELOAD_SCRIPT = """<script>/* bulletin serve: reload after each rebuild */
(() => {{ const shown = "{version}";
  const events = new EventSource("{events}");
  events.onmessage = (event) => {{ if (event.data !== shown) location.reload(); }};
}})();</script>
"""


_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
# Not the bulletin's: a box of the preview's own, styled apart from any theme or template.
_WARNINGS_STYLE = """<style>/* bulletin serve: the week's warnings, never in built files */
#bulletin-serve-warnings { all: initial; display: block; box-sizing: border-box;
  margin: 0; padding: 8px 12px; background: #fff4d6; border-bottom: 3px solid #b26a00;
  color: #4a3500; font: 14px/1.5 sans-serif; }
#bulletin-serve-warnings summary { cursor: pointer; font-weight: bold; }
#bulletin-serve-warnings ul { margin: 8px 0 0; padding-left: 1.2em; }
#bulletin-serve-warnings li { margin: 4px 0; }
#bulletin-serve-warnings ul.errors code { color: #a00; }
#bulletin-serve-warnings code { font: 13px/1.5 monospace; white-space: pre-wrap;
  overflow-wrap: anywhere; }
</style>
"""
# The box stays open across reloads once opened.
_WARNINGS_SCRIPT = """<script>(() => {
  const box = document.getElementById("bulletin-serve-warnings");
  box.open = sessionStorage.getItem("bulletin-serve-warnings") === "open";
  box.addEventListener("toggle", () =>
    sessionStorage.setItem("bulletin-serve-warnings", box.open ? "open" : ""));
})();</script>
"""
_TEXT_FILES = (".html", ".md", ".json")


@dataclass(frozen=True)
class Preview:
    """One rebuild: the week's files by URL path, as ``build`` writes them, and its warnings
    (and the errors of a WeChat article it could not make, which is then not among the
    files); or no files and the problems that stopped it (its warnings among them)."""

    version: int
    files: dict[str, bytes] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def built(self) -> bool:
        return bool(self.files)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]


# Called with each rebuild, once its preview is being served.
OnRebuild = Callable[[Preview], None]


def _refuse_impossible_week(root: Path, week_spec: str, published: str | None) -> None:
    """A week no edit can make valid (看不懂周次, 2022-W53), or a ``--date`` that cannot be
    the week's, is refused before serving: the preview would show that problem alone, and
    Ctrl+C would end it with success."""
    from datetime import date

    from bulletin.build import publication_date
    from bulletin.check import resolve_week

    try:
        project = load_project(root)
    except UsageError:
        return  # the preview shows what is wrong with the project, and follows its fixes
    publication_date(project, resolve_week(project, week_spec, date.today()), published)


class PreviewServer:
    """Serves the latest ``Preview``; ``rebuild`` makes a new one and wakes every open page."""

    def __init__(
        self,
        root: Path,
        week_spec: str,
        lang: Lang,
        port: int = 0,
        cache: bool = True,
        published: str | None = None,
    ) -> None:
        """``published``: the date under the title, as ``build --date`` takes it."""
        self.root = root.resolve()
        self.build_dir = self.root / "build"
        self.week_spec = week_spec
        self.published = published
        _refuse_impossible_week(self.root, week_spec, published)
        self.lang = lang
        self.cache = cache
        self.preview = Preview(0)
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        try:
            self.http = ThreadingHTTPServer((HOST, port), _handler_for(self))
        except OSError as exc:
            where = Location.command_line(f"{HOST}:{port}")
            raise UsageError([error(where, "E-serve-port", reason=exc.strerror or "")]) from None
        self.http.daemon_threads = True
        self.rebuild()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.http.server_address[1]}/"

    def rebuild(self) -> Preview | None:
        """Build the preview again; None when it came out as it was (a saved file that changed
        nothing, a log written into the project): the page is not reloaded."""
        from bulletin.build import preview_week
        from bulletin.cache import Cache

        version = self.preview.version + 1
        try:
            # The config is read again each time: it may be what changed.
            project = load_project(self.root)
            self.build_dir = (project.root / project.config.build_dir).resolve()
            cache = Cache(project, enabled=self.cache)
            week, article_errors = preview_week(
                project, self.week_spec, cache, published=self.published
            )
            preview = Preview(version, week.files, (*article_errors, *week.warnings))
        except BulletinError as exc:
            preview = Preview(version, problems=tuple(exc.problems))
        if (preview.files, preview.problems) == (self.preview.files, self.preview.problems):
            return None
        with self.changed:
            self.preview = preview
            self.changed.notify_all()
        return preview

    def start(self, on_rebuild: OnRebuild | None = None) -> None:
        """Serve and watch in background threads (the tests use this)."""
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, args=(on_rebuild,), daemon=True).start()

    def serve_forever(self, on_rebuild: OnRebuild | None = None) -> None:
        """Serve here and watch in the background until interrupted (the CLI uses this)."""
        threading.Thread(target=self.watch, args=(on_rebuild,), daemon=True).start()
        try:
            self.http.serve_forever()
        finally:
            self.stop()

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        self.http.shutdown()
        self.http.server_close()

    def watch(self, on_rebuild: OnRebuild | None = None) -> None:
        import watchfiles

        def relevant(change: watchfiles.Change, name: str) -> bool:
            """Anything in the project but its output and hidden files (editors' swap files)."""
            path = Path(name)
            hidden = any(part.startswith(".") for part in path.relative_to(self.root).parts)
            return not hidden and not path.is_relative_to(self.build_dir)

        for _ in watchfiles.watch(
            self.root,
            watch_filter=relevant,
            stop_event=self.stopping,
            debounce=300,
            step=50,
            raise_interrupt=False,
        ):
            preview = self.rebuild()
            if preview is not None and on_rebuild is not None:
                on_rebuild(preview)

    def page(self, path: str) -> tuple[HTTPStatus, str, bytes]:
        preview = self.preview
        name = MAIN_PAGE if path in ("", "/") else path.lstrip("/")
        if not preview.built or (name not in preview.files and preview.errors):
            if name.endswith(".html"):
                body = _problems_page(preview, self.lang)
                return HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8")
        elif name in preview.files:
            data = preview.files[name]
            if name.endswith(".html"):
                page = _with_warnings(data.decode("utf-8"), preview, self.lang)
                data = _with_reload(page, preview.version).encode("utf-8")
            if name.endswith(_TEXT_FILES):
                kind = mimetypes.guess_type(name)[0] or "text/plain"
                return HTTPStatus.OK, f"{kind}; charset=utf-8", data
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return HTTPStatus.OK, kind, data
        body = _page(
            text("serve_not_found", self.lang),
            f'<p><a href="/">{html.escape(text("serve_back", self.lang))}</a></p>',
            preview.version,
            self.lang,
        )
        return HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body.encode("utf-8")


def _with_reload(page: str, version: int) -> str:
    script = _RELOAD_SCRIPT.format(version=version, events=EVENTS_PATH)
    head, marker, tail = page.rpartition("</body>")
    return f"{head}{script}{marker}{tail}" if marker else page + script


def _with_warnings(page: str, preview: Preview, lang: Lang) -> str:
    """The page with the week's warnings in a box of the preview's own at the top of its
    body, closed to one line until opened (a fragment, without a body, is left as it is)."""
    errors, warnings = preview.errors, preview.warnings
    opening = _BODY_TAG.search(page)
    if not preview.problems or opening is None:
        return page
    summary = html.escape(
        text("serve_article_box", lang, errors=len(errors), count=len(warnings))
        if errors
        else text("serve_warnings_box", lang, count=len(warnings))
    )
    listed = _problem_list(errors, lang, "errors") if errors else ""
    if warnings:
        listed += _problem_list(warnings, lang)
    box = (
        f'{_WARNINGS_STYLE}<details id="bulletin-serve-warnings"><summary>{summary}</summary>\n'
        f"{listed}</details>\n{_WARNINGS_SCRIPT}"
    )
    return f"{page[: opening.end()]}\n{box}{page[opening.end() :]}"


def _problem_list(problems: list[Problem], lang: Lang, kind: str = "") -> str:
    attribute = f' class="{kind}"' if kind else ""
    lines = "".join(
        f"<li><code>{html.escape(format_problem(problem, lang))}</code></li>\n"
        for problem in problems
    )
    return f"<ul{attribute}>\n{lines}</ul>\n"


def _problems_page(preview: Preview, lang: Lang) -> str:
    """The errors that stopped the rebuild, then its warnings, each under its own heading
    and in its own colour."""
    parts = []
    for kind, problems in (("errors", preview.errors), ("warnings", preview.warnings)):
        if problems:
            heading = html.escape(text(f"serve_{kind}", lang, count=len(problems)))
            parts.append(
                f'<h2 class="{kind}">{heading}</h2>\n{_problem_list(problems, lang, kind)}'
            )
    return _page(text("serve_problems", lang), "".join(parts), preview.version, lang)


def _page(title: str, body: str, version: int, lang: Lang) -> str:
    """A page of the preview's own (not the bulletin): ``title`` as its heading, ``body``
    (HTML) below, reloaded after each rebuild like the bulletin."""
    title = html.escape(title)
    return _with_reload(
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>body{{font-family:sans-serif;margin:1em;}}"
        "h2{font-size:1.1em;margin:1.2em 0 .4em;}li{margin:.6em 0;}"
        "code{white-space:pre-wrap;overflow-wrap:anywhere;}"
        ".errors{color:#a00;}ul.errors li{border-left:4px solid #a00;padding-left:.5em;}"
        ".warnings{color:#6b4a00;}ul.warnings li{border-left:4px solid #d99a00;"
        "padding-left:.5em;}</style></head>\n"
        f"<body><h1>{title}</h1>\n{body}\n</body></html>\n",
        version,
    )


_LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def _handler_for(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # A page elsewhere could point its own name at 127.0.0.1 (DNS rebinding) and read
            # the unpublished preview: answer only requests addressed to this machine by name.
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
            if host not in _LOCAL_NAMES:
                self.send_error(HTTPStatus.MISDIRECTED_REQUEST)
                return
            path = self.path.split("?", 1)[0]
            if path == EVENTS_PATH:
                self._events()
                return
            from urllib.parse import unquote

            status, kind, body = server.page(unquote(path))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            sent = -1
            try:
                while not server.stopping.is_set():
                    version = server.preview.version
                    self.wfile.write(
                        f"data: {version}\n\n".encode() if version != sent else b": idle\n\n"
                    )
                    self.wfile.flush()
                    sent = version
                    with server.changed:
                        if server.preview.version == sent and not server.stopping.is_set():
                            server.changed.wait(_KEEPALIVE_SECONDS)
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the terminal shows the preview's address, not every request."""

    return Handler
