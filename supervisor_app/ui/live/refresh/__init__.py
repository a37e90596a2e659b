"""The Live tab's refresh pipeline: the snapshot op, its coalescing and back-off, and freshness."""
