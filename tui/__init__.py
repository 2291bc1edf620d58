"""The faces of closer: the command line (cli.py) and the Textual app (app.py).

Importing this package imports nothing heavy; textual is imported only when the app opens.
"""
