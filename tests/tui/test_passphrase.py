"""The passphrase prompt shown before an encrypted journal opens: three tries, nothing
of the journal shown or changed before the passphrase is right."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from storage import Journal, crypto
from storage.crypto import WrongPassphrase
from tui.screens.passphrase import PassphraseApp

pytestmark = pytest.mark.skipif(
    not crypto.available(),
    reason="SQLCipher is not installed (pip install 'closer-journal[encryption]')",
)


@pytest.fixture
def locked(tmp_path, monkeypatch):
    monkeypatch.setattr(crypto, "KDF_ROUNDS", 2_000)
    path = tmp_path / "j" / "journal.db"
    with Journal.open(path) as j:
        j.entries.add("zeppelin", title="Marrakesh")
    crypto.encrypt(path, "sesame")
    return path


async def submit(app, pilot, text: str) -> None:
    field = app.screen.query_one(Input)
    field.value = text
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


def message(app) -> str:
    return str(app.screen.query_one("#passphrase-message", Static).render())


async def test_right_passphrase_opens_the_journal(locked):
    app = PassphraseApp(locked)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one(Input).password
        assert app.screen.query_one(Input).has_focus
        await submit(app, pilot, "sesame")
    journal = app.return_value
    try:
        assert isinstance(journal, Journal) and journal.encrypted
        assert journal.entries.list()[0].title == "Marrakesh"
    finally:
        journal.close()


async def test_three_wrong_tries_then_it_stops_and_nothing_changed(locked):
    before = locked.read_bytes()
    app = PassphraseApp(locked)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # empty: asks again, costs no try
        assert "Type the passphrase" in message(app)
        await submit(app, pilot, "nope")
        assert "2 tries left" in message(app)
        assert app.screen.query_one(Input).value == ""
        assert "zeppelin" not in app.title + app.sub_title
        await submit(app, pilot, "[red]nope[/]")
        assert "1 try left" in message(app)
        await submit(app, pilot, "still not")
    assert app.return_value is None
    assert isinstance(app.failure, WrongPassphrase)
    assert locked.read_bytes() == before


async def test_escape_leaves_without_opening(locked):
    app = PassphraseApp(locked)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
    assert app.return_value is None and app.failure is None


async def test_a_held_journal_says_busy_costs_no_try_and_opens_once_free(locked, monkeypatch):
    import storage.journal as journal_module

    monkeypatch.setattr(journal_module, "BUSY_TIMEOUT_S", 0.05)
    holder = crypto.connect(locked, crypto.unlock(locked, "sesame"))
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO settings(key, value) VALUES ('held', '1')")
    app = PassphraseApp(locked)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await submit(app, pilot, "sesame")  # the right one, while another program holds it
            assert "busy" in message(app) and "does not open" not in message(app)
            assert app.screen.tries_left == 3
            assert app.is_running and not app.screen.query_one(Input).disabled
            holder.execute("ROLLBACK")
            holder.close()
            holder = None
            await submit(app, pilot, "sesame")
    finally:
        if holder is not None:
            holder.close()
    journal = app.return_value
    try:
        assert isinstance(journal, Journal)
        assert journal.entries.list()[0].title == "Marrakesh"
    finally:
        journal.close()
