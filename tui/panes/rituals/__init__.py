"""The Rituals pane: the month calendar, marking a day, the ritual editor."""
