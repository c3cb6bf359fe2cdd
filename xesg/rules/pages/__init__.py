"""Rules of the pages family."""
