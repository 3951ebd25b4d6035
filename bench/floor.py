"""The floor: read every entry file and parse it with libyaml, nothing else.

No tool that reads these files as YAML can be faster than this process; ``run.py`` times it as
a whole process (interpreter start-up and the ``yaml`` import included), like ``bulletin``.

Run: python bench/floor.py ENTRIES_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> None:
    files = sorted(Path(sys.argv[1]).rglob("*.yaml"))
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    print(f"{len(files)} files parsed")


if __name__ == "__main__":
    main()
