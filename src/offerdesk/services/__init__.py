"""Use cases shared by the GUI and the command line; each runs in one transaction."""
