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

``live_slice_versions`` does the same for the ten-second slices of the last
``SLICE_SLOTS`` × 10 s (42 minutes): the quarter-hour in progress and the one
before it, whose contacts are still being answered and ended. A busy floor
moves their quarter-hours' versions at every write, but each write touches a
few slices only, so the live view re-sums those slices rather than the whole
quarter-hours (migration 0022). A slice's row is its slot, ``slice %
SLICE_SLOTS``, reused as time goes on: the table never grows past 256 rows. A
slot's version is bumped by every write to any slice it holds, so a slot whose
version has not moved has had no write to its recent slice; a write to a slice
42 minutes older only makes the live view read the recent one again.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base

BUCKET_SECONDS = 900
SLICE_SECONDS = 10
SLICE_SLOTS = 256


class LiveBucketVersion(Base):
    __tablename__ = "live_bucket_versions"

    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class LiveSliceVersion(Base):
    __tablename__ = "live_slice_versions"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
