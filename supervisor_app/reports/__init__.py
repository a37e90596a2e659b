"""reports layer (see ../shared/ARCHITECTURE.md)."""
