"""``bulletin serve WEEK``: the week's bulletin on 127.0.0.1, rebuilt whenever a file changes.

Nothing is written to disk: each rebuild checks, compiles and renders in memory, photos
included (prepared once per file version, see images.py). A small script, added only to the pages served here and never
to built files, listens for rebuilds (server-sent events) and reloads the page. When the
entries, the config or a template have errors, the page lists them instead of the bulletin,
and the preview goes on: fixing the file brings the bulletin back.
"""

from __future__ import annotations

import html
import mimetypes
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bulletin.config import Project, load_project
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


@dataclass(frozen=True)
class Preview:
    """One rebuild: the pages by URL path and the images they use, or the problems instead."""

    version: int
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def _refuse_impossible_week(root: Path, week_spec: str) -> None:
    """A week no edit can make valid (看不懂周次, 2022-W53) is refused before serving: the
    preview would show that problem alone, and Ctrl+C would end it with success."""
    from datetime import date

    from bulletin.check import resolve_week

    try:
        project = load_project(root)
    except UsageError:
        return  # the preview shows what is wrong with the project, and follows its fixes
    resolve_week(project, week_spec, date.today())


class PreviewServer:
    """Serves the latest ``Preview``; ``rebuild`` makes a new one and wakes every open page."""

    def __init__(self, root: Path, week_spec: str, lang: Lang, port: int = 0) -> None:
        self.root = root.resolve()
        self.build_dir = self.root / "build"
        self.week_spec = week_spec
        _refuse_impossible_week(self.root, week_spec)
        self.lang = lang
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

    def rebuild(self) -> Preview:
        version = self.preview.version + 1
        try:
            # The config is read again each time: it may be what changed.
            project = load_project(self.root)
            self.build_dir = (project.root / project.config.build_dir).resolve()
            preview = _render(project, self.week_spec, version)
        except BulletinError as exc:
            preview = Preview(version, problems=tuple(exc.problems))
        with self.changed:
            self.preview = preview
            self.changed.notify_all()
        return preview

    def start(self) -> None:
        """Serve and watch in background threads (the tests use this)."""
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, daemon=True).start()

    def serve_forever(self) -> None:
        """Serve here and watch in the background until interrupted (the CLI uses this)."""
        threading.Thread(target=self.watch, daemon=True).start()
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

    def watch(self) -> None:
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
            self.rebuild()

    def page(self, path: str) -> tuple[HTTPStatus, str, bytes]:
        preview = self.preview
        name = MAIN_PAGE if path in ("", "/") else path.lstrip("/")
        if preview.problems:
            if name.endswith(".html"):
                body = _problems_page(preview, self.lang)
                return HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8")
        elif name in preview.pages:
            body = preview.pages[name]
            if name.endswith(".html"):
                body = _with_reload(body, preview.version)
            kind = mimetypes.guess_type(name)[0] or "text/plain"
            return HTTPStatus.OK, f"{kind}; charset=utf-8", body.encode("utf-8")
        elif name in preview.assets:
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return HTTPStatus.OK, kind, preview.assets[name]
        body = _page(
            text("serve_not_found", self.lang),
            f'<p><a href="/">{html.escape(text("serve_back", self.lang))}</a></p>',
            preview.version,
            self.lang,
        )
        return HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body.encode("utf-8")


def _render(project: Project, week_spec: str, version: int) -> Preview:
    from bulletin.build import compile_week, render_formats
    from bulletin.render import FORMATS

    _, compiled, _ = compile_week(project, week_spec)
    pages, _ = render_formats(project, compiled, list(FORMATS))
    return Preview(version, pages, dict(compiled.assets))


def _with_reload(page: str, version: int) -> str:
    script = _RELOAD_SCRIPT.format(version=version, events=EVENTS_PATH)
    head, marker, tail = page.rpartition("</body>")
    return f"{head}{script}{marker}{tail}" if marker else page + script


def _problems_page(preview: Preview, lang: Lang) -> str:
    lines = "\n".join(
        f"<li><code>{html.escape(format_problem(problem, lang))}</code></li>"
        for problem in preview.problems
    )
    return _page(text("serve_problems", lang), f"<ul>\n{lines}\n</ul>", preview.version, lang)


def _page(title: str, body: str, version: int, lang: Lang) -> str:
    """A page of the preview's own (not the bulletin): ``title`` as its heading, ``body``
    (HTML) below, reloaded after each rebuild like the bulletin."""
    title = html.escape(title)
    return _with_reload(
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>body{{font-family:sans-serif;margin:1em;}}"
        "li{margin:.6em 0;color:#a00;}code{white-space:pre-wrap;}</style></head>\n"
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
