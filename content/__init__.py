"""What closer knows, from the research it is built on, as validated data.

>>> from content import knowledge
>>> knowledge().exit("shutting_down").name
'Shutting down'
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from content.models import Knowledge

__all__ = ["Knowledge", "knowledge"]

# One TOML file per top-level section of Knowledge; each file's tables merge into one dict.
FILES = ("loop.toml", "thoughts.toml", "rituals.toml", "guidance.toml")


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """Load and validate every TOML file in this package once per process."""
    data: dict = {}
    folder = resources.files(__package__)
    for name in FILES:
        with folder.joinpath(name).open("rb") as fh:
            part = tomllib.load(fh)
        overlap = data.keys() & part.keys()
        if overlap:
            raise ValueError(f"{name}: sections defined twice: {sorted(overlap)}")
        data.update(part)
    return Knowledge.model_validate(data)
