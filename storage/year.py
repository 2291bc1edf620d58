"""A year at a glance: which days held entries and kept rituals, and the writing streak.

>>> year = year_at_a_glance(journal, 2026)                   # doctest: +SKIP
>>> print("\\n".join(year.lines()))                           # doctest: +SKIP
2026    Jan      Feb ...
Mon     ·░▒ ...
>>> year.current_streak, year.longest_streak                 # doctest: +SKIP
(3, 12)

Each day's level is what it held: its entries plus the rituals kept on it (marks saying
``done``), from 0 to :data:`TOP` ("4 or more"). The grid is drawn with characters that
differ in shape and density (:data:`MARKS`), so it reads the same without colour, on a
printout, or through a screen reader's character names.

The writing streak counts local days in a row with at least one entry, up to today; a day
not written yet today does not break it (the day is not over). A quick command reads this:
plain SQL, no pydantic, no Textual.
"""

from __future__ import annotations

from datetime import date, timedelta

from storage import dates
from storage.errors import InvalidInput

MARKS = ("·", "░", "▒", "▓", "█")
"""The mark of each level: nothing, 1, 2, 3, 4 or more (entries plus rituals kept)."""
TOP = len(MARKS) - 1
OUTSIDE = " "
"""A cell of the grid outside the year, or a day still to come."""
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL = 5
"""Width of the row labels (``Mon`` and two spaces)."""


def legend() -> str:
    """The key to the marks, in words: ``· nothing  ░ 1  ▒ 2  ▓ 3  █ 4 or more``."""
    words = ["nothing", *(str(n) for n in range(1, TOP)), f"{TOP} or more"]
    return "  ".join(f"{mark} {word}" for mark, word in zip(MARKS, words)) + \
        "  (entries + rituals kept that day)"


def level(count: int) -> int:
    """The level (0 to :data:`TOP`) of a day that held ``count`` things."""
    return max(0, min(count, TOP))


def _streaks(days: list[date], today: date) -> tuple[int, int, date | None]:
    """(current, longest, the last day of the longest) over sorted, distinct ``days``."""
    longest, longest_end, run, previous = 0, None, 0, None
    for day in days:
        if day > today:
            break
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        if run > longest:
            longest, longest_end = run, day
        previous = day
    current = 0
    if previous is not None and today - previous <= timedelta(days=1):
        current = run
    return current, longest, longest_end


class Year:
    """One calendar year's days and the writing streak, as :func:`year_at_a_glance` read them."""

    __slots__ = ("year", "today", "entries", "kept", "current_streak", "longest_streak",
                 "longest_end")

    def __init__(self, year: int, today: date, entries: dict[date, int], kept: dict[date, int],
                 current_streak: int, longest_streak: int, longest_end: date | None) -> None:
        self.year = year
        self.today = today
        self.entries = entries
        """Local day -> how many entries it holds (days with none are left out)."""
        self.kept = kept
        """Local day -> how many rituals were kept on it (marked done)."""
        self.current_streak = current_streak
        """Days in a row with an entry, up to today (or yesterday, if today has none yet)."""
        self.longest_streak = longest_streak
        """The longest such run in the whole journal."""
        self.longest_end = longest_end

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)

    def count(self, day: date) -> int:
        """Entries plus rituals kept on ``day``."""
        return self.entries.get(day, 0) + self.kept.get(day, 0)

    def level(self, day: date) -> int:
        return level(self.count(day))

    @property
    def days_written(self) -> int:
        return len(self.entries)

    @property
    def days_kept(self) -> int:
        return len(self.kept)

    def mark(self, day: date) -> str:
        """The character the grid shows for ``day``."""
        if day.year != self.year or day > self.today:
            return OUTSIDE
        return MARKS[self.level(day)]

    def grid(self) -> list[list[date | None]]:
        """Seven rows (Monday first) of one cell per ISO week, the week of 1 January first;
        None where a cell falls outside the year."""
        monday = self.first - timedelta(days=self.first.weekday())
        columns = (self.last - monday).days // 7 + 1
        rows: list[list[date | None]] = []
        for weekday in range(7):
            row: list[date | None] = []
            for column in range(columns):
                day = monday + timedelta(days=column * 7 + weekday)
                row.append(day if day.year == self.year else None)
            rows.append(row)
        return rows

    def lines(self) -> list[str]:
        """The year as plain text: a month line, seven rows of marks, the legend and the
        streak (about 60 columns wide)."""
        grid = self.grid()
        width = len(grid[0])
        months = [" "] * width
        monday = self.first - timedelta(days=self.first.weekday())
        for month in range(1, 13):
            column = (date(self.year, month, 1) - monday).days // 7
            name = f"{date(self.year, month, 1):%b}"
            if all(c == " " for c in months[column:column + len(name)]):
                months[column:column + len(name)] = list(name)
        out = [f"{self.year:<{LABEL}}" + "".join(months).rstrip()]
        for name, row in zip(DAY_NAMES, grid):
            out.append(f"{name:<{LABEL}}"
                       + "".join(OUTSIDE if d is None else self.mark(d) for d in row).rstrip())
        out += ["", legend(), "", *self.summary()]
        return out

    def summary(self) -> list[str]:
        """The year and the streak in a few plain lines."""
        days = "day" if self.days_written == 1 else "days"
        lines = [f"You wrote on {self.days_written} {days} of {self.year}"
                 + (f", and kept a ritual on {self.days_kept}." if self.days_kept else ".")]
        if self.current_streak:
            run = "day" if self.current_streak == 1 else "days in a row"
            lines.append(f"Writing streak: {self.current_streak} {run}, up to today.")
        else:
            lines.append("Writing streak: none running just now; any day is a good day to "
                         "start again.")
        if self.longest_streak and self.longest_end is not None:
            lines.append(f"Longest streak: {self.longest_streak} days, ending "
                         f"{self.longest_end.day} {self.longest_end:%b %Y}.")
        return lines

    def to_json(self) -> dict:
        """The year for scripts: every day of it with something in it, and the streaks."""
        days = sorted(set(self.entries) | set(self.kept))
        return {
            "year": self.year,
            "days": [{"day": d.isoformat(), "entries": self.entries.get(d, 0),
                      "rituals_kept": self.kept.get(d, 0), "level": self.level(d)}
                     for d in days],
            "days_written": self.days_written,
            "days_kept": self.days_kept,
            "current_streak": self.current_streak,
            "longest_streak": self.longest_streak,
            "longest_streak_end": self.longest_end.isoformat() if self.longest_end else None,
        }


def year_at_a_glance(journal, year: int | None = None, *, today: date | None = None) -> Year:
    """What each local day of ``year`` (this year unless given) held, and the writing streak
    up to ``today``: three indexed queries, quick on a journal of many years."""
    today = today or dates.today()
    year = today.year if year is None else year
    if not dates.EARLIEST_YEAR <= year <= dates.LATEST_YEAR:
        raise InvalidInput(
            f"the year must be from {dates.EARLIEST_YEAR} to {dates.LATEST_YEAR}")
    span = (f"{year:04d}-01-01", f"{year:04d}-12-31")
    conn = journal.conn
    entries = {date.fromisoformat(day): n for day, n in conn.execute(
        "SELECT day, count(*) FROM entries WHERE day BETWEEN ? AND ? GROUP BY day", span)}
    kept = {date.fromisoformat(day): n for day, n in conn.execute(
        "SELECT on_date, count(*) FROM ritual_log WHERE status = 'done'"
        " AND on_date BETWEEN ? AND ? GROUP BY on_date", span)}
    written = [date.fromisoformat(day) for (day,) in conn.execute(
        "SELECT DISTINCT day FROM entries ORDER BY day")]
    current, longest, longest_end = _streaks(written, today)
    return Year(year, today, entries, kept, current, longest, longest_end)
