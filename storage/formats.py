"""The formats closer exports to and imports from, in one registry.

>>> sorted(EXPORTERS)
['csv', 'ics', 'jrnl', 'json', 'markdown', 'markdown-folder']
>>> sorted(IMPORTERS)
['dayone', 'jrnl-json', 'json']

Each format names the function that does the work (``module:function``), imported only when
the format is used: the command line lists the names for ``--format`` without importing the
exporters (nor typing, pydantic or the content they bring). An exporter takes a journal and
returns the text (a format in :data:`FOLDERS` returns ``{file name: text}`` instead, written
as a folder); an importer takes a journal and the parsed JSON document
(:func:`storage.portable.read_json_file`, or the format's own reader in :data:`READERS`) and
returns how many records it added, by table. To add a format: one line here.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time (quick commands start faster)
    from typing import Any, Callable, Iterator


class Formats:
    """Format name -> its function, looked up (and imported) on first use. Reads like a
    read-only dict: ``name in formats``, ``formats[name](journal)``, ``sorted(formats)``."""

    __slots__ = ("_where", "_loaded")

    def __init__(self, where: dict[str, str]) -> None:
        self._where = where
        self._loaded: dict[str, Callable[..., Any]] = {}

    def __getitem__(self, name: str) -> Callable[..., Any]:
        found = self._loaded.get(name)
        if found is None:
            import importlib

            module, _, function = self._where[name].partition(":")
            found = self._loaded[name] = getattr(importlib.import_module(module), function)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, name: object) -> bool:
        return name in self._where

    def names(self) -> list[str]:
        """The format names, in the order they are listed to a person."""
        return list(self._where)


EXPORTERS = Formats({
    "json": "storage.portable:export_json_text",
    "markdown": "storage.portable:export_markdown",
    "jrnl": "storage.jrnl:export_text",
    "markdown-folder": "storage.markdown_folder:export_folder",
    "csv": "storage.tables:export_csv",
    "ics": "storage.ical:export_text",
})
"""``closer export --format NAME``: each takes a journal and returns the text."""

IMPORTERS = Formats({
    "json": "storage.portable:import_json",
    "jrnl-json": "storage.jrnl:import_json",
    "dayone": "storage.dayone:import_export",
})
"""``closer import --format NAME``: each takes a journal and the parsed JSON document."""

FOLDERS = frozenset({"markdown-folder", "csv"})
"""Exporters that return ``{file name: text}``: ``-o DIR`` is needed, and the files are
written as one folder (:func:`storage.copies.write_folder`)."""

READERS = Formats({
    "dayone": "storage.dayone:read_export",
})
"""Importers whose file is not one JSON document: each takes the file, open for reading
bytes, and returns what the importer takes (a ZIP is read without loading it whole)."""
