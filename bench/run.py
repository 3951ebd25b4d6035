"""The benchmark: bulletin against the libyaml floor and towncrier on the same N entries.

    python3 bench/run.py [--sizes 1000,10000,100000] [--runs 5] [--json FILE]

Every measurement is a whole process (what a user waits for), repeated, reported as the median
with its peak resident memory. The harness itself uses only the standard library: on the first
run it makes its own environment in bench/.work/venv (bulletin installed editable from this
checkout, so a change in src/ is measured without reinstalling, plus towncrier). See
bench/README.md for what is measured and how to read it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parents[1]
FLOOR = Path(__file__).resolve().parent / "floor.py"
VENV = generate.WORK / "venv"
CACHE_DIR = ".bulletin-cache"
STARTUP_ENTRIES = 10
# A city's week (the Kaifeng example has 54 entries): the size a WeChat article is for.
ARTICLE_ENTRIES = 50
MB = 1_000_000
# The targets.
TARGET_SIZE = 10_000
CHECK_OVER_FLOOR = 1.5
BUILD_OVER_FLOOR = 2.5
MEMORY_SIZE = 100_000
MEMORY_LIMIT = 1_000 * MB
STARTUP_LIMIT = 0.3
# WeChat's limits on one article: a week of thousands of entries is not one post, and
# `build --format wechat` refuses it. The row is then left out, with a note.
WECHAT_LIMITS = ("E-wechat-text-length", "E-wechat-html-size")
# How the results name the references and the build the targets speak of.
FLOOR_TASK = "PyYAML CSafeLoader"
PEER_TASK = "build --draft"
BUILD_MD = f"build {generate.WEEK} --format md"


class BenchError(Exception):
    pass


class NotMeasured(BenchError):
    """A run that refused the input for a reason expected at some sizes, or took too long."""


# ------------------------------------------------------------------------- environment
@dataclass(frozen=True)
class Tools:
    python: Path
    bulletin: Path
    towncrier: Path


def tools(python: str | None) -> Tools:
    """The interpreter given with ``--python``, else the benchmark's own environment."""
    if python is None:
        interpreter = VENV / "bin" / "python"
        ensure_venv(interpreter)
    else:
        interpreter = Path(python).absolute()  # not resolved: a venv's python is a symlink
    found = Tools(interpreter, interpreter.parent / "bulletin", interpreter.parent / "towncrier")
    if not found.bulletin.exists():
        raise BenchError(f"no bulletin next to {interpreter}: install this checkout there")
    if not found.towncrier.exists():
        print(f"installing towncrier into {interpreter.parent.parent} …", file=sys.stderr)
        pip(interpreter, "towncrier")
    return found


def ensure_venv(interpreter: Path) -> None:
    """Made once; made again when pyproject.toml (the dependencies) changes."""
    stamp = VENV / "pyproject.sha256"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if interpreter.exists() and stamp.exists() and stamp.read_text() == wanted:
        return
    print(f"making the benchmark's environment in {VENV} …", file=sys.stderr)
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip(interpreter, "--upgrade", "pip")
    pip(interpreter, "-e", str(ROOT), "towncrier")
    stamp.write_text(wanted)


def pip(interpreter: Path, *arguments: str) -> None:
    subprocess.run([str(interpreter), "-m", "pip", "install", "--quiet", *arguments], check=True)


def child_environment() -> dict[str, str]:
    """The user's environment without what changes bulletin's work or output, or how its
    modules load: an installed package has its bytecode (pip compiles it), so the unmeasured
    first run must be able to write it for this checkout."""
    skip = {"BULLETIN_LANG", "SOURCE_DATE_EPOCH", "PYTHONDONTWRITEBYTECODE"}
    environment = {key: value for key, value in os.environ.items() if key not in skip}
    environment.update({"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})
    return environment


def output_of(*argv: str | Path) -> str:
    done = subprocess.run(
        [str(part) for part in argv],
        capture_output=True,
        text=True,
        env=child_environment(),
        check=False,
    )
    return (done.stdout + done.stderr).strip()


@dataclass(frozen=True)
class Features:
    """What this version of the CLI offers, read from its help."""

    formats: tuple[str, ...]
    no_cache: tuple[str, ...]  # where --no-cache goes: ("",) global, ("check", "build"), or ()

    @property
    def cache(self) -> bool:
        return bool(self.no_cache)


def features(bulletin: Path) -> Features:
    main, check, build = (
        output_of(bulletin, *command, "--help") for command in ((), ("check",), ("build",))
    )
    # The choices of --format as typer prints them, e.g. <list[md|html|wechat]>.
    choices = re.search(r"\bmd(?:\|[\w-]+)+", build)
    formats = tuple(choices[0].split("|")) if choices else ("md", "html")
    if "--no-cache" in main:
        return Features(formats, ("",))
    return Features(
        formats,
        tuple(name for name, text in (("check", check), ("build", build)) if "--no-cache" in text),
    )


# ------------------------------------------------------------------------- measuring
def label(tool: str, task: str, mode: str) -> str:
    return " ".join(part for part in (tool, task, mode and f"({mode})") if part)


@dataclass
class Result:
    size: int  # entries in the project; 0 when no project is read
    tool: str  # floor, towncrier, bulletin
    task: str  # e.g. "check", "build 2022-W47 --format md", "--help"
    # cold: no cache; first: no cache, writes it; warm: second run, nothing changed;
    # changed: a run after one entry's body was edited in one file
    mode: str
    runs: int
    median: float  # seconds
    low: float
    high: float
    peak_rss: int  # bytes, the largest of the runs

    @property
    def label(self) -> str:
        return label(self.tool, self.task, self.mode)


def run_once(
    argv: Sequence[str | Path],
    cwd: Path,
    refusals: Sequence[str] = (),
    timeout: float | None = None,
) -> tuple[float, int]:
    """Wall time and peak RSS of one fresh process (``wait4`` gives that child's own usage).

    ``NotMeasured`` when the run is killed after ``timeout`` seconds or fails naming one of
    ``refusals``; ``BenchError`` for any other failure.
    """
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(part) for part in argv],
            cwd=cwd,
            stdout=output,
            stderr=output,
            env=child_environment(),
        )
        # A timer thread, not polling, so that waiting adds nothing to short runs.
        killer = threading.Timer(timeout, process.kill) if timeout else None
        if killer:
            killer.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if killer:
            killer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        if timeout and elapsed >= timeout and process.returncode < 0:
            raise NotMeasured(f"killed after the --timeout of {timeout:g} s")
        if process.returncode != 0:
            output.seek(0)
            said = output.read().decode("utf-8", "replace")
            named = [code for code in refusals if code in said]
            if named:
                raise NotMeasured(f"refused: {', '.join(named)}")
            raise BenchError(
                f"{' '.join(map(str, argv))} exited {process.returncode}:\n{said[-2000:]}"
            )
    return elapsed, usage.ru_maxrss * 1024  # Linux reports KiB


def as_left() -> None:
    """No preparation: the run finds what the previous run left behind."""


class EditedBody:
    """Before each run, one entry's body in the middle file of the project (in path order) is
    edited, or the edit undone: every run finds one file changed since the run before, as CI
    does when it checks a worker's fix to one file with the cache of the last run."""

    def __init__(self, project: Path) -> None:
        files = sorted((project / "entries").rglob("*.yaml"))
        self.path = files[len(files) // 2]
        self.original = self.path.read_text(encoding="utf-8")
        lines = self.original.splitlines(keepends=True)
        body = next(i for i, line in enumerate(lines) if line.startswith(" " * 6))  # body: |
        lines[body] = lines[body].rstrip("\n") + "（补记）\n"
        self.edited = "".join(lines)

    def __call__(self) -> None:
        now = self.path.read_text(encoding="utf-8")
        self.path.write_text(self.edited if now == self.original else self.original, "utf-8")

    def restore(self) -> None:
        if self.path.read_text(encoding="utf-8") != self.original:
            self.path.write_text(self.original, encoding="utf-8")


@dataclass
class Measurement:
    """One command run again and again; ``prepare`` sets up what each run starts from."""

    size: int
    tool: str
    task: str
    mode: str
    argv: Sequence[str | Path]
    cwd: Path
    prepare: Callable[[], None] = as_left
    refusals: tuple[str, ...] = ()
    times: list[float] = field(default_factory=list)
    peak_rss: int = 0

    @property
    def label(self) -> str:
        return label(self.tool, self.task, self.mode)

    def run(self, timeout: float | None) -> None:
        self.prepare()
        elapsed, rss = run_once(self.argv, self.cwd, self.refusals, timeout)
        self.times.append(elapsed)
        self.peak_rss = max(self.peak_rss, rss)

    def result(self) -> Result:
        return Result(
            size=self.size,
            tool=self.tool,
            task=self.task,
            mode=self.mode,
            runs=len(self.times),
            median=statistics.median(self.times),
            low=min(self.times),
            high=max(self.times),
            peak_rss=self.peak_rss,
        )


Unit = list[Measurement]  # run back to back, in this order, in every round


@dataclass
class Bench:
    tools: Tools
    features: Features
    runs: int
    budget: float
    timeout: float | None
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def measure(self, units: list[Unit]) -> None:
        """Round after round over all units, so that a burst of load elsewhere on the machine
        slows every command a little rather than one command a lot. A unit stops repeating
        after ``runs`` rounds, or once one of its measurements has taken ``budget`` seconds;
        a unit whose command refuses the input or times out is left out, with a note."""
        units = list(units)
        for round_number in range(1, self.runs + 1):
            start = time.perf_counter()
            for unit in list(units):
                if round_number == 1 or max(sum(m.times) for m in unit) < self.budget:
                    try:
                        for measurement in unit:
                            measurement.run(self.timeout)
                    except NotMeasured as reason:
                        units.remove(unit)
                        self.notes.append(
                            f"N={unit[0].size:,}: {unit[0].label} not measured, {reason}"
                        )
            took = time.perf_counter() - start
            print(f"  round {round_number}: {took:.1f} s", file=sys.stderr)
        for unit in units:
            for measurement in unit:
                result = measurement.result()
                self.results.append(result)
                print(
                    f"  {result.label:<48} {result.median:8.3f} s  {result.peak_rss / MB:7.0f} MB",
                    file=sys.stderr,
                )

    def bulletin(
        self, project: Path, size: int, edit: EditedBody | None, command: str, *arguments: str
    ) -> Unit:
        """One bulletin command cold, and first and warm when the CLI has a cache; and changed,
        after ``edit``, when one is given."""
        task = " ".join((command, *arguments))

        def argv(no_cache: bool) -> list[str | Path]:
            flag = ["--no-cache"] if no_cache else []
            before = flag if "" in self.features.no_cache else []
            after = flag if command in self.features.no_cache else []
            return [self.tools.bulletin, "-C", project, *before, command, *arguments, *after]

        def forget() -> None:
            shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
            shutil.rmtree(project / "build", ignore_errors=True)

        refusals = WECHAT_LIMITS if "wechat" in arguments else ()
        cold = Measurement(
            size, "bulletin", task, "cold", argv(self.features.cache), project, forget, refusals
        )
        if not self.features.cache:
            return [cold]
        unit = [
            cold,
            Measurement(size, "bulletin", task, "first", argv(False), project, forget, refusals),
            # Straight after the run that wrote the cache: a second run, nothing changed.
            Measurement(size, "bulletin", task, "warm", argv(False), project, as_left, refusals),
        ]
        if edit is not None:
            changed = argv(False)
            unit.append(Measurement(size, "bulletin", task, "changed", changed, project, edit))
        return unit

    def size(self, size: int, seed: int) -> None:
        folder = generate.cached(size, seed)
        project = folder / "project"
        print(f"N = {size:,} entries ({folder})", file=sys.stderr)
        floor = [self.tools.python, FLOOR, project / "entries"]
        towncrier: list[str | Path] = [self.tools.towncrier, *PEER_TASK.split()]
        towncrier += ["--config", "towncrier.toml", "--dir", "."]
        edit = EditedBody(project)
        try:
            self.measure(
                [
                    [Measurement(size, "floor", FLOOR_TASK, "", floor, project)],
                    [
                        Measurement(
                            size, "towncrier", PEER_TASK, "", towncrier, folder / "towncrier"
                        )
                    ],
                    self.bulletin(project, size, edit, "check"),
                    *(
                        self.bulletin(project, size, edit, "build", generate.WEEK, "--format", f)
                        for f in self.features.formats
                    ),
                ]
            )
        finally:
            edit.restore()

    def startup(self, seed: int) -> None:
        project = generate.cached(STARTUP_ENTRIES, seed) / "project"
        print("start-up", file=sys.stderr)
        # Unmeasured: compiles every module to bytecode before anything is timed.
        run_once([self.tools.bulletin, "-C", project, "check"], project)
        for name in self.features.formats:
            run_once(
                [self.tools.bulletin, "-C", project, "build", generate.WEEK, "--format", name],
                project,
            )
        help_ = Measurement(0, "bulletin", "--help", "", [self.tools.bulletin, "--help"], project)
        self.measure([[help_], self.bulletin(project, STARTUP_ENTRIES, None, "check")])

    def article(self, seed: int) -> None:
        """The WeChat format at the size one article holds; the sizes above refuse it."""
        if "wechat" not in self.features.formats:
            return
        project = generate.cached(ARTICLE_ENTRIES, seed) / "project"
        print(f"WeChat article ({ARTICLE_ENTRIES} entries)", file=sys.stderr)
        build = ("build", generate.WEEK, "--format", "wechat")
        self.measure([self.bulletin(project, ARTICLE_ENTRIES, None, *build)])


# ------------------------------------------------------------------------- targets
@dataclass
class Target:
    name: str
    status: str  # PASS, FAIL, or SKIP when this run did not measure it
    detail: str


def find(results: list[Result], size: int, tool: str, task: str, mode: str = "") -> Result | None:
    return next(
        (r for r in results if (r.size, r.tool, r.task, r.mode) == (size, tool, task, mode)), None
    )


def target(name: str, measured: tuple[bool, str] | None) -> Target:
    if measured is None:
        return Target(name, "SKIP", "not measured in this run")
    ok, detail = measured
    return Target(name, "PASS" if ok else "FAIL", detail)


def targets(results: list[Result]) -> list[Target]:
    """The issue's targets, as ratios within this one run on this one machine."""
    n = TARGET_SIZE
    floor = find(results, n, "floor", FLOOR_TASK)
    towncrier = find(results, n, "towncrier", PEER_TASK)
    check = find(results, n, "bulletin", "check", "cold")
    build = find(results, n, "bulletin", BUILD_MD, "cold")
    # Without a cache a second run is another cold run.
    warm = find(results, n, "bulletin", BUILD_MD, "warm") or build
    large = [r for r in results if r.size == MEMORY_SIZE and r.tool == "bulletin"]
    help_ = find(results, 0, "bulletin", "--help")
    small = find(results, STARTUP_ENTRIES, "bulletin", "check", "cold")

    def over_floor(result: Result | None, limit: float) -> tuple[bool, str] | None:
        if result is None or floor is None:
            return None
        times = result.median / floor.median
        return times <= limit, f"{times:.2f}× ({result.median:.2f} s vs {floor.median:.2f} s)"

    def faster_than_peer() -> tuple[bool, str] | None:
        if warm is None or towncrier is None:
            return None
        return warm.median < towncrier.median, f"{warm.median:.2f} s vs {towncrier.median:.2f} s"

    def memory() -> tuple[bool, str] | None:
        if not large:
            return None
        worst = max(large, key=lambda r: r.peak_rss)
        return (
            worst.peak_rss < MEMORY_LIMIT,
            f"largest {worst.peak_rss / MB:,.0f} MB: {worst.label}",
        )

    def quick(result: Result | None) -> tuple[bool, str] | None:
        if result is None:
            return None
        return result.median < STARTUP_LIMIT, f"{result.median:.3f} s"

    return [
        target(
            f"N={n:,}: cold check ≤ {CHECK_OVER_FLOOR}× floor", over_floor(check, CHECK_OVER_FLOOR)
        ),
        target(
            f"N={n:,}: cold build md ≤ {BUILD_OVER_FLOOR}× floor",
            over_floor(build, BUILD_OVER_FLOOR),
        ),
        target(f"N={n:,}: warm build md < towncrier {PEER_TASK}", faster_than_peer()),
        target(f"N={MEMORY_SIZE:,}: check and builds under {MEMORY_LIMIT // MB:,} MB", memory()),
        target(f"bulletin --help < {STARTUP_LIMIT} s", quick(help_)),
        target(f"check on {STARTUP_ENTRIES} entries (cold) < {STARTUP_LIMIT} s", quick(small)),
    ]


# ------------------------------------------------------------------------- the report
@dataclass
class Report:
    machine: dict[str, str]
    versions: dict[str, str]
    settings: dict[str, object]
    results: list[Result]
    targets: list[Target]
    notes: list[str]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Report:
        data = json.loads(text)
        return cls(
            data["machine"],
            data["versions"],
            data["settings"],
            [Result(**item) for item in data["results"]],
            [Target(**item) for item in data["targets"]],
            data.get("notes", []),
        )


def machine(python: Path) -> dict[str, str]:
    def first(path: str, key: str) -> str:
        try:
            lines = Path(path).read_text().splitlines()
        except OSError:
            return "?"
        return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), "?")

    memory = first("/proc/meminfo", "MemTotal")
    return {
        "cpus": str(len(os.sched_getaffinity(0))),
        "cpu": first("/proc/cpuinfo", "model name"),
        "memory": f"{int(memory.split()[0]) / 1024**2:.1f} GiB" if memory != "?" else "?",
        "system": platform.platform(),
        "python": output_of(python, "-c", "import platform; print(platform.python_version())"),
    }


def versions(found: Tools) -> dict[str, str]:
    commit = output_of("git", "-C", ROOT, "describe", "--always", "--dirty")
    libyaml = "import yaml; print(yaml.__version__, 'libyaml' if yaml.__with_libyaml__ else '(no libyaml)')"
    return {
        "bulletin": f"{output_of(found.bulletin, '--version').split()[-1]} ({commit})",
        "towncrier": output_of(found.towncrier, "--version").split()[-1],
        "pyyaml": output_of(found.python, "-c", libyaml),
    }


def table(report: Report, markdown: bool) -> str:
    """The results per N with their ratios, the start-up times, the targets and the machine."""
    results = report.results
    lines: list[str] = []

    def row(*cells: str) -> None:
        if markdown:
            lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append(f"{cells[0]:<48}" + "".join(f"{cell:>12}" for cell in cells[1:]))

    def heading(text: str) -> None:
        columns = ("", "median", "min", "max", "peak RSS", "× floor", "× towncrier", "runs")
        lines.extend(["", f"**{text}**" if markdown else text, ""])
        row(*columns)
        if markdown:
            lines.append("|---|" + "---:|" * (len(columns) - 1))

    def measured(r: Result, floor: Result | None = None, peer: Result | None = None) -> None:
        over_floor = f"{r.median / floor.median:.2f}" if floor and r.tool != "floor" else ""
        over_peer = f"{r.median / peer.median:.2f}" if peer and r.tool == "bulletin" else ""
        times = (f"{r.median:.3f} s", f"{r.low:.3f}", f"{r.high:.3f}")
        row(r.label, *times, f"{r.peak_rss / MB:,.0f} MB", over_floor, over_peer, str(r.runs))

    startup = (0, STARTUP_ENTRIES)
    article = [r for r in results if r.size == ARTICLE_ENTRIES and "wechat" in r.task]
    for size in sorted({r.size for r in results if r not in article} - set(startup)):
        heading(f"N = {size:,} entries ({-(-size // generate.ENTRIES_PER_FILE):,} files)")
        floor = find(results, size, "floor", FLOOR_TASK)
        peer = find(results, size, "towncrier", PEER_TASK)
        for r in results:
            if r.size == size and r not in article:
                measured(r, floor, peer)
    heading(f"Start-up (--help; check on {STARTUP_ENTRIES} entries)")
    for r in results:
        if r.size in startup:
            measured(r)
    if article:
        heading(f"The WeChat article ({ARTICLE_ENTRIES} entries, a city's week)")
        for r in article:
            measured(r)
    if report.notes:
        lines.extend(["", "**Notes**" if markdown else "Notes", ""])
        lines.extend(f"{'- ' if markdown else ''}{note}" for note in report.notes)
    lines.extend(["", "**Targets**" if markdown else "Targets", ""])
    for t in report.targets:
        lines.append(f"{'- ' if markdown else ''}{t.status}  {t.name}: {t.detail}")
    about = {**report.machine, **report.versions}
    lines.extend(["", "Machine: " + "; ".join(f"{key} {value}" for key, value in about.items())])
    return "\n".join(lines).lstrip("\n")


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="entry counts, comma-separated (default %(default)s)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="runs per measurement; the median is reported (default %(default)s)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="stop repeating a measurement once its runs took this many seconds (default %(default)s; at least one run)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="kill a run after this many seconds and leave its row out, with a note (default %(default)s; 0: never)",
    )
    parser.add_argument(
        "--formats",
        help="build only these formats, comma-separated (default: every format the CLI offers)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the generated projects (default %(default)s)"
    )
    parser.add_argument(
        "--python",
        help="an interpreter whose environment has bulletin installed (default: bench/.work/venv)",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--report",
        type=Path,
        help="print the tables of an earlier --json file instead of measuring",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the tables as Markdown (for bench/README.md)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    options = arguments(argv)
    if options.report:
        print(table(Report.from_json(options.report.read_text(encoding="utf-8")), options.markdown))
        return 0
    try:
        sizes = [int(size.replace("_", "")) for size in options.sizes.split(",") if size.strip()]
        found = tools(options.python)
        offered = features(found.bulletin)
        wanted = options.formats.split(",") if options.formats else offered.formats
        unknown = set(wanted) - set(offered.formats)
        if unknown:
            raise BenchError(f"the CLI offers no format {', '.join(sorted(unknown))}")
        bench = Bench(
            found,
            replace(offered, formats=tuple(wanted)),
            max(1, options.runs),
            options.budget,
            options.timeout or None,
        )
        cache = "yes" if bench.features.cache else "no"
        print(f"formats: {', '.join(bench.features.formats)}; cache: {cache}", file=sys.stderr)
        bench.startup(options.seed)
        bench.article(options.seed)
        for size in sizes:
            bench.size(size, options.seed)
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    report = Report(
        machine=machine(found.python),
        versions=versions(found),
        settings={
            "sizes": sizes,
            "runs": options.runs,
            "budget": options.budget,
            "timeout": options.timeout,
            "formats": list(bench.features.formats),
            "seed": options.seed,
        },
        results=bench.results,
        targets=targets(bench.results),
        notes=bench.notes,
    )
    if options.json:
        options.json.write_text(report.to_json(), encoding="utf-8")
    print(table(report, options.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
