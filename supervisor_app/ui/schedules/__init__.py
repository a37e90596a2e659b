"""The Schedules tab."""
