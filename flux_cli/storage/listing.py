"""Newest-first listings over an inclusive date range, as one Core query (sessions, activities)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Date, TextualSelect, bindparam, text


def dated_listing(
    select_from: str,
    where: list[str],
    values: dict[str, Any],
    *,
    date_column: str,
    order_by: str,
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
    types: Mapping[str, Any],
) -> TextualSelect:
    """`select_from WHERE …` limited to [since, until] and `limit` rows; adds to `values`."""
    if since is not None:
        where.append(f"{date_column} >= :since")
        values["since"] = since
    if until is not None:
        where.append(f"{date_column} <= :until")
        values["until"] = until
    sql = f"{select_from} WHERE {' AND '.join(where)} ORDER BY {order_by}"
    if limit is not None:
        sql += " LIMIT :limit"
        values["limit"] = limit
    dates = (bindparam(name, type_=Date) for name in ("since", "until") if name in values)
    return text(sql).bindparams(*dates).columns(**types)
