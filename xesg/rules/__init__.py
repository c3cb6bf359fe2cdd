"""Rules, one module each, grouped by family: index (IDX), titles (TTL), coverage (REQ),
pages (PAG). See :mod:`xesg.rules.registry` for how they are found."""
