"""The real terminal for ``bulletin new``'s questions: part of the command line, like cli.py.

The core asks through the ``interview.Terminal`` protocol and never touches the console itself.
"""

from __future__ import annotations


class ConsoleTerminal:
    """Questions on the real terminal; the body in ``$VISUAL``/``$EDITOR`` when asked for."""

    def ask(self, question: str, default: str = "") -> str:
        import typer

        answer: str = typer.prompt(question, default=default, show_default=bool(default))
        return answer.strip()

    def say(self, line: str) -> None:
        import typer

        typer.echo(line)

    def edit(self) -> str | None:
        import os
        import shlex
        import shutil
        import subprocess
        import tempfile
        from pathlib import Path

        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            # Not vi: a worker who has never used it cannot even leave it.
            fallback = next(filter(shutil.which, ("nano", "notepad")), None)
            command = fallback or ""
        if not command:
            return None
        with tempfile.TemporaryDirectory() as folder:
            draft = Path(folder) / "正文.md"
            draft.write_text("", encoding="utf-8")
            if subprocess.call([*shlex.split(command), str(draft)]) != 0:
                return None
            return draft.read_text(encoding="utf-8")
