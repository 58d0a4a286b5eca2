"""Writes that fail mid-workout, for real: a PostgreSQL server that refuses inserts into
`workout_sets` (a trigger raising SQLSTATE 53100, disk full) until the fault is lifted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from flux_cli import services
from flux_cli.storage.database import Database
from flux_cli.tui.app import FluxApp, make_app
from flux_cli.tui.screens.modals import ConfirmScreen
from flux_cli.tui.screens.workout import WorkoutScreen
from tests.tui.conftest import (
    BIG,
    DAY,
    FakeClock,
    check_in,
    screen_text,
    start_workout,
    wait_for,
    wait_text,
)

pytestmark = [pytest.mark.asyncio, pytest.mark.postgres]

FAULT = """
CREATE FUNCTION refuse_sets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'
      USING ERRCODE = 'disk_full'; END $$;
CREATE TRIGGER refuse_sets BEFORE INSERT ON workout_sets
    FOR EACH ROW EXECUTE FUNCTION refuse_sets();
"""
LIFT = "DROP TRIGGER refuse_sets ON workout_sets; DROP FUNCTION refuse_sets();"


class Server:
    """Admin access to the test's database, to break and mend it under the app."""

    def __init__(self, url: str) -> None:
        self.dsn = make_url(url).set(drivername="postgresql").render_as_string(False)

    def run(self, sql: str) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as connection:
            connection.execute(sql)


@pytest.fixture
def server(pg_url: str) -> Iterator[Server]:
    Database.open(pg_url, check_schema=False).upgrade()
    yield Server(pg_url)


@pytest.fixture
def pg_ctx(pg_url: str, server: Server, fixed_table: Path) -> services.Context:
    return services.Context(db_url=pg_url, config_path=fixed_table)


@pytest.fixture
def pg_app(pg_ctx: services.Context) -> Iterator[FluxApp]:
    app = make_app(pg_ctx, clock=FakeClock(DAY))
    yield app
    services.close(app.ctx)


def stored(ctx: services.Context) -> list[tuple[str, float | None, int | None]]:
    return [(row.exercise, row.weight_kg, row.reps) for row in services.show_session(ctx).sets]


async def test_a_refused_write_is_shown_kept_and_retried_until_stored(
    pg_app: FluxApp, pg_ctx: services.Context, server: Server
) -> None:
    check_in(pg_ctx)
    async with pg_app.run_test(size=BIG) as pilot:
        screen = await start_workout(pilot, pg_app)
        server.run(FAULT)
        await pilot.press(*"100", "tab", "5", "enter")
        await wait_text(pilot, "could not save Back Squat 100 kg × 5")
        assert "No space left on device" in screen_text(pg_app)
        assert "saving…" in screen_text(pg_app)  # still queued, not dropped
        assert stored(pg_ctx) == []
        server.run(LIFT)
        await wait_for(pilot, lambda: len(screen.sets) == 1, timeout=15)  # the retry got in
        await wait_text(pilot, "saved: Back Squat 100 kg × 5")
    assert stored(pg_ctx) == [("Back Squat", 100.0, 5)]


async def test_quitting_with_a_refused_set_asks_first(
    pg_app: FluxApp, pg_ctx: services.Context, server: Server
) -> None:
    check_in(pg_ctx)
    async with pg_app.run_test(size=BIG) as pilot:
        await start_workout(pilot, pg_app)
        server.run(FAULT)
        await pilot.press(*"100", "tab", "5", "enter")
        await wait_text(pilot, "could not save")
        await pilot.press("escape", "q")
        await wait_for(pilot, lambda: isinstance(pg_app.screen, ConfirmScreen))
        assert "1 change(s) not stored yet" in screen_text(pg_app)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(pg_app.screen, WorkoutScreen))
        assert pg_app.is_running
        await pilot.press("escape", "q")  # back from the question, the field has the focus
        await wait_for(pilot, lambda: isinstance(pg_app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: not pg_app.is_running)
    assert stored(pg_ctx) == []
