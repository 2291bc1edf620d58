"""Screens: the main three-pane screen, help, and the views pushed over it."""
