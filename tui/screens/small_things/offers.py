"""The offers tab of Small things."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.screens.small_things.tab import SmallTab


class OffersTab(SmallTab):
    """The records of this tab, newest last."""

    def compose(self) -> ComposeResult:
        yield OptionList(id="offers-list")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        records = self.journal.offers.list()
        if not records:
            options.add_option(Option(Text("No offers yet."), disabled=True))
        for record in records:
            options.add_option(Option(Text(record.what), id=str(record.id)))
