"""Shared fixtures: every test runs in its own data directory; PostgreSQL on request."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ENV = "FLUX_TEST_DATABASE_URL"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point FLUX_HOME at the test's tmp_path and drop any flux settings from the caller."""
    monkeypatch.setenv("FLUX_HOME", str(tmp_path))
    for name in ("FLUX_DATABASE_URL", "FLUX_PROFILE", "FLUX_CONFIG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, blank PostgreSQL database for this test, dropped afterwards.

    Skips when FLUX_TEST_DATABASE_URL is unset; fails when it is set but unreachable.
    """
    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        pytest.skip(f"{PG_ENV} is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    import psycopg
    from psycopg import sql
    from sqlalchemy import make_url

    from flux_cli.storage.urls import mask_url, normalise_url, scrub

    server = make_url(normalise_url(admin_url))
    try:
        admin = psycopg.connect(
            server.set(drivername="postgresql").render_as_string(hide_password=False),
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.Error as exc:
        reason = scrub(str(exc), admin_url)
        # No traceback: its frames would show the connection string, password included.
        pytest.fail(
            f"{PG_ENV} is set but unreachable ({mask_url(admin_url)}): {reason}", pytrace=False
        )
    name = f"flux_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
