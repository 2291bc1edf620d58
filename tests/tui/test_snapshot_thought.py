"""One picture of the Thought record pane with a finished record open in the form, on a fixed
day over the demo journal (pytest-textual-snapshot). The pane is maximised so the picture shows
this pane alone.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from pilot_tools import still, until
from tui.panes.thought.pane import ThoughtPane


def test_a_finished_record_filled_in(snap_compare, thought_app):
    async def open_record(pilot):
        await pilot.press("f3")
        pane = thought_app.screen.query_one(ThoughtPane)
        records = pane.record_list
        await until(pilot, lambda: thought_app.focused is records and records.highlighted == 0)
        await pilot.press("f11")
        await until(pilot, lambda: thought_app.screen.maximized is pane)
        await pilot.press("down")  # the newest finished record (the newest is a draft)
        await until(pilot, lambda: records.highlighted == 1)
        newest_finished = records.item(1).id
        await pilot.press("enter")

        def drawn() -> bool:
            form = pane.form
            return (pane.editing and form is not None and form.record_id == newest_finished
                    and thought_app.focused is not None
                    and form in thought_app.focused.ancestors)

        await still(pilot, drawn)

    assert snap_compare(thought_app, terminal_size=(120, 40), run_before=open_record)
