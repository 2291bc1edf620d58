"""The family boundary meeting's agreements: kept on a mark, carried to the next meeting for
review (each one kept or let go, new ones added), read back for the review, exported and
imported whole."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from storage import Journal, dates
from storage.portable import export_json, import_json
from storage.rituals import agreement_lines, carry_agreements, review_agreements

BERLIN = ZoneInfo("Europe/Berlin")
JAN, APR, JUL = date(2025, 1, 5), date(2025, 4, 6), date(2025, 7, 6)  # first Sundays


@pytest.fixture
def meeting(journal, monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: datetime(2025, 7, 20, 18, 0, tzinfo=BERLIN))
    return journal.rituals.add_from_template("family_boundary_meeting", dtstart=JAN)


def test_a_meeting_keeps_its_agreements_one_a_line(journal, meeting):
    log = journal.rituals.mark(meeting.id, JAN, "done",
                               agreements="- We answer comments together\n\n leave by six ")
    assert log.agreements == "We answer comments together\nleave by six"
    assert journal.rituals.get_mark(meeting.id, JAN).agreements == log.agreements


def test_a_meeting_that_did_not_happen_keeps_none(journal, meeting):
    log = journal.rituals.mark(meeting.id, JAN, "skipped", agreements="Leave by six")
    assert log.agreements == ""


def test_the_next_meeting_reviews_the_last_agreements_before_it(journal, meeting):
    rituals = journal.rituals
    assert rituals.last_agreements(meeting.id, APR) is None
    rituals.mark(meeting.id, JAN, "done", agreements="Leave by six\nOne visit a month")
    before_april = rituals.last_agreements(meeting.id, APR)
    assert before_april.on_date == JAN
    assert before_april.lines == ("Leave by six", "One visit a month")
    # April skipped: July still reviews January's.
    rituals.mark(meeting.id, APR, "skipped")
    assert rituals.last_agreements(meeting.id, JUL).on_date == JAN
    # Not the meeting's own day, unless asked for what holds on it.
    kept = carry_agreements(before_april.lines, [True, False], "Answer calls together")
    rituals.mark(meeting.id, JUL, "done", agreements=kept)
    assert rituals.last_agreements(meeting.id, JUL).on_date == JAN
    now = rituals.last_agreements(meeting.id, JUL, inclusive=True)
    assert now == (JUL, ("Leave by six", "Answer calls together"))


def test_carrying_keeps_the_ticked_ones_and_adds_the_new_once():
    previous = ["Leave by six", "One visit a month", "No surprises at Christmas"]
    assert carry_agreements(previous, [True, False, True], "") == (
        "Leave by six\nNo surprises at Christmas")
    assert carry_agreements(previous, [False, False, False], "") == ""
    assert carry_agreements(previous, [True], "leave by six\nCall before visiting") == (
        "Leave by six\nCall before visiting")


def test_a_saved_meeting_reads_back_into_the_same_review():
    previous = ["Leave by six", "One visit a month"]
    stored = carry_agreements(previous, [False, True], "Call before visiting")
    assert review_agreements(previous, stored) == ([False, True], "Call before visiting")
    assert review_agreements([], stored) == ([], stored)
    assert agreement_lines("") == []


def test_agreements_survive_export_and_import(journal, meeting, tmp_path):
    journal.rituals.mark(meeting.id, JAN, "done", agreements="Leave by six\nOne visit a month")
    journal.rituals.mark(meeting.id, APR, "done", agreements="Leave by six")
    data = export_json(journal)
    with Journal.open(tmp_path / "other" / "journal.db") as other:
        import_json(other, data)
        (ritual,) = other.rituals.list()
        assert other.rituals.last_agreements(ritual.id, JUL) == (APR, ("Leave by six",))
        assert other.rituals.get_mark(ritual.id, JAN).agreements == (
            "Leave by six\nOne visit a month")
        assert other.search("visit")  # agreements are searchable
