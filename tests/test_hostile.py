"""Hostile input through the command line, the import paths and storage.

Every text is either kept as typed (control characters, which could drive the terminal,
removed; nothing else touched) or refused with one clear line; never a crash, never a
record half-written.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import traceback
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import InvalidInput, Journal, JournalError
from storage.portable import export_json, import_json, read_json_file
from storage.search import MAX_QUERY_CHARS, MAX_QUERY_WORDS
from storage.text import MAX_TEXT, clean

ROOT = Path(__file__).resolve().parents[1]

# What the terminal would act on if it were ever printed: ESC, BEL, CSI/OSC/ST (C1), NUL...
TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE: dict[str, str] = {
    "rich markup": "[bold]not bold[/bold] [red]not red[/] [/] [link=https://example.com]x[/link]",
    "textual markup": "[@click=app.quit]quit?[/] [$accent]accent[/] [b]b[/b] \\[escaped]",
    "ansi colour": "\x1b[31mred\x1b[0m \x1b[2J\x1b[H cleared? \x1b[?1049h alt screen",
    "osc title and link": "\x1b]0;PWNED\x07 \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "c1 controls": "csi\x9b31m osc\x9d0;x\x9c st",
    "nul and friends": "a\x00b\x01c\x07d\x08e\x7ff\tg\nh\ri\r\nj",
    "emoji with modifiers": "👩🏽‍❤️‍💋‍👨🏿 👍🏻 🏳️‍🌈 🇳🇱 ❤︎ 🧑‍🤝‍🧑 family: 👨‍👩‍👧‍👦",
    "cjk": "我们今天晚上一起散步了。彼は黙っていた。우리는 이야기했다",
    "right to left": "שלום, מה שלומך? مرحبا كيف حالك؟ mixed עם English",
    "bidi override": "file\u202egnp.exe \u2066isolate\u2069 \u200fmark",
    "combining marks": "Z̴̡̛̖̙a̷̰̓l̶̢̈́g̵̱̈o̸̪͋ n\u0303o\u0308",
    "very long word": "x" * 50_000,
    "lone surrogate": "broken \ud800 byte \udcff here",
}


def shown(text: str) -> str:
    """What storage keeps for ``text`` (and so what every view shows)."""
    return clean(text)


# ------------------------------------------------------------------ the command line


class Done:
    """What one run of the command line did."""

    def __init__(self, returncode: int, stdout: bytes, stderr: bytes):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def _in_process(args, stdin: bytes) -> Done:
    """``closer ARGS < stdin`` through the real entry point, in this process (quick).
    Arguments given as bytes arrive the way the OS hands undecodable ones to Python."""
    import contextlib

    from tui.cli import main

    argv = [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved = sys.stdin
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException:
                traceback.print_exc(file=err)
                code = 99
    finally:
        sys.stdin = saved
    return Done(code, out.getvalue().encode("utf-8"), err.getvalue().encode("utf-8", "replace"))


@pytest.fixture
def zone(monkeypatch):
    """Move this process to another time zone for the rest of the test."""

    def move(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield move
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def run(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("CLOSER_DB", raising=False)

    def run(*args, input: bytes = b""):
        return _in_process(args, input)

    return run


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "j" / "journal.db"
    with Journal.open(path) as journal:
        journal.entries.add("already here")
    return path


def ok(done) -> str:
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    assert not TERMINAL_CONTROLS.search(done.stdout.decode("utf-8").replace("\n", "")), done.stdout
    return done.stdout.decode("utf-8")


def refused(done) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (1, 2), (done.returncode, done.stdout, err)
    assert "Traceback" not in err, err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("closer: "), err
    assert not TERMINAL_CONTROLS.search(lines[0]), repr(lines[0])
    return lines[0]


def bodies(path: Path) -> list[str]:
    with Journal.open(path) as journal:
        return [e.body for e in journal.entries.list(newest_first=False)]


def test_hostile_texts_through_closer_add_are_kept_as_typed_and_printed_harmlessly(run, db):
    for name, text in HOSTILE.items():
        # Text arrives on standard input as bytes (a NUL cannot be an argument).
        data = text.encode("utf-8", "surrogateescape" if name != "lone surrogate" else
                           "surrogatepass")
        if name == "lone surrogate":
            data = b"broken \xff byte \xed\xa0\x80 here"
        ok(run("--db", db, "add", input=data))
    stored = bodies(db)[1:]
    expected = [shown(t) for t in HOSTILE.values()]
    expected[-1] = "broken \ufffd byte \ufffd\ufffd\ufffd here"
    assert stored == [e.strip("\n") for e in expected]
    listed = json.loads(ok(run("list", "--json", "--db", db)))
    assert [e["body"] for e in listed][1:] == stored
    text_view = ok(run("list", "--db", db))
    assert "[bold]not bold[/bold]" in text_view and "我们今天晚上" in text_view
    assert "👩🏽‍❤️‍💋‍👨🏿" in text_view
    ok(run("export", "--format", "markdown", "--db", db))
    ok(run("export", "--format", "json", "--db", db))


def test_hostile_arguments_are_kept_too(run, db):
    """The same texts as command-line words (all but NUL, which no argument can hold)."""
    args = [t for name, t in HOSTILE.items() if name not in ("nul and friends", "lone surrogate")]
    for text in args:
        ok(run("--db", db, "add", "--title", text[:200], text))
    with Journal.open(db) as journal:
        got = journal.entries.list(newest_first=False)[1:]
    assert [e.body for e in got] == [shown(t) for t in args]
    assert [e.title for e in got] == [shown(t[:200]) for t in args]


def test_bytes_that_are_not_utf8_become_replacement_marks(run, db):
    ok(run("--db", db, "add", b"caf\xe9 au lait"))
    ok(run("--db", db, "add", input=b"\xff\xfe not text at all \xc3"))
    assert bodies(db)[1:] == ["caf\ufffd au lait", "\ufffd\ufffd not text at all \ufffd"]


# Bytes that are not UTF-8, as Python hands them over from the environment or the command
# line (each such byte becomes a lone surrogate, U+DC80 to U+DCFF).
NOT_UTF8 = os.fsdecode(b"caf\xe9 au lait \xff")
GOOD = "a good passphrase"


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def encrypted_db(run, db, monkeypatch) -> Path:
    from storage import crypto

    monkeypatch.setattr(crypto, "KDF_ROUNDS", 2_000)  # quick; the same for every run here
    monkeypatch.setenv("CLOSER_PASSPHRASE", GOOD)
    ok(run("--db", db, "encrypt"))
    ok(run("--db", db, "list"))
    return db


@pytest.mark.parametrize("command, env", [
    (["list"], {"CLOSER_PASSPHRASE": NOT_UTF8}),
    (["search", "here"], {"CLOSER_PASSPHRASE": NOT_UTF8}),
    (["decrypt"], {"CLOSER_PASSPHRASE": NOT_UTF8}),
    (["passwd"], {"CLOSER_PASSPHRASE": NOT_UTF8, "CLOSER_NEW_PASSPHRASE": "a new one"}),
    (["passwd"], {"CLOSER_PASSPHRASE": GOOD, "CLOSER_NEW_PASSPHRASE": NOT_UTF8}),
    (["passwd"], {"CLOSER_PASSPHRASE": GOOD, "CLOSER_NEW_PASSPHRASE": "caf\ufffd"}),
], ids=["list", "search", "decrypt", "passwd-old", "passwd-new", "passwd-new-replacement-mark"])
def test_a_passphrase_not_utf8_in_the_environment_is_refused_in_one_line(
        run, encrypted_db, monkeypatch, command, env):
    before = files_in(encrypted_db.parent)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    line = refused(run("--db", encrypted_db, *command))
    assert "not UTF-8" in line and "nothing was changed" in line, line
    assert files_in(encrypted_db.parent) == before
    monkeypatch.setenv("CLOSER_PASSPHRASE", GOOD)
    assert "already here" in ok(run("--db", encrypted_db, "list"))


def test_encrypting_with_a_passphrase_not_utf8_is_refused_in_one_line(run, db, monkeypatch):
    before = files_in(db.parent)
    monkeypatch.setenv("CLOSER_PASSPHRASE", NOT_UTF8)
    line = refused(run("--db", db, "encrypt"))
    assert "not UTF-8" in line and "nothing was changed" in line, line
    assert files_in(db.parent) == before


@pytest.mark.parametrize("command", [["list"], ["passwd"], ["encrypt"]])
def test_a_passphrase_typed_in_another_encoding_is_refused_in_one_line(
        run, encrypted_db, db, monkeypatch, command):
    """At the hidden prompt: getpass reads the terminal as UTF-8 and fails on such bytes
    (what it raises is made here the way it makes it, by decoding what was typed)."""
    import getpass

    if command == ["encrypt"]:
        ok(run("--db", db, "decrypt"))
    monkeypatch.delenv("CLOSER_PASSPHRASE")
    monkeypatch.delenv("CLOSER_NEW_PASSPHRASE", raising=False)
    typed = iter([GOOD, "caf\xe9 au lait\n".encode("latin-1")] if command == ["passwd"]
                 else ["caf\xe9 au lait\n".encode("latin-1")])

    def fake_getpass(prompt: str = "") -> str:
        answer = next(typed)
        return answer if isinstance(answer, str) else answer.decode("utf-8").rstrip("\n")

    monkeypatch.setattr("tui.cli._interactive", lambda: True)
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    before = files_in(db.parent)
    line = refused(run("--db", db, *command))
    assert "not UTF-8" in line and "nothing was changed" in line, line
    assert files_in(db.parent) == before


def test_a_tag_not_utf8_finds_nothing_and_says_nothing_wrong(run, db):
    ok(run("--db", db, "add", "#cafe latte"))
    assert ok(run("--db", db, "list", "--tag", b"caf\xe9")) == ""
    assert "latte" in ok(run("--db", db, "list", "--tag", "cafe"))


def test_an_import_file_not_utf8_is_refused_in_plain_words(run, db, tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"entries": [{"title": "caf\xe9", "date": "2025-01-01"}]}')
    before = db.read_bytes()
    for fmt in ("json", "jrnl-json"):
        line = refused(run("--db", db, "import", "--format", fmt, path))
        assert "not UTF-8" in line and "codec" not in line, line
    assert db.read_bytes() == before


def test_a_real_process_reading_hostile_bytes_prints_nothing_the_terminal_would_run(db):
    """Once through a real process and real pipes: stdin bytes in, list and errors out."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8")

    def real(*args, input: bytes = b"") -> Done:
        done = subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(db), *args],
                              input=input, capture_output=True, cwd=ROOT, env=env, timeout=60)
        return Done(done.returncode, done.stdout, done.stderr)

    data = ("".join(HOSTILE[k] for k in ("rich markup", "ansi colour", "osc title and link",
                                         "c1 controls", "nul and friends"))).encode()
    ok(real("add", input=data + b"\xff"))
    out = ok(real("list"))
    assert "[bold]not bold[/bold]" in out
    refused(real("import", "--format", "json", "\x1b]0;PWNED\x07"))
    assert bodies(db)[-1] == shown(data.decode()) + "\ufffd"


@pytest.mark.parametrize("word", ["[bold]", "\x1b[31m", "我们", "👍🏻", "x" * 1000, "שלום"])
def test_search_for_hostile_words_finds_or_says_why(run, db, word):
    ok(run("--db", db, "add", f"before {word} after"))
    done = run("--db", db, "search", word)
    if re.search(r"\w", word):
        out = ok(done)
        assert "before" in out
    else:
        assert "search needs" in refused(done)


def test_a_search_over_the_length_limit_is_refused_in_one_line(run, db):
    before = db.read_bytes()
    line = refused(run("--db", db, "search", *(f"w{n}" for n in range(60_000))))
    assert "too long" in line and f"{MAX_QUERY_CHARS:,}" in line
    line = refused(run("--db", db, "search", *(f"w{n}" for n in range(MAX_QUERY_WORDS + 1))))
    assert "too long" in line and f"the most is {MAX_QUERY_WORDS})" in line
    assert db.read_bytes() == before
    # Just under: every word of a 32-word entry finds it.
    words = [f"w{n}" for n in range(MAX_QUERY_WORDS)]
    ok(run("--db", db, "add", "the longest search", *words))
    hits = json.loads(ok(run("--db", db, "search", "--json", *words)))
    assert [h["title"].split(" w0")[0] for h in hits] == ["the longest search"]


def test_error_messages_never_carry_escape_sequences(run, db, tmp_path):
    cases = [
        ["import", "--format", "json", "\x1b]0;PWNED\x07.json"],
        ["list", "\x1b[31mstray\x1b[0m"],
        ["add", "--at", "\x1b[2J tomorrow", "text"],
        ["add", "--mood", "\x9b5", "text"],
        ["backup", "-o", str(tmp_path / "no\x1b[1m" / "x.db")],
        ["--db", str(tmp_path / "\u202eevil") , "list"],
    ]
    before = db.read_bytes()
    for args in cases:
        line = refused(run("--db", db, *args))
        assert "\u202e" not in line
    assert db.read_bytes() == before


# ------------------------------------------------------------------ sizes


def test_a_1mb_text_is_kept_and_a_10mb_text_refused_cleanly(run, db):
    megabyte = ("a quiet evening " * (MAX_TEXT // 16 + 1))[:MAX_TEXT]
    ok(run("--db", db, "add", input=megabyte.encode()))
    before = db.read_bytes()
    line = refused(run("--db", db, "add", input=b"too much " * 1_200_000))
    assert "too long" in line and "1,000,000" in line
    assert db.read_bytes() == before
    assert [len(b) for b in bodies(db)] == [len("already here"), MAX_TEXT]


def test_a_10mb_text_in_an_import_is_refused_and_nothing_written(run, db, tmp_path):
    doc = {"format": "closer", "format_version": 1, "entries": [
        {"occurred_at": "2025-03-01T20:00:00+00:00", "body": "fine"},
        {"occurred_at": "2025-03-02T20:00:00+00:00", "body": "x" * 10_000_000},
    ]}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(doc))
    before = db.read_bytes()
    line = refused(run("--db", db, "import", "--format", "json", path))
    assert "entries[1]" in line and "too long" in line
    assert db.read_bytes() == before


def test_a_very_long_word_and_tag_survive_list_search_and_a_round_trip(journal, tmp_path):
    word = "longing" * 20_000
    tag = "t" * 5_000
    entry = journal.entries.add(f"{word} and #{tag}")
    assert entry.body == f"{word} and #{tag}" and entry.tags == [tag]
    assert [h.id for h in journal.search(word[:50])] == [entry.id]
    with Journal.open(tmp_path / "other.db") as other:
        import_json(other, json.loads(json.dumps(export_json(journal))))
        assert [(e.body, e.tags) for e in other.entries.list()] == [(entry.body, [tag])]


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "when", ["2025-02-30", "2025-13-01", "0000-01-01", "0001-01-01", "1850-06-01",
             "3500-01-01", "99999-01-01", "2025-02-29", "24:61", "-1 days ago"])
def test_impossible_dates_are_refused_in_one_line(run, db, when):
    before = db.read_bytes()
    line = refused(run("--db", db, "add", "--at", when, "text"))
    assert "date" in line
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("tz", "moment"),
    [("UTC", "2025-02-30T10:00:00+00:00"), ("UTC", "0000-01-01T00:00:00+00:00"),
     ("America/New_York", "0001-01-01T00:30:00+00:00"),
     ("Europe/Berlin", "9999-12-31T23:30:00+00:00"), ("UTC", "1800-01-01T00:00:00+00:00"),
     ("Pacific/Kiritimati", "9999-12-31T12:00:00+00:00"), ("UTC", "yesterday"),
     ("UTC", ""), ("UTC", None), ("UTC", [2025, 3, 1])],
)
def test_impossible_dates_in_an_import_are_refused_in_every_time_zone(run, db, tmp_path, zone,
                                                                      tz, moment):
    zone(tz)
    doc = {"format": "closer", "format_version": 1, "entries": [
        {"occurred_at": "2025-03-01T20:00:00+00:00", "body": "fine"},
        {"occurred_at": moment, "body": "when?"},
    ]}
    path = tmp_path / "dates.json"
    path.write_text(json.dumps(doc))
    before = db.read_bytes()
    line = refused(run("--db", db, "import", "--format", "json", path))
    assert "entries[1]" in line
    assert db.read_bytes() == before
    ok(run("--db", db, "list"))


def test_edge_dates_that_are_accepted_read_back_in_any_time_zone(run, db, tmp_path, zone):
    doc = {"format": "closer", "format_version": 1, "entries": [
        {"occurred_at": "1900-01-01T12:00:00+00:00", "body": "earliest"},
        {"occurred_at": "2999-12-31T12:00:00+00:00", "body": "latest"},
        {"occurred_at": "2024-02-29T23:59:59+14:00", "body": "leap day far east"},
    ]}
    path = tmp_path / "edges.json"
    path.write_text(json.dumps(doc))
    ok(run("--db", db, "import", "--format", "json", path))
    for tz in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"):
        zone(tz)
        out = ok(run("--db", db, "list"))
        assert "earliest" in out and "latest" in out
        ok(run("--db", db, "export", "--format", "markdown"))
        ok(run("--db", db, "export", "--format", "json"))


# ------------------------------------------------------------------ ratings and moods


@pytest.mark.parametrize("mood", ["3", "-3", "101", "abc", "1.5", "", "0x1", "٣"])
def test_moods_out_of_range_or_not_numbers_are_refused(run, db, mood):
    before = db.read_bytes()
    line = refused(run("--db", db, "add", "--mood", mood, "text"))
    assert "mood" in line
    assert db.read_bytes() == before


def test_moods_in_range_are_kept(run, db):
    for mood in ("-2", "-1", "0", "+1", "2"):
        ok(run("--db", db, "add", "--mood", mood, f"mood {mood}"))
    with Journal.open(db) as journal:
        assert [e.mood for e in journal.entries.list(newest_first=False)][1:] == [-2, -1, 0, 1, 2]


_RECORD_BASE = {
    "thought_records": {"occurred_at": "2025-03-01T20:00:00+00:00", "story": "they left"},
    "loop_events": {"occurred_at": "2025-03-01T20:00:00+00:00", "note": "a turn"},
}
BAD_RATINGS = [
    ("entries", "mood", v) for v in (-3, 3, 101, "abc", 1.5)
] + [
    ("thought_records", field, v)
    for field in ("story_belief_before", "alternative_belief", "story_belief_after")
    for v in (-1, 101, "abc", 50.5)
] + [
    ("thought_records", "feelings_before", [{"name": "hurt", "intensity": v}])
    for v in (-1, 101, "abc")
] + [
    ("thought_records", "feelings_after", [{"name": "", "intensity": 50}]),
    ("loop_events", "intensity", -1), ("loop_events", "intensity", 11),
    ("loop_events", "intensity", "abc"),
]


RATING_WORDS = {
    "mood": "the mood",
    "story_belief_before": "how much you believed the story at first",
    "alternative_belief": "how much you believe the other way to see it",
    "story_belief_after": "how much you believe the story now",
    "feelings_before": "feeling 1 before",
    "feelings_after": "feeling 1 after",
    "intensity": "the strength",
}


@pytest.mark.parametrize(("table", "field", "value"), BAD_RATINGS,
                         ids=[f"{t}.{f}={v!r}" for t, f, v in BAD_RATINGS])
def test_bad_ratings_in_an_import_are_refused_and_nothing_written(journal, table, field, value):
    record = dict(_RECORD_BASE.get(table, {"occurred_at": "2025-03-01T20:00:00+00:00",
                                           "body": "x"}))
    record[field] = value
    fine = {"occurred_at": "2025-03-01T19:00:00+00:00", "body": "fine"}
    doc = {"format": "closer", "format_version": 1, "entries": [fine], table: [record]}
    if table == "entries":
        doc["entries"] = [fine, record]
    with pytest.raises(InvalidInput) as caught:
        import_json(journal, doc)
    assert f"{table}[" in str(caught.value)
    assert RATING_WORDS[field] in str(caught.value).lower()  # named as a person knows it
    assert journal.counts() == dict.fromkeys(journal.counts(), 0)


def _api(journal, name):
    """A record API another part of closer provides, or a skip while it is not there yet."""
    try:
        return getattr(journal, name)
    except ImportError:
        pytest.skip(f"journal.{name} is not built yet")


@pytest.mark.parametrize("value", [-1, 101, "abc"])
def test_thought_record_ratings_are_checked_by_the_record_api(journal, value):
    thoughts = _api(journal, "thoughts")
    with pytest.raises(InvalidInput):
        thoughts.create_draft(occurred_at=datetime.now(timezone.utc),
                              story_belief_before=value)
    assert journal.counts()["thought_records"] == 0


@pytest.mark.parametrize("value", [-1, 11, "abc"])
def test_loop_intensity_is_checked_by_the_record_api(journal, value):
    loop = _api(journal, "loop")
    with pytest.raises(InvalidInput):
        loop.log(occurred_at=datetime.now(timezone.utc), intensity=value, note="x")
    assert journal.counts()["loop_events"] == 0


def test_hostile_texts_survive_every_record_api_that_exists(journal):
    """Storage keeps hostile text as typed in every kind of record that has an API yet."""
    text = HOSTILE["rich markup"] + HOSTILE["ansi colour"] + HOSTILE["emoji with modifiers"]
    now = datetime.now(timezone.utc)
    tried = 0
    for name, make, read in (
        ("thoughts", lambda a: a.create_draft(occurred_at=now, story=text, situation=text),
         lambda r: (r.story, r.situation)),
        ("loop", lambda a: a.log(occurred_at=now, note=text, trigger=text),
         lambda r: (r.note, r.trigger)),
    ):
        try:
            api = getattr(journal, name)
        except ImportError:
            continue
        tried += 1
        assert read(make(api)) == (shown(text), shown(text))
    if not tried:
        pytest.skip("no record API besides entries is built yet")


# ------------------------------------------------------------------ malformed files


MALFORMED: dict[str, bytes] = {
    "empty": b"",
    "truncated": b'{"format": "closer", "format_version": 1, "entries": [{"occurred_at": "20',
    "not utf-8": b'{"format": "closer", "body": "\xff\xfe"}',
    "nested too deep": b"[" * 200_000 + b"]" * 200_000,
    "a number too long": b'{"format": "closer", "format_version": ' + b"9" * 5000 + b"}",
    "a list": b"[1, 2, 3]",
    "a string": b'"closer"',
    "null": b"null",
    "wrong format": b'{"format": "jrnl", "format_version": 1}',
    "future version": b'{"format": "closer", "format_version": 99}',
    "version as text": b'{"format": "closer", "format_version": "1"}',
    "entries not a list": b'{"format": "closer", "format_version": 1, "entries": {"a": 1}}',
    "entry not an object": b'{"format": "closer", "format_version": 1, "entries": [1]}',
    "NaN mood": b'{"format": "closer", "format_version": 1, "entries": '
                b'[{"occurred_at": "2025-03-01T20:00:00+00:00", "body": "x", "mood": NaN}]}',
    "body a list": b'{"format": "closer", "format_version": 1, "entries": '
                   b'[{"occurred_at": "2025-03-01T20:00:00+00:00", "body": ["x"]}]}',
    "ritual note for no ritual": b'{"format": "closer", "format_version": 1, "ritual_log": '
                                b'[{"ritual_id": 5, "on_date": "2025-03-01", "status": "done"}]}',
    "binary": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_json_is_refused_cleanly_in_storage(journal, name):
    with pytest.raises(InvalidInput) as caught:
        import_json(journal, read_json_file(MALFORMED[name]))
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300, message
    assert journal.counts() == dict.fromkeys(journal.counts(), 0)


def _import_formats() -> list[str]:
    from tui.cli import _import_formats as formats

    return formats()


@pytest.mark.parametrize("fmt", _import_formats())
@pytest.mark.parametrize("name", ["truncated", "not utf-8", "nested too deep", "binary", "a list"])
def test_malformed_files_are_refused_by_every_import_format(run, db, tmp_path, fmt, name):
    path = tmp_path / "bad-file"
    path.write_bytes(MALFORMED[name])
    before = db.read_bytes()
    refused(run("--db", db, "import", "--format", fmt, path))
    assert db.read_bytes() == before


def test_a_lone_surrogate_escape_in_json_is_replaced_not_fatal(journal):
    raw = (b'{"format": "closer", "format_version": 1, "entries": [{"occurred_at": '
           b'"2025-03-01T20:00:00+00:00", "body": "half \\ud83d a heart", "title": "\\udc00"}]}')
    import_json(journal, read_json_file(raw))
    (entry,) = journal.entries.list()
    assert (entry.body, entry.title) == ("half \ufffd a heart", "\ufffd")


# ------------------------------------------------------------------ 100k entries


def _many(n: int) -> list[dict]:
    start = datetime(2015, 1, 1, 20, 0, tzinfo=timezone.utc)
    return [
        {"occurred_at": (start + timedelta(hours=2 * i)).isoformat(),
         "body": f"evening {i}: we talked a little #day{i % 7}", "mood": i % 5 - 2}
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def hundred_thousand() -> bytes:
    return json.dumps({"format": "closer", "format_version": 1,
                       "entries": _many(100_000)}).encode()


def test_100k_entries_with_one_bad_record_at_the_end_write_nothing(journal, hundred_thousand):
    data = read_json_file(hundred_thousand)
    data["entries"][-1]["mood"] = 7
    with pytest.raises(InvalidInput) as caught:
        import_json(journal, data)
    assert str(caught.value).startswith("entries[99999]: The mood")
    assert journal.entries.count() == 0


def test_100k_entries_import_in_one_transaction(journal, hundred_thousand):
    statements: list[str] = []
    journal.conn.set_trace_callback(
        lambda sql: statements.append(sql) if sql in ("BEGIN IMMEDIATE", "COMMIT") else None
    )
    added = import_json(journal, read_json_file(hundred_thousand))
    journal.conn.set_trace_callback(None)
    assert added["entries"] == 100_000
    assert statements == ["BEGIN IMMEDIATE", "COMMIT"]
    assert journal.entries.count() == 100_000
    (last,) = journal.entries.list(limit=1)
    assert last.body == f"evening 99999: we talked a little #day{99_999 % 7}"
    assert journal.doctor()["integrity"] == "ok"


# ------------------------------------------------------------------ properties


_any_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=200
) | st.sampled_from(list(HOSTILE.values()))


@pytest.fixture(scope="module")
def shared_journal(tmp_path_factory):
    """One journal for every example of a property (each example adds to it)."""
    journal = Journal.open(tmp_path_factory.mktemp("prop") / "journal.db")
    yield journal
    journal.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """An empty journal to copy (quicker than making one for each example)."""
    path = tmp_path_factory.mktemp("template") / "journal.db"
    Journal.open(path).close()
    return path


_prop = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])


@_prop
@given(body=_any_text, title=_any_text)
def test_any_text_is_stored_as_cleaned_or_refused(shared_journal, body, title):
    before = shared_journal.entries.count()
    try:
        entry = shared_journal.entries.add(body, title=title)
    except InvalidInput as exc:
        assert not (clean(body).strip() or clean(title).strip()), exc
        assert shared_journal.entries.count() == before
        return
    got = shared_journal.entries.get(entry.id)
    assert (got.body, got.title) == (clean(body), clean(title))
    assert not TERMINAL_CONTROLS.search((got.body + got.title).replace("\n", "").replace("\t", ""))
    got.body.encode("utf-8")  # always storable, always printable


@_prop
@given(query=_any_text)
def test_any_search_text_gives_results_or_one_clear_refusal(shared_journal, query):
    try:
        hits = shared_journal.search(query, limit=5)
    except InvalidInput as exc:
        assert "\n" not in str(exc)
        return
    assert len(hits) <= 5


_moments = st.datetimes(
    min_value=datetime(1850, 1, 1), max_value=datetime(3100, 1, 1),
    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=14)),
                               timezone(timedelta(hours=-12)), timezone(timedelta(minutes=345))]),
)


@_prop
@given(moment=_moments)
def test_any_moment_is_kept_to_the_second_or_refused(shared_journal, moment):
    try:
        entry = shared_journal.entries.add("when", occurred_at=moment)
    except InvalidInput as exc:
        assert "out of range" in str(exc)
        assert not 1900 <= moment.astimezone(timezone.utc).year <= 2999
        return
    assert 1900 <= moment.astimezone(timezone.utc).year <= 2999
    assert shared_journal.entries.get(entry.id).occurred_at == moment.replace(microsecond=0)


_entry = st.fixed_dictionaries({
    "body": _any_text.filter(lambda t: clean(t).strip()),
    "title": _any_text,
    "mood": st.none() | st.integers(-2, 2),
    "starred": st.booleans(),
    "occurred_at": _moments.filter(lambda m: 1900 <= m.astimezone(timezone.utc).year <= 2999),
})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(items=st.lists(_entry, min_size=1, max_size=6, unique_by=lambda e: (
    e["occurred_at"].astimezone(timezone.utc).replace(microsecond=0),
    clean(e["title"]), clean(e["body"]))))  # the same entry twice is one entry on import
def test_hostile_entries_survive_export_and_import(template, tmp_path_factory, items):
    folder = tmp_path_factory.mktemp("rt")
    (folder / "a.db").write_bytes(template.read_bytes())
    (folder / "b.db").write_bytes(template.read_bytes())
    with Journal.open(folder / "a.db") as a, Journal.open(folder / "b.db") as b:
        for item in items:
            a.entries.add(**item)
        text = json.dumps(export_json(a), ensure_ascii=False)
        assert import_json(b, read_json_file(text.encode("utf-8")))["entries"] == len(items)
        assert import_json(b, read_json_file(text))["entries"] == 0

        def key(e):
            return (e.occurred_at, e.title, e.body, e.mood, e.starred, sorted(e.tags))

        assert sorted(map(key, a.entries.list())) == sorted(map(key, b.entries.list()))


def test_every_refusal_is_a_journal_error_with_one_line():
    """The errors above are the typed family the command line turns into one line."""
    for bad in (b"[", b"[" * 200_000, b"1" * 5000):
        with pytest.raises(JournalError) as caught:
            read_json_file(bad)
        assert "\n" not in str(caught.value)


def test_stored_text_never_holds_terminal_controls(journal):
    """A last look at the file itself, below every API: nothing that could drive a terminal."""
    for text in HOSTILE.values():
        journal.entries.add(text, title=text[:100])
    conn = sqlite3.connect(journal.path)
    try:
        for title, body in conn.execute("SELECT title, body FROM entries"):
            assert not TERMINAL_CONTROLS.search((title + body).replace("\n", "").replace("\t", ""))
    finally:
        conn.close()
