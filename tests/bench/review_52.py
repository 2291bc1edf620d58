"""How long Look back's queries take over a ten-year journal, in-process.

    python tests/bench/review_52.py [--keep DIR] [--runs 30]

Builds (in a few seconds, with executemany straight into the tables) a journal of ten
years: 20,000 entries, 3,000 thought records, 1,000 loop moments, 3 rituals with 5,000
marks; then times, best and median of ``--runs``:

- the weekly review of the last 52 weeks (``journal.review.weeks``; budget 50 ms),
- every week of the ten years (what Look back reads when it opens),
- the sparklines, one week's detail, and "on this day".

Self-contained on purpose: it needs nothing but the storage package.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storage import Journal, dates  # noqa: E402

BUDGET_S = 0.050
WORDS = ("quiet dinner walk talk river phone tired laughed distance work family tea repair "
         "listened sofa coffee morning lonely hopeful download story").split()


def _moment(day: date, rng: random.Random) -> str:
    local = datetime.combine(day, clock(rng.randint(7, 23), rng.randint(0, 59))).astimezone()
    return local.astimezone(timezone.utc).isoformat(timespec="seconds")


def build(path: Path, today: date, *, entries=20_000, records=3_000, moments=1_000,
          ritual_logs=5_000, years=10, seed=8) -> Journal:
    rng = random.Random(seed)
    journal = Journal.open(path)
    first = today - timedelta(days=365 * years)
    span = (today - first).days
    stamp = dates.to_stored(dates.now())

    def day() -> date:
        return first + timedelta(days=rng.randrange(span + 1))

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    with journal.transaction() as conn:
        rows = []
        for _ in range(entries):
            d = day()
            rows.append((stamp, stamp, _moment(d, rng), d.isoformat(), "", text(40),
                         rng.choice((None, -2, -1, 0, 1, 2)), int(rng.random() < 0.05)))
        conn.executemany(
            "INSERT INTO entries (created_at, updated_at, occurred_at, day, title, body, mood,"
            " starred) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute(
            "INSERT INTO entry_tags (entry_id, tag) SELECT id, 'us' FROM entries WHERE id % 7 = 0")

        rows = []
        for _ in range(records):
            d = day()
            before = rng.randint(40, 100)
            rows.append((stamp, stamp, _moment(d, rng), d.isoformat(), text(10), text(8),
                         before, max(0, before - rng.randint(-5, 50)), text(20),
                         rng.choice(("draft", "complete"))))
        conn.executemany(
            "INSERT INTO thought_records (created_at, updated_at, occurred_at, day, situation,"
            " story, story_belief_before, story_belief_after, alternative_story, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

        rows = []
        for _ in range(moments):
            d = day()
            rows.append((stamp, stamp, _moment(d, rng), d.isoformat(), text(6), text(6),
                         rng.randint(0, 10), rng.choice(("repair", "pause", "unresolved")),
                         text(12)))
        conn.executemany(
            "INSERT INTO loop_events (created_at, updated_at, occurred_at, day, trigger,"
            " my_move, intensity, ending, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

        start = today - timedelta(days=365 * 5)
        for name, rule in (("Daily download", "FREQ=DAILY"),
                           ("Sunday walk", "FREQ=WEEKLY;BYDAY=SU"),
                           ("Coffee at three", "FREQ=WEEKLY;BYDAY=TU,TH")):
            conn.execute(
                "INSERT INTO rituals (created_at, updated_at, name, rrule, dtstart, active)"
                " VALUES (?, ?, ?, ?, ?, 1)", (stamp, stamp, name, rule, start.isoformat()))
        ritual_days = sorted(rng.sample(range((today - start).days),
                                        ritual_logs // 3 + ritual_logs % 3))
        rows = []
        for ritual_id in (1, 2, 3):
            for offset in ritual_days[: len(ritual_days) if ritual_id == 1 else ritual_logs // 3]:
                d = start + timedelta(days=offset)
                rows.append((stamp, stamp, ritual_id, d.isoformat(),
                             rng.choice(("done", "done", "done", "skipped")),
                             text(8) if rng.random() < 0.3 else ""))
        conn.executemany(
            "INSERT INTO ritual_log (created_at, updated_at, ritual_id, on_date, status, note)"
            " VALUES (?, ?, ?, ?, ?, ?)", rows)
    return journal


def timed(fn, runs: int) -> tuple[float, float]:
    fn()  # warm: caches, the page cache, first imports
    seconds = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - t0)
    return min(seconds), statistics.median(seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="build the journal here and keep it")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    today = dates.today()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="review-bench-"))
    t0 = time.perf_counter()
    journal = build(folder / "journal.db", today)
    built = time.perf_counter() - t0
    review = journal.review
    counts = journal.counts()
    last = today
    first = today - timedelta(weeks=51)
    cases = {
        "weeks, last 52": lambda: review.weeks(first, last, today=today),
        "weeks, all ten years": lambda: review.weeks(today=today),
        "sparklines, 12 weeks": lambda: review.sparklines(today=today),
        "one week's detail": lambda: review.week(today - timedelta(weeks=3), today=today),
        "on this day": lambda: review.on_this_day(today),
    }
    results = {name: timed(fn, args.runs) for name, fn in cases.items()}
    assert len(review.weeks(first, last, today=today)) == 52
    journal.close()

    if args.json:
        print(json.dumps({"counts": counts, "build_s": round(built, 2),
                          "ms": {k: [round(b * 1000, 2), round(m * 1000, 2)]
                                 for k, (b, m) in results.items()}}, indent=2))
    else:
        print(f"journal: {counts}  (built in {built:.1f} s)")
        for name, (best, median) in results.items():
            print(f"  {name:<24} best {best * 1000:7.2f} ms   median {median * 1000:7.2f} ms")
        best, median = results["weeks, last 52"]
        verdict = "within" if median <= BUDGET_S else "OVER"
        print(f"weekly review of 52 weeks: median {median * 1000:.1f} ms, {verdict} the "
              f"{BUDGET_S * 1000:.0f} ms budget ({median / BUDGET_S:.2f}x of it)")
    return 0 if results["weeks, last 52"][1] <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
