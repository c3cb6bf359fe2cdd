"""Find the content index in a report and parse its rows."""
