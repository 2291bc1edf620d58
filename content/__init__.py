"""What closer knows, from the research it is built on, as checked data.

>>> from content import knowledge
>>> knowledge().exit("shutting_down").name
'Shutting down'
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from content.models import ContentError, Knowledge, build

__all__ = ["ContentError", "Knowledge", "knowledge", "load"]

# One TOML file per top-level section of Knowledge; each file's tables merge into one dict.
FILES = ("loop.toml", "thoughts.toml", "rituals.toml", "guidance.toml", "right_now.toml",
         "small_things.toml")


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """Read and check every TOML file in this package, once per process."""
    return build(Knowledge, load())


def load() -> dict:
    """The TOML files' plain data, merged into one dict (one top-level section a file)."""
    data: dict = {}
    folder = Path(__file__).parent
    for name in FILES:
        with (folder / name).open("rb") as fh:
            part = tomllib.load(fh)
        overlap = data.keys() & part.keys()
        if overlap:
            raise ValueError(f"{name}: sections defined twice: {sorted(overlap)}")
        data.update(part)
    return data
