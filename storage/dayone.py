"""Day One in: the JSON of its export, or the ZIP it makes ("Day One JSON (.zip)").

>>> with open("Export.zip", "rb") as fh:                  # doctest: +SKIP
...     export = read_export(fh)
>>> import_export(journal, export)                        # doctest: +SKIP
{'entries': 412}

What Day One writes (``Journal.json``, one file per journal, beside ``photos/``, ``videos/``,
``audios/`` and ``pdfs/`` folders in the ZIP)::

    {"metadata": {"version": "1.0"},
     "entries": [{"uuid": "…", "creationDate": "2025-03-14T20:05:00Z",
                  "timeZone": "Europe/Berlin", "text": "# A title\\n\\nThe text\\\\.",
                  "starred": true, "tags": ["date night"],
                  "location": {"placeName": "…", "localityName": "…", "country": "…",
                               "latitude": 52.5, "longitude": 13.4},
                  "weather": {"conditionsDescription": "Partly Cloudy",
                              "temperatureCelsius": 11.5},
                  "photos": [{"identifier": "…", "md5": "…", "type": "jpeg",
                              "filename": "IMG_0042.jpeg"}]}]}

How each entry comes in:

- **Text**: Day One writes Markdown with every punctuation mark that Markdown could read as
  formatting escaped (``\\.``, ``\\-``, ``\\(``); the escapes are undone (not inside code), so
  the text reads as it was typed. A first line that is a heading (``# A title``) is the
  title; the rest is the body. A photo, video, audio or PDF in the text
  (``![](dayone-moment://ID)``) becomes ``[photo: its file name]``.
- **Moment**: ``creationDate`` is an exact moment in UTC; it is kept as that moment, read in
  the entry's own ``timeZone``. closer shows every moment on this computer's clock, so when
  an entry was written in another zone than most of the file (a trip), its own wall-clock
  time and zone are kept in the note below ("written 21:05 on …, America/New_York time").
- **Tags** become closer's tags (``date night`` -> ``date-night``); **starred** stays starred.
- **Location, weather, photos** (when the entry has them) go in a short note at the end of
  the body, a Markdown list under "From Day One:". A photo is named by its file in the
  export (``photos/<md5>.jpeg``), with the name it had on the phone when Day One gives it;
  one the text does not show in its place is listed in the note.

Importing the same export twice adds nothing: an entry already here with the same moment,
title and body (the entries' natural key, :mod:`storage.kinds`) is skipped, and the check
is made inside the write transaction (:func:`storage.portable.importing`). Every entry is
checked before anything is written; all are written, or none.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections import Counter
from datetime import datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Any, BinaryIO

from storage import dates, rows
from storage.errors import InvalidInput
from storage.text import as_tag

if TYPE_CHECKING:
    from storage.journal import Journal

MAX_JSON_BYTES = 1 << 30
"""The largest journal JSON read from a ZIP (1 GiB): a ZIP that says it holds more is
refused before it is unpacked."""

_ZIP_MAGIC = b"PK\x03\x04"
_MEDIA = {"photos": "photo", "videos": "video", "audios": "recording", "pdfAttachments": "PDF"}
_MEDIA_FOLDERS = {"photos": "photos", "videos": "videos", "audios": "audios",
                  "pdfAttachments": "pdfs"}
_MEDIA_PATHS = {"": "photos", "video": "videos", "audio": "audios",
                "pdfattachment": "pdfAttachments"}

# One pass over the text: code (kept as it is: escapes mean nothing there), a media link,
# or a backslash escape of ASCII punctuation (CommonMark's rule for what may be escaped).
_PIECES = re.compile(
    r"(?P<fence>^(?P<f>`{3,}|~{3,})[^\n]*\n.*?(?:^(?P=f)[ \t]*$|\Z))"
    r"|(?P<code>(?P<ticks>`+)[^`].*?(?P=ticks))"
    r"|(?P<media>!\[[^\]\n]*\]\(dayone-moment:/{1,2}(?:(?P<what>[A-Za-z]+)/)?"
    r"(?P<id>[0-9A-Za-z-]+)\))"
    r"|\\(?P<char>[!-/:-@\[-`{-~])",
    re.MULTILINE | re.DOTALL,
)
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*$")


class DayOneExport:
    """What a Day One export holds: its entries (as Day One wrote them, from every journal
    in the file) and, for a ZIP, the names of the files beside them."""

    __slots__ = ("entries", "files")

    def __init__(self, entries: list[Any], files: frozenset[str] = frozenset()) -> None:
        self.entries = entries
        self.files = files

    @classmethod
    def from_json(cls, data: Any, where: str = "") -> DayOneExport:
        """The export in one parsed journal JSON, or InvalidInput saying why it is not."""
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise InvalidInput(
                f'{where or "this"} is not a Day One export (no "entries" list); export '
                'from Day One as "JSON", and import the .zip or the .json inside it'
            )
        return cls(data["entries"])


# ------------------------------------------------------------------ reading the file


def read_export(source: BinaryIO) -> DayOneExport:
    """The Day One export in ``source`` (a binary file): a ZIP of one or more journals'
    JSON, or one journal's JSON. InvalidInput, in one line, when it is neither."""
    head = source.read(4)
    if head == _ZIP_MAGIC:
        source.seek(0)
        return _read_zip(source)
    from storage.portable import read_json_file

    return DayOneExport.from_json(read_json_file(head + source.read()))


def _read_zip(source: BinaryIO) -> DayOneExport:
    from storage.portable import read_json_file

    try:
        with zipfile.ZipFile(source) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            journals = [i for i in infos if i.filename.lower().endswith(".json")
                        and not i.filename.startswith("__MACOSX/")
                        and "/" not in i.filename.strip("/")]
            if not journals:
                raise InvalidInput("this ZIP holds no Day One journal (no .json file at its top)")
            entries: list[Any] = []
            for info in sorted(journals, key=lambda i: i.filename):
                if info.file_size > MAX_JSON_BYTES:
                    raise InvalidInput(
                        f"{info.filename} in the ZIP is {info.file_size:,} bytes unpacked; "
                        f"closer reads journals of up to {MAX_JSON_BYTES:,}")
                data = read_json_file(archive.read(info))
                entries += DayOneExport.from_json(data, info.filename).entries
            return DayOneExport(entries, frozenset(i.filename for i in infos))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError):
        raise InvalidInput("this ZIP cannot be read: it is damaged or cut short; export it "
                           "again from Day One") from None
    except NotImplementedError:
        raise InvalidInput("this ZIP is packed in a way closer cannot unpack; export it "
                           "again from Day One") from None
    except RuntimeError:  # what zipfile raises for a ZIP locked with a password
        raise InvalidInput("this ZIP is locked with a password; export again without "
                           "one") from None


# ------------------------------------------------------------------ one entry


def undo_escapes(text: str, media: dict[str, str] | None = None,
                 placed: set[str] | None = None) -> str:
    """Day One's Markdown as it was typed: backslash escapes undone (not inside code), each
    media link replaced by ``[photo: NAME]`` (``media``: identifier -> what and name; the
    identifiers placed so are added to ``placed``), and the object replacement character
    Day One's rich text leaves beside a photo (U+FFFC) taken out.

    >>> undo_escapes(r"Dinner\\. We talked \\- a bit\\! `a\\.b` \\\\o/")
    'Dinner. We talked - a bit! `a\\\\.b` \\\\o/'
    """
    media = media or {}

    def piece(match: re.Match[str]) -> str:
        if match["char"] is not None:
            return match["char"]
        if match["media"] is not None:
            folder = _MEDIA_PATHS.get((match["what"] or "").lower(), "photos")
            found = media.get(match["id"])
            if found and placed is not None:
                placed.add(match["id"])
            return f"[{found}]" if found else f"[{_MEDIA[folder]}]"
        return match[0]

    return _PIECES.sub(piece, text.replace("\ufffc", ""))


def split_title(text: str) -> tuple[str, str]:
    """``(title, rest)`` of Day One's raw text: a first line that is a Markdown heading is
    the title (its escapes undone later); otherwise there is no title.

    >>> split_title("# Sunday\\n\\nWe walked.")
    ('Sunday', 'We walked.')
    >>> split_title("We walked.")
    ('', 'We walked.')
    """
    first, _, rest = text.lstrip("\n").partition("\n")
    heading = _HEADING.match(first)
    if not heading:
        return "", text
    return heading["title"], rest.lstrip("\n")


def _zone(name: Any) -> tzinfo | None:
    if not isinstance(name, str) or not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _moment(item: dict, where: str) -> datetime:
    raw = item.get("creationDate")
    if not isinstance(raw, str):
        raise InvalidInput(f"{where}: creationDate should be a date like 2025-03-14T20:05:00Z")
    try:
        moment = datetime.fromisoformat(raw.strip())
        if moment.tzinfo is None:  # Day One writes UTC; a moment without a zone is UTC too
            moment = moment.replace(tzinfo=timezone.utc)
        dates.check_range(moment)
    except (ValueError, OverflowError):
        raise InvalidInput(f"{where}: {raw!r} is not a date closer can keep") from None
    zone = _zone(item.get("timeZone"))
    return moment.astimezone(zone) if zone else moment


def _media_names(
    item: dict, files: frozenset[str]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Identifier -> ``"photo: NAME"`` for the entry's media, and the names of all of them
    by kind (``{"photos": [...]}``)."""
    found: dict[str, str] = {}
    listed: dict[str, list[str]] = {}
    for key, word in _MEDIA.items():
        items = item.get(key)
        if not isinstance(items, list):
            continue
        folder = _MEDIA_FOLDERS[key]
        for media in items:
            if not isinstance(media, dict):
                continue
            md5, kind = str(media.get("md5") or ""), str(media.get("type") or "")
            name = f"{folder}/{md5}.{kind}" if md5 and kind else f"{folder}/{md5}" if md5 else ""
            if md5 and files:
                inside = sorted(f for f in files if f.startswith(f"{folder}/{md5}."))
                name = inside[0] if inside else name
            original = media.get("filename")
            if isinstance(original, str) and original.strip():
                name = f"{original.strip()} ({name})" if name else original.strip()
            if not name:
                continue
            listed.setdefault(f"{word}s", []).append(name)
            identifier = media.get("identifier")
            if isinstance(identifier, str):
                found[identifier] = f"{word}: {name}"
    return found, listed


def _not_placed(listed: dict[str, list[str]], media: dict[str, str],
                placed: set[str]) -> dict[str, list[str]]:
    """The media the text does not show where they were (``[photo: NAME]``), by kind."""
    shown = {media[i].split(": ", 1)[1] for i in placed}
    kept = {label: [n for n in names if n not in shown] for label, names in listed.items()}
    return {label: names for label, names in kept.items() if names}


def _place(location: Any) -> str:
    if not isinstance(location, dict):
        return ""
    names = [location.get(k) for k in ("placeName", "localityName", "administrativeArea",
                                        "country")]
    parts = list(dict.fromkeys(n.strip() for n in names if isinstance(n, str) and n.strip()))
    if parts:
        return ", ".join(parts)
    lat, lon = location.get("latitude"), location.get("longitude")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return f"{lat:.5f}, {lon:.5f}"
    return ""


def _weather(weather: Any) -> str:
    if not isinstance(weather, dict):
        return ""
    parts = []
    said = weather.get("conditionsDescription")
    if isinstance(said, str) and said.strip():
        parts.append(said.strip())
    degrees = weather.get("temperatureCelsius")
    if isinstance(degrees, (int, float)) and not isinstance(degrees, bool):
        parts.append(f"{degrees:.0f} °C")
    return ", ".join(parts)


def _note(item: dict, moment: datetime, home: str | None,
          media: dict[str, list[str]]) -> list[str]:
    """The lines of the "From Day One:" note (none when there is nothing to keep)."""
    lines = []
    zone = item.get("timeZone")
    if isinstance(zone, str) and _zone(zone) is not None and zone != home:
        lines.append(f"- written {moment:%H:%M} on {moment:%a %d %b %Y}, {zone} time")
    place = _place(item.get("location"))
    if place:
        lines.append(f"- place: {place}")
    weather = _weather(item.get("weather"))
    if weather:
        lines.append(f"- weather: {weather}")
    for label, names in media.items():
        lines.append(f"- {label}: {', '.join(names)}")
    return ["From Day One:", *lines] if lines else []


def _home_zone(entries: list[Any]) -> str | None:
    """The time zone most of the export's entries were written in."""
    zones = Counter(e.get("timeZone") for e in entries
                    if isinstance(e, dict) and isinstance(e.get("timeZone"), str))
    return zones.most_common(1)[0][0] if zones else None


def entry_fields(item: Any, where: str, home: str | None = None,
                 files: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """One Day One entry as the fields of a closer entry (None: nothing in it to keep)."""
    if not isinstance(item, dict):
        raise InvalidInput(f"{where} should be an object")
    text = item.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise InvalidInput(f"{where}: text should be text")
    moment = _moment(item, where)
    media, listed = _media_names(item, files)
    raw_title, raw_body = split_title(text.replace("\r\n", "\n"))
    title = undo_escapes(raw_title).strip()
    placed: set[str] = set()
    body = undo_escapes(raw_body, media, placed).strip("\n")
    note = _note(item, moment, home, _not_placed(listed, media, placed))
    if note:
        body = (body + "\n\n" if body.strip() else "") + "\n".join(note)
    if not title.strip() and not body.strip():
        return None
    starred = item.get("starred", False)
    if not isinstance(starred, bool):
        raise InvalidInput(f"{where}: starred should be true or false")
    tags = item.get("tags") or []
    if not isinstance(tags, list):
        raise InvalidInput(f"{where}: tags should be a list")
    return {
        "occurred_at": moment,
        "title": title,
        "body": body,
        "starred": starred,
        "tags": [plain for plain in map(as_tag, tags) if plain],
    }


# ------------------------------------------------------------------ in


def _existing_keys(journal: Journal) -> set[tuple[str, str, str]]:
    return {
        (r[0], r[1], r[2])
        for r in journal.conn.execute("SELECT occurred_at, title, body FROM entries")
    }


def import_export(journal: Journal, data: DayOneExport | Any) -> dict[str, int]:
    """Add the entries of a Day One export (:func:`read_export`, or its parsed JSON) that
    are not in the journal yet. Returns ``{"entries": added}``."""
    from storage.models import EntryIn
    from storage.portable import importing

    export = data if isinstance(data, DayOneExport) else DayOneExport.from_json(data)
    home = _home_zone(export.entries)
    parsed = []
    for n, item in enumerate(export.entries):
        where = f"entries[{n}]"
        fields = entry_fields(item, where, home, export.files)
        if fields is not None:
            parsed.append(rows.validate(EntryIn, fields, where))

    added = 0
    with importing(journal, _existing_keys) as existing:
        for entry in parsed:
            key = (dates.to_stored(entry.occurred_at), entry.title, entry.body)
            if key in existing:
                continue
            journal.entries.store(entry)
            existing.add(key)
            added += 1
    return {"entries": added}
