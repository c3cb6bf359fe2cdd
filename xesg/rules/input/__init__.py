"""Rules of the input family: problems with the report file itself, not its index."""
