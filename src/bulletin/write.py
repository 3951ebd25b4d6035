"""Write a week's output folder all at once: into a temporary folder, then swapped into place.

A failure before the swap leaves the previous ``build/<week>/`` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_folder(target: Path, texts: Mapping[str, str], copies: Mapping[str, Path]) -> list[Path]:
    """Make ``target`` hold exactly ``texts`` (written as UTF-8) and ``copies`` (copied files)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        for name, text in texts.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        for name, source in copies.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, path)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / name for name in sorted([*texts, *copies])]


def _swap_into_place(staging: Path, target: Path) -> None:
    os.chmod(staging, 0o755)
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.replace(target, retired / target.name)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)
