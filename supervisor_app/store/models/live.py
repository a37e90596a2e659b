"""Versions of the live view's quarter-hours: which closed intervals of today changed.

``live_bucket_versions`` holds one row per UTC quarter-hour (``bucket`` =
seconds since 1970-01-01 UTC // ``BUCKET_SECONDS``) that a contact arriving in
it was written to. Database triggers on ``contacts`` (revision 0014) bump the
version of the bucket of every row inserted, updated (old and new arrival) or
deleted, whoever writes: the app, an import, the simulator, a bulk load or a
``psql`` user. The live view sums each closed quarter-hour once and reads it
again only when its version moves (``services.live.today_sums``).

A quarter-hour of UTC is a quarter-hour of every site's local day: zone offsets
are whole quarter-hours, so local midnight and every 15- or 30-minute interval
start on a bucket boundary, DST days included.
"""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base

BUCKET_SECONDS = 900


class LiveBucketVersion(Base):
    __tablename__ = "live_bucket_versions"

    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
