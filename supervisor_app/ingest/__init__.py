"""ingest layer (see ../shared/ARCHITECTURE.md)."""
