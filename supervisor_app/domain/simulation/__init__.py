"""The discrete-event contact centre: contacts arrive, wait, are answered or abandon.

Pure (no database, no clock): the demo's history and live traffic feed it from
day profiles (``ingest.simulator``); planning feeds it a forecast and a saved
schedule to see what the plan would achieve (``replay``).
"""
