"""The App: built by :func:`create_app` from an open Journal, so the CLI and tests share it.

>>> from storage import Journal
>>> app = create_app(Journal.open(tmp / "journal.db"))      # doctest: +SKIP
>>> app.run()                                               # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from tui.commands import CloserCommands
from tui.screens.main import MainScreen
from tui.widgets.pane import PaletteCommand, Pane

if TYPE_CHECKING:
    from storage import Journal

DARK, LIGHT = "textual-dark", "textual-light"
THEME_SETTING = "theme"


class CloserApp(App[int]):
    """closer's full-screen journal: three panes side by side, a help screen, a palette."""

    TITLE = "closer"
    CSS_PATH = [
        "styles/app.tcss",
        "styles/loop.tcss",
        "styles/thought.tcss",
        "styles/rituals.tcss",
        "styles/look_back.tcss",
    ]
    COMMANDS = App.COMMANDS | {CloserCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit",
                tooltip="Leave closer. Everything you wrote is already saved.", priority=True),
        Binding("f1", "help", "Help", id="app.help",
                tooltip="Every key, what closer is, and where to find more help."),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="app.toggle_theme",
                tooltip="Switch between the light and the dark theme."),
    ]

    def __init__(self, journal: Journal, *, demo: bool = False) -> None:
        super().__init__()
        self.journal = journal
        self.demo = demo
        self.sub_title = "demo journal: nothing you write here is kept" if demo else ""

    def on_mount(self) -> None:
        saved = self.journal.get_setting(THEME_SETTING)
        if saved in self.available_themes:
            self.theme = saved
        self.push_screen(MainScreen())

    # -- themes -------------------------------------------------------------------------

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def watch_theme(self, theme: str) -> None:
        # Remember the choice in the journal so it follows the journal, not the machine.
        if self.is_mounted:
            self.journal.set_setting(THEME_SETTING, theme)

    # -- help and palette ---------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
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
        ]
        for pane in self.panes():
            commands.append(PaletteCommand(
                f"Go to {pane.PANE_TITLE}", f"Move the focus to the {pane.PANE_TITLE} pane",
                lambda pane=pane: main.show_pane(pane.id or ""),
            ))
            commands.extend(pane.palette_commands())
        return commands

    def open_record(self, kind: str, record_id: int) -> bool:
        """Show one record in the pane that owns its kind; False when no pane does."""
        main = self.get_screen_stack_main()
        for pane in self.panes():
            if kind in pane.KINDS:
                while self.screen is not main:
                    self.pop_screen()
                main.show_pane(pane.id or "")
                pane.open_record(kind, record_id)
                return True
        return False


def create_app(journal: Journal, *, demo: bool = False) -> CloserApp:
    """Build the App over an open journal. The caller owns (and closes) the journal."""
    return CloserApp(journal, demo=demo)
