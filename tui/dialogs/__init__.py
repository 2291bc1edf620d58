"""Dialogs the whole app shares (one pane's own dialogs live beside that pane)."""
