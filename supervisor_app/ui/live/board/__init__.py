"""The Queues table and the agent board: rows rendered on the worker, keyed models, views."""
