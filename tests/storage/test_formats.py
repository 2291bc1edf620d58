"""The export and import formats (storage.formats): one list, read by portable and the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storage import portable
from storage.formats import EXPORTERS, IMPORTERS

ROOT = Path(__file__).resolve().parents[2]


def test_every_format_names_a_function_that_is_there():
    for formats in (EXPORTERS, IMPORTERS):
        for name in formats:
            assert callable(formats[name]), name
    assert EXPORTERS["jrnl"].__module__ == "storage.jrnl"
    assert "docx" not in EXPORTERS
    with pytest.raises(KeyError):
        EXPORTERS["docx"]


def test_portable_and_the_command_line_offer_the_same_formats():
    from tui import cli

    assert portable.EXPORTERS is EXPORTERS and portable.IMPORTERS is IMPORTERS
    assert cli._export_formats() == EXPORTERS.names() == [
        "json", "markdown", "jrnl", "markdown-folder", "csv", "ics"]
    assert cli._import_formats() == IMPORTERS.names() == ["json", "jrnl-json", "dayone"]


def test_folder_formats_and_readers_name_formats_that_are_there():
    from storage.formats import FOLDERS, READERS

    assert FOLDERS == {"csv", "markdown-folder"} and FOLDERS <= set(EXPORTERS)
    assert set(READERS) <= set(IMPORTERS)
    for name in READERS:
        assert callable(READERS[name]), name


def test_the_json_exporter_writes_what_export_json_gives(journal):
    import json

    journal.entries.add("one line")
    text = EXPORTERS["json"](journal)
    assert text.endswith("\n")
    data = json.loads(text)
    assert [e["body"] for e in data["entries"]] == ["one line"]


def test_listing_the_formats_imports_none_of_them():
    """Building the whole command line (``closer --help``) names the formats without
    importing the exporters, nor pydantic or typing with them."""
    code = (
        "import sys\n"
        "from tui.cli import build_parser\n"
        "build_parser()\n"
        "loaded = [m for m in ('storage.portable', 'storage.jrnl', 'storage.dayone',\n"
        "                      'storage.tables', 'storage.markdown_folder', 'yaml',\n"
        "                      'zipfile', 'pydantic', 'typing')\n"
        "          if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
