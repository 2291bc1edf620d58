"""Where the journal lives. Made by functions, never at import.

Paths here are plain strings: finding the journal for a quick command (``closer list``) does
not import :mod:`pathlib`. :attr:`storage.Journal.path` gives a Path once a journal is open.
"""

from __future__ import annotations

import os

ENV_DB = "CLOSER_DB"


def data_dir() -> str:
    from platformdirs import user_data_dir

    return user_data_dir("closer", appauthor=False)


def default_db_path() -> str:
    return os.path.join(data_dir(), "journal.db")


def resolve_db(cli_value: str | os.PathLike | None = None) -> str:
    """``--db`` wins, then ``$CLOSER_DB``, then the platform's user data folder."""
    if cli_value:
        return os.path.expanduser(os.fspath(cli_value))
    env = os.environ.get(ENV_DB)
    if env:
        return os.path.expanduser(env)
    return default_db_path()
