"""One running app for the cases of a test module that would each start the same app, on
the same journal, at the same size: each case gets the app as a new one shows it, or a new
one.

Starting the app is most of a short Pilot test's time. A case here gets the app that the
case before it used, its screens closed down to the first one and put back as the app was
when it had just started and gone still: the same screens open, the same pane in front,
the same widget focused, every box scrolled as it was, the same cells on the screen, and
nothing written to its journal since. When any of that does not come back (a case left a
change that putting back does not undo, or the app stopped), that case and every case after
it gets a new app of its own, over a new journal, as the test did before. So every case
starts as on a new app.

Usage, in a test module (the cases that share the app run in the module's event loop)::

    demo_at_80x24 = shared_app_fixture(pictured(DAY, demo=True), (80, 24), ready, clock=DAY)

    @pytest.mark.asyncio(loop_scope="module")
    async def test_something(demo_at_80x24):
        async with demo_at_80x24.case() as pilot:
            ...

``build(folder)`` makes an app over a new journal in ``folder`` and returns it with a function
that closes that journal (:func:`pictured` makes one); ``clock`` stops the journal's clock
for as long as the app is shared. The fixture starts the app and stops it (Textual's
``run_test``, entered and left by the fixture, which also lends the cases the app's context
as a test inside ``run_test`` has it); an error the app stops on is reported as the module's
fixture finishes.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import AsyncIterator, Callable

import pytest
import pytest_asyncio
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer

from pilot_tools import still, until
from tui import compat

Build = Callable[[Path], tuple[App, Callable[[], None]]]


class SharedApp:
    """The app the cases share (see the module's docstring)."""

    def __init__(self, build: Build, size: tuple[int, int], ready: Callable[[App], object],
                 folder: Callable[[], Path]) -> None:
        self.build = build
        self.size = size
        self.ready = ready
        self.folder = folder
        self.shared = 0
        """How many cases were given the shared app (the others had an app of their own)."""
        self._pilot: Pilot | None = None
        self._running = None
        self._close_journal: Callable[[], None] | None = None
        self._start_state: tuple | None = None
        self._given_up = False

    @asynccontextmanager
    async def case(self) -> AsyncIterator[Pilot]:
        """The app for one case, as a new app shows it once it has gone still: the shared
        one put back, else a new one for this case alone."""
        if not self._given_up and await self._put_back():
            self.shared += 1
            assert self._pilot is not None
            yield self._pilot
            return
        self._given_up = True
        async with self._own() as pilot:
            yield pilot

    @asynccontextmanager
    async def _own(self) -> AsyncIterator[Pilot]:
        app, close_journal = self.build(self.folder())
        try:
            async with app.run_test(size=self.size) as pilot:
                await self._settle(pilot)
                yield pilot
        finally:
            close_journal()

    async def _settle(self, pilot: Pilot) -> None:
        await until(pilot, lambda: self.ready(pilot.app))
        await still(pilot)

    async def start(self) -> None:
        """Start the shared app (the fixture does, in its own context)."""
        app, self._close_journal = self.build(self.folder())
        self._running = app.run_test(size=self.size)
        self._pilot = await self._running.__aenter__()
        await self._settle(self._pilot)
        self._start_state = self._state()

    async def stop(self) -> None:
        """Stop the shared app, raising the error it stopped on if it did (the fixture does,
        in the context it started it in)."""
        running, self._running, self._pilot = self._running, None, None
        try:
            if running is not None:
                await running.__aexit__(None, None, None)
        finally:
            if self._close_journal is not None:
                self._close_journal()

    def _state(self) -> tuple:
        """What a case could find changed: the size, the screens, the pane in front, the
        focus, the widgets and their scrolls, the cells shown, the journal's writes."""
        assert self._pilot is not None
        app = self._pilot.app
        screen = app.screen
        # (a footer makes its keys anew whenever the keys it shows change, so its keys are
        # the same when they show the same; every other widget must be the very one)
        widgets = [widget for widget in screen.walk_children(Widget, with_self=True)
                   if not isinstance(widget.parent, Footer)]
        cells = tuple(tuple((segment.text, segment.style) for segment in strip)
                      for strip in compat.screen_strips(screen))
        return (app.size, tuple(app.screen_stack), getattr(screen, "active", None),
                screen.maximized, app.focused,
                tuple((widget, widget.scroll_offset) for widget in widgets),
                cells, app.journal.conn.total_changes)

    async def _put_back(self) -> bool:
        """Close the screens above the first one, put its pane, focus and scrolls back as
        they were; whether everything is then as it was."""
        if self._pilot is None or self._start_state is None or not self._pilot.app.is_running:
            return False
        pilot, app = self._pilot, self._pilot.app
        _size, stack, active, _maximized, focused, scrolls, _cells, _writes = self._start_state
        first = stack[-1]
        try:
            for _ in range(10):
                if app.screen is first or first not in app.screen_stack:
                    break
                if isinstance(app.screen, CommandPalette):
                    await pilot.press("escape")
                else:
                    app.pop_screen()
                await pilot.pause()
            if app.screen is not first:
                return False
            if first.maximized is not None:
                first.minimize()
            if active is not None and first.active != active:
                first.active = active
            if app.focused is not focused:
                first.set_focus(focused, scroll_visible=False)
            await pilot.pause()
            for widget, offset in scrolls:
                if widget.is_attached and widget.scroll_offset != offset:
                    widget.scroll_to(offset.x, offset.y, animate=False, immediate=True,
                                     force=True)
            for _ in range(2):  # (a second look, after a moment, for a last refresh)
                await still(pilot)
                if self._state() == self._start_state:
                    return True
                await pilot.pause(0.05)
        except Exception:  # whatever went wrong, a new app is the answer
            return False
        return False


def pictured(at: datetime, *parts: str, demo: bool = False, persona: str = "pursuer",
             then: Callable[[App], object] | None = None) -> Build:
    """The app conftest's ``pictured(at, *parts, demo=, persona=)`` builds, as a
    :data:`Build` (the fixture stops the clock): the demo's ``parts`` (every part when none
    is named) written as ``persona`` lived them into a new journal, as of ``at``; ``then``
    is called with the app before it starts."""

    def build(folder: Path) -> tuple[App, Callable[[], None]]:
        from importlib import import_module

        from storage import Journal
        from storage.demo import fill as fill_demo
        from tui.app import create_app

        journal = Journal.open(folder / "journal" / "journal.db")
        with journal.transaction():
            if not parts:
                fill_demo(journal, at.date(), persona)
            for part in parts:
                import_module(f"storage.demo.{part}").fill(journal, at.date(), persona)
        app = create_app(journal, demo=demo)
        if then is not None:
            then(app)
        return app, journal.close

    return build


def shared_app_fixture(build: Build, size: tuple[int, int], ready: Callable[[App], object],
                       clock: datetime | None = None):
    """A module-scoped fixture of a started :class:`SharedApp` (give it the fixture's
    name), with the journal's clock stopped at ``clock`` while it lasts."""

    @pytest_asyncio.fixture(scope="module", loop_scope="module")
    async def shared(tmp_path_factory):
        from storage import dates

        with pytest.MonkeyPatch.context() as patch:
            if clock is not None:
                patch.setattr(dates, "now", lambda: clock)
            app = SharedApp(build, size, ready, lambda: tmp_path_factory.mktemp("shared"))
            await app.start()
            yield app
            await app.stop()

    return shared
