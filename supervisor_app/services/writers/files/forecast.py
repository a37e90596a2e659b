"""Writing an imported forecast: the covered (queue, interval) rows replaced, others kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, insert, or_

from supervisor_app.services.audit import ImportedFile, current_actor, record_import
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files.common import lock_for_write
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Forecast

# Two bound values per interval; 400 keeps a statement under old SQLite builds' 999 limit.
_DELETE_BATCH = 400


@dataclass(frozen=True, slots=True)
class ForecastRow:
    queue: str
    interval_start: datetime  # UTC, aware (local and naive while being read)
    volume: float
    aht_seconds: float


def replace_forecast(
    db: Database,
    rows: Sequence[ForecastRow],
    queues: dict[str, int],
    imported: ImportedFile | None = None,
) -> int:
    """Write ``rows`` in one transaction; returns how many existing intervals were replaced.

    ``imported``: the file, for the audit row written in the same transaction.
    """
    replaced = 0
    with db.engine.begin() as conn:
        lock_for_write(conn)
        keys = [(queues[r.queue], r.interval_start) for r in rows]
        for start in range(0, len(keys), _DELETE_BATCH):
            batch = keys[start : start + _DELETE_BATCH]
            result = conn.execute(
                delete(Forecast).where(
                    or_(
                        *(
                            and_(Forecast.queue_id == q, Forecast.interval_start == t)
                            for q, t in batch
                        )
                    )
                )
            )
            replaced += result.rowcount or 0
        if rows:
            conn.execute(
                insert(Forecast),
                [
                    {
                        "queue_id": queues[r.queue],
                        "interval_start": r.interval_start,
                        "volume": r.volume,
                        "aht_seconds": r.aht_seconds,
                    }
                    for r in rows
                ],
            )
        if imported is not None:
            written = {"intervals": len(rows), "replaced": replaced}
            record_import(conn, imported, current_actor(), written)
        announce(conn, ["forecasts"])
    return replaced
