"""Right now moments: the routing rule, what is kept, time-outs and coming back, the figures
Look back shows, search, the migration from a journal without them, and export/import."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from content import knowledge
from storage import InvalidInput, NotFound, dates
from storage.journal import Journal
from storage.portable import export_json, export_markdown, import_json
from storage.right_now import PULLS, ROUTES, STRONG, TIME_OUT_MINUTES, route
from storage.schema import MIGRATIONS

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 3, 12, 21, 30, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: NOW)
    monkeypatch.setattr(dates, "today", lambda: NOW.date())


def test_each_pull_has_a_route_and_only_a_strong_reach_starts_the_calm_timer():
    assert {route(p, s) for p in PULLS for s in range(11)} == set(ROUTES)
    assert [route("reach", s) for s in (0, STRONG - 1, STRONG, 10)] == [
        "step", "step", "calm", "calm"]
    assert {route("withdraw", s) for s in range(11)} == {"time_out"}
    assert {route("freeze", s) for s in range(11)} == {"ground"}


@pytest.mark.parametrize("pull, strength", [("panic", 5), ("reach", 11), ("freeze", -1)])
def test_route_refuses_what_it_does_not_know(pull, strength):
    with pytest.raises(InvalidInput):
        route(pull, strength)


def test_content_words_every_pull_storage_knows():
    words = knowledge().right_now
    assert tuple(p.key for p in words.pulls) == PULLS
    assert all(words.offers_for(p) for p in PULLS)


def test_a_reach_is_kept_as_a_loop_moment(journal):
    kept = journal.right_now.keep(pull="reach", strength=8, step="  No rush. I'm here.  ")
    again = journal.loop.get_event(kept.id)
    assert (again.pull, again.intensity, again.step) == ("reach", 8, "No rush. I'm here.")
    assert again.return_at is None and again.back_on_time is None
    assert again.occurred_at == NOW and again.ending == "unresolved"
    assert journal.loop.count() == 1


def test_a_time_out_keeps_its_script_and_return_time_and_ends_in_a_pause(journal):
    kept = journal.right_now.keep(pull="withdraw", strength=6, minutes=30,
                                  script="I'll be back at ten.", step="Can we start small?")
    assert kept.return_at == (NOW + timedelta(minutes=30)).replace(second=0)
    assert kept.script == "I'll be back at ten." and kept.ending == "pause"
    assert [e.id for e in journal.right_now.waiting()] == [kept.id]
    back = journal.right_now.came_back(kept.id, on_time=True)
    assert back.back_on_time is True and journal.loop.get_event(kept.id).back_on_time is True
    assert journal.right_now.waiting() == []


def test_a_freeze_keeps_its_small_choice(journal):
    kept = journal.right_now.keep(pull="freeze", strength=4, choice="Drink a glass of water")
    assert journal.loop.get_event(kept.id).choice == "Drink a glass of water"


@pytest.mark.parametrize("fields", [
    {"pull": "withdraw", "strength": 5, "minutes": 45},
    {"pull": "withdraw", "strength": 5, "script": "back soon"},
    {"pull": "reach", "strength": 12},
    {"pull": "sulk", "strength": 3},
])
def test_bad_right_now_input_keeps_nothing(journal, fields):
    with pytest.raises(InvalidInput):
        journal.right_now.keep(**fields)
    assert journal.loop.count() == 0


def test_the_model_holds_the_right_now_rules(journal):
    with pytest.raises(InvalidInput, match="names its pull"):
        journal.loop.log(step="a step without a pull")
    with pytest.raises(InvalidInput, match="return time"):
        journal.loop.log(pull="withdraw", back_on_time=True)
    with pytest.raises(InvalidInput, match="within a day"):
        journal.loop.log(pull="withdraw", occurred_at=NOW, return_at=NOW - timedelta(minutes=1))
    with pytest.raises(InvalidInput, match="within a day"):
        journal.loop.log(pull="withdraw", occurred_at=NOW, return_at=NOW + timedelta(days=2))
    assert journal.loop.count() == 0


def test_came_back_needs_a_time_out(journal):
    kept = journal.right_now.keep(pull="reach", strength=3)
    with pytest.raises(NotFound):
        journal.right_now.came_back(kept.id, on_time=True)
    with pytest.raises(NotFound):
        journal.right_now.came_back(999, on_time=True)


def test_search_finds_the_words_of_a_step_and_a_script(journal):
    journal.right_now.keep(pull="withdraw", strength=5, minutes=20, script="a walk by the canal",
                           step="tea on the balcony")
    for word in ("canal", "balcony"):
        hits = journal.search(word)
        assert [(h.kind, h.title) for h in hits] == [("loop_event", "tea on the balcony")]


def test_look_back_figures_the_usual_pull_and_time_outs_on_time(journal):
    keep = journal.right_now.keep
    for days, pull in ((1, "withdraw"), (2, "withdraw"), (3, "reach"), (200, "reach")):
        at = NOW - timedelta(days=days)
        if pull == "withdraw":
            moment = keep(pull=pull, strength=5, minutes=30, at=at)
            journal.right_now.came_back(moment.id, on_time=days == 1)
        else:
            keep(pull=pull, strength=5, at=at)
    keep(pull="withdraw", strength=7, minutes=20)  # not answered yet: not counted as either
    journal.loop.log(intensity=4)  # an ordinary moment names no pull
    figures = journal.review.right_now(weeks=12)
    assert figures.pulls == [("withdraw", 3), ("reach", 1)] and figures.usual == "withdraw"
    assert (figures.time_outs, figures.on_time) == (2, 1)
    assert figures.line() == ("Your usual pull in the last 12 weeks: pulling away (3 of 4 Right "
                              "now moments). 1 of 2 time-outs came back on time.")


def test_look_back_says_nothing_without_right_now_moments(journal):
    journal.loop.log(intensity=4)
    assert journal.review.right_now().line() == ""


@pytest.fixture
def other(tmp_path, empty_journal_bytes):
    """A second empty journal to import into."""
    path = tmp_path / "other.db"
    path.write_bytes(empty_journal_bytes)
    path.chmod(0o600)
    with Journal.open(path) as opened:
        yield opened


def test_right_now_moments_round_trip_through_json_and_show_in_markdown(journal, other):
    kept = journal.right_now.keep(pull="withdraw", strength=6, minutes=60, script="back at 10",
                                  step="I'm here now")
    journal.right_now.came_back(kept.id, on_time=False)
    journal.right_now.keep(pull="freeze", strength=3, choice="Step outside",
                           at=NOW - timedelta(hours=2))
    import_json(other, export_json(journal))
    import_json(other, export_json(journal))  # twice adds nothing
    fields = ("pull", "intensity", "choice", "step", "script", "return_at", "back_on_time")
    got = [tuple(getattr(e, f) for f in fields) for e in other.loop.list_events()]
    want = [tuple(getattr(e, f) for f in fields) for e in journal.loop.list_events()]
    assert got == want and len(got) == 2
    text = export_markdown(journal)
    assert "I want to pull away" in text and "back at 10" in text and "Not quite" in text


def test_an_export_from_before_right_now_still_imports(journal, other):
    journal.loop.log(intensity=4, note="an old moment")
    data = export_json(journal)
    new_fields = ("pull", "choice", "step", "script", "return_at", "back_on_time")
    for row in data["loop_events"]:
        for name in new_fields:
            row.pop(name)
    import_json(other, data)
    (moment,) = other.loop.list_events()
    assert moment.note == "an old moment" and moment.pull is None and moment.step == ""


def test_migration_4_keeps_old_moments_and_makes_them_searchable(tmp_path):
    import sqlite_utils

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    for migration in MIGRATIONS[:3]:
        migration(db)
    conn.execute("PRAGMA user_version = 3")
    conn.execute(
        "INSERT INTO loop_events (created_at, updated_at, occurred_at, day, intensity, ending,"
        " note) VALUES (?, ?, ?, ?, 5, 'pause', 'the old harbour walk')",
        (dates.to_stored(NOW),) * 3 + (NOW.date().isoformat(),))
    conn.commit()
    conn.close()
    path.chmod(0o600)
    with Journal.open(path) as migrated:
        (old,) = migrated.loop.list_events()
        assert old.note == "the old harbour walk" and old.pull is None
        assert [h.id for h in migrated.search("harbour")] == [old.id]
        kept = migrated.right_now.keep(pull="withdraw", strength=4, minutes=20,
                                       script="a lighthouse pause")
        assert [h.id for h in migrated.search("lighthouse")] == [kept.id]


def test_time_out_minutes_are_few_and_short():
    assert TIME_OUT_MINUTES == tuple(sorted(TIME_OUT_MINUTES)) and max(TIME_OUT_MINUTES) <= 120
    assert date(2025, 3, 12) == NOW.date()


def test_the_demo_holds_both_pulls_and_a_time_out_that_came_back_on_time(journal):
    from storage.demo import fill

    fill(journal, NOW.date())
    moments = [e for e in journal.loop.list_events() if e.pull is not None]
    assert {e.pull for e in moments} == {"reach", "withdraw"}
    assert all(e.step for e in moments)
    (time_out,) = [e for e in moments if e.return_at is not None]
    assert time_out.back_on_time is True
    assert f"{dates.local(time_out.return_at):%H:%M}" in time_out.script
    assert journal.review.right_now(today=NOW.date()).usual == "reach"


def test_the_withdrawer_demo_holds_its_own_time_outs_and_a_freeze(journal):
    from storage.demo import fill

    fill(journal, NOW.date(), "withdrawer")
    moments = [e for e in journal.loop.list_events() if e.pull is not None]
    assert {e.pull for e in moments} == {"withdraw", "freeze"}
    time_outs = [e for e in moments if e.return_at is not None]
    assert sorted(e.back_on_time for e in time_outs) == [False, True]
    for e in time_outs:
        assert f"{dates.local(e.return_at):%H:%M}" in e.script
    assert journal.review.right_now(today=NOW.date()).usual == "withdraw"
