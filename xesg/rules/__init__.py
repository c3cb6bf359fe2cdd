"""Rules, one module each, grouped by family: input (INP), index (IDX), titles (TTL),
coverage (REQ), pages (PAG), claims (CLM). See :mod:`xesg.rules.registry` for how they are
found."""
