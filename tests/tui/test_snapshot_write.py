"""One picture of the Write view over the demo journal, on a fixed day, with a paragraph
typed in (markup in it shown as typed). pytest-textual-snapshot.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from datetime import datetime

from textual.widgets import TextArea

from pilot_tools import paste, still, until
from tui.screens.write import WriteScreen

EVENING = datetime(2027, 1, 20, 21, 15).astimezone()
TYPED = ("We did the five-minute download tonight. [b]Phones away[/b], one good thing and "
         "one hard thing each. I listened instead of fixing it.")


def test_write_with_a_paragraph_typed(snap_compare, pictured):
    app = pictured(EVENING, demo=True)

    async def write(pilot):
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, WriteScreen))
        area = app.screen.query_one(TextArea)
        area.focus()
        await until(pilot, lambda: app.focused is area)
        await paste(pilot, TYPED)  # as a terminal delivers a paste: the same picture
        await still(pilot, lambda: area.text == TYPED)

    assert snap_compare(app, terminal_size=(120, 40), run_before=write)
