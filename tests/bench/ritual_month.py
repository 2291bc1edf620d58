"""How long the Rituals month view takes to draw, over a year with every ritual enabled.

    python tests/bench/ritual_month.py [--repeat 5]

Makes a throw-away journal with every ritual idea from content/ (plus one of the person's
own) started a year ago and about four in five due days marked, then, for each of the
twelve months, times in-process:

- read: ``journal.rituals.day_status`` for the six weeks the grid shows;
- draw: the calendar's screen lines made from those days (the widget's line API);
- view: the whole month change in the running app (headless, 120x40): select a day in
  that month, the pane reads and fills its calendar, day list and detail, and the
  calendar's lines are rendered.

The first month is timed "cold" too (a new process: no schedule worked out yet).
The budget is 50 ms for the view. Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUDGET_MS = 50.0


def make_journal(folder: Path, today: date):
    from content import knowledge
    from storage import Journal

    journal = Journal.open(folder / "journal.db")
    start = today - timedelta(days=365)
    rng = random.Random(5)
    with journal.transaction():
        for template in knowledge().rituals:
            journal.rituals.add_from_template(template.key, dtstart=start)
        journal.rituals.add("Goodnight check-in", "FREQ=DAILY", dtstart=start)
        due = journal.rituals.due(start, today - timedelta(days=1))
        for day, items in due.items():
            for ritual in items:
                roll = rng.random()
                if roll < 0.7:
                    journal.rituals.mark(ritual.id, day, "done", note="a short note",
                                         positive="a good thing", negative="a hard thing")
                elif roll < 0.8:
                    journal.rituals.mark(ritual.id, day, "skipped", reason="busy")
                elif roll < 0.85:
                    journal.rituals.mark(ritual.id, day, "missed", reason="forgot")
    return journal


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


async def measure(journal, today: date, repeat: int) -> dict[str, list[float]]:
    from textual.geometry import Region

    from storage.rituals import Rituals
    from tui.app import create_app
    from tui.panes.rituals.calendar import grid_range
    from tui.panes.rituals.pane import RitualsPane

    months = [(today.replace(day=1) - timedelta(days=31 * n)).replace(day=15)
              for n in range(12)]
    out: dict[str, list[float]] = {"cold read": [], "read": [], "draw": [], "view": []}

    # Cold: the first read in this process works out every schedule from its start.
    t0 = time.perf_counter()
    Rituals(journal).day_status(*grid_range(months[-1]), today=today)
    out["cold read"].append(time.perf_counter() - t0)

    app = create_app(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        pane = app.screen.query_one(RitualsPane)
        cal = pane.calendar
        width, height = cal.content_size.width, cal.content_size.height
        for _ in range(repeat):
            for month in months:
                gc.collect()
                t0 = time.perf_counter()
                days = journal.rituals.day_status(*grid_range(month), today=today)
                out["read"].append(time.perf_counter() - t0)

                cal.show(days, today)
                cal.set_reactive(type(cal).selected, month)
                gc.collect()
                t0 = time.perf_counter()
                cal.render_lines(Region(0, 0, width, height))
                out["draw"].append(time.perf_counter() - t0)

                # Away to another month first, so the pane must read this one afresh.
                pane.go_to(month + timedelta(days=400))
                await pilot.pause()
                gc.collect()
                t0 = time.perf_counter()
                pane.go_to(month)
                pane.reload_grid()  # what the DaySelected message does, here in step
                cal.render_lines(Region(0, 0, width, height))
                out["view"].append(time.perf_counter() - t0)
                await pilot.pause()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from storage import dates

    today = dates.today()
    with tempfile.TemporaryDirectory(prefix="closer-ritual-month-") as folder:
        started = time.perf_counter()
        journal = make_journal(Path(folder), today)
        made = time.perf_counter() - started
        counts = journal.counts()
        print(f"journal: {counts['rituals']} rituals, {counts['ritual_log']} marks over a "
              f"year (made in {made:.1f} s)")
        try:
            results = asyncio.run(measure(journal, today, args.repeat))
        finally:
            journal.close()
    print(f"{'what':<12} {'median':>10} {'max':>10}   runs")
    for name, values in results.items():
        print(f"{name:<12} {ms(statistics.median(values)):>10} {ms(max(values)):>10}   "
              f"{len(values)}")
    view = statistics.median(results["view"])
    print(f"month view: median {ms(view)}, worst {ms(max(results['view']))}; budget "
          f"{BUDGET_MS:.0f} ms -> {'within' if max(results['view']) * 1000 < BUDGET_MS else 'OVER'}"
          f" ({BUDGET_MS / (view * 1000):.0f}x headroom at the median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
