"""The passphrase prompt given what Textual makes of bytes that are not UTF-8: U+FFFD, the
replacement mark (see tui.terminal). Such a passphrase is refused in plain words before
any try is spent on it, and the journal is only read."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from storage import Journal, crypto
from tui import compat
from tui.screens.passphrase import PassphraseApp
from tui.terminal import read_any_bytes


@pytest.fixture(autouse=True)
def forgiving_driver():
    """What ``closer`` does before the app starts, undone after the test."""
    stock = compat.keyboard_decoder()
    read_any_bytes()
    yield
    compat.set_keyboard_decoder(stock)


async def keys_from_the_terminal(app, pilot, raw: bytes) -> None:
    """Hand ``raw`` to the app the way its Linux driver does: decoded by the driver's
    decoder, parsed into key events by Textual's terminal parser, sent on by the driver."""
    text = compat.keyboard_decoder()("utf-8")().decode(raw, final=True)
    compat.feed_terminal(app, text)
    await pilot.pause()

pytestmark = pytest.mark.skipif(not crypto.available(), reason="SQLCipher is not installed")


@pytest.fixture
def locked(tmp_path, monkeypatch):
    monkeypatch.setattr(crypto, "KDF_ROUNDS", 2_000)
    path = tmp_path / "j" / "journal.db"
    with Journal.open(path) as j:
        j.entries.add("zeppelin")
    crypto.encrypt(path, "café")  # typed below in a terminal set to Latin-1
    return path


async def test_a_passphrase_with_replacement_marks_is_refused_in_plain_words(locked):
    before = locked.read_bytes()
    app = PassphraseApp(locked)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_from_the_terminal(app, pilot, "café".encode("latin-1"))
        assert app.screen.query_one(Input).value == "caf\ufffd"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = "" if app.return_value is not None or not app.is_running else str(
            app.screen.query_one("#passphrase-message", Static).render())
    # On the prompt (which may let the person try again), or as the reason it ended.
    said += str(app.failure or "")
    assert "not UTF-8" in said and "tries left" not in said, said
    assert app.return_value is None
    assert locked.read_bytes() == before
