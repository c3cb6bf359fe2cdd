"""Rules of the coverage family."""
