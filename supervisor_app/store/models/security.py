"""Which sites a person may see on a shared database (PostgreSQL row-level security)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base


class UserSite(Base):
    """A login limited to a site: a login with no row here sees every site.

    Written only by the ``sc_user_*`` functions ``db roles`` creates, so a person
    can't widen their own limits; empty (and unused) on SQLite, which is single-user.
    """

    __tablename__ = "user_sites"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    site_id: Mapped[int] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True, index=True
    )
