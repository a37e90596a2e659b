"""Planning panels under the schedule grid: coverage, capacity and budget, forecast accuracy."""
