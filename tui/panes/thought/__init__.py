"""The Thought record pane: the list of records, the form and its inputs, evidence."""
