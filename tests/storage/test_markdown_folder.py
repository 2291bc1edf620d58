"""A folder of Markdown (storage.markdown_folder): the front matter of every file parsed back
(python-frontmatter, as static-site tools and Obsidian plug-ins read it) gives what the
journal holds; the index links every file; names are stable and safe."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import frontmatter
import pytest
import yaml

from storage.demo import fill
from storage.markdown_folder import INDEX, export_folder, file_stem

TODAY = date(2026, 11, 30)


def parsed(files: dict[str, str]) -> dict[str, frontmatter.Post]:
    return {name: frontmatter.loads(text) for name, text in files.items() if name != INDEX}


def test_every_entry_is_a_file_whose_front_matter_says_what_is_stored(journal, berlin):
    fill(journal, TODAY)
    journal.entries.add("Said it: 'yes: no' - #us\n---\nnot front matter", title="A: b # c",
                        mood=-2, starred=True, tags=["walk", "Date-Night"],
                        occurred_at=datetime(2026, 3, 29, 3, 30).astimezone())
    files = export_folder(journal)
    posts = parsed(files)
    entries = journal.entries.list(newest_first=False)
    assert len(posts) == len(entries)
    for (name, post), e in zip(posts.items(), entries):
        assert set(post.metadata) == {"date", "title", "tags", "mood", "starred"}, name
        assert post["date"] == e.occurred_at  # a YAML timestamp, with its offset
        assert post["date"].utcoffset() == e.occurred_at.astimezone().utcoffset()
        assert post["title"] == e.title
        assert post["tags"] == e.all_tags()
        assert post["mood"] == e.mood
        assert post["starred"] is e.starred
        assert post.content == e.body.strip()
        assert re.fullmatch(r"\d{4}-\d\d-\d\d-\d{4}-[\w-]+\.md", name), name
    (awkward,) = [p for p in posts.values() if p["title"] == "A: b # c"]
    assert awkward["date"].utcoffset() == timedelta(hours=2)  # Berlin summer time, that night
    assert awkward.content.endswith("---\nnot front matter")


def test_the_date_is_written_as_iso_8601_with_a_t(journal, berlin):
    journal.entries.add("x", occurred_at=datetime(2026, 1, 5, 21, 5).astimezone())
    (text,) = [t for n, t in export_folder(journal).items() if n != INDEX]
    assert "\ndate: 2026-01-05T21:05:00+01:00\n" in text
    head = text.split("---\n")[1]
    assert yaml.safe_load(head)["date"] == datetime(2026, 1, 5, 20, 5, tzinfo=timezone.utc)


def test_the_index_links_every_file_under_its_week(journal, berlin):
    fill(journal, TODAY)
    files = export_folder(journal)
    index = files[INDEX]
    links = re.findall(r"\]\(([^)]+)\)", index)
    assert sorted(links) == sorted(n for n in files if n != INDEX)
    assert "## Week of 23 Nov 2026" in index


def test_names_are_stable_unique_and_plain(journal, berlin):
    at = datetime(2026, 5, 1, 20, 0).astimezone()
    for _ in range(3):
        journal.entries.add("Same words", occurred_at=at)
    journal.entries.add("../../etc/passwd\\x", occurred_at=at + timedelta(minutes=1))
    journal.entries.add("字" * 200, occurred_at=at + timedelta(minutes=2))
    names = [n for n in export_folder(journal) if n != INDEX]
    assert names == [n for n in export_folder(journal) if n != INDEX]  # the same each time
    assert names[:3] == ["2026-05-01-2000-same-words.md", "2026-05-01-2000-same-words-2.md",
                         "2026-05-01-2000-same-words-3.md"]
    assert names[3] == "2026-05-01-2001-etc-passwd-x.md"
    assert len(names[4].encode()) < 255 and "/" not in "".join(names)


@pytest.mark.parametrize("title, body, stem", [
    ("", "", "2026-05-01-2000-entry"),
    ("", "!!!", "2026-05-01-2000-entry"),
    ("Walk", "", "2026-05-01-2000-walk"),
    ("", "one two three four five six seven eight nine ten eleven twelve thirteen",
     "2026-05-01-2000-one-two-three-four-five-six-seven-eight-nine-ten-eleven"),
])
def test_file_stems(title, body, stem):
    assert file_stem(datetime(2026, 5, 1, 20, 0), title, body) == stem


def test_an_empty_journal_gives_an_index_that_says_so(journal):
    assert export_folder(journal) == {INDEX: "# closer journal\n\nNothing written yet.\n"}
