"""The App: built by :func:`create_app` from an open Journal, so the CLI and tests share it.

>>> from storage import Journal
>>> app = create_app(Journal.open(tmp / "journal.db"))      # doctest: +SKIP
>>> app.run()                                               # doctest: +SKIP
"""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from tui.commands import CloserCommands, RecordSearch
from tui.panes import PANES
from tui.screens.main import MainScreen
from tui.themes import DARK, LIGHT, THEMES, saved_theme
from tui.widgets.pane import PaletteCommand, Pane

if TYPE_CHECKING:
    from textual.screen import Screen

    from storage import Journal
    from storage.trash import TrashItem
    from tui.drafting import Keeper

UNDO_S = 8.0
"""How long after a delete ctrl+z brings it back (the Trash does for 30 days)."""
THEME_SETTING = "theme"


class CloserApp(App[int]):
    """closer's full-screen journal: three panes side by side, a help screen, a palette."""

    TITLE = "closer"
    CSS_PATH = ["app.tcss", *(spec.css_path for spec in PANES)]
    """The stylesheets of the first screen; a full screen reads its own when it opens."""
    """The app's own stylesheet, each pane's (from the registry), then Look back's."""
    COMMANDS = {CloserCommands, RecordSearch}
    """closer's commands and records only: Textual's own (its keys panel, a screenshot, its
    theme list) speak of the app as software and are not for a private journal; the few
    a person needs (quit, the theme, help) are among closer's, in its words."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Every screen and dialog has the class ``-narrow`` below 100 columns, ``-wide`` from
    there: the stylesheets fit their layout to a narrow terminal with it."""
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit",
                tooltip="Leave closer. What you write is kept as you type; if the journal "
                        "refused something, closer asks first.", priority=True),
        Binding("f1", "help", "Help", id="app.help", priority=True,  # in dialogs too
                tooltip="Every key, what closer is, and where to find more help."),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="app.toggle_theme", show=False,
                tooltip="Switch between the light and the dark theme."),
        Binding("f9", "right_now", "Right now", id="app.right_now", priority=True,
                tooltip="Caught in the loop this minute? Name the pull and take one short "
                        "step, from anywhere in closer."),
        # The view keys come first wherever the focus is: a text field's own f6 and f7
        # (select a line, select all) would otherwise swallow Write and the Journal.
        Binding("f5", "look_back", "Look back", id="app.look_back", priority=True,
                tooltip="See your weeks at a glance: entries, mood, records, the loop, "
                        "rituals, and what you wrote on this day."),
        Binding("f6", "write", "Write", id="app.write", priority=True,
                tooltip="Write a free journal entry. It is kept as a draft while you type."),
        Binding("f7", "journal", "Journal", id="app.journal", priority=True,
                tooltip="Every entry, newest first: filter, read, change, star or delete."),
        Binding("f10", "small_things", "Small things", id="app.small_things", priority=True,
                tooltip="The small everyday things: your love list, offers, phrases to "
                        "borrow, and your private tally."),
        Binding("f8", "trash", "Trash", id="app.trash", priority=True, show=False,
                tooltip="What you deleted in the last 30 days, to bring back."),
        Binding("ctrl+z", "undo_delete", "Undo delete", id="app.undo_delete", priority=True,
                tooltip="Bring back what you just deleted."),
    ]

    def __init__(self, journal: Journal, *, demo: bool = False) -> None:
        super().__init__()
        self.journal = journal
        self.demo = demo
        self.keepers: set[Keeper] = set()
        """The editors' keepers that hold work not yet kept (tui.drafting)."""
        self.sub_title = "demo journal: nothing you write here is kept" if demo else ""
        for name in list(self.available_themes):
            self.unregister_theme(name)  # only closer's two themes are offered and kept
        for theme in THEMES:
            self.register_theme(theme)
        self._saved_theme = journal.get_setting(THEME_SETTING)
        from tui.compat import open_in_theme

        open_in_theme(self, saved_theme(self._saved_theme) or DARK)

    def on_mount(self) -> None:
        self.push_screen(MainScreen())
        self.call_after_refresh(self._watch_returns)

    def _watch_returns(self) -> None:
        """Time-outs still waiting for their return ring when it comes (or now, if it
        passed while closer was closed)."""
        from storage.errors import JournalError

        try:
            if not self.journal.right_now.waiting():
                return  # the usual case: nothing waits, and the flow is not even imported
        except JournalError:
            return
        from tui.screens.right_now import Returns

        Returns.of(self).watch()

    # -- themes -------------------------------------------------------------------------

    def action_toggle_theme(self) -> None:
        """Switch between closer's dark and light themes (tui.themes)."""
        self.theme = LIGHT if self.current_theme.dark else DARK

    def watch_theme(self, theme: str) -> None:
        # Remember the choice in the journal so it follows the journal, not the machine
        # (a name an older closer saved is saved again as the theme it now means).
        if self.is_mounted and theme != self._saved_theme:
            self._saved_theme = theme
            from storage.errors import JournalError

            try:
                self.journal.set_setting(THEME_SETTING, theme)
            except JournalError as exc:
                self.notify(str(exc), title="Theme not remembered", severity="error",
                            markup=False, timeout=10)

    # -- Look back and Write -----------------------------------------------------------

    def _pop_keeping_drafts(self) -> None:
        flush = getattr(self.screen, "flush_draft", None)
        if callable(flush):
            flush()
        self.pop_screen()

    def _back_to_main(self) -> None:
        """Close every screen above the main one (a Write screen keeps its draft)."""
        main = self.get_screen_stack_main()
        while self.screen is not main:
            self._pop_keeping_drafts()

    def open_screen(self, screen: Screen, *, over_list: bool = False) -> None:
        """Open a full screen the one way closer does; this is the rule escape follows.

        A full screen (Look back, Write, the Journal, the Trash) opens over the main
        screen, in place of any full screen open before, so one escape from it is the
        main screen. The one exception is a record chosen from a list (``over_list``: an
        entry opened from the Journal or from Look back): it opens over that list, and
        escape goes back to the list. Dialogs (help, filters, questions) open over
        whatever is there, and escape closes just the dialog. So each escape goes back
        one step, where the footer's "Back" says, and no screen is more than two escapes
        from the main screen.
        """
        from tui.screens.journal import JournalScreen
        from tui.screens.look_back import LookBackScreen

        under = (MainScreen, LookBackScreen, JournalScreen) if over_list else (MainScreen,)
        while not isinstance(self.screen, under):
            self._pop_keeping_drafts()
        self.push_screen(screen)

    async def action_quit(self) -> None:
        """Quit once everything typed is kept; when the journal refuses some of it, ask."""
        from tui.drafting import unkept

        left = unkept(self)
        if not left:
            await super().action_quit()
            return
        from tui.dialogs.unkept import UnkeptScreen

        if isinstance(self.screen, UnkeptScreen):
            return

        def chosen(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(UnkeptScreen(left), chosen)

    def action_look_back(self) -> None:
        from tui.screens.look_back import LookBackScreen

        if not isinstance(self.screen, LookBackScreen):
            self.open_screen(LookBackScreen())

    def action_write(self) -> None:
        from tui.screens.write import WriteScreen

        if not isinstance(self.screen, WriteScreen):
            self.open_screen(WriteScreen())

    def action_journal(self) -> None:
        from tui.screens.journal import JournalScreen

        if not isinstance(self.screen, JournalScreen):
            self.open_screen(JournalScreen())

    def action_right_now(self) -> None:
        """The Right now flow, over whatever is in front (escape comes back to it)."""
        from tui.screens.right_now import RightNowScreen

        if isinstance(self.screen, RightNowScreen):
            return
        self.push_screen(RightNowScreen())

    def action_small_things(self, tab: str | None = None, then: str | None = None) -> None:
        """Small things, on ``tab`` (an id of tui.screens.small_things.TABS) or its first;
        ``then`` names a method of that tab to run once it shows (a palette command)."""
        from tui.screens.small_things.screen import SmallThingsScreen

        if not isinstance(self.screen, SmallThingsScreen):
            self.open_screen(SmallThingsScreen(tab))
        if tab:
            self.screen.when_shown(tab, then)

    def action_trash(self) -> None:
        from tui.screens.trash import TrashScreen

        if not isinstance(self.screen, TrashScreen):
            self.open_screen(TrashScreen())

    # -- deleting, and undoing it -------------------------------------------------------

    def move_to_trash(self, kind: str, record_id: int) -> bool:
        """Delete a record the way every view does: to the trash, asking nothing (see
        :meth:`trashed`). False when the journal refused (said in a toast)."""
        from storage.errors import JournalError

        try:
            item = self.journal.trash.delete(kind, record_id)
        except JournalError as exc:
            self.notify(str(exc), title="Not deleted", severity="error", markup=False)
            return False
        self.trashed(item)
        return True

    def trashed(self, item: TrashItem) -> None:
        """A record went to the trash: a toast says how to bring it back (ctrl+z for
        UNDO_S, the Trash for 30 days), and every view showing records reads them again."""
        from storage.trash import label

        self._undo = (item, time.monotonic())
        words = f" ({item.words})" if item.words else ""
        self.notify(f"The {label(item.kind)}{words} is in the trash. ctrl+z brings it back; so "
                    "does the Trash (F8) for 30 days.", title="Deleted", markup=False,
                    timeout=UNDO_S)
        self.refresh_bindings()
        self.records_changed()

    VIEWS = {"look_back": "LookBackScreen", "write": "WriteScreen",
             "journal": "JournalScreen", "trash": "TrashScreen"}
    """The view keys' actions and the screen each opens (its key is left out of the footer
    while that screen is in view)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.VIEWS and self.is_running:
            return type(self.screen).__name__ != self.VIEWS[action]
        if action == "undo_delete":
            undo = getattr(self, "_undo", None)
            return undo is not None and time.monotonic() - undo[1] <= UNDO_S
        return super().check_action(action, parameters)

    def undo_or_say(self) -> None:
        """Bring back what was just deleted, or say why nothing can be (the palette's
        "Undo the last delete")."""
        if self.check_action("undo_delete", ()):
            self.action_undo_delete()
        else:
            self.notify("Nothing was deleted just now. The Trash (F8) keeps what you deleted "
                        "for 30 days.", title="Nothing to undo", markup=False)

    def action_undo_delete(self) -> None:
        """Bring back the record deleted last (within UNDO_S of deleting it)."""
        from storage.errors import JournalError
        from storage.trash import label

        undo = getattr(self, "_undo", None)
        self._undo = None
        self.refresh_bindings()
        if undo is None:
            return
        item = undo[0]
        try:
            self.journal.trash.restore(item.id)
        except JournalError as exc:
            self.notify(str(exc), title="Not brought back", severity="error", markup=False)
            return
        self.notify(f"The {label(item.kind)} is back.", title="Undone", markup=False)
        self.records_changed()

    def records_changed(self) -> None:
        """Records were deleted or brought back: every open view that shows them reads
        them again (a screen or pane with ``records_changed``)."""
        for screen in self.screen_stack:
            for node in [screen, *screen.query("*")]:
                refresh = getattr(node, "records_changed", None)
                if callable(refresh) and node is not self:
                    refresh()

    def open_entry(self, entry_id: int) -> None:
        """Open an entry for editing, over the list in view (escape comes back to it; see
        :meth:`open_screen`)."""
        from tui.screens.write import WriteScreen

        self.open_screen(WriteScreen(entry_id=entry_id), over_list=True)

    # -- help and palette ---------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """How the footer names a key: as the help does (:func:`tui.keys.key_name`), with
        ctrl written ``^`` for room."""
        from tui.keys import key_name

        return binding.key_display or key_name(binding.key, short=True)

    def action_help(self) -> None:
        """Open the help over whatever is in front, a dialog too; pressed in the help,
        close it."""
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen())

    def panes(self) -> list[Pane]:
        """The panes of the main screen, left to right."""
        return list(self.get_screen_stack_main().query(Pane))

    def get_screen_stack_main(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not open")

    def palette_commands(self) -> list[PaletteCommand]:
        """Everything the command palette offers: the app's own commands, then each pane's."""
        main = self.get_screen_stack_main()
        commands = [
            PaletteCommand("Help: keys and about closer", "Every key and what closer is",
                           self.action_help),
            PaletteCommand("Switch light/dark theme", "Toggle between the two themes",
                           self.action_toggle_theme),
            PaletteCommand("Maximise or restore the focused pane", "Give one pane the screen",
                           main.action_toggle_maximize),
            PaletteCommand("I'm caught in it right now",
                           "Name the pull, settle, and take one small next step",
                           self.action_right_now),
            PaletteCommand("Look back", "Your weeks at a glance, and what you wrote on this day",
                           self.action_look_back),
            PaletteCommand("Write an entry", "Free writing, with mood, #tags and a star",
                           self.action_write),
            PaletteCommand("Journal: every entry", "Newest first: filter, read, change, star "
                           "or delete", self.action_journal),
            PaletteCommand("Trash: bring back what you deleted",
                           "What you deleted in the last 30 days", self.action_trash),
            PaletteCommand("Undo the last delete", "Bring back what you just deleted",
                           self.undo_or_say),
            PaletteCommand("Quit closer", "What you write is already kept", self.action_quit),
        ]
        from tui.screens.small_things import TABS

        for tab in TABS:
            commands.append(PaletteCommand(f"Small things: {tab.title}", tab.help,
                                           partial(self.action_small_things, tab.id)))
            commands += [PaletteCommand(name, help_line,
                                        partial(self.action_small_things, tab.id, method))
                         for name, help_line, method in tab.commands]
        tooltips = {spec.id: spec.tooltip for spec in PANES}
        for pane in self.panes():
            commands.append(PaletteCommand(
                f"Go to {pane.PANE_TITLE}", tooltips.get(pane.id or "", ""),
                lambda pane=pane: main.show_pane(pane.id or ""),
            ))
            commands.extend(pane.palette_commands())
        return commands

    def open_record(self, kind: str, record_id: int) -> bool:
        """Show one record: an entry in Write, any other kind in the pane that owns it.
        False when nothing shows that kind."""
        if kind == "entry":
            self.open_entry(record_id)
            return True
        from tui.screens.small_things import tab_for

        spec = tab_for(kind)
        if spec is not None:
            self.action_small_things(spec.id)
            self.screen.open_record(spec, kind, record_id)
            return True
        main = self.get_screen_stack_main()
        for pane in self.panes():
            if kind in pane.KINDS:
                while self.screen is not main:
                    self._pop_keeping_drafts()
                main.show_pane(pane.id or "")
                pane.open_record(kind, record_id)
                return True
        return False


def create_app(journal: Journal, *, demo: bool = False) -> CloserApp:
    """Build the App over an open journal. The caller owns (and closes) the journal."""
    return CloserApp(journal, demo=demo)
