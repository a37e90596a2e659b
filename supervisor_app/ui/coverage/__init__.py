"""Coverage, capacity and budget widgets for the Schedules tab (the lead embeds them)."""
