"""Security on a shared PostgreSQL: group roles, their grants, people and their sites.

The face of the feature: ``db roles`` (``apply_roles``), the ``user`` commands
(``add_user``, ``set_user``, ``remove_user``, ``list_users``) and the grant matrix
(``GRANTS``, ``GROUP_ROLES``) that they and the user guide read. Row-level
security and the audit trail's triggers are in migration 0012. SQLite is
single-user: every entry refuses it with ``SQLITE_REFUSAL``.
"""

from supervisor_app.domain.grants import (
    GRANTS,
    GROUP_ROLES,
    VERBS,
    Grant,
    grants,
    matrix_markdown,
    may,
)
from supervisor_app.services.security.limits import site_limited
from supervisor_app.services.security.people import (
    Person,
    add_user,
    check_login,
    group_role,
    list_users,
    open_shared,
    remove_user,
    set_user,
)
from supervisor_app.services.security.roles import SQLITE_REFUSAL, apply_roles, require_postgresql

__all__ = [
    "GRANTS",
    "GROUP_ROLES",
    "SQLITE_REFUSAL",
    "VERBS",
    "Grant",
    "Person",
    "add_user",
    "apply_roles",
    "check_login",
    "grants",
    "group_role",
    "list_users",
    "matrix_markdown",
    "may",
    "open_shared",
    "remove_user",
    "require_postgresql",
    "set_user",
    "site_limited",
]
