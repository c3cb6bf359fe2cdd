"""Errors that end a run with exit code 2 and one line on stderr (never a traceback)."""


class XesgError(Exception):
    """Bad input, bad configuration or bad usage: the message is shown to the user as is."""


class InputError(XesgError):
    """The report (or another input file) cannot be read as a report."""


class CatalogueError(XesgError):
    """A catalogue file is missing, malformed or inconsistent."""
