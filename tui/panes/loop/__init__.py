"""The loop pane: the diagram, the map editor, a turn of the loop, the calm timer."""
