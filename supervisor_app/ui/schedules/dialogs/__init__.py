"""The Schedules tab's dialogs: publish, time off, templates, history and save conflicts."""
