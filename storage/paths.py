"""Where the journal lives. Made by functions, never at import."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "CLOSER_DB"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("closer", appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "journal.db"


def resolve_db(cli_value: str | os.PathLike | None = None) -> Path:
    """``--db`` wins, then ``$CLOSER_DB``, then the platform's user data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_db_path()
