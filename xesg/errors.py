"""Errors that end a run with exit code 2 and one line on stderr (never a traceback)."""


class XesgError(Exception):
    """Bad input, bad configuration or bad usage: the message is shown to the user as is."""


class InputError(XesgError):
    """The report (or another input file) cannot be read as a report."""


class CatalogueError(XesgError):
    """A catalogue file is missing, malformed or inconsistent."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: the run stops, and its worker processes with it. A
    BaseException, as KeyboardInterrupt is, so that no ``except Exception`` swallows it; not
    KeyboardInterrupt itself, which click turns into "Aborted!" and exit status 1."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number
