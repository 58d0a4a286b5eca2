"""Every service test runs twice: against the in-memory fake unit of work and a SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flux_cli import services
from flux_cli.services import Context
from tests.services.fake_uow import FakeStore


@pytest.fixture(params=["fake", "sqlite"])
def ctx(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Context]:
    if request.param == "fake":
        yield Context(profile="ana", store=FakeStore())
        return
    kept = services.keep_open(Context(profile="ana", db_url=f"sqlite:///{tmp_path / 'flux.db'}"))
    yield kept
    services.close(kept)
