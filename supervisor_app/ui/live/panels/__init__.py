"""Panels hosted in the Live tab: the intraday charts, the escalations queue, an agent's day.

Nothing here imports pyqtgraph or the services at module import time: pyqtgraph
loads when a chart is built, the services on the worker thread that first calls
them, so the window paints first.
"""
