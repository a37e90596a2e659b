"""Supervisor Console: live queues, schedules, analytics and Excel reports for contact centers."""

__version__ = "0.1.0"
