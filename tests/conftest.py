"""Fixtures shared by every test folder. Keep this small; put folder-only fixtures beside
the tests that use them."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from storage import Journal

if os.environ.get("PYTHONDONTWRITEBYTECODE"):
    # Where bytecode may not be written beside the source, every test process and every
    # closer command a test starts compiled closer's modules from source again (a tenth of
    # a second or more each). Keep the bytecode in a folder of its own instead, outside the
    # tree, so each module is compiled once for the whole run.
    _bytecode = str(Path(tempfile.gettempdir()) / f"closer-tests-bytecode-{os.getuid()}")
    os.environ.pop("PYTHONDONTWRITEBYTECODE")
    os.environ["PYTHONPYCACHEPREFIX"] = _bytecode
    sys.dont_write_bytecode = False
    sys.pycache_prefix = _bytecode


@pytest.fixture(scope="session")
def empty_journal_bytes(tmp_path_factory) -> bytes:
    """A new journal's file, made once: copying it is ~20x quicker than migrating afresh.
    (tests/storage/test_open.py checks that making a journal from nothing works.)"""
    path = tmp_path_factory.mktemp("template") / "journal.db"
    Journal.open(path).close()
    return path.read_bytes()


@pytest.fixture
def journal(tmp_path, empty_journal_bytes):
    """An empty journal at ``tmp_path / "j" / "journal.db"`` (folder 0700, file 0600),
    open for the test and closed after it."""
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(empty_journal_bytes)
    opened = Journal.open(path)
    yield opened
    opened.close()
