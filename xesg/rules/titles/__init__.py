"""Rules that compare an index row's description with the standard's title."""
