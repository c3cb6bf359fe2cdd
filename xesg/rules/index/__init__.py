"""Rules of the index family."""
