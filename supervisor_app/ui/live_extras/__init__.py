"""Live tab extras: the intraday charts, the escalations queue and an agent's day timeline.

The Live tab core embeds these widgets. Nothing here imports pyqtgraph or the
services at module import time: pyqtgraph loads when a chart is built, the
services on the worker thread that first calls them, so the window paints first.
"""
