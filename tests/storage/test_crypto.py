"""Encryption at rest: encrypt, decrypt, change the passphrase, open, back up; a wrong
passphrase touches nothing; the encrypted file holds none of the words written."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storage import InvalidInput, Journal, JournalLocked, NotAJournal
from storage import copies, crypto
from storage.crypto import PassphraseNeeded, WrongPassphrase

pytestmark = pytest.mark.skipif(
    not crypto.available(),
    reason="SQLCipher is not installed (pip install 'closer-journal[encryption]')",
)

PASS = "correct horse 'battery' stäple"
# Words that appear nowhere but in what the person wrote (title, body, #tag).
SECRETS = ["Marrakesh", "zeppelin", "quietlyfurious", "lighthousekeeper", "saffronrain"]


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch):
    """Fewer PBKDF2 rounds keep these tests quick; the command-line tests use the real
    count (SQLCipher's default), and a test below checks it is the default."""
    monkeypatch.setattr(crypto, "KDF_ROUNDS", 2_000)


def test_real_rounds_are_sqlciphers_default(monkeypatch):
    monkeypatch.undo()
    conn = crypto.connect(":memory:", None)
    try:
        assert int(conn.execute("PRAGMA cipher_default_kdf_iter").fetchone()[0]) == 256_000
    finally:
        conn.close()
    assert crypto.KDF_ROUNDS == 256_000


def fill(path: Path, template: bytes | None = None) -> dict[str, int]:
    """A closed plain journal holding the secret words; returns its counts."""
    if template is not None:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(template)
    with Journal.open(path) as j:
        j.entries.add("We spoke of Marrakesh and the zeppelin. #lighthousekeeper",
                      title="quietlyfurious evening", mood=-1, starred=True)
        j.entries.add("saffronrain on the window.\n\nThen quiet.")
        j.save_draft("entry:new", {"body": "a draft about the zeppelin"})
        return j.counts()


def words_in(raw: bytes) -> list[str]:
    """Secret words found in raw bytes, in any case (the search index keeps them lower-case)."""
    found = []
    for word in SECRETS:
        for form in {word, word.lower()}:
            if form.encode() in raw or form.encode("utf-16-le") in raw:
                found.append(form)
    return found


@pytest.fixture
def plain(tmp_path, empty_journal_bytes) -> Path:
    path = tmp_path / "j" / "journal.db"
    fill(path, empty_journal_bytes)
    return path


@pytest.fixture
def encrypted(plain) -> Path:
    crypto.encrypt(plain, PASS)
    return plain


# ------------------------------------------------------------------ encrypt


def test_encrypted_file_holds_none_of_the_words(plain):
    assert words_in(plain.read_bytes())  # the check can see them while the file is plain
    crypto.encrypt(plain, PASS)
    raw = plain.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert words_in(raw) == []
    assert side_files(plain) == []  # no plain -wal, -journal or half-made copy left behind
    if sys.platform != "win32":
        assert stat.S_IMODE(plain.stat().st_mode) == 0o600


def test_encrypt_writes_zeros_over_the_old_plain_file(plain):
    fd = os.open(plain, os.O_RDONLY)  # keeps the old file readable after the swap
    try:
        crypto.encrypt(plain, PASS)
        old = b""
        while chunk := os.read(fd, 1 << 16):
            old += chunk
    finally:
        os.close(fd)
    assert old and old.count(0) == len(old)


def test_encrypted_journal_opens_with_its_passphrase_and_works(encrypted, plain):
    with Journal.open(encrypted, passphrase=PASS) as j:
        assert j.encrypted
        assert j.counts()["entries"] == 2
        assert [h.title for h in j.search("zeppelin")] == ["quietlyfurious evening"]
        assert j.load_draft("entry:new") == {"body": "a draft about the zeppelin"}
        added = j.entries.add("written after encrypting #later")
        with j.reader() as reader:  # a worker's connection opens without the slow derivation
            assert reader.encrypted and reader.entries.get(added.id).tags == ["later"]
        report = j.doctor()
        assert (report["encrypted"], report["integrity"], report["fts"]) == (True, "ok", "ok")
    assert words_in(encrypted.read_bytes()) == []


def test_sqlcipher_errors_arrive_as_sqlite3_errors(encrypted):
    with Journal.open(encrypted, passphrase=PASS) as j:
        with pytest.raises(sqlite3.OperationalError):
            j.conn.execute("SELECT nothing FROM nowhere")
        with pytest.raises(sqlite3.IntegrityError):
            j.conn.execute("INSERT INTO drafts(key, updated_at, data) VALUES ('k', NULL, '{}')")
        # A failed write inside a transaction rolls back the whole action.
        before = j.counts()
        with pytest.raises(sqlite3.IntegrityError), j.transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
            conn.execute("INSERT INTO drafts(key, updated_at, data) VALUES ('k', NULL, '{}')")
        assert j.counts() == before and j.get_setting("a") is None


def test_a_new_journal_is_plain_even_with_a_passphrase(tmp_path):
    path = tmp_path / "new.db"
    with Journal.open(path, passphrase=PASS) as j:
        assert not j.encrypted
    assert crypto.is_plain(path)


def test_encrypt_refuses_what_it_cannot_do(plain, encrypted, tmp_path, empty_journal_bytes):
    with pytest.raises(InvalidInput, match="already encrypted"):
        crypto.encrypt(encrypted, PASS)
    other = tmp_path / "other" / "journal.db"
    fill(other, empty_journal_bytes)
    with pytest.raises(InvalidInput, match="empty"):
        crypto.encrypt(other, "")
    with pytest.raises(InvalidInput, match="NUL"):
        crypto.encrypt(other, "a\x00b")
    assert crypto.is_plain(other)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a journal")
    with pytest.raises(NotAJournal):
        crypto.encrypt(notes, PASS)
    assert notes.read_text() == "not a journal"


def test_encrypt_refuses_while_another_program_has_the_journal_open(plain):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from storage import Journal
            j = Journal.open({str(plain)!r})
            j.entries.count()
            print("open", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        before = plain.read_bytes()
        with pytest.raises(JournalLocked, match="open in another program"):
            crypto.encrypt(plain, PASS)
        assert plain.read_bytes() == before
        assert [p for p in side_files(plain) if copies.MARK in p] == []
    finally:
        holder.communicate("")
    with Journal.open(plain) as j:
        assert j.counts()["entries"] == 2


# ------------------------------------------------------------------ opening


def test_no_passphrase_or_a_wrong_one_changes_nothing(encrypted):
    before = encrypted.read_bytes()
    listing = side_files(encrypted)
    with pytest.raises(PassphraseNeeded, match="encrypted"):
        Journal.open(encrypted)
    for wrong in ("wrong", PASS.upper(), PASS + " ", "'; DROP TABLE entries; --"):
        with pytest.raises(WrongPassphrase, match="does not open"):
            Journal.open(encrypted, passphrase=wrong)
    assert encrypted.read_bytes() == before
    assert side_files(encrypted) == listing


def test_key_is_never_shown():
    key = crypto.Key("'secret'")
    assert "secret" not in repr(key)


# ------------------------------------------------------------------ passwd and decrypt


def test_change_passphrase_round_trip(encrypted, plain):
    with Journal.open(encrypted, passphrase=PASS) as j:
        counts = j.counts()
    before = encrypted.read_bytes()
    with pytest.raises(WrongPassphrase):
        crypto.change_passphrase(encrypted, "not it", "new one")
    assert encrypted.read_bytes() == before
    crypto.change_passphrase(encrypted, PASS, "a new 'one' ✓")
    with pytest.raises(WrongPassphrase):
        Journal.open(encrypted, passphrase=PASS)
    with Journal.open(encrypted, passphrase="a new 'one' ✓") as j:
        assert j.counts() == counts
        assert j.doctor()["integrity"] == "ok"
    assert words_in(encrypted.read_bytes()) == []


def test_decrypt_round_trip(encrypted):
    with Journal.open(encrypted, passphrase=PASS) as j:
        counts = j.counts()
        version = j.user_version
    before = encrypted.read_bytes()
    with pytest.raises(WrongPassphrase):
        crypto.decrypt(encrypted, "not it")
    assert encrypted.read_bytes() == before
    crypto.decrypt(encrypted, PASS)
    assert crypto.is_plain(encrypted)
    assert side_files(encrypted) == []
    with Journal.open(encrypted) as j:
        assert not j.encrypted
        assert (j.counts(), j.user_version) == (counts, version)
        assert [h.title for h in j.search("zeppelin")] == ["quietlyfurious evening"]
        assert j.doctor()["fts"] == "ok"
    with pytest.raises(InvalidInput, match="not encrypted"):
        crypto.decrypt(encrypted, PASS)
    with pytest.raises(InvalidInput, match="not encrypted"):
        crypto.change_passphrase(encrypted, PASS, "x")


# ------------------------------------------------------------------ backups


def test_backup_of_an_encrypted_journal_stays_encrypted(encrypted, tmp_path):
    target = tmp_path / "copy.db"
    with Journal.open(encrypted, passphrase=PASS) as j:
        j.backup(target)
        counts = j.counts()
    raw = target.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and words_in(raw) == []
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(WrongPassphrase):
        Journal.open(target, passphrase="nope")
    with Journal.open(target, passphrase=PASS) as copy:
        assert copy.counts() == counts
        assert copy.doctor()["integrity"] == "ok"


def test_shred_overwrites_then_removes(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_bytes(b"zeppelin" * 1000)
    fd = os.open(path, os.O_RDONLY)
    try:
        crypto.shred(path)
        assert not path.exists()
        assert set(os.read(fd, 1 << 16)) == {0}
    finally:
        os.close(fd)
    crypto.shred(path)  # nothing there: nothing to do


# ------------------------------------------------------------------ what encrypt leaves on disk

LEAVE_A_LOG = """
import os, sys
from storage import Journal
j = Journal.open(sys.argv[1])
j.conn.execute("PRAGMA wal_autocheckpoint = 0")
j.entries.add("In the log only: saffronrain over Marrakesh. #lighthousekeeper")
os._exit(0)  # no checkpoint, no close: the entry lives in the write-ahead log alone
"""


def test_encrypt_zeroes_the_plain_write_ahead_log_sqlite_removes(plain):
    """SQLite folds the log into the file and deletes it when encrypt leaves write-ahead
    logging, without overwriting it: its blocks would still hold the text. Read through a
    descriptor kept open on it, the removed log is all zeros."""
    subprocess.run([sys.executable, "-c", LEAVE_A_LOG, str(plain)], check=True,
                   cwd=Path(__file__).resolve().parents[2], timeout=60)
    wal = plain.with_name(plain.name + "-wal")
    assert words_in(wal.read_bytes())  # the text is in the log
    fd = os.open(wal, os.O_RDONLY)
    try:
        crypto.encrypt(plain, PASS)
        assert not wal.exists()
        old = os.pread(fd, os.fstat(fd).st_size, 0)
    finally:
        os.close(fd)
    assert old and set(old) == {0}
    # Every file left in the folder, read raw: none of the words, and the logged entry
    # made it into the encrypted journal.
    for left in plain.parent.iterdir():
        assert words_in(left.read_bytes()) == [], left.name
    with Journal.open(plain, passphrase=PASS) as j:
        assert j.counts()["entries"] == 3
