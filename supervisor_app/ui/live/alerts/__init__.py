"""Alerts: which snapshots raise them, the list a supervisor acknowledges, the tray message."""
