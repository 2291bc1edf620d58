"""The Pane base class and the few widgets more than one pane uses."""
