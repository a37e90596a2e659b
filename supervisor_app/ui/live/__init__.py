"""The Live tab: queues now and today, the agent board, alerts, and their refresh pipeline."""
