"""A list for the tabs of Small things whose rows carry their own colours (a muted date, a
coloured mark of how an offer landed, a favourite's star), and whose highlighted row is
drawn in the cursor's colours alone: on the cursor, a row's own colours would not read."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class RowList(OptionList):
    """An OptionList of coloured rows (:meth:`add_row`); the highlighted one shows plain,
    its marks kept by shape."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._styled: dict[int, Content] = {}
        self._plain_at: int | None = None

    def add_row(self, prompt: Content, id: str | None = None, disabled: bool = False) -> None:
        """Add a row drawn with its own colours (plain while it is highlighted)."""
        if not disabled:
            self._styled[self.option_count] = prompt
        self.add_option(Option(prompt, id=id, disabled=disabled))

    def clear_rows(self) -> None:
        self._styled.clear()
        self._plain_at = None
        self.clear_options()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        old = self._plain_at
        if old is not None and old != highlighted and old in self._styled:
            self.replace_option_prompt_at_index(old, self._styled[old])
        if highlighted is not None and highlighted in self._styled:
            self.replace_option_prompt_at_index(highlighted,
                                                Content(self._styled[highlighted].plain))
        self._plain_at = highlighted
