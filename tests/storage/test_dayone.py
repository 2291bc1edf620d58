"""Day One in (storage.dayone): a sample built by hand from the format Day One documents for
its "JSON (.zip)" export, as JSON and as the ZIP, with time zones (a summer-time change
among them), Markdown escapes, tags, a star, location, weather and photos; twice."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage import InvalidInput
from storage.dayone import DayOneExport, import_export, read_export, undo_escapes
from storage.text import tags_in

PHOTO_MD5 = "5a7d1c0e9b3f4a2d8c6e1f0b9a8d7c6e"

DINNER = {
    "uuid": "7D9A0B5F3E2C4B1A9F8E7D6C5B4A3921",
    "creationDate": "2025-03-14T20:05:00Z",
    "modifiedDate": "2025-03-14T20:40:12Z",
    "timeZone": "Europe/Berlin",
    "text": "# Dinner at Lina\\'s\\, finally\\!\n\n"
            "We talked \\- really talked\\. About the trip \\(the one we keep postponing\\)\\.\n"
            "\\* not a list, \\#not a tag, 1\\. not a number\n"
            "Code stays: `a\\.b` and\n```\nx = 1\\.5\n```\n"
            "A backslash: C:\\\\Users\n\n"
            f"![](dayone-moment://0F9E8D7C6B5A49382716A5B4C3D2E1F0)\n",
    "starred": True,
    "tags": ["Date night", "us"],
    "location": {
        "region": {"center": {"latitude": 52.5145, "longitude": 13.3501}, "radius": 75},
        "placeName": "Tiergarten", "localityName": "Berlin", "administrativeArea": "Berlin",
        "country": "Germany", "latitude": 52.5145, "longitude": 13.3501,
        "timeZoneName": "Europe/Berlin",
    },
    "weather": {"conditionsDescription": "Partly Cloudy", "temperatureCelsius": 11.6,
                "weatherCode": "partly-cloudy-night", "weatherServiceName": "Forecast.io"},
    "photos": [{"identifier": "0F9E8D7C6B5A49382716A5B4C3D2E1F0", "md5": PHOTO_MD5,
                "type": "jpeg", "orderInEntry": 0, "width": 3024, "height": 4032,
                "filename": "IMG_0042.jpeg"}],
    "duration": 0,
    "isPinned": False,
}

QUIET = {
    "uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90",
    "creationDate": "2025-03-16T09:30:00Z",
    "timeZone": "Europe/Berlin",
    "text": "Quiet Sunday\\. They slept late; I read\\.",
    "starred": False,
    "tags": [],
}

# The first night of American summer time: 07:30 UTC is 03:30 in New York (EDT, UTC-4);
# an hour earlier it would have been 01:30 (EST). Written on a trip, not at home.
TRIP = {
    "uuid": "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
    "creationDate": "2025-03-09T07:30:00Z",
    "timeZone": "America/New_York",
    "text": "Couldn\\'t sleep\\. Jet lag, and missing them\\.",
    "starred": False,
    "tags": ["travel"],
}

EMPTY = {"uuid": "FFFF", "creationDate": "2025-03-10T10:00:00Z", "timeZone": "Europe/Berlin",
         "text": "", "tags": []}

SAMPLE = {"metadata": {"version": "1.0"}, "entries": [DINNER, QUIET, TRIP, EMPTY]}


STAMP = (2026, 1, 2, 3, 4, 6)
"""Every member's time in the sample ZIPs: fixed, so each test run (and each test worker)
builds the same bytes."""


def sample_zip(journals: dict[str, dict] | None = None) -> bytes:
    """The ZIP Day One exports: a JSON per journal at the top, the photos beside them."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (journals or {"Journal.json": SAMPLE}).items():
            archive.writestr(zipfile.ZipInfo(name, STAMP), json.dumps(data, indent=2))
        archive.writestr(zipfile.ZipInfo(f"photos/{PHOTO_MD5}.jpeg", STAMP),
                         b"\xff\xd8\xff\xe0 not really a photo")
    return out.getvalue()


def stored(journal) -> dict[str, dict]:
    """Each entry as the journal keeps it, by title or first words."""
    rows = journal.query("SELECT * FROM entries ORDER BY occurred_at")
    return {(r["title"] or r["body"][:12]): r for r in rows}


def test_every_field_comes_in_as_day_one_meant_it(journal, berlin):
    assert import_export(journal, SAMPLE) == {"entries": 3}  # the empty one has nothing

    rows = stored(journal)
    dinner = rows["Dinner at Lina's, finally!"]
    assert dinner["occurred_at"] == "2025-03-14T20:05:00+00:00"  # the exact moment
    assert dinner["day"] == "2025-03-14"
    assert dinner["starred"] == 1
    assert dinner["body"] == (
        "We talked - really talked. About the trip (the one we keep postponing).\n"
        "* not a list, #not a tag, 1. not a number\n"
        "Code stays: `a\\.b` and\n```\nx = 1\\.5\n```\n"
        "A backslash: C:\\Users\n\n"
        "[photo: IMG_0042.jpeg (photos/" + PHOTO_MD5 + ".jpeg)]\n\n"
        "From Day One:\n"
        "- place: Tiergarten, Berlin, Germany\n"
        "- weather: Partly Cloudy, 12 °C"
    )  # the photo is shown where it was, so the note does not list it again
    entry = journal.entries.get(dinner["id"])
    # "\#not" was a #tag Day One kept as plain text; in closer it is written, so a tag
    assert sorted(entry.tags) == ["date-night", "not", "us"]
    assert tags_in(entry.body) == ["not"]

    quiet = rows["Quiet Sunday"]
    assert quiet["title"] == ""  # a first line that is no heading stays in the text
    assert quiet["body"] == "Quiet Sunday. They slept late; I read."
    assert "From Day One" not in quiet["body"]  # nothing to add: written at home


def test_an_entry_from_another_time_zone_keeps_its_own_clock(journal, berlin):
    import_export(journal, SAMPLE)
    trip = stored(journal)["Couldn't sle"]
    assert trip["occurred_at"] == "2025-03-09T07:30:00+00:00"  # not shifted by the zone
    moment = journal.entries.get(trip["id"]).occurred_at
    assert moment == datetime(2025, 3, 9, 3, 30, tzinfo=ZoneInfo("America/New_York"))
    assert moment.astimezone().hour == 8  # 08:30 in Berlin, where closer shows it
    assert trip["body"] == (
        "Couldn't sleep. Jet lag, and missing them.\n\n"
        "From Day One:\n"
        "- written 03:30 on Sun 09 Mar 2025, America/New_York time"
    )


@pytest.mark.parametrize("zone", ["UTC0", "JST-9", "HST10"])
def test_the_moment_is_the_same_whatever_the_local_zone(journal, zone, monkeypatch):
    import time

    if not hasattr(time, "tzset"):
        pytest.skip("cannot change the local time zone here")
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        import_export(journal, SAMPLE)
        moments = sorted(r["occurred_at"] for r in stored(journal).values())
    finally:
        monkeypatch.undo()
        time.tzset()
    assert moments == ["2025-03-09T07:30:00+00:00", "2025-03-14T20:05:00+00:00",
                       "2025-03-16T09:30:00+00:00"]


def test_importing_twice_adds_nothing_json_then_zip(journal, berlin):
    assert import_export(journal, SAMPLE) == {"entries": 3}
    before = journal.query("SELECT * FROM entries ORDER BY id")
    assert import_export(journal, SAMPLE) == {"entries": 0}
    assert import_export(journal, read_export(io.BytesIO(sample_zip()))) == {"entries": 0}
    assert journal.query("SELECT * FROM entries ORDER BY id") == before


def test_the_zip_of_an_export_reads_every_journal_in_it(journal, berlin):
    travel = {"metadata": {"version": "1.0"}, "entries": [
        {**TRIP, "uuid": "1", "creationDate": "2025-03-10T01:00:00Z",
         "text": "# Second night\n\nBetter\\."}]}
    export = read_export(io.BytesIO(sample_zip({"Journal.json": SAMPLE, "Travel.json": travel})))
    assert len(export.entries) == 5
    assert f"photos/{PHOTO_MD5}.jpeg" in export.files
    assert import_export(journal, export) == {"entries": 4}
    assert stored(journal)["Second night"]["body"].startswith("Better.")


def test_a_photo_file_found_in_the_zip_is_named_as_it_is_there(journal, berlin):
    entry = {**QUIET, "text": "Look ![](dayone-moment://ABC)",
             "photos": [{"identifier": "ABC", "md5": PHOTO_MD5, "type": "heic"}]}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("Journal.json", json.dumps({"entries": [entry]}))
        archive.writestr(f"photos/{PHOTO_MD5}.jpeg", b"x")  # Day One converted it to JPEG
    import_export(journal, read_export(io.BytesIO(out.getvalue())))
    (row,) = stored(journal).values()
    assert row["body"] == f"Look [photo: photos/{PHOTO_MD5}.jpeg]"


def test_photos_the_text_does_not_show_are_listed_in_the_note(journal, berlin):
    entry = {**QUIET, "text": "# Beach\n\n\ufffcSun at last\\.", "photos": [
        {"identifier": "A", "md5": "aa", "type": "jpeg", "filename": "IMG_1.HEIC"},
        {"identifier": "B", "md5": "bb", "type": "jpeg"}],
        "videos": [{"identifier": "C", "md5": "cc", "type": "mov"}]}
    import_export(journal, {"entries": [entry]})
    (row,) = stored(journal).values()
    assert row["body"] == ("Sun at last.\n\nFrom Day One:\n"
                           "- photos: IMG_1.HEIC (photos/aa.jpeg), photos/bb.jpeg\n"
                           "- videos: videos/cc.mov")


def test_undoing_escapes_keeps_code_and_real_backslashes():
    assert undo_escapes(r"a\_b\_c \*x\* \[y\]\(z\) \`t\` \\n") == "a_b_c *x* [y](z) `t` \\n"
    assert undo_escapes("``a\\.`b``  \\.") == "``a\\.`b``  ."
    assert undo_escapes(r"\a \é stay") == r"\a \é stay"  # only ASCII punctuation is escaped


@given(st.text(st.characters(blacklist_characters="\ufffc", blacklist_categories=("Cs",))))
def test_any_text_escaped_as_day_one_does_reads_back_as_typed(text):
    escaped = re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)  # every ASCII punctuation mark
    assert undo_escapes(escaped) == text


@pytest.mark.parametrize("data, says", [
    ({"entries": {}}, "not a Day One export"),
    ([], "not a Day One export"),
    ({"entries": [1]}, "entries[1] should be an object"),
    ({"entries": [{"text": "x"}]}, "entries[1]: creationDate"),
    ({"entries": [{"text": "x", "creationDate": "yesterday"}]}, "'yesterday' is not a date"),
    ({"entries": [{"text": "x", "creationDate": "0001-01-01T00:00:00Z"}]}, "not a date"),
    ({"entries": [{"text": "x", "creationDate": "2025-03-01T00:00:00Z", "starred": "yes"}]},
     "starred should be true or false"),
    ({"entries": [{"text": "x", "creationDate": "2025-03-01T00:00:00Z", "tags": "us"}]},
     "tags should be a list"),
])
def test_a_bad_export_is_refused_in_one_line_writing_nothing(journal, data, says):
    good = dict(DINNER)
    document = {"entries": [good, *data["entries"]]} if (
        isinstance(data, dict) and isinstance(data.get("entries"), list)) else data
    with pytest.raises(InvalidInput) as caught:
        import_export(journal, document)
    message = str(caught.value)
    assert says in message and "\n" not in message, message
    assert journal.entries.count() == 0


def corrupted_zip() -> bytes:
    """A ZIP whose journal's compressed bytes were changed on the way (its header intact)."""
    raw = bytearray(sample_zip())
    start = raw.index(b"Journal.json") + len("Journal.json")
    for n in range(start + 20, start + 60):
        raw[n] ^= 0x5A
    return bytes(raw)


def test_a_zip_damaged_inside_is_refused_in_one_line():
    with pytest.raises(InvalidInput) as caught:
        read_export(io.BytesIO(corrupted_zip()))
    assert str(caught.value).startswith("this ZIP cannot be read")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("raw, says", [
    (sample_zip({"notes.txt": {}}), "no Day One journal"),
    (sample_zip()[:200], "cannot be read"),
    (b"PK\x03\x04" + b"\x00" * 40, "cannot be read"),
    (b"{\"entries\": [", "not valid JSON"),
], ids=["zip-without-a-journal", "cut-off-zip", "zip-header-only", "cut-off-json"])
def test_a_file_that_is_no_export_is_refused_in_one_line(raw, says):
    with pytest.raises(InvalidInput) as caught:
        read_export(io.BytesIO(raw))
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_an_unknown_or_hostile_time_zone_name_keeps_the_moment_in_utc(journal):
    for n, zone in enumerate(["Mars/Olympus", "../../etc/passwd", "/etc/localtime", 5]):
        import_export(journal, {"entries": [
            {"creationDate": f"2025-03-0{n + 1}T12:00:00Z", "timeZone": zone, "text": "x"}]})
    moments = [journal.entries.get(r["id"]).occurred_at
               for r in journal.query("SELECT id FROM entries ORDER BY occurred_at")]
    assert [m.astimezone(timezone.utc).day for m in moments] == [1, 2, 3, 4]
    assert all(m.astimezone(timezone.utc).hour == 12 for m in moments)


def test_the_export_object_and_the_parsed_json_are_read_the_same(journal, berlin):
    assert import_export(journal, DayOneExport.from_json(SAMPLE)) == {"entries": 3}
    assert import_export(journal, SAMPLE) == {"entries": 0}
