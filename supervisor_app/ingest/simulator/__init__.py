"""The simulated contact centre: demo history (``seed_demo``) and live traffic (``run_live``).

One discrete-event engine drives both: Poisson arrivals following intraday and
weekday profiles, agents on generated shifts with breaks and lunch, skills-based
routing, lognormal handle times, callers who give up.
"""

from supervisor_app.ingest.simulator.live import run_live
from supervisor_app.ingest.simulator.seed import SeedSummary, seed_demo

__all__ = ["SeedSummary", "run_live", "seed_demo"]
