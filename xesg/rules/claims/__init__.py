"""Rules about the figures and references stated in the report (CLM)."""
