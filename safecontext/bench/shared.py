"""All shared contexts at once: for every context, the open young people linked to it (the issue's "full recompute of
all shared contexts across open cases ≤ 1 s"). One SQL statement, a GROUP BY over the links of open young people.

"Open" is front_door/queries/linked.py's rule: a referral awaiting screening or screened, received in the last 12
months, or an open case — scoped through access/scope.py, so a user only counts what they may see. A link counts
while it is current or ended within the last 12 months, as in the linked-young-people check.

The shape matters on PostgreSQL: the open young people are a subquery used twice, not a CTE (PostgreSQL materialises a
CTE used twice and then hashes all 5,000,000 links to join it, ~4 s); inlined, each open person's node finds its
links through the `a` and `b` indexes (nested loops, ~25,000 times a few index probes). Just-in-time compilation is
switched off for the statement: it spent 1.6 s compiling a query that runs in well under that, and a generous
`work_mem` keeps the sort in memory (both `SET LOCAL`, so only this transaction is affected).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction

from safecontext.access.scope import cases_visible_to, referrals_visible_to
from safecontext.cases.models import Case
from safecontext.front_door.models import Referral
from safecontext.network.models import Link, Node

if TYPE_CHECKING:
    from safecontext.accounts.models import User

OPEN_REFERRAL_STATUSES = (Referral.Status.AWAITING_SCREENING, Referral.Status.SCREENED)


def _open_people_sql(user: User, since: dt.datetime) -> tuple[str, tuple[object, ...]]:
    """SQL for the ids of the open young people the user's scope reaches, and its parameters."""
    referral_children = (
        Referral.children.through.objects.filter(
            referral__in=referrals_visible_to(user)
            .filter(status__in=OPEN_REFERRAL_STATUSES, received_at__gte=since)
            .order_by()
            .values("pk")
        )
        .order_by()
        .values_list("person_id")
    )
    case_subjects = cases_visible_to(user).filter(status=Case.Status.OPEN).order_by().values_list("subject_id")
    sql, params = referral_children.union(case_subjects).query.sql_with_params()
    return sql, tuple(params)


def shared_contexts(*, user: User, now: dt.datetime, minimum: int = 2) -> list[tuple[int, int]]:
    """(context node id, number of open young people linked to it) for every context with at least `minimum`."""
    since = now - dt.timedelta(days=365)
    open_sql, open_params = _open_people_sql(user, since)
    link, node = Link._meta.db_table, Node._meta.db_table
    sql = f"""
        SELECT x.context_node, COUNT(DISTINCT x.person_id) FROM (
            SELECT l.b_id AS context_node, n.person_id FROM {node} n JOIN {link} l ON l.a_id = n.id
            WHERE n.person_id IN ({open_sql}) AND (l.valid_to IS NULL OR l.valid_to >= %s)
            UNION ALL
            SELECT l.a_id AS context_node, n.person_id FROM {node} n JOIN {link} l ON l.b_id = n.id
            WHERE n.person_id IN ({open_sql}) AND (l.valid_to IS NULL OR l.valid_to >= %s)
        ) x
        JOIN {node} c ON c.id = x.context_node AND c.kind = %s
        GROUP BY x.context_node HAVING COUNT(DISTINCT x.person_id) >= %s
    """  # noqa: S608 - table names from the models; every value is a parameter
    params: list[Any] = [*open_params, since.date(), *open_params, since.date(), Node.Kind.CONTEXT, minimum]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)
        return [(int(node_id), int(count)) for node_id, count in cursor.fetchall()]
