"""Use cases: the only layer that opens sessions and runs queries."""
