"""Widgets: one module per pane, plus small shared pieces."""
