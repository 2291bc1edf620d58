"""A folder of Markdown: one file per entry, with YAML front matter, and an index.

>>> files = export_folder(journal)                      # doctest: +SKIP
>>> print(files["2025-03-14-2105-after-dinner.md"])     # doctest: +SKIP
---
date: 2025-03-14T21:05:00+01:00
title: After dinner
tags:
- us
mood: 1
starred: true
---
We talked for ten minutes. #us

``closer export --format markdown-folder -o DIR`` writes them into DIR: a folder Obsidian
opens as a vault, and that static-site tools (Jekyll, Hugo, Eleventy) read as posts.

- **File names**: ``YYYY-MM-DD-HHMM-words-of-the-title.md`` (the local day and time, then
  the title or the first words of the text, lower case, at most 60 characters), so they
  sort by date and Jekyll reads the date from the name; two entries that would share a
  name get ``-2``, ``-3``, in the order they were written.
- **Front matter** (PyYAML's safe dumper): ``date`` (the moment on this computer's clock,
  ISO 8601 with its offset, a YAML timestamp), ``title`` (as written; may be empty),
  ``tags`` (every tag, the #tags in the text included, without ``#``), ``mood`` (-2 to 2, or
  null), ``starred`` (true/false).
- **Body**: the entry's text as written.
- **index.md**: every entry, oldest first, under a heading per ISO week, each a link to its
  file.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from storage import dates
from storage.text import first_line
from storage.weeks import week_key, week_words

if TYPE_CHECKING:
    from storage.journal import Journal

INDEX = "index.md"
NAME_WORDS = 60
"""The most characters the words of a file's name take (after its date and time)."""

_NOT_NAME = re.compile(r"[^\w]+")
_MARKUP = re.compile(r"[\\`*_\[\]<>#!]")
NAME_BYTES = 180
"""The most bytes (UTF-8) those words take: with the date, a name stays well under the 255
bytes file systems allow."""


def _dumper() -> type:
    import yaml

    class Dumper(yaml.SafeDumper):
        """The safe dumper, writing a moment as ISO 8601 (``2025-03-14T21:05:00+01:00``,
        what Obsidian's date-time properties read) rather than with a space."""

    def moment(dumper: yaml.SafeDumper, value: datetime) -> Any:
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp",
                                       value.isoformat(timespec="seconds"))

    Dumper.add_representer(datetime, moment)
    return Dumper


def front_matter(fields: dict[str, Any]) -> str:
    """``fields`` as a YAML front matter block (between ``---`` lines, ending in a newline).

    >>> print(front_matter({"title": "Yes: no", "tags": ["us"], "mood": None}), end="")
    ---
    title: 'Yes: no'
    tags:
    - us
    mood: null
    ---
    """
    import yaml

    text = yaml.dump(fields, Dumper=_dumper(), sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1_000_000)
    return f"---\n{text}---\n"


def file_stem(moment: datetime, title: str, body: str) -> str:
    """The name of an entry's file, without ``.md`` and without the ``-2`` of a repeat.

    >>> from datetime import datetime
    >>> file_stem(datetime(2025, 3, 14, 21, 5), "Après le dîner!", "")
    '2025-03-14-2105-après-le-dîner'
    """
    words = title.strip() or first_line(body, NAME_WORDS + 10)
    slug = _NOT_NAME.sub("-", words.lower()).strip("-_")
    if len(slug) > NAME_WORDS:
        cut = slug[:NAME_WORDS + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[NAME_WORDS // 2:] else cut[:NAME_WORDS]
    while len(slug.encode("utf-8")) > NAME_BYTES:
        slug = slug[:-1]
    slug = slug.rstrip("-_")
    m = moment
    stamp = f"{m.year:04d}-{m.month:02d}-{m.day:02d}-{m.hour:02d}{m.minute:02d}"
    return f"{stamp}-{slug}" if slug else f"{stamp}-entry"


def export_folder(journal: Journal) -> dict[str, str]:
    """Every entry as ``{file name: Markdown with front matter}``, and ``index.md``."""
    files: dict[str, str] = {}
    index = ["# closer journal", ""]
    taken: set[str] = {INDEX}
    current_week: tuple[int, int] | None = None
    entries = journal.entries.list(newest_first=False)
    if not entries:
        index.append("Nothing written yet.")
    for e in entries:
        moment = dates.local(e.occurred_at)
        stem = file_stem(moment, e.title, e.body)
        name, n = f"{stem}.md", 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}.md"
        taken.add(name)
        head = front_matter({
            "date": moment,
            "title": e.title,
            "tags": e.all_tags(),
            "mood": e.mood,
            "starred": e.starred,
        })
        files[name] = head + e.body + ("\n" if e.body and not e.body.endswith("\n") else "")
        week = week_key(moment.date())
        if week != current_week:
            current_week = week
            index += ["", f"## {week_words(moment.date(), year=True, capital=True)}", ""]
        label = e.title.strip() or first_line(e.body, 70) or "(no text)"
        star = " ★" if e.starred else ""
        index.append(f"- {moment:%a %d %b, %H:%M} [{_link_text(label)}]({name}){star}")
    files[INDEX] = "\n".join(index).replace("\n\n\n", "\n\n") + "\n"
    return files


def _link_text(label: str) -> str:
    """A label that Markdown shows as it is inside ``[...]``."""
    return _MARKUP.sub(r"\\\g<0>", " ".join(label.split()))
