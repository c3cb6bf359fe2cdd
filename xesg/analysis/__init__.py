"""What is read from a report besides its index, for the pipeline and the rules to consult:
the claim levels it states (claim_levels), the words of its pages (evidence), the figures in
its text (figures), and how its index covers each disclosure (gaps, after the rules)."""
