"""Writers that ingest calls: queue_log, the simulator and file imports turned into rows."""
