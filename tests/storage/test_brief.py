"""The brief for a therapist: its sections hold what Look back's figures say, each can be left
out, the questions are kept, and the HTML page never reads the person's words as markup."""

from __future__ import annotations

from datetime import date, datetime, time
from html.parser import HTMLParser

import pytest

from storage import InvalidInput, rows
from storage.brief import SECTIONS, make_brief, parse_sections, questions, set_questions
from storage.models import LoopEventIn, ThoughtRecordIn

TODAY = date(2026, 3, 25)  # a Wednesday; two weeks back is Monday 16 March


def at(day: date, hour: int = 20) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


@pytest.fixture
def full(journal):
    """Two weeks of everything the brief reads, and one record before them."""
    journal.loop.save_map({
        "pattern": "pursue_withdraw", "my_role": "pursuer",
        "me": {"trigger": "a late reply", "move": "I ask again, louder",
               "longing": "to matter"},
        "them": {"move": "goes quiet"},
    })
    for day, intensity, ending, exits in (
        (date(2026, 3, 10), 9, "unresolved", ["overworking"]),  # before the brief's weeks
        (date(2026, 3, 17), 8, "unresolved", ["shutting_down", "distractions"]),
        (date(2026, 3, 18), 6, "repair", ["shutting_down"]),
        (date(2026, 3, 24), 4, "repair", []),
    ):
        rows.insert(journal, "loop_events", LoopEventIn(
            occurred_at=at(day), intensity=intensity, ending=ending, exits=exits))
    for day, before, after in ((date(2026, 3, 17), 90, 40), (date(2026, 3, 23), 70, 60),
                               (date(2026, 3, 24), None, None)):
        rows.insert(journal, "thought_records", ThoughtRecordIn(
            occurred_at=at(day), story="they are leaving", story_belief_before=before,
            story_belief_after=after))
    walk = journal.rituals.add("Walk and talk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2026, 3, 1))
    journal.rituals.mark(walk.id, date(2026, 3, 22), "done")
    daily = journal.rituals.add("Download", "FREQ=DAILY", dtstart=date(2026, 3, 16))
    for n in range(16, 22):
        journal.rituals.mark(daily.id, date(2026, 3, n), "done")
    journal.rituals.mark(daily.id, date(2026, 3, 22), "missed", reason="busy")
    journal.rituals.mark(daily.id, date(2026, 3, 23), "skipped", reason="conflict")
    journal.rituals.mark(daily.id, date(2026, 3, 24), "missed", reason="busy")
    return journal


def section(brief, key: str) -> str:
    """One section of the Markdown, from its heading to the next."""
    text = brief.markdown()
    title = next(s.title for s in brief.sections if s.key == key)
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def test_every_section_says_what_the_weeks_hold(full):
    brief = make_brief(full, weeks=2, today=TODAY)
    assert (brief.first, brief.last) == (date(2026, 3, 16), TODAY)
    assert brief.keys == list(SECTIONS)
    assert "16 March 2026 to 25 March 2026" in brief.markdown()

    cycle = section(brief, "map")
    assert "pursue and withdraw" in cycle and "the one who reaches" in cycle
    assert "- What sets it off for me: a late reply" in cycle
    assert "- What my partner does next: goes quiet" in cycle
    assert "What my partner may long for" not in cycle  # a field left empty is not made up

    loop = section(brief, "loop")  # the moment of 10 March is before the two weeks
    assert "I noted 3 turns of the loop, at an average strength of 6.0 out of 10." in loop
    assert "2 turns ended in a repair." in loop
    assert "- Week of 16 Mar: 2 turns, strength 7.0" in loop
    assert "- Week of 23 Mar: 1 turn, strength 4.0" in loop

    exits = section(brief, "exits")
    assert "- Shutting down: twice\n- Distractions: once" in exits
    assert "Overworking" not in exits
    assert "the reasons I gave: too busy (twice), after a conflict (once)." in exits

    thoughts = section(brief, "thoughts")
    assert "I worked through 3 thought records; in the 2 I rated before and after" in thoughts
    assert "the story lost 30 points of belief" in thoughts  # (50 + 10) / 2

    kept = section(brief, "rituals")
    # Download: due daily from the 16th, ten days up to today; kept on six. Walk: one Sunday.
    assert "Together we kept 7 of the 11 rituals that were due." in kept
    assert "- Download: kept on 6 of the 10 days it was due" in kept
    assert "- Walk and talk: kept on the one day it was due" in kept


def test_the_figures_are_look_backs(full):
    brief = make_brief(full, weeks=2, today=TODAY)
    weeks = full.review.weeks(date(2026, 3, 16), date(2026, 3, 23), today=TODAY)
    moments = sum(w.moments for w in weeks)
    assert f"I noted {moments} turns" in section(brief, "loop")


def test_sections_left_out_are_not_there_and_nothing_else_is_added(full):
    set_questions(full, ["How do we pause without it feeling like leaving?"])
    brief = make_brief(full, weeks=2, without=parse_sections("map, exits,thoughts"),
                       today=TODAY)
    assert brief.keys == ["loop", "reasons", "rituals", "questions"]
    text = brief.markdown()
    for gone in ("Our cycle", "a late reply", "Shutting down", "too busy", "belief"):
        assert gone not in text
    assert "- How do we pause without it feeling like leaving?" in text
    html = brief.html()
    assert "a late reply" not in html and "Shutting down" not in html
    only = make_brief(full, weeks=2, without=set(SECTIONS) - {"questions"}, today=TODAY)
    assert only.keys == ["questions"]


def test_an_empty_journal_gives_a_gentle_brief(journal):
    text = make_brief(journal, weeks=4, today=TODAY).markdown()
    assert "I have not drawn our cycle yet." in text
    assert "I did not log a turn of the loop in these weeks." in text
    assert "I have not written my questions down yet." in text


def test_questions_are_kept_one_line_each_and_can_be_cleared(journal):
    assert questions(journal) == []
    assert set_questions(journal, ["  Why do I go\nquiet?  ", "", "What helps us repair?"]) == [
        "Why do I go quiet?", "What helps us repair?"]
    assert journal.get_setting("brief_questions") == ["Why do I go quiet?",
                                                      "What helps us repair?"]
    assert set_questions(journal, [""]) == [] and questions(journal) == []
    with pytest.raises(InvalidInput, match="at most 500"):
        set_questions(journal, ["x" * 501])


def test_unknown_sections_and_weeks_are_one_clear_line(journal):
    with pytest.raises(InvalidInput, match="no section 'mood'.*map, loop"):
        parse_sections("map,mood")
    with pytest.raises(InvalidInput, match="1 to 520 weeks"):
        make_brief(journal, weeks=0)


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_page_and_the_persons_words_stay_words(journal):
    set_questions(journal, ["<script>alert(1)</script> & <b>why</b>?"])
    page = make_brief(journal, weeks=1, today=TODAY).html()
    parsed = _Texts()
    parsed.feed(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert "<script>alert(1)</script> & <b>why</b>?" in "".join(parsed.text)
    assert parsed.tags.count("section") == len(SECTIONS)
    assert "@media print" in page and "http" not in page  # nothing loaded from outside
