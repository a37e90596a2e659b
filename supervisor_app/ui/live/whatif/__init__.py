"""The what-if panel beside the Live tab's queue table, and what feeds it."""
