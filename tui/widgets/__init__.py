"""The Pane base class and the few widgets more than one pane uses (the toggles with state
by shape, in tui.widgets.toggles, among them)."""
