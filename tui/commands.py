"""The command palette (ctrl+p): closer's commands, gathered from the app and each pane."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class CloserCommands(Provider):
    """Offers every :class:`tui.widgets.pane.PaletteCommand` the app and its panes give."""

    def _commands(self):
        try:
            return self.app.palette_commands()  # type: ignore[attr-defined]
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
