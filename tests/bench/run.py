"""closer's benchmarks, side by side in one run, printed as one table.

    python tests/bench/run.py                       # the ten-year journal (made once, kept)
    python tests/bench/run.py --repeat 11           # more runs per figure
    python tests/bench/run.py --sizes entries=5000  # other sizes
    python tests/bench/run.py --smoke               # a few hundred rows: checks it all runs
    python tests/bench/run.py --instructions        # also count each start in instructions

jrnl lives in its own environment (it pins older dateutil and rich): make one with
``python -m venv .venv-jrnl && .venv-jrnl/bin/pip install 'jrnl>=4.6,<5'``, or point
``--jrnl`` / ``$CLOSER_TEST_JRNL_PYTHON`` at one. Without jrnl its rows say so.

The Textual peers, dooit and harlequin, live in their own environments too, with the same
Textual as closer's so that the comparison is of the apps, not of two Textuals::

    python -m venv .venv-dooit && .venv-dooit/bin/pip install 'dooit==3.3.*' textual==X
    python -m venv .venv-harlequin && .venv-harlequin/bin/pip install 'harlequin==2.17.*' textual==X

(X: the Textual closer has), or point ``$CLOSER_TEST_DOOIT_PYTHON`` /
``$CLOSER_TEST_HARLEQUIN_PYTHON`` at such a Python. Without one its rows say why.

What it measures (each pair alternates A B A B ...; the table shows medians and ratios):

- app start to first full paint, six ways measured the same way: closer on the ten-year
  journal, a bare Textual app (Header, Static, Footer), closer on an empty journal, dooit (on
  an empty list) and harlequin (on an in-memory DuckDB), each peer by its own command, and
  the floor: closer's first screen built of the same stock widgets without closer's code
  (:func:`floor_app`). Each run
  is a fresh process that runs the app headless at 120x40 (``App.run(headless=True)``
  with an auto-pilot); the time is from starting the process to the last frame drawn
  before the app is settled (its screen up, start-up workers done, nothing left to do).
  The same pairs are also given in CPU time (the process's own user + system time up to
  that frame, interpreter start-up included), which a busy shared machine disturbs far
  less than wall time: when the two disagree, trust the CPU ratio for what the app costs;
  with ``--instructions``, each start is also run once under valgrind's callgrind (to its
  first full paint, without the tour) and counted in instructions, which a shared machine
  does not move at all (two counts of the same start agree to 0.1%);
- ``closer list -n 3`` and ``closer search WORD`` against jrnl 4.x ``-n 3`` and
  ``-contains WORD`` over the same entries (wall time of the whole command; its CPU time
  too, in the notes under the table);
- in-process: the weekly review of 52 weeks, a month of the ritual calendar, a
  thought-record autosave, a full-text search; and in a process of its own, the CPU time
  of a focus move (Tab) through the thought record's form, where a move costs most;
- the app's peak memory (max RSS) on the ten-year journal and on the empty one.

A figure whose view or API is not built yet shows as "n/a (not built yet)".
Nothing here runs on import.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SIZE = (120, 40)
RESULT = "BENCH-RESULT "
HEAVY = ("pydantic", "content", "sqlite_utils", "dateutil", "storage.crypto", "storage.models")
"""Modules a start-up need not load; the report says which ones were there at first paint."""
NOT_BUILT = "n/a (not built yet)"
PEERS = {
    # name: (the package to install, how its command starts, the module that must import)
    "dooit": ("'dooit==3.3.*'", "dooit.__main__:main", "dooit.ui.tui", ()),
    "harlequin": ("'harlequin==2.17.*'", "harlequin.cli:harlequin", "harlequin",
                  ("--locale", "C")),
}
"""The other Textual apps the start is measured against, each in its own environment, with
the arguments it is started with (harlequin's ``--locale C`` only quiets its note that the
machine's locale is not a person's)."""

# The rows of the table, in order (the smoke test checks every one is printed).
ROWS = (
    "app start: ten-year vs bare Textual",
    "app start: ten-year vs empty journal",
    "app start: ten-year vs dooit",
    "app start: ten-year vs harlequin",
    "app start: ten-year vs same widgets without closer",
    "app start, CPU time: ten-year vs bare Textual",
    "app start, CPU time: ten-year vs empty journal",
    "app start, CPU time: ten-year vs dooit",
    "app start, CPU time: ten-year vs harlequin",
    "app start, CPU time: ten-year vs same widgets without closer",
    "app start, instructions: ten-year vs bare Textual",
    "app start, instructions: ten-year vs empty journal",
    "app start, instructions: ten-year vs dooit",
    "app start, instructions: ten-year vs harlequin",
    "app start, instructions: ten-year vs same widgets without closer",
    "list -n 3: closer vs jrnl",
    "search WORD: closer vs jrnl -contains",
    "weekly review, 52 weeks (in-process)",
    "ritual calendar, one month (in-process)",
    "thought record autosave (in-process)",
    "FTS search WORD (in-process)",
    "Tab in the thought record form (CPU a key)",
    "peak memory: ten-year vs empty journal",
    "peak memory: bare Textual app",
)


# ====================================================================== the child process
# ``run.py --child-start KIND DB`` runs one app headless and prints one result line.


def _child_tabs(db: str, presses: int = 24) -> int:
    """``run.py --child-tabs DB``: closer headless at 120x40 on DB, a new thought record
    open, the focus moved through its fields by Tab; prints the CPU time of each press (the
    app's own work for it, until it is idle again)."""
    import asyncio

    from storage import Journal
    from tui.app import create_app

    async def tabs() -> list[float]:
        app = create_app(Journal.open(db))
        took: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("n")
            for _ in range(3):
                await pilot.pause()
            for _ in range(presses):
                started = time.process_time()
                await pilot.press("tab")
                await pilot.pause()
                took.append(time.process_time() - started)
        return took

    sys.stdout.write(RESULT + json.dumps({"tabs": asyncio.run(tabs())}) + "\n")
    sys.stdout.flush()
    return 0


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB. Linux's VmHWM belongs to the process
    image alone; ``ru_maxrss`` would carry over the parent's peak across fork and exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _child_start(kind: str, db: str, at_paint: bool = False) -> int:
    import asyncio

    from textual.app import App

    frames: list[tuple[float, str, float]] = []  # (wall clock, screen, process CPU time)
    result: dict[str, Any] = {}
    original_display = App._display

    def display(self, screen, renderable):  # every frame the app draws, with its screen
        if renderable is not None:
            frames.append((time.monotonic(), type(screen).__name__, time.process_time()))
        return original_display(self, screen, renderable)

    App._display = display

    # A blinking cursor draws a frame twice a second for ever, which would make the last
    # frame before settling a blink; the cursors are drawn, only not blinking.
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        widget.cursor_blink._default = False
    long_lived: set[int] = set()

    async def settle(pilot, want_screen: str | None) -> None:
        app = pilot.app
        for _ in range(2000):
            await pilot.pause()
            if want_screen and type(app.screen).__name__ != want_screen:
                continue
            pending = [w for w in app.workers if not w.is_finished and id(w) not in long_lived]
            if pending:
                try:
                    # (a worker cancelled or failed is finished too: the app says so)
                    waits = [w.wait() for w in pending]
                    await asyncio.wait_for(asyncio.gather(*waits, return_exceptions=True), 2)
                except asyncio.TimeoutError:  # a worker that waits for work, e.g. a queue
                    long_lived.update(id(w) for w in pending if not w.is_finished)
                continue
            # Idle twice in a row with no new frame: everything is drawn.
            seen = len(frames)
            await pilot.pause()
            if len(frames) == seen and not [
                w for w in app.workers if not w.is_finished and id(w) not in long_lived
            ]:
                return
        raise RuntimeError("the app did not settle")

    closer = kind == "closer"

    async def autopilot(pilot) -> None:
        app = pilot.app
        want = "MainScreen" if closer else None
        await settle(pilot, want)
        result["paint_at"] = frames[-1][0] if frames else time.monotonic()
        result["cpu"] = frames[-1][2] if frames else time.process_time()
        first_main = [t for t, name, _ in frames if want is None or name == want]
        result["first_frame_at"] = first_main[0] if first_main else result["paint_at"]
        result["frames"] = len(frames)
        result["rss_kb"] = peak_rss_kb()
        result["loaded"] = [m for m in HEAVY if m in sys.modules]
        if at_paint:  # counting instructions: the start alone, not the tour below
            sys.stdout.write(RESULT + json.dumps(result) + "\n")
            sys.stdout.flush()
            os._exit(0)
        # Then visit every pane (as a person would in the first minute) for the memory peak.
        if closer:
            screen = app.screen
            for pane in list(app.panes()):
                screen.show_pane(pane.id or "")
                await settle(pilot, None)
            look_back = getattr(app, "action_look_back", None) or getattr(
                screen, "action_look_back", None
            )
            if look_back is not None:
                result["look_back"] = True
                outcome = look_back()
                if asyncio.iscoroutine(outcome):
                    await outcome
                await settle(pilot, None)
        result["rss_tour_kb"] = peak_rss_kb()
        result["screen"] = type(app.screen).__name__
        app.exit()

    if kind == "bare":
        from textual.app import ComposeResult
        from textual.widgets import Footer, Header, Static

        class Bare(App):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("A bare Textual app.")
                yield Footer()

        Bare().run(headless=True, size=SIZE, auto_pilot=autopilot)
    elif kind == "floor":
        floor_app().run(headless=True, size=SIZE, auto_pilot=autopilot)
    else:
        original_run = App.run

        def run(self, **kwargs):
            return original_run(self, headless=True, size=SIZE, auto_pilot=autopilot)

        App.run = run
        if closer:
            from tui.cli import main

            code = main(["--db", db])
            if code:
                return code
        else:  # a peer, started by its own command as a person types it
            import importlib

            module, _, name = PEERS[kind][1].partition(":")
            sys.argv = [kind, *PEERS[kind][3]]
            try:
                getattr(importlib.import_module(module), name)()
            except SystemExit as stop:  # click commands end this way
                if stop.code:
                    return int(stop.code) if isinstance(stop.code, int) else 1
            if "paint_at" not in result:
                sys.stderr.write(f"{kind} ended before it settled\n")
                return 1
    sys.stdout.write(RESULT + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


def floor_app() -> Any:
    """closer's first screen without closer: the same stock Textual widgets in the same
    places (three bordered panes of text, lists and sparklines, a header and a footer with
    as many keys), filled with made-up lines of the same sizes, and one small stylesheet.
    What it costs is the floor closer's start can come down to with these widgets."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import (ContentSwitcher, Footer, Header, Label, OptionList,
                                 Sparkline, Static)

    def lines(n: int, width: int = 30) -> str:
        return "\n".join(f"{i:2d} " + "word " * (width // 5 - 1) for i in range(n))

    class Floor(App):
        CSS = """
        #panes { height: 1fr; }
        .pane { width: 1fr; border: round $primary; padding: 0 1; overflow-y: auto; }
        .pane > * { height: auto; }
        .row { height: 1; }
        .row Label { width: 12; }
        Sparkline { width: 1fr; height: 1; }
        OptionList { max-height: 13; }
        """
        AUTO_FOCUS = None  # a first focus down a pane would scroll it there, animated
        BINDINGS = [Binding(key, key, key.upper(), show=True) for key in
                    ("ctrl+q", "f1", "f9", "f5", "f6", "f7", "f10", "ctrl+z", "l", "e", "c")]

        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal(id="panes"):
                with Vertical(classes="pane"):
                    for text in (lines(2), lines(21), lines(8), lines(2)):
                        yield Static(text)
                    for name in ("How often", "How strong"):
                        with Horizontal(classes="row"):
                            yield Label(name)
                            yield Sparkline([1, 3, 2, 5, 4, 6, 2, 3] * 2)
                    yield Static(lines(1))
                    yield OptionList(*(lines(1) for _ in range(13)))
                    yield Static(lines(14))
                with Vertical(classes="pane"):
                    with ContentSwitcher(initial="browse"):
                        with Vertical(id="browse"):
                            yield Static(lines(2))
                            yield OptionList(*(lines(1) for _ in range(13)))
                            with VerticalScroll():
                                yield Static(lines(25))
                        yield Vertical(id="editor")
                with Vertical(classes="pane"):
                    for text in (lines(3), lines(19), lines(1)):
                        yield Static(text)
                    yield OptionList(*(lines(1) for _ in range(3)))
                    yield Static(lines(5))
            yield Footer()

    return Floor()


# ====================================================================== measuring


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Row:
    what: str
    closer: str = ""
    against: str = ""
    ratio: str = ""
    budget: str = ""
    result: str = ""


def _env(work: Path, smoke: bool) -> dict[str, str]:
    """A clean environment: no devtools, jrnl's config and data inside the work folder.

    Every program runs from compiled bytecode, as an installed one does: the first
    (uncounted) round fills a bytecode cache inside the work folder for closer, Textual
    and jrnl alike, so an environment that forbids writing bytecode does not make one
    side compile its source on every run. (The smoke run keeps the environment as it is.)
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "CLOSER_"))}
    home = work / "home"
    home.mkdir(exist_ok=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), NO_COLOR="1", COLUMNS="120",
               LINES="40")
    if not smoke:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def app_start(kind: str, db: str, env: dict[str, str], python: str | None = None
              ) -> dict[str, Any]:
    started = time.monotonic()
    done = subprocess.run(
        [python or sys.executable, str(Path(__file__).resolve()), "--child-start", kind, db],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=300,
    )
    ended = time.monotonic()
    line = next((x for x in done.stdout.splitlines() if x.startswith(RESULT)), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(
            f"app start ({kind}) failed with code {done.returncode}:\n{done.stderr[-3000:]}"
        )
    data = json.loads(line[len(RESULT):])
    data["paint"] = data["paint_at"] - started
    data["first_frame"] = data["first_frame_at"] - started
    data["wall"] = ended - started
    return data


def start_instructions(kind: str, db: str, env: dict[str, str], python: str | None = None
                       ) -> int:
    """How many instructions one start takes, from the process start to its first full
    paint (``--at-paint``), counted by callgrind. Unlike time, the count hardly moves with
    what else the machine does; the hash seed is fixed so that two runs count alike."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         python or sys.executable, str(Path(__file__).resolve()), "--child-start", kind, db,
         "--at-paint"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
        env={**env, "PYTHONHASHSEED": "0"}, timeout=1800,
    )
    import re

    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"counting the start of {kind} failed:\n{done.stderr[-3000:]}")
    return int(found.group(1))


def _children_cpu() -> float:
    """User + system time of the child processes waited for so far (0 where unknown)."""
    try:
        import resource
    except ImportError:  # not on this platform
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def command_time(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """A command's wall time, its CPU time, and what it printed."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=600)
    took = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return took, cpu, done.stdout


def in_process(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm: first-use imports and caches are start-up, measured above
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return median(times)


def fmt_s(seconds: float) -> str:
    if seconds != seconds:  # nan
        return "n/a"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_mb(kb: float) -> str:
    return f"{kb / 1024:.1f} MB"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


# ====================================================================== the APIs under test


def _api(journal: Any, name: str) -> Any | None:
    try:
        return getattr(journal, name)
    except (ImportError, AttributeError):
        return None


def review_52(journal: Any, today: date) -> Callable[[], Any] | None:
    """The weekly review of the last 52 weeks, as the Look back view asks for it."""
    import inspect

    review = _api(journal, "review")
    weeks = getattr(review, "weeks", None) if review is not None else None
    if weeks is None:
        return None
    params = inspect.signature(weeks).parameters
    extra = {"today": today} if "today" in params else {}
    if "start" in params and "end" in params:
        start = today - timedelta(weeks=51)
        return lambda: weeks(start=start, end=today, **extra)
    if "limit" in params:
        return lambda: weeks(limit=52, **extra)
    return lambda: weeks(52)


def calendar_month(journal: Any, today: date) -> Callable[[], Any] | None:
    """What the ritual calendar reads for one month: the status of each day."""
    rituals = _api(journal, "rituals")
    if rituals is None or not hasattr(rituals, "day_status"):
        return None
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return lambda: (rituals.day_status(first, last), rituals.due(first, last))


def thought_autosave(journal: Any) -> Callable[[], Any] | None:
    """One autosave of a thought record being typed: the draft's text written again."""
    from storage import dates

    thoughts = _api(journal, "thoughts")
    if thoughts is None or not hasattr(thoughts, "create_draft"):
        return None
    draft = thoughts.create_draft(occurred_at=dates.now(), situation="He went quiet at dinner.")
    counter = iter(range(10**9))

    def save() -> None:
        n = next(counter)
        thoughts.update(draft.id, story=f"They are pulling away from me. ({n})")

    return save


# ====================================================================== the run


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    import sqlite3
    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return (
        f"{cpu}, {os.cpu_count()} CPUs{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"Textual {ver('textual')}"
    )


def ensure_data(folder: Path, sizes: Any, seed: int, last_day: date) -> dict[str, Any]:
    """The benchmark journal for these sizes, made now unless the same one is there."""
    sys.path.insert(0, str(HERE))
    import make_journal

    manifest_path = folder / "manifest.json"
    if manifest_path.exists() and (folder / "journal.db").exists():
        manifest = json.loads(manifest_path.read_text())
        from dataclasses import asdict

        if (
            manifest.get("generator") == make_journal.GENERATOR_VERSION
            and manifest.get("sizes") == asdict(sizes)
            and manifest.get("seed") == seed
            and manifest.get("last_day") == last_day.isoformat()
            and not _api_arrived(manifest.get("via", {}))
        ):
            manifest["reused"] = True
            return manifest
    print(f"making the benchmark journal in {folder} ...", file=sys.stderr, flush=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    ignore = folder.parent / ".gitignore"
    if not ignore.exists():  # generated journals never go into version control
        ignore.write_text("*\n", encoding="utf-8")
    return make_journal.make(folder, sizes, seed=seed, end=last_day)


def _api_arrived(via: dict[str, str]) -> bool:
    """Whether a record API that was missing when the journal was made is there now."""
    import importlib.util

    modules = {"loop_map": "loop", "loop_events": "loop", "thought_records": "thoughts",
               "rituals": "rituals", "ritual_log": "rituals"}
    return any(
        how == "direct insert" and importlib.util.find_spec(f"storage.{modules[kind]}")
        for kind, how in via.items() if kind in modules
    )


def private_copy(source: Path, folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target


def find_jrnl(given: str | None) -> list[str] | None:
    """The command that runs jrnl: ``--jrnl``, else the Python of jrnl's own environment
    in $CLOSER_TEST_JRNL_PYTHON (``python -m jrnl``), else ``.venv-jrnl`` in the project,
    else a ``jrnl`` beside this Python or on the PATH. None when there is none."""
    if given:
        return given.split()
    python = os.environ.get("CLOSER_TEST_JRNL_PYTHON")
    if python:
        script = Path(python).with_name("jrnl")
        return [str(script)] if script.exists() else [python, "-m", "jrnl"]
    for candidate in (HERE.parents[1] / ".venv-jrnl" / "bin" / "jrnl",
                      Path(sys.executable).with_name("jrnl")):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("jrnl")
    return [found] if found else None


def find_peer(name: str) -> tuple[str | None, str]:
    """The Python of a peer's own environment and a few words about it: with a Python,
    the versions (``dooit 3.3.4, Textual 8.2.8``); without one, why it is left out.

    ``$CLOSER_TEST_<NAME>_PYTHON``, else ``.venv-<name>`` in the project. A peer whose
    Textual is not closer's is left out too: that race would be between two Textuals."""
    from importlib.metadata import PackageNotFoundError, version

    given = os.environ.get(f"CLOSER_TEST_{name.upper()}_PYTHON")
    python = Path(given) if given else HERE.parents[1] / f".venv-{name}" / "bin" / "python"
    how = (f"python -m venv .venv-{name} && .venv-{name}/bin/pip install {PEERS[name][0]} "
           "textual==<closer's>")
    if not python.exists():
        where = f"${'CLOSER_TEST_' + name.upper() + '_PYTHON'} = {given}" if given else (
            f".venv-{name}")
        return None, f"not installed (no {where}; {how})"
    probe = ("import importlib, importlib.metadata as m, sys; "
             f"importlib.import_module({PEERS[name][2]!r}); "
             f"print(m.version({name!r}), m.version('textual'))")
    try:
        done = subprocess.run([str(python), "-c", probe], capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL)
    except OSError as exc:
        return None, f"its Python does not start ({exc.strerror})"
    words = done.stdout.split()
    if done.returncode != 0 or len(words) != 2:
        return None, f"{name} does not import in its environment ({how})"
    try:
        ours = version("textual")
    except PackageNotFoundError:
        ours = "none"
    if words[1] != ours:
        return None, f"its Textual is {words[1]}, closer's is {ours} ({how})"
    return str(python), f"{name} {words[0]}, Textual {words[1]}"


def jrnl_version(cmd: list[str], env: dict[str, str]) -> str | None:
    try:
        done = subprocess.run([*cmd, "--version"], capture_output=True, text=True, env=env,
                              timeout=60)
    except OSError:
        return None
    words = done.stdout.split()
    return words[1].lstrip("v") if len(words) > 1 and words[0] == "jrnl" else None


def jrnl_config(folder: Path, journal_txt: Path, jrnl_version: str | None) -> Path | None:
    if jrnl_version is None:
        return None
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {json.dumps(str(journal_txt))}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\n"
        f"version: '{jrnl_version}'\n",
        encoding="utf-8",
    )
    return config


def run(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(HERE))
    import make_journal

    from storage import Journal, dates

    sizes = make_journal.Sizes.SMOKE if args.smoke else make_journal.Sizes()
    if args.sizes:
        base = make_journal.Sizes.parse(args.sizes)
        sizes = base
    repeat = args.repeat or (1 if args.smoke else 7)
    today = dates.today()
    last_day = today - timedelta(days=1)
    key = (f"e{sizes.entries}-t{sizes.thoughts}-l{sizes.loop}-m{sizes.maps}"
           f"-r{sizes.ritual_logs}-y{sizes.years}-s{args.seed}")
    data_root = Path(args.data) if args.data else DATA
    started = time.perf_counter()
    manifest = ensure_data(data_root / key, sizes, args.seed, last_day)
    made_in = manifest.get("seconds")
    word = manifest["search_word"]

    work = Path(tempfile.mkdtemp(prefix="closer-bench-"))
    os.chmod(work, 0o700)
    try:
        ten = private_copy(data_root / key / "journal.db", work / "ten")
        empty = work / "empty" / "journal.db"
        Journal.open(empty).close()
        env = _env(work, args.smoke)
        jrnl_txt = work / "jrnl" / "jrnl.txt"
        jrnl_txt.parent.mkdir(mode=0o700)
        shutil.copyfile(data_root / key / "jrnl.txt", jrnl_txt)
        jrnl_cmd = find_jrnl(args.jrnl)
        jrnl_ver = jrnl_version(jrnl_cmd, env) if jrnl_cmd else None
        config = jrnl_config(work / "jrnl", jrnl_txt, jrnl_ver)
        closer_bin = shutil.which("closer", path=str(Path(sys.executable).parent)) or "closer"

        rows: list[Row] = []
        details: list[str] = []

        # ---------------------------------------------------------- app start + memory
        kinds = {"ten": str(ten), "bare": "", "empty": str(empty), "floor": ""}
        peers = {name: find_peer(name) for name in PEERS}
        pythons = {name: python for name, (python, _) in peers.items() if python}
        kinds.update({name: "" for name in pythons})
        starts: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
        rounds = repeat + (0 if args.smoke else 1)
        for number in range(rounds):
            order = list(kinds) if number % 2 == 0 else list(kinds)[::-1]
            for kind in order:
                kind_arg = kind if kind in ("bare", "floor", *PEERS) else "closer"
                measured = app_start(kind_arg, kinds[kind], env, pythons.get(kind))
                if number or args.smoke:  # the first round warms the disk cache
                    starts[kind].append(measured)

        def med(kind: str, field: str) -> float:
            return median([m[field] for m in starts[kind]])

        paint = {k: med(k, "paint") for k in kinds}
        cpu = {k: med(k, "cpu") for k in kinds}
        against = (("bare", "bare Textual", 1.5), ("empty", "empty journal", 1.1),
                   ("dooit", "dooit", 0.7), ("harlequin", "harlequin", None),
                   ("floor", "same widgets without closer", None))
        for measure, figures in (("app start", paint), ("app start, CPU time", cpu)):
            for other, label, budget in against:
                what = f"{measure}: ten-year vs {label}"
                limit = f"<= {budget}x" if budget else ""
                if other not in figures:
                    rows.append(Row(what, fmt_s(figures["ten"]),
                                    f"n/a ({other} skipped: see below)", "", limit,
                                    "skipped"))
                    continue
                ratio = figures["ten"] / figures[other]
                rows.append(Row(what, fmt_s(figures["ten"]),
                                f"{other} {fmt_s(figures[other])}", f"{ratio:.2f}x", limit,
                                verdict(ratio <= budget) if budget else "reference"))
        counted: dict[str, int] = {}
        why_not = ("run with --instructions" if not args.instructions
                   else "valgrind is not installed" if not shutil.which("valgrind") else "")
        if not why_not:
            from concurrent.futures import ThreadPoolExecutor

            def count(kind: str) -> tuple[str, int]:
                kind_arg = kind if kind in ("bare", "floor", *PEERS) else "closer"
                return kind, start_instructions(kind_arg, kinds[kind], env, pythons.get(kind))

            with ThreadPoolExecutor(max_workers=2) as pool:  # (the bytecode is warm by now)
                counted = dict(pool.map(count, list(kinds)))
            details.append("app start, instructions (one start each, to the first full paint): "
                           + ", ".join(f"{k} {n / 1e9:.3f} G" for k, n in counted.items()))
        # The budgets are in time, so these rows are for reference: a count compares a start
        # with itself before and after a change, and with the bare app and the floor (the
        # same kind of work); a peer whose work runs in compiled code does more
        # instructions a second, so against it the CPU row is the one to read.
        for other, label, _budget in against:
            what = f"app start, instructions: ten-year vs {label}"
            if why_not or other not in counted:
                rows.append(Row(what, "n/a", f"n/a ({why_not or other + ' skipped'})", "",
                                "", "skipped"))
                continue
            ratio = counted["ten"] / counted[other]
            rows.append(Row(what, f"{counted['ten'] / 1e9:.3f} G",
                            f"{other} {counted[other] / 1e9:.3f} G", f"{ratio:.2f}x", "",
                            "reference"))
        for name, (python, words) in peers.items():
            details.append(f"{name}: " + (words if python else f"skipped, {words}"))
        for kind, label in (("bare", "bare Textual"), ("empty", "closer, empty journal"),
                            ("ten", "closer, ten-year journal"), ("dooit", "dooit"),
                            ("harlequin", "harlequin"),
                            ("floor", "the same widgets without closer")):
            if kind not in starts:
                continue
            details.append(
                f"app start, {label}: full paint {fmt_s(paint[kind])} "
                f"(CPU {fmt_s(cpu[kind])}; first frame {fmt_s(med(kind, 'first_frame'))}, "
                "process wall "
                f"{fmt_s(med(kind, 'wall'))}, runs "
                + ", ".join(fmt_s(m["paint"]) for m in starts[kind]) + ")"
            )
        for kind, label in (("ten", "ten-year"), ("empty", "empty")):
            loaded = sorted({m for run in starts[kind] for m in run.get("loaded", [])})
            details.append(f"loaded by the first paint, closer {label}: "
                           + (", ".join(loaded) if loaded else "none of " + ", ".join(HEAVY)))
        mem = {k: med(k, "rss_kb") for k in kinds}
        tour = {k: med(k, "rss_tour_kb") for k in kinds}
        r_mem = tour["ten"] / tour["empty"]
        rows.append(Row("peak memory: ten-year vs empty journal", fmt_mb(tour["ten"]),
                        f"empty {fmt_mb(tour['empty'])}", f"{r_mem:.2f}x", "<= 1.15x",
                        verdict(r_mem <= 1.15)))
        rows.append(Row("peak memory: bare Textual app", fmt_mb(tour["bare"]), "", "", "",
                        "reference"))
        looked = any(m.get("look_back") for m in starts["ten"])
        details.append(
            f"peak memory at first paint: ten-year {fmt_mb(mem['ten'])}, empty "
            f"{fmt_mb(mem['empty'])}, bare {fmt_mb(mem['bare'])}; after visiting every pane"
            + (" and Look back" if looked else "") + f": ten-year {fmt_mb(tour['ten'])}, "
            f"empty {fmt_mb(tour['empty'])}"
        )

        # ---------------------------------------------------------- closer vs jrnl
        cli = [
            ("list -n 3: closer vs jrnl", ["list", "-n", "3"], ["-n", "3"], 20.0, 0.25),
            ("search WORD: closer vs jrnl -contains", ["search", word], ["-contains", word],
             50.0, None),
        ]
        for what, closer_args, jrnl_args, times_faster, limit in cli:
            ours: list[float] = []
            theirs: list[float] = []
            ours_cpu: list[float] = []
            theirs_cpu: list[float] = []
            rounds = repeat + (0 if args.smoke else 1)
            out_c = out_j = ""
            for number in range(rounds):
                pair = ["closer", "jrnl"] if number % 2 == 0 else ["jrnl", "closer"]
                for who in pair:
                    if who == "closer":
                        took, cpu_took, out_c = command_time(
                            [closer_bin, "--db", str(ten), *closer_args], env, work
                        )
                        if number or args.smoke:
                            ours.append(took)
                            ours_cpu.append(cpu_took)
                    elif jrnl_cmd and config:
                        took, cpu_took, out_j = command_time(
                            [*jrnl_cmd, "--config-file", str(config), *jrnl_args], env, work
                        )
                        if number or args.smoke:
                            theirs.append(took)
                            theirs_cpu.append(cpu_took)
            c = median(ours)
            budget = f">= {times_faster:.0f}x" + (f", <= {limit} s" if limit else "")
            if theirs:
                j = median(theirs)
                ratio = j / c
                ok = ratio >= times_faster and (limit is None or c <= limit)
                rows.append(Row(what, fmt_s(c), f"jrnl {fmt_s(j)}", f"{ratio:.0f}x faster",
                                budget, verdict(ok)))
            else:
                rows.append(Row(what, fmt_s(c), "n/a (no jrnl: see --jrnl)", "", budget,
                                verdict(limit is None or c <= limit) + " (closer alone)"))
            c_cpu, j_cpu = median(ours_cpu), median(theirs_cpu)
            cpu_note = f"CPU time closer {fmt_s(c_cpu)}"
            if theirs_cpu and c_cpu > 0:
                cpu_note += f", jrnl {fmt_s(j_cpu)} ({j_cpu / c_cpu:.0f}x)"
            details.append(
                f"{what}: {cpu_note}; closer printed {len(out_c.splitlines())} lines, jrnl "
                f"{len(out_j.splitlines())} lines"
            )

        # ---------------------------------------------------------- in-process
        inner = max(3, repeat * 3)
        journal = Journal.open(ten)
        try:
            checks: list[tuple[str, Callable[[], Any] | None, float | None]] = [
                ("weekly review, 52 weeks (in-process)", review_52(journal, today), 0.050),
                ("ritual calendar, one month (in-process)", calendar_month(journal, today),
                 None),
                ("thought record autosave (in-process)", thought_autosave(journal), None),
                ("FTS search WORD (in-process)", lambda: journal.search(word, limit=20), None),
            ]
            for what, fn, limit in checks:
                budget = f"<= {limit * 1000:.0f} ms" if limit else ""
                if fn is None:
                    rows.append(Row(what, NOT_BUILT, "", "", budget, "n/a"))
                    continue
                try:
                    took = in_process(fn, inner)
                except (ImportError, AttributeError) as exc:  # a part it needs is missing
                    rows.append(Row(what, NOT_BUILT, "", "", budget, "n/a"))
                    details.append(f"{what}: {type(exc).__name__}: {exc}")
                    continue
                rows.append(Row(what, fmt_s(took), "", "", budget,
                                verdict(took <= limit) if limit else ""))
        finally:
            journal.close()

        # A focus move where it costs most: the thought record's long form, on a copy of
        # the ten-year journal (a new draft is written into it).
        what = "Tab in the thought record form (CPU a key)"
        forms = private_copy(ten, work / "tabs")
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child-tabs",
                               str(forms)], stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, env=env, timeout=600)
        line = next((x for x in done.stdout.splitlines() if x.startswith(RESULT)), None)
        if done.returncode or line is None:
            rows.append(Row(what, "n/a", "", "", "", "failed"))
            details.append(f"{what}: {done.stderr[-1500:]}")
        else:
            tabs = json.loads(line[len(RESULT):])["tabs"]
            rows.append(Row(what, fmt_s(median(tabs)), "", "", "", ""))
            details.append(f"{what}: {len(tabs)} presses, median {fmt_s(median(tabs))}, "
                           f"slowest {fmt_s(max(tabs))}")

        order = {name: i for i, name in enumerate(ROWS)}
        rows.sort(key=lambda r: order.get(r.what, len(order)))
        counts = manifest["counts"]
        print(
            f"closer benchmarks: {counts['entries']:,} entries, "
            f"{counts['thought_records']:,} thought records, {counts['loop_events']:,} loop "
            f"moments ({counts['loop_map']} map versions), {counts['ritual_log']:,} ritual "
            f"logs over {sizes.ritual_years} years; search word {word!r} "
            f"({manifest['search_matches']} entries)"
        )
        print(f"machine: {machine()}" + (f"; jrnl {jrnl_ver} in its own environment"
                                          if jrnl_ver else "; jrnl not found"))
        print(f"runs: {repeat} per figure, alternating, medians; in-process {inner} runs")
        print()
        print(table(rows))
        print()
        for line in details:
            print(f"- {line}")
        via = manifest.get("via", {})
        direct = [k for k, v in via.items() if v == "direct insert"]
        print(
            "- journal written by: "
            + ", ".join(f"{k} via {v}" for k, v in via.items())
            + (f" (no record API yet for {', '.join(direct)})" if direct else "")
        )
        print(
            f"- journal {'reused' if manifest.get('reused') else 'made'}"
            + (f" in {made_in} s" if made_in is not None else "")
            + f"; whole run {time.perf_counter() - started:.0f} s"
        )
    finally:
        if args.keep:
            print(f"- work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def table(rows: list[Row]) -> str:
    head = Row("what", "closer", "against", "ratio", "budget", "result")
    fields = ("what", "closer", "against", "ratio", "budget", "result")
    widths = {f: max(len(getattr(r, f)) for r in [head, *rows]) for f in fields}
    lines = []
    for r in [head, *rows]:
        lines.append(
            " | ".join(getattr(r, f).ljust(widths[f]) for f in fields).rstrip()
        )
        if r is head:
            lines.append("-|-".join("-" * widths[f] for f in fields))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child-tabs"]:
        return _child_tabs(argv[1])
    if argv[:1] == ["--child-start"]:
        return _child_start(argv[1], argv[2] if len(argv) > 2 else "",
                            at_paint="--at-paint" in argv[3:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true",
                        help="a tiny journal and one run of each figure (for CI)")
    parser.add_argument("--sizes", metavar="NAME=N,...",
                        help="journal sizes, e.g. entries=20000,thoughts=3000,loop=500,"
                        "ritual_logs=5000")
    parser.add_argument("--repeat", type=int, default=0, help="runs per figure (default 7)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--data", metavar="DIR",
                        help="where the generated journals are kept (default tests/bench/data)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each app's start in instructions, once each, under "
                        "valgrind's callgrind: the same on a busy machine as on a quiet one")
    parser.add_argument("--jrnl", metavar="CMD",
                        help="how to run jrnl 4.x (default: $CLOSER_TEST_JRNL_PYTHON -m jrnl, "
                        ".venv-jrnl/bin/jrnl, or jrnl on the PATH)")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
