"""``import.contacts_csv_rows_per_s``: a 200,000-row contact CSV in our column set into SQLite.

The file is generated here (deterministic), written once, and imported into a
fresh database; the figure is rows read, checked and written per second of the
whole ``import_contacts`` call (file reading included, database creation not).
"""

from __future__ import annotations

import csv
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from figures import Figure

from supervisor_app.ingest.files.mapping import CONTACT_FIELDS as HEADER

ROWS = 200_000
QUEUES = ("Sales", "Support", "Billing", "Retention", "Chat desk", "Email desk")
CHANNELS = ("voice", "voice", "voice", "voice", "chat", "email")


def write_contacts(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 8, tzinfo=UTC)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for i in range(rows):
            q = rng.randrange(len(QUEUES))
            arrived = start + timedelta(seconds=i * 13 + rng.randrange(13))
            answered = rng.random() < 0.9
            wait = timedelta(seconds=rng.randrange(120))
            talk = timedelta(seconds=60 + rng.randrange(600))
            ended = arrived + wait + (talk if answered else timedelta())
            survey = answered and rng.random() < 0.1
            out.writerow(
                [
                    f"bench-{i}",
                    QUEUES[q],
                    CHANNELS[q],
                    arrived.isoformat(sep=" "),
                    (arrived + wait).isoformat(sep=" ") if answered else "",
                    ended.isoformat(sep=" "),
                    (ended + timedelta(seconds=30)).isoformat(sep=" ") if answered else "",
                    f"agent-{rng.randrange(60)}" if answered else "",
                    "answered" if answered else "abandoned",
                    f"cust-{rng.randrange(50_000)}",
                    rng.randint(1, 5) if survey else "",
                    rng.randint(0, 10) if survey else "",
                    "",
                ]
            )


def run() -> list[Figure]:
    from supervisor_app.ingest.files.contacts import import_contacts
    from supervisor_app.services.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "contacts.csv"
        write_contacts(source, ROWS)
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            began = time.perf_counter()
            result = import_contacts(db, source)
            elapsed = time.perf_counter() - began
        finally:
            db.close()
    assert result.imported == ROWS, result
    return [Figure("import.contacts_csv_rows_per_s", ROWS / elapsed, "rows/s")]


if __name__ == "__main__":
    for figure in run():
        print(f"{figure.name} {figure.value:.6g} {figure.unit}")
