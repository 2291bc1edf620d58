"""A brief to bring to a couples therapist: a few pages the person chooses to share.

>>> brief = make_brief(journal, weeks=8)                              # doctest: +SKIP
>>> brief.markdown()                                                  # doctest: +SKIP
'# What I would like to bring\\n...'
>>> make_brief(journal, without={"map"}).html()        # printable    # doctest: +SKIP

Every figure comes from where it is already worked out: the weeks from
:meth:`storage.review.Review.weeks`, the exits from :meth:`storage.loop.Loop.exit_counts`,
what was due and kept from :meth:`storage.rituals.Rituals.day_status`. Nothing is computed
twice, so the brief always agrees with Look back.

Each section (:data:`SECTIONS`) can be left out; the brief holds nothing else. The words
describe what the person noticed, never a verdict on either partner, and never a diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable

from storage import dates
from storage.errors import InvalidInput
from storage.weeks import week_end, week_start, week_words

if TYPE_CHECKING:
    from storage.journal import Journal
    from storage.review import WeekFigures

QUESTIONS_SETTING = "brief_questions"
"""The setting that holds the questions the person wants to bring (a list of strings)."""

DEFAULT_WEEKS = 8
MAX_WEEKS = 520
QUESTION_MAX = 500
QUESTIONS_MAX = 30


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the brief: a heading, then paragraphs and lists."""

    key: str
    title: str
    parts: tuple[str | tuple[str, ...], ...] = ()
    """In order: a string is a paragraph, a tuple of strings a list."""


@dataclass(frozen=True, slots=True)
class Brief:
    """The whole brief: the weeks it covers and the sections chosen, in order."""

    first: date
    last: date
    weeks: int
    sections: tuple[Section, ...]

    @property
    def keys(self) -> list[str]:
        return [section.key for section in self.sections]

    @property
    def intro(self) -> str:
        span = "week" if self.weeks == 1 else f"{self.weeks} weeks"
        return (f"From my journal, the {span} from {_day(self.first)} to "
                f"{_day(self.last)}. I chose what is in here. It is what I noticed, "
                "seen from my side: a place to start talking, not a verdict on either of us.")

    def markdown(self) -> str:
        """The brief as Markdown (the person's own words go in as they wrote them)."""
        lines = [f"# {TITLE}", "", self.intro, ""]
        for section in self.sections:
            lines += [f"## {section.title}", ""]
            for part in section.parts:
                lines += ([part] if isinstance(part, str) else [f"- {i}" for i in part]) + [""]
        return "\n".join(lines).rstrip("\n") + "\n"

    def html(self) -> str:
        """The brief as one printable HTML page (no scripts, nothing loaded from outside;
        every text escaped, so nothing the person wrote is read as markup)."""
        from html import escape

        body = [f"<h1>{escape(TITLE)}</h1>", f"<p class=\"intro\">{escape(self.intro)}</p>"]
        for section in self.sections:
            body.append(f"<section id=\"{section.key}\"><h2>{escape(section.title)}</h2>")
            for part in section.parts:
                body.append(f"<p>{escape(part)}</p>" if isinstance(part, str) else
                            "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in part) + "</ul>")
            body.append("</section>")
        return _PAGE.format(title=escape(TITLE), body="\n".join(body))


TITLE = "What I would like to bring"


def _day(day: date) -> str:
    """``5 January 2026`` (no zero in front, on every platform)."""
    return f"{day.day} {day:%B %Y}"

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font: 12pt/1.5 Georgia, serif; max-width: 40em; margin: 2em auto; padding: 0 1em;
       color: #111; background: #fff; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.2em; margin-top: 1.6em; }}
.intro {{ font-style: italic; }}
section {{ break-inside: avoid; }}
@media print {{ body {{ margin: 0; max-width: none; }} }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


# ---------------------------------------------------------------- questions


def questions(journal: Journal) -> list[str]:
    """The questions the person wants to bring, in the order they wrote them."""
    stored = journal.get_setting(QUESTIONS_SETTING, [])
    return [q for q in stored if isinstance(q, str) and q.strip()] if isinstance(
        stored, list) else []


def set_questions(journal: Journal, texts: list[str]) -> list[str]:
    """Keep these questions (blank ones dropped, each one line, at most
    :data:`QUESTION_MAX` characters, at most :data:`QUESTIONS_MAX`); returns them."""
    from storage.text import clean

    kept = []
    for text in texts:
        line = " ".join(clean(text or "").split())
        if not line:
            continue
        if len(line) > QUESTION_MAX:
            raise InvalidInput(f"a question can be at most {QUESTION_MAX} characters")
        kept.append(line)
    if len(kept) > QUESTIONS_MAX:
        raise InvalidInput(f"the brief holds at most {QUESTIONS_MAX} questions")
    journal.set_setting(QUESTIONS_SETTING, kept)
    return kept


# ---------------------------------------------------------------- sections


@dataclass(frozen=True, slots=True)
class _Period:
    journal: Journal
    first: date
    last: date
    today: date
    weeks: list[WeekFigures]
    """Oldest first."""


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _mean(pairs: list[tuple[float | None, int]]) -> float | None:
    """The mean over weeks of a per-week mean, each week weighted by how many it holds."""
    total = sum(value * n for value, n in pairs if value is not None and n)
    count = sum(n for value, n in pairs if value is not None and n)
    return total / count if count else None


def _name(find: Callable[[str], object], key: str) -> str:
    """A content item's name by key; the key in words if content no longer has it."""
    try:
        return find(key).name  # type: ignore[attr-defined]
    except KeyError:
        return key.replace("_", " ")


_SIDE_WORDS = {
    "me": ("What sets it off for me", "What I do next", "What I tell myself",
           "What shows on the outside", "What I feel underneath", "What I long for"),
    "them": ("What seems to set it off for my partner", "What my partner does next",
             "What my partner may tell themself", "What shows on the outside",
             "What my partner may feel underneath", "What my partner may long for"),
}


def _map_section(period: _Period) -> Section:
    from content import knowledge

    title = "Our cycle, in words"
    current = period.journal.loop.current_map()
    if current is None:
        return Section("map", title, ("I have not drawn our cycle yet.",))
    know = knowledge()
    parts: list[str | tuple[str, ...]] = []
    try:
        pattern = know.pattern(current.pattern)
        parts.append(f"The pattern we seem to fall into: {pattern.name.lower()}. "
                     f"{pattern.description}")
    except KeyError:
        pass
    try:
        parts.append(f"In it, I am often {know.role(current.my_role).name.lower()}.")
    except KeyError:
        pass
    for side, label in (("me", "My side:"), ("them", "My partner's side, as I see it (my "
                                                     "guess, not their words):")):
        said = tuple(f"{words}: {value.strip()}"
                     for words, value in zip(_SIDE_WORDS[side], getattr(current, side))
                     if value.strip())
        if said:
            parts += [label, said]
    parts.append("Each of us is doing what makes sense from where we stand, and each move "
                 "feeds the other's.")
    return Section("map", title, tuple(parts))


def _loop_section(period: _Period) -> Section:
    title = "How often the loop turned"
    moments = sum(w.moments for w in period.weeks)
    if not moments:
        return Section("loop", title, ("I did not log a turn of the loop in these weeks.",))
    intensity = _mean([(w.intensity, w.moments) for w in period.weeks])
    repairs = sum(w.repairs for w in period.weeks)
    line = f"I noted {_count(moments, 'turn')} of the loop"
    if intensity is not None:
        line += f", at an average strength of {intensity:.1f} out of 10"
    line += "."
    if repairs:
        line += (f" {_count(repairs, 'turn')} ended in a repair." if repairs < moments
                 else " Every one of them ended in a repair.")
    weeks = tuple(
        f"{week_words(w.start, capital=True)}: {_count(w.moments, 'turn')}"
        + ("" if w.intensity is None else f", strength {w.intensity:.1f}")
        for w in period.weeks if w.moments
    )
    return Section("loop", title, (line, weeks))


def _exits_section(period: _Period, days: dict) -> Section:
    from content import knowledge

    know = knowledge()
    title = "Ways out of contact, and what got in the way"
    parts: list[str | tuple[str, ...]] = []
    exits = period.journal.loop.exit_counts(period.first, period.last)
    if exits:
        parts.append("The ways I noticed one of us stepping out of contact, most common "
                     "first:")
        parts.append(tuple(f"{_name(know.exit, key)}: {_times(n)}" for key, n in exits[:5]))
    else:
        parts.append("I did not note any ways out of contact in these weeks.")
    reasons: dict[str, int] = {}
    for rituals in days.values():
        for ritual in rituals:
            if ritual.reason and ritual.state in ("missed", "skipped"):
                reasons[ritual.reason] = reasons.get(ritual.reason, 0) + 1
    if reasons:
        said = [f"{_name(know.missed_reason, key).lower()} ({_times(n)})"
                for key, n in sorted(reasons.items(), key=lambda pair: (-pair[1], pair[0]))]
        parts.append("When a ritual did not happen, the reasons I gave: "
                     + ", ".join(said) + ".")
    return Section("exits", title, tuple(parts))


def _thoughts_section(period: _Period) -> Section:
    title = "How the stories I told myself shifted"
    records = sum(w.records for w in period.weeks)
    if not records:
        return Section("thoughts", title, ("I did not work through a thought record in these "
                                           "weeks.",))
    rated = sum(w.rated for w in period.weeks)
    drop = _mean([(w.belief_drop, w.rated) for w in period.weeks])
    line = f"I worked through {_count(records, 'thought record')}"
    if drop is None:
        line += ", without rating my belief before and after."
    else:
        points = round(abs(drop))
        which = "in the one" if rated == 1 else f"in the {rated}"
        which += " I rated before and after"
        if points == 0:
            line += f"; {which}, my belief in the story stayed about where it was."
        elif drop > 0:
            line += (f"; {which}, the story lost {_count(points, 'point')} of belief "
                     "(out of 100) on average once I had weighed the evidence.")
        else:
            line += (f"; {which}, the story felt {_count(points, 'point')} truer "
                     "afterwards on average.")
    return Section("thoughts", title, (line,))


def _reasons_section(period: _Period) -> Section:
    title = "What may lie behind the distance"
    found = period.journal.review.reasons_between(period.first, period.last)
    if not found.counts:
        return Section("reasons", title, ("I did not mark any likely reasons for the distance "
                                          "in these weeks.",))
    parts: list[str | tuple[str, ...]] = [
        "The likely reasons I marked on loop moments and thought records, most often first, "
        "each with a small practice that can help. These are my guesses, not facts about "
        "either of us."]
    parts.append(tuple(
        f"{count.name}: {_times(count.marked)}"
        + (f"; what can help: {count.practice.name.lower()}" if count.practice else "")
        for count in found.counts[:6]))
    return Section("reasons", title, tuple(parts))


def _rituals_section(period: _Period, days: dict) -> Section:
    title = "The rituals we kept"
    names: dict[int, str] = {}
    kept: dict[int, int] = {}
    due: dict[int, int] = {}
    for day, rituals in days.items():
        for ritual in rituals:
            names[ritual.ritual_id] = ritual.name
            if ritual.state == "done":
                kept[ritual.ritual_id] = kept.get(ritual.ritual_id, 0) + 1
            if ritual.due and day <= period.today:
                due[ritual.ritual_id] = due.get(ritual.ritual_id, 0) + 1
    if not names:
        return Section("rituals", title, ("No rituals were due in these weeks.",))
    each = tuple(f"{name}: {_kept_words(kept.get(rid, 0), due.get(rid, 0))}"
                 for rid, name in names.items())
    total_kept, total_due = sum(kept.values()), sum(due.values())
    line = (f"Together we kept {total_kept} of the {_count(total_due, 'ritual')} that were "
            "due." if total_due else f"We kept {_count(total_kept, 'ritual')}.")
    return Section("rituals", title, (line, each))


def _kept_words(kept: int, due: int) -> str:
    """``kept on 5 of the 7 days it was due``; ``kept on the one day it was due``."""
    if not due:
        return f"kept {_times(kept)}"
    if due == 1:
        return ("kept on" if kept else "not kept on") + " the one day it was due"
    return f"kept on {kept} of the {due} days it was due"


def _questions_section(period: _Period) -> Section:
    title = "What I would like to talk about"
    asked = questions(period.journal)
    if not asked:
        return Section("questions", title, ("I have not written my questions down yet.",))
    return Section("questions", title, (tuple(asked),))


SECTIONS: dict[str, tuple[str, Callable]] = {
    "map": ("our cycle in words (from the loop map)", _map_section),
    "loop": ("how often the loop turned, and how strongly", _loop_section),
    "exits": ("the most common exits, and reasons rituals did not happen", _exits_section),
    "thoughts": ("how thought records shifted belief", _thoughts_section),
    "reasons": ("the likely reasons you marked, and what can help", _reasons_section),
    "rituals": ("which rituals were kept", _rituals_section),
    "questions": ("the questions you want to bring", _questions_section),
}
"""Every section of the brief, in order: key -> (what it holds, how it is made)."""

_NEEDS_DAYS = {"exits", "rituals"}


def parse_sections(text: str) -> set[str]:
    """Section keys from a comma-separated list (``"map,loop"``); an unknown key is one
    clear line naming the ones there are."""
    keys = {part.strip().lower() for part in (text or "").split(",") if part.strip()}
    unknown = sorted(keys - set(SECTIONS))
    if unknown:
        raise InvalidInput(f"the brief has no section {unknown[0]!r} (there are: "
                           f"{', '.join(SECTIONS)})")
    return keys


def make_brief(
    journal: Journal,
    *,
    weeks: int = DEFAULT_WEEKS,
    without: set[str] | frozenset[str] = frozenset(),
    today: date | None = None,
) -> Brief:
    """The brief over the last ``weeks`` ISO weeks (this week included), with every section
    of :data:`SECTIONS` but those named in ``without``."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"the brief covers 1 to {MAX_WEEKS} weeks")
    unknown = sorted(set(without) - set(SECTIONS))
    if unknown:
        raise InvalidInput(f"the brief has no section {unknown[0]!r}")
    today = today or dates.today()
    last_monday = week_start(today)
    first = last_monday - timedelta(weeks=weeks - 1)
    last = min(week_end(today), today)
    figures = journal.review.weeks(first, last_monday, today=today)[::-1]
    period = _Period(journal, first, last, today, figures)
    chosen = [key for key in SECTIONS if key not in without]
    days = (journal.rituals.day_status(first, min(last, today), today=today)
            if _NEEDS_DAYS & set(chosen) and first <= today else {})
    sections = []
    for key in chosen:
        build = SECTIONS[key][1]
        sections.append(build(period, days) if key in _NEEDS_DAYS else build(period))
    return Brief(first=first, last=last, weeks=weeks, sections=tuple(sections))


# ---------------------------------------------------------------- to a file


def wants_html(target: str | None) -> bool:
    """Whether a file name asks for the HTML page (``.html``, ``.htm``)."""
    return (target or "").lower().endswith((".html", ".htm"))


def default_path(journal: Journal, *, html: bool = False, today: date | None = None) -> str:
    """Where the brief goes when the person names no file: beside the journal, named by
    the day (``brief-2026-03-25.md``)."""
    import os

    day = (today or dates.today()).isoformat()
    return os.path.join(os.path.dirname(os.path.abspath(journal.path)),
                        f"brief-{day}.{'html' if html else 'md'}")


def save_brief(journal: Journal, brief: Brief, target: str, *, html: bool | None = None) -> str:
    """Write ``brief`` as the whole of ``target`` (HTML when ``html``, or when the name ends
    ``.html``; Markdown otherwise): private (0600) and never half written
    (:func:`storage.copies.write_file`); never over the journal or its side files. Returns
    the path written."""
    import os

    from storage import copies

    target = os.path.expanduser(target.strip())
    if not target:
        raise InvalidInput("name a file to write the brief to")
    copies.refuse_journal_files(target, journal.path)
    html = wants_html(target) if html is None else html
    text = brief.html() if html else brief.markdown()
    return copies.write_file(target, text.encode("utf-8"))
