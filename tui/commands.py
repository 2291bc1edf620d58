"""The command palette (ctrl+p): closer's commands, gathered from the app and each pane,
and a search over every record's words."""

from __future__ import annotations

import asyncio
import threading
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from storage import dates
from storage.kinds import SEARCHABLE, by_key
from tui.reach import closer_app


class CloserCommands(Provider):
    """Offers every :class:`tui.widgets.pane.PaletteCommand` the app and its panes give."""

    def _commands(self):
        try:
            return closer_app(self).palette_commands()
        except LookupError:
            return []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), partial(command.callback),
                          text=command.name, help=command.help)


KIND_NAMES = {key: by_key(key).name for key in SEARCHABLE}
"""What the palette calls each kind of record it finds (from storage.kinds)."""

SEARCH_LIMIT = 20
MIN_QUERY = 2
"""Characters a query needs before records are searched (one letter matches too much)."""


def hit_display(hit) -> Text:
    """A search hit as the palette shows it: its title (unless the snippet already starts
    with it), then the snippet with the match in bold. Built as rich Text, never parsed as
    markup, so stored text shows as typed."""
    from storage.search import MARK_END, MARK_START

    out = Text(no_wrap=True, overflow="ellipsis")
    plain = hit.plain_snippet().strip("… ")
    # An entry without a title is titled by its first words: say them once.
    if hit.title and not (plain and (plain in hit.title or hit.title.startswith(plain[:40]))):
        title = hit.title if len(hit.title) <= 80 else hit.title[:79] + "…"
        out.append(title, style="bold")
        out.append("\n")
    snippet = hit.snippet
    while snippet:
        before, found, rest = snippet.partition(MARK_START)
        out.append(before)
        if not found:
            break
        match, _, snippet = rest.partition(MARK_END)
        out.append(match, style="bold reverse")
    return out


class RecordSearch(Provider):
    """Finds every searchable kind of record (storage.kinds.SEARCHABLE: entries, thought
    records, loop moments, ritual marks) by its words (the same full-text search as
    ``closer search``), newest first; choosing one opens it."""

    async def startup(self) -> None:
        self._lock = threading.Lock()
        self._reader = None

    async def shutdown(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            with self._lock:
                reader.close()

    def _find(self, query: str):
        """Runs in a thread: one read connection for the palette's life, one query at a
        time. The hits, or the reason a search too long to run was refused."""
        from storage import JournalError
        from storage.search import QueryTooLong

        with self._lock:
            try:
                if self._reader is None:
                    self._reader = closer_app(self).journal.reader()
                return self._reader.search(query, limit=SEARCH_LIMIT)
            except QueryTooLong as exc:
                return str(exc)
            except JournalError:
                return []

    async def search(self, query: str) -> Hits:
        if sum(len(word) for word in query.split()) < MIN_QUERY:
            return
        hits = await asyncio.to_thread(self._find, query)
        if isinstance(hits, str):  # the same limit as `closer search`, said the same way
            said = hits[0].upper() + hits[1:] + "."
            yield Hit(0.5, Text(said, style="italic"), lambda: None, text=said)
            return
        open_record = closer_app(self).open_record
        for rank, hit in enumerate(hits):
            when = dates.local(hit.occurred_at)
            yield Hit(
                # Newest first, and below any command whose name matches well.
                0.5 - rank / 1000,
                hit_display(hit),
                partial(open_record, hit.kind, hit.id),
                text=hit.title or KIND_NAMES[hit.kind],
                help=escape(f"{KIND_NAMES[hit.kind]} · {when:%a %d %b %Y}"),
            )
