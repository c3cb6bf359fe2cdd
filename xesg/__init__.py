"""xesg: check ESG reports' content indexes against the disclosure standards they claim."""

__version__ = "0.1.0"
